package units

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func mustParse(t testing.TB, text string) Spelled {
	t.Helper()
	s, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", text, err)
	}
	return s
}

// TestNamedUnits checks every named unit: its scale to the canonical unit
// of its dimension, its description, and that it spells itself.
func TestNamedUnits(t *testing.T) {
	tests := []struct {
		name, canon string
		factor      float64
		describe    string
	}{
		{"1", "1", 1, "dimensionless"},
		{"m", "m", 1, "length (m)"},
		{"cm", "m", 0.01, "length (cm)"},
		{"mm", "m", 0.001, "length (mm)"},
		{"km", "m", 1000, "length (km)"},
		{"nmi", "m", 1852, "length (nmi)"},
		{"s", "s", 1, "time (s)"},
		{"ms", "s", 0.001, "time (ms)"},
		{"us", "s", 1e-6, "time (us)"},
		{"min", "s", 60, "time (min)"},
		{"h", "s", 3600, "time (h)"},
		{"rad", "rad", 1, "angle (rad)"},
		{"deg", "rad", math.Pi / 180, "angle (deg)"},
		{"%", "%", 1, "percent (%)"},
		{"kg", "kg", 1, "mass (kg)"},
		{"g", "kg", 0.001, "mass (g)"},
		{"degC", "degC", 1, "temperature (degC)"},
		{"A", "A", 1, "current (A)"},
		{"mA", "A", 0.001, "current (mA)"},
		{"V", "kg*m^2/s^3/A", 1, "voltage (V)"},
		{"mV", "kg*m^2/s^3/A", 0.001, "voltage (mV)"},
		{"Hz", "1/s", 1, "frequency (Hz)"},
		{"kn", "m/s", 1852.0 / 3600, "speed (kn)"},
		{"N", "kg*m/s^2", 1, "force (N)"},
		{"Pa", "kg/m/s^2", 1, "pressure (Pa)"},
		{"kPa", "kg/m/s^2", 1000, "pressure (kPa)"},
		{"dbar", "kg/m/s^2", 1e4, "pressure (dbar)"},
		{"bar", "kg/m/s^2", 1e5, "pressure (bar)"},
		{"W", "kg*m^2/s^3", 1, "power (W)"},
		{"rpm", "rad/s", 2 * math.Pi / 60, "angular rate (rpm)"},
	}
	if got := len(Names()); got != len(tests) {
		t.Errorf("%d named units, %d tested", got, len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := Lookup(tt.name)
			if !ok {
				t.Fatal("Lookup failed")
			}
			s := mustParse(t, tt.name)
			if s.Unit != u || s.Text != tt.name {
				t.Errorf("Parse = %q %v, want %q %v", s.Text, s.Unit, tt.name, u)
			}
			if got := u.String(); got != tt.name {
				t.Errorf("String = %q (two names for one unit?)", got)
			}
			f, ok := Factor(u, mustParse(t, tt.canon).Unit)
			if !ok || math.Abs(f-tt.factor) > 1e-15*tt.factor {
				t.Errorf("Factor(%s, %s) = %v, %v; want %v", tt.name, tt.canon, f, ok, tt.factor)
			}
			if got := Describe(u); got != tt.describe {
				t.Errorf("Describe = %q, want %q", got, tt.describe)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct{ in, text, unit string }{
		{"m/s^2", "m/s^2", "m/s^2"},
		{" m / s ^ 2 ", "m/s^2", "m/s^2"},
		{"%/m", "%/m", "%/m"},
		{"1/s", "1/s", "Hz"},
		{"1 / s / s", "1/s^2", "1/s^2"},
		{"m*s", "m*s", "m*s"},
		{"s*m", "s*m", "m*s"},
		{"kg*m/s^2", "kg*m/s^2", "N"},
		{"deg/s", "deg/s", "deg/s"},
		{"m/s*s", "m", "m"},
		{"m/m", "1", "1"},
		{"1", "1", "1"},
		{"m^-1", "1/m", "1/m"},
		{"m^2/m", "m", "m"},
		{"kg/s^2/A", "kg/s^2/A", "kg/s^2/A"},
		{"km/h", "km/h", "km/h"},
		{"nmi/h", "nmi/h", "kn"},
		{"kn*s", "kn*s", "kn*s"},
		{"rpm*s", "rpm*s", "rpm*s"},
		{"deg^2/s", "deg^2/s", "deg^2/s"},
		{"1/ms", "1/ms", "1/ms"},
		{"m^02", "m^2", "m^2"},
		{"Hz^100*s^100", "Hz^100*s^100", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s := mustParse(t, tt.in)
			if s.Text != tt.text || s.String() != tt.text {
				t.Errorf("Text = %q, want %q", s.Text, tt.text)
			}
			if got := s.Unit.String(); got != tt.unit {
				t.Errorf("Unit.String = %q, want %q", got, tt.unit)
			}
			if again := mustParse(t, s.Text); again != s {
				t.Errorf("re-parse = %+v, want %+v", again, s)
			}
			if again := mustParse(t, s.Unit.String()); again.Unit != s.Unit {
				t.Errorf("Unit.String %q re-parses to another unit", s.Unit.String())
			}
		})
	}
}

func TestUnitStringFallback(t *testing.T) {
	u := mustParse(t, "kn*deg*mV").Unit
	if got := u.String(); !strings.Contains(got, "scaled by") {
		t.Errorf("String = %q, want the scaled-by fallback", got)
	}
}

func TestEquality(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"N", "kg*m/s^2", true},
		{"Hz", "1/s", true},
		{"kn", "nmi/h", true},
		{"W", "V*A", true},
		{"Pa", "N/m^2", true},
		{"m*s", "s*m", true},
		{"ms/s", "mm/m", true},
		{"m", "km", false},
		{"Hz", "rad/s", false},
		{"ms/s", "1", false},
		{"%", "1", false},
	}
	for _, tt := range tests {
		a, b := mustParse(t, tt.a).Unit, mustParse(t, tt.b).Unit
		if (a == b) != tt.same {
			t.Errorf("%s == %s is %v, want %v", tt.a, tt.b, a == b, tt.same)
		}
	}
}

// TestLaws checks the group laws over every pair of named and some
// derived units, with exact equality.
func TestLaws(t *testing.T) {
	var us []Unit
	var ss []Spelled
	for _, n := range append(Names(), "m/s^2", "%/m", "deg/s", "km/h", "ms/s") {
		ss = append(ss, mustParse(t, n))
		us = append(us, ss[len(ss)-1].Unit)
	}
	// Both spellings of every product and quotient must denote it.
	for _, a := range ss {
		for _, b := range ss {
			for _, r := range []Spelled{a.Mul(b), a.Div(b)} {
				if p := mustParse(t, r.Text); p.Unit != r.Unit || p.Text != r.Text {
					t.Errorf("%v, %v: spelled %q re-parses to %q %v", a, b, r.Text, p.Text, p.Unit)
				}
				if s := r.Unit.String(); !strings.Contains(s, "scaled by") && mustParse(t, s).Unit != r.Unit {
					t.Errorf("%v, %v: Unit.String %q re-parses to another unit", a, b, s)
				}
			}
		}
	}
	one := Dimensionless()
	for _, a := range us {
		if a.Div(a) != one || a.Pow(2) != a.Mul(a) || a.Pow(-1) != one.Div(a) || a.Pow(0) != one || a.Pow(1) != a {
			t.Errorf("%v: a/a, a^2, a^-1, a^0 or a^1 wrong", a)
		}
		for _, b := range us {
			if a.Mul(b).Div(b) != a || a.Mul(b) != b.Mul(a) || a.Div(b).Mul(b) != a {
				t.Errorf("%v, %v: a*b/b, a*b = b*a or a/b*b wrong", a, b)
			}
			if f, ok := Factor(a, b); ok != SameDimension(a, b) || (ok && a == b && f != 1) {
				t.Errorf("Factor(%v, %v) = %v, %v", a, b, f, ok)
			}
		}
	}
}

func TestFactor(t *testing.T) {
	tests := []struct {
		from, to string
		want     float64
		ok       bool
	}{
		// Exact: the conversions the checker folds most often.
		{"ms", "s", 0.001, true},
		{"deg", "rad", math.Pi / 180, true},
		{"rad", "deg", 180 / math.Pi, true},
		{"kn", "m/s", 1852.0 / 3600, true},
		{"s", "ms", 1000, true},
		{"us", "ms", 0.001, true},
		{"km/h", "m/s", 1 / 3.6, true},
		{"kn", "km/h", 1.852, true},
		{"rpm", "deg/s", 6, true},
		{"rpm", "rad/s", 2 * math.Pi / 60, true},
		{"bar", "kPa", 100, true},
		{"dbar", "Pa", 1e4, true},
		{"h", "min", 60, true},
		{"ms/s", "1", 0.001, true},
		{"%/m", "%/km", 1000, true},
		{"V*A", "W", 1, true},
		{"m", "s", 0, false},
		{"Hz", "rad/s", 0, false},
		{"%", "1", 0, false},
		{"degC", "1", 0, false},
		{"nmi^63/m^63", "m^63/nmi^63", 0, false}, // 1852^126 is no float64
	}
	for _, tt := range tests {
		got, ok := Factor(mustParse(t, tt.from).Unit, mustParse(t, tt.to).Unit)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-15*tt.want {
			t.Errorf("Factor(%s, %s) = %v, %v; want %v, %v", tt.from, tt.to, got, ok, tt.want, tt.ok)
		}
	}
	for _, tt := range tests[:4] {
		if got, _ := Factor(mustParse(t, tt.from).Unit, mustParse(t, tt.to).Unit); got != tt.want {
			t.Errorf("Factor(%s, %s) = %v, want exactly %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct{ in, spelled, unit string }{
		{"m/s", "speed (m/s)", "speed (m/s)"},
		{"%", "percent (%)", "percent (%)"},
		{"1", "dimensionless", "dimensionless"},
		{"m/m", "dimensionless", "dimensionless"},
		{"deg", "angle (deg)", "angle (deg)"},
		{"%/m", "percent per length (%/m)", "percent per length (%/m)"},
		{"%/s", "percent per time (%/s)", "percent per time (%/s)"},
		{"m/s^2", "acceleration (m/s^2)", "acceleration (m/s^2)"},
		{"km/h", "speed (km/h)", "speed (km/h)"},
		{"1/s", "frequency (1/s)", "frequency (Hz)"},
		{"kg*m/s^2", "force (kg*m/s^2)", "force (N)"},
		{"W/A", "voltage (W/A)", "voltage (V)"},
		{"m*s", "m*s", "m*s"},
		{"km*s", "m*s (km*s)", "m*s (km*s)"},
		{"ms/s", "dimensionless (ms/s)", "dimensionless (mm/m)"},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.in)
		if got := s.Describe(); got != tt.spelled {
			t.Errorf("Spelled(%q).Describe = %q, want %q", tt.in, got, tt.spelled)
		}
		if got := Describe(s.Unit); got != tt.unit {
			t.Errorf("Describe(%q) = %q, want %q", tt.in, got, tt.unit)
		}
	}
}

func TestSpelledAlgebra(t *testing.T) {
	p := func(s string) Spelled { return mustParse(t, s) }
	tests := []struct {
		got  Spelled
		want string
	}{
		{p("%/m").Mul(p("m")), "%"},
		{p("m").Mul(p("ms")), "m*ms"},
		{p("m").Div(p("s")).Div(p("s")), "m/s^2"},
		{p("m/s").Pow(2), "m^2/s^2"},
		{p("m/s").Pow(-1), "s/m"},
		{p("m/s").Pow(0), "1"},
		{p("1").Div(p("s")), "1/s"},
		{Spelled{}.Mul(p("deg")), "deg"},
		{Spelled{Unit: p("km/h").Unit}.Mul(p("h")), "km"},
		{Spelled{Unit: p("kn*deg*mV").Unit}.Div(p("s")), ""}, // unspellable: falls back to Unit.String
	}
	for _, tt := range tests {
		if tt.got.Text != tt.want {
			t.Errorf("Text = %q, want %q", tt.got.Text, tt.want)
		}
		if tt.want != "" && p(tt.want).Unit != tt.got.Unit {
			t.Errorf("%q: Unit %v does not match its text", tt.want, tt.got.Unit)
		}
	}
}

func TestInvalid(t *testing.T) {
	m, _ := Lookup("m")
	one := Dimensionless()
	for name, u := range map[string]Unit{
		"m^100*m^100": m.Pow(100).Mul(m.Pow(100)),
		"m^(2^40)":    m.Pow(1 << 40),
		"m^(-2^40)":   m.Pow(-1 << 40),
		"invalid*1":   invalid.Mul(one),
		"1/invalid":   one.Div(invalid),
		"invalid^0":   invalid.Pow(0),
	} {
		if u.Valid() || u.IsDimensionless() || SameDimension(u, u) || u.String() != "invalid" || Describe(u) != "invalid unit" {
			t.Errorf("%s: %v is not invalid", name, u)
		}
		if _, ok := Factor(u, u); ok {
			t.Errorf("%s: Factor ok", name)
		}
	}
	if one.Pow(1<<40) != one {
		t.Error("1^(2^40) != 1")
	}
	s := mustParse(t, "m^100").Mul(mustParse(t, "m^100"))
	if s.Valid() || s.String() != "invalid" {
		t.Errorf("m^100*m^100 spelled %q", s)
	}
	if s := mustParse(t, "Hz^100*s^100").Pow(2); !s.Valid() || s.Text != "" {
		t.Errorf("(Hz^100*s^100)^2 = %+v, want valid unit spelled by Unit.String", s)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in          string
		offset, end int
		fixed, msg  string
	}{
		{"", 0, 0, "", "missing unit"},
		{"   ", 3, 3, "", "missing unit"},
		{"meter", 0, 5, "m", `unknown unit "meter"`},
		{"m/sec", 2, 5, "m/s", `unknown unit "sec"`},
		{"degrees", 0, 7, "deg", "unknown unit"},
		{"percent", 0, 7, "%", "unknown unit"},
		{"mps", 0, 3, "m/s", "unknown unit"},
		{"knots", 0, 5, "kn", "unknown unit"},
		{"kph", 0, 3, "km/h", "unknown unit"},
		{"°C", 0, 3, "degC", "unknown unit"},
		{"µs", 0, 3, "us", "unknown unit"},
		{"KM/h", 0, 2, "km/h", "unknown unit"},
		{"rmp", 0, 3, "rpm", "unknown unit"},
		{"m/s/kelvin", 4, 10, "", `unknown unit "kelvin"`},
		{"xyzzy", 0, 5, "", "unknown unit"},
		{"m s", 1, 2, "m*s", `missing "*" or "/"`},
		{"m%", 1, 1, "m*%", `missing "*" or "/"`},
		{"m²", 1, 3, "m^2", "exponents are written with ^"},
		{"m/", 2, 2, "", `missing unit after "/"`},
		{"m**s", 2, 2, "", `missing unit after "*"`},
		{"/s", 0, 0, "1/s", `missing unit before "/"`},
		{"*s", 0, 0, "", `missing unit before "*"`},
		{"m^", 2, 2, "", "whole number after"},
		{"m^-", 2, 3, "", "whole number after"},
		{"m^0", 2, 3, "", "exponent 0"},
		{"m^200", 2, 5, "", "out of range"},
		{"m^-00001", 2, 8, "", "out of range"},
		{"2/s", 0, 1, "", "only 1 may appear"},
		{"m/1", 2, 3, "", "first term"},
		{"1^2", 1, 2, "", `unexpected '^'`},
		{"m)", 1, 2, "", `unexpected ')'`},
		{"(m)", 0, 1, "", `unexpected '('`},
		{"m^127*m", 0, 7, "", "too large"},
		{"km^50", 0, 5, "", "too large"}, // 1000^50 overflows the scale exponents
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Offset != tt.offset || e.End != tt.end || e.Fixed() != tt.fixed || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got [%d,%d) fixed %q msg %q; want [%d,%d) %q %q", e.Offset, e.End, e.Fixed(), e.Msg, tt.offset, tt.end, tt.fixed, tt.msg)
			}
			if tt.fixed != "" && !strings.Contains(e.Error(), fmt.Sprintf("did you mean %q", tt.fixed)) {
				t.Errorf("Error() = %q lacks the suggestion", e.Error())
			}
		})
	}
}

// TestAliases keeps the alias table honest: every suggestion parses, and
// no alias shadows a real name.
func TestAliases(t *testing.T) {
	for alias, s := range aliases {
		mustParse(t, s)
		if alias != strings.ToLower(alias) {
			t.Errorf("alias %q is not lower case", alias)
		}
		for _, n := range Names() {
			if strings.EqualFold(alias, n) {
				t.Errorf("alias %q shadows unit %q", alias, n)
			}
		}
	}
	for _, n := range Names() {
		if got := Suggest(strings.ToUpper(n)); got != n && strings.ToUpper(n) != n {
			t.Errorf("Suggest(%q) = %q, want %q", strings.ToUpper(n), got, n)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"m", "m/s^2", "%/m", "1/s", "m*s", "kg*m/s^2", "deg/s", " km / h ", "m^-2",
		"meter", "m s", "°C", "m^200", "Hz^100*s^100", "kn*deg*mV/s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(text)
		if err != nil {
			e := err.(*Error)
			if e.Offset < 0 || e.Offset > e.End || e.End > len(text) || e.Msg == "" {
				t.Fatalf("Parse(%q): bad error span [%d,%d) %q", text, e.Offset, e.End, e.Msg)
			}
			_ = e.Error()
			return
		}
		again, err := Parse(s.Text)
		if err != nil || again != s {
			t.Fatalf("Parse(%q) = %q, re-parsed to %+v, %v", text, s.Text, again, err)
		}
		spelled, desc := s.Unit.String(), Describe(s.Unit)
		if desc == "" {
			t.Fatal("empty description")
		}
		if !strings.Contains(spelled, "scaled by") {
			if u, err := Parse(spelled); err != nil || u.Unit != s.Unit {
				t.Fatalf("Unit.String %q of %q re-parses to %v, %v", spelled, text, u.Unit, err)
			}
		}
	})
}

func ExampleParse() {
	kp, _ := Parse("% / m")
	err, _ := Parse("m")
	fmt.Println(kp, kp.Mul(err), kp.Describe())

	kn, _ := Lookup("kn")
	mps, _ := Parse("m/s")
	f, _ := Factor(kn, mps.Unit)
	fmt.Printf("1 kn = %.4f m/s\n", f)

	_, bad := Parse("m/sec")
	fmt.Println(bad)
	// Output:
	// %/m % percent per length (%/m)
	// 1 kn = 0.5144 m/s
	// offset 2: unknown unit "sec"; did you mean "m/s"?
}
