package units

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a unit expression Parse rejected. Offset and End are byte offsets
// into the parsed text; a non-empty Suggest replaces text[Offset:End] (an
// insertion when they are equal) with what the author most likely meant.
type Error struct {
	Offset, End int
	Msg         string
	Suggest     string
	text        string
}

func (e *Error) Error() string {
	if e.Suggest != "" {
		return fmt.Sprintf("offset %d: %s; did you mean %q?", e.Offset, e.Msg, e.Fixed())
	}
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

// Fixed returns the parsed text with Suggest applied, or "" without one.
func (e *Error) Fixed() string {
	if e.Suggest == "" {
		return ""
	}
	return e.text[:e.Offset] + e.Suggest + e.text[e.End:]
}

// Parse reads a unit expression in reflex syntax,
//
//	unit = term (("*" | "/") term)*
//	term = (name | "%") ["^" ["-"] digits] | "1"
//
// where "1" may only come first (1/s) and spaces may surround operators.
func Parse(text string) (Spelled, error) {
	ts, err := scan(text)
	if err != nil {
		err.text = text
		return Spelled{}, err
	}
	// Summing the merged terms in int, not the text's terms in order,
	// makes Parse(format(x)) accept whatever Parse(x) accepted.
	ts = merge(ts)
	var sum [numExps]int
	for _, t := range ts {
		for i, e := range byName[t.name].e {
			sum[i] += int(e) * t.exp
		}
	}
	if u := narrow(sum); u.Valid() && inRange(ts) {
		return Spelled{Unit: u, Text: format(ts)}, nil
	}
	return Spelled{}, &Error{Offset: 0, End: len(text), text: text,
		Msg: fmt.Sprintf("unit %q is too large: exponents must stay within ±%d", text, maxExp)}
}

// scan splits text into terms with signed exponents, dropping a leading 1.
func scan(text string) ([]term, *Error) {
	var ts []term
	sign, p, op := 1, 0, ""
	for {
		q := skipSpace(text, p)
		if q == len(text) || text[q] == '*' || text[q] == '/' {
			return nil, missingTerm(text, q, op)
		}
		t, err := scanTerm(text, q, op == "")
		if err != nil {
			return nil, err
		}
		if t.exp *= sign; t.name != "1" {
			ts = append(ts, t)
		}
		if p = skipSpace(text, t.end); p == len(text) {
			return ts, nil
		}
		switch op = text[p : p+1]; op {
		case "*":
			sign = 1
		case "/":
			sign = -1
		default:
			return nil, unexpected(text, t.end, p)
		}
		p++
	}
}

func missingTerm(text string, q int, op string) *Error {
	e := &Error{Offset: q, End: q, Msg: "missing unit"}
	if op != "" {
		e.Msg = fmt.Sprintf("missing unit after %q", op)
	} else if q < len(text) {
		e.Msg = fmt.Sprintf("missing unit before %q", text[q:q+1])
		if text[q] == '/' {
			e.Suggest = "1"
		}
	}
	return e
}

// superscripts are what a copied formula often has instead of "^".
var superscripts = map[rune]string{'²': "^2", '³': "^3"}

// unexpected reports the text at p, after a term ending at end, that is
// not an operator.
func unexpected(text string, end, p int) *Error {
	r, size := utf8.DecodeRuneInString(text[p:])
	switch c := text[p]; {
	case c == '%' || isLetter(c) || isDigit(c):
		return &Error{Offset: end, End: p, Msg: `missing "*" or "/" between units`, Suggest: "*"}
	case superscripts[r] != "":
		return &Error{Offset: p, End: p + size, Msg: fmt.Sprintf("unexpected %q in unit, exponents are written with ^", r), Suggest: superscripts[r]}
	}
	return &Error{Offset: p, End: p + size, Msg: fmt.Sprintf("unexpected %q in unit", r)}
}

// scanTerm reads the term starting at the non-space byte q.
func scanTerm(text string, q int, first bool) (term, *Error) {
	t := term{exp: 1, off: q}
	switch c := text[q]; {
	case c == '%':
		t.end = q + 1
	case isLetter(c):
		t.end = scanWhile(text, q, func(c byte) bool { return isLetter(c) || isDigit(c) })
	case isDigit(c):
		t.end, t.name = scanWhile(text, q, isDigit), "1"
		switch {
		case text[q:t.end] != "1":
			return t, &Error{Offset: q, End: t.end, Msg: fmt.Sprintf("unexpected number %s in unit, only 1 may appear (as in 1/s)", text[q:t.end])}
		case !first:
			return t, &Error{Offset: q, End: t.end, Msg: "1 may only be the first term of a unit (as in 1/s)"}
		}
		return t, nil // "1^2" then fails as an unexpected "^"
	case c < utf8.RuneSelf:
		return t, unexpected(text, q, q)
	default: // a non-ASCII word such as °C or µs, worth a suggestion
		t.end = scanWhile(text, q, func(c byte) bool { return !strings.ContainsRune(" \t\r\n*/^", rune(c)) })
	}
	t.name = text[q:t.end]
	if _, ok := byName[t.name]; !ok {
		return t, &Error{Offset: q, End: t.end, Msg: fmt.Sprintf("unknown unit %q", t.name), Suggest: Suggest(t.name)}
	}
	return scanExp(text, t)
}

// scanExp reads an optional "^" exponent after t.
func scanExp(text string, t term) (term, *Error) {
	r := skipSpace(text, t.end)
	if r == len(text) || text[r] != '^' {
		return t, nil
	}
	r = skipSpace(text, r+1)
	d := r
	if d < len(text) && text[d] == '-' {
		d++
	}
	e := scanWhile(text, d, isDigit)
	n, _ := strconv.Atoi(text[r:e])
	bad := &Error{Offset: r, End: e, Msg: fmt.Sprintf("exponent %s is out of range, at most %d", text[r:e], maxExp)}
	switch {
	case e == d:
		bad.Msg = `expected a whole number after "^", as in m/s^2`
	case n == 0:
		bad.Msg = fmt.Sprintf("exponent 0 cancels %s, remove the term", t.name)
	case e-d <= 3 && n <= maxExp && n >= -maxExp:
		t.exp, t.end = n, e
		return t, nil
	}
	return t, bad
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

func skipSpace(text string, p int) int {
	return scanWhile(text, p, func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' })
}

func scanWhile(text string, p int, ok func(byte) bool) int {
	for p < len(text) && ok(text[p]) {
		p++
	}
	return p
}

// aliases are spellings that people and language models write for units
// reflex knows by another name. They are suggested, never accepted: one
// spelling per unit keeps programs and diffs uniform. Keys are lower case.
// K and degF are absent on purpose: suggesting degC would invite using a
// kelvin value as a Celsius one.
var aliases = map[string]string{
	"meter": "m", "meters": "m", "metre": "m", "metres": "m", "centimeter": "cm", "centimeters": "cm",
	"millimeter": "mm", "millimeters": "mm", "kilometer": "km", "kilometers": "km",
	"nm": "nmi", "nautical_mile": "nmi", "nautical_miles": "nmi",
	"sec": "s", "secs": "s", "second": "s", "seconds": "s", "msec": "ms", "msecs": "ms", "millis": "ms",
	"millisecond": "ms", "milliseconds": "ms", "usec": "us", "µs": "us", "μs": "us",
	"microsecond": "us", "microseconds": "us", "mins": "min", "minute": "min", "minutes": "min",
	"hr": "h", "hrs": "h", "hour": "h", "hours": "h", "radian": "rad", "radians": "rad",
	"degree": "deg", "degrees": "deg", "°": "deg", "percent": "%", "pct": "%", "percentage": "%",
	"kilogram": "kg", "kilograms": "kg", "gram": "g", "grams": "g", "c": "degC", "°c": "degC", "celsius": "degC",
	"amp": "A", "amps": "A", "ampere": "A", "amperes": "A", "milliamp": "mA", "milliamps": "mA",
	"volt": "V", "volts": "V", "millivolt": "mV", "millivolts": "mV", "hertz": "Hz",
	"knot": "kn", "knots": "kn", "kt": "kn", "kts": "kn", "newton": "N", "newtons": "N",
	"pascal": "Pa", "pascals": "Pa", "watt": "W", "watts": "W", "mps": "m/s", "kph": "km/h", "kmh": "km/h",
}

// Suggest returns the unit expression an unknown name most likely means, or
// "": an alias ("meters" → "m", "mps" → "m/s"), a name in the wrong case
// ("KM" → "km") or a name one typo away ("rmp" → "rpm").
func Suggest(word string) string {
	low := strings.ToLower(word)
	if s, ok := aliases[low]; ok {
		return s
	}
	for _, e := range table {
		if strings.ToLower(e.name) == low {
			return e.name
		}
	}
	for _, e := range table {
		// Short words are one typo from every one-letter name: skip them.
		if len(word) >= 3 && len(e.name) >= 2 && oneEdit(low, strings.ToLower(e.name)) {
			return e.name
		}
	}
	return ""
}

// oneEdit reports whether a and b differ by one inserted, deleted or
// replaced byte, or by two adjacent bytes swapped.
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b)+1:
		return a[i+1:] == b[i:]
	case len(a) != len(b) || i == len(a):
		return false
	}
	return a[i+1:] == b[i+1:] || i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
