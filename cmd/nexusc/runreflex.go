package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/sim"
	"github.com/nexusfleet/nexus/vm"
	"github.com/spf13/pflag"
)

// isReflex reports whether path names reflex source by its extension.
func isReflex(path string) bool { return strings.EqualFold(filepath.Ext(path), ".reflex") }

// reflexRun is what `nexusc run FILE.reflex` needs from the run verb's flags.
type reflexRun struct {
	ticks    int
	scenario string
	state    string
	format   string
	opt      optFlags
}

// bytecodeOnly are the run flags that make no sense for a reflex.
var bytecodeOnly = []string{"raw", "io", "recv", "profile", "policy", "no-validate"}

// runReflex compiles, validates and simulates a reflex and prints its trace.
func runReflex(c command, fs *pflag.FlagSet, r reflexRun, stdout, stderr io.Writer) int {
	for _, name := range bytecodeOnly {
		if fs.Changed(name) {
			return c.usageError(stderr, "--%s applies to bytecode; a reflex takes sensor values and messages from --scenario", name)
		}
	}
	if fs.Changed("max-cycles") && !fs.Changed("budget") {
		v, _ := fs.GetUint64("max-cycles")
		*r.opt.budget = v
	}
	o, st, ok := r.opt.check(c, stderr)
	if !ok {
		return st
	}
	if r.format == "text" {
		r.format = "csv"
	}
	if r.format != "csv" && r.format != "json" {
		return c.usageError(stderr, "--format must be csv or json for a reflex, not %q", r.format)
	}
	diagFormat := map[string]string{"csv": "text", "json": "json"}[r.format]
	if fs.Changed("ticks") && r.ticks < 1 {
		return c.usageError(stderr, "--ticks must be at least 1, not %d", r.ticks)
	}
	if r.state != "text" && r.state != "json" {
		return c.usageError(stderr, "--state must be text or json, not %q", r.state)
	}
	path := fs.Arg(0)
	out, st := compileFile(path, diagFormat, o, stderr)
	if out == nil {
		return st
	}
	var sc *sim.Scenario
	if r.scenario != "" {
		data, err := os.ReadFile(r.scenario)
		if err != nil {
			report(stderr, diagFormat, fileError(r.scenario, "IO001", fmt.Sprintf("cannot read file: %v", unwrapPath(err)), ""), nil)
			return exitUsage
		}
		parse := sim.ParseCSV
		if strings.EqualFold(filepath.Ext(r.scenario), ".json") {
			parse = sim.ParseJSON
		}
		sc, err = parse(r.scenario, data, out.Meta, out.Messages)
		if err != nil {
			var se *sim.Error
			if errors.As(err, &se) {
				report(stderr, diagFormat, diag.List{se.Diagnostic()}, diag.Sources{r.scenario: data})
			} else {
				fmt.Fprintf(stderr, "nexusc run: %v\n", err)
			}
			return exitRejected
		}
	}
	ticks := r.ticks
	if !fs.Changed("ticks") && sc != nil && len(sc.Rows) > 0 {
		ticks = sc.Rows[len(sc.Rows)-1].Tick + 1
	}
	if sc != nil && len(sc.Rows) > 0 && sc.Rows[len(sc.Rows)-1].Tick >= ticks {
		fmt.Fprintf(stderr, "nexusc run: note: the scenario goes on to tick %d; only ticks 0..%d run (--ticks %d)\n", sc.Rows[len(sc.Rows)-1].Tick, ticks-1, ticks)
	}
	tr, err := sim.Run(out.File, out.Meta, sc, sim.Options{Ticks: ticks, Budget: o.Budget, Messages: out.Messages})
	if err != nil {
		fmt.Fprintf(stderr, "nexusc run: %v\n", err)
		return exitUsage
	}
	if tr.Init != nil && tr.Init.Stop != vm.StopHalted {
		fmt.Fprintf(stderr, "nexusc run: the init entry stopped (%s) at pc %d after %d cycles\n",
			stopText(tr.Init.Stop, tr.Init.Trap), tr.Init.PC, tr.Init.Cycles)
	}
	switch {
	case r.state == "json":
		b, err := vm.Report(tr.State, tr.Writes)
		if err == nil {
			_, err = fmt.Fprintf(stdout, "%s\n", b)
		}
		if err != nil {
			fmt.Fprintf(stderr, "nexusc run: %v\n", err)
			return exitUsage
		}
	case r.format == "json":
		err = tr.WriteJSON(stdout)
	default:
		err = tr.WriteCSV(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "nexusc run: %v\n", err)
		return exitUsage
	}
	for _, t := range tr.Ticks {
		if strings.HasPrefix(t.Failsafe, "trap") {
			fmt.Fprintf(stderr, "nexusc run: tick %d stopped (%s) and the failsafe entry ran\n", t.Tick, t.Failsafe)
			return exitRejected
		}
	}
	return exitOK
}
