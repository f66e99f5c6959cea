package main

import (
	"os"
	"strings"
	"testing"
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
