package units

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Spelled is a Unit with its author's names in canonical layout: no spaces,
// numerator names joined by "*", then "/name" per denominator name,
// exponents as "^N", "1" if nothing else is left. Compare the Unit fields.
type Spelled struct {
	Unit
	Text string // empty: use Unit.String
}

// String returns the author's spelling.
func (s Spelled) String() string {
	if s.Text == "" {
		return s.Unit.String()
	}
	return s.Text
}

// Describe is Describe(s.Unit) with the author's spelling.
func (s Spelled) Describe() string { return describe(s.Unit, s.String()) }

// Mul multiplies the units and joins the spellings: %/m times m is %.
func (s Spelled) Mul(t Spelled) Spelled { return spell(s.Unit.Mul(t.Unit), s, t, 1) }

// Div divides the units and joins the spellings: m/s over s is m/s^2.
func (s Spelled) Div(t Spelled) Spelled { return spell(s.Unit.Div(t.Unit), s, t, -1) }

// Pow raises the unit to the n-th power: (m/s)^2 is m^2/s^2.
func (s Spelled) Pow(n int) Spelled { return spell(s.Unit.Pow(n), Spelled{}, s, n) }

// spell spells u = a·b^k with the names of a and b, or leaves it to
// u.String when a spelling does not re-read or its exponents overflow.
func spell(u Unit, a, b Spelled, k int) Spelled {
	at, aerr := scan(a.String())
	bt, berr := scan(b.String())
	if !u.Valid() || aerr != nil || berr != nil || k > maxExp || k < -maxExp {
		return Spelled{Unit: u}
	}
	for _, t := range bt {
		at = append(at, term{name: t.name, exp: t.exp * k})
	}
	if ts := merge(at); inRange(ts) {
		return Spelled{Unit: u, Text: format(ts)}
	}
	return Spelled{Unit: u}
}

// term is one factor of a spelling; off and end locate it in parsed text.
type term struct {
	name     string
	exp      int
	off, end int
}

// merge adds up the exponents of repeated names in order of first
// appearance and drops names that cancel.
func merge(ts []term) []term {
	var out []term
	for _, t := range ts {
		if i := slices.IndexFunc(out, func(o term) bool { return o.name == t.name }); i >= 0 {
			out[i].exp += t.exp
		} else {
			out = append(out, term{name: t.name, exp: t.exp})
		}
	}
	return slices.DeleteFunc(out, func(t term) bool { return t.exp == 0 })
}

func inRange(ts []term) bool {
	return !slices.ContainsFunc(ts, func(t term) bool { return t.exp > maxExp || t.exp < -maxExp })
}

// format lays out merged terms. The grammar has no parentheses, so each
// denominator term gets its own "/".
func format(ts []term) string {
	var b strings.Builder
	for _, t := range ts {
		if t.exp > 0 {
			if b.Len() > 0 {
				b.WriteByte('*')
			}
			b.WriteString(power(t.name, t.exp))
		}
	}
	if b.Len() == 0 {
		b.WriteByte('1')
	}
	for _, t := range ts {
		if t.exp < 0 {
			b.WriteString("/" + power(t.name, -t.exp))
		}
	}
	return b.String()
}

func power(name string, e int) string {
	if e == 1 {
		return name
	}
	return name + "^" + strconv.Itoa(e)
}

// baseTerms spells u's dimension vector in base units.
func baseTerms(u Unit) []term {
	var ts []term
	for d, e := range u.dims() {
		if e != 0 {
			ts = append(ts, term{name: baseName[d], exp: int(e)})
		}
	}
	return ts
}

// String spells u: its name if a named unit matches, else base units when
// the scale is 1, else the shortest product of one or two powers of named
// units and base units (km/h, kn*s). A unit needing more ends in
// " (scaled by F)", which Parse rejects.
func (u Unit) String() string {
	if !u.Valid() {
		return "invalid"
	}
	for _, e := range table {
		if e.u == u {
			return e.name
		}
	}
	if !u.scaled() {
		return format(baseTerms(u))
	}
	if ts := rescaled(u); ts != nil {
		return format(ts)
	}
	f, _ := Factor(u, u.base())
	return fmt.Sprintf("%s (scaled by %g)", format(baseTerms(u)), f)
}

// pick is a power of a rescaled named unit that may carry part of a scale.
type pick struct {
	ts []term
	u  Unit
}

// picks[0] is empty so that a pair of picks can be a single one.
var picks = func() []pick {
	ps := []pick{{nil, Unit{}}}
	for _, e := range table {
		for _, k := range [...]int{1, -1, 2, -2, 3, -3} {
			if e.u.scaled() {
				ps = append(ps, pick{[]term{{name: e.name, exp: k}}, e.u.Pow(k)})
			}
		}
	}
	return ps
}()

// rescaled returns the shortest spelling (fewest powers) in which one or two
// powers of named units carry u's whole scale; ties go to earlier names.
func rescaled(u Unit) []term {
	var best []term
	bestCost := math.MaxInt
	for i, p := range picks[1:] {
		for _, q := range picks[:i+1] {
			if !carries(u, p.u, q.u) || (q.ts != nil && q.ts[0].name == p.ts[0].name) {
				continue
			}
			r := u.Div(p.u).Div(q.u)
			if !r.Valid() {
				continue
			}
			ts := append(append(slices.Clone(q.ts), p.ts...), baseTerms(r)...)
			cost := 0
			for _, t := range ts {
				cost += max(t.exp, -t.exp)
			}
			if cost < bestCost {
				best, bestCost = ts, cost
			}
		}
	}
	return best
}

// carries reports whether p·q has u's scale, the cheap test done first.
func carries(u, p, q Unit) bool {
	for i := numDims; i < numExps; i++ {
		if int(p.e[i])+int(q.e[i]) != int(u.e[i]) {
			return false
		}
	}
	return true
}
