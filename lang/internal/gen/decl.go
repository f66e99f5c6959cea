package gen

import (
	"strconv"
)

// ioSpec is one kind of sensor or actuator the generator declares.
type ioSpec struct {
	base string // name stem
	unit string // a spelling, "int" or "bool"
	lo   float64
	hi   float64
	safe float64 // actuators; for bool 0 or 1
	rate float64 // actuators; 0 for none
}

var sensorSpecs = []ioSpec{
	{base: "depth", unit: "m", hi: 100},
	{base: "height", unit: "cm", hi: 500},
	{base: "battery", unit: "%", hi: 100},
	{base: "heading", unit: "deg", hi: 360},
	{base: "speed", unit: "m/s", lo: -5, hi: 5},
	{base: "pitch", unit: "rad", lo: -3, hi: 3},
	{base: "delay", unit: "ms", hi: 1000},
	{base: "elapsed", unit: "s", hi: 60},
	{base: "count", unit: "int", hi: 100},
	{base: "leak", unit: "bool"},
}

var actuatorSpecs = []ioSpec{
	{base: "thrust", unit: "%", lo: -100, hi: 100, rate: 5},
	{base: "rudder", unit: "deg", lo: -30, hi: 30, rate: 2},
	{base: "surge", unit: "m/s", lo: -2, hi: 2, rate: 0.5},
	{base: "lift", unit: "cm", hi: 200, safe: 50, rate: 10},
	{base: "trim", unit: "rad", lo: -1, hi: 1, rate: 0.25},
	{base: "pulse", unit: "ms", hi: 500, safe: 100, rate: 20},
	{base: "gear", unit: "int", hi: 10, rate: 1},
	{base: "step", unit: "int", lo: -5, hi: 5, rate: 2},
	{base: "valve", unit: "bool"},
	{base: "lamp", unit: "bool", safe: 1},
}

// typeOf is the type an ioSpec's unit field names.
func typeOf(unit string) typ {
	switch unit {
	case "int":
		return tInt
	case "bool":
		return tBool
	}
	for _, s := range spellings {
		if s.text == unit {
			return typ{k: kNum, u: s.u}
		}
	}
	panic("gen: no spelling " + unit)
}

// quantity writes a constant of an IO declaration: `-5 m/s`, `3`, `true`.
func quantity(v float64, unit string) string {
	switch unit {
	case "bool":
		return strconv.FormatBool(v != 0)
	case "int":
		return fmtNum(v)
	}
	return fmtNum(v) + " " + unit
}

func (g *gen) io(o *out) {
	chans := g.r.Perm(16)
	next := func() string { c := chans[0] + 16; chans = chans[1:]; return strconv.Itoa(c) }
	for range 1 + g.intn(4) {
		sp := pick(g, sensorSpecs)
		s := &sym{name: g.name(sp.base), t: typeOf(sp.unit), role: rSensor}
		g.globals = append(g.globals, s)
		line := "sensor " + s.name + ": " + s.t.String() + " @ " + next()
		if sp.unit != "bool" && g.chance(4, 5) {
			line += " range " + quantity(sp.lo, sp.unit) + " .. " + quantity(sp.hi, sp.unit)
		}
		o.line(1, line)
	}
	for range 1 + g.intn(3) {
		sp := pick(g, actuatorSpecs)
		s := &sym{name: g.name(sp.base), t: typeOf(sp.unit), role: rActuator, safe: quantity(sp.safe, sp.unit)}
		g.globals = append(g.globals, s)
		g.acts = append(g.acts, s)
		line := "actuator " + s.name + ": " + s.t.String() + " @ " + next()
		if sp.unit != "bool" {
			line += " range " + quantity(sp.lo, sp.unit) + " .. " + quantity(sp.hi, sp.unit)
		}
		line += " safe " + s.safe
		if sp.rate > 0 && g.chance(1, 2) {
			line += " rate " + quantity(sp.rate, sp.unit)
		}
		o.line(1, line)
	}
}

// msgType is the type of an outbox or inbox: int or a num.
func (g *gen) msgType() typ {
	if g.chance(1, 3) {
		return tInt
	}
	if g.chance(1, 5) {
		return tPlain
	}
	return typ{k: kNum, u: pick(g, spellings).u}
}

func (g *gen) messages(o *out) {
	chans := g.r.Perm(256)
	for i := range g.intn(3) {
		s := &sym{name: g.name("out"), t: g.msgType()}
		g.outboxes = append(g.outboxes, s)
		o.line(1, "outbox "+s.name+": "+s.t.String()+" @ "+strconv.Itoa(chans[i]))
	}
	if g.chance(1, 2) {
		g.inbox = &sym{name: g.name("in"), t: g.msgType()}
		o.line(1, "inbox "+g.inbox.name+": "+g.inbox.t.String())
	}
}

// declType is a random type for a param, state, let or function parameter.
func (g *gen) declType() typ {
	switch g.intn(8) {
	case 0:
		return tBool
	case 1, 2:
		return tInt
	case 3:
		return tPlain
	}
	return typ{k: kNum, u: pick(g, spellings).u}
}

var litValues = []float64{0, 1, 2, 3, 4, 5, 10, 20, 0.5, 0.25, 1.5, 2.5, 0.75}

// constFor is a literal of type t (a unit literal may be in another scale
// of t's dimension); its value converted to t stays nice.
func (g *gen) constFor(t typ) ex {
	switch t.k {
	case kBool:
		return boolLit(g.chance(1, 2))
	case kInt:
		return untypedLit(g.intn(10))
	}
	if t.u == one {
		if g.chance(1, 2) {
			return untypedLit(g.intn(10))
		}
		return plainLit(pick(g, litValues))
	}
	for range 4 {
		sp := pick(g, spellingsOf(t.u))
		e := unitLit(pick(g, litValues), sp.text, sp.u)
		if nice(e.valueIn(t)) {
			return e
		}
	}
	return unitLit(1, t.u.String(), t.u)
}

func boolLit(b bool) ex {
	return ex{s: strconv.FormatBool(b), t: tBool, k: true, v: b2f(b), atom: true}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (g *gen) vars(o *out) {
	for range g.intn(4) {
		g.constDecl(o)
	}
	for _, r := range []role{rParam, rState} {
		for range g.intn(3) {
			s := &sym{name: g.name(map[role]string{rParam: "p", rState: "st"}[r]), t: g.declType(), role: r}
			g.globals = append(g.globals, s)
			kw := map[role]string{rParam: "param ", rState: "state "}[r]
			o.line(1, kw+s.name+": "+s.t.String()+" = "+g.constFor(s.t).s)
		}
	}
}

// constDecl declares a const: typed, inferred from a literal, or computed
// from an earlier const.
func (g *gen) constDecl(o *out) {
	s := &sym{name: g.name("k"), role: rConst}
	var prev []*sym
	for _, c := range g.globals {
		if c.role == rConst && c.t.k != kBool {
			prev = append(prev, c)
		}
	}
	switch {
	case len(prev) > 0 && g.chance(1, 3):
		c := pick(g, prev).use()
		e := ex{s: c.wrap() + " * 2", t: c.t, untyped: c.untyped, k: true, v: 2 * c.v}
		if g.chance(1, 2) {
			e = ex{s: "-" + c.wrap(), t: c.t, untyped: c.untyped, k: true, v: -c.v}
		}
		if !nice(e.v) {
			e = c
		}
		s.t, s.untyped, s.v = e.t, e.untyped, e.v
		o.line(1, "const "+s.name+" = "+e.s)
	case g.chance(1, 2):
		s.t = g.declType()
		e := g.constFor(s.t)
		s.v = e.valueIn(s.t)
		o.line(1, "const "+s.name+": "+s.t.String()+" = "+e.s)
	default:
		e := g.constFor(g.declType())
		s.t, s.untyped, s.v = e.t, e.untyped, e.v
		o.line(1, "const "+s.name+" = "+e.s)
	}
	g.globals = append(g.globals, s)
}

// loopBounds are the constants a for loop may use as bounds: small ints.
func (g *gen) loopBounds() []*sym {
	var bs []*sym
	for _, s := range g.globals {
		if s.role == rConst && s.t.k == kInt && s.v >= 0 && s.v <= 6 {
			bs = append(bs, s)
		}
	}
	return bs
}

// every writes the duration of an every block: a multiple of the period,
// in ms or, when whole tenths of a second, in s.
func (g *gen) every() string {
	ms := g.periodMS * (1 + g.intn(8))
	if ms%100 == 0 && g.chance(1, 2) {
		return fmtNum(float64(ms)/1000) + " s"
	}
	return strconv.Itoa(ms) + " ms"
}
