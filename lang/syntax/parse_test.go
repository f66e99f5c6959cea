package syntax

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

const sample = `/// Holds depth.
/// Second line.
reflex keeper {
    intent "hold 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m // trailing
    actuator thrust: num[%] @ 20 safe 0 % range -100 % .. 100 % rate 5 %
    const kp: num[%/m] = 40 %/m
    on tick {
        let err = depth - 2 m
        if err > 1 m and not (err > 5 m) {
            thrust = clamp(kp * err, -100 %, 100 %)
        }
        else if err < 0 m { thrust = 0 % } else { thrust = num[%](3 %) }
        for i in 0..4 { thrust += 1 % }
    }
    on failsafe { thrust = 0 % }
}
`

func pos(p Position) string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

func spanOf(n Spanned) string {
	s, e := n.Span()
	return pos(s) + "-" + pos(e)
}

func TestParsePositions(t *testing.T) {
	f, ds := Parse("s.reflex", []byte(sample))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	r := f.Reflex
	if r.Doc != "Holds depth.\nSecond line." || r.Name.Name != "keeper" {
		t.Errorf("doc %q name %q", r.Doc, r.Name.Name)
	}
	io := r.Decls[1].(*IODecl)
	act := r.Decls[2].(*IODecl)
	tick := r.Decls[4].(*HandlerDecl)
	let := tick.Body.Stmts[0].(*LetStmt)
	iff := tick.Body.Stmts[1].(*IfStmt)
	cond := iff.Cond.(*Binary)
	loop := tick.Body.Stmts[2].(*ForStmt)
	got := map[string]string{
		"intent":        spanOf(r.Decls[0]),
		"sensor":        spanOf(io),
		"sensor name":   spanOf(io.Name),
		"sensor type":   spanOf(io.Type),
		"range":         spanOf(io.Range),
		"range lo":      spanOf(io.Range.Lo),
		"actuator safe": spanOf(act.Safe),
		"actuator rate": spanOf(act.Rate),
		"kp value":      spanOf(r.Decls[3].(*VarDecl).Value),
		"tick":          spanOf(tick),
		"let":           spanOf(let),
		"let value":     spanOf(let.Value),
		"if":            spanOf(iff),
		"cond":          spanOf(cond),
		"cond op":       pos(cond.OpPos),
		"not":           spanOf(cond.Y),
		"else if":       spanOf(iff.ElseIf),
		"conv":          spanOf(iff.ElseIf.Else.Stmts[0].(*AssignStmt).Value),
		"for":           spanOf(loop),
		"for to":        spanOf(loop.To),
	}
	want := map[string]string{
		"intent":        "4:5-4:22",
		"sensor":        "5:5-5:49",
		"sensor name":   "5:12-5:17",
		"sensor type":   "5:19-5:25",
		"range":         "5:37-5:49",
		"range lo":      "5:37-5:40",
		"actuator safe": "6:39-6:42",
		"actuator rate": "6:70-6:73",
		"kp value":      "7:26-7:32",
		"tick":          "8:5-15:6",
		"let":           "9:9-9:30",
		"let value":     "9:19-9:30",
		"if":            "10:9-13:73",
		"cond":          "10:12-10:41",
		"cond op":       "10:22",
		"not":           "10:26-10:41",
		"else if":       "13:14-13:73",
		"conv":          "13:60-13:71",
		"for":           "14:9-14:40",
		"for to":        "14:21-14:22",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: span %s, want %s", k, got[k], w)
		}
	}
	if len(f.Comments) != 3 || f.Comments[2].Text != "// trailing" || pos(f.Comments[2].Pos) != "5:50" {
		t.Errorf("comments %+v", f.Comments)
	}
	if u := r.Decls[3].(*VarDecl).Type.Unit.String(); u != "%/m" {
		t.Errorf("unit %q", u)
	}
}

// Each case: source, then the expected diagnostics as "CODE line:col"
// (several per file: the parser recovers after each).
var syntaxCases = []struct {
	name, src string
	want      []string
}{
	{"missing brace", "reflex a {\n on tick {\n  x = 1\n", []string{"R001 4:1"}},
	{"assign in condition", "reflex a {\n on tick {\n  if x = 1 { y = 2 }\n }\n}\n", []string{"R001 3:8"}},
	{"several errors", "reflex a {\n on tick {\n  x = (1\n  y = 2 +\n  z = 3 3\n }\n fn f(a num) {}\n}\n",
		[]string{"R001 3:9", "R001 5:5", "R001 7:9"}},
	{"while loop", "reflex a {\n on tick {\n  while x < 3 { x += 1 }\n }\n}\n", []string{"R004 3:3"}},
	{"elif", "reflex a {\n on tick {\n  if a { b = 1 }\n  elif c { b = 2 }\n }\n}\n", []string{"R004 4:3"}},
	{"unicode operator", "reflex a {\n on tick { if x ≤ 2 { y = 1 } }\n}\n", []string{"R002 2:17"}},
	{"unknown character", "reflex a {\n on tick { if x ¤ 2 { y = 1 } }\n}\n", []string{"R002 2:17", "R001 2:20"}},
	{"unterminated string", "reflex a {\n intent \"abc\n on tick { }\n}\n", []string{"R003 2:9"}},
	{"chained comparison", "reflex a {\n on tick { let b = 1 < x < 3 }\n}\n", []string{"R001 2:26"}},
	{"keyword as name", "reflex a {\n sensor in: int @ 16\n}\n", []string{"R001 2:9"}},
	{"bad type", "reflex a {\n sensor d: float @ 16\n}\n", []string{"R001 2:12"}},
	{"missing unit close", "reflex a {\n sensor d: num[m @ 16\n}\n", []string{"R001 2:18"}},
	{"empty", "", []string{"R001 1:1"}},
	{"two statements on a line", "reflex a {\n on tick { x = 1; y = 2 z = 3 }\n}\n", []string{"R001 2:27"}},
	{"bad exponent", "reflex a {\n const g = 9.8 m/s^x\n}\n", []string{"R001 2:20"}},
	{"empty hex", "reflex a {\n const k = 0x\n}\n", []string{"R001 2:12"}},
	{"exponent", "reflex a {\n const k = 1e3\n}\n", []string{"R001 2:12"}},
	{"comment before else", "reflex a {\n on tick {\n  if a { b = 1 }\n  // otherwise\n  else { b = 2 }\n }\n}\n", nil},
	{"unit then call", "reflex a {\n const k = 2 m * min(a, b)\n}\n", nil},
	{"else on next line", "reflex a {\n on tick {\n  if a { b = 1 }\n  else { b = 2 }\n }\n}\n", nil},
}

func TestSyntaxErrors(t *testing.T) {
	for _, c := range syntaxCases {
		t.Run(c.name, func(t *testing.T) {
			_, ds := Parse("t.reflex", []byte(c.src))
			var got []string
			for _, d := range ds {
				got = append(got, fmt.Sprintf("%s %d:%d", d.Code, d.Span.Start.Line, d.Span.Start.Col))
				if d.Message == "" || d.Span.Start.Line < 1 || d.Span.Start.Col < 1 {
					t.Errorf("bad diagnostic %+v", d)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("got %v, want %v", got, c.want)
				for _, d := range ds {
					t.Log(d.Error())
				}
			}
		})
	}
}

func TestUnitStopsAtNonUnit(t *testing.T) {
	f, ds := Parse("t.reflex", []byte("reflex a {\n on tick { t = 40 %/m * depth / 2 s * m }\n}\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	a := f.Reflex.Decls[0].(*HandlerDecl).Body.Stmts[0].(*AssignStmt)
	// ((40 %/m * depth) / 2 s*m): a known unit after * continues the unit.
	b := a.Value.(*Binary)
	if b.Op != "/" || b.Y.(*NumberLit).Unit.String() != "s*m" || b.X.(*Binary).X.(*NumberLit).Unit.String() != "%/m" {
		t.Errorf("%#v", b)
	}
}

func TestForeignHint(t *testing.T) {
	_, ds := Parse("t.reflex", []byte("reflex a {\n on tick {\n  while x < 3 { x += 1 }\n }\n}\n"))
	if len(ds) != 1 || !strings.Contains(ds[0].Hint, "for i in 0..N") || !strings.Contains(ds[0].Message, `"while"`) {
		t.Errorf("%+v", ds)
	}
}

func TestGrammarMentionsEveryNode(t *testing.T) {
	g := Grammar()
	for _, n := range []string{"Reflex", "IODecl", "Block", "IfStmt", "A2AStmt", "OrExpr", "NegExpr", "Unit"} {
		if !strings.Contains(g, n+" = ") {
			t.Errorf("grammar lacks %s", n)
		}
	}
}

// FuzzParse: any input parses without panicking, in bounded time, and every
// diagnostic is positioned and worded.
func FuzzParse(f *testing.F) {
	f.Add(sample)
	for _, c := range syntaxCases {
		f.Add(c.src)
	}
	f.Add("reflex a { on tick { a2a tell(1, 2) receive b as c { } else { send d(1) } } }")
	f.Add("reflex a { fn f(x: num[m/s^-2]) -> bool { return not not x > 1 m/s } }")
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		f, ds := Parse("fuzz.reflex", []byte(src))
		if f == nil {
			t.Fatal("nil file")
		}
		if time.Since(start) > 2*time.Second {
			t.Fatalf("parse took %v", time.Since(start))
		}
		for _, d := range ds {
			if d.Code == "" || d.Message == "" || d.Span.Start.Line < 1 || d.Span.Start.Col < 1 {
				t.Fatalf("unpositioned or empty diagnostic %+v", d)
			}
		}
	})
}

// TestParallelBodiesMatchSequential: parsing bodies on two goroutines gives
// the same tree and the same diagnostics as parsing them in order, for
// clean files and for files with a syntax error in an early, middle or late
// body (error recovery re-parses every body each round).
func TestParallelBodiesMatchSequential(t *testing.T) {
	defer func(n int) { minParallelTokens = n }(minParallelTokens)
	srcs := []string{sample, string(generate(1000))}
	for _, c := range syntaxCases {
		srcs = append(srcs, c.src)
	}
	gen := string(generate(400))
	for _, at := range []int{len(gen) / 10, len(gen) / 2, len(gen) - 200} {
		i := at + strings.Index(gen[at:], "return")
		srcs = append(srcs, gen[:i]+"return )"+gen[i+len("return"):])
		srcs = append(srcs, gen[:i]+"while x { }\n"+gen[i:])
	}
	for n, src := range srcs {
		minParallelTokens = 1 << 62
		seqF, seqDs := Parse("p.reflex", []byte(src))
		minParallelTokens = 0
		parF, parDs := Parse("p.reflex", []byte(src))
		if !reflect.DeepEqual(seqF, parF) {
			t.Errorf("source %d: trees differ", n)
		}
		if !reflect.DeepEqual(seqDs, parDs) {
			t.Errorf("source %d: diagnostics differ:\n%v\n%v", n, seqDs, parDs)
		}
	}
}

// TestSplitLexMatchesOneRun: lexing the two halves of a file at once gives
// the tokens, comments and errors of one run, wherever the split falls.
func TestSplitLexMatchesOneRun(t *testing.T) {
	srcs := []string{sample, string(generate(300)), "reflex a {\n x = 1 ≤ 2 \"open\n y = 0x\n}\n\n // c\nelse\n z // c\n 1e3 q\n w"}
	for _, c := range syntaxCases {
		srcs = append(srcs, c.src)
	}
	for n, src := range srcs {
		wantT, wantC, wantE := lexText(nil, "l.reflex", src, 0)
		for from := 0; from < len(src); {
			cut := splitAfter(src, from)
			if cut == 0 {
				break
			}
			gotT, gotC, gotE := lexText(nil, "l.reflex", src, cut)
			if !reflect.DeepEqual(gotT, wantT) || !reflect.DeepEqual(gotC, wantC) || !reflect.DeepEqual(gotE, wantE) {
				t.Fatalf("source %d split at %d: tokens, comments or errors differ", n, cut)
			}
			from = cut
		}
	}
}
