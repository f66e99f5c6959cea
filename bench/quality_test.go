package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/lang/compile"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/sim"
	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm/nxb"
)

const (
	examplesDir = "../examples"
	handDir     = "hand"
	// minTicks is the shortest simulation: a scenario shorter than this
	// runs on with its last values, so that every-blocks fire a few times.
	minTicks = 100
)

// variant is one build of a reflex and what it costs on the scenario.
type variant struct {
	label string // "O0", "O2" or "hand"
	file  *nxb.File
	wcet  uint64 // the tick entry's worst case, proven by the strict validator
	entry []validator.Entry
	trace *sim.Trace
	avg   float64 // cycles per tick over the scenario
}

// reflexCase is one reflex of the suite: its interface, its scenario and
// its builds.
type reflexCase struct {
	name  string
	meta  ir.Meta
	msgs  sim.MessageKinds
	sc    *sim.Scenario
	ticks int
	o0    *variant
	o2    *variant
	hand  *variant // nil without bench/hand/NAME.s
}

func (c *reflexCase) variants() []*variant {
	vs := []*variant{c.o0, c.o2}
	if c.hand != nil {
		vs = append(vs, c.hand)
	}
	return vs
}

// loadSuite compiles every example at -O0 and -O2, assembles the
// hand-written versions, validates each build strictly and runs each on
// its reflex's scenario. Any failure is fatal: the figures would be
// meaningless.
func loadSuite(tb testing.TB) []*reflexCase {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(examplesDir, "*.reflex"))
	if err != nil || len(paths) < 8 {
		tb.Fatalf("want at least eight reflexes in %s, found %d (%v)", examplesDir, len(paths), err)
	}
	sort.Strings(paths)
	var suite []*reflexCase
	for _, p := range paths {
		suite = append(suite, loadCase(tb, p))
	}
	return suite
}

func loadCase(tb testing.TB, path string) *reflexCase {
	tb.Helper()
	name := strings.TrimSuffix(filepath.Base(path), ".reflex")
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	c := &reflexCase{name: name}
	var outs [2]*compile.Output
	for i, level := range []int{0, 2} {
		out, ds := compile.Source(path, src, compile.Options{Level: level})
		if out == nil {
			tb.Fatalf("%s -O%d: %v", name, level, ds)
		}
		outs[i] = out
	}
	c.meta, c.msgs = outs[1].Meta, sim.MessageKinds(outs[1].Messages)
	scPath := filepath.Join(examplesDir, "scenarios", name+".csv")
	data, err := os.ReadFile(scPath)
	if err != nil {
		tb.Fatalf("%s: every reflex of the suite needs a scenario: %v", name, err)
	}
	if c.sc, err = sim.ParseCSV(scPath, data, c.meta, c.msgs); err != nil {
		tb.Fatal(err)
	}
	c.ticks = minTicks
	if n := len(c.sc.Rows); n > 0 && c.sc.Rows[n-1].Tick+1 > c.ticks {
		c.ticks = c.sc.Rows[n-1].Tick + 1
	}
	c.o0 = c.build(tb, "O0", outs[0].File, outs[0].Stats.WCET)
	c.o2 = c.build(tb, "O2", outs[1].File, outs[1].Stats.WCET)
	hp := filepath.Join(handDir, name+".s")
	if hsrc, err := os.ReadFile(hp); err == nil {
		f, ds := asm.Assemble(hp, hsrc)
		if f == nil {
			tb.Fatalf("%s: %v", hp, ds)
		}
		c.hand = c.build(tb, "hand", f, 0)
	}
	return c
}

// build validates f strictly and simulates it on the scenario. want is
// the compiler's own WCET figure (0: none), which must agree with the
// validator's.
func (c *reflexCase) build(tb testing.TB, label string, f *nxb.File, want uint64) *variant {
	tb.Helper()
	r := validator.Validate(f, validator.Options{Policy: validator.Strict})
	if !r.OK || r.WCET == nil {
		tb.Fatalf("%s %s: not accepted by the strict validator: %v", c.name, label, r.Diagnostics)
	}
	if want != 0 && *r.WCET != want {
		tb.Errorf("%s %s: the compiler reports a tick WCET of %d, the validator %d", c.name, label, want, *r.WCET)
	}
	tr, err := sim.Run(f, c.meta, c.sc, sim.Options{Ticks: c.ticks, Messages: c.msgs})
	if err != nil {
		tb.Fatalf("%s %s: %v", c.name, label, err)
	}
	var sum uint64
	for _, t := range tr.Ticks {
		sum += t.Cycles
	}
	return &variant{label: label, file: f, wcet: *r.WCET, entry: r.Entries, trace: tr,
		avg: float64(sum) / float64(len(tr.Ticks))}
}

// entryWCET is the proven worst case of the named entry point.
func (v *variant) entryWCET(name string) (uint64, bool) {
	for _, e := range v.entry {
		if e.Name == name && e.WCET != nil {
			return *e.WCET, true
		}
	}
	return 0, false
}

// checkTrace asserts what must hold of any strictly validated build on an
// in-range scenario: no trap, no exhausted budget, and no tick costing more
// than its entry point's proven worst case.
func checkTrace(t *testing.T, c *reflexCase, v *variant) {
	t.Helper()
	tickW, _ := v.entryWCET("tick")
	fsW, hasFS := v.entryWCET("failsafe")
	for _, tk := range v.trace.Ticks {
		bound := tickW
		switch tk.Failsafe {
		case "":
		case sim.ReasonDeclared:
			bound = fsW
			if !hasFS {
				bound = 0
			}
		default:
			t.Errorf("%s %s tick %d: failsafe %q on an in-range scenario", c.name, v.label, tk.Tick, tk.Failsafe)
			return
		}
		if tk.Cycles > bound {
			t.Errorf("%s %s tick %d: %d cycles, above the proven worst case %d", c.name, v.label, tk.Tick, tk.Cycles, bound)
			return
		}
	}
}

// behaviour is a trace without its cycle counts.
func behaviour(tr *sim.Trace) []sim.Tick {
	out := append([]sim.Tick(nil), tr.Ticks...)
	for i := range out {
		out[i].Cycles = 0
	}
	return out
}

// firstDiff describes the first tick at which two behaviours differ.
func firstDiff(a, b []sim.Tick) string {
	for i := range a {
		if i >= len(b) || !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("tick %d: %+v vs %+v", i, a[i], b[min(i, len(b)-1)])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}

// totals are the suite figures the goals are stated against.
type totals struct {
	o0, o2             float64 // summed average cycles per tick, all reflexes
	wcetO0, wcetO2     uint64
	handO2, hand       float64 // summed average cycles, reflexes with a hand version
	handWO2, handWHand uint64
}

func suiteTotals(suite []*reflexCase) totals {
	var s totals
	for _, c := range suite {
		s.o0 += c.o0.avg
		s.o2 += c.o2.avg
		s.wcetO0 += c.o0.wcet
		s.wcetO2 += c.o2.wcet
		if c.hand != nil {
			s.handO2 += c.o2.avg
			s.hand += c.hand.avg
			s.handWO2 += c.o2.wcet
			s.handWHand += c.hand.wcet
		}
	}
	return s
}

func pctFewer(from, to float64) float64 { return 100 * (1 - to/from) }

// TestQuality prints the suite's figures and checks every build: strictly
// valid, the compiler's WCET equal to the validator's, no tick above its
// worst case, and -O0, -O2 and the hand-written code behaving identically
// on the scenario. Cycles are counted, not timed, so two properties of
// them are asserted: -O2 never costs more than -O0, on average or in the
// worst case, for any reflex. The goals are reported.
func TestQuality(t *testing.T) {
	suite := loadSuite(t)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-16s %5s %5s %5s | %8s %8s %8s | %6s\n", "reflex", "ticks", "wcet0", "wcet2", "avg -O0", "avg -O2", "hand", "fewer")
	for _, c := range suite {
		for _, v := range c.variants() {
			checkTrace(t, c, v)
		}
		if d := behaviour(c.o0.trace); !reflect.DeepEqual(d, behaviour(c.o2.trace)) {
			t.Errorf("%s: -O0 and -O2 behave differently on the scenario, %s", c.name, firstDiff(d, behaviour(c.o2.trace)))
		}
		hand := "-"
		if c.hand != nil {
			hand = fmt.Sprintf("%.2f", c.hand.avg)
			if d := behaviour(c.o2.trace); !reflect.DeepEqual(d, behaviour(c.hand.trace)) {
				t.Errorf("%s: -O2 and the hand-written code behave differently on the scenario, %s", c.name, firstDiff(d, behaviour(c.hand.trace)))
			}
		}
		if c.o2.avg > c.o0.avg || c.o2.wcet > c.o0.wcet {
			t.Errorf("%s: -O2 costs more than -O0 (average %.2f against %.2f, WCET %d against %d)", c.name, c.o2.avg, c.o0.avg, c.o2.wcet, c.o0.wcet)
		}
		fmt.Fprintf(&b, "%-16s %5d %5d %5d | %8.2f %8.2f %8s | %5.1f%%\n", c.name, c.ticks, c.o0.wcet, c.o2.wcet, c.o0.avg, c.o2.avg, hand, pctFewer(c.o0.avg, c.o2.avg))
	}
	s := suiteTotals(suite)
	fmt.Fprintf(&b, "suite: avg cycles/tick %.2f (-O0) -> %.2f (-O2): %.1f%% fewer (goal >= 30%%); WCET %d -> %d: %.1f%% fewer\n",
		s.o0, s.o2, pctFewer(s.o0, s.o2), s.wcetO0, s.wcetO2, pctFewer(float64(s.wcetO0), float64(s.wcetO2)))
	fmt.Fprintf(&b, "hand-written three: avg cycles/tick %.2f (-O2) vs %.2f (hand): -O2 %+.1f%% (goal within 10%%); WCET %d vs %d: %+.1f%%\n",
		s.handO2, s.hand, 100*(s.handO2/s.hand-1), s.handWO2, s.handWHand, 100*(float64(s.handWO2)/float64(s.handWHand)-1))
	t.Log(b.String())
}

// BenchmarkQuality reports each build's proven tick WCET and its average
// cycles per tick on the scenario; an iteration is one simulation of the
// scenario in the Go VM.
func BenchmarkQuality(b *testing.B) {
	for _, c := range loadSuite(b) {
		for _, v := range c.variants() {
			b.Run(c.name+"/"+v.label, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := sim.Run(v.file, c.meta, c.sc, sim.Options{Ticks: c.ticks, Messages: c.msgs}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(v.wcet), "wcet")
				b.ReportMetric(v.avg, "cycles/tick")
			})
		}
	}
}
