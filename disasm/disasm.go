// Package disasm turns a program container back into NEXUS assembly text.
//
// The output is source for package asm, and the contract is exact:
// assembling Text(f) gives back f's code, data segments, entry points and
// metadata records byte for byte (debug info is the assembler's to make).
// To keep that promise for any input, not only for what the assembler
// produced, every instruction is printed in one of two ways:
//
//   - the plain syntax (mnemonic and operands, as in spec/isa.md) when that
//     syntax encodes back to the same 8 bytes: the opcode is defined, the
//     fields the opcode does not use are zero (isa.Instruction.Canonical),
//     its mode value is defined (CMP condition, MUL/DIV shift, SHR mode),
//     and every field is in the range its operand syntax accepts
//     (R0..R15 for registers, R16..R31 for IO channels);
//   - otherwise `.insn OP, rd, rs1, rs2, imm`, which spells every field.
//
// Labels are synthesised so the text reads like a program: `tick:`,
// `init:` and `failsafe:` at entry points, `fn_XXXX:` at CALL targets and
// `L_XXXX:` at other jump targets (XXXX the byte address in hex). A jump
// whose target is not an instruction boundary inside the code (or the end
// of the code) keeps the number, since a label cannot stand there.
//
// Data segments become `.org` plus `.word`/`.byte` lines in a `.data`
// section, entry points `.entry` directives and metadata records `.meta`
// directives. Options.Raw prints only the instruction stream, for bare
// streams that have no container around them.
package disasm

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Options control the text.
type Options struct {
	// Addresses adds a comment column with each instruction's byte address
	// and hex encoding (and its source position when f has debug info).
	Addresses bool
	// Raw treats f as a bare instruction stream: no entries, metadata or
	// data are printed and no entry labels are synthesised.
	Raw bool
}

// Text disassembles f. It never fails: anything the plain syntax cannot
// express is printed with .insn or as a number.
func Text(f *nxb.File, o Options) []byte {
	if f == nil {
		f = nxb.Raw(nil)
	}
	d := newDisasm(f, o)
	d.header()
	d.code()
	if !o.Raw {
		d.data()
	}
	return d.out.Bytes()
}

type disasm struct {
	f      *nxb.File
	o      Options
	insns  []isa.Instruction
	n      uint32              // code bytes holding whole instructions
	labels map[uint32][]string // address -> label lines, the first is the reference name
	lines  map[uint32]nxb.LineInfo
	out    bytes.Buffer
}

func newDisasm(f *nxb.File, o Options) *disasm {
	d := &disasm{f: f, o: o, labels: map[uint32][]string{}, lines: map[uint32]nxb.LineInfo{}}
	whole := len(f.Code) &^ (isa.InsnSize - 1)
	d.n = uint32(whole)
	for at := 0; at < whole; at += isa.InsnSize {
		d.insns = append(d.insns, isa.Decode(f.Code[at:]))
	}
	if !o.Raw {
		for _, e := range d.entries() {
			if d.entryPos(e.addr) {
				d.labels[e.addr] = append(d.labels[e.addr], e.kind)
			}
		}
	}
	// Calls first, so an address both called and jumped to reads as a
	// function.
	for _, call := range []bool{true, false} {
		for _, in := range d.insns {
			t := uint32(in.Imm)
			if !isJump(in) || (in.Op == isa.CALL) != call || !d.plain(in) || !d.labelPos(t) || len(d.labels[t]) > 0 {
				continue
			}
			prefix := "L_"
			if call {
				prefix = "fn_"
			}
			d.labels[t] = []string{fmt.Sprintf("%s%04X", prefix, t)}
		}
	}
	for _, l := range f.Debug {
		if _, ok := d.lines[l.PC]; !ok {
			d.lines[l.PC] = l
		}
	}
	return d
}

type entry struct {
	kind string
	addr uint32
}

// entries lists the entry points present: tick always, init and failsafe
// unless NoEntry.
func (d *disasm) entries() []entry {
	e := []entry{{"tick", d.f.Entry.Tick}}
	if d.f.Entry.Init != nxb.NoEntry {
		e = append(e, entry{"init", d.f.Entry.Init})
	}
	if d.f.Entry.Failsafe != nxb.NoEntry {
		e = append(e, entry{"failsafe", d.f.Entry.Failsafe})
	}
	return e
}

func isJump(in isa.Instruction) bool {
	info := isa.Lookup(in.Op)
	return info != nil && info.Imm == isa.Target
}

// entryPos reports whether a label can name entry address a.
func (d *disasm) entryPos(a uint32) bool { return a%isa.InsnSize == 0 && a < d.n }

// labelPos reports whether a label can name jump target t: an instruction
// boundary in the code, or the end of the code (a jump there halts).
func (d *disasm) labelPos(t uint32) bool { return d.n > 0 && t%isa.InsnSize == 0 && t <= d.n }

func (d *disasm) printf(format string, args ...any) { fmt.Fprintf(&d.out, format, args...) }

func (d *disasm) header() {
	if d.o.Raw {
		d.printf("; NEXUS bare instruction stream: %d instructions\n", len(d.insns))
	} else {
		h := d.f.Hash()
		d.printf("; NEXUS program: %d instructions, %d data segments, %d metadata records\n; sha256 %x\n",
			len(d.insns), len(d.f.Data), len(d.f.Meta), h)
	}
	if extra := len(d.f.Code) - int(d.n); extra > 0 {
		d.printf("; warning: %d trailing code bytes (% x) are not a whole instruction and are not shown\n",
			extra, d.f.Code[d.n:])
	}
	if d.o.Raw {
		d.printf("\n")
		return
	}
	if len(d.insns) > 0 || d.f.Entry.Tick != 0 {
		d.printf("\n")
		for _, e := range d.entries() {
			d.printf(".entry %-8s %s\n", e.kind, d.entryRef(e.addr))
		}
	}
	if len(d.f.Meta) > 0 {
		d.printf("\n")
		for _, r := range d.f.Meta {
			d.meta(r)
		}
	}
	d.printf("\n")
}

func (d *disasm) entryRef(a uint32) string {
	if d.entryPos(a) {
		return d.labels[a][0]
	}
	return fmt.Sprintf("0x%X", a) // not loadable; the assembler will say why
}

// operand column widths
const (
	indent   = "        "
	mnemonic = 12
	comment  = 48
)

func (d *disasm) code() {
	for k, in := range d.insns {
		pc := uint32(k * isa.InsnSize)
		d.labelLines(pc)
		text, ok := d.insnText(in)
		if !ok {
			text = rawText(in)
		}
		line := indent + text
		if d.o.Addresses {
			line = withComment(line, fmt.Sprintf("%04X: % x", pc, d.f.Code[pc:pc+isa.InsnSize]))
			if l, ok := d.lines[pc]; ok {
				line += fmt.Sprintf("  %s:%d:%d", l.File, l.Line, l.Col)
			}
		}
		d.printf("%s\n", strings.TrimRight(line, " "))
	}
	d.labelLines(d.n)
}

// withComment appends c as a comment aligned at the comment column.
func withComment(line, c string) string {
	return fmt.Sprintf("%-*s ; %s", comment-1, line, c)
}

func (d *disasm) labelLines(a uint32) {
	for _, l := range d.labels[a] {
		d.printf("%s:\n", l)
	}
}

// rawText prints every field of in, so any 8 bytes reassemble exactly.
func rawText(in isa.Instruction) string {
	op := fmt.Sprintf("0x%02X", uint8(in.Op))
	if isa.Lookup(in.Op) != nil {
		op = in.Op.String()
	}
	return fmt.Sprintf("%-*s %s, %d, %d, %d, %d", mnemonic, ".insn", op, in.Rd, in.Rs1, in.Rs2, in.Imm)
}

// plain reports whether in can be written in the plain syntax and encode
// back to the same bytes.
func (d *disasm) plain(in isa.Instruction) bool {
	if !in.Canonical() || !in.ModeValid() {
		return false
	}
	rd, rs1, rs2, _, _ := in.Roles()
	return fieldOK(rd, in.Rd) && fieldOK(rs1, in.Rs1) && fieldOK(rs2, in.Rs2)
}

// fieldOK reports whether the operand syntax for role can write v.
func fieldOK(role isa.Role, v uint8) bool {
	switch role {
	case isa.RegRead, isa.RegWrite:
		return v < isa.NumGPRegs
	case isa.IOChannel:
		return v >= isa.FirstIOChannel && v <= isa.LastIOChannel
	}
	return true // Unused (zero, by Canonical), Channel and HookArg take any byte
}

func (d *disasm) insnText(in isa.Instruction) (string, bool) {
	if !d.plain(in) {
		return "", false
	}
	info := isa.Lookup(in.Op)
	ops := forms[info.Form](in, d)
	if len(ops) == 0 {
		return info.Name, true
	}
	return fmt.Sprintf("%-*s %s", mnemonic, info.Name, strings.Join(ops, ", ")), true
}

func reg(v uint8) string { return fmt.Sprintf("R%d", v) }
func imm(v int32) string { return fmt.Sprint(v) }
func num(v uint8) string { return fmt.Sprint(v) }
func hookArg(v uint8) string {
	if v < isa.NumGPRegs {
		return reg(v)
	}
	return num(v)
}

func (d *disasm) target(v int32) string {
	t := uint32(v)
	if d.labelPos(t) {
		return d.labels[t][0]
	}
	return fmt.Sprintf("0x%X", t)
}

// forms prints the operands of each isa.Form, mirroring the assembler's
// operand syntax; optional trailing operands are left out when zero.
var forms = [...]func(in isa.Instruction, d *disasm) []string{
	isa.FormNone:  func(in isa.Instruction, d *disasm) []string { return nil },
	isa.FormRdImm: func(in isa.Instruction, d *disasm) []string { return []string{reg(in.Rd), imm(in.Imm)} },
	isa.FormMem: func(in isa.Instruction, d *disasm) []string {
		return optional([]string{reg(in.Rd), reg(in.Rs1)}, in.Imm != 0, imm(in.Imm))
	},
	isa.FormALU: func(in isa.Instruction, d *disasm) []string {
		return []string{reg(in.Rd), reg(in.Rs1), reg(in.Rs2)}
	},
	isa.FormALUK: func(in isa.Instruction, d *disasm) []string {
		return optional([]string{reg(in.Rd), reg(in.Rs1), reg(in.Rs2)}, in.Imm != 0, imm(in.Imm))
	},
	isa.FormShr: func(in isa.Instruction, d *disasm) []string {
		return optional([]string{reg(in.Rd), reg(in.Rs1), reg(in.Rs2)}, in.Imm != 0, "ASR")
	},
	isa.FormRdRs1: func(in isa.Instruction, d *disasm) []string { return []string{reg(in.Rd), reg(in.Rs1)} },
	isa.FormCmp: func(in isa.Instruction, d *disasm) []string {
		if in.Imm == 0 {
			return []string{reg(in.Rs1), reg(in.Rs2)}
		}
		return []string{reg(in.Rd), reg(in.Rs1), reg(in.Rs2), isa.Cond(in.Imm).String()}
	},
	isa.FormTarget:  func(in isa.Instruction, d *disasm) []string { return []string{d.target(in.Imm)} },
	isa.FormRd:      func(in isa.Instruction, d *disasm) []string { return []string{reg(in.Rd)} },
	isa.FormReadIO:  func(in isa.Instruction, d *disasm) []string { return []string{reg(in.Rd), reg(in.Rs1)} },
	isa.FormWriteIO: func(in isa.Instruction, d *disasm) []string { return []string{reg(in.Rd), reg(in.Rs1)} },
	isa.FormSend:    func(in isa.Instruction, d *disasm) []string { return []string{num(in.Rd), reg(in.Rs1)} },
	isa.FormImm:     func(in isa.Instruction, d *disasm) []string { return []string{imm(in.Imm)} },
	isa.FormAlloc: func(in isa.Instruction, d *disasm) []string {
		if in.Rs1 == 0 {
			return []string{reg(in.Rd), imm(in.Imm)}
		}
		return []string{reg(in.Rd), reg(in.Rs1), imm(in.Imm)}
	},
	isa.FormDMA: func(in isa.Instruction, d *disasm) []string {
		return []string{reg(in.Rd), reg(in.Rs1), imm(in.Imm)}
	},
	isa.FormA2A: func(in isa.Instruction, d *disasm) []string {
		ops := []string{hookArg(in.Rd), hookArg(in.Rs1), imm(in.Imm)}
		switch {
		case in.Imm != 0:
			return ops
		case in.Rs1 != 0:
			return ops[:2]
		case in.Rd != 0:
			return ops[:1]
		}
		return nil
	},
}

func optional(ops []string, present bool, op string) []string {
	if present {
		return append(ops, op)
	}
	return ops
}
