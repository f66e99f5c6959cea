package isa

import (
	"encoding/binary"
	"fmt"
)

// Instruction is one decoded 8-byte instruction. Fields hold the raw encoded
// values; whether they are in range is for the VM and validator to decide.
type Instruction struct {
	Op  Opcode
	Rd  uint8
	Rs1 uint8
	Rs2 uint8
	Imm int32
}

// Decode decodes the instruction at the start of b, which must hold at least
// InsnSize bytes.
func Decode(b []byte) Instruction {
	_ = b[7]
	return Instruction{
		Op:  Opcode(b[0]),
		Rd:  b[1],
		Rs1: b[2],
		Rs2: b[3],
		Imm: int32(binary.LittleEndian.Uint32(b[4:8])),
	}
}

// Put encodes i into the first InsnSize bytes of b.
func (i Instruction) Put(b []byte) {
	_ = b[7]
	b[0] = byte(i.Op)
	b[1] = i.Rd
	b[2] = i.Rs1
	b[3] = i.Rs2
	binary.LittleEndian.PutUint32(b[4:8], uint32(i.Imm))
}

// Append appends the encoding of i to b.
func (i Instruction) Append(b []byte) []byte {
	var buf [InsnSize]byte
	i.Put(buf[:])
	return append(b, buf[:]...)
}

// DecodeAll decodes a bare instruction stream. Its length must be a multiple
// of InsnSize; opcodes and fields are not checked.
func DecodeAll(code []byte) ([]Instruction, error) {
	if len(code)%InsnSize != 0 {
		return nil, fmt.Errorf("code length %d is not a multiple of %d bytes (the last instruction is truncated by %d bytes)",
			len(code), InsnSize, InsnSize-len(code)%InsnSize)
	}
	out := make([]Instruction, len(code)/InsnSize)
	for k := range out {
		out[k] = Decode(code[k*InsnSize:])
	}
	return out, nil
}

// EncodeAll encodes a sequence of instructions as a bare instruction stream.
func EncodeAll(insns []Instruction) []byte {
	out := make([]byte, 0, len(insns)*InsnSize)
	for _, i := range insns {
		out = i.Append(out)
	}
	return out
}

// Roles resolves what each field of i means. It differs from the opcode's
// Info only for CMP, whose rd is used only when a condition code is given.
// For an undefined opcode every role is Unused and ok is false.
func (i Instruction) Roles() (rd, rs1, rs2, imm Role, ok bool) {
	in := table[i.Op]
	if in == nil {
		return Unused, Unused, Unused, Unused, false
	}
	rd, rs1, rs2, imm = in.Rd, in.Rs1, in.Rs2, in.Imm
	if i.Op == CMP && i.Imm == 0 {
		rd = Unused
	}
	return rd, rs1, rs2, imm, true
}

// Canonical reports whether every field i's opcode does not use is zero.
func (i Instruction) Canonical() bool {
	rd, rs1, rs2, imm, ok := i.Roles()
	if !ok {
		return false
	}
	return (rd != Unused || i.Rd == 0) && (rs1 != Unused || i.Rs1 == 0) &&
		(rs2 != Unused || i.Rs2 == 0) && (imm != Unused || i.Imm == 0)
}

// ModeValid reports whether i's mode field, if it has one, holds a defined
// value: a condition code for CMP, a shift 0..31 for MUL and DIV, 0 or 1 for
// SHR. Executing an instruction with an undefined mode traps with BadOpcode.
func (i Instruction) ModeValid() bool {
	switch i.Op {
	case CMP:
		return i.Imm >= 0 && i.Imm <= int32(CondGEU)
	case MUL, DIV:
		return i.Imm >= 0 && i.Imm <= MaxShiftK
	case SHR:
		return i.Imm == 0 || i.Imm == 1
	}
	return true
}

func (i Instruction) String() string {
	return fmt.Sprintf("%s rd=%d rs1=%d rs2=%d imm=%d", i.Op, i.Rd, i.Rs1, i.Rs2, i.Imm)
}
