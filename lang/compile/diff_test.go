package compile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/internal/gen"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/sim"
	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
)

// The differential test: a random well-typed reflex from lang/internal/gen,
// compiled at -O0, -O1 and -O2, must drive its actuators identically under
// the same random scenario (issue 6 §5). Every program and scenario is a
// function of one seed, so a failure reproduces; a failing reflex is
// written to testdata/diff/<seed>.reflex, which TestDiffCorpus replays with
// the scenario of the same seed.

var (
	diffN    = flag.Int("diff.n", 0, "programs TestDifferential runs (0: 300, or 40 with -short)")
	diffSeed = flag.Uint64("diff.seed", 1, "first seed of TestDifferential")
)

const (
	diffTicks     = 30 // ticks simulated per program
	diffFuzzTicks = 10 // ticks simulated per program when fuzzing
	diffDir       = "testdata/diff"
)

// knownBug is a compiler bug the differential test has found and that is
// not fixed yet. A random program whose compile failure matches it is
// counted and logged rather than failed, so that the test keeps looking
// for other bugs; corpus files that show it are skipped.
type knownBug struct {
	name  string
	match string   // a compile failure whose diagnostics contain this is the bug
	files []string // corpus files under testdata/diff that reproduce it
	what  string
}

// knownBugs: delete an entry when its bug is fixed. Fixed so far:
// div-span-zero (a divisor whose range holds 0 strictly inside: the guard
// now tests > 0 and < 0) and clamp-wrap (an actuator value whose range
// wraps past INT_MAX: interval.Meet keeps a refinement inside its bound).
// Their reproducers stay in testdata/diff as regression tests.
var knownBugs = []knownBug{}

// knownFailure names the known bug a compile failure shows, if any.
func knownFailure(ds diag.List) string {
	text := render(ds)
	for _, b := range knownBugs {
		if strings.Contains(text, b.match) {
			return b.name
		}
	}
	return ""
}

// knownFile names the known bug a corpus file reproduces, if any.
func knownFile(name string) (knownBug, bool) {
	for _, b := range knownBugs {
		for _, f := range b.files {
			if f == name {
				return b, true
			}
		}
	}
	return knownBug{}, false
}

// diffProgram is a reflex's source; diffScenario draws the scenario for a
// compiled interface. Both streams come from the seed alone.
func diffProgram(seed uint64) string {
	return gen.Reflex(rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), gen.Options{})
}

func diffRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d)) }

// diffScenario gives each sensor a value on most ticks — inside its
// declared range, at either end of it now and then — a message for the
// inbox on about one tick in four, and rarely a declared failsafe.
func diffScenario(r *rand.Rand, m ir.Meta, msgs sim.MessageKinds, ticks int) *sim.Scenario {
	sc := &sim.Scenario{File: "random"}
	for t := range ticks {
		row := sim.Row{Tick: t, Sensors: make([]sim.Cell, len(m.Sensors)), Failsafe: r.IntN(25) == 0}
		for i, s := range m.Sensors {
			if t > 0 && r.IntN(5) == 0 {
				continue // keeps its last value
			}
			row.Sensors[i] = sim.Cell{Raw: sensorValue(r, s), Set: true}
		}
		if m.Inbox != "" && r.IntN(4) == 0 {
			row.Recv = sim.Cell{Raw: messageValue(r, msgs[m.Inbox]), Set: true}
		}
		sc.Rows = append(sc.Rows, row)
	}
	return sc
}

func sensorValue(r *rand.Rand, s ir.Sensor) int32 {
	switch {
	case s.Kind == "bool":
		return int32(r.IntN(2))
	case s.HasRange:
		switch r.IntN(8) {
		case 0:
			return s.Lo
		case 1:
			return s.Hi
		case 2:
			if s.Lo <= 0 && 0 <= s.Hi {
				return 0
			}
		}
		return s.Lo + int32(r.Int64N(int64(s.Hi)-int64(s.Lo)+1))
	}
	return wideValue(r, s.Kind)
}

func messageValue(r *rand.Rand, kind string) int32 {
	if kind == "bool" {
		return int32(r.IntN(2))
	}
	return wideValue(r, kind)
}

// wideValue is any word of the kind: mostly modest, sometimes an extreme.
func wideValue(r *rand.Rand, kind string) int32 {
	switch r.IntN(10) {
	case 0:
		return 0
	case 1:
		return []int32{math.MinInt32, math.MaxInt32, -1, 1, 1 << 16, -1 << 16}[r.IntN(6)]
	case 2:
		return int32(r.Uint32())
	}
	if kind == "int" {
		return int32(r.IntN(2001)) - 1000
	}
	return int32(r.IntN(200<<16)) - 100<<16
}

// levelRun is one level's compilation and simulation.
type levelRun struct {
	out   *Output
	trace *sim.Trace
	total uint64 // cycles of init and every tick
}

// diffResult is what one program did at each level.
type diffResult struct {
	runs    [3]*levelRun // nil where the level did not compile
	skipped []string     // levels refused as too big (R601, R602), with why
	known   string       // the known bug that stopped the program, if any
	failed  bool         // a problem was reported
}

// diffCase compiles src at every level, checks each container and its
// run, and compares the behaviour of the levels. It reports every problem
// through t and returns what ran. ticks is the length of the simulation.
//
// With allowKnown a compile failure that matches a known bug is recorded
// in the result instead of reported.
func diffCase(t testing.TB, seed uint64, src string, ticks int, allowKnown bool) diffResult {
	t.Helper()
	var res diffResult
	var sc *sim.Scenario
	res.failed = true // until every check has passed
	for level := range 3 {
		out, ds := Source("gen.reflex", []byte(src), Options{Level: level})
		if out == nil {
			if d, ok := tooBig(ds); ok {
				res.skipped = append(res.skipped, fmt.Sprintf("-O%d %s: %s", level, d.Code, d.Message))
				continue
			}
			if k := knownFailure(ds); k != "" && allowKnown {
				res.known, res.failed = k, false
				return res
			}
			diffFail(t, seed, src, nil, fmt.Sprintf("-O%d does not compile:\n%s", level, render(errorsOnly(ds))))
			return res
		}
		if !checkContainer(t, seed, src, level, out) {
			return res
		}
		if sc == nil {
			sc = diffScenario(diffRNG(seed), out.Meta, out.Messages, ticks)
		}
		tr, err := sim.Run(out.File, out.Meta, sc, sim.Options{Ticks: ticks, Messages: out.Messages})
		if err != nil {
			diffFail(t, seed, src, sc, fmt.Sprintf("-O%d: simulation: %v", level, err))
			return res
		}
		if !checkCycles(t, seed, src, sc, level, out, tr) {
			return res
		}
		res.runs[level] = &levelRun{out: out, trace: tr, total: totalCycles(tr)}
	}
	if len(res.skipped) > 0 {
		// A level that does less must not be the one that overflows.
		for lv := 1; lv < 3; lv++ {
			if res.runs[lv] == nil && res.runs[lv-1] != nil {
				diffFail(t, seed, src, nil, fmt.Sprintf("-O%d compiles but -O%d is refused: %s", lv-1, lv, strings.Join(res.skipped, "; ")))
				return res
			}
		}
	}
	res.failed = !compareLevels(t, seed, src, sc, res.runs)
	return res
}

func errorsOnly(ds diag.List) diag.List {
	var out diag.List
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// tooBig reports whether ds is a refusal for size (R601 over budget, R602
// too much code), which a generated program may legitimately earn.
func tooBig(ds diag.List) (diag.Diagnostic, bool) {
	for _, d := range ds {
		if d.Code == CodeBudget || d.Code == CodeTooLarge {
			return d, true
		}
	}
	return diag.Diagnostic{}, false
}

// checkContainer asserts what Source promises of its output: strict
// validation within the budget and stats that agree with the validator.
func checkContainer(t testing.TB, seed uint64, src string, level int, out *Output) bool {
	t.Helper()
	v := validator.Validate(out.File, validator.Options{Policy: validator.Strict, Budget: isa.DefaultBudget, File: "gen.reflex"})
	var problems []string
	if !v.OK {
		problems = append(problems, "the strict validator rejects the container:\n"+render(v.Diagnostics))
	}
	if out.Stats.Instructions == 0 || out.Stats.WCET == 0 || out.Stats.WCET > isa.DefaultBudget {
		problems = append(problems, fmt.Sprintf("stats %+v", out.Stats))
	}
	if v.OK && (v.WCET == nil || *v.WCET != out.Stats.WCET) {
		problems = append(problems, fmt.Sprintf("the validator's tick WCET %s differs from the compiler's %d", wcet(v.WCET), out.Stats.WCET))
	}
	// The container is encoded directly; its assembly text must say the
	// same thing.
	if f, ds := asm.Assemble("gen.s", []byte(out.Asm)); ds.HasErrors() {
		problems = append(problems, "the emitted assembly does not assemble:\n"+render(ds))
	} else if !bytes.Equal(f.Code, out.File.Code) || !reflect.DeepEqual(f.Data, out.File.Data) || f.Entry != out.File.Entry || !reflect.DeepEqual(f.Meta, out.File.Meta) {
		problems = append(problems, "the emitted assembly assembles to a different container")
	}
	if len(problems) > 0 {
		diffFail(t, seed, src, nil, fmt.Sprintf("-O%d: %s", level, strings.Join(problems, "; ")))
		return false
	}
	return true
}

func wcet(p *uint64) string {
	if p == nil {
		return "unbounded"
	}
	return strconv.FormatUint(*p, 10)
}

// checkCycles asserts that no tick costs more than the worst case the
// compiler computed for the entries it ran.
func checkCycles(t testing.TB, seed uint64, src string, sc *sim.Scenario, level int, out *Output, tr *sim.Trace) bool {
	t.Helper()
	w := out.Stats.EntryWCET
	if tr.Init != nil && tr.Init.Cycles > w["init"] {
		diffFail(t, seed, src, sc, fmt.Sprintf("-O%d: init used %d cycles, above its worst case %d", level, tr.Init.Cycles, w["init"]))
		return false
	}
	for _, tk := range tr.Ticks {
		limit := w["tick"]
		switch {
		case tk.Failsafe == sim.ReasonDeclared:
			limit = w["failsafe"]
		case tk.Failsafe != "":
			limit += w["failsafe"]
		}
		if tk.Cycles > limit {
			diffFail(t, seed, src, sc, fmt.Sprintf("-O%d tick %d: %d cycles (failsafe %q), above the worst case %d", level, tk.Tick, tk.Cycles, tk.Failsafe, limit))
			return false
		}
	}
	return true
}

func totalCycles(tr *sim.Trace) uint64 {
	var n uint64
	if tr.Init != nil {
		n = tr.Init.Cycles
	}
	for _, tk := range tr.Ticks {
		n += tk.Cycles
	}
	return n
}

// compareLevels compares every level that ran with the lowest one that
// did: how init ended, and per tick the actuator words, the failsafe
// column and the messages sent. Cycles may differ.
func compareLevels(t testing.TB, seed uint64, src string, sc *sim.Scenario, runs [3]*levelRun) bool {
	t.Helper()
	base := -1
	for lv, r := range runs {
		if r == nil {
			continue
		}
		if base < 0 {
			base = lv
			continue
		}
		a, b := runs[base].trace, r.trace
		if ia, ib := initEnd(a), initEnd(b); ia != ib {
			diffFail(t, seed, src, sc, fmt.Sprintf("-O%d and -O%d differ in init: %s vs %s", base, lv, ia, ib))
			return false
		}
		for i := range a.Ticks {
			x, y := a.Ticks[i], b.Ticks[i]
			x.Cycles, y.Cycles = 0, 0
			if !reflect.DeepEqual(x, y) {
				diffFail(t, seed, src, sc, fmt.Sprintf("-O%d and -O%d differ first at tick %d:\n  -O%d: %s\n  -O%d: %s",
					base, lv, i, base, showTick(a, x), lv, showTick(b, y)))
				return false
			}
		}
	}
	return true
}

func initEnd(tr *sim.Trace) string {
	if tr.Init == nil {
		return "none"
	}
	if tr.Init.Stop == vm.StopTrap {
		return "trap " + tr.Init.Trap.String()
	}
	return fmt.Sprint(tr.Init.Stop)
}

// showTick renders a tick's behaviour in declared units.
func showTick(tr *sim.Trace, tk sim.Tick) string {
	var b strings.Builder
	for i, a := range tr.Actuators {
		fmt.Fprintf(&b, "%s=%s ", a.Name, sim.FormatRaw(a.Kind, tk.Actuators[i]))
	}
	fmt.Fprintf(&b, "failsafe=%q sent=%v", tk.Failsafe, tk.Sent)
	return b.String()
}

// showScenario renders a scenario as raw words, one row a line.
func showScenario(sc *sim.Scenario) string {
	if sc == nil {
		return "  (none: the failure came before simulation)\n"
	}
	var b strings.Builder
	for _, r := range sc.Rows {
		fmt.Fprintf(&b, "  tick %2d:", r.Tick)
		for i, c := range r.Sensors {
			if c.Set {
				fmt.Fprintf(&b, " s%d=%d", i, c.Raw)
			}
		}
		if r.Recv.Set {
			fmt.Fprintf(&b, " recv=%d", r.Recv.Raw)
		}
		if r.Failsafe {
			b.WriteString(" failsafe")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// diffFail reports a failing seed with everything needed to replay it and
// keeps the reflex under testdata/diff (sensor sN is the Nth sensor of the
// reflex; words are raw, Q16.16 for num).
func diffFail(t testing.TB, seed uint64, src string, sc *sim.Scenario, what string) {
	t.Helper()
	path := filepath.Join(diffDir, strconv.FormatUint(seed, 10)+".reflex")
	kept := "kept as " + path
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			kept = "could not keep it: " + err.Error()
		}
	}
	t.Errorf("seed %d: %s\n(%s; replay with go test -run DiffCorpus)\nreflex:\n%s\nscenario:\n%s", seed, what, kept, numbered(src), showScenario(sc))
}

func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// TestDifferential runs -diff.n random programs from -diff.seed on.
func TestDifferential(t *testing.T) {
	n := *diffN
	if n <= 0 {
		n = 300
		if testing.Short() {
			n = 40
		}
	}
	var ran, fewer, traps, failed, moving int
	var more []uint64 // seeds where -O2 used more cycles than -O0
	var tot [3]uint64
	var big []string
	known := map[string][]uint64{}
	for i := range uint64(n) {
		seed := *diffSeed + i
		res := diffCase(t, seed, diffProgram(seed), diffTicks, true)
		if res.known != "" {
			known[res.known] = append(known[res.known], seed)
			continue
		}
		if res.failed {
			if failed++; failed == 10 {
				t.Fatalf("stopping after %d failing seeds", failed)
			}
			continue
		}
		for _, s := range res.skipped {
			big = append(big, fmt.Sprintf("seed %d %s", seed, s))
		}
		r0, r2 := res.runs[0], res.runs[2]
		if r0 == nil || r2 == nil || res.runs[1] == nil {
			continue
		}
		ran++
		for lv, r := range res.runs {
			tot[lv] += r.total
		}
		if r2.total <= r0.total {
			fewer++
		} else {
			more = append(more, seed)
		}
		if varies(r0.trace) {
			moving++
		}
		for _, tk := range r0.trace.Ticks {
			if tk.Failsafe != "" && tk.Failsafe != sim.ReasonDeclared {
				traps++
			}
		}
	}
	for _, s := range big {
		t.Logf("refused as too big: %s", s)
	}
	for _, b := range knownBugs {
		if seeds := known[b.name]; len(seeds) > 0 {
			t.Logf("known bug %s stopped %d programs (seeds %v…): %s", b.name, len(seeds), seeds[:min(len(seeds), 8)], b.what)
		}
	}
	if ran == 0 {
		t.Fatalf("none of %d programs ran at every level", n)
	}
	t.Logf("%d programs, %d compared at every level (%d with an actuator that changes value), %d failed, %d refusals as too big; ticks that ran failsafe after a trap or overrun at -O0: %d",
		n, ran, moving, failed, len(big), traps)
	t.Logf("cycles over all runs: -O0 %d, -O1 %d (%.1f%% fewer), -O2 %d (%.1f%% fewer); -O2 ≤ -O0 on %d of %d programs",
		tot[0], tot[1], saving(tot[0], tot[1]), tot[2], saving(tot[0], tot[2]), fewer, ran)
	if len(more) > 0 {
		t.Logf("-O2 used more cycles than -O0 on seeds %v", more[:min(len(more), 10)])
	}
	if fewer*10 < ran*9 {
		t.Errorf("-O2 used no more cycles than -O0 on only %d of %d programs; want at least 90%%", fewer, ran)
	}
}

// varies reports whether some actuator takes two values in the trace, a
// sign that the comparison is not vacuous.
func varies(tr *sim.Trace) bool {
	for i := range tr.Actuators {
		for _, tk := range tr.Ticks {
			if tk.Actuators[i] != tr.Ticks[0].Actuators[i] {
				return true
			}
		}
	}
	return false
}

func saving(from, to uint64) float64 {
	if from == 0 {
		return 0
	}
	return 100 * (float64(from) - float64(to)) / float64(from)
}

// TestDiffCorpus replays every reflex kept under testdata/diff with the
// scenario of the seed its name gives (or of a hash of its text).
func TestDiffCorpus(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(diffDir, "*.reflex"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			if b, ok := knownFile(name); ok {
				t.Skipf("known bug %s: %s", b.name, b.what)
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			seed, err := strconv.ParseUint(strings.TrimSuffix(name, ".reflex"), 10, 64)
			if err != nil {
				h := fnv.New64a()
				h.Write(src)
				seed = h.Sum64()
			}
			diffCase(t, seed, string(src), diffTicks, false)
		})
	}
}

// FuzzDifferential seeds the generator from the fuzz input: the same
// property as TestDifferential over fewer ticks.
func FuzzDifferential(f *testing.F) {
	for _, s := range []uint64{0, 1, 2, 42, 1 << 40, math.MaxUint64} {
		f.Add(binary.LittleEndian.AppendUint64(nil, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b [8]byte
		copy(b[:], data)
		seed := binary.LittleEndian.Uint64(b[:])
		diffCase(t, seed, diffProgram(seed), diffFuzzTicks, true)
	})
}
