package check

import (
	"os"
	"regexp"
	"sort"
	"testing"
)

var codeRE = regexp.MustCompile(`"(R[1-5][0-9][0-9])"`)

// checkerCodes lists the codes that appear in the checker's sources.
func checkerCodes(t *testing.T) []string {
	t.Helper()
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := f.Name()
		if len(name) < 3 || name[len(name)-3:] != ".go" || len(name) > 8 && name[len(name)-8:] == "_test.go" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range codeRE.FindAllSubmatch(src, -1) {
			seen[string(m[1])] = true
		}
	}
	var out []string
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
