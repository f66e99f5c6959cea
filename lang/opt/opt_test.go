package opt

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

const ticks = 50

// buildExample checks and lowers a reflex file.
func buildExample(t testing.TB, path string) *ir.Program {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, info, ds := check.Source(path, src)
	if ds.HasErrors() {
		t.Fatalf("%s: %v", path, ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatalf("%s: build: %v", path, err)
	}
	return p
}

// optimise runs a level's passes like Optimize does, verifying the
// program after every pass so a failure names the pass that broke it.
func optimise(p *ir.Program, level int) error {
	passes := Passes(level)
	if len(passes) == 0 {
		return nil
	}
	run := func(ps Pass) (bool, error) {
		changed := ps.Run(p)
		if err := p.Verify(); err != nil {
			return false, fmt.Errorf("after %s: %v\n%s", ps.Name, err, p)
		}
		return changed, nil
	}
	if passes[0].Name == "inline" {
		if _, err := run(passes[0]); err != nil {
			return err
		}
		passes = passes[1:]
	}
	for round := 0; round < maxRounds; round++ {
		changed := false
		for _, ps := range passes {
			c, err := run(ps)
			if err != nil {
				return err
			}
			changed = changed || c
		}
		if !changed {
			return nil
		}
	}
	return nil
}

// trace is everything a run of a program can be observed by.
type trace struct {
	Writes, Sent, A2A []ir.ChannelValue
	Mem               []byte
	Steps             int
	Err               string
}

// run activates init, then tick `ticks` times with random sensor values
// (within their declared ranges) and received messages, then failsafe.
func run(p *ir.Program, seed uint64) trace {
	rng := rand.New(rand.NewPCG(seed, 7))
	m := ir.NewMachine(p)
	m.Limit = 1 << 22
	fail := func(err error) trace {
		return trace{m.Writes, m.Sent, m.A2A, observable(p, m.Mem), m.Steps, err.Error()}
	}
	if err := m.Activate(p.Init); err != nil {
		return fail(err)
	}
	for k := 0; k < ticks; k++ {
		for ch := 16; ch < 32; ch++ {
			m.Inputs[ch] = rng.Uint32()
		}
		for _, s := range p.Meta.Sensors {
			v := rng.Uint32()
			if s.HasRange && s.Hi >= s.Lo {
				v = uint32(s.Lo + int32(rng.Int64N(int64(s.Hi)-int64(s.Lo)+1)))
			}
			if rng.IntN(8) == 0 && s.HasRange {
				v = uint32([]int32{s.Lo, s.Hi}[rng.IntN(2)])
			}
			m.Inputs[s.Channel] = v
		}
		m.Recv = nil
		for n := rng.IntN(3); n > 0; n-- {
			m.Recv = append(m.Recv, []uint32{rng.Uint32(), rng.Uint32N(1 << 22), 0xFFFFFFFF}[rng.IntN(3)])
		}
		if err := m.Tick(); err != nil {
			return fail(err)
		}
	}
	if err := m.Activate(p.Failsafe); err != nil {
		return fail(err)
	}
	return trace{m.Writes, m.Sent, m.A2A, observable(p, m.Mem), m.Steps, ""}
}

// observable is the data memory a host may inspect: everything but the
// compiler's scratch words (actuator requests, sensor copies), whose
// stores the scratch pass removes once nothing reads them.
func observable(p *ir.Program, mem []byte) []byte {
	out := append([]byte(nil), mem...)
	for _, g := range p.Globals {
		if g.Kind == ir.GlobalActuator || g.Kind == ir.GlobalSensor {
			clear(out[g.Addr : g.Addr+4])
		}
	}
	return out
}

// sameBehaviour compares two traces, ignoring the step counts.
func sameBehaviour(a, b trace) error {
	switch {
	case a.Err != b.Err:
		return fmt.Errorf("error %q, want %q", b.Err, a.Err)
	case !reflect.DeepEqual(a.Writes, b.Writes):
		return fmt.Errorf("writes differ:\n got %v\nwant %v", b.Writes, a.Writes)
	case !reflect.DeepEqual(a.Sent, b.Sent):
		return fmt.Errorf("sends differ:\n got %v\nwant %v", b.Sent, a.Sent)
	case !reflect.DeepEqual(a.A2A, b.A2A):
		return fmt.Errorf("a2a differ:\n got %v\nwant %v", b.A2A, a.A2A)
	case !bytes.Equal(a.Mem, b.Mem):
		for k := range a.Mem {
			if a.Mem[k] != b.Mem[k] {
				return fmt.Errorf("memory differs first at byte %d: %d, want %d", k, b.Mem[k], a.Mem[k])
			}
		}
	}
	return nil
}

// TestExamplesBehaveAlike is the optimiser's law on every example: at
// every level the optimised program verifies and behaves exactly as the
// unoptimised one. With -v it logs the executed IR steps per level.
func TestExamplesBehaveAlike(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.reflex")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			for seed := uint64(1); seed <= 4; seed++ {
				want := run(buildExample(t, path), seed)
				if want.Err != "" {
					t.Fatalf("unoptimised: %s", want.Err)
				}
				steps := []int{}
				for level := 0; level <= 2; level++ {
					p := buildExample(t, path)
					if err := optimise(p, level); err != nil {
						t.Fatalf("-O%d: %v", level, err)
					}
					got := run(p, seed)
					if err := sameBehaviour(want, got); err != nil {
						t.Fatalf("-O%d seed %d: %v\n%s", level, seed, err, p)
					}
					steps = append(steps, got.Steps)
				}
				if seed == 1 {
					t.Logf("steps over %d ticks: -O0 %d, -O1 %d, -O2 %d", ticks, steps[0], steps[1], steps[2])
				}
			}
		})
	}
}

// TestOptimizeMatchesPasses checks that Optimize is the verified driver
// the tests use.
func TestOptimizeMatchesPasses(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.reflex")
	for _, path := range files {
		for level := 0; level <= 2; level++ {
			a, b := buildExample(t, path), buildExample(t, path)
			Optimize(a, level)
			if err := optimise(b, level); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Errorf("%s -O%d: Optimize differs from its passes", filepath.Base(path), level)
			}
		}
	}
}

func TestRandomProgramsBehaveAlike(t *testing.T) {
	n := uint64(400)
	if testing.Short() {
		n = 50
	}
	for seed := uint64(0); seed < n; seed++ {
		checkRandom(t, seed)
	}
}

func checkRandom(t *testing.T, seed uint64) {
	t.Helper()
	orig := randomProgram(seed)
	if err := orig.Verify(); err != nil {
		t.Fatalf("seed %d: generator: %v\n%s", seed, err, orig)
	}
	want := run(orig, seed)
	for level := 1; level <= 2; level++ {
		p := randomProgram(seed)
		if err := optimise(p, level); err != nil {
			t.Fatalf("seed %d -O%d: %v", seed, level, err)
		}
		if err := sameBehaviour(want, run(p, seed)); err != nil {
			t.Fatalf("seed %d -O%d: %v\nbefore:\n%s\nafter:\n%s", seed, level, err, orig, p)
		}
	}
}

func TestPasses(t *testing.T) {
	names := func(ps []Pass) (s []string) {
		for _, p := range ps {
			s = append(s, p.Name)
		}
		return s
	}
	if got := names(Passes(0)); len(got) != 0 {
		t.Errorf("-O0 runs %v", got)
	}
	if got, want := names(Passes(1)), []string{"fold", "copyprop", "branch", "dce"}; !reflect.DeepEqual(got, want) {
		t.Errorf("-O1 runs %v, want %v", got, want)
	}
	want := []string{"inline", "fold", "copyprop", "cse", "memory", "scratch", "flushclamp", "strength", "shortcircuit", "branch", "dce", "sink"}
	if got := names(Passes(2)); !reflect.DeepEqual(got, want) {
		t.Errorf("-O2 runs %v, want %v", got, want)
	}
}

func FuzzOptimize(f *testing.F) {
	for seed := uint64(0); seed < 8; seed++ {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) { checkRandom(t, seed) })
}

// TestFixpoint: after Optimize, no pass of the level finds anything more
// to do, so the round cap was not what stopped it and every pass reports
// a change only when it makes one.
func TestFixpoint(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.reflex")
	for _, path := range files {
		for level := 1; level <= 2; level++ {
			p := buildExample(t, path)
			Optimize(p, level)
			for _, ps := range Passes(level) {
				if ps.Name == "inline" {
					continue
				}
				before := p.String()
				if ps.Run(p) || p.String() != before {
					t.Errorf("%s -O%d: %s still changes the program", filepath.Base(path), level, ps.Name)
				}
			}
		}
	}
}
