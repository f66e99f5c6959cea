package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/compile"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/spf13/pflag"
)

var buildCmd = command{
	name:    "build",
	args:    "FILE.reflex",
	summary: "Compile a reflex to a validated .nxb program and print its size and worst-case cycles.",
	detail: `
The reflex is checked (as by nexusc check), lowered, optimised at the
chosen level, compiled to bytecode and validated under the strict policy.
The container is written to -o, by default FILE with the extension .nxb,
and one line summarises it: instructions, the tick's worst-case cycles,
call-stack depth and data bytes. --format json prints the summary as one
JSON object with the keys file, output, level, instructions, wcet, budget,
entry_wcet (cycles per entry point), max_stack and data_bytes.

-O0 turns the optimiser off (a plain translation, for stepping through);
-O1 runs constant folding, copy propagation, branch simplification and
dead-code elimination on the IR, and the code generator's own
optimisations (peephole, jumps threaded past decided branches, the steady
flush of rate-limited actuators); -O2 (the default) adds inlining, common
subexpressions, store forwarding and dead stores, strength reduction,
branches on and/or that test one side first, and sinking values to the
paths that use them. -O 2 and --opt 2 also work.

--emit asm prints the generated assembly, --emit ir the optimised IR, to
stdout instead of the summary; with --emit the container is written only
when -o names it.

A program whose worst case exceeds --budget (cycles per activation,
100000 by default) is refused with R601 at the source line that costs the
most. Checker warnings go to stderr and do not fail the build.

Exit status: 0 built, 1 the reflex was rejected, 2 usage or I/O error.`,
	examples: []string{
		"nexusc build examples/depth_keeper.reflex",
		"nexusc build -O0 examples/depth_keeper.reflex -o /tmp/dk.nxb",
		"nexusc build examples/depth_keeper.reflex --emit asm",
		"nexusc build mission.reflex --budget 2000 --format json",
	},
}

func init() {
	register(verb{name: "build", summary: "compile a reflex to a validated .nxb program", run: runBuild})
}

// optFlags are the compiler flags build and run share.
type optFlags struct {
	level  *int
	budget *uint64
}

func addOptFlags(fs *pflag.FlagSet) optFlags {
	return optFlags{
		level:  fs.IntP("opt", "O", compile.DefaultLevel, "optimisation `LEVEL`: 0, 1 or 2 (-O0, -O1, -O2)"),
		budget: fs.Uint64("budget", isa.DefaultBudget, "cycle budget of each tick, `N` cycles; the compiler refuses a reflex whose worst case exceeds it"),
	}
}

func (o optFlags) check(c command, stderr io.Writer) (compile.Options, int, bool) {
	if *o.level < 0 || *o.level > 2 {
		return compile.Options{}, c.usageError(stderr, "-O must be 0, 1 or 2, not %d", *o.level), false
	}
	if *o.budget < 1 {
		return compile.Options{}, c.usageError(stderr, "--budget must be at least 1"), false
	}
	return compile.Options{Level: *o.level, Budget: *o.budget}, 0, true
}

// compileFile reads and compiles a reflex, reporting problems. It returns
// the output, or nil and the exit status.
func compileFile(path, format string, o compile.Options, stderr io.Writer) (*compile.Output, int) {
	src, err := os.ReadFile(path)
	if err != nil {
		report(stderr, format, fileError(path, "IO001", fmt.Sprintf("cannot read file: %v", unwrapPath(err)), ""), nil)
		return nil, exitUsage
	}
	out, ds := compile.Source(path, src, o)
	if len(ds) > 0 {
		report(stderr, format, ds, diag.Sources{path: src})
	}
	if out == nil {
		return nil, exitRejected
	}
	return out, exitOK
}

type buildSummary struct {
	File         string            `json:"file"`
	Output       string            `json:"output"`
	Level        int               `json:"level"`
	Instructions int               `json:"instructions"`
	WCET         uint64            `json:"wcet"`
	Budget       uint64            `json:"budget"`
	EntryWCET    map[string]uint64 `json:"entry_wcet"`
	MaxStack     int               `json:"max_stack"`
	DataBytes    int               `json:"data_bytes"`
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	c := buildCmd
	fs := c.flags(stderr)
	outPath := fs.StringP("output", "o", "", "write the container to `OUT.nxb` (default: FILE with .nxb)")
	of := addOptFlags(fs)
	emit := fs.String("emit", "", "print `WHAT` to stdout instead of the summary: asm or ir")
	format := fs.String("format", "text", "summary and diagnostics `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	o, st, ok := of.check(c, stderr)
	if !ok {
		return st
	}
	if *format != "text" && *format != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *format)
	}
	if *emit != "" && *emit != "asm" && *emit != "ir" {
		return c.usageError(stderr, "--emit must be asm or ir, not %q", *emit)
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one .reflex file, got %d", fs.NArg())
	}
	path := fs.Arg(0)
	out, st := compileFile(path, *format, o, stderr)
	if out == nil {
		return st
	}
	dst := *outPath
	if dst == "" && *emit == "" {
		dst = strings.TrimSuffix(path, filepath.Ext(path)) + ".nxb"
	}
	if dst != "" {
		b, err := out.File.Marshal()
		if err == nil {
			err = os.WriteFile(dst, b, 0o644)
		}
		if err != nil {
			report(stderr, *format, fileError(dst, "IO002", fmt.Sprintf("cannot write the program: %v", unwrapPath(err)), ""), nil)
			return exitUsage
		}
	}
	switch *emit {
	case "asm":
		fmt.Fprint(stdout, out.Asm)
		return exitOK
	case "ir":
		fmt.Fprint(stdout, out.IRText())
		return exitOK
	}
	s := out.Stats
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		_ = enc.Encode(buildSummary{File: path, Output: dst, Level: o.Level, Instructions: s.Instructions, WCET: s.WCET,
			Budget: o.Budget, EntryWCET: s.EntryWCET, MaxStack: s.MaxStack, DataBytes: s.DataBytes})
		return exitOK
	}
	fmt.Fprintf(stdout, "%s: %d instructions, worst case %d cycles per tick (budget %d), stack depth %d, %d data bytes (-O%d)\n",
		dst, s.Instructions, s.WCET, o.Budget, s.MaxStack, s.DataBytes, o.Level)
	return exitOK
}
