// The reflex diagnostics corpus and the example reflexes, run through the
// whole front end (check.Source: parse, then type-check).
//
// Every lang/testdata/diag/NNN_name.reflex holds deliberate mistakes of the
// kind LLM-written control code makes, and starts with one expectation line
// per diagnostic it must produce:
//
//	// want R201 12:17
//
// (code, then line:col of the start of the diagnostic's primary span,
// 1-based, columns in characters). The set of (code, line:col) of every
// error and warning must equal the set of wants exactly. Beside each lives
// NNN_name.fixed.reflex, the same program corrected, which must check with
// no diagnostics at all; so must every examples/*.reflex. Together the
// corpus must exercise every code in the registry (lang/codes).
package lang_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/codes"
)

const (
	corpusDir   = "testdata/diag"
	examplesDir = "../examples"

	minCorpus   = 60
	minExamples = 8
)

// want is one expected diagnostic: its code and where its primary span starts.
type want struct {
	Code      string
	Line, Col int
}

func (w want) String() string { return fmt.Sprintf("%s %d:%d", w.Code, w.Line, w.Col) }

var wantLine = regexp.MustCompile(`^//\s*want\b(.*)$`)
var wantBody = regexp.MustCompile(`^\s+(R\d{3})\s+(\d+):(\d+)\s*$`)

// parseWants reads the `// want CODE LINE:COL` lines of a corpus file. A
// line that starts like a want but does not parse is an error, so a typo in
// an expectation cannot silently drop it.
func parseWants(src []byte) ([]want, error) {
	var ws []want
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		m := wantLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		b := wantBody.FindStringSubmatch(m[1])
		if b == nil {
			return nil, fmt.Errorf("line %d: malformed want %q; expected `// want RNNN LINE:COL`", n, sc.Text())
		}
		line, _ := strconv.Atoi(b[2])
		col, _ := strconv.Atoi(b[3])
		ws = append(ws, want{Code: b[1], Line: line, Col: col})
	}
	return ws, sc.Err()
}

// corpusFiles returns the corpus files with mistakes (not the fixed ones).
func corpusFiles(t *testing.T) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join(corpusDir, "*.reflex"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".fixed.reflex") {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func fixedName(path string) string {
	return strings.TrimSuffix(path, ".reflex") + ".fixed.reflex"
}

// checkFile runs the front end on one file.
func checkFile(t *testing.T, path string) ([]byte, diag.List) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, _, ds := check.Source(path, src)
	return src, ds
}

func render(path string, src []byte, ds diag.List) string {
	var b strings.Builder
	diag.Render(&b, ds, diag.Sources{path: src})
	return b.String()
}

// reported is the set of errors and warnings of a diagnostic list.
func reported(ds diag.List) map[want]bool {
	got := map[want]bool{}
	for _, d := range ds {
		if d.Severity == diag.Error || d.Severity == diag.Warning {
			got[want{Code: d.Code, Line: d.Span.Start.Line, Col: d.Span.Start.Col}] = true
		}
	}
	return got
}

func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	if len(files) < minCorpus {
		t.Errorf("the corpus holds %d files; want at least %d", len(files), minCorpus)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, ds := checkFile(t, path)
			ws, err := parseWants(src)
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) == 0 {
				t.Fatal("no `// want CODE LINE:COL` lines: a corpus file must expect at least one diagnostic")
			}
			exp := map[want]bool{}
			for _, w := range ws {
				if exp[w] {
					t.Errorf("want %v listed twice", w)
				}
				exp[w] = true
			}
			got := reported(ds)
			var missing, extra []string
			for w := range exp {
				if !got[w] {
					missing = append(missing, w.String())
				}
			}
			for g := range got {
				if !exp[g] {
					extra = append(extra, g.String())
				}
			}
			if len(missing)+len(extra) > 0 {
				sort.Strings(missing)
				sort.Strings(extra)
				t.Errorf("diagnostics differ from the wants\n  missing: %v\n  unexpected: %v\nthe checker reported:\n%s",
					missing, extra, render(path, src, ds))
			}
		})
	}
}

func TestCorpusFixed(t *testing.T) {
	for _, path := range corpusFiles(t) {
		fixed := fixedName(path)
		t.Run(filepath.Base(fixed), func(t *testing.T) {
			if _, err := os.Stat(fixed); err != nil {
				t.Fatalf("%s has no fixed version: %v", path, err)
			}
			src, ds := checkFile(t, fixed)
			if ws, _ := parseWants(src); len(ws) > 0 {
				t.Errorf("a fixed file must not hold want lines; found %d", len(ws))
			}
			if len(ds) > 0 {
				t.Errorf("the fixed file must check cleanly; the checker reported:\n%s", render(fixed, src, ds))
			}
		})
	}
}

func TestExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.reflex"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < minExamples {
		t.Errorf("examples/ holds %d reflexes; want at least %d", len(files), minExamples)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, ds := checkFile(t, path)
			if len(ds) > 0 {
				t.Errorf("the example must check cleanly; the checker reported:\n%s", render(path, src, ds))
			}
		})
	}
}

// TestCorpusCoversEveryCode proves every registered code is expected by at
// least one corpus file, so a new code cannot land untested here.
func TestCorpusCoversEveryCode(t *testing.T) {
	covered := map[string]int{}
	for _, path := range corpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := parseWants(src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, w := range ws {
			covered[w.Code]++
		}
	}
	known := map[string]bool{}
	for _, e := range codes.All() {
		known[e.Code] = true
		if covered[e.Code] == 0 {
			t.Errorf("no corpus file expects %s (%s)", e.Code, e.Title)
		}
	}
	for c := range covered {
		if !known[c] {
			t.Errorf("the corpus expects %s, which is not in the registry", c)
		}
	}
}
