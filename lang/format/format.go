// Package format prints reflex source in its one canonical layout; it is
// what `nexusc fmt` runs.
//
// The printer works from the AST (lang/syntax), so layout is decided by the
// program's structure, never by the author's spacing, and comments — which
// the AST does not hold — are merged back in by position:
//
//   - a comment on a line of its own is printed, at the current indentation,
//     before the declaration or statement that follows it (so a `///` doc
//     comment stays directly above what it documents);
//   - a comment after code on the same line stays at the end of that line;
//   - a comment inside a multi-line expression or statement moves to the end
//     of the line the construct ends on; since a line comment runs to the end
//     of its line, when several would share a line only the last stays there
//     and the others get lines of their own just below it (followed by a
//     blank line if one is a `///` that would otherwise document the next
//     declaration).
//
// The layout:
//
//   - four-space indentation; one declaration or statement per line;
//   - the header declarations first, in the order intent, trust, autonomy,
//     period; every other declaration, and every statement, in source order.
//     A header declaration that moves takes with it the own-line comments
//     directly above it and the comments on its line; when any moves, the
//     header is printed as one group followed by a blank line;
//   - runs of blank lines collapse to one; none at the start or end of a
//     block (the line of a moved declaration is not a blank line);
//   - a space around every binary operator and after every comma; a number
//     and its unit separated by one space (`2 m`, `40 %/m`, `9.81 m/s^2`),
//     units written without spaces; types as `num[m/s]`;
//   - sensor and actuator clauses in the order range, safe, rate;
//   - `} else if … {` and `} else {` on the closing brace's line;
//   - parentheses exactly as written (syntax.Paren). The printer adds
//     parentheses only where a tree built by hand needs them to read back
//     the same, which a parsed tree never does;
//   - an empty block without comments is always `{}`; a block that the
//     author wrote on one line stays on one line (statements joined by
//     "; ") when it holds no nested block and no comment and the line fits
//     in 100 columns; any other block is printed one statement per line. An
//     if/else or receive/else chain stays on one line only if all its blocks
//     qualify and the whole chain fits;
//   - the C spellings `&&`, `||` and `!` are printed as written — the
//     checker reports them (R307) with a fix — so formatting never changes
//     what a program says behind the author's back.
//
// Formatting is idempotent (formatting formatted source changes nothing),
// keeps every comment exactly once, and preserves the syntax tree up to the
// header order; the tests check all three on every example, the diagnostics
// corpus, golden files, every example with a comment added at each line,
// random trees and fuzzed input. Source refuses to
// format a file with syntax errors.
package format

import (
	"bytes"
	"math"
	"slices"
	"sort"
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
	// lines[l] is source line l (1-based; lines[0] is unused).
	p.lines = append([][]byte{nil}, bytes.Split(f.Src, []byte("\n"))...)
	p.reflex(f.Reflex)
	p.flushComments(len(f.Src) + 1)
	out := bytes.TrimRight(p.buf.Bytes(), "\n")
	return append(out, '\n')
}

type printer struct {
	buf      bytes.Buffer
	src      []byte
	lines    [][]byte
	comments []syntax.Comment
	next     int      // index of the first comment not yet printed
	pending  []string // comments waiting for a line of their own (see trailing)
	indent   int
	lastLine int // source line of the last thing printed, for blank lines
	open     int // buffer length just after the last "{" line: no blank line there
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
// Only a line holding nothing but blanks counts: the line of a header
// declaration moved away (see canonicalOrder) does not.
func (p *printer) blankBefore(line int) {
	if p.lastLine <= 0 || !p.blankBetween(p.lastLine, line) {
		return
	}
	b := p.buf.Bytes()
	if len(b) > 0 && len(b) != p.open && !bytes.HasSuffix(b, []byte("\n\n")) {
		p.buf.WriteByte('\n')
	}
}

// blankBetween reports whether a source line strictly between lines a and b
// (1-based) is empty or all blanks.
func (p *printer) blankBetween(a, b int) bool {
	for l := a + 1; l < b && l < len(p.lines); l++ {
		if len(bytes.TrimSpace(p.lines[l])) == 0 {
			return true
		}
	}
	return false
}

// trailing returns the comment that sits after code on the source line
// where a node ends, as a " // …" suffix for the line being printed. Any
// comments left inside the node (a multi-line expression, a block's head)
// come out too, but a line comment runs to the end of its line, so only the
// last one can trail: the others wait in pending for their own lines.
func (p *printer) trailing(end syntax.Position) string {
	last := ""
	for p.next < len(p.comments) {
		c := p.comments[p.next]
		if c.Pos.Offset >= end.Offset && (c.Pos.Line != end.Line || !p.onlyBlanks(end.Offset, c.Pos.Offset)) {
			break // a comment after more code on the line trails that code
		}
		if last != "" {
			p.pending = append(p.pending, last)
		}
		last = c.Text
		p.next++
	}
	if last == "" {
		return ""
	}
	return " " + last
}

// opened is the position just past a block's "{".
func opened(b *syntax.Block) syntax.Position {
	pos := b.Pos
	pos.Offset++
	pos.Column++
	return pos
}

// flushPending prints the comments trailing gave up on, each on its own
// line. Before a declaration (beforeDecl), a doc comment among them must
// not become the declaration's documentation, so a blank line follows it.
func (p *printer) flushPending(beforeDecl bool) {
	if len(p.pending) == 0 {
		return
	}
	for _, c := range p.pending {
		p.line(c)
	}
	if beforeDecl && strings.HasPrefix(p.pending[len(p.pending)-1], "///") {
		p.buf.WriteByte('\n')
	}
	p.pending = p.pending[:0]
}

// startItem prepares to print a declaration or statement: comments left
// over from the line before, leading comments, then a blank line if the
// source had one.
func (p *printer) startItem(n syntax.Spanned) {
	start, _ := n.Span()
	p.flushPending(false)
	p.flushComments(start.Offset)
	p.blankBefore(start.Line)
}

func (p *printer) endItem(n syntax.Spanned) {
	_, end := n.Span()
	p.lastLine = end.Line
}

func (p *printer) reflex(r *syntax.Reflex) {
	decls, header := canonicalOrder(r.Decls)
	var windows [][]syntax.Comment
	if header > 0 {
		windows = p.takeWindows(decls[:header])
	}
	p.startItem(r)
	p.line("reflex " + r.Name.Name + " {" + p.trailing(r.Name.EndPos))
	p.lastLine = r.Pos.Line
	p.open = p.buf.Len()
	p.indent++
	if header > 0 {
		for i, d := range decls[:header] {
			p.moved(d, windows[i])
		}
		decls = decls[header:]
		if len(decls) > 0 || p.commentBefore(r.EndPos.Offset) {
			p.buf.WriteByte('\n') // the header is a group of its own
		}
		p.lastLine = 0
	}
	for _, d := range decls {
		p.flushPending(true)
		p.startItem(d)
		p.decl(d)
		p.endItem(d)
	}
	p.flushPending(false)
	p.flushComments(r.EndPos.Offset - 1)
	p.indent--
	p.line("}")
	p.lastLine = r.EndPos.Line
}

// headerRank orders the declarations that open a reflex: intent, trust,
// autonomy, period; every other declaration ranks after them.
func headerRank(d syntax.Decl) int {
	switch d.(type) {
	case *syntax.IntentDecl:
		return 0
	case *syntax.TrustDecl:
		return 1
	case *syntax.AutonomyDecl:
		return 2
	case *syntax.PeriodDecl:
		return 3
	}
	return 4
}

// canonicalOrder returns the declarations in printing order: the header
// declarations first (intent, trust, autonomy, period, each kind in source
// order), then the rest in source order. header is the number of header
// declarations when that moved any declaration, else 0: a file already in
// order is printed exactly in source order, blank lines and all.
func canonicalOrder(ds []syntax.Decl) (out []syntax.Decl, header int) {
	out = slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b syntax.Decl) int { return headerRank(a) - headerRank(b) })
	if slices.Equal(out, ds) {
		return ds, 0
	}
	for header < len(out) && headerRank(out[header]) < 4 {
		header++
	}
	return out, header
}

// takeWindows removes from the printer's comments those that travel with
// each header declaration about to be moved: the run of own-line comments
// on the lines directly above it, those inside it and those after it on its
// last line. Comments separated from it by a blank line or code stay put.
func (p *printer) takeWindows(ds []syntax.Decl) [][]syntax.Comment {
	taken := make([]bool, len(p.comments))
	windows := make([][]syntax.Comment, len(ds))
	for k, d := range ds {
		start, end := d.Span()
		var idx []int
		// The run above: walk back from the comment just before start.
		i := sort.Search(len(p.comments), func(i int) bool { return p.comments[i].Pos.Offset >= start.Offset })
		line := start.Line
		if !p.ownLine(start.Offset) {
			line = -1 // the comments above belong to what starts the line
		}
		for j := i - 1; j >= 0 && !taken[j]; j-- {
			c := p.comments[j]
			if c.Pos.Line != line-1 || !p.ownLine(c.Pos.Offset) {
				break
			}
			idx = append(idx, j)
			line--
		}
		slices.Reverse(idx)
		for j := i; j < len(p.comments); j++ {
			c := p.comments[j]
			if c.Pos.Offset >= end.Offset && (c.Pos.Line != end.Line || !p.onlyBlanks(end.Offset, c.Pos.Offset)) {
				break // a comment after more code on the line trails that code
			}
			if !taken[j] {
				idx = append(idx, j)
			}
		}
		for _, j := range idx {
			taken[j] = true
			windows[k] = append(windows[k], p.comments[j])
		}
	}
	var rest []syntax.Comment
	for j, c := range p.comments {
		if !taken[j] {
			rest = append(rest, c)
		}
	}
	p.comments = rest
	return windows
}

// ownLine reports whether only blanks precede offset on its line.
func (p *printer) ownLine(offset int) bool {
	i := offset - 1
	for i >= 0 && i < len(p.src) && p.src[i] != '\n' {
		i--
	}
	return p.onlyBlanks(i+1, offset)
}

// onlyBlanks reports whether src[from:to] holds only blanks, semicolons and
// opening braces: nothing a comment could trail instead.
func (p *printer) onlyBlanks(from, to int) bool {
	if from < 0 || to > len(p.src) || from > to {
		return false
	}
	return len(bytes.Trim(p.src[from:to], " \t\r;{")) == 0
}

// moved prints a header declaration taken out of source order, with the
// comments that travel with it and no blank line before it.
func (p *printer) moved(d syntax.Decl, window []syntax.Comment) {
	comments, next := p.comments, p.next
	p.comments, p.next = window, 0
	p.lastLine = 0
	p.startItem(d)
	p.decl(d)
	p.flushPending(false)
	p.flushComments(math.MaxInt) // none should be left; never drop one
	p.comments, p.next = comments, next
}

// commentBefore reports whether a comment not yet printed starts before
// offset.
func (p *printer) commentBefore(offset int) bool {
	return p.next < len(p.comments) && p.comments[p.next].Pos.Offset < offset
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
	p.buf.WriteString(head + "{" + p.trailing(opened(b)) + "\n")
	p.open = p.buf.Len()
	p.body(b)
	p.writeIndent()
	p.buf.WriteString("}" + tail)
}

// body prints a block's statements, one per line, and leaves the output
// just after the last one (the caller writes the closing brace).
func (p *printer) body(b *syntax.Block) {
	p.lastLine = b.Pos.Line
	p.indent++
	p.flushPending(false) // from the line that opened the block
	for _, s := range b.Stmts {
		p.startItem(s)
		p.stmt(s)
		p.endItem(s)
	}
	p.flushPending(false)
	p.flushComments(b.EndPos.Offset - 1)
	p.indent--
}

// inline renders a block on one line if the author wrote it on one line
// and it holds only simple statements and no comments.
func (p *printer) inline(b *syntax.Block) (string, bool) {
	if p.next < len(p.comments) && p.comments[p.next].Pos.Offset < b.EndPos.Offset {
		return "", false
	}
	if len(b.Stmts) == 0 {
		return "{}", true // however it was written
	}
	if b.Pos.Line != b.EndPos.Line {
		return "", false
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
		if s, ok := p.inline(b); ok && len(b.Stmts) == 0 {
			p.buf.WriteString(heads[i] + s)
			continue
		}
		p.buf.WriteString(heads[i] + "{" + p.trailing(opened(b)) + "\n")
		p.open = p.buf.Len()
		p.body(b)
		p.writeIndent()
		p.buf.WriteString("}")
	}
}
