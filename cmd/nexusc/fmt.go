package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/format"
)

var fmtCmd = command{
	name:    "fmt",
	args:    "FILE.reflex…",
	summary: "Print reflex source in the one canonical layout.",
	detail: `
Without flags the formatted source is printed on stdout (for several files,
one after the other). The layout is described in lang/format and
spec/reflex.md section 11 — four-space indentation, the header (intent,
trust, autonomy, period) first, one blank line at most between groups; it is
idempotent, keeps every comment and never changes what a program means. A file with a
syntax error is not formatted; its diagnostics go to stderr.

-w rewrites each file whose layout differs, in place; -l lists those files;
-d prints a unified diff of the changes fmt would make. With -l or -d (and
without -w, which fixes the files) the exit status is 1 if any file is not
formatted, which suits a CI check.
--format json prints the syntax errors (and unreadable files) of all the
files as one JSON array on stderr — stdout carries the source, the list or
the diff — in the shape of 'nexusc check --format json'.

Exit status: 0 success, 1 a syntax error (or, with -l or -d, a file that is
not formatted), 2 usage or I/O error.`,
	examples: []string{
		"nexusc fmt examples/depth_keeper.reflex",
		"nexusc fmt -w examples/*.reflex",
		"nexusc fmt -d mission.reflex",
		"nexusc fmt -l examples/*.reflex",
	},
}

func init() {
	register(verb{name: "fmt", summary: "print reflex in the canonical layout", run: runFmt})
}

func runFmt(args []string, stdout, stderr io.Writer) int {
	c := fmtCmd
	fs := c.flags(stderr)
	write := fs.BoolP("write", "w", false, "write the result to each file instead of stdout")
	diff := fs.BoolP("diff", "d", false, "print a unified diff instead of the formatted source")
	list := fs.BoolP("list", "l", false, "list the files whose layout differs")
	outFormat := fs.String("format", "text", "diagnostics `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if *outFormat != "text" && *outFormat != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *outFormat)
	}
	if fs.NArg() == 0 {
		return c.usageError(stderr, "name at least one .reflex file to format")
	}
	status := exitOK
	fail := func(st int) {
		if status == exitOK || st == exitUsage {
			status = st
		}
	}
	var problems diag.List
	for _, path := range fs.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			l := fileError(path, "IO001", fmt.Sprintf("cannot read file: %v", unwrapPath(err)), "")
			if *outFormat == "json" {
				problems = append(problems, l...)
			} else {
				diag.Render(stderr, l, nil)
			}
			fail(exitUsage)
			continue
		}
		out, ds := format.Source(path, src)
		if out == nil {
			if *outFormat == "json" {
				problems = append(problems, ds...)
			} else {
				diag.Render(stderr, ds, diag.Sources{path: src})
			}
			fail(exitRejected)
			continue
		}
		changed := !bytes.Equal(out, src)
		if *list && changed {
			fmt.Fprintln(stdout, path)
		}
		if *diff && changed {
			fmt.Fprint(stdout, unifiedDiff(path, string(src), string(out)))
		}
		if (*list || *diff) && changed && !*write {
			fail(exitRejected) // a CI check: the file is not formatted
		}
		if *write && changed {
			info, err := os.Stat(path)
			if err == nil {
				err = os.WriteFile(path, out, info.Mode().Perm())
			}
			if err != nil {
				l := fileError(path, "IO002", fmt.Sprintf("cannot write file: %v", unwrapPath(err)), "")
				if *outFormat == "json" {
					problems = append(problems, l...)
				} else {
					diag.Render(stderr, l, nil)
				}
				fail(exitUsage)
			}
		}
		if !*write && !*list && !*diff {
			stdout.Write(out)
		}
	}
	if *outFormat == "json" && len(problems) > 0 {
		// The same shape as `nexusc check --format json`.
		all := make([]jsonDiag, 0, len(problems))
		for _, d := range problems {
			all = append(all, toJSONDiag(d))
		}
		enc := json.NewEncoder(stderr)
		enc.SetIndent("", "  ")
		_ = enc.Encode(all)
	}
	return status
}

// unifiedDiff is a line diff of a and b in unified format with three lines
// of context, from a longest-common-subsequence alignment (reflex files are
// small, so the quadratic table is fine).
func unifiedDiff(path, a, b string) string {
	x, y := splitLines(a), splitLines(b)
	n, m := len(x), len(y)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte // ' ', '-', '+'
		text string
		i, j int // 0-based line in a and b before this op
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, op{' ', x[i], i, j})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', x[i], i, j})
			i++
		default:
			ops = append(ops, op{'+', y[j], i, j})
			j++
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s (formatted)\n", path, path)
	const ctx = 3
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(k-ctx, 0)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run-end > 2*ctx || run == len(ops) {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		var la, lb int
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				la++
			}
			if o.kind != '-' {
				lb++
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(ops[start].i, la), hunkRange(ops[start].j, lb))
		for _, o := range ops[start:end] {
			fmt.Fprintf(&sb, "%c%s\n", o.kind, o.text)
		}
		k = end
	}
	return sb.String()
}

// hunkRange spells a hunk's line range as diff(1) does: an empty range
// names the line before it.
func hunkRange(first, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", first)
	}
	return fmt.Sprintf("%d,%d", first+1, n)
}

// splitLines splits s into lines. A last line without a newline carries
// diff's marker, so it differs from the same line with one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	noEOL := !strings.HasSuffix(s, "\n")
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if noEOL {
		lines[len(lines)-1] += "\n\\ No newline at end of file"
	}
	return lines
}
