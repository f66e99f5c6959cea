package validator

import (
	"fmt"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/validator/interval"
	"github.com/nexusfleet/nexus/vm/isa"
)

// Rule 4 (memory and divisors) and the range half of rule 6: a forward
// abstract interpretation of R0..R15 as modular intervals
// (validator/interval), with a fact about the Z flag so that JZ/JNZ after
// CMP or an ALU operation refine both branches.
//
// Interprocedural, context-insensitive, in two passes over the call DAG,
// callers before callees. A callee's entry state is the join of its call
// sites' states (and, for an entry point, the activation's all-zero
// registers). In pass 1 a return site gets Top for every register the callee
// (transitively) may write; pass 1 is sound on its own, so its exit states
// (the join of each callee's RET states) are sound summaries, and pass 2
// uses them at return sites. Only pass 2 reports.
//
// Within a function, states live at instructions and are propagated in
// reverse post-order; an acyclic body needs one sweep. Loops (budget policy)
// iterate to a fixpoint with widening at loop heads, the targets of back
// edges; a final sweep over the stable states performs the checks.

type valueSet = interval.Interval

// zfact says what the Z flag means: Z is set exactly when c(R[a], B) holds,
// where B is R[b], or the constant 0 when b < 0; and when res >= 0, R[res]
// is 0 when Z is set and 1 when it is clear.
type zfact struct {
	ok   bool
	c    isa.Cond
	a, b int8
	res  int8
}

type absState struct {
	r [isa.NumGPRegs]interval.Interval
	z zfact
}

// kill forgets the Z fact if it mentions register x, which is being written.
func (s *absState) kill(x uint8) {
	r := int8(x)
	if s.z.ok && (s.z.a == r || s.z.b == r || s.z.res == r) {
		s.z = zfact{}
	}
}

func (s *absState) set(x uint8, v interval.Interval) {
	s.kill(x)
	s.r[x&15] = v
}

// setALU writes an ALU result and records Z = (result == 0).
func (s *absState) setALU(x uint8, v interval.Interval) {
	s.r[x&15] = v
	s.z = zfact{ok: true, c: isa.CondEQ, a: int8(x & 15), b: -1, res: -1}
}

func join(a, b *absState) absState {
	var out absState
	for i := range a.r {
		out.r[i] = a.r[i].Join(b.r[i])
	}
	if a.z == b.z {
		out.z = a.z
	}
	return out
}

func widen(old, next *absState) absState {
	var out absState
	for i := range old.r {
		out.r[i] = old.r[i].Widen(old.r[i].Join(next.r[i]))
	}
	if old.z == next.z {
		out.z = old.z
	}
	return out
}

// refine narrows s given whether Z is set; false when the edge is infeasible.
func (s *absState) refine(zset bool) bool {
	if !s.z.ok {
		return true
	}
	z := s.z
	b := interval.Const(0)
	if z.b >= 0 {
		b = s.r[z.b]
	}
	ra, rb := interval.Refine(z.c, zset, s.r[z.a], b)
	if ra.IsBottom() || rb.IsBottom() {
		return false
	}
	if z.b == z.a {
		ra = ra.Meet(rb)
		rb = ra
	}
	s.r[z.a] = ra
	if z.b >= 0 {
		s.r[z.b] = rb
	}
	if z.res >= 0 {
		v := uint32(1)
		if zset {
			v = 0
		}
		m := s.r[z.res].Meet(interval.Const(v))
		if m.IsBottom() {
			return false
		}
		s.r[z.res] = m
	}
	return true
}

// funcValues is the per-function analysis state.
type funcValues struct {
	entry    absState
	hasEntry bool
	exit     absState // join of RET states
	hasExit  bool
	summary  *absState // pass-1 exit, used by pass 2 at return sites
}

type valueAnalysis struct {
	v      *validator
	fv     []funcValues
	st     []absState // in-state per instruction
	has    []bool
	pos    []int32     // position in the function's reverse post-order
	head   []bool      // loop head
	report bool        // pass 2: report diagnostics
	out    [2]absState // step's out-states, for its successors
	writes []uint16    // per function: registers it or its callees may write
}

func (v *validator) values() {
	a := &valueAnalysis{
		v:      v,
		fv:     make([]funcValues, len(v.funcs)),
		st:     make([]absState, v.n+1),
		has:    make([]bool, v.n+1),
		pos:    make([]int32, v.n+1),
		head:   make([]bool, v.n+1),
		writes: make([]uint16, len(v.funcs)),
	}
	for _, id := range v.order { // callees first
		a.writes[id] = a.mayWrite(v.funcs[id])
	}
	first := 1
	if !v.hasCalls() {
		first = 2 // without return sites, pass 1 would compute the same
	}
	for pass := first; pass <= 2; pass++ {
		a.report = pass == 2
		for i := range a.fv {
			a.fv[i].hasEntry, a.fv[i].hasExit = false, false
		}
		for _, fn := range v.funcs {
			if fn.entryPoint != "" {
				a.fv[fn.id].entry, a.fv[fn.id].hasEntry = zeroState(), true
			}
		}
		for i := len(v.order) - 1; i >= 0; i-- { // callers first
			a.function(v.funcs[v.order[i]])
		}
		if pass == 1 {
			for i := range a.fv {
				if a.fv[i].hasExit {
					s := a.fv[i].exit
					a.fv[i].summary = &s
				}
			}
		}
	}
	v.analysed = true
}

func (v *validator) hasCalls() bool {
	for _, fn := range v.funcs {
		if len(fn.calls) > 0 {
			return true
		}
	}
	return false
}

// zeroState is an activation's initial state: every register zero.
func zeroState() absState {
	var s absState
	for i := range s.r {
		s.r[i] = interval.Const(0)
	}
	return s
}

// mayWrite is the set of registers fn or its callees may write.
func (a *valueAnalysis) mayWrite(fn *function) uint16 {
	var m uint16
	for _, k := range fn.post {
		in := a.v.code[k]
		rd, _, _, _, _ := in.Roles()
		switch {
		case rd == isa.RegWrite:
			m |= 1 << (in.Rd & 15)
		case in.Op == isa.CALL:
			if id := a.v.funcAt[uint32(in.Imm)/isa.InsnSize]; id >= 0 {
				m |= a.writes[id]
			}
		case isa.Lookup(in.Op).A2A && a.v.o.Profile == isa.ProfileJetson:
			m = 0xFFFF // the host hook may write any register
		}
	}
	return m
}

const maxSweeps = 64

func (a *valueAnalysis) function(fn *function) {
	fv := &a.fv[fn.id]
	if !fv.hasEntry {
		return // never called from analysed code
	}
	n := len(fn.post)
	for i, k := range fn.post {
		a.pos[k] = int32(n - 1 - i)
		a.has[k] = false
		a.head[k] = false
	}
	for _, be := range fn.backEdges {
		a.head[be[1]] = true
	}
	a.st[fn.entry], a.has[fn.entry] = fv.entry, true
	converged := len(fn.backEdges) == 0
	for sweep := 0; !converged && sweep < maxSweeps; sweep++ {
		converged = true
		for i := n - 1; i >= 0; i-- {
			k := int(fn.post[i])
			if a.has[k] && a.transfer(fn, k) {
				converged = false
			}
		}
	}
	if !converged {
		// Give up on precision, not on soundness: every register unknown.
		for _, k := range fn.post {
			a.st[k] = absState{}
		}
	}
	// The final sweep propagates along forward edges (acyclic bodies are
	// done in it), joins into callees and exits, and reports.
	for i := n - 1; i >= 0; i-- {
		k := int(fn.post[i])
		if a.has[k] {
			a.final(fn, k, a.report)
		}
	}
}

// transfer propagates the state of k to its successors during the
// fixpoint iteration; true when a back-edge target changed.
func (a *valueAnalysis) transfer(fn *function, k int) bool {
	outs, n := a.step(fn, k, false)
	changed := false
	for i := 0; i < n; i++ {
		if a.merge(fn, outs[i], &a.out[i]) && a.pos[outs[i]] <= a.pos[k] {
			changed = true
		}
	}
	return changed
}

func (a *valueAnalysis) final(fn *function, k int, report bool) {
	outs, n := a.step(fn, k, report)
	for i := 0; i < n; i++ {
		if j := outs[i]; j < a.v.n && a.v.owner[j] == fn.id && a.pos[j] > a.pos[k] {
			a.merge(fn, j, &a.out[i])
		}
	}
	in := a.v.code[k]
	switch in.Op {
	case isa.CALL:
		if id := a.v.funcAt[uint32(in.Imm)/isa.InsnSize]; id >= 0 {
			g := &a.fv[id]
			s := a.st[k]
			if g.hasEntry {
				g.entry = join(&g.entry, &s)
			} else {
				g.entry, g.hasEntry = s, true
			}
		}
	case isa.RET:
		fv := &a.fv[fn.id]
		s := a.st[k]
		if fv.hasExit {
			fv.exit = join(&fv.exit, &s)
		} else {
			fv.exit, fv.hasExit = s, true
		}
	}
}

// merge joins s into the in-state of j (widening at loop heads); true when
// it changed.
func (a *valueAnalysis) merge(fn *function, j int, s *absState) bool {
	if j >= a.v.n || a.v.owner[j] != fn.id {
		return false
	}
	if !a.has[j] {
		a.st[j], a.has[j] = *s, true
		return true
	}
	var next absState
	if a.head[j] {
		next = widen(&a.st[j], s)
	} else {
		next = join(&a.st[j], s)
	}
	if next == a.st[j] {
		return false
	}
	a.st[j] = next
	return true
}

// step computes the out-states of instruction k into a.out and returns
// the successors they belong to; with report it also checks memory,
// divisors and safety ranges.
func (a *valueAnalysis) step(fn *function, k int, report bool) ([2]int, int) {
	v := a.v
	in := v.code[k]
	a.out[0] = a.st[k]
	s := &a.out[0]
	r := &s.r
	rd, rs1, rs2 := in.Rd&15, in.Rs1&15, in.Rs2&15
	var outs [2]int
	switch in.Op {
	case isa.LOAD_CONST:
		s.set(rd, interval.Const(uint32(in.Imm)))
	case isa.LOAD_REG, isa.STORE_REG:
		addr := interval.Add(r[rs1], interval.Const(uint32(in.Imm)))
		if report && !a.fits(addr, 4) {
			v.at(k, v.strictSev(), CodeMemAccess, memHint,
				"%s may access address %s (R%d = %s, offset %d); %d bytes of data memory need an address in [0, %d]",
				v.insnName(k), addr, rs1, r[rs1], in.Imm, v.o.MemSize, v.o.MemSize-4)
		}
		if in.Op == isa.LOAD_REG {
			s.set(rd, interval.Top())
		}
	case isa.ADD:
		s.setALU(rd, interval.Add(r[rs1], r[rs2]))
	case isa.SUB:
		s.setALU(rd, interval.Sub(r[rs1], r[rs2]))
	case isa.MUL:
		s.setALU(rd, interval.Mul(r[rs1], r[rs2], uint32(in.Imm)))
	case isa.DIV:
		if report && r[rs2].ContainsZero() {
			v.at(k, v.strictSev(), CodeDivZero, "test the divisor first: CMP it with a zero register and JZ past the DIV",
				"%s divides by R%d, which may be zero (R%d = %s)", v.insnName(k), rs2, rs2, r[rs2])
		}
		// Past the DIV the divisor is non-zero.
		d, _ := interval.Refine(isa.CondNE, true, r[rs2], interval.Const(0))
		if d.IsBottom() {
			return outs, 0 // always traps
		}
		s.setALU(rd, interval.Div(r[rs1], d, uint32(in.Imm)))
	case isa.AND:
		s.setALU(rd, interval.And(r[rs1], r[rs2]))
	case isa.OR:
		s.setALU(rd, interval.Or(r[rs1], r[rs2]))
	case isa.XOR:
		s.setALU(rd, interval.Xor(r[rs1], r[rs2]))
	case isa.NOT:
		s.setALU(rd, interval.Not(r[rs1]))
	case isa.SHL:
		s.setALU(rd, interval.Shl(r[rs1], r[rs2]))
	case isa.SHR:
		s.setALU(rd, interval.Shr(r[rs1], r[rs2], in.Imm == 1))
	case isa.CMP:
		a.cmp(s, in)
	case isa.POP, isa.READ_IO, isa.RECV:
		s.set(rd, interval.Top())
	case isa.WRITE_IO:
		if report {
			a.written(k, in.Rd, r[rs1])
		}
	case isa.ALLOC:
		if report && !a.fits(r[rs1], uint64(uint32(in.Imm))) {
			v.at(k, v.strictSev(), CodeMemAlloc, memHint,
				"%s may reserve %d bytes at R%d = %s, beyond %d bytes of data memory",
				v.insnName(k), uint32(in.Imm), rs1, r[rs1], v.o.MemSize)
		}
		s.set(rd, interval.Const(uint32(in.Imm)))
	case isa.DMA_COPY:
		n := uint64(uint32(in.Imm))
		for _, x := range [2]uint8{rs1, rd} {
			if report && !a.fits(r[x], n) {
				what := "from"
				if x == rd {
					what = "to"
				}
				v.at(k, v.strictSev(), CodeMemDMA, memHint,
					"%s may copy %d bytes %s address R%d = %s, beyond %d bytes of data memory",
					v.insnName(k), n, what, x, r[x], v.o.MemSize)
				break
			}
		}
	case isa.CALL:
		a.afterCall(s, in)
	case isa.HALT, isa.RET:
		return outs, 0
	case isa.JMP:
		outs[0] = int(uint32(in.Imm) / isa.InsnSize)
		return outs, 1
	case isa.JZ, isa.JNZ:
		// out[0]: fall-through, out[1]: taken; an infeasible edge is
		// dropped by moving the other into slot 0.
		a.out[1] = a.out[0]
		okF := a.out[0].refine(in.Op != isa.JZ)
		okT := a.out[1].refine(in.Op == isa.JZ)
		t := int(uint32(in.Imm) / isa.InsnSize)
		switch {
		case okF && okT:
			outs[0], outs[1] = k+1, t
			return outs, 2
		case okF:
			outs[0] = k + 1
			return outs, 1
		case okT:
			a.out[0] = a.out[1]
			outs[0] = t
			return outs, 1
		}
		return outs, 0
	default:
		if isa.Lookup(in.Op).A2A && v.o.Profile == isa.ProfileJetson {
			*s = absState{} // the host hook may write any register
		}
	}
	outs[0] = k + 1
	return outs, 1
}

const memHint = "bound the address first: mask it with AND, or compare it and branch around the access"

// fits reports whether every address in x, plus n bytes, lies in memory.
func (a *valueAnalysis) fits(x interval.Interval, n uint64) bool {
	_, hi, ok := x.Unsigned()
	return ok && uint64(hi)+n <= uint64(a.v.o.MemSize)
}

func (a *valueAnalysis) cmp(s *absState, in isa.Instruction) {
	x, y := s.r[in.Rs1&15], s.r[in.Rs2&15]
	c := isa.Cond(in.Imm)
	if c == isa.CondNone {
		s.z = zfact{ok: true, c: isa.CondEQ, a: int8(in.Rs1 & 15), b: int8(in.Rs2 & 15), res: -1}
		return
	}
	t, _ := interval.Refine(c, true, x, y)
	f, _ := interval.Refine(c, false, x, y)
	var res interval.Interval
	switch {
	case t.IsBottom():
		res = interval.Const(0)
	case f.IsBottom():
		res = interval.Const(1)
	default:
		res = interval.Range(0, 1)
	}
	rd := in.Rd & 15
	s.r[rd] = res
	if rd == in.Rs1&15 || rd == in.Rs2&15 {
		s.z = zfact{ok: true, c: isa.CondEQ, a: int8(rd), b: -1, res: -1}
		return
	}
	// Z is set exactly when the condition fails.
	s.z = zfact{ok: true, c: c.Negate(), a: int8(in.Rs1 & 15), b: int8(in.Rs2 & 15), res: int8(rd)}
}

// afterCall is the state at a return site.
func (a *valueAnalysis) afterCall(s *absState, in isa.Instruction) {
	s.z = zfact{}
	id := a.v.funcAt[uint32(in.Imm)/isa.InsnSize]
	if id < 0 {
		*s = absState{}
		return
	}
	w := a.writes[id]
	sum := a.fv[id].summary
	for x := range s.r {
		if w&(1<<x) == 0 {
			continue
		}
		if sum != nil {
			s.r[x] = sum.r[x]
		} else {
			s.r[x] = interval.Top()
		}
	}
}

// written records a WRITE_IO of x to channel ch and proves its safe ranges.
func (a *valueAnalysis) written(k int, ch uint8, x interval.Interval) {
	v := a.v
	ch &= 31
	if v.wroteTo[ch] {
		v.written[ch] = v.written[ch].Join(x)
	} else {
		v.written[ch], v.wroteTo[ch] = x, true
	}
	for _, rg := range v.ranges[ch] {
		lo, hi, ok := x.Signed()
		if ok && lo >= rg.lo && hi <= rg.hi {
			continue
		}
		found := x.String()
		v.at(k, diag.Error, CodeUnsafeValue,
			fmt.Sprintf("clamp the value to [%d, %d] before writing it: compare it with each bound and branch", rg.lo, rg.hi),
			"%s may write %s to channel %d; safety record %d allows only [%d, %d]",
			v.insnName(k), found, ch, rg.rec, rg.lo, rg.hi)
	}
}
