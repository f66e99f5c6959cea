package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidateExitStatuses(t *testing.T) {
	good := write(t, "good.s", "READ_IO R1, R16\nWRITE_IO R17, R1\nHALT\n")
	loop := write(t, "loop.s", "top: JMP top\n")
	div := write(t, "div.s", "READ_IO R1, R16\nDIV R2, R2, R1\nHALT\n")
	bad := write(t, "bad.s", "JNE nowhere\n")
	short := write(t, "short.bin", "\x01\x02\x03")
	runCases(t, []cliCase{
		{"accepted", []string{"validate", good}, 0, "accepted (0 errors, 0 warnings)", ""},
		{"summary", []string{"validate", good}, 0, "wcet 3 cycles  max stack 0", ""},
		{"loop strict", []string{"validate", loop}, 1, "rejected", "[V501]"},
		{"loop budget", []string{"validate", loop, "--policy", "budget"}, 0, "wcet unbounded", ""},
		{"divisor", []string{"validate", div}, 1, "rejected", "[V404]"},
		{"divisor budget", []string{"validate", div, "--policy=budget"}, 0, "accepted (0 errors, 1 warnings)", "warning"},
		{"over budget", []string{"validate", good, "--budget", "2"}, 1, "", "[V502]"},
		{"assembly error", []string{"validate", bad}, 2, "", "unknown mnemonic"},
		{"short raw", []string{"validate", "--raw", short}, 2, "", "multiple of 8"},
		{"missing file", []string{"validate", "/nonexistent.s"}, 2, "", "cannot read"},
		{"bad policy", []string{"validate", good, "--policy", "lax"}, 2, "", "--policy must be strict or budget"},
		{"no file", []string{"validate"}, 2, "", "expected one input file"},
		{"help", []string{"validate", "--help"}, 0, "nexusc validate --raw prog.bin", ""},
		{"run refuses", []string{"run", div, "--policy", "strict"}, 1, "", "the validator rejected the program under the strict policy"},
		{"run budget default", []string{"run", loop, "--max-cycles", "10"}, 0, "cycle budget exhausted", ""},
		{"run no-validate", []string{"run", div, "--policy", "strict", "--no-validate"}, 1, "trap DIV_BY_ZERO", ""},
	})
}

func TestValidateCaret(t *testing.T) {
	p := write(t, "div.s", "LOAD_CONST R1, 7\nREAD_IO R2, R16\nDIV R3, R1, R2\nHALT\n")
	_, _, errs := nexusc(t, "validate", p)
	want := `  disassembly:
         tick:
    0000         LOAD_CONST   R1, 7
    0008         READ_IO      R2, R16
    0010         DIV          R3, R1, R2
                 ^^^^^^^^^^^^^^^^^^^^^^^
    0018         HALT
  hint: test the divisor first`
	if !strings.Contains(errs, want) {
		t.Errorf("excerpt missing; stderr:\n%s", errs)
	}
}

func TestValidateJSONKeys(t *testing.T) {
	p := write(t, "prog.s", ".meta capability \"write 17\"\nREAD_IO R1, R16\nWRITE_IO R18, R1\nHALT\n")
	st, out, _ := nexusc(t, "validate", p, "--format", "json")
	if st != 1 {
		t.Errorf("exit %d, want 1", st)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var keys []string
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %q", out)
	}
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"ok", "wcet", "max_stack", "manifest", "diagnostics"}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	for _, s := range []string{`"ok":false`, `"wcet":3`, `"reads":[16]`, `"writes":[18]`, `"code":"V603"`, `"pc":8`} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %s:\n%s", s, out)
		}
	}
	_, out, _ = nexusc(t, "validate", write(t, "loop.s", "top: JMP top\n"), "--format", "json", "--policy", "budget")
	if !strings.Contains(out, `"wcet":null`) {
		t.Errorf("unbounded WCET is not null:\n%s", out)
	}
}
