package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/check"
)

var checkCmd = command{
	name:    "check",
	args:    "FILE.reflex…",
	summary: "Parse and type-check reflex source: syntax, names, types and units, flow and safety rules.",
	detail: `
Each FILE is checked on its own; every problem found is reported, not just
the first. Text output goes to stderr: file:line:col, the message, the
source line with the offending range underlined, and a hint where a fix is
known. 'nexusc explain CODE' describes any code at length.

--format json prints one JSON array on stdout holding the diagnostics of
every file, each an object with the keys code, severity (error, warning or
note), file, start and end (objects with line and column, 1-based, columns
in characters, end exclusive), message, hint, related (a list of objects
with file, start, end and message) and fixes (a list of objects with a
message and edits, each edit a file, start, end and newText: replace the
text between start and end with newText).

Exit status: 0 no errors (warnings allowed), 1 any error, 2 usage or I/O
error.`,
	examples: []string{
		"nexusc check examples/depth_keeper.reflex",
		"nexusc check examples/*.reflex",
		"nexusc check --format json mission.reflex",
	},
}

func init() {
	register(verb{name: "check", summary: "parse and type-check reflex source", run: runCheck})
}

type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type jsonRelated struct {
	File    string  `json:"file"`
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	Message string  `json:"message"`
}

type jsonEdit struct {
	File    string  `json:"file"`
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	NewText string  `json:"newText"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonDiag struct {
	Code     string        `json:"code"`
	Severity string        `json:"severity"`
	File     string        `json:"file"`
	Start    jsonPos       `json:"start"`
	End      jsonPos       `json:"end"`
	Message  string        `json:"message"`
	Hint     string        `json:"hint,omitempty"`
	Related  []jsonRelated `json:"related"`
	Fixes    []jsonFix     `json:"fixes"`
}

func toJSONDiag(d diag.Diagnostic) jsonDiag {
	p := func(x diag.Pos) jsonPos { return jsonPos{Line: x.Line, Column: x.Col} }
	j := jsonDiag{Code: d.Code, Severity: d.Severity.String(), File: d.Span.Start.File,
		Start: p(d.Span.Start), End: p(d.Span.End), Message: d.Message, Hint: d.Hint,
		Related: []jsonRelated{}, Fixes: []jsonFix{}}
	for _, r := range d.Related {
		j.Related = append(j.Related, jsonRelated{File: r.Span.Start.File, Start: p(r.Span.Start), End: p(r.Span.End), Message: r.Message})
	}
	if len(d.Edits) > 0 {
		fix := jsonFix{Message: d.Hint}
		if fix.Message == "" {
			fix.Message = "apply the suggested edit"
		}
		for _, e := range d.Edits {
			fix.Edits = append(fix.Edits, jsonEdit{File: e.Span.Start.File, Start: p(e.Span.Start), End: p(e.Span.End), NewText: e.NewText})
		}
		j.Fixes = append(j.Fixes, fix)
	}
	return j
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	c := checkCmd
	fs := c.flags(stderr)
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if *format != "text" && *format != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *format)
	}
	if fs.NArg() == 0 {
		return c.usageError(stderr, "name at least one .reflex file to check")
	}
	status := exitOK
	all := []jsonDiag{}
	for _, path := range fs.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			l := fileError(path, "IO001", fmt.Sprintf("cannot read file: %v", unwrapPath(err)), "")
			if *format == "json" {
				all = append(all, toJSONDiag(l[0]))
			} else {
				diag.Render(stderr, l, nil)
			}
			status = exitUsage
			continue
		}
		_, _, ds := check.Source(path, src)
		if ds.HasErrors() && status == exitOK {
			status = exitRejected
		}
		if *format == "json" {
			for _, d := range ds {
				all = append(all, toJSONDiag(d))
			}
			continue
		}
		diag.Render(stderr, ds, diag.Sources{path: src})
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(all)
	}
	return status
}
