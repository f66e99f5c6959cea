package format

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nexusfleet/nexus/lang/syntax"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dump renders a tree without positions, for comparing trees. With
// noParens, parentheses are dropped (a hand-built tree may lack those the
// printer has to add).
func dump(v any, noParens bool) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(v), noParens)
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value, noParens bool) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if p, ok := v.Interface().(*syntax.Paren); ok && noParens {
			dumpValue(b, reflect.ValueOf(p.X), noParens)
			return
		}
		dumpValue(b, v.Elem(), noParens)
	case reflect.Struct:
		t := v.Type()
		if t == reflect.TypeOf(syntax.Position{}) || t == reflect.TypeOf(syntax.Node{}) {
			return
		}
		b.WriteString(t.Name() + "{")
		for i := range t.NumField() {
			dumpValue(b, v.Field(i), noParens)
			b.WriteByte(' ')
		}
		b.WriteString("}")
	case reflect.Slice:
		b.WriteString("[")
		for i := range v.Len() {
			dumpValue(b, v.Index(i), noParens)
			b.WriteByte(' ')
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

// canonical is r with its declarations in printing order (header first),
// the one change to the tree that formatting makes.
func canonical(r *syntax.Reflex) *syntax.Reflex {
	c := *r
	c.Decls, _ = canonicalOrder(r.Decls)
	return &c
}

// comments returns the sorted comment texts of a file.
func comments(f *syntax.File) []string {
	var out []string
	for _, c := range f.Comments {
		out = append(out, c.Text)
	}
	sort.Strings(out)
	return out
}

// checkLaws asserts the formatter's three laws on src: the tree is
// unchanged, every comment survives exactly once, and formatting the
// output changes nothing.
func checkLaws(t *testing.T, name string, src []byte) []byte {
	t.Helper()
	f, ds := syntax.Parse(name, src)
	if len(ds) > 0 {
		t.Fatalf("%s does not parse: %v", name, ds)
	}
	out := File(f)
	g, ds := syntax.Parse(name, out)
	if len(ds) > 0 {
		t.Fatalf("%s: formatted output does not parse: %v\n%s", name, ds, out)
	}
	if a, b := dump(canonical(f.Reflex), false), dump(g.Reflex, false); a != b {
		t.Errorf("%s: formatting changed the tree\nbefore: %s\nafter:  %s\noutput:\n%s", name, a, b, out)
	}
	if a, b := strings.Join(comments(f), "\n"), strings.Join(comments(g), "\n"); a != b {
		t.Errorf("%s: comments changed\nbefore:\n%s\nafter:\n%s\noutput:\n%s", name, a, b, out)
	}
	if again := File(g); string(again) != string(out) {
		t.Errorf("%s: formatting is not idempotent\nfirst:\n%s\nsecond:\n%s", name, out, again)
	}
	return out
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.reflex")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			out := checkLaws(t, in, src)
			golden := strings.TrimSuffix(in, ".reflex") + ".golden"
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./lang/format -update to create it)", err)
			}
			if string(want) != string(out) {
				t.Errorf("output differs from %s (go test ./lang/format -update rewrites it):\n%s", golden, out)
			}
		})
	}
}

// TestExamples: every bundled example obeys the laws (an example that does
// not parse is a failure, not a skip), and so does every file of the
// diagnostics corpus that parses.
func TestExamples(t *testing.T) {
	ex, _ := filepath.Glob("../../examples/*.reflex")
	for _, path := range ex {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkLaws(t, path, src)
		})
	}
	t.Logf("%d examples", len(ex))
	corpus, _ := filepath.Glob("../testdata/diag/*.reflex")
	n := 0
	for _, path := range corpus {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, ds := syntax.Parse(path, src); len(ds) > 0 {
			continue // a syntax-error case of the corpus
		}
		t.Run("diag/"+filepath.Base(path), func(t *testing.T) { checkLaws(t, path, src) })
		n++
	}
	t.Logf("%d of %d corpus files parse and were checked", n, len(corpus))
	if len(corpus) > 0 && n == 0 {
		t.Error("no corpus file parses")
	}
}

// TestExamplesAreFormatted keeps the bundled examples in canonical layout.
func TestExamplesAreFormatted(t *testing.T) {
	ex, _ := filepath.Glob("../../examples/*.reflex")
	for _, path := range ex {
		src, _ := os.ReadFile(path)
		out, ds := Source(path, src)
		if len(ds) > 0 {
			t.Fatal(ds)
		}
		if string(out) != string(src) {
			t.Errorf("%s is not formatted (run nexusc fmt -w %s)", path, path)
		}
	}
}

func TestSyntaxErrorIsNotFormatted(t *testing.T) {
	out, ds := Source("bad.reflex", []byte("reflex a {\n on tick { x = }\n}\n"))
	if out != nil || !ds.HasErrors() {
		t.Errorf("out %q, diags %v", out, ds)
	}
}

// edgeSeeds are layouts the examples lack; FuzzFormat checks the laws on
// each of them in every plain `go test` run.
var edgeSeeds = []string{
	"reflex a { on tick { x = 1 } // c\n}",
	"reflex a {\n on tick {\n if a { x = 1 } // c\n else { x = 2 }\n }\n}",
	"reflex a {\n on tick {\n if a {\n x = 1\n } // c\n else if b { // d\n x = 2 } else { x = 3 // e\n }\n }\n}",
	"reflex a {\n on tick { receive q as v { x = v } // c\n else { x = 0 } }\n}",
	"reflex a {\n const k = clamp(1, // one\n 2, // two\n 3) // three\n}",
	"reflex a {\n on tick {\n\n\n // only a comment\n\n\n }\n}",
	"reflex a {\n on tick { // c\n\n x = 1\n\n // d\n\n }\n}",
	"reflex a { fn f() {} }\n\n\n// after\n\n// more",
	"/// n1\n///\n/// n3\nreflex a {\n /// d\n ///\n on tick {}\n}",
	"reflex a {\n on tick { x = -(-(1)); y = - -1; z = !!b; w = not not b }\n}",
	"reflex a {\n on tick { x = a && b || !c and (d or e) }\n}",
	"reflex a {\n const k = (2 m) * s\n const j = 2 m * t\n const g = 9.81 m/s^2\n const r = 0.5 1/s\n}",
	"reflex a {\n on tick { for i in 0..4 { for j in 0..i { x += 1 } } }\n}",
	"reflex a { intent \"tab\tand \\\"quote\\\"\" }",
	"reflex a {\n sensor s: num[m] @ 16 rate 1 m safe 2 m range 0 m .. 3 m\n inbox i: int\n outbox o: int @ 7\n}",
	"reflex a {\n every 100 ms { send o(1); a2a report(x, 2); a2a ping() }\n}",
	"reflex a {\n on tick { x = 1; y = 2; z = 3; w = 4; v = 5; u = 6; t = 7; s = 8; r = 9; q = 10; p = 11; o = 12 }\n}",
	"reflex a {\n period 1 ms\n\n // c\n\n autonomy L1\n trust 1\n}",
}

func FuzzFormat(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.reflex")
	ex, _ := filepath.Glob("../../examples/*.reflex")
	for _, p := range append(files, ex...) {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	for _, s := range edgeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// A hang is a bug: crash the worker so the fuzzer keeps the input.
		watchdog := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("format hangs on %q", src)) })
		defer watchdog.Stop()
		fl, ds := syntax.Parse("fuzz.reflex", []byte(src))
		if len(ds) > 0 || fl.Reflex == nil {
			if out, _ := Source("fuzz.reflex", []byte(src)); out != nil && len(ds) > 0 {
				t.Fatal("formatted a file with syntax errors")
			}
			return
		}
		checkLaws(t, "fuzz.reflex", []byte(src))
	})
}

// TestDump: the tree comparison ignores positions, and only positions.
func TestDump(t *testing.T) {
	parse := func(src string) *syntax.Reflex {
		f, ds := syntax.Parse("t.reflex", []byte(src))
		if len(ds) > 0 {
			t.Fatal(ds)
		}
		return f.Reflex
	}
	a := parse("reflex a { const k = 1 + 2 m }")
	b := parse("reflex a {\n\n    const k =   1+2 m\n}\n")
	if dump(a, false) != dump(b, false) {
		t.Errorf("spacing changed the dump:\n%s\n%s", dump(a, false), dump(b, false))
	}
	for _, other := range []string{"reflex a { const k = 1 + 2 s }", "reflex a { const k = 1 - 2 m }", "reflex a { state k = 1 + 2 m }", "reflex a { const k = (1 + 2 m) }"} {
		if dump(a, false) == dump(parse(other), false) {
			t.Errorf("%q: same dump as %q", other, "const k = 1 + 2 m")
		}
	}
	if c := parse("reflex a { const k = (1 + 2 m) }"); dump(a, true) != dump(c, true) {
		t.Errorf("noParens still sees the parentheses")
	}
}

// TestCRLF: Windows line endings read the same and print as "\n".
func TestCRLF(t *testing.T) {
	src := "reflex a {\r\n    intent \"x\" // c\r\n\r\n\r\n    on tick { }\r\n}\r\n"
	out, ds := Source("crlf.reflex", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if want := "reflex a {\n    intent \"x\" // c\n\n    on tick {}\n}\n"; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
	checkLaws(t, "crlf.reflex", []byte(src))
}

// TestCommentsEverywhere puts a comment at the end of each line of every
// golden input and example, and an own-line comment and a doc comment
// before each line, one at a time, and checks the laws on every variant
// that parses.
func TestCommentsEverywhere(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.reflex")
	ex, _ := filepath.Glob("../../examples/*.reflex")
	checked, failed := 0, 0
	for _, path := range append(files, ex...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for i := range lines {
			for _, v := range []string{"trail", "own", "doc"} {
				mut := slices.Clone(lines)
				switch v {
				case "trail":
					mut[i] += " // t"
				case "own":
					mut = slices.Insert(mut, i, "// o")
				case "doc":
					mut = slices.Insert(mut, i, "/// d")
				}
				in := []byte(strings.Join(mut, "\n"))
				if _, ds := syntax.Parse(path, in); len(ds) > 0 {
					continue
				}
				checked++
				ok := t.Run(fmt.Sprintf("%s:%d/%s", filepath.Base(path), i+1, v), func(t *testing.T) { checkLaws(t, path, in) })
				if !ok {
					if failed++; failed > 5 {
						t.Fatal("too many failures")
					}
				}
			}
		}
	}
	t.Logf("%d variants checked", checked)
}
