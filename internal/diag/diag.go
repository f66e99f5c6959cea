// Package diag is the one diagnostic type shared by every NEXUS tool: the
// assembler, container reader, validator, compiler and language server all
// report problems as Diagnostics, and every front end renders them the same
// way — a plain-text form with file:line:col and a caret snippet for people,
// and a JSON form for agents (`--format json`).
//
// Positions are 1-based lines and 1-based columns counted in bytes; the
// language server converts to UTF-16 at its edge. Codes are stable strings
// such as "A001" (assembler) or "V104" (validator): they are appended, never
// renumbered, and documented where the tool that emits them is specified.
package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity orders diagnostics; an Error makes the input unacceptable.
type Severity uint8

const (
	Error Severity = iota
	Warning
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// MarshalJSON renders the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Pos is a position in a source file. Line 0 means "the whole file".
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Span is a half-open range on one line or across lines. End may equal Start
// for a point.
type Span struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// Related is a secondary location with its own message ("first defined here").
type Related struct {
	Span    Span   `json:"span"`
	Message string `json:"message"`
}

// Edit is a suggested replacement of the text in Span.
type Edit struct {
	Span    Span   `json:"span"`
	NewText string `json:"newText"`
}

// Diagnostic is one problem found in an input.
type Diagnostic struct {
	Code     string    `json:"code"`
	Severity Severity  `json:"severity"`
	Span     Span      `json:"span"`
	Message  string    `json:"message"`
	Hint     string    `json:"hint,omitempty"`
	Related  []Related `json:"related,omitempty"`
	Edits    []Edit    `json:"edits,omitempty"`
	// PC is the byte address of the instruction a bytecode diagnostic is
	// about (validator, container); nil for source-only diagnostics.
	PC *uint32 `json:"pc,omitempty"`
}

func (d Diagnostic) Error() string {
	s := fmt.Sprintf("%s: %s: %s [%s]", d.Span.Start, d.Severity, d.Message, d.Code)
	if d.Hint != "" {
		s += " (hint: " + d.Hint + ")"
	}
	return s
}

// List is a set of diagnostics. As an error it reports its errors.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders by file, line, column, then severity, and removes exact
// duplicates, so output is stable whatever order the checks ran in.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i].Span.Start, s[j].Span.Start
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return s[i].Severity < s[j].Severity
	})
	out := s[:0]
	for k, d := range s {
		if k > 0 && d.Span == s[k-1].Span && d.Message == s[k-1].Message && d.Code == s[k-1].Code {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Err returns the list as an error if it holds any Error, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

func (l List) Error() string {
	var errs []string
	for _, d := range l {
		if d.Severity == Error {
			errs = append(errs, d.Error())
		}
	}
	switch len(errs) {
	case 0:
		return "no errors"
	case 1:
		return errs[0]
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0], len(errs)-1)
}

// Sources maps file names to their text, for caret snippets.
type Sources map[string][]byte

// Render writes diagnostics in the human form:
//
//	prog.s:3:5: error: unknown mnemonic "JNE" [A003]
//	    3 |     JNE loop
//	      |     ^^^
//	  hint: did you mean JNZ?
func Render(w io.Writer, l List, src Sources) {
	for _, d := range l {
		fmt.Fprintf(w, "%s: %s: %s [%s]\n", d.Span.Start, d.Severity, d.Message, d.Code)
		snippet(w, d.Span, src)
		for _, r := range d.Related {
			fmt.Fprintf(w, "  %s: note: %s\n", r.Span.Start, r.Message)
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", d.Hint)
		}
	}
}

func snippet(w io.Writer, sp Span, src Sources) {
	text, ok := src[sp.Start.File]
	if !ok || sp.Start.Line <= 0 {
		return
	}
	lines := strings.Split(string(text), "\n")
	if sp.Start.Line > len(lines) {
		return
	}
	line := strings.TrimRight(lines[sp.Start.Line-1], "\r")
	num := fmt.Sprint(sp.Start.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "  %s | %s\n", num, line)
	col := sp.Start.Col
	if col < 1 {
		col = 1
	}
	if col-1 > len(line) {
		col = len(line) + 1
	}
	end := col
	if sp.End.Line == sp.Start.Line && sp.End.Col > col {
		end = min(sp.End.Col, len(line)+1)
	}
	// Columns count bytes; the caret line counts characters, so it lines
	// up under non-ASCII text. Tabs are kept for tab-indented source.
	var lead strings.Builder
	for _, r := range line[:col-1] {
		if r == '\t' {
			lead.WriteByte('\t')
		} else {
			lead.WriteByte(' ')
		}
	}
	width := max(utf8.RuneCountInString(line[col-1:end-1]), 1)
	fmt.Fprintf(w, "  %s | %s%s\n", pad, lead.String(), strings.Repeat("^", width))
}

// JSON writes diagnostics as one JSON object {"diagnostics": [...]} followed
// by a newline; an empty list is written as an empty array.
func JSON(w io.Writer, l List) error {
	if l == nil {
		l = List{}
	}
	enc := json.NewEncoder(w)
	return enc.Encode(struct {
		Diagnostics List `json:"diagnostics"`
	}{l})
}

// Suggest returns the candidate closest to s by edit distance, if it is close
// enough to be a plausible typo; comparison is case-insensitive.
func Suggest(s string, candidates []string) (string, bool) {
	best, bestD := "", 1<<30
	us := strings.ToUpper(s)
	for _, c := range candidates {
		d := distance(us, strings.ToUpper(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := len(s)/3 + 1
	if bestD <= limit && best != "" {
		return best, true
	}
	return "", false
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
