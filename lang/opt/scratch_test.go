package opt

import (
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

// storesTo counts the stores to each kind of global in the functions that
// can run.
func storesTo(p *ir.Program) map[ir.GlobalKind]int {
	kind := map[int32]ir.GlobalKind{}
	for _, g := range p.Globals {
		kind[g.Addr] = g.Kind
	}
	n := map[ir.GlobalKind]int{}
	for f := range reachable(p) {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if in.Op == ir.OpStore {
					n[kind[in.Imm]]++
				}
			}
		}
	}
	return n
}

func TestScratch(t *testing.T) {
	src := `reflex s {
    intent "scratch words"
    sensor a: num[m] @ 16 range 0 m .. 10 m
    actuator always: num[m] @ 20 range 0 m .. 10 m safe 0 m
    actuator sometimes: num[m] @ 21 range 0 m .. 10 m safe 0 m
    state seen: num[m] = 0 m
    fn twice(x: num[m]) -> num[m] { return x + a }
    on tick {
        always = twice(a)
        if a > 5 m { sometimes = a }
        seen = a
    }
    on failsafe { always = 0 m; sometimes = 0 m }
}`
	f, info, ds := check.Source("s.reflex", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatal(err)
	}
	before := storesTo(p)
	if err := optimise(p, 2); err != nil {
		t.Fatal(err)
	}
	after := storesTo(p)
	// The sensor's copy for twice() goes with the inlined call; the
	// request of `always` is forwarded to its flush on every path; the
	// request of `sometimes` must survive (a tick that does not assign it
	// writes the earlier request again — the failsafe's request of the
	// safe value included), and so must the state.
	if before[ir.GlobalSensor] == 0 || after[ir.GlobalSensor] != 0 {
		t.Errorf("sensor copies: %d stores before, %d after; want some, then none", before[ir.GlobalSensor], after[ir.GlobalSensor])
	}
	if after[ir.GlobalActuator] != 2 {
		t.Errorf("%d actuator request stores remain, want 2 (sometimes, in tick and failsafe)\n%s", after[ir.GlobalActuator], p)
	}
	if after[ir.GlobalState] != 1 {
		t.Errorf("%d state stores remain, want 1", after[ir.GlobalState])
	}
}
