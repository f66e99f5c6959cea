// Package format prints reflex source in its one canonical layout; it is
// what `nexusc fmt` runs.
//
// The printer works from the AST (lang/syntax), so layout is decided by the
// program's structure, never by the author's spacing, and comments — which
// the AST does not hold — are merged back in by position:
//
//   - a comment on a line of its own is printed, at the current indentation,
//     before the declaration or statement that follows it;
//   - a comment after code on the same line stays at the end of that line;
//   - a comment inside a multi-line expression moves to the end of the line
//     the statement ends on (the only case where a comment moves).
//
// The layout: four-space indentation; one declaration or statement per line;
// declarations and statements in source order; runs of blank lines collapse
// to one and none are kept at the start or end of a block; a space around
// every binary operator and after every comma; a number and its unit
// separated by one space (`2 m`, `40 %/m`), units written without spaces
// (`m/s^2`); types as `num[m/s]`; sensor and actuator clauses in the order
// range, safe, rate; `} else if … {` and `} else {` on the closing brace's
// line; parentheses exactly as written. A block that the author wrote on
// one line stays on one line (statements joined by "; ") when it holds no
// nested block and no comment and the line fits in 100 columns; any other
// block is printed one statement per line. The C spellings `&&`, `||` and
// `!` are printed as written — the checker reports them with a fix — so
// formatting never changes what a program means.
//
// Formatting is idempotent (formatting formatted source changes nothing),
// keeps every comment exactly once, and preserves the syntax tree; the
// tests check all three on every example, a golden corpus, random trees and
// fuzzed input.
package format

import (
	"bytes"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// maxOneLine is the widest a block kept on one line may make its line.
const maxOneLine = 100

// Source formats a reflex file. On a syntax error it returns nil and the
// diagnostics: broken code is never reformatted.
func Source(filename string, src []byte) ([]byte, diag.List) {
	f, ds := syntax.Parse(filename, src)
	if ds.HasErrors() || f.Reflex == nil {
		return nil, ds
	}
	return File(f), nil
}

// File prints a parsed file in the canonical layout.
func File(f *syntax.File) []byte {
	p := &printer{src: f.Src, comments: f.Comments}
	p.reflex(f.Reflex)
	p.flushComments(len(f.Src) + 1)
	out := bytes.TrimRight(p.buf.Bytes(), "\n")
	return append(out, '\n')
}

type printer struct {
	buf      bytes.Buffer
	src      []byte
	comments []syntax.Comment
	next     int // index of the first comment not yet printed
	indent   int
	lastLine int // source line of the last thing printed, for blank lines
}

func (p *printer) writeIndent() {
	for range p.indent {
		p.buf.WriteString("    ")
	}
}

// line starts a new output line at the current indentation.
func (p *printer) line(s string) {
	p.writeIndent()
	p.buf.WriteString(s)
	p.buf.WriteByte('\n')
}

// flushComments prints, each on its own line, every comment that starts
// before offset. A blank line in the source before a comment is kept.
func (p *printer) flushComments(offset int) {
	for p.next < len(p.comments) && p.comments[p.next].Pos.Offset < offset {
		c := p.comments[p.next]
		p.blankBefore(c.Pos.Line)
		p.line(c.Text)
		p.lastLine = c.Pos.Line
		p.next++
	}
}

// blankBefore writes one blank line when the source had at least one
// between the last printed line and line, except at the start of a block.
func (p *printer) blankBefore(line int) {
	if p.lastLine > 0 && line > p.lastLine+1 {
		b := p.buf.Bytes()
		if len(b) > 0 && !bytes.HasSuffix(b, []byte("{\n")) && !bytes.HasSuffix(b, []byte("\n\n")) {
			p.buf.WriteByte('\n')
		}
	}
}

// trailing returns the comments that sit after code on the source line
// where a node ends (and any left inside the node), as one " // …" suffix.
func (p *printer) trailing(end syntax.Position) string {
	var parts []string
	for p.next < len(p.comments) {
		c := p.comments[p.next]
		if c.Pos.Offset >= end.Offset && c.Pos.Line != end.Line {
			break
		}
		parts = append(parts, c.Text)
		p.next++
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " ")
}

// startItem prepares to print a declaration or statement: leading comments,
// then a blank line if the source had one.
func (p *printer) startItem(n syntax.Spanned) {
	start, _ := n.Span()
	p.flushComments(start.Offset)
	p.blankBefore(start.Line)
}

func (p *printer) endItem(n syntax.Spanned) {
	_, end := n.Span()
	p.lastLine = end.Line
}

func (p *printer) reflex(r *syntax.Reflex) {
	p.startItem(r)
	p.line("reflex " + r.Name.Name + " {")
	p.lastLine = r.Pos.Line
	p.indent++
	for _, d := range r.Decls {
		p.startItem(d)
		p.decl(d)
		p.endItem(d)
	}
	p.flushComments(r.EndPos.Offset - 1)
	p.indent--
	p.line("}")
	p.lastLine = r.EndPos.Line
}

// oneLine writes a declaration or statement that fits on one line, with its
// trailing comment.
func (p *printer) oneLine(s string, n syntax.Spanned) {
	_, end := n.Span()
	p.line(s + p.trailing(end))
}

func (p *printer) decl(d syntax.Decl) {
	switch d := d.(type) {
	case *syntax.IntentDecl:
		p.oneLine("intent "+d.Text.Raw, d)
	case *syntax.TrustDecl:
		p.oneLine("trust "+expr(d.Value), d)
	case *syntax.AutonomyDecl:
		p.oneLine("autonomy "+d.Level.Name, d)
	case *syntax.PeriodDecl:
		p.oneLine("period "+expr(d.Value), d)
	case *syntax.IODecl:
		s := d.Kind + " " + d.Name.Name + ": " + d.Type.String() + " @ " + expr(d.Channel)
		if d.Range != nil {
			s += " range " + expr(d.Range.Lo) + " .. " + expr(d.Range.Hi)
		}
		if d.Safe != nil {
			s += " safe " + expr(d.Safe)
		}
		if d.Rate != nil {
			s += " rate " + expr(d.Rate)
		}
		p.oneLine(s, d)
	case *syntax.MsgDecl:
		s := d.Kind + " " + d.Name.Name + ": " + d.Type.String()
		if d.Channel != nil {
			s += " @ " + expr(d.Channel)
		}
		p.oneLine(s, d)
	case *syntax.VarDecl:
		s := d.Kind + " " + d.Name.Name
		if d.Type != nil {
			s += ": " + d.Type.String()
		}
		if d.Value != nil {
			s += " = " + expr(d.Value)
		}
		p.oneLine(s, d)
	case *syntax.HandlerDecl:
		p.blockItem("on "+d.Event.Name+" ", d.Body, "")
		p.newlineIfOpen(d)
	case *syntax.EveryDecl:
		p.blockItem("every "+expr(d.Period)+" ", d.Body, "")
		p.newlineIfOpen(d)
	case *syntax.FuncDecl:
		params := make([]string, len(d.Params))
		for i, pa := range d.Params {
			params[i] = pa.Name.Name + ": " + pa.Type.String()
		}
		s := "fn " + d.Name.Name + "(" + strings.Join(params, ", ") + ")"
		if d.Result != nil {
			s += " -> " + d.Result.String()
		}
		p.blockItem(s+" ", d.Body, "")
		p.newlineIfOpen(d)
	}
}

// blockItem prints HEAD{…}TAIL: on one line when the block qualifies
// (see the package comment), else expanded.
func (p *printer) blockItem(head string, b *syntax.Block, tail string) {
	if s, ok := p.inline(b); ok {
		line := head + s + tail
		if p.indent*4+len(line) <= maxOneLine {
			p.line(line + p.trailing(b.EndPos))
			return
		}
	}
	p.writeIndent()
	p.buf.WriteString(head + "{" + p.trailing(b.Pos) + "\n")
	p.body(b)
	p.writeIndent()
	p.buf.WriteString("}" + tail)
}

// body prints a block's statements, one per line, and leaves the output
// just after the last one (the caller writes the closing brace).
func (p *printer) body(b *syntax.Block) {
	p.lastLine = b.Pos.Line
	p.indent++
	for _, s := range b.Stmts {
		p.startItem(s)
		p.stmt(s)
		p.endItem(s)
	}
	p.flushComments(b.EndPos.Offset - 1)
	p.indent--
}

// inline renders a block on one line if the author wrote it on one line
// and it holds only simple statements and no comments.
func (p *printer) inline(b *syntax.Block) (string, bool) {
	if b.Pos.Line != b.EndPos.Line {
		return "", false
	}
	if p.next < len(p.comments) && p.comments[p.next].Pos.Offset < b.EndPos.Offset {
		return "", false
	}
	if len(b.Stmts) == 0 {
		return "{}", true
	}
	parts := make([]string, len(b.Stmts))
	for i, s := range b.Stmts {
		t, ok := simple(s)
		if !ok {
			return "", false
		}
		parts[i] = t
	}
	return "{ " + strings.Join(parts, "; ") + " }", true
}

// simple renders a statement without a block, or reports that it has one.
func simple(s syntax.Stmt) (string, bool) {
	switch s := s.(type) {
	case *syntax.LetStmt:
		t := "let " + s.Name.Name
		if s.Type != nil {
			t += ": " + s.Type.String()
		}
		if s.Value != nil {
			t += " = " + expr(s.Value)
		}
		return t, true
	case *syntax.AssignStmt:
		return s.Target.Name + " " + s.Op + " " + expr(s.Value), true
	case *syntax.ReturnStmt:
		if s.Value == nil {
			return "return", true
		}
		return "return " + expr(s.Value), true
	case *syntax.SendStmt:
		return "send " + s.Box.Name + "(" + expr(s.Value) + ")", true
	case *syntax.A2AStmt:
		return "a2a " + s.Op.Name + "(" + exprs(s.Args) + ")", true
	case *syntax.ExprStmt:
		return expr(s.X), true
	}
	return "", false
}

func (p *printer) stmt(s syntax.Stmt) {
	if t, ok := simple(s); ok {
		p.oneLine(t, s)
		return
	}
	switch s := s.(type) {
	case *syntax.IfStmt:
		p.ifStmt(s, "")
		p.buf.WriteString(p.trailing(s.EndPos) + "\n")
	case *syntax.ForStmt:
		p.blockItem("for "+s.Var.Name+" in "+expr(s.From)+".."+expr(s.To)+" ", s.Body, "")
		p.newlineIfOpen(s)
	case *syntax.ReceiveStmt:
		head := "receive " + s.Box.Name + " as " + s.Var.Name + " "
		if s.Else == nil {
			p.blockItem(head, s.Body, "")
			p.newlineIfOpen(s)
			return
		}
		p.chain([]string{head, " else "}, []*syntax.Block{s.Body, s.Else})
		p.buf.WriteString(p.trailing(s.EndPos) + "\n")
	}
}

// newlineIfOpen ends the line an expanded block's "}" was left on.
func (p *printer) newlineIfOpen(n syntax.Spanned) {
	if b := p.buf.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
		_, end := n.Span()
		p.buf.WriteString(p.trailing(end) + "\n")
	}
}

// ifStmt prints an if/else-if/else chain, leaving the output after the
// final "}" so the caller can end the line.
func (p *printer) ifStmt(s *syntax.IfStmt, lead string) {
	var heads []string
	var blocks []*syntax.Block
	head := lead + "if " + expr(s.Cond) + " "
	for {
		heads = append(heads, head)
		blocks = append(blocks, s.Then)
		if s.ElseIf != nil {
			s = s.ElseIf
			head = " else if " + expr(s.Cond) + " "
			continue
		}
		if s.Else != nil {
			heads = append(heads, " else ")
			blocks = append(blocks, s.Else)
		}
		break
	}
	p.chain(heads, blocks)
}

// chain prints HEAD0{…}HEAD1{…}…: all on one line when every block is
// inline and the line fits, else each block expanded, "} else … {" joining
// them.
func (p *printer) chain(heads []string, blocks []*syntax.Block) {
	var one strings.Builder
	ok := true
	for i, b := range blocks {
		s, fits := p.inline(b)
		if !fits {
			ok = false
			break
		}
		one.WriteString(heads[i] + s)
	}
	if ok && p.indent*4+one.Len() <= maxOneLine {
		p.writeIndent()
		p.buf.WriteString(one.String())
		return
	}
	p.writeIndent()
	for i, b := range blocks {
		p.buf.WriteString(heads[i] + "{" + p.trailing(b.Pos) + "\n")
		p.body(b)
		p.writeIndent()
		p.buf.WriteString("}")
	}
}
