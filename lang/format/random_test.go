package format

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/syntax"
)

// gen builds random well-formed syntax trees directly (no parsing), so the
// printer is tested on shapes no example contains.
type gen struct{ r *rand.Rand }

var (
	genNames = []string{"a", "b", "speed", "dist", "gain", "s", "g"} // s and g are also units
	genUnits = []string{"m", "ms", "%", "deg", "m/s", "%/m", "m/s^2", "1/s"}
	genOps   = []string{"or", "and", "&&", "||", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"}
)

func (g gen) pick(xs []string) string { return xs[g.r.Intn(len(xs))] }

func (g gen) ident() *syntax.Ident { return &syntax.Ident{Name: g.pick(genNames)} }

func (g gen) unit() *syntax.UnitExpr {
	f, _ := syntax.Parse("u", []byte("reflex u { const k: num["+g.pick(genUnits)+"] = 1 }"))
	return f.Reflex.Decls[0].(*syntax.VarDecl).Type.Unit
}

func (g gen) typ() *syntax.TypeExpr {
	switch g.r.Intn(4) {
	case 0:
		return &syntax.TypeExpr{Name: "bool"}
	case 1:
		return &syntax.TypeExpr{Name: "int"}
	case 2:
		return &syntax.TypeExpr{Name: "num"}
	}
	return &syntax.TypeExpr{Name: "num", Unit: g.unit()}
}

func (g gen) number() *syntax.NumberLit {
	n := &syntax.NumberLit{Text: g.pick([]string{"0", "1", "2.5", "100", "0x1F", "0.001"})}
	if g.r.Intn(2) == 0 {
		n.Unit = g.unit()
	}
	return n
}

func (g gen) expr(depth int) syntax.Expr {
	if depth <= 0 {
		switch g.r.Intn(7) {
		case 0, 1:
			return g.number()
		case 2:
			return &syntax.BoolLit{Value: g.r.Intn(2) == 0}
		case 3:
			return &syntax.StringLit{Raw: strconv.Quote(g.pick([]string{"", "x", "a \"b\"\n"}))}
		}
		return &syntax.Name{Name: g.pick(genNames)}
	}
	switch g.r.Intn(8) {
	case 0, 1, 2:
		return &syntax.Binary{Op: g.pick(genOps), X: g.expr(depth - 1), Y: g.expr(depth - 1)}
	case 3:
		return &syntax.Unary{Op: g.pick([]string{"-", "not", "!"}), X: g.expr(depth - 1)}
	case 4:
		c := &syntax.Call{Fn: &syntax.Ident{Name: g.pick([]string{"min", "max", "clamp", "abs", "f", "s"})}}
		for range g.r.Intn(4) {
			c.Args = append(c.Args, g.expr(depth-1))
		}
		return c
	case 5:
		return &syntax.Conv{Type: g.typ(), X: g.expr(depth - 1)}
	case 6:
		return &syntax.Paren{X: g.expr(depth - 1)}
	}
	return g.expr(0)
}

func (g gen) block(depth int) *syntax.Block {
	b := &syntax.Block{}
	for range g.r.Intn(4) {
		b.Stmts = append(b.Stmts, g.stmt(depth))
	}
	return b
}

func (g gen) stmt(depth int) syntax.Stmt {
	k := g.r.Intn(9)
	if depth <= 0 && k >= 6 {
		k = g.r.Intn(6)
	}
	switch k {
	case 0:
		s := &syntax.LetStmt{Name: g.ident(), Value: g.expr(3)}
		if g.r.Intn(2) == 0 {
			s.Type = g.typ()
		}
		return s
	case 1:
		return &syntax.AssignStmt{Target: g.ident(), Op: g.pick([]string{"=", "+=", "-=", "*=", "/="}), Value: g.expr(3)}
	case 2:
		if g.r.Intn(2) == 0 {
			return &syntax.ReturnStmt{}
		}
		return &syntax.ReturnStmt{Value: g.expr(2)}
	case 3:
		return &syntax.SendStmt{Box: g.ident(), Value: g.expr(2)}
	case 4:
		s := &syntax.A2AStmt{Op: &syntax.Ident{Name: "tell"}}
		for range g.r.Intn(3) {
			s.Args = append(s.Args, g.expr(1))
		}
		return s
	case 5:
		return &syntax.ExprStmt{X: &syntax.Call{Fn: g.ident(), Args: []syntax.Expr{g.expr(2)}}}
	case 6:
		s := &syntax.IfStmt{Cond: g.expr(3), Then: g.block(depth - 1)}
		switch g.r.Intn(3) {
		case 0:
			s.ElseIf = &syntax.IfStmt{Cond: g.expr(2), Then: g.block(depth - 1)}
		case 1:
			s.Else = g.block(depth - 1)
		}
		return s
	case 7:
		return &syntax.ForStmt{Var: &syntax.Ident{Name: "i"}, From: g.number(), To: g.expr(1), Body: g.block(depth - 1)}
	}
	s := &syntax.ReceiveStmt{Box: g.ident(), Var: g.ident(), Body: g.block(depth - 1)}
	if g.r.Intn(2) == 0 {
		s.Else = g.block(depth - 1)
	}
	return s
}

func (g gen) decl() syntax.Decl {
	switch g.r.Intn(10) {
	case 9:
		return &syntax.PeriodDecl{Value: g.expr(1)}
	case 0:
		return &syntax.IntentDecl{Text: &syntax.StringLit{Raw: strconv.Quote("purpose \"quoted\"")}}
	case 1:
		return &syntax.TrustDecl{Value: g.number()}
	case 2:
		return &syntax.AutonomyDecl{Level: &syntax.Ident{Name: "L3"}}
	case 3:
		d := &syntax.IODecl{Kind: g.pick([]string{"sensor", "actuator"}), Name: g.ident(), Type: g.typ(), Channel: g.number()}
		if g.r.Intn(2) == 0 {
			d.Range = &syntax.Range{Lo: g.expr(1), Hi: g.expr(1)}
		}
		if g.r.Intn(2) == 0 {
			d.Safe = g.expr(1)
		}
		if g.r.Intn(2) == 0 {
			d.Rate = g.expr(1)
		}
		return d
	case 4:
		d := &syntax.MsgDecl{Kind: g.pick([]string{"inbox", "outbox"}), Name: g.ident(), Type: g.typ()}
		if g.r.Intn(2) == 0 {
			d.Channel = g.number()
		}
		return d
	case 5:
		d := &syntax.VarDecl{Kind: g.pick([]string{"param", "const", "state"}), Name: g.ident(), Value: g.expr(2)}
		if g.r.Intn(2) == 0 {
			d.Type = g.typ()
		}
		return d
	case 6:
		return &syntax.HandlerDecl{Event: &syntax.Ident{Name: g.pick([]string{"init", "tick", "failsafe"})}, Body: g.block(2)}
	case 7:
		return &syntax.EveryDecl{Period: g.number(), Body: g.block(2)}
	}
	d := &syntax.FuncDecl{Name: g.ident(), Body: g.block(2)}
	for range g.r.Intn(3) {
		d.Params = append(d.Params, &syntax.Param{Name: g.ident(), Type: g.typ()})
	}
	if g.r.Intn(2) == 0 {
		d.Result = g.typ()
	}
	return d
}

// TestRandomTrees prints random trees, parses the output, and checks the
// tree survives (parentheses aside: the printer adds those a hand-built
// tree needs) and that formatting the output again changes nothing.
func TestRandomTrees(t *testing.T) {
	g := gen{rand.New(rand.NewSource(1))}
	seen := map[string]bool{}
	for i := range 500 {
		r := &syntax.Reflex{Name: &syntax.Ident{Name: "r" + strconv.Itoa(i)}}
		for range 1 + g.r.Intn(6) {
			r.Decls = append(r.Decls, g.decl())
		}
		out := File(&syntax.File{Reflex: r})
		f, ds := syntax.Parse("random.reflex", out)
		if len(ds) > 0 {
			t.Fatalf("tree %d: output does not parse: %v\n%s", i, ds, out)
		}
		for _, k := range treeKinds {
			if strings.Contains(dump(r, false), k+"{") {
				seen[k] = true
			}
		}
		if a, b := dump(canonical(r), true), dump(f.Reflex, true); a != b {
			t.Fatalf("tree %d changed\nbuilt:  %s\nparsed: %s\noutput:\n%s", i, a, b, out)
		}
		if again := File(f); string(again) != string(out) {
			t.Fatalf("tree %d: not idempotent\nfirst:\n%s\nsecond:\n%s", i, out, again)
		}
	}
	for _, k := range treeKinds {
		if !seen[k] {
			t.Errorf("the generator never built a %s", k)
		}
	}
}

// treeKinds names every declaration, statement and expression node.
var treeKinds = []string{
	"IntentDecl", "TrustDecl", "AutonomyDecl", "PeriodDecl", "IODecl", "MsgDecl", "VarDecl",
	"HandlerDecl", "EveryDecl", "FuncDecl",
	"LetStmt", "AssignStmt", "IfStmt", "ForStmt", "ReturnStmt", "SendStmt", "ReceiveStmt", "A2AStmt", "ExprStmt",
	"NumberLit", "BoolLit", "StringLit", "Name", "Unary", "Binary", "Call", "Conv", "Paren",
}
