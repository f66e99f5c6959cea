// Command nexusc is the NEXUS toolchain driver: it checks, formats,
// compiles and simulates reflex programs, and assembles, disassembles,
// validates and runs NEXUS bytecode.
//
// It is a thin layer: flag parsing and wiring only. Every verb writes its
// results to stdout and diagnostics to stderr, and exits 0 on success, 1
// when the input was rejected (or, for run, the program trapped), 2 on a
// usage or I/O error.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"

	"github.com/nexusfleet/nexus/internal/diag"
)

// Exit statuses shared by every verb.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

type verb struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var verbs = map[string]verb{}

func register(v verb) { verbs[v.name] = v }

func main() {
	// nexusc lives for one command, so it trades memory for fewer garbage
	// collections, as Go's own compiler does: building a 10,000-line
	// reflex allocates about 100 MB in all while its live heap stays small,
	// and collecting four times less often cuts the build by about a tenth
	// (bench/README.md, "Compiler: compile speed"). GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 {
			if v, ok := verbs[args[1]]; ok {
				return v.run([]string{"--help"}, stdout, stderr)
			}
		}
		usage(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "nexusc", version)
		return exitOK
	}
	v, ok := verbs[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "nexusc: unknown command %q\n", args[0])
		if s, ok := diag.Suggest(args[0], verbNames()); ok {
			fmt.Fprintf(stderr, "did you mean %q?\n", s)
		}
		fmt.Fprintln(stderr, "run 'nexusc help' for the list of commands")
		return exitUsage
	}
	return v.run(args[1:], stdout, stderr)
}

func verbNames() []string {
	var names []string
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

const version = "0.1.0-dev"

func usage(w io.Writer) {
	fmt.Fprintln(w, "nexusc is the NEXUS toolchain: check, format, compile and simulate reflex; assemble, disassemble, validate and run NEXUS bytecode.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  nexusc <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, n := range verbNames() {
		fmt.Fprintf(w, "  %-8s %s\n", n, verbs[n].summary)
	}
	fmt.Fprintln(w, "  help     show help for a command: nexusc help <command>")
	fmt.Fprintln(w, "  version  print the toolchain version")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Examples:")
	fmt.Fprintln(w, "  nexusc run examples/depth_keeper.reflex --scenario examples/scenarios/depth_keeper.csv")
	fmt.Fprintln(w, "  nexusc build examples/depth_keeper.reflex -o depth_keeper.nxb")
	fmt.Fprintln(w, "  nexusc run examples/playground.s --io 16=42 --state json")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit status: 0 success, 1 input rejected (or the program trapped), 2 usage or I/O error.")
}
