package trust_test

import (
	"fmt"
	"time"

	"github.com/nexusfleet/nexus/runtime/trust"
)

// The gate a deployer calls before loading a reflex whose header says
// `trust 0.6` and `autonomy L1`.
func ExampleEngine_AllowDeploy() {
	clk := trust.NewManualClock(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	eng, err := trust.New(clk, trust.DefaultConfig())
	if err != nil {
		panic(err)
	}
	if err := eng.Register("auv-2", trust.Profile{trust.Communication: 0.9, trust.Endurance: 0.7}); err != nil {
		panic(err)
	}
	req := trust.Requirement{MinTrust: 0.6, MinLevel: trust.L1}
	fmt.Println(eng.AllowDeploy("auv-2", req))

	// Ten hours of heartbeats, one a minute.
	hb, _, _ := trust.Event("heartbeat_ok")
	hb.Latency = 40 * time.Millisecond
	for range 10 * 60 {
		if err := eng.Observe("auv-2", hb); err != nil {
			panic(err)
		}
		clk.Advance(time.Minute)
	}
	fmt.Println(eng.AllowDeploy("auv-2", req))
	// Output:
	// false agent "auv-2": trust 0.500 below required 0.60
	// true agent "auv-2": trust 0.897 ≥ 0.60 and autonomy L1 advisory ≥ L1 advisory
}

func ExampleEngine_MostTrusted() {
	eng, _ := trust.New(trust.NewManualClock(time.Time{}), trust.DefaultConfig())
	_ = eng.Register("base", trust.Profile{})
	_ = eng.Register("glider", trust.Profile{trust.Endurance: 1, trust.Sensing: 0.5})
	_ = eng.Register("rov", trust.Profile{trust.Manipulation: 0.9, trust.Sensing: 0.9})
	survey := trust.Task{Type: "survey", Needs: trust.Profile{trust.Sensing: 0.8, trust.Endurance: 0.6}}
	id, t, _ := eng.MostTrusted("base", []string{"rov", "glider"}, survey)
	fmt.Printf("%s %.3f\n", id, t)
	// Output:
	// glider 0.578
}
