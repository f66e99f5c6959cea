package asm

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
)

// Value ranges. Immediates hold any 32-bit pattern, so both the signed and
// the unsigned reading of 32 bits are accepted.
const (
	minImm = -1 << 31
	maxImm = 1<<32 - 1
)

const immRangeHint = "immediates range from -2147483648 to 4294967295 (any 32-bit value, signed or unsigned)"

const aliasHint = "SP, LR, FP and PC are not registers in NEXUS: the stack is reached only through PUSH, POP, CALL and RET, and the pc only through jumps; use R0..R15"

// registerNumber parses a register name: R or r followed only by digits.
// Any such name reads as a register (R99 included), so the caller reports
// a number above R31 as a missing register rather than an unknown name.
func registerNumber(s string) (int, bool) {
	if len(s) < 2 || s[0] != 'R' && s[0] != 'r' {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s[1:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = min(n*10+int(c-'0'), 1<<20) // saturate: only "too big" matters
	}
	return n, true
}

// isRegisterName reports whether s reads as a register (any number), so it
// cannot name a label.
func isRegisterName(s string) bool {
	_, ok := registerNumber(s)
	return ok
}

func isAlias(s string) bool {
	switch strings.ToUpper(s) {
	case "SP", "LR", "FP", "PC":
		return true
	}
	return false
}

// parseNumber parses a literal: optional sign, then decimal, 0x hex or 0b
// binary digits. ok is false for malformed text; big is true when the
// magnitude does not fit in 63 bits (certainly out of every range).
func parseNumber(s string) (v int64, ok, big bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10
	if len(s) > 1 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			base, s = 16, s[2:]
		case 'b', 'B':
			base, s = 2, s[2:]
		}
	}
	// ParseUint would accept underscores with base 0 only; we pass the
	// base explicitly so "1_000" and a bare "0x" are malformed.
	u, err := strconv.ParseUint(s, base, 63)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return 0, true, true
		}
		return 0, false, false
	}
	if neg {
		return -int64(u), true, false
	}
	return int64(u), true, false
}

func numberHint(text string) string {
	t := strings.TrimLeft(text, "+-")
	switch {
	case strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X"):
		return "hex literals are 0x followed by 0-9, a-f"
	case strings.HasPrefix(t, "0b") || strings.HasPrefix(t, "0B"):
		return "binary literals are 0b followed by 0 and 1"
	}
	return "numbers are decimal, 0x hex or 0b binary, with an optional sign"
}

// number evaluates a literal token, reporting malformed text.
func (a *assembler) number(ln int, t token) (int64, bool) {
	v, ok, big := parseNumber(t.text)
	switch {
	case !ok:
		a.errAt(ln, t, CodeBadNumber, numberHint(t.text), "malformed number %s", t.text)
		return 0, false
	case big:
		a.errAt(ln, t, CodeRange, immRangeHint, "number %s is out of range", t.text)
		return 0, false
	}
	return v, true
}

// value evaluates an operand that must be a number: a literal or a symbol.
// Registers, strings and undefined names are reported. sym is the symbol the
// value came from, if any.
func (a *assembler) value(ln int, t token, what string) (v int64, sym *symbol, ok bool) {
	switch t.kind {
	case tNumber:
		v, ok = a.number(ln, t)
		return v, nil, ok
	case tIdent:
		if s, found := a.syms[t.text]; found {
			return s.value, s, true
		}
		if isRegisterName(t.text) {
			a.errAt(ln, t, CodeWantValue, "", "expected %s, found register %s", what, t.text)
			return 0, nil, false
		}
		a.undefined(ln, t)
		return 0, nil, false
	}
	a.errAt(ln, t, CodeWantValue, "", "expected %s, found %s", what, describe(t))
	return 0, nil, false
}

// undefined reports a name that no label or constant defines.
func (a *assembler) undefined(ln int, t token) {
	if isAlias(t.text) {
		a.errAt(ln, t, CodeRegAlias, aliasHint, "%s is not a register or a defined name", t.text)
		return
	}
	d := a.errAt(ln, t, CodeUndefined, "", "undefined name %s", t.text)
	if s, ok := diag.Suggest(t.text, a.symbolNames()); ok {
		d.Hint = fmt.Sprintf("did you mean %s?", s)
	}
}

// ranged evaluates a value and checks lo <= v <= hi.
func (a *assembler) ranged(ln int, t token, what string, lo, hi int64, code, hint string) (int64, bool) {
	v, _, ok := a.value(ln, t, what)
	if !ok {
		return 0, false
	}
	if v < lo || v > hi {
		a.errAt(ln, t, code, hint, "%s %s is out of range", what, valueText(t, v))
		return 0, false
	}
	return v, true
}

// valueText shows a literal as written and a symbol with its value.
func valueText(t token, v int64) string {
	if t.kind == tNumber {
		return t.text
	}
	return fmt.Sprintf("%s (= %d)", t.text, v)
}

// imm32 evaluates a 32-bit immediate, signed or unsigned.
func (a *assembler) imm32(ln int, t token) (int32, bool) {
	v, ok := a.ranged(ln, t, "immediate", minImm, maxImm, CodeRange, immRangeHint)
	return int32(uint32(v)), ok
}

// constNow evaluates a value needed during pass 1 (.org, .space, .equ): a
// literal, or a symbol already defined above. A later or missing
// definition is reported after pass 1, when it is known which it is.
func (a *assembler) constNow(ln int, t token, what string) (int64, bool) {
	if t.kind == tIdent && a.syms[t.text] == nil && !isRegisterName(t.text) {
		a.forward = append(a.forward, forwardRef{line: ln, tok: t})
		return 0, false
	}
	v, _, ok := a.value(ln, t, what)
	return v, ok
}
