package check

import (
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/codes"
)

// TestCodeExamples proves every registry entry's examples: Bad produces its
// code, Fixed checks without any diagnostic (warnings included).
func TestCodeExamples(t *testing.T) {
	n := 0
	for _, e := range codes.All() {
		if e.Bad == "" || e.Fixed == "" {
			continue
		}
		n++
		t.Run(e.Code, func(t *testing.T) {
			_, _, ds := Source("bad.reflex", []byte(e.Bad))
			found := false
			for _, d := range ds {
				if d.Code == e.Code {
					found = true
					if d.Severity != e.Severity {
						t.Errorf("bad example: %s reported as %s, registry says %s", e.Code, d.Severity, e.Severity)
					}
				}
			}
			if !found {
				t.Errorf("bad example does not produce %s; got:\n%s", e.Code, render(ds))
			}
			_, _, ds = Source("fixed.reflex", []byte(e.Fixed))
			if len(ds) > 0 {
				t.Errorf("fixed example is not clean:\n%s", render(ds))
			}
		})
	}
	if n == 0 {
		t.Fatal("no registry entries with examples")
	}
}

// TestCodesRegistered checks that every code the checker can emit has a
// registry entry: the codes are scraped from the checker's sources.
func TestCodesRegistered(t *testing.T) {
	for _, code := range checkerCodes(t) {
		if codes.Lookup(code) == nil {
			t.Errorf("%s is reported by the checker but has no registry entry", code)
		}
	}
}

func render(ds diag.List) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.Error() + "\n")
	}
	return b.String()
}
