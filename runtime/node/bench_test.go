package node

import (
	"testing"
	"time"
)

func steadyNode(tb testing.TB) (*Node, *ManualClock) {
	n, clk := nodeIn(tb, Active)
	for _, m := range []Metric{temp, battery} {
		if err := n.DefineMetric(m); err != nil {
			tb.Fatal(err)
		}
	}
	_ = n.Report("temp", 40)
	_ = n.Report("battery", 80)
	return n, clk
}

// The owner ticks every millisecond, so a tick that changes nothing must not
// allocate.
func TestSteadyTickDoesNotAllocate(t *testing.T) {
	n, clk := steadyNode(t)
	allocs := testing.AllocsPerRun(1000, func() {
		clk.Advance(time.Millisecond)
		n.Heartbeat()
		_ = n.Tick()
	})
	if allocs != 0 || n.State() != Active {
		t.Fatalf("%v allocs per steady tick (state %v), want 0", allocs, n.State())
	}
}

func BenchmarkTick(b *testing.B) {
	b.Run("steady", func(b *testing.B) {
		n, clk := steadyNode(b)
		b.ReportAllocs()
		for b.Loop() {
			clk.Advance(time.Millisecond)
			n.Heartbeat()
			_ = n.Tick()
		}
	})
	b.Run("flapping", func(b *testing.B) {
		// Every tick moves the node, the worst case for hooks and history.
		cfg := DefaultConfig()
		cfg.HealthyHold = 0
		n, clk := newNode(b, cfg)
		_ = n.DefineMetric(temp)
		_ = n.Enter(Connecting, "boot")
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			clk.Advance(time.Millisecond)
			n.Heartbeat()
			_ = n.Report("temp", float64(40+60*(i&1)))
			_ = n.Tick()
		}
		b.ReportMetric(float64(len(n.History()))/float64(b.N), "transitions/op")
	})
}
