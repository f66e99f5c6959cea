// Package isa defines the NEXUS instruction set as data: every opcode's
// number, mnemonic, operand form, field roles and a one-line effect, plus the
// 8-byte instruction encoding, condition codes, trap codes, profiles and the
// machine's limits.
//
// It is the single source of truth for the bytecode. The assembler,
// disassembler, VM, validator, compiler and the generated C header all read
// this package; nothing else spells an opcode number. spec/isa.md is the
// normative prose for the same definitions.
//
// An instruction is 8 bytes, little-endian:
//
//	[opcode u8][rd u8][rs1 u8][rs2 u8][imm32 i32]
//
// Which fields an instruction uses, and as what, is described by its Info
// (Rd, Rs1, Rs2, Imm roles) and resolved per instruction by
// Instruction.Roles, because CMP's rd is only used when a condition code is
// present. Fields an opcode does not use are ignored by the VM (programs from
// the seed's reference assembler leave stray values there) and should be zero
// in canonical encodings.
//go:generate go run ../../internal/cheader ../../firmware/components/nexus_isa/include/nexus_isa.h

package isa

import "fmt"

// Machine limits, fixed by the ISA.
const (
	InsnSize       = 8      // bytes per instruction
	NumRegs        = 32     // R0..R31
	NumGPRegs      = 16     // R0..R15 are general purpose
	FirstIOChannel = 16     // R16..R31 are IO-mapped, reached only by READ_IO/WRITE_IO
	LastIOChannel  = 31     //
	MemSize        = 65536  // bytes of data memory
	StackDepth     = 1024   // 32-bit entries shared by CALL and PUSH
	MaxCodeSize    = 65536  // bytes of code
	DefaultBudget  = 100000 // cycles per tick
	TickMicros     = 1000   // tick period
	MaxShiftK      = 31     // largest fixed-point shift for MUL/DIV
)

// Opcode is the first byte of an instruction.
type Opcode uint8

// Core opcodes, numbered as the seed's table.
const (
	NOP        Opcode = 0x00
	LOAD_CONST Opcode = 0x01
	LOAD_REG   Opcode = 0x02
	STORE_REG  Opcode = 0x03
	ADD        Opcode = 0x04
	SUB        Opcode = 0x05
	MUL        Opcode = 0x06
	DIV        Opcode = 0x07
	AND        Opcode = 0x08
	OR         Opcode = 0x09
	XOR        Opcode = 0x0A
	NOT        Opcode = 0x0B
	SHL        Opcode = 0x0C
	SHR        Opcode = 0x0D
	CMP        Opcode = 0x0E
	JMP        Opcode = 0x0F
	JZ         Opcode = 0x10
	JNZ        Opcode = 0x11
	CALL       Opcode = 0x12
	RET        Opcode = 0x13
	PUSH       Opcode = 0x14
	POP        Opcode = 0x15
	READ_IO    Opcode = 0x16
	WRITE_IO   Opcode = 0x17
	HALT       Opcode = 0x18
	SLEEP      Opcode = 0x19
	SEND       Opcode = 0x1A
	RECV       Opcode = 0x1B
	ALLOC      Opcode = 0x1C
	FREE       Opcode = 0x1D
	DMA_COPY   Opcode = 0x1E
	INTERRUPT  Opcode = 0x1F
)

// Agent-to-agent (A2A) opcodes, 0x20..0x56. NOPs under ProfileESP32; host
// hook calls under ProfileJetson.
const (
	DECLARE_INTENT        Opcode = 0x20
	ASSERT_GOAL           Opcode = 0x21
	VERIFY_OUTCOME        Opcode = 0x22
	EXPLAIN_FAILURE       Opcode = 0x23
	SET_PRIORITY          Opcode = 0x24
	REQUEST_RESOURCE      Opcode = 0x25
	RELEASE_RESOURCE      Opcode = 0x26
	TELL                  Opcode = 0x30
	ASK                   Opcode = 0x31
	DELEGATE              Opcode = 0x32
	REPORT_STATUS         Opcode = 0x33
	REQUEST_OVERRIDE      Opcode = 0x34
	REQUIRE_CAPABILITY    Opcode = 0x40
	DECLARE_SENSOR_NEED   Opcode = 0x41
	DECLARE_ACTUATOR_USE  Opcode = 0x42
	CHECK_AVAILABILITY    Opcode = 0x43
	RESERVE_RESOURCE      Opcode = 0x44
	TRUST_CHECK           Opcode = 0x50
	AUTONOMY_LEVEL_ASSERT Opcode = 0x51
	SAFE_BOUNDARY         Opcode = 0x52
	RATE_LIMIT            Opcode = 0x53
	EMERGENCY_CLAIM       Opcode = 0x54
	RELEASE_CLAIM         Opcode = 0x55
	VERIFY_AUTHORITY      Opcode = 0x56
)

// Form is an opcode's assembly operand form. Brackets mark operands the
// assembler lets the author omit (they encode as zero).
type Form uint8

const (
	FormNone    Form = iota // OP
	FormRdImm               // OP rd, imm
	FormMem                 // OP rd, rs1[, imm]      (address R[rs1]+imm)
	FormALU                 // OP rd, rs1, rs2
	FormALUK                // OP rd, rs1, rs2[, k]   (k: fixed-point shift 0..31)
	FormShr                 // OP rd, rs1, rs2[, mode] (mode 1: arithmetic)
	FormRdRs1               // OP rd, rs1
	FormCmp                 // OP rs1, rs2  |  OP rd, rs1, rs2[, cond]
	FormTarget              // OP target              (label or absolute byte address)
	FormRd                  // OP rd
	FormReadIO              // OP rd, channel         (channel R16..R31)
	FormWriteIO             // OP channel, rs1        (channel R16..R31)
	FormSend                // OP channel, rs1        (channel 0..255, written Rn or n)
	FormImm                 // OP imm
	FormAlloc               // OP rd, [rs1,] imm
	FormDMA                 // OP rd, rs1, imm        (copy imm bytes R[rs1] -> R[rd])
	FormA2A                 // OP [rd[, rs1[, imm]]]  (operands for the host hook)
)

// Role says what an instruction field means.
type Role uint8

const (
	Unused    Role = iota // must be zero in a canonical encoding
	RegRead               // general-purpose register read (R0..R15)
	RegWrite              // general-purpose register written (R0..R15)
	IOChannel             // IO channel number 16..31
	Channel               // SEND channel, any byte
	Imm                   // immediate operand
	Target                // absolute code byte address
	Mode                  // mode selector: CMP condition, MUL/DIV shift, SHR mode
	HookArg               // A2A operand passed to the host hook, unchecked
)

// Info describes one opcode.
type Info struct {
	Op        Opcode
	Name      string
	Form      Form
	Rd        Role
	Rs1       Role
	Rs2       Role
	Imm       Role
	SetsFlags bool // writes Z and N
	A2A       bool
	Effect    string // one-line semantics, used in docs and hover text
}

var table [256]*Info

var byName = map[string]*Info{}

func def(op Opcode, name string, form Form, rd, rs1, rs2, imm Role, flags bool, effect string) {
	if table[op] != nil {
		panic(fmt.Sprintf("isa: opcode %#02x defined twice", uint8(op)))
	}
	in := &Info{Op: op, Name: name, Form: form, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm, SetsFlags: flags, Effect: effect}
	in.A2A = op >= 0x20
	table[op] = in
	byName[name] = in
}

func init() {
	const U, R, W = Unused, RegRead, RegWrite
	def(NOP, "NOP", FormNone, U, U, U, U, false, "no operation")
	def(LOAD_CONST, "LOAD_CONST", FormRdImm, W, U, U, Imm, false, "rd = imm")
	def(LOAD_REG, "LOAD_REG", FormMem, W, R, U, Imm, false, "rd = mem32[R[rs1]+imm]")
	def(STORE_REG, "STORE_REG", FormMem, R, R, U, Imm, false, "mem32[R[rs1]+imm] = R[rd]")
	def(ADD, "ADD", FormALU, W, R, R, U, true, "rd = rs1 + rs2 (wrapping)")
	def(SUB, "SUB", FormALU, W, R, R, U, true, "rd = rs1 - rs2 (wrapping)")
	def(MUL, "MUL", FormALUK, W, R, R, Mode, true, "rd = (rs1 * rs2) >> k, 64-bit product, arithmetic shift")
	def(DIV, "DIV", FormALUK, W, R, R, Mode, true, "rd = (rs1 << k) / rs2, signed, truncating")
	def(AND, "AND", FormALU, W, R, R, U, true, "rd = rs1 & rs2")
	def(OR, "OR", FormALU, W, R, R, U, true, "rd = rs1 | rs2")
	def(XOR, "XOR", FormALU, W, R, R, U, true, "rd = rs1 ^ rs2")
	def(NOT, "NOT", FormRdRs1, W, R, U, U, true, "rd = ^rs1")
	def(SHL, "SHL", FormALU, W, R, R, U, true, "rd = rs1 << (rs2 & 31)")
	def(SHR, "SHR", FormShr, W, R, R, Mode, true, "rd = rs1 >> (rs2 & 31); logical, arithmetic when mode = 1")
	def(CMP, "CMP", FormCmp, W, R, R, Mode, true, "flags from rs1 - rs2; with a condition, rd = cond(rs1, rs2) and flags from rd")
	def(JMP, "JMP", FormTarget, U, U, U, Target, false, "pc = target")
	def(JZ, "JZ", FormTarget, U, U, U, Target, false, "if Z: pc = target")
	def(JNZ, "JNZ", FormTarget, U, U, U, Target, false, "if not Z: pc = target")
	def(CALL, "CALL", FormTarget, U, U, U, Target, false, "push pc+8; pc = target")
	def(RET, "RET", FormNone, U, U, U, U, false, "pc = pop()")
	def(PUSH, "PUSH", FormRd, R, U, U, U, false, "push R[rd]")
	def(POP, "POP", FormRd, W, U, U, U, false, "rd = pop()")
	def(READ_IO, "READ_IO", FormReadIO, W, IOChannel, U, U, false, "rd = io[channel]")
	def(WRITE_IO, "WRITE_IO", FormWriteIO, IOChannel, R, U, U, false, "io[channel] = R[rs1]")
	def(HALT, "HALT", FormNone, U, U, U, U, false, "stop; pc stays on the HALT")
	def(SLEEP, "SLEEP", FormImm, U, U, U, Imm, false, "record a sleep request of imm ms for the host")
	def(SEND, "SEND", FormSend, Channel, R, U, U, false, "queue (channel, R[rs1]) for sending")
	def(RECV, "RECV", FormRd, W, U, U, U, false, "rd = next received value, or 0xFFFFFFFF if none")
	def(ALLOC, "ALLOC", FormAlloc, W, R, U, Imm, false, "check imm + R[rs1] <= memory size; rd = imm")
	def(FREE, "FREE", FormRd, R, U, U, U, false, "no operation (static memory)")
	def(DMA_COPY, "DMA_COPY", FormDMA, R, R, U, Imm, false, "copy imm bytes from R[rs1] to R[rd], overlap-safe")
	def(INTERRUPT, "INTERRUPT", FormImm, U, U, U, Imm, false, "queue interrupt imm")

	a2a := []struct {
		op     Opcode
		name   string
		effect string
	}{
		{DECLARE_INTENT, "DECLARE_INTENT", "declare the agent's intent"},
		{ASSERT_GOAL, "ASSERT_GOAL", "assert a goal"},
		{VERIFY_OUTCOME, "VERIFY_OUTCOME", "verify an outcome against a goal"},
		{EXPLAIN_FAILURE, "EXPLAIN_FAILURE", "attach an explanation to a failure"},
		{SET_PRIORITY, "SET_PRIORITY", "set the task priority"},
		{REQUEST_RESOURCE, "REQUEST_RESOURCE", "request a shared resource"},
		{RELEASE_RESOURCE, "RELEASE_RESOURCE", "release a shared resource"},
		{TELL, "TELL", "tell another agent a fact"},
		{ASK, "ASK", "ask another agent"},
		{DELEGATE, "DELEGATE", "delegate a task"},
		{REPORT_STATUS, "REPORT_STATUS", "report status"},
		{REQUEST_OVERRIDE, "REQUEST_OVERRIDE", "request a human or supervisor override"},
		{REQUIRE_CAPABILITY, "REQUIRE_CAPABILITY", "require a capability of the node"},
		{DECLARE_SENSOR_NEED, "DECLARE_SENSOR_NEED", "declare a sensor the program needs"},
		{DECLARE_ACTUATOR_USE, "DECLARE_ACTUATOR_USE", "declare an actuator the program drives"},
		{CHECK_AVAILABILITY, "CHECK_AVAILABILITY", "check a resource's availability"},
		{RESERVE_RESOURCE, "RESERVE_RESOURCE", "reserve a resource"},
		{TRUST_CHECK, "TRUST_CHECK", "check the trust score against a threshold"},
		{AUTONOMY_LEVEL_ASSERT, "AUTONOMY_LEVEL_ASSERT", "assert a minimum autonomy level"},
		{SAFE_BOUNDARY, "SAFE_BOUNDARY", "declare a safe operating boundary"},
		{RATE_LIMIT, "RATE_LIMIT", "declare a rate limit"},
		{EMERGENCY_CLAIM, "EMERGENCY_CLAIM", "claim emergency authority"},
		{RELEASE_CLAIM, "RELEASE_CLAIM", "release an emergency claim"},
		{VERIFY_AUTHORITY, "VERIFY_AUTHORITY", "verify the caller's authority"},
	}
	for _, a := range a2a {
		def(a.op, a.name, FormA2A, HookArg, HookArg, Unused, HookArg, false, a.effect)
	}
}

// Lookup returns the definition of op, or nil if op is not defined.
func Lookup(op Opcode) *Info { return table[op] }

// ByName returns the definition for an upper-case mnemonic, or nil.
func ByName(name string) *Info { return byName[name] }

// All returns every defined opcode in numeric order.
func All() []*Info {
	var out []*Info
	for _, in := range table {
		if in != nil {
			out = append(out, in)
		}
	}
	return out
}

// Mnemonics returns every mnemonic in numeric opcode order.
func Mnemonics() []string {
	var out []string
	for _, in := range All() {
		out = append(out, in.Name)
	}
	return out
}

func (op Opcode) String() string {
	if in := table[op]; in != nil {
		return in.Name
	}
	return fmt.Sprintf("OP_%#02x", uint8(op))
}

// Valid reports whether op is defined under profile p. Both profiles define
// the same opcodes; they differ in how A2A opcodes execute.
func (op Opcode) Valid(p Profile) bool { return table[op] != nil }
