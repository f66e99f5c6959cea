package spec_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/codes"
	"github.com/nexusfleet/nexus/lang/syntax"
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
