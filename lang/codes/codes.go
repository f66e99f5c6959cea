// Package codes is the registry of reflex diagnostic codes: for each stable
// code its default severity, a one-line title, a long explanation, and a
// bad and a fixed example. `nexusc explain CODE` prints an entry;
// spec/reflex.md documents every entry (a test keeps the two in step), and
// a test in lang/check proves each bad example produces its code and each
// fixed example checks cleanly.
//
// Codes are append-only: a code is never renumbered or reused. Ranges:
// R0xx syntax, R1xx names, R2xx types and units, R3xx statements and flow,
// R4xx declarations and structure, R5xx constants, R6xx the compiler's
// back end.
//
// The registry has two halves, by who reports a code. All lists the
// checker's codes (lang/check proves their examples and the corpus covers
// them); Backend lists the codes lang/compile reports after checking —
// a program that checks cleanly but cannot be emitted — whose examples
// lang/compile proves. Lookup finds either.
package codes

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
)

// Entry documents one diagnostic code.
type Entry struct {
	Code     string
	Severity diag.Severity
	Title    string // lower-case, no trailing period
	Explain  string // paragraphs: what the rule is and why it exists
	Bad      string // a complete reflex file that produces the code
	Fixed    string // the same file, corrected; checks with no diagnostics
}

var registry = map[string]*Entry{}

func register(es ...*Entry) {
	for _, e := range es {
		if _, dup := registry[e.Code]; dup {
			panic("codes: duplicate " + e.Code)
		}
		registry[e.Code] = e
	}
}

// backend holds the codes lang/compile reports (R6xx).
var backend = map[string]*Entry{}

func registerBackend(es ...*Entry) {
	for _, e := range es {
		if _, dup := backend[e.Code]; dup || registry[e.Code] != nil {
			panic("codes: duplicate " + e.Code)
		}
		backend[e.Code] = e
	}
}

// Lookup returns the entry for code (case-insensitive), the checker's or
// the back end's, or nil.
func Lookup(code string) *Entry {
	code = strings.ToUpper(code)
	if e := registry[code]; e != nil {
		return e
	}
	return backend[code]
}

// All returns every entry the checker reports, ordered by code.
func All() []*Entry { return sorted(registry) }

// Backend returns every entry the compiler's back end reports (lang/
// compile), ordered by code.
func Backend() []*Entry { return sorted(backend) }

func sorted(m map[string]*Entry) []*Entry {
	out := make([]*Entry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Text renders an entry for `nexusc explain`.
func (e *Entry) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n\n%s\n", e.Code, e.Severity, e.Title, strings.TrimSpace(e.Explain))
	if e.Bad != "" {
		fmt.Fprintf(&b, "\nExample that produces %s:\n\n%s\n", e.Code, indent(e.Bad))
	}
	if e.Fixed != "" {
		fmt.Fprintf(&b, "\nFixed:\n\n%s\n", indent(e.Fixed))
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
