package validator

import (
	"fmt"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Rule 1: structure. Every instruction is decoded once, here; later passes
// read v.code. It reports false when the program is too malformed for the
// control-flow passes (they need decodable, in-range fields and targets).

const ioHint = "R16..R31 are IO channels, reachable only through READ_IO and WRITE_IO; use R0..R15"

func (v *validator) structure() bool {
	c := v.f.Code
	switch {
	case len(c)%isa.InsnSize != 0:
		v.whole(diag.Error, CodeCodeLength, "a program is a sequence of 8-byte instructions",
			"code length %d is not a multiple of %d bytes", len(c), isa.InsnSize)
		return false
	case len(c) > isa.MaxCodeSize:
		v.whole(diag.Error, CodeCodeSize, "split the program or move tables to the data segment",
			"code is %d bytes; the limit is %d (%d instructions)", len(c), isa.MaxCodeSize, isa.MaxCodeSize/isa.InsnSize)
		return false
	}
	v.n = len(c) / isa.InsnSize
	v.code = make([]isa.Instruction, v.n)
	for k := range v.code {
		v.code[k] = isa.Decode(c[k*isa.InsnSize:])
	}
	if len(v.f.Debug) > 0 {
		v.lines = make(map[uint32]nxb.LineInfo, len(v.f.Debug))
		for _, l := range v.f.Debug {
			if _, ok := v.lines[l.PC]; !ok {
				v.lines[l.PC] = l
			}
		}
	}
	errs := len(v.diags)
	for k := range v.code {
		v.insn(k)
	}
	v.entries()
	for k, s := range v.f.Data {
		if uint64(s.Addr)+uint64(len(s.Bytes)) > uint64(v.o.MemSize) {
			v.whole(diag.Error, CodeDataSegment, "",
				"data segment %d (%d bytes at %#x) does not fit in %d bytes of data memory", k, len(s.Bytes), s.Addr, v.o.MemSize)
		}
	}
	for _, d := range v.diags[errs:] {
		if d.Severity == diag.Error {
			return false
		}
	}
	return true
}

// insn checks the fields of instruction k.
func (v *validator) insn(k int) {
	in := v.code[k]
	info := isa.Lookup(in.Op)
	if info == nil || !in.Op.Valid(v.o.Profile) {
		hint := ""
		if in.Op >= 0x20 && in.Op <= 0x56 {
			hint = "the A2A range has gaps; see spec/isa.md section 9"
		}
		v.at(k, diag.Error, CodeOpcode, hint, "undefined opcode %#02x", uint8(in.Op))
		return
	}
	if !in.ModeValid() {
		v.at(k, diag.Error, CodeMode, modeHint[in.Op], "%s has undefined mode value %d", in.Op, in.Imm)
	}
	rd, rs1, rs2, imm, _ := in.Roles()
	fields := [3]struct {
		name string
		role isa.Role
		val  uint8
	}{{"rd", rd, in.Rd}, {"rs1", rs1, in.Rs1}, {"rs2", rs2, in.Rs2}}
	for _, fl := range fields {
		switch fl.role {
		case isa.RegRead, isa.RegWrite:
			if fl.val >= isa.NumGPRegs {
				v.at(k, diag.Error, CodeRegister, ioHint, "%s names register R%d in its %s field; expected R0..R15", in.Op, fl.val, fl.name)
			}
		case isa.IOChannel:
			if fl.val < isa.FirstIOChannel || fl.val > isa.LastIOChannel {
				v.at(k, diag.Error, CodeChannel, "IO channels are R16..R31", "%s names IO channel %d; expected 16..31", in.Op, fl.val)
			}
		}
	}
	if !in.Canonical() {
		v.at(k, v.strictSev(), CodeCanonical, "unused fields must be zero; reassemble with nexusc asm",
			"%s is not canonical: %s", in.Op, strayFields(in, rd, rs1, rs2, imm))
	}
	if imm == isa.Target {
		t := uint32(in.Imm)
		end := uint32(v.n) * isa.InsnSize
		switch {
		case t%isa.InsnSize != 0 || t > end:
			v.at(k, diag.Error, CodeTarget, "targets are byte addresses of instructions (multiples of 8)",
				"%s target %#x is not an instruction in %d bytes of code", in.Op, t, end)
		case t == end && in.Op == isa.CALL:
			v.at(k, diag.Error, CodeTarget, "", "CALL target %#x is the end of the code, not a function", t)
		}
	}
}

var modeHint = map[isa.Opcode]string{
	isa.CMP: "CMP conditions are 0 (flags only) and 1..10 (EQ NE LT LE GT GE LTU LEU GTU GEU)",
	isa.MUL: "MUL's fixed-point shift k is 0..31",
	isa.DIV: "DIV's fixed-point shift k is 0..31",
	isa.SHR: "SHR's mode is 0 (logical) or 1 (arithmetic)",
}

// strayFields lists the unused fields of in that are not zero.
func strayFields(in isa.Instruction, rd, rs1, rs2, imm isa.Role) string {
	s := ""
	add := func(name string, role isa.Role, val int64) {
		if role == isa.Unused && val != 0 {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s=%d", name, val)
		}
	}
	add("rd", rd, int64(in.Rd))
	add("rs1", rs1, int64(in.Rs1))
	add("rs2", rs2, int64(in.Rs2))
	add("imm", imm, int64(in.Imm))
	return "unused field " + s
}

// entries checks the entry points.
func (v *validator) entries() {
	check := func(name string, e uint32, optional bool) {
		if optional && e == nxb.NoEntry {
			return
		}
		if v.n == 0 && e == 0 && name == "tick" {
			return // empty program: halts at once
		}
		if e%isa.InsnSize != 0 || uint64(e) >= uint64(v.n)*isa.InsnSize {
			v.whole(diag.Error, CodeEntry, "", "%s entry %#x is not the address of an instruction in %d bytes of code", name, e, v.n*isa.InsnSize)
		}
	}
	check("tick", v.f.Entry.Tick, false)
	check("init", v.f.Entry.Init, true)
	check("failsafe", v.f.Entry.Failsafe, true)
}
