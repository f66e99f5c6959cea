package gen

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/syntax"
)

const seeds = 2000

func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)) }

func errorsOf(ds diag.List) string {
	var b strings.Builder
	for _, d := range ds {
		if d.Severity == diag.Error {
			b.WriteString(d.Error() + "\n")
		}
	}
	return b.String()
}

// numbered prefixes each line with its number, to read diagnostics against.
func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// TestChecks checks every generated reflex, counting the language features
// the seeds cover, and requires each feature at least once.
func TestChecks(t *testing.T) {
	cov := coverage{}
	failed := 0
	for seed := range uint64(seeds) {
		src := Reflex(rng(seed), Options{})
		f, info, ds := check.Source("gen.reflex", []byte(src))
		if ds.HasErrors() {
			if failed++; failed <= 3 {
				t.Errorf("seed %d: the generated reflex does not check:\n%s\n%s", seed, errorsOf(ds), numbered(src))
			}
			continue
		}
		cov.reflex(f.Reflex, info)
	}
	if failed > 0 {
		t.Fatalf("%d of %d seeds failed", failed, seeds)
	}
	var missing []string
	for _, k := range features {
		if cov[k] == 0 {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		t.Errorf("never generated over %d seeds: %s", seeds, strings.Join(missing, ", "))
	}
	if testing.Verbose() {
		keys := make([]string, 0, len(cov))
		for k := range cov {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("%-28s %d", k, cov[k])
		}
	}
}

func TestDeterministic(t *testing.T) {
	seen := map[string]bool{}
	for seed := range uint64(50) {
		a := Reflex(rng(seed), Options{})
		if b := Reflex(rng(seed), Options{}); a != b {
			t.Fatalf("seed %d: two runs differ:\n%s\n---\n%s", seed, a, b)
		}
		seen[a] = true
	}
	if len(seen) < 45 {
		t.Errorf("50 seeds gave only %d distinct programs", len(seen))
	}
}

// TestOptions checks other sizes, and that the bounds hold: at most Funcs
// functions, loops of at most 6 iterations.
func TestOptions(t *testing.T) {
	for _, o := range []Options{{MaxStmts: 1, MaxDepth: 1, Funcs: 1}, {MaxStmts: 14, MaxDepth: 7, Funcs: 6}} {
		for seed := range uint64(200) {
			src := Reflex(rng(seed), o)
			f, info, ds := check.Source("gen.reflex", []byte(src))
			if ds.HasErrors() {
				t.Fatalf("%+v seed %d:\n%s\n%s", o, seed, errorsOf(ds), numbered(src))
			}
			fns := 0
			for _, d := range f.Reflex.Decls {
				if _, ok := d.(*syntax.FuncDecl); ok {
					fns++
				}
			}
			if fns > o.Funcs {
				t.Errorf("%+v seed %d: %d functions", o, seed, fns)
			}
			for _, n := range info.LoopCounts {
				if n > 6 {
					t.Errorf("%+v seed %d: a loop of %d iterations", o, seed, n)
				}
			}
		}
	}
}

// features are the coverage keys TestChecks requires.
var features = []string{
	"intent", "trust", "autonomy", "period",
	"sensor num", "sensor int", "sensor bool", "actuator num", "actuator int", "actuator bool",
	"rate", "outbox", "inbox", "param", "const typed", "const inferred", "const from const", "state",
	"fn result", "fn void", "fn params", "on init", "on tick", "on failsafe", "every",
	"let typed", "let inferred", "assign =", "assign +=", "assign -=", "assign *=", "assign /=",
	"assign actuator", "assign state", "assign let", "compound assign actuator",
	"if", "else if", "else", "for", "for const bound", "return", "return value", "return in if",
	"send", "receive", "receive else", "a2a 0", "a2a 1", "a2a 2", "call stmt",
	"binary +", "binary -", "binary *", "binary /", "binary ==", "binary !=", "binary <",
	"binary <=", "binary >", "binary >=", "binary and", "binary or", "unary -", "unary not",
	"abs", "min", "max", "clamp", "call in expr", "conv int", "conv num", "conv num[U]",
	"unit literal", "plain literal", "int literal", "bool literal",
	"scale conversion", "unit product", "dimensionless division", "actuator read in tick",
	"loop var read", "message var read", "runtime division",
}

type coverage map[string]int

func (c coverage) reflex(r *syntax.Reflex, info *check.Info) {
	if len(info.Convert) > 0 {
		c["scale conversion"]++
	}
	for _, d := range r.Decls {
		c.decl(d, info)
	}
}

func (c coverage) decl(d syntax.Decl, info *check.Info) {
	w := walker{c: c, info: info}
	switch d := d.(type) {
	case *syntax.IntentDecl:
		c["intent"]++
	case *syntax.TrustDecl:
		c["trust"]++
	case *syntax.AutonomyDecl:
		c["autonomy"]++
	case *syntax.PeriodDecl:
		c["period"]++
	case *syntax.IODecl:
		c[d.Kind+" "+d.Type.Name]++
		if d.Rate != nil {
			c["rate"]++
		}
	case *syntax.MsgDecl:
		c[d.Kind]++
	case *syntax.VarDecl:
		switch {
		case d.Kind != "const":
			c[d.Kind]++
		case d.Type != nil:
			c["const typed"]++
		default:
			c["const inferred"]++
			if _, lit := d.Value.(*syntax.NumberLit); !lit {
				c["const from const"]++
			}
		}
	case *syntax.FuncDecl:
		if d.Result != nil {
			c["fn result"]++
		} else {
			c["fn void"]++
		}
		if len(d.Params) > 0 {
			c["fn params"]++
		}
		w.block(d.Body, 0)
	case *syntax.HandlerDecl:
		c["on "+d.Event.Name]++
		w.tick = d.Event.Name == "tick"
		w.block(d.Body, 0)
	case *syntax.EveryDecl:
		c["every"]++
		w.block(d.Body, 0)
	}
}

type walker struct {
	c    coverage
	info *check.Info
	tick bool
}

func (w walker) block(b *syntax.Block, nest int) {
	for i, s := range b.Stmts {
		if r, ok := s.(*syntax.ReturnStmt); ok {
			w.c["return"]++
			if r.Value != nil {
				w.c["return value"]++
				w.expr(r.Value)
			}
			if nest > 0 && i == len(b.Stmts)-1 {
				w.c["return in if"]++
			}
			continue
		}
		w.stmt(s, nest)
	}
}

func (w walker) stmt(s syntax.Stmt, nest int) {
	c := w.c
	switch s := s.(type) {
	case *syntax.LetStmt:
		if s.Type != nil {
			c["let typed"]++
		} else {
			c["let inferred"]++
		}
		w.expr(s.Value)
	case *syntax.AssignStmt:
		c["assign "+s.Op]++
		if sym := w.info.Refs[s.Target]; sym != nil {
			c["assign "+sym.Kind.String()]++
			if sym.Kind == check.SymActuator && s.Op != "=" {
				c["compound assign actuator"]++
			}
		}
		w.expr(s.Value)
	case *syntax.IfStmt:
		c["if"]++
		for ; s != nil; s = s.ElseIf {
			w.expr(s.Cond)
			w.block(s.Then, nest+1)
			if s.ElseIf != nil {
				c["else if"]++
			}
			if s.Else != nil {
				c["else"]++
				w.block(s.Else, nest+1)
			}
		}
	case *syntax.ForStmt:
		c["for"]++
		if _, named := s.To.(*syntax.Name); named {
			c["for const bound"]++
		}
		w.block(s.Body, nest+1)
	case *syntax.SendStmt:
		c["send"]++
		w.expr(s.Value)
	case *syntax.ReceiveStmt:
		c["receive"]++
		w.block(s.Body, nest+1)
		if s.Else != nil {
			c["receive else"]++
			w.block(s.Else, nest+1)
		}
	case *syntax.A2AStmt:
		c["a2a "+strconv.Itoa(len(s.Args))]++
		for _, a := range s.Args {
			w.expr(a)
		}
	case *syntax.ExprStmt:
		c["call stmt"]++
		for _, a := range s.X.(*syntax.Call).Args {
			w.expr(a)
		}
	}
}

func (w walker) expr(x syntax.Expr) {
	c := w.c
	switch x := x.(type) {
	case *syntax.NumberLit:
		switch {
		case x.Unit != nil:
			c["unit literal"]++
		case strings.Contains(x.Text, "."):
			c["plain literal"]++
		default:
			c["int literal"]++
		}
	case *syntax.BoolLit:
		c["bool literal"]++
	case *syntax.Name:
		if s := w.info.Uses[x]; s != nil {
			switch {
			case s.Kind == check.SymActuator && w.tick:
				c["actuator read in tick"]++
			case s.Kind == check.SymLoopVar:
				c["loop var read"]++
			case s.Kind == check.SymMsgVar:
				c["message var read"]++
			}
		}
	case *syntax.Paren:
		w.expr(x.X)
	case *syntax.Unary:
		c["unary "+x.Op]++
		w.expr(x.X)
	case *syntax.Binary:
		c["binary "+x.Op]++
		w.binaryUnits(x)
		w.expr(x.X)
		w.expr(x.Y)
	case *syntax.Call:
		switch x.Fn.Name {
		case "abs", "min", "max", "clamp":
			c[x.Fn.Name]++
		default:
			c["call in expr"]++
		}
		for _, a := range x.Args {
			w.expr(a)
		}
	case *syntax.Conv:
		if x.Type.Unit != nil {
			c["conv num[U]"]++
		} else {
			c["conv "+x.Type.Name]++
		}
		w.expr(x.X)
	}
}

// binaryUnits counts the unit algebra of * and /: two units multiplied
// into a third, a value divided by one of its own dimension, and a
// division the checker cannot fold.
func (w walker) binaryUnits(x *syntax.Binary) {
	tx, ty, t := w.info.Types[x.X], w.info.Types[x.Y], w.info.Types[x]
	dimensioned := func(t check.Type) bool { return t.Kind == check.Num && !t.Unit.IsDimensionless() }
	switch {
	case x.Op == "*" && dimensioned(tx) && dimensioned(ty) && dimensioned(t):
		w.c["unit product"]++
	case x.Op == "/" && dimensioned(tx) && dimensioned(ty) && t.Kind == check.Num && t.Unit.IsDimensionless():
		w.c["dimensionless division"]++
	}
	if _, k := w.info.Consts[x.Y]; x.Op == "/" && !k {
		w.c["runtime division"]++
	}
}
