// Package units is the unit-of-measure algebra behind reflex's num[UNIT]
// types. The checker asks it what a unit expression denotes, whether two
// units may be mixed, and which constant converts a value between them.
//
// # Model
//
// A Unit is a dimension vector and a scale. The vector holds an integer
// exponent per base dimension: length (m), time (s), angle (rad), percent
// (%), mass (kg), temperature (degC) and current (A). The scale multiplies a
// value in the unit to give it in the product of base units: km is length¹
// with scale 1000, deg/s is angle¹·time⁻¹ with scale π/180. Values may be
// mixed when their vectors agree (SameDimension); Factor gives the constant
// that converts. N, Pa, W and V are derived (V = W/A), so V·A is W.
//
// Scales are exact. Every named unit's scale is a product of integer powers
// of 2, 3, 5, 463 and π (1852 m = 2²·463 m), and a Unit stores those
// exponents rather than a float64, so == is exact: kn and nmi/h are the same
// Unit, where floats multiplied along different paths may differ in the last
// bit. A named unit whose scale needs another prime must extend factorBase.
//
// # Equality and spelling
//
// Unit is comparable, == means same dimension and same scale, and it can be
// a map key. It does not remember how it was written: Unit.String picks one
// of the equivalent spellings. Spelled pairs a Unit with its author's text,
// so a message can say num[1/s] where the author wrote that rather than
// num[Hz]; Parse returns one and Spelled's Mul, Div and Pow keep the names.
// Equal units may be spelled differently, so compare the Unit fields, never
// Spelled values.
//
// Dimensionless is not unitless: ms/s has no dimension but scale 1/1000, so
// IsDimensionless holds, yet it differs from Dimensionless() and
// Factor(ms/s, 1) is 0.001.
//
// # Why percent is a dimension
//
// Actuators are commanded in percent of full scale. Were % the number 0.01,
// `thrust = 0.4` would silently mean 0.4 % and a gain in %/m times an error
// in m would be a bare number. As a dimension, % never mixes with plain
// numbers by accident and kp·err comes out in %.
//
// # Why no affine temperature
//
// degC is the only temperature unit. K and degF differ from it by an offset,
// and offsets do not survive the algebra (2 degC/s is not 275.15 K/s). Factor
// only multiplies, so those units are left out rather than converted wrongly.
// Angle is a dimension too: rpm (2π rad per 60 s) converts to deg/s, not Hz.
//
// # Limits
//
// Every exponent (dimension, scale, spelled term) stays within ±127. An
// operation leaving that range yields a unit that is not Valid; it stays
// invalid through Mul, Div and Pow, matches no dimension and prints "invalid".
package units

import "math"

// baseName spells the canonical unit of each base dimension, in the order
// of a Unit's exponents.
var baseName = [...]string{"m", "s", "rad", "%", "kg", "degC", "A"}

// factorBase holds the numbers whose integer powers make up every scale;
// π is last because ratio factors only the integers.
var factorBase = [...]float64{2, 3, 5, 463, math.Pi}

const (
	numDims = len(baseName)
	numExps = numDims + len(factorBase)
	maxExp  = math.MaxInt8 // int8 exponents never wrap
)

// Unit is a unit of measure: a dimension vector and an exact scale. The zero
// Unit is dimensionless with scale 1. See the package comment.
type Unit struct {
	e [numExps]int8 // dimension exponents, then exponents of factorBase
}

// invalid holds an exponent no valid unit can.
var invalid = Unit{[numExps]int8{math.MinInt8}}

func (u Unit) dims() [numDims]int8 { return [numDims]int8(u.e[:numDims]) }
func (u Unit) scaled() bool        { return u != u.base() }

// base returns the canonical unit of u's dimension.
func (u Unit) base() Unit {
	var b Unit
	copy(b.e[:numDims], u.e[:])
	return b
}

// Dimensionless returns the unit of plain numbers, spelled "1".
func Dimensionless() Unit { return Unit{} }

// Valid reports whether u is a unit rather than an exponent overflow.
func (u Unit) Valid() bool { return u.e[0] != math.MinInt8 }

// IsDimensionless reports whether u has no dimension; its scale may still
// differ from 1, as in ms/s.
func (u Unit) IsDimensionless() bool { return u.Valid() && u.dims() == [numDims]int8{} }

// Mul returns the unit of a product of values in u and v.
func (u Unit) Mul(v Unit) Unit { return u.times(v, 1) }

// Div returns the unit of a value in u divided by a value in v.
func (u Unit) Div(v Unit) Unit { return u.times(v, -1) }

// Pow returns u to the n-th power; Pow(0) is Dimensionless().
func (u Unit) Pow(n int) Unit {
	if n > maxExp || n < -maxExp { // would wrap the multiplication in times
		if u == (Unit{}) {
			return u
		}
		return invalid
	}
	return Unit{}.times(u, n)
}

// times returns u·v^k for |k| ≤ maxExp.
func (u Unit) times(v Unit, k int) Unit {
	var sum [numExps]int
	for i := range sum {
		sum[i] = int(u.e[i]) + int(v.e[i])*k
	}
	if !u.Valid() || !v.Valid() {
		return invalid
	}
	return narrow(sum)
}

// narrow returns the unit with exponents e, or invalid if one is too large.
func narrow(e [numExps]int) Unit {
	var u Unit
	for i, x := range e {
		if x < -maxExp || x > maxExp {
			return invalid
		}
		u.e[i] = int8(x)
	}
	return u
}

// SameDimension reports whether values in a and b may be added, compared
// or assigned to each other after conversion by Factor.
func SameDimension(a, b Unit) bool { return a.Valid() && b.Valid() && a.dims() == b.dims() }

// Factor returns what a value in from must be multiplied by to express it
// in to, e.g. 0.001 from ms to s. ok is false when the dimensions differ or
// the factor is out of float64 range.
func Factor(from, to Unit) (f float64, ok bool) {
	if !SameDimension(from, to) {
		return 0, false
	}
	// One division at the end: while the integer products stay below 2⁵³
	// the result is correctly rounded, so Factor(kn, m/s) == 1852.0/3600.
	num, den := 1.0, 1.0
	for i, b := range factorBase {
		e := int(from.e[numDims+i]) - int(to.e[numDims+i])
		for ; e > 0; e-- {
			num *= b
		}
		for ; e < 0; e++ {
			den *= b
		}
	}
	if f = num / den; f > 0 && !math.IsInf(f, 1) { // also rejects Inf/Inf = NaN
		return f, true
	}
	return 0, false
}

// ratio returns the dimensionless unit with scale n/d. For building the
// table only: it panics when n/d needs a prime missing from factorBase.
func ratio(n, d int) Unit {
	var u Unit
	for i, b := range factorBase[:len(factorBase)-1] {
		for p := int(b); n%p == 0; n /= p {
			u.e[numDims+i]++
		}
		for p := int(b); d%p == 0; d /= p {
			u.e[numDims+i]--
		}
	}
	if n != 1 || d != 1 {
		panic("units: a scale needs a prime missing from factorBase")
	}
	return u
}

type entry struct {
	name string
	u    Unit
}

// table lists the named units; its order is the preference order when
// Unit.String chooses among equivalent spellings.
var table = func() []entry {
	var b [numExps]Unit // b[i] has exponent 1 at i: base units, then π
	for i := range b {
		b[i].e[i] = 1
	}
	m, s, rad, pct, kg, degC, A, pi := b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[numExps-1]
	milli, kilo := ratio(1, 1000), ratio(1000, 1)
	nmi, min, h := m.Mul(ratio(1852, 1)), s.Mul(ratio(60, 1)), s.Mul(ratio(3600, 1))
	N := kg.Mul(m).Div(s.Pow(2))
	Pa, W := N.Div(m.Pow(2)), N.Mul(m).Div(s)
	V := W.Div(A)
	return []entry{
		{"1", Unit{}}, {"m", m}, {"cm", m.Mul(ratio(1, 100))}, {"mm", m.Mul(milli)}, {"km", m.Mul(kilo)},
		{"nmi", nmi}, {"s", s}, {"ms", s.Mul(milli)}, {"us", s.Mul(ratio(1, 1e6))}, {"min", min}, {"h", h},
		{"rad", rad}, {"deg", rad.Mul(pi).Mul(ratio(1, 180))}, {"%", pct}, {"kg", kg}, {"g", kg.Mul(milli)},
		{"degC", degC}, {"A", A}, {"mA", A.Mul(milli)}, {"V", V}, {"mV", V.Mul(milli)},
		{"Hz", Unit{}.Div(s)}, {"kn", nmi.Div(h)}, {"N", N}, {"Pa", Pa}, {"kPa", Pa.Mul(kilo)},
		{"dbar", Pa.Mul(ratio(10000, 1))}, {"bar", Pa.Mul(ratio(100000, 1))}, {"W", W},
		{"rpm", rad.Mul(pi).Mul(ratio(2, 1)).Div(min)},
	}
}()

var byName = func() map[string]Unit {
	m := make(map[string]Unit, len(table))
	for _, e := range table {
		m[e.name] = e.u
	}
	return m
}()

// Lookup returns the unit with the given name, spelled exactly as reflex
// spells it ("m", "%", "degC", "1"). For anything else Suggest names the
// likely intent.
func Lookup(name string) (Unit, bool) {
	u, ok := byName[name]
	return u, ok
}

// Names returns the known unit names in preference order.
func Names() []string {
	names := make([]string, len(table))
	for i, e := range table {
		names[i] = e.name
	}
	return names
}

// dimNames names the dimension vectors that messages mention often.
var dimNames = func() []entry {
	var out []entry
	for _, p := range [...][2]string{
		{"m", "length"}, {"s", "time"}, {"rad", "angle"}, {"m/s", "speed"},
		{"m/s^2", "acceleration"}, {"rad/s", "angular rate"}, {"Hz", "frequency"},
		{"%", "percent"}, {"%/m", "percent per length"}, {"%/s", "percent per time"},
		{"kg", "mass"}, {"N", "force"}, {"Pa", "pressure"}, {"degC", "temperature"},
		{"A", "current"}, {"V", "voltage"}, {"W", "power"},
	} {
		s, err := Parse(p[0])
		if err != nil {
			panic(err)
		}
		out = append(out, entry{p[1], s.Unit})
	}
	return out
}()

// Describe names u's dimension for a message, with a spelling of u:
// "length (m)", "speed (km/h)", "dimensionless", or the base-unit
// expression, as in "m*s", when the dimension has no common name.
func Describe(u Unit) string { return describe(u, u.String()) }

func describe(u Unit, spelled string) string {
	switch {
	case !u.Valid():
		return "invalid unit"
	case u == Unit{}:
		return "dimensionless"
	case u.IsDimensionless():
		return "dimensionless (" + spelled + ")"
	}
	for _, d := range dimNames {
		if d.u.dims() == u.dims() {
			return d.name + " (" + spelled + ")"
		}
	}
	if base := format(baseTerms(u)); base != spelled {
		return base + " (" + spelled + ")"
	}
	return spelled
}
