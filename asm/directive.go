package asm

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// directiveSpec describes one directive: its operand count, where it may
// appear, and its syntax for hints.
type directiveSpec struct {
	min, max int // operand count; max -1 means unbounded
	dataOnly bool
	codeOnly bool
	syntax   string
}

var directives = map[string]directiveSpec{
	".code":  {0, 0, false, false, ".code"},
	".data":  {0, 0, false, false, ".data"},
	".org":   {1, 1, true, false, ".org ADDR"},
	".word":  {1, -1, true, false, ".word v[, v...]"},
	".byte":  {1, -1, true, false, ".byte v[, v...]"},
	".space": {1, 1, true, false, ".space N"},
	".equ":   {2, 2, false, false, ".equ NAME, VALUE"},
	".entry": {2, 2, false, false, ".entry tick|init|failsafe LABEL"},
	".meta":  {2, 2, false, false, ".meta NAME VALUE"},
	".insn":  {5, 5, false, true, ".insn OP, rd, rs1, rs2, imm"},
}

func directiveNames() []string {
	var out []string
	for n := range directives {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// directive1 does the pass-1 part of a directive: sections, layout and
// constants. Whatever needs every symbol is left to pass 2 via st.kind.
func (a *assembler) directive1(st *stmt) {
	ln := st.line
	name := strings.ToLower(st.op.text)
	spec, ok := directives[name]
	if !ok {
		d := a.errAt(ln, st.op, CodeUnknownDir, "", "unknown directive %s", st.op.text)
		if s, ok := diag.Suggest(name, directiveNames()); ok {
			d.Hint = fmt.Sprintf("did you mean %s?", s)
		} else {
			d.Hint = "directives are " + strings.Join(directiveNames(), " ")
		}
		st.skip = true
		return
	}
	if st.skip {
		// The operands are unreliable (an error was reported on the line):
		// keep only what later lines depend on, quietly.
		switch {
		case name == ".code" || name == ".data":
			a.sec = map[string]section{".code": secCode, ".data": secData}[name]
		case name == ".insn" && a.sec == secCode:
			st.kind = stRaw
			a.reserveCode(st)
		}
		return
	}
	if !a.checkCount(st, spec.min, spec.max, name, "takes "+spec.syntax) {
		st.skip = true
		if name == ".insn" && a.sec == secCode {
			st.kind = stRaw
			a.reserveCode(st) // keep later code addresses right
		}
		return
	}
	if spec.dataOnly && a.sec != secData {
		a.errAt(ln, st.op, CodeWrongSection, "start a data section with .data", "%s outside the .data section", name)
		st.skip = true
		return
	}
	if spec.codeOnly && a.sec != secCode {
		a.errAt(ln, st.op, CodeWrongSection, "switch back to code with .code", "%s in the .data section", name)
		st.skip = true
		return
	}
	switch name {
	case ".code":
		a.sec = secCode
	case ".data":
		a.sec = secData
	case ".org":
		if v, ok := a.constNow(ln, st.args[0], "data address"); ok {
			if v < 0 || v > isa.MemSize {
				a.errAt(ln, st.args[0], CodeRange, fmt.Sprintf("data addresses are 0..%d", isa.MemSize), "data address %s is out of range", valueText(st.args[0], v))
			} else {
				a.dataAddr = v
			}
		}
	case ".space":
		st.kind = stSpace
		if v, ok := a.constNow(ln, st.args[0], "size"); ok {
			if v < 0 || v > isa.MemSize {
				a.errAt(ln, st.args[0], CodeRange, fmt.Sprintf("sizes are 0..%d", isa.MemSize), ".space size %s is out of range", valueText(st.args[0], v))
				st.skip = true
				return
			}
			a.reserveData(st, v)
		}
	case ".word":
		st.kind = stWord
		a.reserveData(st, 4*int64(len(st.args)))
	case ".byte":
		st.kind = stByte
		a.reserveData(st, int64(len(st.args)))
	case ".equ":
		if a.validName(ln, st.args[0]) {
			if v, ok := a.constNow(ln, st.args[1], "constant value"); ok {
				if v < minImm || v > maxImm {
					a.errAt(ln, st.args[1], CodeRange, immRangeHint, "constant value %s is out of range", valueText(st.args[1], v))
					return
				}
				a.define(ln, st.args[0], symConst, v)
			}
		}
	case ".entry":
		st.kind = stEntry
	case ".meta":
		st.kind = stMeta
	case ".insn":
		st.kind = stRaw
		a.reserveCode(st)
	}
}

// checkCount reports a wrong number of operands for what (a mnemonic or
// directive) with the operand form as hint.
func (a *assembler) checkCount(st *stmt, lo, hi int, what, form string) bool {
	n := len(st.args)
	if n >= lo && (hi < 0 || n <= hi) {
		return true
	}
	var want string
	switch {
	case hi < 0:
		want = fmt.Sprintf("at least %d", lo)
	case lo == hi:
		want = fmt.Sprint(lo)
	case hi == lo+1:
		want = fmt.Sprintf("%d or %d", lo, hi)
	default:
		want = fmt.Sprintf("%d to %d", lo, hi)
	}
	// Point at the surplus operands, or at the whole statement when some
	// are missing.
	col, end := st.op.col, st.op.end
	if n > 0 {
		end = st.args[n-1].end
	}
	if hi >= 0 && n > hi {
		col = st.args[hi].col
	}
	s := "s"
	if n == 1 {
		s = ""
	}
	a.add(st.line, col, end, diag.Error, CodeOperandCount, what+" "+form,
		"wrong number of operands for %s: expected %s, found %d operand%s", what, want, n, s)
	return false
}

// dataWord writes a .word line's 32-bit values, reporting bad ones.
func (a *assembler) dataWord(st *stmt) {
	for k, t := range st.args {
		if v, ok := a.imm32(st.line, t); ok {
			binary.LittleEndian.PutUint32(a.mem[st.addr+int64(4*k):], uint32(v))
		}
	}
}

// dataByte writes a .byte line's values, reporting bad ones.
func (a *assembler) dataByte(st *stmt) {
	for k, t := range st.args {
		if v, ok := a.ranged(st.line, t, "byte", -128, 255, CodeRange, "bytes range from -128 to 255"); ok {
			a.mem[st.addr+int64(k)] = byte(v)
		}
	}
}

var entryKinds = []string{"tick", "init", "failsafe"}

func (a *assembler) entry(st *stmt) {
	ln, kt, tt := st.line, st.args[0], st.args[1]
	kind := strings.ToLower(kt.text)
	var dst *uint32
	switch {
	case kt.kind != tIdent:
	case kind == "tick":
		dst = &a.entries.Tick
	case kind == "init":
		dst = &a.entries.Init
	case kind == "failsafe":
		dst = &a.entries.Failsafe
	}
	if dst == nil {
		d := a.errAt(ln, kt, CodeBadEntry, "entry kinds are tick, init and failsafe", "unknown entry kind %s", kt.text)
		if s, ok := diag.Suggest(kt.text, entryKinds); ok {
			d.Hint = fmt.Sprintf("did you mean %s?", s)
		}
		return
	}
	v, ok := a.target(ln, tt, ".entry")
	if !ok {
		return
	}
	n := a.pc
	if v%isa.InsnSize != 0 || v >= n && !(n == 0 && v == 0) {
		a.errAt(ln, tt, CodeBadEntry, fmt.Sprintf("entries are instruction addresses: multiples of 8 below 0x%x, the code size", n),
			"%s entry %s is not the address of an instruction", kind, valueText(tt, v))
		return
	}
	sp := a.span(ln, kt.col, tt.end)
	if first, dup := a.entryAt[kind]; dup {
		d := a.add(ln, kt.col, tt.end, diag.Error, CodeBadEntry, "", "duplicate %s entry", kind)
		d.Related = []diag.Related{{Span: first, Message: "first " + kind + " entry here"}}
		return
	}
	a.entryAt[kind] = sp
	*dst = uint32(v)
}

func tagNames() []string {
	var out []string
	for t := 1; t < 256; t++ {
		if s := nxb.Tag(t).String(); !strings.HasPrefix(s, "tag_") {
			out = append(out, s)
		}
	}
	return out
}

func (a *assembler) metaRecord(st *stmt) {
	ln, nt, vt := st.line, st.args[0], st.args[1]
	var tag nxb.Tag
	switch nt.kind {
	case tIdent:
		t, ok := nxb.TagByName(strings.ToLower(nt.text))
		if !ok {
			d := a.errAt(ln, nt, CodeBadMeta, "tags are "+strings.Join(tagNames(), " ")+", or a number 1..255", "unknown metadata tag %s", nt.text)
			if s, ok := diag.Suggest(nt.text, tagNames()); ok {
				d.Hint = fmt.Sprintf("did you mean %s?", s)
			}
			return
		}
		tag = t
	case tNumber:
		v, ok := a.ranged(ln, nt, "metadata tag", 1, 255, CodeBadMeta, "numeric tags are 1..255 (0 ends a record list and is never stored)")
		if !ok {
			return
		}
		tag = nxb.Tag(v)
	default:
		a.errAt(ln, nt, CodeBadMeta, "", "expected a metadata tag name or number, found %s", describe(nt))
		return
	}
	var val []byte
	if vt.kind == tString {
		val = []byte(vt.val)
		if len(val) > 0xFFFF {
			a.errAt(ln, vt, CodeBadMeta, "a record holds at most 65535 bytes", "metadata value is %d bytes long", len(val))
			return
		}
	} else {
		v, ok := a.imm32(ln, vt)
		if !ok {
			return
		}
		val = binary.LittleEndian.AppendUint32(nil, uint32(v))
	}
	a.meta = append(a.meta, nxb.Record{Tag: tag, Value: val})
}
