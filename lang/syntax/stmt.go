package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Statements are parsed by hand, like expressions: participle's reflective
// parser costs about a microsecond per token, and bodies are where nearly
// all of a reflex's tokens are, while the language server re-parses on
// every keystroke. Declarations (the part of the grammar with the most
// shapes and the fewest tokens) stay with participle. StmtEBNF is the
// grammar this file implements (a statement ends at ";" — written, or a
// newline — or before "}"); spec/reflex.md quotes it.
const StmtEBNF = `Block = "{" (";" | Stmt)* "}" .
Stmt = LetStmt | IfStmt | ForStmt | ReturnStmt | SendStmt | ReceiveStmt | A2AStmt | AssignStmt | ExprStmt .
LetStmt = "let" Ident (":" TypeExpr)? ("=" Expr)? .
IfStmt = "if" Expr Block ("else" (IfStmt | Block))? .
ForStmt = "for" Ident "in" Expr ".." Expr Block .
ReturnStmt = "return" Expr? .
SendStmt = "send" Ident "(" Expr ")" .
ReceiveStmt = "receive" Ident "as" Ident Block ("else" Block)? .
A2AStmt = "a2a" Ident "(" (Expr ("," Expr)*)? ")" .
AssignStmt = Ident ("=" | "+=" | "-=" | "*=" | "/=") Expr .
ExprStmt = Expr .`

// Parse implements participle.Parseable for blocks.
// A body arrives either as one TokBlock token standing for the whole
// brace-matched body (the fast path, see collapse) or, when braces do not
// match, as the raw tokens.
func (b *Block) Parse(pl *lexer.PeekingLexer) error {
	t := pl.Peek()
	if t.Type == TokBlock {
		pl.Next()
		return blockBody(t, b)
	}
	if t.Type != TokPunct || t.Value != "{" {
		return participle.NextMatch
	}
	return (&exprParser{lex: &peekStream{pl: pl}}).block(b)
}

func (p *exprParser) block(b *Block) error {
	open, err := p.expect("{")
	if err != nil {
		return err
	}
	b.Pos = open.Pos
	base := len(p.stmtStack)
	defer func() { p.stmtStack = p.stmtStack[:base] }()
	for {
		t := p.lex.Peek()
		switch {
		case isSemi(*t):
			p.next()
			continue
		case t.Type == TokPunct && t.Value == "}":
			p.next()
			b.EndPos = p.end()
			b.Stmts = p.a.stmtList(p.stmtStack[base:])
			return nil
		case t.Type == TokEOF:
			return errAt(t, "expected '}' to close the block opened at line %d, found the end of the file", open.Pos.Line)
		}
		s, err := p.stmt()
		if err != nil {
			return err
		}
		p.stmtStack = append(p.stmtStack, s)
		if n := p.lex.Peek(); !isSemi(*n) && !(n.Type == TokPunct && n.Value == "}") {
			return errAt(n, "expected the end of the statement (a new line or ';'), found %s", describe(n))
		}
	}
}

func (p *exprParser) ident(what string) (*Ident, error) {
	t := p.lex.Peek()
	if t.Type != TokIdent {
		if t.Type == TokKeyword {
			return nil, errAt(t, "expected %s, found keyword %q (a reserved word; pick another name)", what, t.Value)
		}
		return nil, errAt(t, "expected %s, found %s", what, describe(t))
	}
	p.next()
	id := p.a.ident()
	*id = Ident{Node: Node{t.Pos, p.end()}, Name: t.Value}
	return id, nil
}

func (p *exprParser) blockAfter(what string) (*Block, error) {
	t := p.lex.Peek()
	if t.Type != TokPunct || t.Value != "{" {
		return nil, errAt(t, "expected '{' to start the %s, found %s", what, describe(t))
	}
	b := p.a.block()
	return b, p.block(b)
}

func (p *exprParser) stmt() (Stmt, error) {
	t := p.lex.Peek()
	if t.Type == TokKeyword {
		switch t.Value {
		case "let":
			return p.letStmt(t)
		case "if":
			return p.ifStmt(t)
		case "for":
			return p.forStmt(t)
		case "return":
			p.next()
			r := p.a.returnStmt()
			if startsExpr(p.lex.Peek()) {
				v, err := p.level(0)
				if err != nil {
					return nil, err
				}
				r.Value = v
			}
			r.Node = Node{t.Pos, p.end()}
			return r, nil
		case "send":
			return p.sendStmt(t)
		case "receive":
			return p.receiveStmt(t)
		case "a2a":
			return p.a2aStmt(t)
		}
	}
	if t.Type == TokIdent && (t.Value == "break" || t.Value == "continue") {
		// A bare break or continue would parse as a name; say what it is.
		cp := p.lex.mark()
		p.next()
		if n := p.lex.Peek(); isSemi(*n) || (n.Type == TokPunct && n.Value == "}") {
			return nil, errAt(t, "%q is not a reflex statement", t.Value)
		}
		p.lex.reset(cp)
	}
	if t.Type == TokIdent {
		cp := p.lex.mark()
		p.next()
		op := p.lex.Peek()
		if op.Type == TokPunct && isOp(op, []string{"=", "+=", "-=", "*=", "/="}) {
			target := p.a.ident()
			*target = Ident{Node: Node{t.Pos, tokEnd(t)}, Name: t.Value}
			p.next()
			v, err := p.expectExpr()
			if err != nil {
				return nil, err
			}
			s := p.a.assign()
			*s = AssignStmt{Node: Node{t.Pos, p.end()}, Target: target, Op: op.Value, Value: v}
			return s, nil
		}
		p.lex.reset(cp)
	}
	if !startsExpr(t) {
		return nil, errAt(t, "expected a statement, found %s", describe(t))
	}
	x, err := p.level(0)
	if err != nil {
		return nil, err
	}
	start, end := x.Span()
	s := p.a.exprStmt()
	*s = ExprStmt{Node: Node{start, end}, X: x}
	return s, nil
}

func (p *exprParser) letStmt(t *lexer.Token) (Stmt, error) {
	p.next()
	name, err := p.ident("a name after 'let'")
	if err != nil {
		return nil, err
	}
	s := p.a.let()
	s.Name = name
	if c := p.lex.Peek(); c.Type == TokPunct && c.Value == ":" {
		p.next()
		if k := p.lex.Peek(); k.Type != TokKeyword || (k.Value != "int" && k.Value != "num" && k.Value != "bool") {
			return nil, errAt(k, "expected a type (bool, int, num or num[UNIT]), found %s", describe(k))
		}
		ty := p.a.typeExpr()
		if err := p.typeExpr(ty); err != nil {
			return nil, err
		}
		s.Type = ty
	}
	if e := p.lex.Peek(); e.Type == TokPunct && e.Value == "=" {
		p.next()
		v, err := p.expectExpr()
		if err != nil {
			return nil, err
		}
		s.Value = v
	}
	s.Node = Node{t.Pos, p.end()}
	return s, nil
}

func (p *exprParser) ifStmt(t *lexer.Token) (*IfStmt, error) {
	p.next()
	cond, err := p.expectExpr()
	if err != nil {
		return nil, err
	}
	then, err := p.blockAfter("body of the if (a condition is followed by '{')")
	if err != nil {
		return nil, err
	}
	s := p.a.ifStmt()
	s.Cond, s.Then = cond, then
	if e := p.lex.Peek(); e.Type == TokKeyword && e.Value == "else" {
		p.next()
		if i := p.lex.Peek(); i.Type == TokKeyword && i.Value == "if" {
			s.ElseIf, err = p.ifStmt(i)
		} else {
			s.Else, err = p.blockAfter("else branch")
		}
		if err != nil {
			return nil, err
		}
	}
	s.Node = Node{t.Pos, p.end()}
	return s, nil
}

func (p *exprParser) forStmt(t *lexer.Token) (Stmt, error) {
	p.next()
	v, err := p.ident("the loop variable after 'for'")
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("in", "a loop is written `for i in 0..N { … }`"); err != nil {
		return nil, err
	}
	from, err := p.expectExpr()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("..", "a loop is written `for i in 0..N { … }`"); err != nil {
		return nil, err
	}
	to, err := p.expectExpr()
	if err != nil {
		return nil, err
	}
	body, err := p.blockAfter("loop body")
	if err != nil {
		return nil, err
	}
	s := p.a.forStmt()
	*s = ForStmt{Node: Node{t.Pos, p.end()}, Var: v, From: from, To: to, Body: body}
	return s, nil
}

// expectWord is expect with a usage reminder in the message.
func (p *exprParser) expectWord(w, usage string) (*lexer.Token, error) {
	t := p.lex.Peek()
	if t.Value != w || t.Type == TokString {
		return nil, errAt(t, "expected %q, found %s; %s", w, describe(t), usage)
	}
	return p.next(), nil
}

func (p *exprParser) sendStmt(t *lexer.Token) (Stmt, error) {
	p.next()
	box, err := p.ident("an outbox name after 'send'")
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("(", "a send is written `send OUTBOX(VALUE)`"); err != nil {
		return nil, err
	}
	v, err := p.expectExpr()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	return &SendStmt{Node: Node{t.Pos, p.end()}, Box: box, Value: v}, nil
}

func (p *exprParser) receiveStmt(t *lexer.Token) (Stmt, error) {
	p.next()
	box, err := p.ident("the inbox name after 'receive'")
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("as", "a receive is written `receive INBOX as NAME { … }`"); err != nil {
		return nil, err
	}
	v, err := p.ident("a name for the received value after 'as'")
	if err != nil {
		return nil, err
	}
	body, err := p.blockAfter("receive body")
	if err != nil {
		return nil, err
	}
	s := &ReceiveStmt{Box: box, Var: v, Body: body}
	if e := p.lex.Peek(); e.Type == TokKeyword && e.Value == "else" {
		p.next()
		if s.Else, err = p.blockAfter("else branch"); err != nil {
			return nil, err
		}
	}
	s.Node = Node{t.Pos, p.end()}
	return s, nil
}

func (p *exprParser) a2aStmt(t *lexer.Token) (Stmt, error) {
	p.next()
	op, err := p.ident("an A2A operation name after 'a2a'")
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("(", "an A2A intent is written `a2a NAME(VALUE[, CODE])`"); err != nil {
		return nil, err
	}
	args, err := p.args()
	if err != nil {
		return nil, err
	}
	return &A2AStmt{Node: Node{t.Pos, p.end()}, Op: op, Args: args}, nil
}
