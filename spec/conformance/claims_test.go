package conformance_test

// The expect sections are written by the Go VM (-update), so on their own
// they only prove that the VMs agree. The "want:" lines of a case's
// description are written by hand from spec/isa.md and checked against the
// expect section here, so that a case also says what the spec says.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// state is a decoded run report.
type state struct {
	PC        uint32      `json:"pc"`
	Cycles    uint64      `json:"cycles"`
	Halted    bool        `json:"halted"`
	Trap      *string     `json:"trap"`
	Registers []uint32    `json:"registers"`
	Flags     flags       `json:"flags"`
	Stack     []uint32    `json:"stack"`
	Sent      [][2]uint32 `json:"sent"`
	Writes    [][2]uint32 `json:"writes"`
}

type flags struct {
	Zero     bool `json:"zero"`
	Negative bool `json:"negative"`
}

// claims returns the "want:" lines of a case's description with their line
// numbers.
func (c *testCase) claims() map[int]string {
	out := map[int]string{}
	sc := bufio.NewScanner(strings.NewReader(string(c.head)))
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if sectionRE.MatchString(l) {
			break
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "want:"); ok {
			out[n] = rest
		}
	}
	return out
}

var claimRE = regexp.MustCompile(`^(R\d+|Z|N|pc|cycles|trap|stack|sent|writes|len\((?:stack|sent|writes)\))=(.*)$`)

// check verifies one claim (KEY=V, halted or exhausted) against s and
// returns a message when it does not hold.
func (s *state) check(claim string) string {
	switch claim {
	case "halted":
		if !s.Halted || s.Trap != nil {
			return "not halted"
		}
		return ""
	case "exhausted":
		if s.Halted || s.Trap != nil {
			return "not stopped by the budget"
		}
		return ""
	}
	m := claimRE.FindStringSubmatch(claim)
	if m == nil {
		return "malformed claim"
	}
	key, val := m[1], m[2]
	var got string
	switch {
	case key[0] == 'R':
		n, _ := strconv.Atoi(key[1:])
		if n >= len(s.Registers) {
			return "no such register"
		}
		return cmpValue(uint64(s.Registers[n]), val)
	case key == "Z":
		return cmpValue(b2u(s.Flags.Zero), val)
	case key == "N":
		return cmpValue(b2u(s.Flags.Negative), val)
	case key == "pc":
		return cmpValue(uint64(s.PC), val)
	case key == "cycles":
		return cmpValue(s.Cycles, val)
	case key == "trap":
		got = "NONE"
		if s.Trap != nil {
			got = *s.Trap
		}
	case key == "stack":
		got = fmt.Sprint(s.Stack)
		val = normList(val)
	case key == "sent":
		got, val = pairs(s.Sent), normPairs(val)
	case key == "writes":
		got, val = pairs(s.Writes), normPairs(val)
	case key == "len(stack)":
		got = strconv.Itoa(len(s.Stack))
	case key == "len(sent)":
		got = strconv.Itoa(len(s.Sent))
	case key == "len(writes)":
		got = strconv.Itoa(len(s.Writes))
	}
	if got != val {
		return "got " + got
	}
	return ""
}

// cmpValue compares a number with a claimed 32-bit value (decimal, 0x hex,
// optionally negative; compared as a bit pattern) or a 64-bit cycle count.
func cmpValue(got uint64, want string) string {
	n, err := strconv.ParseInt(want, 0, 64)
	if err != nil {
		u, err2 := strconv.ParseUint(want, 0, 64)
		if err2 != nil {
			return "malformed value"
		}
		n = int64(u)
	}
	w := uint64(n)
	if n < 0 {
		w = uint64(uint32(n))
	}
	if got != w {
		return fmt.Sprintf("got %d (%#x)", got, got)
	}
	return ""
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// normList turns [a,b] with any number forms into fmt's [a b] in decimal.
func normList(v string) string {
	v = strings.Trim(v, "[]")
	if v == "" {
		return "[]"
	}
	var parts []string
	for _, f := range strings.Split(v, ",") {
		parts = append(parts, decimal(f))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

var pairRE = regexp.MustCompile(`\(([^,()]+),([^,()]+)\)`)

func normPairs(v string) string {
	var parts []string
	for _, m := range pairRE.FindAllStringSubmatch(v, -1) {
		parts = append(parts, "("+decimal(m[1])+","+decimal(m[2])+")")
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func pairs(ps [][2]uint32) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("(%d,%d)", p[0], p[1]))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func decimal(s string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 0, 64)
	if err != nil {
		return "?" + s
	}
	return strconv.FormatUint(uint64(uint32(n)), 10)
}

// TestClaims checks every case's hand-written "want:" lines against its
// expect section, and that every case makes at least one claim about how it
// stops. Subtests are named FILE:LINE of the want line.
func TestClaims(t *testing.T) {
	for _, c := range mustCases(t) {
		if c.expect == "" {
			continue // TestGoVM reports it
		}
		var s state
		if err := json.Unmarshal([]byte(c.expect), &s); err != nil {
			t.Errorf("%s: expect is not JSON: %v", c.label(), err)
			continue
		}
		stops := false
		for line, text := range c.claims() {
			for _, claim := range strings.Fields(text) {
				if claim == "halted" || claim == "exhausted" || strings.HasPrefix(claim, "trap=") {
					stops = true
				}
				if msg := s.check(claim); msg != "" {
					t.Errorf("%s:%d: want %s: %s", c.name, line, claim, msg)
				}
			}
		}
		if !stops {
			t.Errorf("%s: no want line says how the run stops (halted, exhausted or trap=NAME)", c.name)
		}
	}
}
