package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const messy = "reflex hold {\n  intent \"hold\"\n    sensor depth: num[m] @16 range 0 m..100 m\n  actuator thrust: num[%] @ 20 range -100 %..100 % safe 0%\n on tick {thrust=clamp(40%/m*(depth-2 m),-100%,100%)}\n on failsafe { thrust = 0 % } // stop\n}\n"

const tidy = "reflex hold {\n    intent \"hold\"\n    sensor depth: num[m] @ 16 range 0 m .. 100 m\n    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %\n    on tick { thrust = clamp(40 %/m * (depth - 2 m), -100 %, 100 %) }\n    on failsafe { thrust = 0 % } // stop\n}\n"

func TestFmt(t *testing.T) {
	m := write(t, "messy.reflex", messy)
	ok := write(t, "tidy.reflex", tidy)
	bad := write(t, "bad.reflex", "reflex a {\n on tick { x = }\n}\n")
	runCases(t, []cliCase{
		{name: "stdout", args: []string{"fmt", m}, want: 0, out: tidy},
		{name: "already tidy", args: []string{"fmt", ok}, want: 0, out: tidy},
		{name: "list", args: []string{"fmt", "-l", m, ok}, want: 1, out: "messy.reflex\n"},
		{name: "list clean", args: []string{"fmt", "-l", ok}, want: 0},
		{name: "diff", args: []string{"fmt", "-d", m}, want: 1, out: "+    intent \"hold\"\n"},
		{name: "diff header", args: []string{"fmt", "-d", m}, want: 1, out: "@@ -1,7 +1,7 @@\n reflex hold {\n-  intent \"hold\""},
		{name: "syntax error", args: []string{"fmt", bad}, want: 1, errs: "[R001]"},
		{name: "syntax error json", args: []string{"fmt", "--format", "json", bad}, want: 1, errs: `"code": "R001"`},
		{name: "missing", args: []string{"fmt", "nope.reflex"}, want: 2, errs: "cannot read file"},
		{name: "no args", args: []string{"fmt"}, want: 2, errs: "name at least one"},
		{name: "help", args: []string{"fmt", "--help"}, want: 0, out: "nexusc fmt -w"},
	})
	if st, _, errs := nexusc(t, "fmt", "-w", m); st != 0 {
		t.Fatalf("-w: exit %d %s", st, errs)
	}
	if b, _ := os.ReadFile(m); string(b) != tidy {
		t.Errorf("-w wrote:\n%s", b)
	}
	if _, out, _ := nexusc(t, "fmt", "-l", m); strings.TrimSpace(out) != "" {
		t.Errorf("after -w, -l still lists %q", out)
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	b := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\neleven\n12\n"
	want := "--- f\n+++ f (formatted)\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+eleven\n 12\n"
	if got := unifiedDiff("f", a, b); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestFmtMore(t *testing.T) {
	m := write(t, "messy.reflex", messy)
	ok := write(t, "tidy.reflex", tidy)
	bad := write(t, "bad.reflex", "reflex a {\n on tick { x = }\n}\n")
	moved := write(t, "moved.reflex", "reflex m {\n    on tick {}\n    trust 0.5\n    intent \"x\"\n}\n")
	runCases(t, []cliCase{
		{name: "diff clean", args: []string{"fmt", "-d", ok}, want: 0},
		{name: "two files", args: []string{"fmt", ok, ok}, want: 0, out: tidy + tidy},
		{name: "header first", args: []string{"fmt", moved}, want: 0, out: "reflex m {\n    intent \"x\"\n    trust 0.5\n\n    on tick {}\n}\n"},
		{name: "caret", args: []string{"fmt", bad}, want: 1, errs: "^"},
		{name: "error and tidy", args: []string{"fmt", "-l", bad, ok}, want: 1, errs: "bad.reflex:2"},
		{name: "json missing and bad", args: []string{"fmt", "--format", "json", "nope.reflex", bad}, want: 2, errs: `"code": "IO001"`},
		{name: "bad format", args: []string{"fmt", "--format", "yaml", ok}, want: 2, errs: "text or json"},
		{name: "unknown flag", args: []string{"fmt", "-x", ok}, want: 2, errs: "unknown shorthand flag"},
		{name: "help lists flags", args: []string{"fmt", "-h"}, want: 0, out: "--diff"},
	})
	// -l -w lists and fixes: status 0, and the file is then formatted.
	m2 := write(t, "messy2.reflex", messy)
	if st, out, errs := nexusc(t, "fmt", "-l", "-w", m2); st != 0 || !strings.Contains(out, "messy2.reflex") {
		t.Errorf("-l -w: exit %d, stdout %q, stderr %q", st, out, errs)
	}
	if st, _, _ := nexusc(t, "fmt", "-l", m2); st != 0 {
		t.Errorf("after -l -w, -l exits %d", st)
	}
	// One JSON document on stderr, holding both problems.
	_, _, errs := nexusc(t, "fmt", "--format", "json", "nope.reflex", bad)
	var ds []map[string]any
	if err := json.Unmarshal([]byte(errs), &ds); err != nil || len(ds) < 2 {
		t.Errorf("--format json: want one array with both problems, got %v:\n%s", err, errs)
	}
	// -w leaves a formatted file alone, and never writes a broken one.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, p := range []string{ok, bad} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if st, _, _ := nexusc(t, "fmt", "-w", ok, bad, m); st != 1 {
		t.Errorf("-w with a syntax error: exit %d, want 1", st)
	}
	for _, p := range []string{ok, bad} {
		if fi, err := os.Stat(p); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("-w rewrote %s", p)
		}
	}
	if b, _ := os.ReadFile(m); string(b) != tidy {
		t.Errorf("-w did not format %s past the broken file:\n%s", m, b)
	}
}

// TestFmtExamples: the bundled examples are in canonical layout.
func TestFmtExamples(t *testing.T) {
	ex, _ := filepath.Glob("../../examples/*.reflex")
	if len(ex) == 0 {
		return // none yet
	}
	st, out, errs := nexusc(t, append([]string{"fmt", "-l"}, ex...)...)
	if st != 0 || out != "" {
		t.Errorf("nexusc fmt -l examples: exit %d\n%s%s", st, out, errs)
	}
}

func TestUnifiedDiffEdges(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"", "x\n", "--- f\n+++ f (formatted)\n@@ -0,0 +1,1 @@\n+x\n"},
		{"x\n", "", "--- f\n+++ f (formatted)\n@@ -1,1 +0,0 @@\n-x\n"},
		{"x", "x\n", "--- f\n+++ f (formatted)\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+x\n"},
		{"a\nb\n", "b\n", "--- f\n+++ f (formatted)\n@@ -1,2 +1,1 @@\n-a\n b\n"},
	} {
		if got := unifiedDiff("f", c.a, c.b); got != c.want {
			t.Errorf("diff %q %q:\ngot:\n%s\nwant:\n%s", c.a, c.b, got, c.want)
		}
	}
}
