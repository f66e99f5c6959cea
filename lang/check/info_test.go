package check

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/codes"
	"github.com/nexusfleet/nexus/lang/syntax"
)

const sample = `/// Holds depth.
reflex depth_keeper {
    intent "maintain 2 m depth"
    trust 0.6
    autonomy L3
    period 10 ms

    sensor depth: num[m] @ 16 range 0 m .. 100 m
    sensor heading: num[deg] @ 17 range 0 deg .. 360 deg
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 5 %
    actuator rudder: num[rad] @ 21 range -0.5 rad .. 0.5 rad safe 0 rad
    outbox alert: int @ 7
    inbox setpoint: num[m]
    param target: num[m] = 2 m
    const kp: num[%/m] = 40 %/m
    const half = 1 / 2
    state integ: num[m*s] = 0 m*s
    state goal: num[m] = 2 m

    on tick {
        let err = depth - target
        let window: num[ms] = 2 s
        if depth < 1 m { thrust = 0 % } else { thrust = clamp(kp * err, -100 %, 100 %) }
        rudder = steer(heading)
        for i in 0..4 { integ += err * 10 ms }
        receive setpoint as sp { goal = sp }
        if goal > 50 m or window > 1 s { send alert(3) }
        a2a report_status(depth, 2)
    }
    every 100 ms { send alert(half) }
    on failsafe { thrust = 0 %; rudder = 0 rad }

    fn steer(h: num[deg]) -> num[rad] {
        return clamp(min(h, 1 rad), -0.5 rad, 0.5 rad)
    }
}
`

func checkSample(t *testing.T) (*syntax.File, *Info) {
	t.Helper()
	f, info, ds := Source("sample.reflex", []byte(sample))
	if len(ds) > 0 {
		t.Fatalf("sample is not clean:\n%s", render(ds))
	}
	return f, info
}

// exprs collects every expression in a file.
func allExprs(f *syntax.File) []syntax.Expr {
	var out []syntax.Expr
	var ex func(x syntax.Expr)
	ex = func(x syntax.Expr) {
		if x == nil {
			return
		}
		out = append(out, x)
		switch x := x.(type) {
		case *syntax.Paren:
			ex(x.X)
		case *syntax.Unary:
			ex(x.X)
		case *syntax.Binary:
			ex(x.X)
			ex(x.Y)
		case *syntax.Call:
			for _, a := range x.Args {
				ex(a)
			}
		case *syntax.Conv:
			ex(x.X)
		}
	}
	var blk func(b *syntax.Block)
	var st func(s syntax.Stmt)
	st = func(s syntax.Stmt) {
		switch s := s.(type) {
		case *syntax.LetStmt:
			ex(s.Value)
		case *syntax.AssignStmt:
			ex(s.Value)
		case *syntax.IfStmt:
			ex(s.Cond)
			blk(s.Then)
			if s.ElseIf != nil {
				st(s.ElseIf)
			}
			blk(s.Else)
		case *syntax.ForStmt:
			ex(s.From)
			ex(s.To)
			blk(s.Body)
		case *syntax.ReturnStmt:
			ex(s.Value)
		case *syntax.SendStmt:
			ex(s.Value)
		case *syntax.ReceiveStmt:
			blk(s.Body)
			blk(s.Else)
		case *syntax.A2AStmt:
			for _, a := range s.Args {
				ex(a)
			}
		case *syntax.ExprStmt:
			ex(s.X)
		}
	}
	blk = func(b *syntax.Block) {
		if b == nil {
			return
		}
		for _, s := range b.Stmts {
			st(s)
		}
	}
	for _, d := range f.Reflex.Decls {
		switch d := d.(type) {
		case *syntax.TrustDecl:
			ex(d.Value)
		case *syntax.PeriodDecl:
			ex(d.Value)
		case *syntax.IODecl:
			ex(d.Channel)
			if d.Range != nil {
				ex(d.Range.Lo)
				ex(d.Range.Hi)
			}
			ex(d.Safe)
			ex(d.Rate)
		case *syntax.MsgDecl:
			ex(d.Channel)
		case *syntax.VarDecl:
			ex(d.Value)
		case *syntax.HandlerDecl:
			blk(d.Body)
		case *syntax.EveryDecl:
			ex(d.Period)
			blk(d.Body)
		case *syntax.FuncDecl:
			blk(d.Body)
		}
	}
	return out
}

func TestEveryExpressionTyped(t *testing.T) {
	f, info := checkSample(t)
	xs := allExprs(f)
	if len(xs) < 50 {
		t.Fatalf("walker found only %d expressions", len(xs))
	}
	untypedOK := map[syntax.Expr]bool{}
	for _, d := range f.Reflex.Decls {
		if v, ok := d.(*syntax.VarDecl); ok && v.Kind == "const" && v.Type == nil {
			// An untyped const keeps its integer-constant type.
			for _, x := range allExprs(&syntax.File{Reflex: &syntax.Reflex{Decls: []syntax.Decl{v}}}) {
				untypedOK[x] = true
			}
		}
	}
	for _, x := range xs {
		ty, ok := info.Types[x]
		if !ok || ty.Kind == Invalid || ty.Kind == UntypedInt && !untypedOK[x] {
			a, _ := x.Span()
			t.Errorf("%d:%d: %T has type %v (recorded %v)", a.Line, a.Column, x, ty, ok)
		}
	}
}

// find returns the first expression whose source text is text.
func find(t *testing.T, f *syntax.File, text string) syntax.Expr {
	t.Helper()
	for _, x := range allExprs(f) {
		a, b := x.Span()
		if string(f.Src[a.Offset:b.Offset]) == text {
			return x
		}
	}
	t.Fatalf("no expression %q", text)
	return nil
}

func TestInfo(t *testing.T) {
	f, info := checkSample(t)
	h := info.Header
	if h.Name != "depth_keeper" || h.Intent != "maintain 2 m depth" || h.Trust != 0.6 || h.Autonomy != 3 || math.Abs(h.Period-0.01) > 1e-12 {
		t.Errorf("header = %+v", h)
	}
	if info.Handlers.Tick == nil || info.Handlers.Failsafe == nil || len(info.Handlers.Every) != 1 || info.Handlers.EveryTicks[0] != 10 {
		t.Errorf("handlers = %+v", info.Handlers)
	}
	g := info.Globals
	if g["depth"].Kind != SymSensor || g["depth"].Channel != 16 || g["thrust"].Kind != SymActuator || g["thrust"].Index != 0 ||
		g["rudder"].Index != 1 || g["alert"].Channel != 7 || g["steer"].Kind != SymFunc || g["setpoint"].Kind != SymInbox {
		t.Errorf("globals wrong")
	}
	th := g["thrust"]
	if th.Safe == nil || th.Safe.Value != 0 || th.Lo.Value != -100 || th.Hi.Value != 100 || th.Rate.Value != 5 {
		t.Errorf("thrust clauses: safe %v lo %v hi %v rate %v", th.Safe, th.Lo, th.Hi, th.Rate)
	}
	if kp := g["kp"]; kp.Value == nil || kp.Value.Value != 40 || kp.Value.Type.String() != "num[%/m]" {
		t.Errorf("kp = %+v", kp.Value)
	}
	if half := g["half"]; half.Value == nil || half.Value.Value != 0 || half.Value.Type.Kind != UntypedInt {
		t.Errorf("half = %+v (integer division)", half.Value)
	}
	if p := g["target"]; p.Value == nil || p.Value.Value != 2 {
		t.Errorf("param default = %+v", p.Value)
	}
	// Types and conversions.
	if ty := info.Types[find(t, f, "kp * err")]; ty.String() != "num[%]" {
		t.Errorf("kp * err: %v", ty)
	}
	if ty := info.Types[find(t, f, "err * 10 ms")]; !sameDim(ty.Unit, g["integ"].Type.Unit) {
		t.Errorf("err * 10 ms: %v", ty)
	}
	two := find(t, f, "2 s")
	if k := info.Consts[two]; k.Value != 2 || info.Convert[two] != 1000 {
		t.Errorf("2 s into num[ms]: const %v convert %v", k, info.Convert[two])
	}
	oneRad := find(t, f, "1 rad")
	if got, want := info.Convert[oneRad], 180/math.Pi; math.Abs(got-want) > 1e-9 {
		t.Errorf("1 rad converted to deg by %v, want %v", got, want)
	}
	sec := find(t, f, "1 s")
	if got := info.Convert[sec]; got != 1000 {
		t.Errorf("1 s compared with num[ms]: convert %v, want 1000", got)
	}
	if ty := info.Types[find(t, f, "3")]; ty.Kind != Int {
		t.Errorf("send alert(3): literal typed %v, want int", ty)
	}
	// Names.
	uses := map[string]SymKind{}
	for n, s := range info.Uses {
		uses[n.Name] = s.Kind
	}
	for name, kind := range map[string]SymKind{"depth": SymSensor, "target": SymParam, "kp": SymConst, "err": SymLet,
		"sp": SymMsgVar, "h": SymFnParam, "goal": SymState, "half": SymConst, "window": SymLet} {
		if uses[name] != kind {
			t.Errorf("use of %s resolved to %v, want %v", name, uses[name], kind)
		}
	}
	// Call graph.
	calls := info.Calls[info.Handlers.Tick]
	if len(calls) != 1 || calls[0].Callee != g["steer"] {
		t.Errorf("tick calls %v", calls)
	}
	if info.A2A == nil || len(info.A2A) != 1 {
		t.Errorf("a2a = %v", info.A2A)
	}
	for _, op := range info.A2A {
		if op != "REPORT_STATUS" {
			t.Errorf("a2a op %q", op)
		}
	}
	for _, n := range info.LoopCounts {
		if n != 4 {
			t.Errorf("loop count %d", n)
		}
	}
}

// applyEdits applies a diagnostic's edits to src (edits on distinct
// spans, applied from the end).
func applyEdits(t *testing.T, src string, edits []diag.Edit) string {
	t.Helper()
	lines := strings.SplitAfter(src, "\n")
	off := func(p diag.Pos) int {
		o := 0
		for i := 0; i < p.Line-1; i++ {
			o += len(lines[i])
		}
		return o + p.Col - 1
	}
	sort.Slice(edits, func(i, j int) bool { return off(edits[i].Span.Start) > off(edits[j].Span.Start) })
	for _, e := range edits {
		a, b := off(e.Span.Start), off(e.Span.End)
		src = src[:a] + e.NewText + src[b:]
	}
	return src
}

// TestEdits applies every machine-applicable edit a bad example offers
// and checks that the code it fixes is gone.
func TestEdits(t *testing.T) {
	cases := []struct{ name, src, code, want string }{
		{"R208", wrap("", "if depth > 2 { thrust = 0 % } else { thrust = 1 % }"), "R208", "depth > 2 m {"},
		{"R307 and", wrap("", "if depth > 1 m && depth < 2 m { thrust = 0 % } else { thrust = 1 % }"), "R307", "depth > 1 m and depth"},
		{"R307 not", wrap("", "if !(depth > 1 m) { thrust = 0 % } else { thrust = 1 % }"), "R307", "if not (depth"},
		{"R307 not space", wrap("", "if ! (depth > 1 m) { thrust = 0 % } else { thrust = 1 % }"), "R307", "if not (depth"},
		{"R306", wrap("", "thrust = 0 %\n thrust == 1 %"), "R306", "thrust = 1 %"},
		{"R101", wrap("", "thrust = depht * 1 %/m"), "R101", "thrust = depth * 1 %/m"},
		{"R105", wrap("    const k: num[meters] = 1 m", "thrust = k * 1 %/m"), "R105", "num[m] = 1 m"},
		{"R106", wrap("    on tik { thrust = 0 % }", "thrust = 0 %"), "R106", "on tick { thrust"},
		{"R107", wrap("", "thrust = 0 %\n a2a report_stat(1)"), "R107", "a2a report_status(1)"},
		{"R407", strings.Replace(wrap("", "thrust = 0 %"), "intent \"test\"", "intent \"test\"\n    autonomy l3", 1), "R407", "autonomy L3"},
		{"R402", `reflex t { intent "x"
 actuator a: num[%] @ 20
 on tick { a = 1 % }
 on failsafe { a = 0 % } }`, "R402", "@ 20 safe 0 %"},
		{"R412", wrap("    state s = 1 m", "s += depth\n thrust = 0 %"), "R412", "state s: num[m] = 1 m"},
		{"R413", `reflex t {
    intent "x"
    actuator a: num[%] @ 20 safe 10 %
    actuator b: bool @ 21 safe false
    on tick { a = 1 %; b = true }
}
`, "R413", "    on failsafe {\n        a = 10 %\n        b = false\n    }\n}"},
		{"R413 one line", `reflex t { intent "x"; actuator a: num[%] @ 20 safe 0 %; on tick { a = 1 % } }`, "R413", "on failsafe { a = 0 % }"},
		{"R410", `reflex t {
    on tick { }
}
`, "R410", "reflex t {\n    intent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, ds := Source("t.reflex", []byte(tc.src))
			var edits []diag.Edit
			for _, d := range ds {
				if d.Code == tc.code {
					edits = append(edits, d.Edits...)
				}
			}
			if len(edits) == 0 {
				t.Fatalf("no edits for %s in\n%s", tc.code, render(ds))
			}
			fixed := applyEdits(t, tc.src, edits)
			if !strings.Contains(fixed, tc.want) {
				t.Errorf("fixed source does not contain %q:\n%s", tc.want, fixed)
			}
			_, _, ds = Source("t.reflex", []byte(fixed))
			for _, d := range ds {
				if d.Code == tc.code {
					t.Errorf("after the edit %s remains: %v\n%s", tc.code, d, fixed)
				}
			}
		})
	}
}

// TestBadExampleEdits applies the edits of each registry bad example: the
// result must no longer report that code.
func TestBadExampleEdits(t *testing.T) {
	for _, e := range codes.All() {
		if e.Bad == "" {
			continue
		}
		_, _, ds := Source("bad.reflex", []byte(e.Bad))
		var edits []diag.Edit
		for _, d := range ds {
			if d.Code == e.Code {
				edits = append(edits, d.Edits...)
			}
		}
		if len(edits) == 0 {
			continue
		}
		fixed := applyEdits(t, e.Bad, edits)
		_, _, ds = Source("fixed.reflex", []byte(fixed))
		for _, d := range ds {
			if d.Code == e.Code {
				t.Errorf("%s: after its edits the code remains: %v\n%s", e.Code, d, fixed)
			}
		}
	}
}

func TestPositions(t *testing.T) {
	src := wrap("", "if depth > 2 { thrust = 0 % } else { thrust = 1 % }")
	_, _, ds := Source("t.reflex", []byte(src))
	if len(ds) != 1 {
		t.Fatalf("want one diagnostic:\n%s", render(ds))
	}
	d := ds[0]
	// Line 10 of wrap is the tick body: "if depth > 2 {…".
	if d.Span.Start.Line != 10 || d.Span.Start.Col != 12 || d.Span.End.Col != 13 || d.Span.Start.File != "t.reflex" {
		t.Errorf("span = %+v", d.Span)
	}
	if len(d.Edits) != 1 || d.Edits[0].NewText != " m" || d.Edits[0].Span.Start.Col != 13 {
		t.Errorf("edits = %+v", d.Edits)
	}
}

func TestRecursionRelated(t *testing.T) {
	src := wrap("    fn f(n: int) -> int { return g(n) }\n    fn g(n: int) -> int { return h(n) }\n    fn h(n: int) -> int { return f(n) }", "thrust = num(f(1)) * 1 %")
	_, _, ds := Source("t.reflex", []byte(src))
	var n int
	for _, d := range ds {
		if d.Code == "R304" {
			n++
			if len(d.Related) != 3 || !strings.Contains(d.Message, "f -> g -> h -> f") {
				t.Errorf("R304 = %v related %v", d.Message, d.Related)
			}
		}
	}
	if n != 1 {
		t.Errorf("want one R304, got %d:\n%s", n, render(ds))
	}
}

func TestNoReflex(t *testing.T) {
	_, _, ds := Source("empty.reflex", []byte("// nothing\n"))
	if len(ds) == 0 {
		t.Fatal("an empty file checks clean")
	}
	for _, d := range ds {
		if d.Span.Start.Line < 1 || d.Span.Start.Col < 1 {
			t.Errorf("bad position %v", d)
		}
	}
}

func TestSyntaxErrorsStopChecking(t *testing.T) {
	_, info, ds := Source("t.reflex", []byte("reflex t { on tick { x = } }"))
	if info != nil {
		t.Error("info returned despite syntax errors")
	}
	for _, d := range ds {
		if d.Code[1] != '0' {
			t.Errorf("checker diagnostic after a syntax error: %v", d)
		}
	}
}
