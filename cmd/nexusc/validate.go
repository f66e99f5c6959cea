package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/disasm"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var validateCmd = command{
	name:    "validate",
	args:    "FILE",
	summary: "Prove a program safe to run: structure, control flow, stack, memory, cycle bound and capabilities.",
	detail: `
FILE is assembly (.s), a .nxb container, or with --raw a bare instruction
stream. The rules and the diagnostic codes (V1xx..V6xx) are in
spec/validator.md.

The strict policy (the default, for anything deployed) rejects loops, a
worst-case cycle count (WCET) above the budget, and any memory access or
divisor it cannot prove safe. The budget policy allows loops (the VM's cycle
budget is the guard) and turns unproven memory and divisor facts into
warnings, since the VM checks them at run time.

Text output: each diagnostic with the offending instruction in a
disassembly excerpt (stderr), then a summary (stdout). --format json prints
one object with the keys ok, wcet (null when unbounded), max_stack,
manifest and diagnostics on stdout.

Exit status: 0 accepted, 1 rejected, 2 usage or input error.`,
	examples: []string{
		"nexusc validate examples/playground.s",
		"nexusc validate prog.nxb --policy budget",
		"nexusc validate prog.nxb --budget 5000 --format json",
		"nexusc validate --raw prog.bin",
	},
}

func init() {
	register(verb{name: "validate", summary: "prove bytecode safe before it runs", run: runValidate})
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	c := validateCmd
	fs := c.flags(stderr)
	raw := fs.Bool("raw", false, "read FILE as a bare instruction stream")
	policy := fs.String("policy", "strict", "validation `POLICY`: strict (no loops, proven memory) or budget (loops allowed, the VM's budget guards)")
	budget := fs.Uint64("budget", isa.DefaultBudget, "cycle budget of each activation, `N` cycles")
	profile := fs.String("profile", "esp32", "execution `PROFILE`: esp32 or jetson")
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one input file, got %d", fs.NArg())
	}
	pol, ok := validator.PolicyByName(*policy)
	if !ok {
		return c.usageError(stderr, "--policy must be strict or budget, not %q", *policy)
	}
	prof, ok := isa.ProfileByName(*profile)
	if !ok {
		return c.usageError(stderr, "--profile must be esp32 or jetson, not %q", *profile)
	}
	if *budget < 1 {
		return c.usageError(stderr, "--budget must be at least 1")
	}
	if *format != "text" && *format != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *format)
	}
	path := fs.Arg(0)
	f, ok, _ := load(path, *raw, *format, stderr)
	if !ok {
		return exitUsage
	}
	r := validator.Validate(f, validator.Options{Policy: pol, Budget: *budget, Profile: prof, File: path})
	if *format == "json" {
		if err := writeResultJSON(stdout, r); err != nil {
			fmt.Fprintf(stderr, "nexusc validate: %v\n", err)
			return exitUsage
		}
	} else {
		renderValidation(stderr, f, r, sourcesFor(path, *raw), *raw)
		summary(stdout, path, r)
	}
	if !r.OK {
		return exitRejected
	}
	return exitOK
}

// sourcesFor returns the assembly text of path for caret snippets.
func sourcesFor(path string, raw bool) diag.Sources {
	if raw || !isSource(path) {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return diag.Sources{path: b}
}

// writeResultJSON writes exactly the keys ok, wcet, max_stack, manifest and
// diagnostics.
func writeResultJSON(w io.Writer, r *validator.Result) error {
	l := r.Diagnostics
	if l == nil {
		l = diag.List{}
	}
	b, err := json.Marshal(struct {
		OK          bool               `json:"ok"`
		WCET        *uint64            `json:"wcet"`
		MaxStack    int                `json:"max_stack"`
		Manifest    validator.Manifest `json:"manifest"`
		Diagnostics diag.List          `json:"diagnostics"`
	}{r.OK, r.WCET, r.MaxStack, r.Manifest, l})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// summary prints the verdict, WCET, stack depth and manifest.
func summary(w io.Writer, path string, r *validator.Result) {
	errs, warns := 0, 0
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warns++
		}
	}
	verdict := "accepted"
	if !r.OK {
		verdict = "rejected"
	}
	fmt.Fprintf(w, "%s: %s (%d errors, %d warnings)\n", path, verdict, errs, warns)
	for _, e := range r.Entries {
		fmt.Fprintf(w, "  %-9s pc %#04x  wcet %s  max stack %d\n", e.Name, e.PC, wcetText(e.WCET), e.MaxStack)
	}
	m := r.Manifest
	fmt.Fprintf(w, "  reads     %s\n", channels(m.Reads))
	var writes []string
	for _, ch := range m.Writes {
		s := strconv.Itoa(int(ch))
		if rg, ok := m.WriteRanges[ch]; ok {
			s += " " + rg
		}
		writes = append(writes, s)
	}
	fmt.Fprintf(w, "  writes    %s\n", orNone(writes))
	fmt.Fprintf(w, "  sends     %s\n", channels(m.Sends))
	fmt.Fprintf(w, "  a2a       %s\n", orNone(m.A2A))
}

func wcetText(w *uint64) string {
	if w == nil {
		return "unbounded"
	}
	return strconv.FormatUint(*w, 10) + " cycles"
}

func channels(chs []uint8) string {
	var s []string
	for _, c := range chs {
		s = append(s, strconv.Itoa(int(c)))
	}
	return orNone(s)
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

var addrComment = regexp.MustCompile(`^(.*?)\s*; ([0-9A-F]{4,}): `)

// renderValidation prints each diagnostic as diag.Render does, followed by
// a disassembly excerpt with a caret under the offending instruction.
func renderValidation(w io.Writer, f *nxb.File, r *validator.Result, src diag.Sources, raw bool) {
	var lines []string
	at := map[uint32]int{} // pc -> index in lines
	for _, d := range r.Diagnostics {
		if d.PC == nil {
			continue
		}
		if lines == nil {
			text := disasm.Text(f, disasm.Options{Addresses: true, Raw: raw})
			lines = strings.Split(string(text), "\n")
			for k, l := range lines {
				if m := addrComment.FindStringSubmatch(l); m != nil {
					pc, _ := strconv.ParseUint(m[2], 16, 32)
					at[uint32(pc)] = k
					lines[k] = fmt.Sprintf("%04x %s", pc, m[1])
				} else if strings.HasSuffix(l, ":") {
					lines[k] = "     " + l
				} else {
					lines[k] = ""
				}
			}
		}
		break
	}
	for _, d := range r.Diagnostics {
		hint := d.Hint
		d.Hint = ""
		diag.Render(w, diag.List{d}, src)
		if d.PC != nil {
			if k, ok := at[*d.PC]; ok {
				excerpt(w, lines, k)
			}
		}
		if hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", hint)
		}
	}
}

// excerpt prints a few disassembly lines around line k with a caret line
// under it.
func excerpt(w io.Writer, lines []string, k int) {
	from, to := k, k
	for n := 0; n < 3 && from > 0 && lines[from-1] != ""; n++ {
		from--
	}
	for n := 0; n < 2 && to+1 < len(lines) && lines[to+1] != ""; n++ {
		to++
	}
	fmt.Fprintln(w, "  disassembly:")
	for i := from; i <= to; i++ {
		fmt.Fprintf(w, "    %s\n", lines[i])
		if i == k {
			text := strings.TrimLeft(lines[i][5:], " ")
			lead := len(lines[i]) - len(text)
			fmt.Fprintf(w, "    %s%s\n", strings.Repeat(" ", lead), strings.Repeat("^", len(text)))
		}
	}
}
