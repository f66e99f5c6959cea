package compile

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/nexusfleet/nexus/lang/codes"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/sim"
)

// randomScenario gives every sensor a value inside its declared range on
// most ticks, a message now and then, and a declared failsafe rarely.
func randomScenario(r *rand.Rand, m ir.Meta, ticks int) *sim.Scenario {
	sc := &sim.Scenario{File: "random"}
	for t := 0; t < ticks; t++ {
		row := sim.Row{Tick: t, Sensors: make([]sim.Cell, len(m.Sensors)), Failsafe: r.Intn(40) == 0}
		for i, s := range m.Sensors {
			if r.Intn(4) == 0 {
				continue
			}
			var v int32
			switch {
			case s.Kind == "bool":
				v = int32(r.Intn(2))
			case s.HasRange:
				v = s.Lo + int32(r.Int63n(int64(s.Hi)-int64(s.Lo)+1))
			default:
				v = int32(r.Intn(1 << 20))
			}
			row.Sensors[i] = sim.Cell{Raw: v, Set: true}
		}
		if m.Inbox != "" && r.Intn(5) == 0 {
			row.Recv = sim.Cell{Raw: int32(r.Intn(30 << 16)), Set: true}
		}
		sc.Rows = append(sc.Rows, row)
	}
	return sc
}

// behaviour is a trace without the cycle counts, which differ by level.
func behaviour(tr *sim.Trace) []sim.Tick {
	out := append([]sim.Tick(nil), tr.Ticks...)
	for i := range out {
		out[i].Cycles = 0
	}
	return out
}

// TestLevelsAgree runs every example (and the back-end codes' fixed
// examples) under random in-range scenarios at -O0, -O1 and -O2: the
// actuator values, failsafe activations and messages must be identical.
func TestLevelsAgree(t *testing.T) {
	srcs := examples(t)
	for _, e := range codes.Backend() {
		if e.Fixed != "" {
			srcs[e.Code+".fixed.reflex"] = []byte(e.Fixed)
		}
	}
	for name, src := range srcs {
		var traces [3][]sim.Tick
		for level := 0; level <= 2; level++ {
			out, ds := Source(name, src, Options{Level: level, Budget: 100_000})
			if out == nil {
				t.Fatalf("%s -O%d:\n%s", name, level, render(ds))
			}
			sc := randomScenario(rand.New(rand.NewSource(int64(len(src)))), out.Meta, 300)
			tr, err := sim.Run(out.File, out.Meta, sc, sim.Options{Ticks: 300, Messages: out.Messages})
			if err != nil {
				t.Fatalf("%s -O%d: %v", name, level, err)
			}
			for _, tk := range tr.Ticks {
				if tk.Failsafe != "" && tk.Failsafe != sim.ReasonDeclared {
					t.Errorf("%s -O%d tick %d: failsafe %s under an in-range scenario", name, level, tk.Tick, tk.Failsafe)
					break
				}
			}
			traces[level] = behaviour(tr)
		}
		for level := 1; level <= 2; level++ {
			if !reflect.DeepEqual(traces[0], traces[level]) {
				for i := range traces[0] {
					if !reflect.DeepEqual(traces[0][i], traces[level][i]) {
						t.Errorf("%s: -O0 and -O%d differ first at tick %d:\n -O0: %+v\n -O%d: %+v", name, level, i, traces[0][i], level, traces[level][i])
						break
					}
				}
			}
		}
	}
}
