package spec_test

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	reflexcheck "github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/codes"
	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/lang/units"
)

// -update rewrites the generated parts of reflex.md: the grammar block, the
// diagnostics section and the unit table. Nothing else regenerates them.
var updateReflex = flag.Bool("update", false, "rewrite the generated sections of reflex.md")

const reflexDoc = "reflex.md"

func readReflex(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(reflexDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section returns the text between begin and end markers and their offsets.
func section(t *testing.T, doc, begin, end string) (string, int, int) {
	t.Helper()
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: markers %q .. %q missing", reflexDoc, begin, end)
	}
	i += len(begin)
	return doc[i:j], i, j
}

// syncSection compares a generated section with the document, rewriting it
// under -update.
func syncSection(t *testing.T, begin, end, want string) {
	t.Helper()
	doc := readReflex(t)
	got, i, j := section(t, doc, begin, end)
	if got == want {
		return
	}
	if *updateReflex {
		if err := os.WriteFile(reflexDoc, []byte(doc[:i]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for k := 0; k < len(gl) || k < len(wl); k++ {
		var g, w string
		if k < len(gl) {
			g = gl[k]
		}
		if k < len(wl) {
			w = wl[k]
		}
		if g != w {
			t.Fatalf("%s is out of date (run go test ./spec -run %s -update); first difference at section line %d:\n doc:  %q\n want: %q", reflexDoc, t.Name(), k+1, g, w)
		}
	}
}

func TestReflexGrammar(t *testing.T) {
	syncSection(t, "```ebnf\n", "```\n\n## 10.", syntax.Grammar()+"\n")
}

func TestReflexDiagnostics(t *testing.T) {
	var b strings.Builder
	b.WriteString("\n")
	for _, e := range codes.All() {
		fmt.Fprintf(&b, "### %s — %s\n\n", e.Code, e.Title)
		fmt.Fprintf(&b, "Severity: %s.\n\n%s\n\n", e.Severity, strings.TrimSpace(e.Explain))
		if e.Bad != "" {
			fmt.Fprintf(&b, "Produces %s:\n\n```reflex\n%s```\n\n", e.Code, e.Bad)
		}
		if e.Fixed != "" {
			fmt.Fprintf(&b, "Fixed:\n\n```reflex\n%s```\n\n", e.Fixed)
		}
	}
	syncSection(t, "<!-- codes:begin -->", "<!-- codes:end -->", b.String())
}

func TestReflexUnits(t *testing.T) {
	var b strings.Builder
	b.WriteString("\n| unit | dimension | conversion |\n| --- | --- | --- |\n")
	names := units.Names()
	for _, n := range names {
		u, _ := units.Lookup(n)
		conv := ""
		for _, r := range names {
			ru, _ := units.Lookup(r)
			if r == n || !units.SameDimension(u, ru) {
				continue
			}
			if f, ok := units.Factor(u, ru); ok {
				conv = fmt.Sprintf("1 %s = %s %s", n, strconv.FormatFloat(f, 'g', 8, 64), r)
			}
			break
		}
		for _, r := range []string{"m/s", "1/s", "deg/s", "kg*m/s^2", "N*m/s"} {
			ru, err := units.Parse(r)
			if conv != "" || err != nil || !units.SameDimension(u, ru.Unit) {
				continue
			}
			if f, ok := units.Factor(u, ru.Unit); ok {
				conv = fmt.Sprintf("1 %s = %s %s", n, strconv.FormatFloat(f, 'g', 8, 64), r)
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", n, units.Describe(u), conv)
	}
	b.WriteString("\n")
	syncSection(t, "<!-- units:begin -->", "<!-- units:end -->", b.String())
}

// TestReflexExamples checks every reflex example of the prose (sections
// 1–8): each must check with no diagnostics at all. The examples of the
// diagnostics section are proved by lang/check's TestCodeExamples.
func TestReflexExamples(t *testing.T) {
	doc := readReflex(t)
	prose := doc[:strings.Index(doc, "<!-- codes:begin -->")]
	n := 0
	for line, rest := 1, prose; ; {
		i := strings.Index(rest, "```reflex\n")
		if i < 0 {
			break
		}
		line += strings.Count(rest[:i], "\n") + 1
		body := rest[i+len("```reflex\n"):]
		j := strings.Index(body, "```")
		src := body[:j]
		name := fmt.Sprintf("%s:%d", reflexDoc, line)
		t.Run(name, func(t *testing.T) {
			_, _, ds := reflexcheck.Source(name, []byte(src))
			for _, d := range ds {
				t.Errorf("%s", d.Error())
			}
		})
		n++
		line += strings.Count(body[:j], "\n")
		rest = body[j:]
	}
	if n < 4 {
		t.Errorf("found %d reflex examples in the prose, want at least 4", n)
	}
}
