package opt

import "github.com/nexusfleet/nexus/lang/ir"

// flushClamp removes an author's one-sided clamp of an actuator's value
// that the flush makes redundant: `a = clamp(x, -150 %, 150 %)` for an
// actuator whose range is -100 % .. 100 % is clamped again, tighter, at
// the end of the activation, so the author's Min and Max change nothing
// the actuator receives. A clamp to exactly the range stays: it costs the
// same as the flush's and lets code generation prove the value inside the
// range, which drops the flush's clamp (or, with a rate, its range checks
// on the usual path).
//
// For an actuator without a rate this is plain: clamping to a range A
// and then to a range W inside it is clamping to W. With a rate the flush
// clamps to [prev-rate, prev+rate] in between, and two successive clamps
// to intervals that intersect equal one clamp to their intersection; the
// word holding prev is written only by the flush and the failsafe, always
// inside the range, and starts at the safe value, which the checker keeps
// inside the range (R405), so every interval involved contains prev and
// the author's clamp is again subsumed.
//
// Only a Min or Max whose result nothing else reads is removed: it must
// reach the flush through copies and phis that nothing else reads either,
// so no other observer (a state, a comparison, a message) sees the
// difference.
func flushClamp(p *ir.Program) bool {
	byChannel := map[int32]ir.Actuator{}
	for _, a := range p.Meta.Actuators {
		byChannel[int32(a.Channel)] = a
	}
	changed := false
	for _, f := range p.Funcs {
		if f.Kind == ir.FuncUser {
			continue
		}
		defs := f.Defs()
		uses := f.UseCounts()
		konst := constants(f)
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if in.Op != ir.OpWrite {
					continue
				}
				a, ok := byChannel[in.Imm]
				if !ok || !a.HasRange {
					continue
				}
				req, ok := flushRequest(defs, konst, in.A, a)
				if !ok {
					continue
				}
				if dropClamps(defs, uses, konst, req, a) {
					changed = true
				}
			}
		}
	}
	return changed
}

// constOperand splits a commutative two-operand instruction into its
// non-constant operand and its constant one.
func constOperand(in *ir.Instr, konst map[ir.Value]uint32) (ir.Value, int32, bool) {
	if c, ok := konst[in.B]; ok {
		return in.A, int32(c), true
	}
	if c, ok := konst[in.A]; ok {
		return in.B, int32(c), true
	}
	return 0, 0, false
}

// flushRequest matches the flush's clamp of v to a's range, and its rate
// limit if present, and returns the requested value they start from.
func flushRequest(defs map[ir.Value]*ir.Instr, konst map[ir.Value]uint32, v ir.Value, a ir.Actuator) (ir.Value, bool) {
	mx := defs[v]
	if mx == nil || mx.Op != ir.OpMax {
		return 0, false
	}
	x, lo, ok := constOperand(mx, konst)
	if !ok || lo != a.Lo {
		return 0, false
	}
	mn := defs[x]
	if mn == nil || mn.Op != ir.OpMin {
		return 0, false
	}
	x, hi, ok := constOperand(mn, konst)
	if !ok || hi != a.Hi {
		return 0, false
	}
	if !a.HasRate {
		return x, true
	}
	// A rate-limited flush: Max(Min(req, prev+r), prev-r), unless the
	// failsafe's flush, which clamps without the rate.
	lower := defs[x]
	if lower == nil || lower.Op != ir.OpMax || !prevPlus(defs, konst, lower.B, a, -1) {
		return x, true
	}
	upper := defs[lower.A]
	if upper == nil || upper.Op != ir.OpMin || !prevPlus(defs, konst, upper.B, a, +1) {
		return 0, false
	}
	return upper.A, true
}

// prevPlus reports whether v is the word last written to a plus sign
// times its rate.
func prevPlus(defs map[ir.Value]*ir.Instr, konst map[ir.Value]uint32, v ir.Value, a ir.Actuator, sign int) bool {
	d := defs[v]
	if d == nil || (sign > 0 && d.Op != ir.OpAdd) || (sign < 0 && d.Op != ir.OpSub) {
		return false
	}
	ld := defs[d.A]
	r, ok := konst[d.B]
	return ld != nil && ld.Op == ir.OpLoad && ld.Imm == a.Prev && ok && int32(r) == a.Rate
}

// dropClamps turns into copies the author's clamps feeding req that the
// range [a.Lo, a.Hi] subsumes.
func dropClamps(defs map[ir.Value]*ir.Instr, uses map[ir.Value]int, konst map[ir.Value]uint32, req ir.Value, a ir.Actuator) bool {
	changed := false
	seen := map[ir.Value]bool{}
	var visit func(v ir.Value)
	visit = func(v ir.Value) {
		if seen[v] || uses[v] != 1 {
			return
		}
		seen[v] = true
		d := defs[v]
		if d == nil {
			return
		}
		switch d.Op {
		case ir.OpCopy:
			visit(d.A)
		case ir.OpPhi:
			for _, x := range d.Args {
				visit(x)
			}
		case ir.OpMin, ir.OpMax:
			x, c, ok := constOperand(d, konst)
			if !ok || (d.Op == ir.OpMin && c <= a.Hi) || (d.Op == ir.OpMax && c >= a.Lo) {
				return
			}
			makeCopy(d, x)
			changed = true
			visit(x)
		}
	}
	visit(req)
	return changed
}
