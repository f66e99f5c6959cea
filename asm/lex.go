package asm

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nexusfleet/nexus/internal/diag"
)

type tokKind uint8

const (
	tIdent  tokKind = iota // mnemonic, directive, register, label or symbol
	tNumber                // literal with optional sign; validated when used
	tString                // double-quoted; val holds the decoded text
	tComma
	tColon
)

// token is one lexeme of a line. Columns are 1-based byte offsets; end is
// exclusive, so end-col is the token's length in bytes.
type token struct {
	kind tokKind
	text string // source text
	val  string // decoded string value (tString only)
	col  int
	end  int
}

func (t token) String() string {
	switch t.kind {
	case tComma:
		return "','"
	case tColon:
		return "':'"
	}
	return fmt.Sprintf("%q", t.text)
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// lexLine splits one line (without its newline) into tokens, stopping at a
// comment. It reports lexical errors itself and keeps going past them, so a
// bad character does not hide later problems; bad reports whether any error
// was found, in which case the caller does not encode the line (its operands
// are not trustworthy) but still counts its size, so later addresses stay
// right.
func (a *assembler) lexLine(line string, ln int) (toks []token, bad bool) {
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == ';' || c == '#':
			return toks, bad
		case c == ',':
			toks = append(toks, token{kind: tComma, text: ",", col: i + 1, end: i + 2})
			i++
		case c == ':':
			toks = append(toks, token{kind: tColon, text: ":", col: i + 1, end: i + 2})
			i++
		case isIdentStart(c):
			j := i + 1
			for j < len(line) && isIdentChar(line[j]) {
				j++
			}
			toks = append(toks, token{kind: tIdent, text: line[i:j], col: i + 1, end: j + 1})
			i = j
		case isDigit(c) || (c == '+' || c == '-') && i+1 < len(line) && isDigit(line[i+1]):
			// Consume everything that could belong to a literal, so "12ab" is
			// one malformed number rather than a number and a label.
			j := i + 1
			for j < len(line) && isIdentChar(line[j]) {
				j++
			}
			toks = append(toks, token{kind: tNumber, text: line[i:j], col: i + 1, end: j + 1})
			i = j
		case c == '"':
			t, ok := a.lexString(line, i, ln)
			if !ok {
				bad = true
			}
			toks = append(toks, t)
			i = t.end - 1
		default:
			r, size := utf8.DecodeRuneInString(line[i:])
			what := fmt.Sprintf("%q", r)
			if r == utf8.RuneError && size <= 1 {
				what = fmt.Sprintf("byte 0x%02x", c)
				size = 1
			}
			a.add(ln, i+1, i+1+size, diag.Error, CodeBadChar, hintForChar(c),
				"unexpected character %s; expected a mnemonic, operand, ',' or comment", what)
			bad = true
			i += size
		}
	}
	return toks, bad
}

func hintForChar(c byte) string {
	switch c {
	case '$', '%':
		return "registers are written R0..R31 and numbers need no prefix"
	case '[', ']', '(', ')':
		return "addresses are written as operands: LOAD_REG rd, rs1, offset"
	case '+', '-':
		return "a sign must be followed directly by digits; expressions are not supported"
	case '\'':
		return "strings use double quotes"
	}
	return ""
}

// lexString scans a double-quoted string starting at line[i]. The returned
// token always ends within the line, even when the string is unterminated.
func (a *assembler) lexString(line string, i, ln int) (token, bool) {
	var b strings.Builder
	ok := true
	j := i + 1
	for j < len(line) {
		c := line[j]
		if c == '"' {
			t := token{kind: tString, text: line[i : j+1], val: b.String(), col: i + 1, end: j + 2}
			// The source text must be UTF-8; \xHH escapes may still produce
			// any bytes, so binary metadata values can be written.
			if !utf8.ValidString(t.text) {
				a.add(ln, t.col, t.end, diag.Error, CodeBadString, `write arbitrary bytes as \xHH escapes`, "string is not valid UTF-8")
				ok = false
			}
			return t, ok
		}
		if c != '\\' {
			b.WriteByte(c)
			j++
			continue
		}
		if j+1 >= len(line) {
			break
		}
		switch e := line[j+1]; e {
		case '"', '\\':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'x':
			if v, err := strconv.ParseUint(line[j+2:min(j+4, len(line))], 16, 8); err == nil && j+4 <= len(line) {
				b.WriteByte(byte(v))
				j += 4
				continue
			}
			a.add(ln, j+1, min(j+5, len(line)+1), diag.Error, CodeBadString, `\x takes exactly two hex digits, e.g. \x0a`, "malformed \\x escape in string")
			ok = false
		default:
			a.add(ln, j+1, j+3, diag.Error, CodeBadString, `the escapes are \" \\ \n \t \xHH`, "unknown escape \\%c in string", e)
			ok = false
		}
		j += 2
	}
	a.add(ln, i+1, len(line)+1, diag.Error, CodeBadString, "close the string with '\"' on the same line", "unterminated string")
	return token{kind: tString, text: line[i:], col: i + 1, end: len(line) + 1}, false
}
