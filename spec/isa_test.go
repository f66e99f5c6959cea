package spec_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

// mustExamples parses isa.md, failing the test on any malformed block.
func mustExamples(t *testing.T) []*example {
	t.Helper()
	exs, errs, err := readExamples()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Error(e)
	}
	if len(exs) == 0 {
		t.Fatal("no ```nexus examples found in isa.md")
	}
	return exs
}

func mustDoc(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExamplesParse checks every example's directives are well formed.
func TestExamplesParse(t *testing.T) {
	exs := mustExamples(t)
	t.Logf("%d examples", len(exs))
}

// TestEveryTrapHasAnExample checks that each trap code is raised by at
// least one example.
func TestEveryTrapHasAnExample(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range mustExamples(t) {
		for _, c := range e.checks {
			if name, ok := strings.CutPrefix(c.text, "trap="); ok {
				seen[name] = true
			}
		}
	}
	for tr := isa.Trap(1); int(tr) < isa.NumTraps; tr++ {
		if !seen[tr.String()] {
			t.Errorf("trap %d %s has no example in %s", tr, tr, docPath)
		}
	}
}

// roleAbbrev is how the opcode tables spell isa.Role.
var roleAbbrev = map[isa.Role]string{
	isa.Unused: "-", isa.RegRead: "R", isa.RegWrite: "W", isa.IOChannel: "io",
	isa.Channel: "ch", isa.Imm: "imm", isa.Target: "addr", isa.Mode: "mode", isa.HookArg: "arg",
}

// TestOpcodeTables checks the opcode tables of sections 6 and 9 against
// isa: the same opcodes, numbers, names, field roles and flag effects, a
// cost of one cycle, an assembly form that starts with the mnemonic, and
// trap names that exist.
func TestOpcodeTables(t *testing.T) {
	doc := mustDoc(t)
	rows := append(tableRows(doc, "## 6. Opcode summary"), tableRows(doc, "## 9. The A2A range")...)
	seen := map[isa.Opcode]bool{}
	for _, r := range rows {
		if len(r) != 10 {
			t.Errorf("opcode table row %q: %d cells, want 10", strings.Join(r, " | "), len(r))
			continue
		}
		n, err := strconv.ParseUint(strings.TrimPrefix(r[0], "0x"), 16, 8)
		if err != nil || !strings.HasPrefix(r[0], "0x") || len(r[0]) != 4 {
			t.Errorf("opcode table row %s: opcode %q is not 0xNN", r[1], r[0])
			continue
		}
		op := isa.Opcode(n)
		in := isa.Lookup(op)
		if in == nil {
			t.Errorf("opcode table lists %s as %#02x, which isa does not define", r[1], n)
			continue
		}
		if seen[op] {
			t.Errorf("opcode table lists %#02x twice", n)
		}
		seen[op] = true
		if r[1] != in.Name {
			t.Errorf("opcode table: %#02x is %s, isa says %s", n, r[1], in.Name)
		}
		if asm := strings.Trim(r[2], "`"); !strings.HasPrefix(asm, in.Name) {
			t.Errorf("%s: assembly form %q does not start with the mnemonic", in.Name, r[2])
		}
		for k, role := range []isa.Role{in.Rd, in.Rs1, in.Rs2, in.Imm} {
			if r[3+k] != roleAbbrev[role] {
				t.Errorf("%s: field %s is %q in the table, isa says %q", in.Name,
					[]string{"rd", "rs1", "rs2", "imm"}[k], r[3+k], roleAbbrev[role])
			}
		}
		if (r[7] == "set") != in.SetsFlags || (r[7] != "set" && r[7] != "-") {
			t.Errorf("%s: flags column %q, isa SetsFlags = %v", in.Name, r[7], in.SetsFlags)
		}
		if r[8] != "1" {
			t.Errorf("%s: cost %q, every instruction costs 1 cycle", in.Name, r[8])
		}
		for _, name := range trapNames(r[9]) {
			if _, ok := isa.TrapByName(name); !ok {
				t.Errorf("%s: traps column names %q, not an isa trap", in.Name, name)
			}
		}
	}
	for _, in := range isa.All() {
		if !seen[in.Op] {
			t.Errorf("opcode %#02x %s is missing from the opcode tables", uint8(in.Op), in.Name)
		}
	}
}

// trapNames extracts the upper-case trap names from a traps cell such as
// "BAD_REGISTER, BAD_OPCODE (k)".
func trapNames(cell string) []string {
	var out []string
	for _, part := range strings.Split(cell, ",") {
		f := strings.Fields(part)
		if len(f) == 0 || strings.ToUpper(f[0]) != f[0] || !strings.Contains(f[0], "_") {
			continue
		}
		out = append(out, f[0])
	}
	return out
}

// TestTrapTable checks section 10 lists exactly isa's trap codes.
func TestTrapTable(t *testing.T) {
	rows := tableRows(mustDoc(t), "## 10. Traps")
	if len(rows) != isa.NumTraps {
		t.Errorf("trap table has %d rows, isa defines %d traps", len(rows), isa.NumTraps)
	}
	for k, r := range rows {
		n, err := strconv.Atoi(r[0])
		if err != nil || n != k || isa.Trap(n).String() != r[1] {
			t.Errorf("trap table row %d: %s %s, isa says %d %s", k, r[0], r[1], k, isa.Trap(k))
		}
	}
}

// TestConditionTable checks section 8.1 lists isa's condition codes.
func TestConditionTable(t *testing.T) {
	rows := tableRows(mustDoc(t), "### 8.1 CMP condition codes")
	names := isa.CondNames()
	if len(rows) != len(names)+1 {
		t.Fatalf("condition table has %d rows, want %d (none plus %d codes)", len(rows), len(names)+1, len(names))
	}
	for k, r := range rows[1:] {
		c, ok := isa.CondByName(r[1])
		if !ok || r[0] != strconv.Itoa(k+1) || int(c) != k+1 {
			t.Errorf("condition table row %q %q, isa says %d %s", r[0], r[1], k+1, isa.Cond(k+1))
		}
	}
}
