package validator

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
)

// TestSpecExamples checks every ```nexus block of spec/validator.md against
// the sentence before it: "Accepted ..." blocks must validate under the
// strict policy; "Rejected ... (V123 ...; V456 ...)" blocks must be rejected
// with at least those codes.
func TestSpecExamples(t *testing.T) {
	b, err := os.ReadFile("../spec/validator.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	codeRE := regexp.MustCompile(`V\d{3}`)
	verdict, n := "", 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "Accepted") || strings.HasPrefix(l, "Rejected") {
			verdict = l
			continue
		}
		if l != "```nexus" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && lines[i] != "```"; i++ {
		}
		src := strings.Join(lines[start:i], "\n") + "\n"
		name := fmt.Sprintf("validator.md:%d", start)
		n++
		t.Run(name, func(t *testing.T) {
			if verdict == "" {
				t.Fatal("example without an Accepted/Rejected sentence before it")
			}
			f, l := asm.Assemble("example.s", []byte(src))
			if l.HasErrors() {
				t.Fatal(l)
			}
			r := Validate(f, Options{})
			want := strings.HasPrefix(verdict, "Accepted")
			if r.OK != want {
				t.Fatalf("%q: OK = %v: %v", verdict, r.OK, r.Diagnostics)
			}
			for _, c := range codeRE.FindAllString(verdict, -1) {
				found := false
				for _, d := range r.Diagnostics {
					found = found || d.Code == c
				}
				if !found {
					t.Errorf("%q: no %s in %v", verdict, c, r.Diagnostics)
				}
			}
		})
		verdict = ""
	}
	if n < 12 {
		t.Errorf("found %d examples, want an accepted and a rejected one per rule", n)
	}
}
