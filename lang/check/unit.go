package check

import (
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/lang/units"
)

// The checker's view of lang/units: algebra on units.Unit values (cheap,
// comparable, no allocation) and descriptions for messages.

var unitOne = units.Dimensionless()

func mustUnit(name string) units.Unit {
	u, ok := units.Lookup(name)
	if !ok {
		panic("check: unit " + name + " missing from lang/units")
	}
	return u
}

// isOne reports whether u is the unit of plain numbers (no dimension and
// scale 1).
func isOne(u units.Unit) bool { return u == unitOne }

func sameDim(a, b units.Unit) bool { return units.SameDimension(a, b) }

// factor converts values in from into to; 1 if they are not comparable.
func factor(from, to units.Unit) float64 {
	if from == to {
		return 1
	}
	f, ok := units.Factor(from, to)
	if !ok {
		return 1
	}
	return f
}

func describe(u units.Unit) string { return units.Describe(u) }

func mulUnit(a, b units.Unit) units.Unit { return a.Mul(b) }
func divUnit(a, b units.Unit) units.Unit { return a.Div(b) }

// resolveUnit evaluates a written unit term by term, so an unknown name is
// reported at its own position (R105) with lang/units' suggestion.
// lit is the number the unit follows ("" in a type).
func (c *checker) resolveUnit(ue *syntax.UnitExpr, lit string) (units.Unit, bool) {
	u := unitOne
	ok := true
	for i := range ue.Terms {
		t := &ue.Terms[i]
		v, known := c.units.lookup(t.Name)
		if !known {
			ok = false
			e := c.report("R105", t, "unknown unit "+t.Name)
			if sym := c.lookup(t.Name); sym != nil && t.Op != "" && lit != "" {
				// `40 %/m * depth`: the literal's unit swallowed a name.
				sym.used = true
				e.Message = "unknown unit " + t.Name + ": `" + t.Op + " " + t.Name + "` was read as part of the unit " + ue.String()
				e.Hint = "a unit after a number continues through `*` and `/`; put the literal in parentheses, (" +
					lit + " " + unitPrefix(ue, i) + ") " + t.Op + " " + t.Name + ", or write the name first"
			} else if s := units.Suggest(t.Name); s != "" {
				e.Hint = "did you mean " + s + "?"
				e.Edits = []diag.Edit{{Span: c.span(&syntax.Node{Pos: t.Pos, EndPos: nameEnd(t)}), NewText: s}}
			} else {
				e.Hint = "write a unit symbol such as m, s, ms, deg, rad, %, kg, A or V"
			}
			continue
		}
		if t.Exp != 1 {
			v = v.Pow(t.Exp)
		}
		if t.Op == "/" {
			u = u.Div(v)
		} else {
			u = u.Mul(v)
		}
	}
	if ok && !u.Valid() {
		c.report("R105", ue, "unit "+ue.String()+" is too large: exponents must stay within ±127")
		return u, false
	}
	return u, ok
}

// unitCache remembers the last few unit names looked up: a reflex uses a
// handful of units many times, and comparing a short name with a few
// others is cheaper than hashing it.
type unitCache struct {
	names [8]string
	units [8]units.Unit
	n     int // entries filled
	next  int // entry to replace
}

func (uc *unitCache) lookup(name string) (units.Unit, bool) {
	for i := range uc.n {
		if uc.names[i] == name {
			return uc.units[i], true
		}
	}
	u, ok := units.Lookup(name)
	if ok {
		uc.names[uc.next], uc.units[uc.next] = name, u
		uc.next = (uc.next + 1) % len(uc.names)
		uc.n = min(uc.n+1, len(uc.names))
	}
	return u, ok
}

// nameEnd is the end of a unit term's name (before any exponent).
func nameEnd(t *syntax.UnitTerm) syntax.Position {
	p := t.Pos
	p.Offset += len(t.Name)
	p.Column += len(t.Name)
	return p
}

// unitPrefix spells the unit's terms before term i.
func unitPrefix(ue *syntax.UnitExpr, i int) string {
	p := &syntax.UnitExpr{Terms: ue.Terms[:i]}
	return p.String()
}
