package syntax

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types. The parser matches keywords and punctuation by value; the
// types keep identifiers from matching keywords and let the parser elide
// layout.
const (
	TokEOF   = lexer.EOF
	TokIdent = lexer.TokenType(iota + 1)
	TokKeyword
	TokNumber
	TokString
	TokPunct
	TokWhitespace
	TokComment
	TokNewline // a ";" inserted where a newline ends a statement; zero width
	TokBlock   // a whole brace-matched body, standing in for its tokens
)

// symbols is a function, not a map variable: participle calls it through an
// interface while package variables initialise, before a map would exist.
func symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": TokEOF, "Ident": TokIdent, "Keyword": TokKeyword, "Number": TokNumber,
		"String": TokString, "Punct": TokPunct, "Whitespace": TokWhitespace, "Comment": TokComment, "Newline": TokNewline, "Block": TokBlock,
	}
}

// Keywords are reserved: none of them can name a declaration.
var Keywords = []string{
	"reflex", "intent", "trust", "autonomy", "period",
	"sensor", "actuator", "outbox", "inbox", "param", "const", "state", "let",
	"on", "every", "fn", "if", "else", "for", "in", "return",
	"send", "receive", "as", "a2a", "range", "safe", "rate",
	"and", "or", "not", "true", "false", "bool", "int", "num",
}

var keywordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range Keywords {
		m[k] = true
	}
	return m
}()

// IsKeyword reports whether s is reserved.
func IsKeyword(s string) bool { return keywordSet[s] }

// punctLen is the length of the punctuation token at the start of s, or 0.
func punctLen(s string) int {
	if len(s) >= 2 {
		switch s[:2] {
		case "+=", "-=", "*=", "/=", "==", "!=", "<=", ">=", "..", "->", "&&", "||":
			return 2
		}
	}
	switch s[0] {
	case '{', '}', '(', ')', '[', ']', ',', ':', ';', '@', '=', '<', '>', '+', '-', '*', '/', '%', '^', '!':
		return 1
	}
	return 0
}

// definition lets participle build the grammar against our token types; the
// parser never lexes through it (Parse feeds tokens from Lex directly).
type definition struct{}

func (definition) Symbols() map[string]lexer.TokenType { return symbols() }

func (definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	toks, _, errs := Lex(filename, b)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return &sliceLexer{toks: toks}, nil
}

// sliceLexer replays a token slice to participle.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	if s.i >= len(s.toks) {
		return s.toks[len(s.toks)-1], nil
	}
	t := s.toks[s.i]
	s.i++
	return t, nil
}

// LexError is a malformed token: a stray character or an unterminated string.
type LexError struct {
	Pos lexer.Position
	End lexer.Position
	Msg string
	Fix string // the ASCII text to write instead, if known
}

// typographicOps are the look-alike operators word processors and LLMs
// produce, with the reflex spelling.
var typographicOps = map[string]string{
	"≤": "<=", "≥": ">=", "≠": "!=", "×": "*", "÷": "/", "−": "-", "–": "-", "⋅": "*", "·": "*",
}

func (e *LexError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Lex splits src into tokens ending with EOF, and returns the comments
// separately (the parser never sees them; the formatter keeps them).
// Whitespace produces no tokens: the parser computes where nodes end from
// the tokens themselves. A newline becomes a ";" token (type TokNewline)
// where it ends a statement (Go's rule: after an identifier, literal,
// closing bracket, "%" or "return"), unless the next line starts with
// "else" — so "}\nelse {" reads as people mean it. Malformed input yields
// LexErrors; the bad bytes are skipped so parsing continues and reports more.
func Lex(filename string, src []byte) ([]lexer.Token, []Comment, []*LexError) {
	return lexInto(nil, filename, src)
}

// Parse lexes into recycled token buffers: the tokens of a large file take
// megabytes and are garbage the moment Parse returns (nodes copy what they
// need), while the language server parses again on every keystroke. Two
// slots (the second for the second half of a large file, see lexInto);
// a buffer keeps the strings of the last file lexed into it alive until
// it is reused, and one over maxSpareTokens is not kept.
var spareTokens [2]atomic.Pointer[[]lexer.Token]

const maxSpareTokens = 1 << 18

func takeTokens(slot int) []lexer.Token {
	if b := spareTokens[slot].Swap(nil); b != nil {
		return *b
	}
	return nil
}

func keepTokens(slot int, b []lexer.Token) {
	if cap(b) <= maxSpareTokens {
		spareTokens[slot].Store(&b)
	}
}

// minSplitLex is the size from which lexInto lexes the two halves of a
// file on two goroutines.
const minSplitLex = 64 << 10

// lexInto is Lex appending to buf[:0] (allocating if buf is too small). A
// large file is lexed in two halves at once, split at a line that starts
// with a name: the lexer's state at the start of such a line depends only
// on the line number (the newline before it was handled by the first half,
// which reads on into the second only to look for an "else"; the line's
// first token comes before any newline the second half must decide on).
// The halves' tokens, comments and errors are concatenated.
func lexInto(buf []lexer.Token, filename string, src []byte) ([]lexer.Token, []Comment, []*LexError) {
	text := string(src)
	return lexText(buf, filename, text, lexSplit(text))
}

// lexText lexes text, in two halves split at cut if cut > 0.
func lexText(buf []lexer.Token, filename, text string, cut int) ([]lexer.Token, []Comment, []*LexError) {
	if cut > 0 {
		second := make(chan *lx, 1)
		go func() {
			line := 1 + strings.Count(text[:cut], "\n")
			l := &lx{src: text, pos: lexer.Position{Filename: filename, Offset: cut, Line: line, Column: 1}}
			l.toks = takeTokens(1)[:0]
			l.run(len(text))
			second <- l
		}()
		first := &lx{src: text, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
		first.toks = tokenSpace(buf, len(text))
		for first.pos.Offset < cut {
			first.next()
		}
		l := <-second
		toks := append(first.toks, l.toks...)
		keepTokens(1, l.toks)
		return toks, append(first.comments, l.comments...), append(first.errs, l.errs...)
	}
	l := &lx{src: text, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
	l.toks = tokenSpace(buf, len(text))
	l.run(len(text))
	return l.toks, l.comments, l.errs
}

// tokenSpace returns buf[:0] if it has room for the tokens of n bytes of
// source (about one per three bytes), else a new slice.
func tokenSpace(buf []lexer.Token, n int) []lexer.Token {
	if c := n/3 + 16; cap(buf) < c {
		return make([]lexer.Token, 0, c)
	}
	return buf[:0]
}

// run lexes to the end of the source, which holds end bytes.
func (l *lx) run(end int) {
	for l.pos.Offset < end {
		l.next()
	}
	l.newline(l.pos) // a final line without '\n' still ends its statement
	l.toks = append(l.toks, lexer.Token{Type: TokEOF, Pos: l.pos})
}

// lexSplit returns where to split a large source for lexing, 0 for none.
func lexSplit(text string) int {
	if len(text) < minSplitLex || runtime.GOMAXPROCS(0) < 2 {
		return 0
	}
	return splitAfter(text, len(text)/2)
}

// splitAfter returns the start of the first line after offset from whose
// first non-blank byte starts a name other than "else", 0 if none.
func splitAfter(text string, from int) int {
	for i := from; i < len(text)-1; i++ {
		if text[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && isIdentByte(text[j]) && !isDigit(text[j]) &&
			!(strings.HasPrefix(text[j:], "else") && (len(text) == j+4 || !isIdentByte(text[j+4]))) {
			return i + 1
		}
	}
	return 0
}

type lx struct {
	src      string
	pos      lexer.Position
	toks     []lexer.Token
	comments []Comment
	errs     []*LexError
	last     lexer.Token // last significant token, for semicolon insertion
}

func (l *lx) emit(typ lexer.TokenType, start lexer.Position, n int) {
	t := lexer.Token{Type: typ, Value: l.src[start.Offset : start.Offset+n], Pos: start}
	l.advance(n)
	l.toks = append(l.toks, t)
	l.last = t
}

func (l *lx) advance(n int) {
	for i := l.pos.Offset; i < l.pos.Offset+n; i++ {
		c := l.src[i]
		if c == '\n' {
			l.pos.Line++
			l.pos.Column = 1
		} else {
			l.pos.Column++ // columns count bytes, as everywhere in internal/diag
		}
	}
	l.pos.Offset += n
}

// endsStatement is Go's semicolon-insertion rule, plus "%" which ends unit
// literals such as "15 %".
func endsStatement(t lexer.Token) bool {
	switch t.Type {
	case TokIdent, TokNumber, TokString:
		return true
	case TokKeyword:
		return t.Value == "return" || t.Value == "true" || t.Value == "false" ||
			t.Value == "bool" || t.Value == "int" || t.Value == "num"
	case TokPunct:
		return t.Value == ")" || t.Value == "]" || t.Value == "}" || t.Value == "%"
	}
	return false
}

// newline inserts a ";" at pos if the line so far ends a statement.
func (l *lx) newline(pos lexer.Position) {
	if !endsStatement(l.last) || l.nextLineStartsElse() {
		return
	}
	t := lexer.Token{Type: TokNewline, Value: ";", Pos: pos}
	l.toks = append(l.toks, t)
	l.last = t
}

func (l *lx) nextLineStartsElse() bool {
	rest := l.src[l.pos.Offset:]
	i := 0
	for i < len(rest) {
		switch {
		case rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\r' || rest[i] == '\n':
			i++
			continue
		case rest[i] == '/' && i+1 < len(rest) && rest[i+1] == '/':
			// A comment line between "}" and "else" is as good as a blank one.
			for i < len(rest) && rest[i] != '\n' {
				i++
			}
			continue
		}
		break
	}
	rest = rest[i:]
	return len(rest) >= 4 && rest[:4] == "else" && (len(rest) == 4 || !isIdentByte(rest[4]))
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (l *lx) next() {
	src, start := l.src, l.pos
	i := start.Offset
	c := src[i]
	switch {
	case c == '\n':
		nl := l.pos
		l.advance(1)
		l.newline(nl)
	case c == ' ' || c == '\t' || c == '\r':
		n := 0
		for i+n < len(src) && (src[i+n] == ' ' || src[i+n] == '\t' || src[i+n] == '\r') {
			n++
		}
		l.pos.Offset += n // no newline inside: columns move with bytes
		l.pos.Column += n
	case c == '/' && i+1 < len(src) && src[i+1] == '/':
		n := 0
		for i+n < len(src) && src[i+n] != '\n' {
			n++
		}
		text := strings.TrimRight(src[i:i+n], " \t\r")
		l.advance(len(text))
		l.comments = append(l.comments, Comment{Node: Node{start, l.pos}, Text: text})
		l.advance(n - len(text))
	case isIdentByte(c) && !isDigit(c):
		n := 0
		for i+n < len(src) && isIdentByte(src[i+n]) {
			n++
		}
		typ := TokIdent
		if keywordSet[src[i:i+n]] {
			typ = TokKeyword
		}
		l.emit(typ, start, n)
	case isDigit(c):
		l.number(start)
	case c == '"':
		l.str(start)
	default:
		if n := punctLen(src[i:]); n > 0 {
			l.emit(TokPunct, start, n)
			return
		}
		n := 1
		for i+n < len(src) && src[i+n]&0xC0 == 0x80 {
			n++ // a whole UTF-8 character, not one byte of it
		}
		what := fmt.Sprintf("%q", src[i:i+n])
		ascii, typographic := typographicOps[src[i:i+n]]
		l.advance(n)
		e := &LexError{Pos: start, End: l.pos, Msg: "unexpected character " + what}
		if typographic {
			// Report it, but lex the operator meant, so the rest of the
			// statement parses and no follow-on error hides the real one.
			e.Fix = ascii
			l.toks = append(l.toks, lexer.Token{Type: TokPunct, Value: ascii, Pos: start})
			l.last = l.toks[len(l.toks)-1]
		}
		l.errs = append(l.errs, e)
	}
}

func (l *lx) number(start lexer.Position) {
	src, i := l.src, start.Offset
	n := 0
	if src[i] == '0' && i+1 < len(src) && (src[i+1] == 'x' || src[i+1] == 'X') {
		n = 2
		for i+n < len(src) && isHex(src[i+n]) {
			n++
		}
		if n == 2 {
			l.advance(n)
			l.errs = append(l.errs, &LexError{Pos: start, End: l.pos, Msg: "hexadecimal number 0x has no digits"})
			l.toks = append(l.toks, lexer.Token{Type: TokNumber, Value: "0", Pos: start})
			l.last = l.toks[len(l.toks)-1]
			return
		}
	} else {
		for i+n < len(src) && isDigit(src[i+n]) {
			n++
		}
		if i+n+1 < len(src) && src[i+n] == '.' && isDigit(src[i+n+1]) {
			n++
			for i+n < len(src) && isDigit(src[i+n]) {
				n++
			}
		}
		if e := exponentLen(src[i+n:]); e > 0 {
			// 1e3 would otherwise read as 1 with the unit "e3".
			l.emit(TokNumber, start, n)
			l.advance(e)
			l.errs = append(l.errs, &LexError{Pos: start, End: l.pos, Msg: "exponent notation " + src[i:i+n+e] + " is not supported"})
			return
		}
	}
	l.emit(TokNumber, start, n)
}

// exponentLen is the length of an exponent suffix ("e3", "E-6") at the start
// of s, or 0.
func exponentLen(s string) int {
	if len(s) < 2 || (s[0] != 'e' && s[0] != 'E') {
		return 0
	}
	k := 1
	if s[k] == '+' || s[k] == '-' {
		k++
	}
	if k >= len(s) || !isDigit(s[k]) {
		return 0
	}
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k < len(s) && isIdentByte(s[k]) {
		return 0 // "2 e3x" style names are not exponents
	}
	return k
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func (l *lx) str(start lexer.Position) {
	src, i := l.src, start.Offset
	n := 1
	for i+n < len(src) && src[i+n] != '"' && src[i+n] != '\n' {
		if src[i+n] == '\\' && i+n+1 < len(src) && src[i+n+1] != '\n' {
			n++
		}
		n++
	}
	if i+n < len(src) && src[i+n] == '"' {
		l.emit(TokString, start, n+1)
		return
	}
	l.advance(n)
	l.errs = append(l.errs, &LexError{Pos: start, End: l.pos, Msg: "string literal is not terminated"})
	// Treat it as a string anyway so the rest of the line parses.
	l.toks = append(l.toks, lexer.Token{Type: TokString, Value: src[i:i+n] + `"`, Pos: start})
	l.last = l.toks[len(l.toks)-1]
}
