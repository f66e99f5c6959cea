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
