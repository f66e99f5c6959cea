package syntax

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/nexusfleet/nexus/lang/units"
)

// Operator precedence, loosest first. The table is the single source for the
// expression parser and for the expression part of the EBNF in
// spec/reflex.md (see ExprEBNF).
var levels = []struct {
	name  string
	ops   []string
	unary bool // a prefix operator level
	chain bool // non-associative: a < b < c is an error
}{
	{name: "OrExpr", ops: []string{"or", "||"}},
	{name: "AndExpr", ops: []string{"and", "&&"}},
	{name: "NotExpr", ops: []string{"not", "!"}, unary: true},
	{name: "CmpExpr", ops: []string{"==", "!=", "<", "<=", ">", ">="}, chain: true},
	{name: "AddExpr", ops: []string{"+", "-"}},
	{name: "MulExpr", ops: []string{"*", "/"}},
	{name: "NegExpr", ops: []string{"-"}, unary: true},
}

// exprEBNF derives the expression grammar from the precedence table.
func exprEBNF() string {
	var b strings.Builder
	b.WriteString("Expr = " + levels[0].name + " .\n")
	for i, lv := range levels {
		next := "Primary"
		if i+1 < len(levels) {
			next = levels[i+1].name
		}
		ops := make([]string, len(lv.ops))
		for k, o := range lv.ops {
			ops[k] = strconv.Quote(o)
		}
		alt := strings.Join(ops, " | ")
		if len(ops) > 1 {
			alt = "(" + alt + ")"
		}
		switch {
		case lv.unary:
			fmt.Fprintf(&b, "%s = %s %s | %s .\n", lv.name, alt, lv.name, next)
		case lv.chain:
			fmt.Fprintf(&b, "%s = %s (%s %s)? .\n", lv.name, next, alt, next)
		default:
			fmt.Fprintf(&b, "%s = %s (%s %s)* .\n", lv.name, next, alt, next)
		}
	}
	b.WriteString(`Primary = <number> Unit? | <string> | "true" | "false" | TypeExpr "(" Expr ")" | Ident ("(" (Expr ("," Expr)*)? ")")? | "(" Expr ")" .
TypeExpr = ("bool" | "int" | "num") ("[" Unit "]")? .
Unit = UnitTerm (("*" | "/") UnitTerm)* .
UnitTerm = (<ident> | "%" | "1") ("^" "-"? <number>)? .`)
	return b.String()
}

// ParseError is a syntax error with a source range.
type ParseError struct {
	Pos, End Position
	Msg      string
}

func (e *ParseError) Error() string      { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg) }
func (e *ParseError) Message() string    { return e.Msg }
func (e *ParseError) Position() Position { return e.Pos }

var _ participle.Error = (*ParseError)(nil)

func errAt(t *lexer.Token, format string, a ...any) *ParseError {
	return &ParseError{Pos: t.Pos, End: tokEnd(t), Msg: fmt.Sprintf(format, a...)}
}

// tokEnd is the position just past t. Tokens never span lines except the
// synthetic ";" a newline becomes, which is zero-width here.
func tokEnd(t *lexer.Token) Position {
	p := t.Pos
	if t.Type == TokEOF || t.Type == TokNewline {
		return p
	}
	if t.Type == TokBlock { // a collapsed body stands for its "{"
		p.Offset++
		p.Column++
		return p
	}
	p.Offset += len(t.Value)
	p.Column += len(t.Value)
	return p
}

// exprParser parses expressions and statements from a token stream.
type exprParser struct {
	lex  stream
	last *lexer.Token // last token consumed, for end positions
	a    *arena       // where nodes come from; nil: the heap, one by one

	// Lists under construction, as stacks: a nested block or call pushes
	// above its parent's entries and pops them when it copies them out.
	stmtStack []Stmt
	exprStack []Expr
}

// parseExpr is registered with participle.ParseTypeWith for Expr fields.
func parseExpr(pl *lexer.PeekingLexer) (Expr, error) {
	if !startsExpr(pl.Peek()) {
		return nil, participle.NextMatch
	}
	p := &exprParser{lex: &peekStream{pl: pl}}
	return p.level(0)
}

func startsExpr(t *lexer.Token) bool {
	switch t.Type {
	case TokNumber, TokIdent, TokString:
		return true
	case TokKeyword:
		switch t.Value {
		case "true", "false", "not", "int", "num", "bool":
			return true
		}
	case TokPunct:
		return t.Value == "(" || t.Value == "-" || t.Value == "!"
	}
	return false
}

func (p *exprParser) next() *lexer.Token {
	t := p.lex.Next()
	p.last = t
	return t
}

func (p *exprParser) end() Position { return tokEnd(p.last) }

func isOp(t *lexer.Token, ops []string) bool {
	if t.Type != TokPunct && t.Type != TokKeyword {
		return false
	}
	for _, o := range ops {
		if t.Value == o {
			return true
		}
	}
	return false
}

func (p *exprParser) level(i int) (Expr, error) {
	if i == len(levels) {
		return p.primary()
	}
	lv := levels[i]
	if lv.unary {
		t := p.lex.Peek()
		if !isOp(t, lv.ops) {
			return p.level(i + 1)
		}
		p.next()
		x, err := p.level(i) // prefix operators nest: not not x, - -x
		if err != nil {
			return nil, err
		}
		u := p.a.unary()
		*u = Unary{Node: Node{t.Pos, p.end()}, Op: t.Value, X: x}
		return u, nil
	}
	x, err := p.level(i + 1)
	if err != nil {
		return nil, err
	}
	for isOp(p.lex.Peek(), lv.ops) {
		op := p.next()
		y, err := p.level(i + 1)
		if err != nil {
			return nil, err
		}
		start, _ := x.Span()
		b := p.a.binary()
		*b = Binary{Node: Node{start, p.end()}, Op: op.Value, OpPos: op.Pos, X: x, Y: y}
		x = b
		if lv.chain && isOp(p.lex.Peek(), lv.ops) {
			t := p.lex.Peek()
			return nil, errAt(t, "comparisons do not chain: %q cannot follow another comparison; combine two comparisons with `and`", t.Value)
		}
	}
	return x, nil
}

func (p *exprParser) expectExpr() (Expr, error) {
	t := p.lex.Peek()
	if !startsExpr(t) {
		return nil, errAt(t, "expected an expression, found %s", describe(t))
	}
	return p.level(0)
}

func (p *exprParser) expect(v string) (*lexer.Token, error) {
	t := p.lex.Peek()
	if t.Value != v || t.Type == TokString {
		return nil, errAt(t, "expected %q, found %s", v, describe(t))
	}
	return p.next(), nil
}

func (p *exprParser) primary() (Expr, error) {
	t := p.lex.Peek()
	switch {
	case t.Type == TokNumber:
		p.next()
		n := p.a.number()
		*n = NumberLit{Node: Node{t.Pos, p.end()}, Text: t.Value}
		if startsUnit(p.lex.Peek()) || p.reciprocalUnit() {
			u, err := p.unit()
			if err != nil {
				return nil, err
			}
			n.Unit = u
			n.EndPos = u.EndPos
		}
		return n, nil
	case t.Type == TokString:
		p.next()
		return &StringLit{Node: Node{t.Pos, p.end()}, Raw: t.Value}, nil
	case t.Type == TokKeyword && (t.Value == "true" || t.Value == "false"):
		p.next()
		return &BoolLit{Node: Node{t.Pos, p.end()}, Value: t.Value == "true"}, nil
	case t.Type == TokKeyword && (t.Value == "int" || t.Value == "num" || t.Value == "bool"):
		ty := p.a.typeExpr()
		if err := p.typeExpr(ty); err != nil {
			return nil, err
		}
		if _, err := p.expect("("); err != nil {
			return nil, err
		}
		x, err := p.expectExpr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(")"); err != nil {
			return nil, err
		}
		return &Conv{Node: Node{t.Pos, p.end()}, Type: ty, X: x}, nil
	case t.Type == TokIdent:
		p.next()
		node := Node{t.Pos, p.end()}
		if p.lex.Peek().Value != "(" || p.lex.Peek().Type != TokPunct {
			n := p.a.name()
			*n = Name{Node: node, Name: t.Value}
			return n, nil
		}
		id := p.a.ident()
		*id = Ident{Node: node, Name: t.Value}
		p.next()
		args, err := p.args()
		if err != nil {
			return nil, err
		}
		c := p.a.call()
		*c = Call{Node: Node{t.Pos, p.end()}, Fn: id, Args: args}
		return c, nil
	case t.Type == TokPunct && t.Value == "(":
		p.next()
		x, err := p.expectExpr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(")"); err != nil {
			return nil, err
		}
		x2 := p.a.paren()
		*x2 = Paren{Node: Node{t.Pos, p.end()}, X: x}
		return x2, nil
	}
	return nil, errAt(t, "expected an expression, found %s", describe(t))
}

// args reads `[EXPR {, EXPR}] )` after an opening parenthesis.
func (p *exprParser) args() ([]Expr, error) {
	base := len(p.exprStack)
	defer func() { p.exprStack = p.exprStack[:base] }()
	for p.lex.Peek().Value != ")" {
		a, err := p.expectExpr()
		if err != nil {
			return nil, err
		}
		p.exprStack = append(p.exprStack, a)
		if p.lex.Peek().Value != "," {
			break
		}
		p.next()
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	return p.a.exprList(p.exprStack[base:]), nil
}

// describe names a token for an error message.
func describe(t *lexer.Token) string {
	switch {
	case t.Type == TokEOF:
		return "the end of the file"
	case t.Type == TokBlock:
		return `"{"`
	case t.Type == TokNewline:
		return "the end of the line"
	case t.Type == TokPunct && t.Value == ";":
		return "';'"
	case t.Type == TokKeyword:
		return fmt.Sprintf("keyword %q", t.Value)
	case t.Type == TokIdent:
		return fmt.Sprintf("name %q", t.Value)
	case t.Type == TokNumber:
		return fmt.Sprintf("number %s", t.Value)
	case t.Type == TokString:
		return "a string"
	}
	return fmt.Sprintf("%q", t.Value)
}

// reciprocalUnit reports whether a unit such as `1/s` follows: a number
// cannot follow a number otherwise, so `0.5 1/s` is unambiguous.
func (p *exprParser) reciprocalUnit() bool {
	t := p.lex.Peek()
	if t.Type != TokNumber || t.Value != "1" {
		return false
	}
	cp := p.lex.mark()
	p.lex.Next()
	slash := p.lex.Peek()
	ok := slash.Type == TokPunct && slash.Value == "/"
	p.lex.reset(cp)
	return ok
}

// calledNext reports whether the token after the next one is "(": then the
// next name is a function (`2 m * min(a, b)`), not the unit minute.
func calledNext(lex stream) bool {
	cp := lex.mark()
	lex.Next()
	t := lex.Peek()
	lex.reset(cp)
	return t.Type == TokPunct && t.Value == "("
}

func isUnitName(s string) bool {
	_, ok := units.Lookup(s)
	return ok
}

func startsUnit(t *lexer.Token) bool {
	return t.Type == TokIdent || (t.Type == TokPunct && t.Value == "%")
}

// unit reads `term (("*"|"/") term)*` with term = name | "%" | "1",
// each optionally "^" [-] digits. A "*" or "/" not followed by a term is
// left for the expression parser (so `2 m / 4` divides).
func (p *exprParser) unit() (*UnitExpr, error) {
	lex := p.lex
	var buf [4]UnitTerm
	terms := buf[:0]
	op := ""
	for {
		t := lex.Peek()
		if !(startsUnit(t) || (len(terms) == 0 && t.Type == TokNumber && t.Value == "1")) {
			return nil, errAt(t, "expected a unit name, found %s", describe(t))
		}
		p.last = lex.Next()
		term := UnitTerm{Node: Node{t.Pos, tokEnd(t)}, Op: op, Name: t.Value, Exp: 1}
		if v := lex.Peek(); v.Type == TokPunct && v.Value == "^" {
			p.last = lex.Next()
			neg := false
			if m := lex.Peek(); m.Type == TokPunct && m.Value == "-" {
				p.last = lex.Next()
				neg = true
			}
			d := lex.Peek()
			e, err := strconv.Atoi(d.Value)
			if d.Type != TokNumber || err != nil || e > 9 {
				return nil, errAt(d, "expected a small whole exponent after '^' (as in m/s^2), found %s", describe(d))
			}
			p.last = lex.Next()
			if neg {
				e = -e
			}
			term.Exp = e
			term.EndPos = tokEnd(d)
		}
		terms = append(terms, term)
		// Continue only when an operator is followed by another unit term.
		cp := lex.mark()
		o := lex.Peek()
		if o.Type != TokPunct || (o.Value != "*" && o.Value != "/") {
			break
		}
		lex.Next()
		// After the first term, only a known unit continues the unit, so
		// `40 %/m * depth` multiplies by depth. (The first term is taken
		// whatever it is, so `2 meters` can be reported as an unknown unit.)
		if n := lex.Peek(); !startsUnit(n) || (n.Type == TokIdent && (!isUnitName(n.Value) || calledNext(lex))) {
			lex.reset(cp)
			break
		}
		op = o.Value
	}
	u := p.a.unit()
	u.Terms = p.a.termList(terms)
	u.Pos = u.Terms[0].Pos
	u.EndPos = u.Terms[len(u.Terms)-1].EndPos
	return u, nil
}

// Parse implements participle.Parseable for type annotations.
func (ty *TypeExpr) Parse(pl *lexer.PeekingLexer) error {
	lex := &peekStream{pl: pl}
	t := lex.Peek()
	if t.Type != TokKeyword || (t.Value != "int" && t.Value != "num" && t.Value != "bool") {
		if t.Type == TokIdent {
			return errAt(t, "expected a type (bool, int, num or num[UNIT]), found %s", describe(t))
		}
		return participle.NextMatch
	}
	return (&exprParser{lex: lex}).typeExpr(ty)
}

// typeExpr reads a type annotation into ty; the next token is its keyword.
func (p *exprParser) typeExpr(ty *TypeExpr) error {
	lex := p.lex
	t := lex.Next()
	p.last = t
	ty.Pos, ty.EndPos, ty.Name = t.Pos, tokEnd(t), t.Value
	if b := lex.Peek(); b.Type != TokPunct || b.Value != "[" {
		return nil
	}
	lex.Next()
	u, err := p.unit()
	if err != nil {
		return err
	}
	c := lex.Peek()
	if c.Type != TokPunct || c.Value != "]" {
		return errAt(c, "expected ']' to close the unit of %s[%s], found %s", ty.Name, u, describe(c))
	}
	p.last = lex.Next()
	ty.Unit = u
	ty.EndPos = tokEnd(c)
	return nil
}
