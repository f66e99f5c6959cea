package sim

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/lang/ir"
)

// MessageKinds gives the kind ("num", "int" or "bool") of the value each
// inbox and outbox carries, keyed by name. ir.Meta names the boxes but not
// their types; lang/compile fills this from the checker. A box that is not
// listed carries a num.
type MessageKinds map[string]string

func (m MessageKinds) kind(name string) string {
	if k, ok := m[name]; ok {
		return k
	}
	return "num"
}

var decimal = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// parseRaw parses s, written in the declared unit of a value of the given
// kind, to its raw word. The error says what was expected; the caller
// adds the position.
func parseRaw(kind, s string) (int32, error) {
	switch kind {
	case "bool":
		switch strings.ToLower(s) {
		case "true", "1":
			return 1, nil
		case "false", "0":
			return 0, nil
		}
		return 0, fmt.Errorf("%q is not a bool (expected true, false, 1 or 0)", s)
	case "int":
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			if decimal.MatchString(s) {
				return 0, fmt.Errorf("%q is not a 32-bit int (expected a whole number from -2147483648 to 2147483647)", s)
			}
			return 0, fmt.Errorf("%q is not an int", s)
		}
		return int32(n), nil
	}
	if !decimal.MatchString(s) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	r := math.Round(v * 65536)
	if err != nil || r < math.MinInt32 || r > math.MaxInt32 {
		return 0, fmt.Errorf("%s is outside the range of a num (-32768 to 32767.99998)", s)
	}
	return int32(r), nil
}

// FormatRaw renders a raw word of the given kind in its declared unit:
// a num as the shortest decimal that names the Q16.16 word exactly, an
// int in decimal, a bool as true or false.
func FormatRaw(kind string, raw int32) string {
	switch kind {
	case "bool":
		return strconv.FormatBool(raw != 0)
	case "int":
		return strconv.FormatInt(int64(raw), 10)
	}
	return strconv.FormatFloat(float64(raw)/65536, 'f', -1, 64)
}

// withUnit renders a raw word followed by its unit, for messages.
func withUnit(kind, unit string, raw int32) string {
	s := FormatRaw(kind, raw)
	if unit != "" {
		s += " " + unit
	}
	return s
}

// inRange reports whether raw lies in the sensor's declared range.
func inRange(s ir.Sensor, raw int32) bool {
	return !s.HasRange || s.Kind == "bool" || (raw >= s.Lo && raw <= s.Hi)
}
