package asm

import (
	"fmt"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// pass2 encodes one statement now that every symbol is known.
func (a *assembler) pass2(st *stmt) {
	switch st.kind {
	case stInsn:
		a.instruction(st)
	case stRaw:
		a.rawInsn(st)
	case stWord:
		a.dataWord(st)
	case stByte:
		a.dataByte(st)
	case stEntry:
		a.entry(st)
	case stMeta:
		a.metaRecord(st)
	}
}

// formSpec is the assembly syntax of one isa.Form: how many operands it
// takes and how they fill the instruction's fields.
type formSpec struct {
	min, max int
	syntax   string
	encode   func(e *encoder, args []token)
}

// forms is indexed by isa.Form; TestFormsComplete checks every form used by
// an opcode has an entry.
var forms = [...]formSpec{
	isa.FormNone:  {0, 0, "no operands", func(e *encoder, args []token) {}},
	isa.FormRdImm: {2, 2, "rd, imm", func(e *encoder, args []token) { e.rd(args[0]); e.imm(args[1]) }},
	isa.FormMem: {2, 3, "rd, rs1[, imm]", func(e *encoder, args []token) {
		e.rd(args[0])
		e.rs1(args[1])
		if len(args) > 2 {
			e.imm(args[2])
		}
	}},
	isa.FormALU: {3, 3, "rd, rs1, rs2", func(e *encoder, args []token) { e.rd(args[0]); e.rs1(args[1]); e.rs2(args[2]) }},
	isa.FormALUK: {3, 4, "rd, rs1, rs2[, k]", func(e *encoder, args []token) {
		e.rd(args[0])
		e.rs1(args[1])
		e.rs2(args[2])
		if len(args) > 3 {
			e.shiftK(args[3])
		}
	}},
	isa.FormShr: {3, 4, "rd, rs1, rs2[, ASR]", func(e *encoder, args []token) {
		e.rd(args[0])
		e.rs1(args[1])
		e.rs2(args[2])
		if len(args) > 3 {
			e.shrMode(args[3])
		}
	}},
	isa.FormRdRs1:   {2, 2, "rd, rs1", func(e *encoder, args []token) { e.rd(args[0]); e.rs1(args[1]) }},
	isa.FormCmp:     {2, 4, "rs1, rs2 or rd, rs1, rs2[, COND]", encodeCmp},
	isa.FormTarget:  {1, 1, "a target label or code address", func(e *encoder, args []token) { e.jumpTarget(args[0]) }},
	isa.FormRd:      {1, 1, "rd", func(e *encoder, args []token) { e.rd(args[0]) }},
	isa.FormReadIO:  {2, 2, "rd, channel (R16..R31)", func(e *encoder, args []token) { e.rd(args[0]); e.in.Rs1 = e.ioChannel(args[1]) }},
	isa.FormWriteIO: {2, 2, "channel (R16..R31), rs1", func(e *encoder, args []token) { e.in.Rd = e.ioChannel(args[0]); e.rs1(args[1]) }},
	isa.FormSend:    {2, 2, "channel (0..255), rs1", func(e *encoder, args []token) { e.in.Rd = e.sendChannel(args[0]); e.rs1(args[1]) }},
	isa.FormImm:     {1, 1, "imm", func(e *encoder, args []token) { e.imm(args[0]) }},
	isa.FormAlloc: {2, 3, "rd, [rs1,] imm", func(e *encoder, args []token) {
		e.rd(args[0])
		if len(args) == 3 {
			e.rs1(args[1])
		}
		e.imm(args[len(args)-1])
	}},
	isa.FormDMA: {3, 3, "rd, rs1, imm", func(e *encoder, args []token) { e.rd(args[0]); e.rs1(args[1]); e.imm(args[2]) }},
	isa.FormA2A: {0, 3, "[rd[, rs1[, imm]]]", func(e *encoder, args []token) {
		if len(args) > 0 {
			e.in.Rd = e.field(args[0], "rd")
		}
		if len(args) > 1 {
			e.in.Rs1 = e.field(args[1], "rs1")
		}
		if len(args) > 2 {
			e.imm(args[2])
		}
	}},
}

// encodeCmp handles CMP's two forms. Two operands compare them for the
// flags (rd = 0). The reference assembled this form as "second operand
// minus R0", a bug we do not copy.
func encodeCmp(e *encoder, args []token) {
	if len(args) == 2 {
		e.rs1(args[0])
		e.rs2(args[1])
		return
	}
	e.in.Rd = e.reg(args[0], "rd", isa.RegWrite)
	e.rs1(args[1])
	e.rs2(args[2])
	if len(args) == 4 {
		e.cond(args[3])
	}
	if e.ok && e.in.Imm == 0 && e.in.Rd != 0 {
		t := args[0]
		e.a.add(e.st.line, t.col, t.end, diag.Warning, CodeCmpRdIgnored,
			fmt.Sprintf("add a condition (CMP %s, a, b, LT) to set %s, or write CMP a, b for the flags only", t.text, t.text),
			"CMP without a condition ignores rd %s", t.text)
	}
}

// encoder fills one instruction's fields from its operands; ok turns false
// at the first error, but every operand is still checked so all errors on
// the line are reported.
type encoder struct {
	a  *assembler
	st *stmt
	in isa.Instruction
	ok bool
}

func (a *assembler) instruction(st *stmt) {
	info := st.info
	spec := forms[info.Form]
	if !a.checkCount(st, spec.min, spec.max, info.Name, "takes "+spec.syntax) {
		return
	}
	e := &encoder{a: a, st: st, in: isa.Instruction{Op: info.Op}, ok: true}
	spec.encode(e, st.args)
	if e.ok {
		a.emit(st, e.in)
	}
}

func (a *assembler) emit(st *stmt, in isa.Instruction) {
	// Instructions are encoded in source order, so the code grows exactly
	// as pass 1 laid it out.
	a.code = in.Append(a.code)
	a.debug = append(a.debug, nxb.LineInfo{PC: uint32(st.addr), File: a.file, Line: uint32(st.line), Col: uint32(st.op.col)})
}

func (e *encoder) fail() { e.ok = false }

func (e *encoder) errAt(t token, code, hint, format string, args ...any) {
	e.a.errAt(e.st.line, t, code, hint, format, args...)
	e.fail()
}

func (e *encoder) rd(t token)  { e.in.Rd = e.reg(t, "rd", e.st.info.Rd) }
func (e *encoder) rs1(t token) { e.in.Rs1 = e.reg(t, "rs1", e.st.info.Rs1) }
func (e *encoder) rs2(t token) { e.in.Rs2 = e.reg(t, "rs2", e.st.info.Rs2) }

// reg parses a general-purpose register operand R0..R15.
func (e *encoder) reg(t token, field string, role isa.Role) uint8 {
	name := e.st.info.Name
	n, isReg := 0, false
	if t.kind == tIdent {
		n, isReg = registerNumber(t.text)
	}
	switch {
	case isReg && n > isa.LastIOChannel:
		e.errAt(t, CodeNoSuchRegister, "registers are R0..R31; R0..R15 are general purpose", "register %s does not exist", t.text)
	case isReg && n >= isa.NumGPRegs:
		// The hint follows the author's evident intent: reading an IO
		// register means reading a sensor, writing one means driving an
		// actuator.
		r := strings.ToUpper(t.text)
		hint := fmt.Sprintf("R16–R31 are IO channels; read with READ_IO rd, %s", r)
		if role == isa.RegWrite {
			hint = fmt.Sprintf("R16–R31 are IO channels; write with WRITE_IO %s, rs1", r)
		}
		e.errAt(t, CodeIORegister, hint, "%s is an IO register; %s of %s must be a general-purpose register R0..R15", t.text, field, name)
	case isReg:
		return uint8(n)
	case t.kind == tIdent && isAlias(t.text):
		e.errAt(t, CodeRegAlias, aliasHint, "%s is not a register in NEXUS", t.text)
	default:
		e.errAt(t, CodeWantRegister, "", "expected a register R0..R15 for %s of %s, found %s", field, name, describe(t))
	}
	return 0
}

func (e *encoder) imm(t token) {
	v, ok := e.a.imm32(e.st.line, t)
	if !ok {
		e.fail()
	}
	e.in.Imm = v
}

// jumpTarget evaluates a code address: a code label, a constant or a
// literal. A data label here is almost certainly a mix-up of the two
// address spaces.
func (e *encoder) jumpTarget(t token) {
	v, ok := e.a.target(e.st.line, t, e.st.info.Name)
	if !ok {
		e.fail()
		return
	}
	e.in.Imm = int32(uint32(v))
	if t.kind == tNumber && v%isa.InsnSize != 0 {
		e.a.add(e.st.line, t.col, t.end, diag.Warning, CodeMisalignedJump,
			"instructions start at multiples of 8; a jump into the middle of one traps with BAD_JUMP",
			"jump target %s is not a multiple of 8", t.text)
	}
}

// target evaluates a code address for a jump or .entry.
func (a *assembler) target(ln int, t token, what string) (int64, bool) {
	v, sym, ok := a.value(ln, t, "a code address")
	if !ok {
		return 0, false
	}
	if sym != nil && sym.kind == symData {
		a.errAt(ln, t, CodeWrongSymKind, "code and data are separate address spaces; jump to a label in .code",
			"%s target %s is a data label", what, t.text)
		return 0, false
	}
	if v < 0 || v > maxImm {
		a.errAt(ln, t, CodeRange, "code addresses are 0..4294967295", "code address %s is out of range", valueText(t, v))
		return 0, false
	}
	return v, true
}

// ioChannel parses a READ_IO/WRITE_IO channel: R16..R31 or 16..31.
func (e *encoder) ioChannel(t token) uint8 {
	const hint = "IO channels are R16..R31 (or the numbers 16..31)"
	if t.kind == tIdent {
		if n, ok := registerNumber(t.text); ok {
			if n < isa.FirstIOChannel || n > isa.LastIOChannel {
				e.errAt(t, CodeIOChannel, hint, "%s is not an IO channel", t.text)
				return 0
			}
			return uint8(n)
		}
	}
	v, ok := e.a.ranged(e.st.line, t, "IO channel", isa.FirstIOChannel, isa.LastIOChannel, CodeIOChannel, hint)
	if !ok {
		e.fail()
	}
	return uint8(v)
}

// sendChannel parses SEND's channel: any byte, written Rn or n.
func (e *encoder) sendChannel(t token) uint8 {
	return e.byteField(t, "SEND channel", CodeSendChannel, "SEND channels are 0..255 (or written R0..R31)")
}

// field parses an unchecked byte field (A2A operands): Rn or 0..255.
func (e *encoder) field(t token, name string) uint8 {
	return e.byteField(t, name+" field", CodeRange, "fields are 0..255 (or written R0..R31)")
}

func (e *encoder) byteField(t token, what, code, hint string) uint8 {
	if t.kind == tIdent {
		if n, ok := registerNumber(t.text); ok {
			if n > isa.LastIOChannel {
				e.errAt(t, CodeNoSuchRegister, "registers are R0..R31", "register %s does not exist", t.text)
				return 0
			}
			return uint8(n)
		}
	}
	v, ok := e.a.ranged(e.st.line, t, what, 0, 255, code, hint)
	if !ok {
		e.fail()
	}
	return uint8(v)
}

func (e *encoder) shiftK(t token) {
	v, ok := e.a.ranged(e.st.line, t, "shift k", 0, isa.MaxShiftK, CodeBadMode,
		fmt.Sprintf("%s's k is the fixed-point shift 0..%d", e.st.info.Name, isa.MaxShiftK))
	if !ok {
		e.fail()
	}
	e.in.Imm = int32(v)
}

func (e *encoder) shrMode(t token) {
	if t.kind == tIdent && strings.EqualFold(t.text, "ASR") {
		e.in.Imm = 1
		return
	}
	v, ok := e.a.ranged(e.st.line, t, "SHR mode", 0, 1, CodeBadMode, "the SHR mode is ASR or 1 (arithmetic), or 0 (logical, the default)")
	if !ok {
		e.fail()
	}
	e.in.Imm = int32(v)
}

func (e *encoder) cond(t token) {
	if t.kind == tIdent {
		if c, ok := isa.CondByName(t.text); ok {
			e.in.Imm = int32(c)
			return
		}
		if e.a.syms[t.text] == nil {
			d := e.a.errAt(e.st.line, t, CodeBadCond, "conditions are "+strings.Join(isa.CondNames(), " "), "unknown condition %s", t.text)
			if s, ok := diag.Suggest(t.text, isa.CondNames()); ok {
				d.Hint = fmt.Sprintf("did you mean %s?", s)
			}
			e.fail()
			return
		}
	}
	v, ok := e.a.ranged(e.st.line, t, "condition", 0, int64(isa.CondGEU), CodeBadCond,
		"conditions are "+strings.Join(isa.CondNames(), " ")+" or their numbers 1..10")
	if !ok {
		e.fail()
	}
	e.in.Imm = int32(v)
}

// rawInsn encodes `.insn OP, rd, rs1, rs2, imm`: every field explicit and
// unchecked beyond its width, so any 8 bytes can be written.
func (a *assembler) rawInsn(st *stmt) {
	e := &encoder{a: a, st: st, ok: true}
	op := st.args[0]
	switch {
	case op.kind == tIdent && isa.ByName(strings.ToUpper(op.text)) != nil:
		e.in.Op = isa.ByName(strings.ToUpper(op.text)).Op
	case op.kind == tIdent && a.syms[op.text] == nil && !isRegisterName(op.text):
		d := a.errAt(st.line, op, CodeUnknownMnem, "", "unknown mnemonic %q", op.text)
		if s, ok := diag.Suggest(op.text, isa.Mnemonics()); ok {
			d.Hint = fmt.Sprintf("did you mean %s? (or give the opcode as a number 0..255)", s)
		}
		e.fail()
	default:
		v, ok := a.ranged(st.line, op, "opcode", 0, 255, CodeRange, "opcodes are 0..255")
		if !ok {
			e.fail()
		}
		e.in.Op = isa.Opcode(v)
	}
	e.in.Rd = e.field(st.args[1], "rd")
	e.in.Rs1 = e.field(st.args[2], "rs1")
	e.in.Rs2 = e.field(st.args[3], "rs2")
	v, ok := a.imm32(st.line, st.args[4])
	if !ok {
		e.fail()
	}
	e.in.Imm = v
	if e.ok {
		a.emit(st, e.in)
	}
}
