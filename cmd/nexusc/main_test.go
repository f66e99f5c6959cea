package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// nexusc runs the command in-process and returns its exit status and output.
func nexusc(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := run(args, &out, &errb)
	return st, out.String(), errb.String()
}

func TestPlaygroundStateJSON(t *testing.T) {
	st, out, errs := nexusc(t, "run", "../../examples/playground.s", "--io", "16=42", "--state", "json")
	if st != 0 {
		t.Fatalf("exit %d, stderr:\n%s", st, errs)
	}
	want := `{"pc":40,"cycles":6,"halted":true,"trap":null,` +
		`"registers":[42,100,142,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],` +
		`"flags":{"zero":false,"negative":false},"stack":[142],"sent":[],"writes":[[17,142]]}` + "\n"
	if out != want {
		t.Errorf("state JSON mismatch (-want +got):\n%s", cmp.Diff(want, out))
	}
}

func TestStateJSONKeys(t *testing.T) {
	_, out, _ := nexusc(t, "run", "../../examples/playground.s", "--state", "json")
	dec := json.NewDecoder(strings.NewReader(out))
	var keys []string
	tok, _ := dec.Token() // {
	if tok != json.Delim('{') {
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
	want := []string{"pc", "cycles", "halted", "trap", "registers", "flags", "stack", "sent", "writes"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExitStatuses(t *testing.T) {
	trap := write(t, "trap.s", "LOAD_CONST R1, 7\nDIV R2, R1, R0\nHALT\n")
	bad := write(t, "bad.s", "LOAD_CONST R1, 7\nJNE nowhere\n")
	loop := write(t, "loop.s", "top: JMP top\n")
	short := write(t, "short.bin", "\x01\x02\x03\x04\x05\x06\x07")
	notnxb := write(t, "prog.nxb", "LOAD_CONST R1, 1\n")
	runCases(t, []cliCase{
		{"no args", nil, 2, "", "Usage"},
		{"help", []string{"help"}, 0, "Commands:", ""},
		{"unknown verb", []string{"rnu"}, 2, "", `did you mean "run"?`},
		{"run help", []string{"run", "--help"}, 0, "--max-cycles", ""},
		{"asm help", []string{"help", "asm"}, 0, "Examples:", ""},
		{"disasm help", []string{"disasm", "-h"}, 0, "--raw", ""},
		{"version", []string{"version"}, 0, "nexusc", ""},
		{"trap", []string{"run", trap}, 1, "trap DIV_BY_ZERO at pc 8", ""},
		{"trap json", []string{"run", trap, "--state", "json"}, 1, `"trap":"DIV_BY_ZERO"`, ""},
		{"budget", []string{"run", loop, "--max-cycles", "10", "--state", "json"}, 0, `"cycles":10,"halted":false,"trap":null`, ""},
		{"asm errors (run)", []string{"run", bad}, 2, "", "bad.s:2:1"},
		{"asm errors (asm)", []string{"asm", bad, "-o", filepath.Join(t.TempDir(), "x.nxb")}, 1, "", "JNZ"},
		{"asm errors json", []string{"asm", bad, "--format", "json"}, 1, "", `"diagnostics"`},
		{"missing file", []string{"run", "/nonexistent/x.s"}, 2, "", "cannot read file"},
		{"bad io", []string{"run", trap, "--io", "3=4"}, 2, "", "channel must be 16..31"},
		{"bad io value", []string{"run", trap, "--io", "16=abc"}, 2, "", "not a 32-bit integer"},
		{"bad profile", []string{"run", trap, "--profile", "arduino"}, 2, "", "esp32 or jetson"},
		{"bad flag", []string{"run", "--frobnicate", trap}, 2, "", "unknown flag"},
		{"two files", []string{"run", trap, trap}, 2, "", "expected one input file"},
		{"truncated raw", []string{"run", short, "--raw"}, 2, "", "multiple of 8"},
		{"not a container", []string{"run", notnxb}, 2, "", "--raw"},
	})
}

// cliCase is one command line and what it must produce.
type cliCase struct {
	name string
	args []string
	want int    // exit status
	out  string // substring of stdout
	errs string // substring of stderr
}

func runCases(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, out, errs := nexusc(t, c.args...)
			if st != c.want {
				t.Errorf("nexusc %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", c.args, st, c.want, out, errs)
			}
			if !strings.Contains(out, c.out) {
				t.Errorf("stdout lacks %q:\n%s", c.out, out)
			}
			if !strings.Contains(errs, c.errs) {
				t.Errorf("stderr lacks %q:\n%s", c.errs, errs)
			}
		})
	}
}

// TestAsmDisasmRun checks the three verbs agree: a program assembled to a
// container, to a raw stream, and disassembled and reassembled, runs the same.
func TestAsmDisasmRun(t *testing.T) {
	dir := t.TempDir()
	src := "../../examples/playground.s"
	nxbPath := filepath.Join(dir, "p.nxb")
	rawPath := filepath.Join(dir, "p.bin")
	if st, _, errs := nexusc(t, "asm", src, "-o", nxbPath); st != 0 {
		t.Fatalf("asm: %d %s", st, errs)
	}
	if st, _, errs := nexusc(t, "asm", src, "--raw", "-o", rawPath); st != 0 {
		t.Fatalf("asm --raw: %d %s", st, errs)
	}
	raw, _ := os.ReadFile(rawPath)
	if len(raw) != 48 {
		t.Errorf("raw stream is %d bytes, want 48", len(raw))
	}
	st, text, errs := nexusc(t, "disasm", nxbPath)
	if st != 0 {
		t.Fatalf("disasm: %d %s", st, errs)
	}
	re := write(t, "re.s", text)
	var outs []string
	for _, args := range [][]string{{src}, {nxbPath}, {rawPath, "--raw"}, {re}} {
		a := append([]string{"run"}, args...)
		a = append(a, "--io", "16=42", "--state", "json")
		st, out, errs := nexusc(t, a...)
		if st != 0 {
			t.Fatalf("%v: exit %d: %s", a, st, errs)
		}
		outs = append(outs, out)
	}
	for k := 1; k < len(outs); k++ {
		if outs[k] != outs[0] {
			t.Errorf("run %d differs:\n%s", k, cmp.Diff(outs[0], outs[k]))
		}
	}
}

func TestTicksKeepMemory(t *testing.T) {
	// Each tick increments a counter in data memory and sends it.
	p := write(t, "count.s", `
		LOAD_REG  R1, R0, 0x100
		LOAD_CONST R2, 1
		ADD       R1, R1, R2
		STORE_REG R1, R0, 0x100
		SEND      1, R1
		HALT
	`)
	st, out, errs := nexusc(t, "run", p, "--ticks", "3", "--state", "json")
	if st != 0 {
		t.Fatalf("exit %d: %s", st, errs)
	}
	if !strings.Contains(out, `"sent":[[1,1],[1,2],[1,3]]`) || !strings.Contains(out, `"cycles":6`) {
		t.Errorf("unexpected state: %s", out)
	}
}

func TestFailsafe(t *testing.T) {
	p := write(t, "fs.s", `
		.entry failsafe safe
		LOAD_CONST R1, 9
		DIV R2, R1, R0
		HALT
	safe:
		LOAD_CONST R3, 0
		WRITE_IO R20, R3     ; all stop
		HALT
	`)
	st, out, errs := nexusc(t, "run", p, "--state", "json")
	if st != 1 {
		t.Fatalf("exit %d, want 1 (the tick trapped)", st)
	}
	for _, want := range []string{`"pc":8`, `"trap":"DIV_BY_ZERO"`, `"writes":[[20,0]]`} {
		if !strings.Contains(out, want) {
			t.Errorf("state lacks %s: %s", want, out)
		}
	}
	if !strings.Contains(errs, "failsafe entry ran") {
		t.Errorf("stderr does not mention the failsafe: %s", errs)
	}
}
