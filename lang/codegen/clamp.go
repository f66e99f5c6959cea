package codegen

import (
	"math"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// Clamp elision: a signed range analysis over one function's IR proves
// some Min/Max against a constant cannot change its first operand; those
// are emitted as copies. The validator has the last word (see Generate).

type srange struct{ lo, hi int64 }

var full = srange{math.MinInt32, math.MaxInt32}

func (r srange) join(s srange) srange { return srange{min(r.lo, s.lo), max(r.hi, s.hi)} }

// elideClamps marks redundant Min/Max instructions in fg.copyOf and
// records the channels whose written value had one elided.
func (fg *fgen) elideClamps() {
	rng := map[ir.Value]srange{}
	fg.rng = rng
	get := func(v ir.Value) srange {
		if r, ok := rng[v]; ok {
			return r
		}
		return full
	}
	for _, b := range fg.f.Blocks {
		for _, in := range b.Instrs {
			if in.Dst == 0 || fg.dead[in] {
				continue
			}
			r := full
			switch in.Op {
			case ir.OpConst:
				r = srange{int64(in.Imm), int64(in.Imm)}
			case ir.OpCopy:
				r = get(in.A)
			case ir.OpCmp:
				r = srange{0, 1}
			case ir.OpPhi:
				for k, a := range in.Args {
					if k == 0 {
						r = get(a)
					} else {
						r = r.join(get(a))
					}
				}
			case ir.OpMin, ir.OpMax:
				a, c := get(in.A), get(in.B)
				if in.Op == ir.OpMin {
					r = srange{min(a.lo, c.lo), min(a.hi, c.hi)}
				} else {
					r = srange{max(a.lo, c.lo), max(a.hi, c.hi)}
				}
				if d := fg.defs[in.B]; d != nil && d.Op == ir.OpConst {
					k := int64(d.Imm)
					if (in.Op == ir.OpMin && a.hi <= k) || (in.Op == ir.OpMax && a.lo >= k) {
						fg.copyOf[in] = true
						r = a
					}
				}
			}
			rng[in.Dst] = r
		}
	}
	// Which channels does an elided Min/Max feed?
	for _, b := range fg.f.Blocks {
		for _, in := range b.Instrs {
			if in.Op != ir.OpWrite || fg.dead[in] {
				continue
			}
			if fg.feedsElided(in.A, 8) {
				fg.g.elidedCh[int(in.Imm)] = true
				fg.g.anyElided = true
			}
		}
	}
}

// feedsElided reports whether v is computed, within depth steps, through
// an elided Min/Max.
func (fg *fgen) feedsElided(v ir.Value, depth int) bool {
	d := fg.defs[v]
	if d == nil || depth == 0 {
		return false
	}
	if fg.copyOf[d] {
		return true
	}
	switch d.Op {
	case ir.OpMin, ir.OpMax, ir.OpCopy, ir.OpPhi:
		for _, a := range d.Operands() {
			if fg.feedsElided(a, depth-1) {
				return true
			}
		}
	}
	return false
}

// markLowFirst finds the clamps Max(Min(v, hi), lo) with constant bounds
// lo <= hi whose Min has no other use, and has each emitted as one clamp
// that bounds v from below first (the Min becomes a copy of v).
func (fg *fgen) markLowFirst() {
	isConst := func(v ir.Value) (int32, bool) {
		if d := fg.defs[v]; d != nil && d.Op == ir.OpConst {
			return d.Imm, true
		}
		return 0, false
	}
	for _, b := range fg.f.Blocks {
		for _, x := range b.Instrs {
			if x.Op != ir.OpMax || fg.dead[x] || fg.copyOf[x] {
				continue
			}
			lo, ok := isConst(x.B)
			m := fg.defs[x.A]
			if !ok || m == nil || m.Op != ir.OpMin || fg.dead[m] || fg.copyOf[m] || fg.uses[m.Dst] != 1 {
				continue
			}
			hi, ok := isConst(m.B)
			if !ok || lo > hi {
				continue
			}
			fg.copyOf[m] = true
			fg.uses[m.B]--
			fg.lowFirst[x] = hi
		}
	}
}

// clampLowFirst emits d = min(max(a, lo), hi), equal to max(min(a, hi), lo)
// when lo <= hi.
func (fg *fgen) clampLowFirst(in *ir.Instr, hi int32) {
	a := fg.use(in.A, regTmpA)
	lo := fg.use(in.B, regTmpB)
	d := fg.dst(in.Dst)
	if d == lo && d != a {
		fg.fail("clamp result shares the register of its bound")
	}
	if d != a {
		fg.emit(isa.ADD, d, a, 0, 0)
	}
	fg.moveIf(d, lo, isa.CondLT)
	fg.emit(isa.LOAD_CONST, regTmpB, 0, 0, hi)
	fg.moveIf(d, regTmpB, isa.CondGT)
	fg.done(in.Dst, d)
}

// steady is a rate-limited actuator's flush, Max(Min(Max(Min(v, a), s),
// hi), lo) with a = prev + rate and s = prev - rate, whose requested value
// v is known to lie inside [lo, hi]. It is emitted so that the usual tick,
// where the value moves less than the rate, costs two compares: if v > a
// the result is a; else if v < s it is s; else it is v, which the
// validator already knows to be in range. On the path where v > a, a < v
// <= hi, so only the bound below is checked (the validator refines a by
// the compare, and cannot bound prev otherwise); where v < s, only the
// bound above. The compare of a against s is dropped because prev lies
// inside the range (the word is written only by flushes and starts at the
// safe value), so prev + rate never wraps below prev - rate.
type steady struct {
	v, a, s ir.Value
	lo, hi  int32
	// loV and hiV are the bounds' values when something else keeps them
	// in a register anyway (0: loaded where needed).
	loV, hiV ir.Value
}

// findSteady marks the flushes that can be emitted as steady. It runs
// after elideClamps, whose ranges it uses, and only when clamps may be
// elided: a V604 then regenerates without it.
func (fg *fgen) findSteady() {
	konst := func(v ir.Value) (int32, bool) {
		if d := fg.defs[v]; d != nil && d.Op == ir.OpConst {
			return d.Imm, true
		}
		return 0, false
	}
	one := func(v ir.Value, op ir.Op) *ir.Instr {
		d := fg.defs[v]
		if d == nil || d.Op != op || fg.dead[d] || fg.copyOf[d] || fg.lowFirst[d] != 0 || fg.uses[v] != 1 {
			return nil
		}
		return d
	}
	for _, b := range fg.f.Blocks {
		for _, m4 := range b.Instrs {
			if m4.Op != ir.OpMax || fg.dead[m4] || fg.copyOf[m4] {
				continue
			}
			lo, ok := konst(m4.B)
			m3 := one(m4.A, ir.OpMin)
			if !ok || m3 == nil {
				continue
			}
			hi, ok := konst(m3.B)
			m2 := one(m3.A, ir.OpMax)
			if !ok || m2 == nil || lo > hi {
				continue
			}
			m1 := one(m2.A, ir.OpMin)
			if m1 == nil {
				continue
			}
			sub, add := fg.defs[m2.B], fg.defs[m1.B]
			if sub == nil || add == nil || sub.Op != ir.OpSub || add.Op != ir.OpAdd || sub.A != add.A || sub.B != add.B {
				continue
			}
			if r, ok := konst(add.B); !ok || r < 0 {
				continue
			}
			if ld := fg.defs[add.A]; ld == nil || ld.Op != ir.OpLoad {
				continue
			}
			r, known := fg.rng[m1.A]
			if !known || r.lo < int64(lo) || r.hi > int64(hi) {
				continue
			}
			st := &steady{v: m1.A, a: m1.B, s: m2.B, lo: lo, hi: hi}
			if fg.uses[m3.B] > 1 {
				st.hiV = m3.B
			} else {
				fg.uses[m3.B]--
			}
			if fg.uses[m4.B] > 1 && lo != 0 {
				st.loV = m4.B
			} else {
				fg.uses[m4.B]--
			}
			fg.steady[m4] = st
			for _, d := range []*ir.Instr{m1, m2, m3} {
				fg.dead[d] = true
			}
		}
	}
	for _, b := range fg.f.Blocks {
		for _, in := range b.Instrs {
			if in.Op == ir.OpWrite && !fg.dead[in] {
				if d := fg.defs[in.A]; d != nil && fg.steady[d] != nil {
					fg.g.elidedCh[int(in.Imm)] = true
					fg.g.anyElided = true
				}
			}
		}
	}
}

// operandsOf is what an instruction reads as generated.
func (fg *fgen) operandsOf(in *ir.Instr) []ir.Value {
	if fg.abs[in] {
		return []ir.Value{in.A}
	}
	if s := fg.steady[in]; s != nil {
		ops := []ir.Value{s.v, s.a, s.s}
		for _, k := range []ir.Value{s.hiV, s.loV} {
			if k != 0 {
				ops = append(ops, k)
			}
		}
		return ops
	}
	ops := in.Operands()
	if fg.copyOf[in] {
		ops = ops[:1]
	}
	return ops
}

// emitSteady emits a steady flush (see steady).
func (fg *fgen) emitSteady(in *ir.Instr, st *steady) {
	d := fg.dst(in.Dst)
	v := fg.use(st.v, regTmpA)
	if d != v {
		fg.emit(isa.ADD, d, v, 0, 0)
	}
	notUp, done := fg.newLabel(), fg.newLabel()
	a := fg.use(st.a, regTmpB)
	if d == a {
		fg.fail("steady flush result shares the register of prev + rate")
	}
	fg.emit(isa.CMP, regCmp, d, a, int32(isa.CondGT))
	fg.jump(isa.JZ, notUp)
	fg.emit(isa.ADD, d, a, 0, 0)
	fg.moveIf(d, fg.bound(st.loV, st.lo), isa.CondLT)
	fg.jump(isa.JMP, done)
	fg.label(notUp)
	s := fg.use(st.s, regTmpB)
	if d == s {
		fg.fail("steady flush result shares the register of prev - rate")
	}
	fg.emit(isa.CMP, regCmp, d, s, int32(isa.CondLT))
	fg.jump(isa.JZ, done)
	fg.emit(isa.ADD, d, s, 0, 0)
	fg.moveIf(d, fg.bound(st.hiV, st.hi), isa.CondGT)
	fg.label(done)
	fg.done(in.Dst, d)
}

// bound returns a register holding a clamp bound: v's if something else
// keeps it in one, else R0 for 0 or regTmpB loaded with k.
func (fg *fgen) bound(v ir.Value, k int32) uint8 {
	if v != 0 {
		return fg.use(v, regTmpB)
	}
	if k == 0 {
		return 0
	}
	fg.emit(isa.LOAD_CONST, regTmpB, 0, 0, k)
	return regTmpB
}

// findAbs marks Max(x, Neg(x)) whose negation nothing else reads: it is
// emitted as d = x; if d < 0 then d = -d, one instruction shorter on every
// path than computing -x first. Like clamp elision it is only tried while
// the validator is the judge (a V604 regenerates without it).
func (fg *fgen) findAbs() {
	for _, b := range fg.f.Blocks {
		for _, in := range b.Instrs {
			if in.Op != ir.OpMax || fg.dead[in] || fg.copyOf[in] || fg.steady[in] != nil || fg.lowFirst[in] != 0 {
				continue
			}
			n := fg.defs[in.B]
			if n == nil || n.Op != ir.OpNeg || n.A != in.A || fg.dead[n] || fg.uses[in.B] != 1 {
				continue
			}
			fg.abs[in] = true
			fg.dead[n] = true
		}
	}
}

// emitAbs emits d = |a| (the most negative word stays itself, as -x does).
func (fg *fgen) emitAbs(in *ir.Instr) {
	a := fg.use(in.A, regTmpA)
	d := fg.dst(in.Dst)
	if d != a {
		fg.emit(isa.ADD, d, a, 0, 0)
	}
	skip := fg.newLabel()
	fg.emit(isa.CMP, regCmp, d, 0, int32(isa.CondLT))
	fg.jump(isa.JZ, skip)
	fg.emit(isa.SUB, d, 0, d, 0)
	fg.label(skip)
	fg.done(in.Dst, d)
}
