package node_test

import (
	"fmt"
	"time"

	"github.com/nexusfleet/nexus/runtime/node"
)

// The owner drives a node with Enter, Heartbeat, Report and one Tick per
// tick; the after-hook prints the audit trail as it is written.
func ExampleNode() {
	clock := node.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	n, err := node.New(clock, node.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	err = n.DefineMetric(node.Metric{Name: "battery", Direction: node.LowIsBad, Warning: 30, Critical: 15, Hysteresis: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	n.After(func(t node.Transition) { fmt.Println(t) })

	_ = n.Enter(node.Connecting, "boot")
	n.Heartbeat()
	_ = n.Tick() // the first heartbeat connects the node

	_ = n.Report("battery", 12)
	_ = n.Tick() // a critical metric degrades it

	_ = n.Report("battery", 40)
	for range 3 { // healthy for HealthyHold (2 s) before it steps back up
		clock.Advance(time.Second)
		n.Heartbeat()
		_ = n.Tick()
	}

	_ = n.RequestSwap(node.NewProgram([]byte("reflex v2")))
	_ = n.Tick() // applied between ticks, at a safe point
	fmt.Println("running", n.Program())

	clock.Advance(11 * time.Second)
	_ = n.Tick() // 10 s of silence is the seed's safe state
	_ = n.Enter(node.Shutdown, "operator stop")
	fmt.Println(n.State(), "after", len(n.History()), "transitions")

	// Output:
	// INIT → CONNECTING (boot)
	// CONNECTING → ACTIVE (first heartbeat)
	// ACTIVE → DEGRADED (battery critical at 12 (threshold 15, low is bad))
	// DEGRADED → ACTIVE (heartbeat fresh and all metrics ok for 2s)
	// running ddd69f2311ad
	// ACTIVE → RECOVERY (no heartbeat for 11s (safe state))
	// RECOVERY → SHUTDOWN (operator stop)
	// SHUTDOWN after 6 transitions
}
