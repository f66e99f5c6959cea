package asm

import (
	"fmt"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
)

// pass1 parses one line, defines its labels and constants, and gives it an
// address: every instruction takes 8 bytes of code and every data directive
// its size in data memory, whether or not its operands are valid, so that
// one bad line does not shift every later label.
func (a *assembler) pass1(ln int, line string) *stmt {
	toks, bad := a.lexLine(line, ln)
	st := &stmt{line: ln, skip: bad}
	i := 0
	for i+1 < len(toks) && toks[i+1].kind == tColon && toks[i].kind != tComma && toks[i].kind != tColon {
		a.defineLabel(ln, toks[i])
		i += 2
	}
	if i == len(toks) {
		return nil
	}
	first := toks[i]
	switch {
	case first.kind == tIdent:
		st.op = first
		i++
	case a.sec == secData && first.kind == tNumber:
		// A bare line of values: the seed's data syntax, same as .word.
		// The first value stays among the operands; op only anchors
		// diagnostics about the line as a whole.
		st.op = first
	default:
		hint := ""
		if first.kind == tNumber {
			hint = "data values belong in a .data section"
		} else if first.kind == tColon {
			hint = "a label is a name followed by ':'"
		}
		a.errAt(ln, first, CodeSyntax, hint, "expected a mnemonic or directive, found %s", describe(first))
		return nil
	}
	// After a lexical error the dropped characters would make the commas
	// look misplaced, so separators are only checked on clean lines.
	args, ok := a.splitOperands(ln, toks[i:], !bad)
	st.args = args
	if !ok {
		st.skip = true
	}
	if st.op.kind == tIdent && strings.HasPrefix(st.op.text, ".") {
		a.directive1(st)
		return st
	}
	if st.op.kind == tIdent {
		st.info = isa.ByName(strings.ToUpper(st.op.text))
	}
	if a.sec == secData {
		if st.info != nil {
			a.errAt(ln, st.op, CodeWrongSection, "switch back to code with .code",
				"instruction %s in the .data section", st.info.Name)
			st.skip = true
			return st
		}
		// Everything else in .data is a list of values; an identifier
		// first is a symbol (resolved in pass 2), not a mnemonic.
		if st.op.kind == tIdent {
			st.args = append([]token{st.op}, st.args...)
		}
		st.kind = stWord
		a.reserveData(st, 4*int64(len(st.args)))
		return st
	}
	st.kind = stInsn
	a.reserveCode(st)
	if st.info == nil {
		d := a.errAt(ln, st.op, CodeUnknownMnem, "", "unknown mnemonic %q", st.op.text)
		if s, ok := diag.Suggest(st.op.text, isa.Mnemonics()); ok {
			d.Hint = fmt.Sprintf("did you mean %s?", s)
		} else if len(st.args) == 0 {
			d.Hint = fmt.Sprintf("a label ends with ':' (%s:)", st.op.text)
		}
		st.skip = true
	}
	return st
}

// splitOperands removes the optional commas between operands and reports
// misplaced ones and stray colons.
func (a *assembler) splitOperands(ln int, toks []token, report bool) ([]token, bool) {
	var out []token
	ok := true
	errAt := func(t token, hint, msg string) {
		if report {
			a.errAt(ln, t, CodeSyntax, hint, "%s", msg)
		}
		ok = false
	}
	needOperand := false // after a comma
	for k, t := range toks {
		switch t.kind {
		case tComma:
			if len(out) == 0 || needOperand {
				errAt(t, "", "expected an operand before ','")
			}
			needOperand = true
			if k == len(toks)-1 {
				errAt(t, "", "expected an operand after ','")
			}
		case tColon:
			errAt(t, "labels go at the start of a line, before the mnemonic", "unexpected ':' among operands")
		default:
			out = append(out, t)
			needOperand = false
		}
	}
	return out, ok
}

// validName checks that t can name a label or constant.
func (a *assembler) validName(ln int, t token) bool {
	switch {
	case t.kind != tIdent:
		a.errAt(ln, t, CodeBadLabel, "names start with a letter or '_'", "expected a name, found %s", describe(t))
	case strings.HasPrefix(t.text, "."):
		a.errAt(ln, t, CodeBadLabel, "names starting with '.' are reserved for directives", "name %s starts with '.'", t.text)
	case isRegisterName(t.text):
		a.errAt(ln, t, CodeBadLabel, "R0..R31 are register names; choose another name", "name %s is a register", t.text)
	default:
		return true
	}
	return false
}

func (a *assembler) defineLabel(ln int, t token) {
	if a.sec == secData {
		a.define(ln, t, symData, a.dataAddr)
	} else {
		a.define(ln, t, symCode, a.pc)
	}
}

func (a *assembler) define(ln int, t token, kind symKind, v int64) {
	if !a.validName(ln, t) {
		return
	}
	if old, ok := a.syms[t.text]; ok {
		d := a.errAt(ln, t, CodeDuplicate, "", "%s %s is already defined", kind, t.text)
		d.Related = []diag.Related{{
			Span:    a.span(old.line, old.col, old.end),
			Message: fmt.Sprintf("%s %s first defined here", old.kind, old.name),
		}}
		return
	}
	a.syms[t.text] = &symbol{name: t.text, kind: kind, value: v, line: ln, col: t.col, end: t.end}
	a.order = append(a.order, t.text)
}

func (a *assembler) reserveCode(st *stmt) {
	st.addr = a.pc
	a.pc += isa.InsnSize
	if a.pc > isa.MaxCodeSize && !a.bigCode {
		a.bigCode = true
		a.errAt(st.line, st.op, CodeCodeSize, "split the program or move tables into .data",
			"code exceeds %d bytes at this instruction", isa.MaxCodeSize)
	}
}

// reserveData claims n bytes of data memory for st at the current data
// address, reporting overflow and overlap (a backward .org can make two
// directives claim the same bytes).
func (a *assembler) reserveData(st *stmt, n int64) {
	st.addr = a.dataAddr
	a.dataAddr += n
	if n == 0 {
		return
	}
	if st.addr+n > isa.MemSize {
		a.errAt(st.line, st.op, CodeDataLayout, fmt.Sprintf("data memory is %d bytes (0x0..0x%x)", isa.MemSize, isa.MemSize-1),
			"%d bytes of data at 0x%x do not fit in data memory", n, st.addr)
		st.skip = true
		return
	}
	// The image grows to the highest byte defined, so a program with a
	// few words of data does not pay for all of data memory.
	if need := int(st.addr + n); need > len(a.owner) {
		if a.dataOp == nil {
			a.dataOp = map[int32]token{}
		}
		a.owner = append(a.owner, make([]int32, need-len(a.owner))...)
		a.mem = append(a.mem, make([]byte, need-len(a.mem))...)
	}
	for p := st.addr; p < st.addr+n; p++ {
		if prev := a.owner[p]; prev != 0 {
			d := a.errAt(st.line, st.op, CodeDataLayout, "", "data at 0x%x overlaps data defined on line %d", p, prev)
			t := a.dataOp[prev]
			d.Related = []diag.Related{{Span: a.span(int(prev), t.col, t.end), Message: "earlier data defined here"}}
			st.skip = true
			return
		}
	}
	for p := st.addr; p < st.addr+n; p++ {
		a.owner[p] = int32(st.line)
	}
	a.dataOp[int32(st.line)] = st.op
}

// checkForward reports pass-1 values (.org, .space, .equ) that named a
// symbol not defined above them: undefined if it is never defined,
// defined too late otherwise.
func (a *assembler) checkForward() {
	for _, f := range a.forward {
		if s, ok := a.syms[f.tok.text]; ok {
			a.errAt(f.line, f.tok, CodeForwardRef, "move the definition above this line",
				"%s %s is used before its definition on line %d; this value must be known when the line is read", s.kind, s.name, s.line)
			continue
		}
		a.undefined(f.line, f.tok)
	}
}

func describe(t token) string {
	switch t.kind {
	case tNumber:
		return "number " + t.text
	case tString:
		return "string " + t.text
	case tComma, tColon:
		return t.String()
	}
	if _, ok := registerNumber(t.text); ok {
		return "register " + t.text
	}
	return "name " + t.text
}
