package asm

import (
	"fmt"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

type section uint8

const (
	secCode section = iota
	secData
)

type symKind uint8

const (
	symCode  symKind = iota // code label: byte address of an instruction
	symData                 // data label: absolute data-memory address
	symConst                // .equ constant
)

func (k symKind) String() string {
	return [...]string{"code label", "data label", "constant"}[k]
}

type symbol struct {
	name     string
	kind     symKind
	value    int64
	line     int
	col, end int
}

type stmtKind uint8

const (
	stNone  stmtKind = iota // labels only, or a line already rejected
	stInsn                  // instruction
	stRaw                   // .insn
	stWord                  // .word or a bare line of values in .data
	stByte                  // .byte
	stSpace                 // .space (bytes already zero)
	stEntry                 // .entry
	stMeta                  // .meta
)

// stmt is one source line after pass 1: its operation, operands (commas
// removed) and the address pass 1 gave it.
type stmt struct {
	line int
	kind stmtKind
	op   token
	info *isa.Info
	args []token
	addr int64
	skip bool // an error was reported for this line; do not encode it
}

// assembler holds the state of one Assemble call.
type assembler struct {
	file  string
	diags diag.List

	syms  map[string]*symbol
	order []string // symbol names in definition order
	stmts []*stmt

	sec      section
	pc       int64 // next code address
	dataAddr int64 // next data address
	bigCode  bool  // code-size error already reported

	owner  []int32         // per data byte: line that defines it, 0 if none; nil until .data is used
	mem    []byte          // data image, filled in pass 2
	dataOp map[int32]token // per line that defines data: its first token, for related spans

	forward []forwardRef // pass-1 references to symbols not yet defined

	code    []byte
	debug   []nxb.LineInfo
	meta    []nxb.Record
	entries nxb.Entries
	entryAt map[string]diag.Span
}

type forwardRef struct {
	line int
	tok  token
}

// Assemble assembles src (named filename in diagnostics). It returns the
// container (code, data segments, entries, metadata records, debug info one
// LineInfo per instruction) and all diagnostics found (errors and warnings),
// sorted. If the list has errors the *nxb.File is nil.
func Assemble(filename string, src []byte) (*nxb.File, diag.List) {
	a := &assembler{
		file:    filename,
		syms:    map[string]*symbol{},
		entries: nxb.Entries{Tick: 0, Init: nxb.NoEntry, Failsafe: nxb.NoEntry},
		entryAt: map[string]diag.Span{},
	}
	lines := strings.Split(string(src), "\n")
	for k, line := range lines {
		if st := a.pass1(k+1, strings.TrimSuffix(line, "\r")); st != nil {
			a.stmts = append(a.stmts, st)
		}
	}
	a.checkForward()
	for _, st := range a.stmts {
		if !st.skip {
			a.pass2(st)
		}
	}
	a.diags.Sort()
	if a.diags.HasErrors() {
		return nil, a.diags
	}
	return a.file0(), a.diags
}

// file0 builds the container from a successful assembly.
func (a *assembler) file0() *nxb.File {
	f := &nxb.File{Code: a.code, Entry: a.entries, Meta: a.meta, Debug: a.debug}
	if f.Code == nil {
		f.Code = []byte{}
	}
	// Data segments are the maximal runs of bytes that some directive
	// defined; bytes nobody defined stay out of the container (memory
	// starts zeroed anyway).
	for i := 0; i < len(a.owner); {
		if a.owner[i] == 0 {
			i++
			continue
		}
		j := i
		for j < len(a.owner) && a.owner[j] != 0 {
			j++
		}
		f.Data = append(f.Data, nxb.Segment{Addr: uint32(i), Bytes: append([]byte(nil), a.mem[i:j]...)})
		i = j
	}
	return f
}

// add records a diagnostic on line ln spanning columns [col, end).
func (a *assembler) add(ln, col, end int, sev diag.Severity, code, hint, format string, args ...any) *diag.Diagnostic {
	a.diags.Add(diag.Diagnostic{
		Code:     code,
		Severity: sev,
		Span:     a.span(ln, col, end),
		Message:  fmt.Sprintf(format, args...),
		Hint:     hint,
	})
	return &a.diags[len(a.diags)-1]
}

// errAt reports an error covering token t.
func (a *assembler) errAt(ln int, t token, code, hint, format string, args ...any) *diag.Diagnostic {
	return a.add(ln, t.col, t.end, diag.Error, code, hint, format, args...)
}

func (a *assembler) span(ln, col, end int) diag.Span {
	return diag.Span{
		Start: diag.Pos{File: a.file, Line: ln, Col: col},
		End:   diag.Pos{File: a.file, Line: ln, Col: end},
	}
}

// symbolNames returns every defined name in definition order.
func (a *assembler) symbolNames() []string { return a.order }
