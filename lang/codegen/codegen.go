package codegen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/nexusfleet/nexus/asm"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Options control code generation.
type Options struct {
	Budget   uint64 // per-activation cycle budget; 0 = isa.DefaultBudget
	Peephole bool   // run the peephole pass on emitted instructions
	// Optimize enables the optional code-generation optimisations (-O1
	// and up): jumps threaded past branches whose outcome an edge already
	// knows, the steady flush of rate-limited actuators, abs as a
	// conditional negation, and a branch condition computed last in its
	// block so that its flags serve the branch.
	Optimize bool
	File     string // source file name for debug info ("" = the program's)
}

// Stats are the figures `nexusc build` prints.
type Stats struct {
	Instructions int
	WCET         uint64            // the tick entry's worst-case cycles
	EntryWCET    map[string]uint64 // per entry point: tick, init, failsafe
	MaxStack     int
	DataBytes    int // globals and spill slots
}

// Result is a generated program.
type Result struct {
	File  *nxb.File         // validated container
	Asm   string            // the assembly text that was assembled
	Stats Stats             //
	Valid *validator.Result // strict validation of File
}

// HotSpot is a source position and the cycles its instructions cost on the
// worst path of an entry.
type HotSpot struct {
	Line, Col int
	Cycles    uint64
}

// BudgetError reports an entry point whose worst-case cycles exceed the
// budget. Hot lists the costliest source positions on the worst path,
// costliest first.
type BudgetError struct {
	Entry        string
	WCET, Budget uint64
	Hot          []HotSpot
}

func (e *BudgetError) Error() string {
	s := fmt.Sprintf("the %s entry needs up to %d cycles, above the budget of %d", e.Entry, e.WCET, e.Budget)
	if len(e.Hot) > 0 {
		h := e.Hot[0]
		s += fmt.Sprintf("; %d:%d costs the most (%d cycles on the worst path)", h.Line, h.Col, h.Cycles)
	}
	return s
}

// Scratch and reserved registers; see the package doc.
const (
	regCmp    = 13 // 0/1 of fused compares, copy-cycle temporary
	regTmpA   = 14 // first reloaded operand, spilled results
	regTmpB   = 15 // second reloaded operand, memory-to-memory copies
	numAlloc  = 12 // R1..R12 are allocated
	entryTick = "tick"
)

var errNoProgram = errors.New("codegen: no program (a tick entry is required)")

// Generate compiles p to a validated container.
func Generate(p *ir.Program, o Options) (*Result, error) {
	if p == nil || p.Tick == nil || len(p.Funcs) == 0 {
		return nil, errNoProgram
	}
	if o.Budget == 0 {
		o.Budget = isa.DefaultBudget
	}
	elide, lowFirst := true, false
	for {
		g := &gen{p: p, o: o, elide: elide, lowFirst: lowFirst}
		r, err := g.run()
		if err != nil {
			return nil, err
		}
		if r.Valid.OK {
			return r, nil
		}
		if elide && g.elidedV604(r.Valid.Diagnostics) {
			elide = false
			continue
		}
		if !lowFirst && hasCode(r.Valid.Diagnostics, "V604") {
			// An actuator value whose range wraps past INT_MAX defeats
			// the validator's refinement of min-then-max: the wrapped
			// arc refined by x <= hi still holds INT_MIN. Bounding it
			// from below first keeps every refinement one arc.
			elide, lowFirst = false, true
			continue
		}
		if be := g.budgetError(r); be != nil {
			return nil, be
		}
		return nil, fmt.Errorf("internal compiler error: the validator rejected the generated code: %s", describe(r.Valid.Diagnostics))
	}
}

func describe(l diag.List) string {
	var parts []string
	for _, d := range l {
		if d.Severity == diag.Error {
			parts = append(parts, d.Code+": "+d.Message)
		}
	}
	return strings.Join(parts, "; ")
}

var channelRE = regexp.MustCompile(`channel (\d+)`)

// elidedV604 reports whether some V604 concerns a channel whose clamp was
// elided (or names no channel at all).
func (g *gen) elidedV604(l diag.List) bool {
	for _, d := range l {
		if d.Code != validator.CodeUnsafeValue {
			continue
		}
		m := channelRE.FindStringSubmatch(d.Message)
		if m == nil {
			return g.anyElided
		}
		ch, _ := strconv.Atoi(m[1])
		if g.elidedCh[ch] {
			return true
		}
	}
	return false
}

// budgetError returns the BudgetError for the first entry over budget when
// the only errors are budget errors.
func (g *gen) budgetError(r *Result) *BudgetError {
	for _, d := range r.Valid.Diagnostics {
		if d.Severity == diag.Error && d.Code != validator.CodeBudget {
			return nil
		}
	}
	for _, e := range r.Valid.Entries {
		if e.WCET != nil && *e.WCET > g.o.Budget {
			return &BudgetError{Entry: e.Name, WCET: *e.WCET, Budget: g.o.Budget, Hot: g.hotSpots(e.Name)}
		}
	}
	return nil
}

// gen is one generation of a program.
type gen struct {
	p         *ir.Program
	o         Options
	elide     bool
	lowFirst  bool // clamps bound from below first (see Generate)
	anyElided bool
	elidedCh  map[int]bool
	funcs     []*fgen
	code      []*minstr // the whole program after layout (and peephole)
	nextSlot  int32
}

func (g *gen) run() (*Result, error) {
	g.elidedCh = map[int]bool{}
	g.nextSlot = (g.p.DataSize + 3) &^ 3
	order := []*ir.Func{g.p.Tick}
	if g.p.Init != nil {
		order = append(order, g.p.Init)
	}
	if g.p.Failsafe != nil {
		order = append(order, g.p.Failsafe)
	}
	// Only the functions the entries can call are emitted: after -O2 has
	// inlined every call to a function, its body would be dead code.
	called := map[*ir.Func]bool{}
	var visit func(f *ir.Func)
	visit = func(f *ir.Func) {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if in.Op != ir.OpCall || in.Imm < 0 || int(in.Imm) >= len(g.p.Funcs) {
					continue
				}
				if c := g.p.Funcs[in.Imm]; !called[c] {
					called[c] = true
					visit(c)
				}
			}
		}
	}
	for _, f := range order {
		visit(f)
	}
	for _, f := range g.p.Funcs {
		if f.Kind == ir.FuncUser && called[f] {
			order = append(order, f)
		}
	}
	index := map[*ir.Func]int{}
	for k, f := range g.p.Funcs {
		index[f] = k
	}
	for _, f := range order {
		fg := newFgen(g, f, index[f])
		if err := fg.generate(); err != nil {
			return nil, err
		}
		g.funcs = append(g.funcs, fg)
		g.code = append(g.code, fg.out...)
	}
	if g.nextSlot > isa.MemSize {
		return nil, fmt.Errorf("codegen: the program needs %d bytes of data memory (globals and spill slots), more than %d", g.nextSlot, isa.MemSize)
	}
	if g.o.Peephole {
		g.code = peephole(g.code)
	}
	if err := g.checkSize(); err != nil {
		return nil, err
	}
	text := g.assembly()
	name := g.o.File
	if name == "" {
		name = g.p.File
	}
	f, err := g.encode()
	if err != nil {
		return nil, err
	}
	f.Debug = g.debugInfo(name)
	v := validator.Validate(f, validator.Options{Policy: validator.Strict, Budget: g.o.Budget, File: name})
	r := &Result{File: f, Asm: text, Valid: v}
	r.Stats = Stats{Instructions: len(f.Code) / isa.InsnSize, EntryWCET: map[string]uint64{}, MaxStack: v.MaxStack, DataBytes: int(g.nextSlot)}
	for _, e := range v.Entries {
		if e.WCET != nil {
			r.Stats.EntryWCET[e.Name] = *e.WCET
		}
	}
	if v.WCET != nil {
		r.Stats.WCET = *v.WCET
	}
	return r, nil
}

// slot allocates one data word for a spilled value.
func (g *gen) slot() int32 {
	a := g.nextSlot
	g.nextSlot += 4
	return a
}

// debugInfo maps every instruction to its source position, or the nearest
// preceding one.
func (g *gen) debugInfo(file string) []nxb.LineInfo {
	var out []nxb.LineInfo
	var last ir.Pos
	pc := uint32(0)
	for _, m := range g.code {
		if m.label != "" {
			if m.fnStart {
				last = m.pos
			}
			continue
		}
		if m.pos.Line > 0 {
			last = m.pos
		}
		out = append(out, nxb.LineInfo{PC: pc, File: file, Line: uint32(max(last.Line, 0)), Col: uint32(max(last.Col, 0))})
		pc += isa.InsnSize
	}
	return out
}

// encode hands the laid-out program to the assembler as data (asm.Link):
// the container asm.Assemble would make of g.assembly(), which the tests
// check, without printing thousands of lines and parsing them back.
func (g *gen) encode() (*nxb.File, error) {
	p := &asm.Program{Tick: "tick", Code: make([]asm.Line, 0, len(g.code))}
	if g.p.Init != nil {
		p.Init = "init"
	}
	if g.p.Failsafe != nil {
		p.Failsafe = "failsafe"
	}
	for _, m := range g.code {
		if m.label != "" {
			p.Code = append(p.Code, asm.Line{Label: m.label})
			continue
		}
		p.Code = append(p.Code, asm.Line{Insn: isa.Instruction{Op: m.op, Rd: m.rd, Rs1: m.rs1, Rs2: m.rs2, Imm: m.imm}, Target: m.target})
	}
	for _, r := range g.metaRecords() {
		tag, ok := nxb.TagByName(r.tag)
		if !ok {
			return nil, fmt.Errorf("internal compiler error: codegen: unknown metadata tag %s", r.tag)
		}
		v := []byte(r.text)
		if r.isWord {
			v = binary.LittleEndian.AppendUint32(nil, r.word)
		}
		p.Meta = append(p.Meta, nxb.Record{Tag: tag, Value: v})
	}
	if len(g.p.Globals) > 0 {
		words := make([]byte, 4*((g.p.DataSize+3)/4))
		for _, gl := range g.p.Globals {
			if gl.Addr >= 0 && gl.Addr%4 == 0 && int(gl.Addr)+4 <= len(words) {
				binary.LittleEndian.PutUint32(words[gl.Addr:], uint32(gl.Init))
			}
		}
		p.Data = []nxb.Segment{{Addr: 0, Bytes: words}}
	}
	f, err := asm.Link(p)
	if err != nil {
		return nil, fmt.Errorf("internal compiler error: codegen: %v", err)
	}
	return f, nil
}

// assembly renders the program as assembly text for package asm.
func (g *gen) assembly() string {
	var b strings.Builder
	name := g.o.File
	if name == "" {
		name = g.p.File
	}
	fmt.Fprintf(&b, "; reflex %s (%s), generated by lang/codegen\n", g.p.Meta.Name, name)
	b.WriteString(".entry tick tick\n")
	if g.p.Init != nil {
		b.WriteString(".entry init init\n")
	}
	if g.p.Failsafe != nil {
		b.WriteString(".entry failsafe failsafe\n")
	}
	for _, r := range g.metaRecords() {
		fmt.Fprintf(&b, ".meta %s %s\n", r.tag, r.value())
	}
	if len(g.p.Globals) > 0 {
		words := make([]int32, (g.p.DataSize+3)/4)
		names := make([]string, len(words))
		for _, gl := range g.p.Globals {
			if gl.Addr >= 0 && gl.Addr%4 == 0 && int(gl.Addr/4) < len(words) {
				words[gl.Addr/4] = gl.Init
				names[gl.Addr/4] = gl.Kind.String() + " " + gl.Name
			}
		}
		b.WriteString(".data\n.org 0\n")
		for k, w := range words {
			fmt.Fprintf(&b, "        .word %d ; @%d %s\n", w, 4*k, names[k])
		}
		b.WriteString(".code\n")
	}
	for _, m := range g.code {
		if m.label != "" {
			b.WriteString(m.label + ":\n")
			continue
		}
		b.WriteString("        " + m.String() + "\n")
	}
	return b.String()
}

// metaLine is one metadata record: a text value, or a word when isWord.
type metaLine struct {
	tag    string
	text   string
	word   uint32
	isWord bool
}

// value renders the record's value as the assembler reads it.
func (l metaLine) value() string {
	if l.isWord {
		return fmt.Sprintf("0x%08X", l.word)
	}
	return quote(l.text)
}

// metaRecords lists the AAB metadata records (see the package doc).
func (g *gen) metaRecords() []metaLine {
	m := g.p.Meta
	var out []metaLine
	text := func(tag, s string) { out = append(out, metaLine{tag: tag, text: s}) }
	if m.Intent != "" {
		text("intent", m.Intent)
	}
	if m.Narrative != "" {
		text("narrative", m.Narrative)
	}
	out = append(out, metaLine{tag: "trust", word: math.Float32bits(float32(m.Trust)), isWord: true})
	text("precondition", fmt.Sprintf("autonomy L%d", m.Autonomy))
	reads, writes, sends, a2a := g.used()
	if len(reads) > 0 {
		text("capability", "read "+joinInts(reads))
	}
	if len(writes) > 0 {
		text("capability", "write "+joinInts(writes))
	}
	if len(sends) > 0 {
		text("capability", "send "+joinInts(sends))
	}
	if len(a2a) > 0 {
		text("capability", "a2a "+strings.Join(a2a, " "))
	}
	for _, a := range m.Actuators {
		if a.HasRange {
			text("safety", fmt.Sprintf("range %d %d %d", a.Channel, a.Lo, a.Hi))
		}
	}
	for _, s := range m.Sensors {
		d := fmt.Sprintf("sensor %s %d %s", s.Name, s.Channel, s.Kind)
		if s.Unit != "" {
			d += " " + s.Unit
		}
		if s.HasRange {
			d += fmt.Sprintf(" range %d %d", s.Lo, s.Hi)
		}
		text("type", d)
	}
	for _, a := range m.Actuators {
		d := fmt.Sprintf("actuator %s %d %s", a.Name, a.Channel, a.Kind)
		if a.Unit != "" {
			d += " " + a.Unit
		}
		if a.HasRange {
			d += fmt.Sprintf(" range %d %d", a.Lo, a.Hi)
		}
		d += fmt.Sprintf(" safe %d", a.Safe)
		if a.HasRate {
			d += fmt.Sprintf(" rate %d", a.Rate)
		}
		text("type", d)
	}
	for _, gl := range g.p.Globals {
		if gl.Kind == ir.GlobalParam {
			text("type", fmt.Sprintf("param %s @%d default %d", gl.Name, gl.Addr, gl.Init))
		}
	}
	return out
}

// used scans the emitted code for the IO channels read and written, the
// SEND channels and the A2A opcodes.
func (g *gen) used() (reads, writes, sends []int, a2a []string) {
	r, w, s := map[int]bool{}, map[int]bool{}, map[int]bool{}
	a := map[isa.Opcode]bool{}
	for _, m := range g.code {
		if m.label != "" {
			continue
		}
		switch {
		case m.op == isa.READ_IO:
			r[int(m.rs1)] = true
		case m.op == isa.WRITE_IO:
			w[int(m.rd)] = true
		case m.op == isa.SEND:
			s[int(m.rd)] = true
		case isa.Lookup(m.op) != nil && isa.Lookup(m.op).A2A:
			a[m.op] = true
		}
	}
	keys := func(m map[int]bool) []int {
		var out []int
		for k := range m {
			out = append(out, k)
		}
		sort.Ints(out)
		return out
	}
	var ops []int
	for op := range a {
		ops = append(ops, int(op))
	}
	sort.Ints(ops)
	for _, op := range ops {
		a2a = append(a2a, isa.Opcode(op).String())
	}
	return keys(r), keys(w), keys(s), a2a
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for k, x := range v {
		s[k] = strconv.Itoa(x)
	}
	return strings.Join(s, " ")
}

// quote writes s as an assembler string literal: printable ASCII as is,
// quotes and backslashes escaped, every other byte as \xHH.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\x%02X", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hasCode reports whether l holds an error with the given code.
func hasCode(l diag.List, code string) bool {
	for _, d := range l {
		if d.Severity == diag.Error && d.Code == code {
			return true
		}
	}
	return false
}

// SizeError reports a program whose code does not fit the machine's
// 65,536 bytes (8,192 instructions). Largest is the function with the most
// instructions, declared at Pos.
type SizeError struct {
	Instructions int
	Limit        int
	Largest      string
	LargestCount int
	Pos          ir.Pos
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("the program needs %d instructions, more than the %d the machine holds; the largest part is %s (%d instructions)",
		e.Instructions, e.Limit, e.Largest, e.LargestCount)
}

// checkSize refuses code that cannot fit before the assembler sees it.
func (g *gen) checkSize() error {
	limit := isa.MaxCodeSize / isa.InsnSize
	total, cur := 0, -1
	var counts []int
	var names []string
	var poss []ir.Pos
	for _, m := range g.code {
		if m.fnStart {
			counts = append(counts, 0)
			names = append(names, m.label)
			poss = append(poss, m.pos)
			cur = len(counts) - 1
		}
		if m.label == "" {
			total++
			if cur >= 0 {
				counts[cur]++
			}
		}
	}
	if total <= limit {
		return nil
	}
	e := &SizeError{Instructions: total, Limit: limit}
	for k, n := range counts {
		if n > e.LargestCount {
			e.LargestCount, e.Largest, e.Pos = n, names[k], poss[k]
		}
	}
	return e
}
