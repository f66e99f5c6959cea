package syntax

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/nexusfleet/nexus/internal/diag"
)

// parser is the participle grammar over the AST structs. Expressions come
// from parseExpr and type annotations from TypeExpr.Parse; everything else
// is the struct tags in ast.go.
var parser = participle.MustBuild[Reflex](
	participle.Lexer(definition{}),
	// Participle tries union members in order; the most frequent go first.
	participle.Union[Decl](&FuncDecl{}, &HandlerDecl{}, &VarDecl{}, &IODecl{}, &EveryDecl{},
		&MsgDecl{}, &IntentDecl{}, &TrustDecl{}, &AutonomyDecl{}, &PeriodDecl{}),
	participle.ParseTypeWith(parseExpr),
	participle.UseLookahead(0),
)

// Grammar returns the whole grammar in EBNF: the declarations as participle
// derives them from the AST's struct tags, the hand-parsed statements, and
// the expressions as derived from the precedence table. spec/reflex.md
// quotes it verbatim (a test keeps them equal).
func Grammar() string { return parser.String() + "\n" + StmtEBNF + "\n" + exprEBNF() }

// maxSyntaxErrors bounds recovery so a hopeless file fails fast.
const maxSyntaxErrors = 25

// Parse parses one reflex source file. It always returns a File (with
// whatever parsed); diagnostics hold every independent syntax error found —
// after an error the parser drops the offending statement or declaration and
// tries again, so one run reports several mistakes.
func Parse(filename string, src []byte) (*File, diag.List) {
	f := &File{Name: filename, Src: src}
	toks, comments, lexErrs := lexInto(takeTokens(0), filename, src)
	lexed := toks // recovery below replaces toks by edited copies
	defer keepTokens(0, lexed)
	f.Comments = comments
	var ds diag.List
	for _, e := range lexErrs {
		code, hint := "R002", "delete it; reflex uses only ASCII operators such as + - * / < > = and the words and, or, not"
		switch {
		case strings.HasPrefix(e.Msg, "string"):
			code, hint = "R003", "close the string with '\"' on the same line"
		case strings.HasPrefix(e.Msg, "hexadecimal"):
			code, hint = "R001", "write hex digits after 0x, as in 0x1F"
		case strings.HasPrefix(e.Msg, "exponent"):
			code, hint = "R001", "write the number out (1e3 is 1000), or use a scaled unit (1 km, 5 ms)"
		}
		d := diag.Diagnostic{Code: code, Severity: diag.Error, Span: span(filename, e.Pos, e.End), Message: e.Msg, Hint: hint}
		if e.Fix != "" {
			d.Hint = "write `" + e.Fix + "`"
			d.Edits = []diag.Edit{{Span: d.Span, NewText: e.Fix}}
		}
		ds.Add(d)
	}
	seen := map[int]bool{}
	var lastToks []lexer.Token
	for range maxSyntaxErrors {
		lastToks = toks
		r, err := parseTokens(toks)
		f.Reflex = r
		if err == nil {
			break
		}
		k := tokenAt(toks, err)
		d := syntaxDiag(filename, toks, k, err)
		if !seen[toks[k].Pos.Offset] {
			seen[toks[k].Pos.Offset] = true
			ds.Add(d)
		}
		var ok bool
		if toks, ok = dropStatement(toks, k); !ok {
			break
		}
	}
	if f.Reflex != nil {
		fixEnds(f.Reflex, lastToks)
		attachDocs(f)
	}
	ds.Sort()
	return f, ds
}

func parseTokens(all []lexer.Token) (r *Reflex, err error) {
	set := collapse(all)
	defer set.release()
	if r, ok := parseHalves(set); ok {
		return r, nil
	}
	set.startHelper()
	pl, err := lexer.Upgrade(set.view().lexer(tokenRange{0, len(all)}))
	if err != nil {
		return nil, err
	}
	return parser.ParseFromLexer(pl)
}

// declList is the declaration list of a reflex unit on its own, so that
// participle can parse the second half of a large file's declarations on a
// second goroutine while the first half is parsed with the reflex around
// it (parseHalves).
type declList struct {
	Decls []Decl `parser:"( ';' | @@ )* '}'"`
}

var declParser = participle.MustBuild[declList](
	participle.Lexer(definition{}),
	participle.Union[Decl](&FuncDecl{}, &HandlerDecl{}, &VarDecl{}, &IODecl{}, &EveryDecl{},
		&MsgDecl{}, &IntentDecl{}, &TrustDecl{}, &AutonomyDecl{}, &PeriodDecl{}),
	participle.ParseTypeWith(parseExpr),
	participle.UseLookahead(0),
)

// parseHalves parses a large file as two participle runs on two
// goroutines: `reflex NAME { FIRST }` and `SECOND }`, where FIRST and
// SECOND are the declarations before and after a ";" between declarations
// near the middle of the file; the reflex gets FIRST's declarations
// followed by SECOND's. Where both runs succeed the result is the one
// parse would give: the grammar of the declaration list is
// `( ";" | Decl )*`, so the list splits at any ";" between declarations,
// and participle's choices in a declaration, and the end it records, look
// no further than the token after it, which is the same in both (the ";",
// or the closing "}" for the last declaration). When either run
// fails, parseHalves reports false and the caller parses the whole file,
// so errors are exactly those of one run.
func parseHalves(set *bodySet) (*Reflex, bool) {
	toks := set.toks
	if !parallel(toks) || toks[0].Type != TokKeyword || toks[0].Value != "reflex" {
		return nil, false
	}
	split, closing := splitPoint(set)
	if split < 0 {
		return nil, false
	}
	first, second := set.view(), set.view()
	type result struct {
		l   *declList
		err error
	}
	done := make(chan result, 1)
	go func() {
		pl, err := lexer.Upgrade(second.lexer(tokenRange{split, closing + 1}))
		if err != nil {
			done <- result{nil, err}
			return
		}
		l, err := declParser.ParseFromLexer(pl)
		done <- result{l, err}
	}()
	pl, err := lexer.Upgrade(first.lexer(tokenRange{0, split}, tokenRange{closing, len(toks)}))
	var r *Reflex
	if err == nil {
		r, err = parser.ParseFromLexer(pl)
	}
	res := <-done
	if err != nil || res.err != nil {
		return nil, false
	}
	r.Decls = append(r.Decls, res.l.Decls...)
	return r, true
}

// splitPoint returns the index just past the ";" between declarations
// nearest the middle of the file, and the index of the "}" that closes the
// reflex; -1 if there is no such pair (the braces do not balance, or the
// file has too few declarations).
func splitPoint(set *bodySet) (split, closing int) {
	toks := set.toks
	split, closing = -1, -1
	depth, k := 0, 0
	for i := 0; i < len(toks); i++ {
		if k < len(set.bodies) && set.bodies[k].start == i {
			i = set.bodies[k].end
			k++
			continue
		}
		t := &toks[i]
		switch {
		case t.Type == TokPunct && t.Value == "{":
			depth++
		case t.Type == TokPunct && t.Value == "}":
			depth--
			if depth == 0 {
				closing = i
				if split < 0 || len(set.bodies) != k {
					return -1, -1
				}
				return split, closing
			}
		case depth == 1 && isSemi(*t) && (split < 0 || i < len(toks)/2):
			split = i + 1
		}
	}
	return -1, -1
}

func span(file string, a, b Position) diag.Span {
	return diag.Span{Start: diag.Pos{File: file, Line: a.Line, Col: a.Column}, End: diag.Pos{File: file, Line: b.Line, Col: b.Column}}
}

// tokenAt finds the significant token an error points at.
func tokenAt(toks []lexer.Token, err error) int {
	var pe participle.Error
	off := toks[len(toks)-1].Pos.Offset
	if errors.As(err, &pe) {
		off = pe.Position().Offset
	}
	k := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= off })
	if k >= len(toks) {
		k = len(toks) - 1
	}
	return k
}

func isOpen(t lexer.Token) bool  { return t.Type == TokPunct && t.Value == "{" }
func isClose(t lexer.Token) bool { return t.Type == TokPunct && t.Value == "}" }
func isSemi(t lexer.Token) bool {
	return t.Value == ";" && (t.Type == TokPunct || t.Type == TokNewline)
}

// dropStatement removes the statement or declaration holding token k, from
// the previous ";", "{" or "}" at the same brace depth to the next ";" at
// that depth (or the "}" that closes the enclosing block). It reports false
// when no progress is possible (an error at the end of the file, or in the
// reflex header).
func dropStatement(toks []lexer.Token, k int) ([]lexer.Token, bool) {
	if toks[k].Type == TokEOF {
		return toks, false
	}
	depth := 0
	for _, t := range toks[:k] {
		if isOpen(t) {
			depth++
		} else if isClose(t) && depth > 0 {
			depth--
		}
	}
	if depth == 0 {
		return toks, false
	}
	start, d := 0, 0
	for j := k - 1; j >= 0; j-- {
		t := toks[j]
		if isClose(t) {
			if d == 0 {
				start = j + 1
				break
			}
			d++
		} else if isOpen(t) {
			if d == 0 {
				start = j + 1
				break
			}
			d--
		} else if isSemi(t) && d == 0 {
			start = j + 1
			break
		}
	}
	end, d := len(toks)-1, 0 // exclusive
	for e := k; e < len(toks)-1; e++ {
		t := toks[e]
		if isOpen(t) {
			d++
		} else if isClose(t) {
			if d == 0 {
				end = e
				break
			}
			d--
			if d == 0 && e+1 < len(toks) && isSemi(toks[e+1]) {
				end = e + 2
				break
			}
		} else if isSemi(t) && d == 0 {
			end = e + 1
			break
		}
	}
	if end <= start {
		if k < len(toks)-1 && toks[k].Type != TokEOF {
			end = k + 1
			start = k
		} else {
			return toks, false
		}
	}
	out := make([]lexer.Token, 0, len(toks)-(end-start))
	out = append(out, toks[:start]...)
	return append(out, toks[end:]...), true
}

// foreign lists constructs from other languages that LLMs reach for, with
// the reflex way to say them.
var foreign = map[string]string{
	"while":    "reflex has no while loops (every tick must finish in bounded time); use `for i in 0..N { … }` with a constant N, or keep progress in a `state` variable across ticks",
	"loop":     "reflex has no unbounded loops; use `for i in 0..N { … }` with a constant N",
	"elif":     "write `else if`",
	"elsif":    "write `else if`",
	"var":      "declare a tick-local value with `let NAME = VALUE`, or a value that persists across ticks with `state NAME: TYPE = VALUE`",
	"func":     "declare functions with `fn NAME(ARG: TYPE) -> TYPE { … }`",
	"def":      "declare functions with `fn NAME(ARG: TYPE) -> TYPE { … }`",
	"function": "declare functions with `fn NAME(ARG: TYPE) -> TYPE { … }`",
	"switch":   "use `if … else if … else`",
	"match":    "use `if … else if … else`",
	"break":    "reflex loops always run their full constant range; guard the body with `if` instead",
	"continue": "guard the rest of the loop body with `if` instead",
}

// syntaxDiag turns a parse error at token k into a diagnostic: what was
// found, what was expected, and a hint where the mistake is a known one.
func syntaxDiag(file string, toks []lexer.Token, k int, err error) diag.Diagnostic {
	t := toks[k]
	end := tokEnd(&t)
	msg := err.Error()
	var ute *participle.UnexpectedTokenError
	var pe *ParseError
	var perr participle.Error
	switch {
	case errors.As(err, &pe):
		msg, end = pe.Msg, pe.End
		if pe.Pos.Offset != t.Pos.Offset {
			t.Pos = pe.Pos
		}
	case errors.As(err, &ute):
		msg = "unexpected " + describe(&t)
		if exp := expected(ute.Expect); exp != "" {
			msg += "; expected " + exp
		}
	case errors.As(err, &perr):
		msg = perr.Message()
	}
	d := diag.Diagnostic{Code: "R001", Severity: diag.Error, Span: span(file, t.Pos, end), Message: msg}
	// A statement that starts with a word from another language.
	first := statementStart(toks, k)
	if first.Type == TokIdent {
		if h, ok := foreign[first.Value]; ok && h != "" {
			fe := tokEnd(&first)
			d.Code, d.Span = "R004", span(file, first.Pos, fe)
			d.Message = fmt.Sprintf("%q is not a reflex statement", first.Value)
			d.Hint = h
			return d
		}
	}
	if strings.HasPrefix(d.Message, "unexpected ") && !strings.Contains(d.Message, "expected ") {
		if exp := expectedHere(toks, k, first); exp != "" {
			d.Message += "; expected " + exp
		}
	}
	switch {
	case t.Value == "=" && t.Type == TokPunct && first.Type == TokKeyword && (first.Value == "if" || first.Value == "else"):
		d.Hint = "use `==` to compare; `=` assigns, and only as a statement"
	case strings.HasPrefix(d.Message, "expected the end of the statement"):
		d.Hint = "put each statement on its own line or separate statements with ';' (a number followed by a name, as in `2 z`, reads as a value with a unit)"
	case t.Type == TokPunct && t.Value == "{" && first.Type == TokKeyword && first.Value == "for":
		d.Hint = "a loop is written `for i in 0..N { … }`"
	case t.Type == TokKeyword && IsKeyword(t.Value) && k > 0:
		d.Hint = fmt.Sprintf("%q is a reserved word; pick another name", t.Value)
		if !isNameContext(toks, k) {
			d.Hint = ""
		}
	}
	return d
}

// expectedHere guesses what the grammar wanted at token k when participle
// does not say, from the tokens just before it.
func expectedHere(toks []lexer.Token, k int, first lexer.Token) string {
	if k == 0 {
		return ""
	}
	prev := toks[k-1]
	switch {
	case prev.Type == TokIdent && first.Type == TokKeyword:
		switch first.Value {
		case "sensor", "actuator", "outbox", "inbox":
			return "':' and a type after the name, as in `" + first.Value + " NAME: num[m] @ 16`"
		case "param", "const", "state":
			return "':' and a type, or '=' and a value, after the name"
		case "fn":
			return "':' and a type after the parameter name, as in `fn f(x: num[m]) -> num[m] { … }`"
		case "on":
			return "'{' to start the handler body"
		}
	case prev.Type == TokKeyword && isNameContext(toks, k):
		return "a name"
	case prev.Type == TokPunct && prev.Value == "{" && k == 3:
		return "a declaration (intent, sensor, actuator, param, const, state, on, every, fn…)"
	}
	return ""
}

// isNameContext reports whether token k sits where a name was expected
// (after a declaring keyword), so a reserved word there is the likely
// mistake.
func isNameContext(toks []lexer.Token, k int) bool {
	j := k - 1
	if j < 0 || toks[j].Type != TokKeyword {
		return false
	}
	switch toks[j].Value {
	case "let", "sensor", "actuator", "param", "const", "state", "fn", "outbox", "inbox", "reflex", "for", "as":
		return true
	}
	return false
}

// statementStart returns the first token of the statement holding k.
func statementStart(toks []lexer.Token, k int) lexer.Token {
	j := k
	for j > 0 {
		p := toks[j-1]
		if isSemi(p) || isOpen(p) || isClose(p) {
			break
		}
		j--
	}
	return toks[j]
}

// expected rewrites participle's grammar fragment into words.
func expected(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r := strings.NewReplacer("<ident>", "a name", "<string>", "a string", "<number>", "a number",
		"Expr", "an expression", "TypeExpr", "a type", "Stmt", "a statement", "Decl", "a declaration",
		"Ident", "a name", `"`, "'")
	return r.Replace(s)
}

// ownLine reports whether only blanks precede offset on its line: a "///"
// after code is an ordinary end-of-line comment, not documentation.
func ownLine(src []byte, offset int) bool {
	for i := offset - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			return false
		}
	}
	return true
}

// attachDocs gives declarations the "///" comments on the lines just above
// them, and the reflex its narrative.
func attachDocs(f *File) {
	byLine := map[int]string{}
	for _, c := range f.Comments {
		if c.Doc() && ownLine(f.Src, c.Pos.Offset) {
			byLine[c.Pos.Line] = strings.TrimSpace(strings.TrimPrefix(c.Text, "///"))
		}
	}
	docAbove := func(line int) string {
		var lines []string
		for l := line - 1; ; l-- {
			s, ok := byLine[l]
			if !ok {
				break
			}
			lines = append([]string{s}, lines...)
		}
		return strings.Join(lines, "\n")
	}
	f.Reflex.Doc = docAbove(f.Reflex.Pos.Line)
	for _, d := range f.Reflex.Decls {
		if d == nil {
			continue
		}
		start, _ := d.Span()
		if !ownLine(f.Src, start.Offset) {
			continue // the comments above belong to what starts that line
		}
		doc := docAbove(start.Line)
		switch d := d.(type) {
		case *IODecl:
			d.Doc = doc
		case *MsgDecl:
			d.Doc = doc
		case *VarDecl:
			d.Doc = doc
		case *HandlerDecl:
			d.Doc = doc
		case *EveryDecl:
			d.Doc = doc
		case *FuncDecl:
			d.Doc = doc
		}
	}
}

// fixEnds corrects the end positions participle records. Participle ends a
// node where the next token starts; our nodes end just past their own last
// token (whitespace produces no tokens). Hand-parsed nodes are already
// right, and the correction leaves them unchanged.
func fixEnds(r *Reflex, toks []lexer.Token) {
	fix := func(n *Node) {
		j := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= n.EndPos.Offset })
		for j > 0 && toks[j-1].Type == TokNewline {
			j--
		}
		if j > 0 && toks[j-1].Pos.Offset >= n.Pos.Offset {
			n.EndPos = tokEnd(&toks[j-1])
		}
	}
	id := func(i *Ident) {
		if i != nil {
			fix(&i.Node)
		}
	}
	fix(&r.Node)
	id(r.Name)
	for _, d := range r.Decls {
		switch d := d.(type) {
		case *IntentDecl:
			fix(&d.Node)
			if d.Text != nil {
				fix(&d.Text.Node)
			}
		case *TrustDecl:
			fix(&d.Node)
		case *AutonomyDecl:
			fix(&d.Node)
			id(d.Level)
		case *PeriodDecl:
			fix(&d.Node)
		case *IODecl:
			fix(&d.Node)
			id(d.Name)
			if d.Range != nil {
				fix(&d.Range.Node)
			}
		case *MsgDecl:
			fix(&d.Node)
			id(d.Name)
		case *VarDecl:
			fix(&d.Node)
			id(d.Name)
		case *HandlerDecl:
			fix(&d.Node)
			id(d.Event)
		case *EveryDecl:
			fix(&d.Node)
		case *FuncDecl:
			fix(&d.Node)
			id(d.Name)
			for _, p := range d.Params {
				fix(&p.Node)
				id(p.Name)
			}
		}
	}
}
