package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/codes"
)

var explainCmd = command{
	name:    "explain",
	args:    "CODE…",
	summary: "Explain a reflex diagnostic code: the rule, why it exists, and a bad and a fixed example.",
	detail: `
CODE is a code printed by 'nexusc check', such as R201 (case does not
matter). --list prints every code with its one-line title. With --format
json each entry is an object with the keys code, severity, title, explain,
bad and fixed.

Exit status: 0 success, 2 unknown code or usage error.`,
	examples: []string{
		"nexusc explain R201",
		"nexusc explain r208 R413",
		"nexusc explain --list",
		"nexusc explain R301 --format json",
	},
}

func init() {
	register(verb{name: "explain", summary: "explain a reflex diagnostic code", run: runExplain})
}

type explainJSON struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Explain  string `json:"explain,omitempty"`
	Bad      string `json:"bad,omitempty"`
	Fixed    string `json:"fixed,omitempty"`
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	c := explainCmd
	fs := c.flags(stderr)
	list := fs.Bool("list", false, "list every code with its title")
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if *format != "text" && *format != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *format)
	}
	var entries []*codes.Entry
	switch {
	case *list:
		entries = codes.All()
	case fs.NArg() == 0:
		return c.usageError(stderr, "name a code to explain (for example R201), or use --list")
	default:
		var all []string
		for _, e := range codes.All() {
			all = append(all, e.Code)
		}
		for _, a := range fs.Args() {
			e := codes.Lookup(a)
			if e == nil {
				fmt.Fprintf(stderr, "nexusc explain: unknown code %q\n", a)
				if s, ok := diag.Suggest(strings.ToUpper(a), all); ok {
					fmt.Fprintf(stderr, "did you mean %s?\n", s)
				}
				fmt.Fprintln(stderr, "run 'nexusc explain --list' for every code")
				return exitUsage
			}
			entries = append(entries, e)
		}
	}
	if *format == "json" {
		out := make([]explainJSON, 0, len(entries))
		for _, e := range entries {
			j := explainJSON{Code: e.Code, Severity: e.Severity.String(), Title: e.Title}
			if !*list {
				j.Explain, j.Bad, j.Fixed = strings.TrimSpace(e.Explain), e.Bad, e.Fixed
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
		return exitOK
	}
	for i, e := range entries {
		if *list {
			fmt.Fprintf(stdout, "%s  %-7s  %s\n", e.Code, e.Severity, e.Title)
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, e.Text())
	}
	return exitOK
}
