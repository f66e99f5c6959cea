package compile

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/codes"
)

var update = flag.Bool("update", false, "rewrite the back-end codes section of spec/reflex.md")

// exampleBudget is the budget the back-end code examples are compiled
// with, as their explanations say.
const exampleBudget = 1000

// TestBackendCodeExamples proves every back-end entry's examples: Bad
// fails with its code at the registry's severity, at every level; Fixed
// compiles with no diagnostic at all.
func TestBackendCodeExamples(t *testing.T) {
	n := 0
	for _, e := range codes.Backend() {
		if e.Bad == "" || e.Fixed == "" {
			continue
		}
		n++
		for level := 0; level <= 2; level++ {
			t.Run(fmt.Sprintf("%s/O%d", e.Code, level), func(t *testing.T) {
				o := Options{Level: level, Budget: exampleBudget}
				out, ds := Source("bad.reflex", []byte(e.Bad), o)
				if out != nil || len(ds) != 1 || ds[0].Code != e.Code || ds[0].Severity != e.Severity {
					t.Errorf("bad example: want one %s %s, got output %v and:\n%s", e.Severity, e.Code, out != nil, render(ds))
				}
				out, ds = Source("fixed.reflex", []byte(e.Fixed), o)
				if out == nil || len(ds) > 0 {
					t.Errorf("fixed example does not compile cleanly:\n%s", render(ds))
				}
			})
		}
	}
	if n < 2 {
		t.Fatalf("only %d back-end entries have examples", n)
	}
}

// TestBackendCodesRegistered: the codes this package emits are in the
// back-end half of the registry, and nowhere else.
func TestBackendCodesRegistered(t *testing.T) {
	for _, c := range []string{CodeInternal, CodeBudget, CodeTooLarge} {
		e := codes.Lookup(c)
		if e == nil {
			t.Errorf("%s is not registered", c)
			continue
		}
		for _, f := range codes.All() {
			if f.Code == c {
				t.Errorf("%s is in the checker's half of the registry", c)
			}
		}
	}
}

// TestBackendCodesDocumented keeps spec/reflex.md's back-end section in
// step with the registry; -update rewrites it.
func TestBackendCodesDocumented(t *testing.T) {
	const path = "../../spec/reflex.md"
	const begin, end = "<!-- backend-codes:begin -->", "<!-- backend-codes:end -->"
	var b strings.Builder
	b.WriteString("\n")
	for _, e := range codes.Backend() {
		fmt.Fprintf(&b, "### %s — %s\n\n", e.Code, e.Title)
		fmt.Fprintf(&b, "Severity: %s.\n\n%s\n\n", e.Severity, strings.TrimSpace(e.Explain))
		if e.Bad != "" {
			fmt.Fprintf(&b, "Produces %s:\n\n```reflex\n%s```\n\n", e.Code, e.Bad)
		}
		if e.Fixed != "" {
			fmt.Fprintf(&b, "Fixed:\n\n```reflex\n%s```\n\n", e.Fixed)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: markers %s .. %s missing", path, begin, end)
	}
	i += len(begin)
	if doc[i:j] == b.String() {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc[:i]+b.String()+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the back-end codes section is out of date (go test ./lang/compile -run BackendCodes -update)", path)
}
