package conformance_test

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

var update = flag.Bool("update", false, "rewrite the expect section of every case with the Go VM's report (review the diff!)")

// minCases is the corpus size issue 4 asks for.
const minCases = 150

func mustCases(t testing.TB) []*testCase {
	t.Helper()
	cases, err := loadCases(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no *.case files")
	}
	return cases
}

// TestGoVM runs every case in the Go VM and compares the report with the
// expect section byte for byte. With -update it writes the report there
// instead. Subtests are named FILE:LINE, LINE being the expect section's.
func TestGoVM(t *testing.T) {
	for _, c := range mustCases(t) {
		t.Run(c.label(), func(t *testing.T) {
			code, err := c.assemble()
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := runGo(code, c.in)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if *update {
				if string(got) != c.expect {
					out := append(append(c.head, "-- expect --\n"...), got...)
					if err := os.WriteFile(c.path, append(out, '\n'), 0o644); err != nil {
						t.Fatal(err)
					}
					t.Logf("%s: updated", c.name)
				}
				return
			}
			if c.expect == "" {
				t.Fatalf("%s has no expect section (go test ./spec/conformance -update writes it)", c.name)
			}
			if string(got) != c.expect {
				t.Errorf("%s: the Go VM differs from the expected report\n got  %s\n want %s", c.label(), got, c.expect)
			}
		})
	}
}

// report is the part of a run report the coverage test looks at.
type report struct {
	Halted bool    `json:"halted"`
	Trap   *string `json:"trap"`
}

// TestCorpusCoverage keeps the corpus honest about what it claims to cover:
// its size, every opcode (core and A2A), every trap, every CMP condition,
// every fixed-point form, budget exhaustion and multi-tick runs.
func TestCorpusCoverage(t *testing.T) {
	cases := mustCases(t)
	if len(cases) < minCases {
		t.Errorf("the corpus has %d cases, want at least %d", len(cases), minCases)
	}
	ops := map[isa.Opcode]bool{}
	undefined := 0
	conds := map[int32]bool{}
	traps := map[string]bool{}
	forms := map[string]bool{}
	exhausted, multiTick := 0, 0
	for _, c := range cases {
		code, err := c.assemble()
		if err != nil {
			t.Fatal(err)
		}
		insns, err := isa.DecodeAll(code)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, in := range insns {
			if isa.Lookup(in.Op) == nil {
				undefined++
				continue
			}
			ops[in.Op] = true
			switch in.Op {
			case isa.CMP:
				conds[in.Imm] = true
			case isa.MUL:
				forms[formName("MUL", in.Imm)] = true
			case isa.DIV:
				forms[formName("DIV", in.Imm)] = true
			case isa.SHR:
				if in.Imm == 1 {
					forms["SHR arithmetic"] = true
				}
			}
		}
		var r report
		if c.expect == "" {
			continue // TestGoVM reports it
		}
		if err := json.Unmarshal([]byte(c.expect), &r); err != nil {
			t.Fatalf("%s: expect is not JSON: %v", c.label(), err)
		}
		switch {
		case r.Trap != nil:
			traps[*r.Trap] = true
		case !r.Halted:
			exhausted++
		}
		if c.in.ticks > 1 {
			multiTick++
		}
	}
	for _, info := range isa.All() {
		if !ops[info.Op] {
			t.Errorf("no case uses opcode %s", info.Name)
		}
	}
	if undefined == 0 {
		t.Errorf("no case executes an undefined opcode")
	}
	for cond := int32(0); cond <= 10; cond++ {
		if !conds[cond] {
			t.Errorf("no case uses CMP condition %d", cond)
		}
	}
	for tr := isa.Trap(1); int(tr) < isa.NumTraps; tr++ {
		if !traps[tr.String()] {
			t.Errorf("no case ends in trap %s", tr)
		}
	}
	for _, f := range []string{"MUL k=0", "MUL k>0", "MUL k=31", "DIV k=0", "DIV k>0", "DIV k=31", "SHR arithmetic"} {
		if !forms[f] {
			t.Errorf("no case uses %s", f)
		}
	}
	if exhausted == 0 {
		t.Errorf("no case exhausts its budget")
	}
	if multiTick == 0 {
		t.Errorf("no case runs more than one tick")
	}
}

func formName(op string, k int32) string {
	switch {
	case k == 0:
		return op + " k=0"
	case k == 31:
		return op + " k=31"
	case k > 0 && k < 31:
		return op + " k>0"
	}
	return op + " bad k"
}
