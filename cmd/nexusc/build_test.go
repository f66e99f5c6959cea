package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/lang/codes"
)

// example copies an example reflex into a temporary directory, so that
// build's default output lands there.
func example(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("../../examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return write(t, name, string(src))
}

func TestBuild(t *testing.T) {
	dk := example(t, "depth_keeper.reflex")
	out := filepath.Join(t.TempDir(), "out.nxb")
	budget := write(t, "smooth.reflex", codes.Lookup("R601").Bad)
	checkErr := write(t, "mix.reflex", codes.Lookup("R201").Bad)
	runCases(t, []cliCase{
		{"help", []string{"build", "--help"}, 0, "Examples:", ""},
		{"default", []string{"build", dk}, 0, "instructions, worst case", ""},
		{"-O0", []string{"build", "-O0", dk, "-o", out}, 0, "(-O0)", ""},
		{"-O1", []string{"build", dk, "-O1", "-o", out}, 0, "(-O1)", ""},
		{"-O2", []string{"build", "-O2", dk, "-o", out}, 0, "(-O2)", ""},
		{"-O 1", []string{"build", "-O", "1", dk, "-o", out}, 0, "(-O1)", ""},
		{"--opt 0", []string{"build", "--opt", "0", dk, "-o", out}, 0, "(-O0)", ""},
		{"--opt=1", []string{"build", "--opt=1", dk, "-o", out}, 0, "(-O1)", ""},
		{"-O=0", []string{"build", "-O=0", dk, "-o", out}, 0, "(-O0)", ""},
		{"-O3", []string{"build", "-O3", dk}, 2, "", "-O must be 0, 1 or 2, not 3"},
		{"-Ox", []string{"build", "-Ox", dk}, 2, "", "invalid argument"},
		{"-O alone", []string{"build", dk, "-O"}, 2, "", "needs an argument"},
		{"bad emit", []string{"build", dk, "--emit", "obj"}, 2, "", "--emit must be asm or ir"},
		{"bad format", []string{"build", dk, "--format", "xml"}, 2, "", "text or json"},
		{"no file", []string{"build"}, 2, "", "expected one .reflex file"},
		{"missing file", []string{"build", "/nonexistent/x.reflex"}, 2, "", "cannot read file"},
		{"check error", []string{"build", checkErr}, 1, "", "[R201]"},
		{"budget overrun", []string{"build", budget, "--budget", "1000"}, 1, "", "smooth.reflex:8:20: error: the tick entry needs up to"},
		{"budget overrun json", []string{"build", budget, "--budget", "1000", "--format", "json"}, 1, "", `"code":"R601"`},
		{"budget fits", []string{"build", budget, "-o", out}, 0, "instructions", ""},
		{"emit asm", []string{"build", dk, "--emit", "asm"}, 0, "HALT", ""},
		{"emit ir", []string{"build", dk, "--emit", "ir", "-O0"}, 0, "reflex depth_keeper", ""},
	})
}

// TestBuildOutput: the default output is FILE.nxb, it validates strictly
// and runs; --emit writes no container unless -o names one.
func TestBuildOutput(t *testing.T) {
	dk := example(t, "depth_keeper.reflex")
	nxb := strings.TrimSuffix(dk, ".reflex") + ".nxb"
	if st, _, errs := nexusc(t, "build", "--emit", "asm", dk); st != 0 {
		t.Fatalf("exit %d: %s", st, errs)
	}
	if _, err := os.Stat(nxb); err == nil {
		t.Fatalf("--emit wrote %s", nxb)
	}
	st, out, errs := nexusc(t, "build", dk)
	if st != 0 || !strings.HasPrefix(out, nxb+": ") {
		t.Fatalf("exit %d, stdout %q, stderr %s", st, out, errs)
	}
	if st, _, errs := nexusc(t, "validate", "--policy", "strict", nxb); st != 0 {
		t.Errorf("the built program does not validate strictly: %s", errs)
	}
	if st, _, errs := nexusc(t, "run", nxb, "--io", "16=131072", "--io", "17=5242880", "--io", "18=3276800"); st != 0 {
		t.Errorf("the built program does not run: %s", errs)
	}
}

func TestBuildJSON(t *testing.T) {
	dk := example(t, "depth_keeper.reflex")
	st, out, errs := nexusc(t, "build", dk, "--format", "json")
	if st != 0 {
		t.Fatalf("exit %d: %s", st, errs)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var keys []string
	for k := range s {
		keys = append(keys, k)
	}
	want := []string{"budget", "data_bytes", "entry_wcet", "file", "instructions", "level", "max_stack", "output", "wcet"}
	if diff := cmp.Diff(want, sorted(keys)); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if s["level"] != float64(2) || s["wcet"].(float64) <= 0 {
		t.Errorf("summary %v", s)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
