package check

import (
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// Check type-checks a parsed file. It always returns an Info (as complete
// as the errors allowed) and the diagnostics, sorted. The File must be the
// result of a parse without syntax errors; a nil Reflex yields only R001.
func Check(f *syntax.File) (*Info, diag.List) {
	c := newChecker(f)
	c.run()
	c.tables.finish(c.info)
	c.diags.Sort()
	return c.info, c.diags
}

// Source parses and checks one file. When the parse reports syntax errors
// they are returned alone and the Info is nil.
func Source(filename string, src []byte) (*syntax.File, *Info, diag.List) {
	f, ds := syntax.Parse(filename, src)
	if ds.HasErrors() {
		ds.Sort()
		return f, nil, ds
	}
	info, cds := Check(f)
	if len(ds) > 0 {
		cds = append(ds, cds...)
		cds.Sort()
	}
	return f, info, cds
}

// checker holds the state of one Check.
type checker struct {
	file  *syntax.File
	info  *Info
	diags diag.List

	// locals is the stack of local symbols in the body being checked;
	// scopes holds the index in locals where each open block starts.
	locals []*Symbol
	scopes []int
	body   *bodyState

	funcDone map[*Symbol]*funcSummary
	// tables takes the writes to Info.Types, Consts, Convert, Uses and
	// Refs (see table.go); the maps are in Info only when Check returns.
	tables *tables
	units  unitCache
	// decls are the reflex's declarations minus any the parser left
	// incomplete while recovering from a syntax error (Check may be given
	// such a tree; Source never does).
	decls []syntax.Decl
}

func newChecker(f *syntax.File) *checker {
	n := len(f.Src)/8 + 16 // at most about one expression per 8 bytes of source
	info := &Info{
		Defs:       map[*syntax.Ident]*Symbol{},
		Globals:    map[string]*Symbol{},
		Calls:      map[syntax.Spanned][]CallSite{},
		A2A:        map[*syntax.A2AStmt]string{},
		LoopCounts: map[*syntax.ForStmt]int{},
		Header:     Header{Period: 0.001},
	}
	return &checker{file: f, info: info, funcDone: map[*Symbol]*funcSummary{}, tables: newTables(n)}
}

func (c *checker) run() {
	r := c.file.Reflex
	if r == nil {
		c.diags.Add(diag.Diagnostic{Code: "R001", Severity: diag.Error,
			Span:    diag.Span{Start: diag.Pos{File: c.file.Name, Line: 1, Col: 1}, End: diag.Pos{File: c.file.Name, Line: 1, Col: 1}},
			Message: "the file holds no reflex; expected `reflex NAME { … }`"})
		return
	}
	if r.Name == nil { // only in a tree recovered from syntax errors
		r = &syntax.Reflex{Node: r.Node, Doc: r.Doc, Decls: r.Decls,
			Name: &syntax.Ident{Node: syntax.Node{Pos: r.Pos, EndPos: r.Pos}, Name: "?"}}
	}
	c.info.Header.Name = r.Name.Name
	c.decls = wellFormed(r.Decls)
	c.collect(r)
	c.checkGlobals()
	c.checkBodies(r)
	c.checkStructure(r)
	c.checkRecursion()
	c.checkUnused()
}

// pos converts a syntax position into a diagnostic position.
func (c *checker) pos(p syntax.Position) diag.Pos {
	line, col := p.Line, p.Column
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return diag.Pos{File: c.file.Name, Line: line, Col: col}
}

func (c *checker) span(n syntax.Spanned) diag.Span {
	a, b := n.Span()
	return c.spanAt(a, b)
}

func (c *checker) spanAt(a, b syntax.Position) diag.Span {
	return diag.Span{Start: c.pos(a), End: c.pos(b)}
}

// report adds an error and returns it so the caller can attach a hint,
// related spans or edits.
func (c *checker) report(code string, at syntax.Spanned, msg string) *diag.Diagnostic {
	return c.reportSpan(code, diag.Error, c.span(at), msg)
}

func (c *checker) warn(code string, at syntax.Spanned, msg string) *diag.Diagnostic {
	return c.reportSpan(code, diag.Warning, c.span(at), msg)
}

func (c *checker) reportSpan(code string, sev diag.Severity, sp diag.Span, msg string) *diag.Diagnostic {
	c.diags = append(c.diags, diag.Diagnostic{Code: code, Severity: sev, Span: sp, Message: msg})
	return &c.diags[len(c.diags)-1]
}

// declaredHere is the usual related span for a symbol.
func (c *checker) declaredHere(s *Symbol) []diag.Related {
	if s == nil || s.Ident == nil {
		return nil
	}
	return []diag.Related{{Span: c.span(s.Ident), Message: s.Kind.String() + " " + s.Name + " declared here"}}
}

// text returns the source text of a node.
func (c *checker) text(n syntax.Spanned) string {
	a, b := n.Span()
	if a.Offset < 0 || b.Offset > len(c.file.Src) || a.Offset > b.Offset {
		return ""
	}
	return string(c.file.Src[a.Offset:b.Offset])
}

// insertAt is an edit that inserts text at a position.
func (c *checker) insertAt(p syntax.Position, text string) diag.Edit {
	return diag.Edit{Span: diag.Span{Start: c.pos(p), End: c.pos(p)}, NewText: text}
}
