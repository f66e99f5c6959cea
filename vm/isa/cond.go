package isa

import "strings"

// Cond is a CMP condition code, held in the imm32 field. CondNone (0) keeps
// the reference meaning: flags only, rd untouched.
type Cond int32

const (
	CondNone Cond = iota
	CondEQ
	CondNE
	CondLT  // signed
	CondLE  // signed
	CondGT  // signed
	CondGE  // signed
	CondLTU // unsigned
	CondLEU // unsigned
	CondGTU // unsigned
	CondGEU // unsigned
)

var condNames = [...]string{"", "EQ", "NE", "LT", "LE", "GT", "GE", "LTU", "LEU", "GTU", "GEU"}

func (c Cond) String() string {
	if c >= 0 && int(c) < len(condNames) {
		return condNames[c]
	}
	return "COND?"
}

// CondByName returns the condition for a case-insensitive name such as "lt".
func CondByName(name string) (Cond, bool) {
	up := strings.ToUpper(name)
	for k, n := range condNames {
		if k > 0 && n == up {
			return Cond(k), true
		}
	}
	return 0, false
}

// CondNames lists the condition names in code order, without CondNone.
func CondNames() []string { return append([]string(nil), condNames[1:]...) }

// Eval reports whether a cond b holds. CondNone and undefined codes are false.
func (c Cond) Eval(a, b uint32) bool {
	switch c {
	case CondEQ:
		return a == b
	case CondNE:
		return a != b
	case CondLT:
		return int32(a) < int32(b)
	case CondLE:
		return int32(a) <= int32(b)
	case CondGT:
		return int32(a) > int32(b)
	case CondGE:
		return int32(a) >= int32(b)
	case CondLTU:
		return a < b
	case CondLEU:
		return a <= b
	case CondGTU:
		return a > b
	case CondGEU:
		return a >= b
	}
	return false
}

// Negate returns the condition that holds exactly when c does not.
func (c Cond) Negate() Cond {
	switch c {
	case CondEQ:
		return CondNE
	case CondNE:
		return CondEQ
	case CondLT:
		return CondGE
	case CondGE:
		return CondLT
	case CondLE:
		return CondGT
	case CondGT:
		return CondLE
	case CondLTU:
		return CondGEU
	case CondGEU:
		return CondLTU
	case CondLEU:
		return CondGTU
	case CondGTU:
		return CondLEU
	}
	return CondNone
}
