package check

import (
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// checkStructure reports what the reflex as a whole lacks: an intent, an
// `on tick`, an `on failsafe` when it drives actuators.
func (c *checker) checkStructure(r *syntax.Reflex) {
	if !c.info.Header.HasIntent {
		e := c.warn("R410", r.Name, "reflex "+r.Name.Name+" has no intent")
		e.Hint = "say what it is for in one line: intent \"…\"; agents and reviewers read it"
		if p, indent, ok := c.afterOpenBrace(r); ok {
			e.Edits = []diag.Edit{c.insertAt(p, "\n"+indent+"intent \"TODO: describe what this reflex does\"")}
		}
	}
	if c.info.Handlers.Tick == nil {
		e := c.report("R401", r.Name, "reflex "+r.Name.Name+" has no `on tick` handler")
		e.Hint = "add `on tick { … }`: it runs once every period and is where the reflex reads sensors and drives actuators"
	}
	if c.info.Handlers.Failsafe == nil && len(c.info.Actuators) > 0 {
		c.missingFailsafe(r)
	}
}

// afterOpenBrace finds the position just past the reflex's `{` and the
// indentation its declarations use.
func (c *checker) afterOpenBrace(r *syntax.Reflex) (syntax.Position, string, bool) {
	src := c.file.Src
	p := r.Name.EndPos
	for p.Offset < len(src) && src[p.Offset] != '{' {
		advance(&p, src[p.Offset])
	}
	if p.Offset >= len(src) {
		return p, "", false
	}
	advance(&p, '{')
	return p, c.declIndent(r), true
}

func advance(p *syntax.Position, ch byte) {
	p.Offset++
	if ch == '\n' {
		p.Line++
		p.Column = 1
	} else {
		p.Column++
	}
}

// declIndent is the indentation of the reflex's first declaration, or four
// spaces.
func (c *checker) declIndent(r *syntax.Reflex) string {
	for _, d := range c.decls {
		if d == nil {
			continue
		}
		a, _ := d.Span()
		start := a.Offset - (a.Column - 1)
		if start >= 0 && a.Offset <= len(c.file.Src) {
			ind := string(c.file.Src[start:a.Offset])
			if strings.Trim(ind, " \t") == "" {
				return ind
			}
		}
		break
	}
	return "    "
}

// closingBrace finds the reflex's closing `}`: the first `}` after the last
// declaration that is not inside a comment.
func (c *checker) closingBrace(r *syntax.Reflex) (syntax.Position, bool) {
	src := c.file.Src
	p, _, ok := c.afterOpenBrace(r)
	if !ok {
		return p, false
	}
	for _, d := range c.decls {
		if d != nil {
			if _, e := d.Span(); e.Offset > p.Offset {
				p = e
			}
		}
	}
	for p.Offset < len(src) {
		ch := src[p.Offset]
		switch {
		case ch == '}':
			return p, true
		case ch == '/' && p.Offset+1 < len(src) && src[p.Offset+1] == '/':
			for p.Offset < len(src) && src[p.Offset] != '\n' {
				advance(&p, src[p.Offset])
			}
			continue
		case ch == '"': // a string cannot appear here, but do not loop on one
			return p, false
		}
		advance(&p, ch)
	}
	return p, false
}

// missingFailsafe reports R413 with an edit inserting an `on failsafe`
// block that puts every actuator at its safe value.
func (c *checker) missingFailsafe(r *syntax.Reflex) {
	names := make([]string, 0, len(c.info.Actuators))
	for _, a := range c.info.Actuators {
		names = append(names, a.Name)
	}
	e := c.report("R413", r.Name, "reflex "+r.Name.Name+" drives actuators ("+strings.Join(names, ", ")+") but has no `on failsafe` handler")
	e.Hint = "add `on failsafe { … }` that sets every actuator to its safe value; it runs when the node loses supervision or a fault trips"
	p, ok := c.closingBrace(r)
	if !ok {
		return
	}
	var assigns []string
	for _, a := range c.info.Actuators {
		if io, isIO := c.declOf(a).(*syntax.IODecl); isIO && io.Safe != nil {
			assigns = append(assigns, a.Name+" = "+c.text(io.Safe))
		}
	}
	ind := c.declIndent(r)
	// Insert at the start of the closing brace's line when it stands alone,
	// else just before it.
	lineStart := p.Offset - (p.Column - 1)
	alone := lineStart >= 0 && strings.Trim(string(c.file.Src[lineStart:p.Offset]), " \t") == ""
	var text string
	at := p
	if alone {
		at.Offset, at.Column = lineStart, 1
		var b strings.Builder
		b.WriteString(ind + "on failsafe {\n")
		for _, s := range assigns {
			b.WriteString(ind + ind + s + "\n")
		}
		b.WriteString(ind + "}\n")
		text = b.String()
	} else {
		text = "; on failsafe { " + strings.Join(assigns, "; ") + " } "
	}
	e.Edits = []diag.Edit{c.insertAt(at, text)}
}

// declOf returns the declaration node of a reflex-level symbol.
func (c *checker) declOf(s *Symbol) syntax.Decl {
	for _, d := range c.decls {
		switch d := d.(type) {
		case *syntax.IODecl:
			if d.Name == s.Ident {
				return d
			}
		}
	}
	return nil
}

// checkRecursion finds cycles in the call graph (Tarjan's strongly
// connected components) and reports each once, at the first function of
// the cycle in source order, with the calls that close it.
func (c *checker) checkRecursion() {
	var funcs []*Symbol
	for _, s := range c.info.Symbols {
		if s.Kind == SymFunc && c.info.Globals[s.Name] == s {
			funcs = append(funcs, s)
		}
	}
	index := make(map[*Symbol]int, len(funcs))
	low := make(map[*Symbol]int, len(funcs))
	onStack := make(map[*Symbol]bool, len(funcs))
	var stack []*Symbol
	next := 0
	var strong func(v *Symbol)
	strong = func(v *Symbol) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, cs := range c.info.Calls[v.Func] {
			w := cs.Callee
			if _, seen := index[w]; !seen {
				strong(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		var comp []*Symbol
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			comp = append(comp, w)
			if w == v {
				break
			}
		}
		c.reportCycle(comp)
	}
	for _, f := range funcs {
		if _, seen := index[f]; !seen {
			strong(f)
		}
	}
}

// reportCycle reports a strongly connected component if it is a cycle.
func (c *checker) reportCycle(comp []*Symbol) {
	in := make(map[*Symbol]bool, len(comp))
	first := comp[0]
	for _, s := range comp {
		in[s] = true
		if s.Ident.Pos.Offset < first.Ident.Pos.Offset {
			first = s
		}
	}
	// Walk from first along calls inside the component back to first.
	var path []CallSite
	seen := map[*Symbol]bool{}
	var walk func(s *Symbol) bool
	walk = func(s *Symbol) bool {
		seen[s] = true
		for _, cs := range c.info.Calls[s.Func] {
			if !in[cs.Callee] {
				continue
			}
			path = append(path, cs)
			if cs.Callee == first || (!seen[cs.Callee] && walk(cs.Callee)) {
				return true
			}
			path = path[:len(path)-1]
		}
		return false
	}
	if !walk(first) {
		return // a single function that does not call itself
	}
	chain := []string{first.Name}
	var rel []diag.Related
	from := first
	for _, cs := range path {
		chain = append(chain, cs.Callee.Name)
		rel = append(rel, diag.Related{Span: c.span(cs.Call), Message: from.Name + " calls " + cs.Callee.Name + " here"})
		from = cs.Callee
	}
	msg := "function " + first.Name + " calls itself"
	if len(path) > 1 {
		msg = "functions call each other in a cycle: " + strings.Join(chain, " -> ")
	}
	e := c.report("R304", first.Ident, msg)
	e.Related = rel
	e.Hint = "reflex has no recursion (the VM stack and the tick budget are fixed); rewrite it as a bounded for loop"
}

// checkUnused warns about declarations nothing refers to. Sensors and
// actuators (they describe the node's wiring), loop variables and names
// starting with _ are exempt.
func (c *checker) checkUnused() {
	for _, s := range c.info.Symbols {
		if s.used || s.Ident == nil || strings.HasPrefix(s.Name, "_") {
			continue
		}
		switch s.Kind {
		case SymSensor, SymActuator, SymLoopVar:
			continue
		}
		e := c.warn("R103", s.Ident, s.Kind.String()+" "+s.Name+" is declared but never used")
		switch s.Kind {
		case SymFnParam, SymMsgVar:
			e.Hint = "use it, or rename it _" + s.Name
		default:
			e.Hint = "use it or delete the declaration"
		}
	}
}
