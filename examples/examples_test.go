// Package examples_test compiles every example reflex at each optimisation
// level, runs it on its scenario (examples/scenarios/NAME.csv) and
// compares the actuator trace with the expected one in
// testdata/traces/NAME.csv; the -O2 disassembly is compared with
// testdata/disasm/NAME.s. Both golden sets are rewritten only with
// -update, after reading the diff.
package examples_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/disasm"
	"github.com/nexusfleet/nexus/lang/compile"
	"github.com/nexusfleet/nexus/lang/sim"
)

var update = flag.Bool("update", false, "rewrite the expected traces and disassembly")

// extraTicks run after a scenario's last row, so the behaviour it starts
// (a ramp, a countdown) shows in the trace.
const extraTicks = 15

func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("*.reflex")
	if len(files) < 8 {
		t.Fatalf("found %d examples, want at least 8", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(path, ".reflex")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			scPath := filepath.Join("scenarios", name+".csv")
			scSrc, err := os.ReadFile(scPath)
			if err != nil {
				t.Fatalf("every example needs a scenario: %v", err)
			}
			for _, level := range []int{0, 1, 2} {
				out, ds := compile.Source(path, src, compile.Options{Level: level})
				if ds.HasErrors() || out == nil {
					t.Fatalf("-O%d: %v", level, ds)
				}
				if out.Stats.WCET == 0 || out.Stats.Instructions == 0 {
					t.Errorf("-O%d: empty stats %+v", level, out.Stats)
				}
				sc, err := sim.ParseCSV(scPath, scSrc, out.Meta, out.Messages)
				if err != nil {
					t.Fatal(err)
				}
				ticks := sc.Rows[len(sc.Rows)-1].Tick + 1 + extraTicks
				tr, err := sim.Run(out.File, out.Meta, sc, sim.Options{Ticks: ticks, Messages: out.Messages})
				if err != nil {
					t.Fatalf("-O%d: %v", level, err)
				}
				golden(t, filepath.Join("testdata", "traces", name+".csv"), behaviour(tr), level == 0)
				if level == 2 {
					golden(t, filepath.Join("testdata", "disasm", name+".s"), string(disasm.Text(out.File, disasm.Options{})), true)
				}
			}
		})
	}
}

// behaviour renders what a trace shows the outside world: actuator values
// and messages per tick, and failsafe activations. Cycle counts are left
// out; they differ between optimisation levels by design.
func behaviour(tr *sim.Trace) string {
	var b strings.Builder
	b.WriteString("tick")
	for _, a := range tr.Actuators {
		b.WriteString("," + a.Name)
	}
	b.WriteString(",failsafe,sent\n")
	for _, tk := range tr.Ticks {
		fmt.Fprintf(&b, "%d", tk.Tick)
		for k, a := range tr.Actuators {
			b.WriteString("," + sim.FormatRaw(a.Kind, tk.Actuators[k]))
		}
		b.WriteString("," + tk.Failsafe + ",")
		for k, s := range tk.Sent {
			if k > 0 {
				b.WriteString(" ")
			}
			kind := tr.Messages[s.Outbox]
			fmt.Fprintf(&b, "%s=%s", s.Outbox, sim.FormatRaw(kind, s.Raw))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// golden compares got with the file, or writes it under -update when
// write is set (one level writes, every level compares).
func golden(t *testing.T, path, got string, write bool) {
	t.Helper()
	if *update && write {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./examples -update to create it)", err)
	}
	if !bytes.Equal(want, []byte(got)) {
		t.Errorf("%s differs (-want +got):\n%s", path, cmp.Diff(string(want), got))
	}
}
