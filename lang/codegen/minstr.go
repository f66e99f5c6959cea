package codegen

import (
	"fmt"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// minstr is one emitted machine instruction, or a label when label is set.
// Jumps and calls name their target by label; the assembler resolves it.
type minstr struct {
	label   string // a label definition (no instruction)
	fnStart bool   // the label starts a function
	op      isa.Opcode
	rd      uint8
	rs1     uint8
	rs2     uint8
	imm     int32
	target  string // JMP, JZ, JNZ, CALL
	pos     ir.Pos
}

func (m *minstr) isJump() bool {
	return m.label == "" && (m.op == isa.JMP || m.op == isa.JZ || m.op == isa.JNZ)
}

// String renders the instruction in the assembler's syntax.
func (m *minstr) String() string {
	r := func(x uint8) string { return fmt.Sprintf("R%d", x) }
	name := m.op.String()
	switch m.op {
	case isa.LOAD_CONST:
		return fmt.Sprintf("%s %s, %d", name, r(m.rd), m.imm)
	case isa.LOAD_REG, isa.STORE_REG:
		return fmt.Sprintf("%s %s, %s, %d", name, r(m.rd), r(m.rs1), m.imm)
	case isa.ADD, isa.SUB, isa.AND, isa.OR, isa.XOR, isa.SHL:
		return fmt.Sprintf("%s %s, %s, %s", name, r(m.rd), r(m.rs1), r(m.rs2))
	case isa.MUL, isa.DIV, isa.SHR:
		return fmt.Sprintf("%s %s, %s, %s, %d", name, r(m.rd), r(m.rs1), r(m.rs2), m.imm)
	case isa.NOT:
		return fmt.Sprintf("%s %s, %s", name, r(m.rd), r(m.rs1))
	case isa.CMP:
		if m.imm == 0 {
			return fmt.Sprintf("%s %s, %s", name, r(m.rs1), r(m.rs2))
		}
		return fmt.Sprintf("%s %s, %s, %s, %s", name, r(m.rd), r(m.rs1), r(m.rs2), isa.Cond(m.imm))
	case isa.JMP, isa.JZ, isa.JNZ, isa.CALL:
		return name + " " + m.target
	case isa.RET, isa.HALT, isa.NOP:
		return name
	case isa.READ_IO:
		return fmt.Sprintf("%s %s, R%d", name, r(m.rd), m.rs1)
	case isa.WRITE_IO:
		return fmt.Sprintf("%s R%d, %s", name, m.rd, r(m.rs1))
	case isa.SEND:
		return fmt.Sprintf("%s %d, %s", name, m.rd, r(m.rs1))
	case isa.RECV:
		return fmt.Sprintf("%s %s", name, r(m.rd))
	}
	// A2A: value register in rd, rs1 0, code in imm.
	return fmt.Sprintf("%s %s, 0, %d", name, r(m.rd), m.imm)
}

// writes returns the general-purpose register the instruction writes, or
// -1.
func (m *minstr) writes() int {
	if m.label != "" {
		return -1
	}
	switch m.op {
	case isa.LOAD_CONST, isa.LOAD_REG, isa.ADD, isa.SUB, isa.MUL, isa.DIV, isa.AND, isa.OR,
		isa.XOR, isa.NOT, isa.SHL, isa.SHR, isa.READ_IO, isa.RECV, isa.POP:
		return int(m.rd)
	case isa.CMP:
		if m.imm != 0 {
			return int(m.rd)
		}
	}
	return -1
}
