// Command fleet submits a survey mission of mixed-priority tasks to a
// simulated fleet and prints the assignments and the status snapshot.
//
// Eight vessels with different capability profiles take a mission of
// survey legs, water sampling, a communications relay, a seabed mapping
// job and one critical search: the orchestrator places the critical work
// first, only on vessels that meet every capability minimum, spreading load
// and preferring trusted vessels. The simulation then runs the mission:
// some tasks fail and are retried on another pass, one is cancelled; the
// final snapshot shows that every vessel's load is back to zero.
//
//	go run ./examples/fleet
package main

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/nexusfleet/nexus/runtime/fleet"
)

type vessel struct {
	id       string
	caps     fleet.Capabilities
	capacity float64
	trust    float64
}

var vessels = []vessel{
	{"auv-01", fleet.Capabilities{fleet.Navigation: 0.9, fleet.Sensing: 0.8, fleet.Computation: 0.7, fleet.Endurance: 0.6, fleet.Speed: 0.7}, 4, 0.82},
	{"auv-02", fleet.Capabilities{fleet.Navigation: 0.8, fleet.Sensing: 0.9, fleet.Computation: 0.8, fleet.Endurance: 0.7, fleet.Speed: 0.6}, 4, 0.74},
	{"auv-03", fleet.Capabilities{fleet.Navigation: 0.7, fleet.Sensing: 0.6, fleet.Endurance: 0.9, fleet.Payload: 0.6, fleet.Speed: 0.5}, 3, 0.66},
	{"asv-04", fleet.Capabilities{fleet.Navigation: 0.9, fleet.Communication: 0.95, fleet.Computation: 0.8, fleet.Endurance: 0.8, fleet.Speed: 0.8}, 5, 0.91},
	{"asv-05", fleet.Capabilities{fleet.Navigation: 0.8, fleet.Communication: 0.9, fleet.Manipulation: 0.8, fleet.Payload: 0.9, fleet.Speed: 0.6}, 5, 0.58},
	{"rov-06", fleet.Capabilities{fleet.Sensing: 0.9, fleet.Manipulation: 0.9, fleet.Computation: 0.6, fleet.Payload: 0.7}, 2, 0.77},
	{"glider-07", fleet.Capabilities{fleet.Navigation: 0.6, fleet.Sensing: 0.7, fleet.Endurance: 1.0}, 2, 0.70},
	{"glider-08", fleet.Capabilities{fleet.Navigation: 0.6, fleet.Sensing: 0.6, fleet.Endurance: 1.0}, 2, 0.35},
}

type task struct {
	id       string
	priority fleet.Priority
	req      fleet.Capabilities
	weight   float64
}

var mission = []task{
	{"search-sector-7", fleet.Critical, fleet.Capabilities{fleet.Navigation: 0.8, fleet.Sensing: 0.8, fleet.Speed: 0.6}, 2},
	{"relay-surface", fleet.High, fleet.Capabilities{fleet.Communication: 0.9}, 1},
	{"map-seabed-A", fleet.High, fleet.Capabilities{fleet.Sensing: 0.8, fleet.Computation: 0.7}, 2},
	{"recover-mooring", fleet.High, fleet.Capabilities{fleet.Manipulation: 0.8, fleet.Payload: 0.6}, 2},
	{"survey-leg-1", fleet.Normal, fleet.Capabilities{fleet.Navigation: 0.6, fleet.Sensing: 0.6}, 1},
	{"survey-leg-2", fleet.Normal, fleet.Capabilities{fleet.Navigation: 0.6, fleet.Sensing: 0.6}, 1},
	{"survey-leg-3", fleet.Normal, fleet.Capabilities{fleet.Navigation: 0.6, fleet.Sensing: 0.6}, 1},
	{"survey-leg-4", fleet.Normal, fleet.Capabilities{fleet.Navigation: 0.6, fleet.Sensing: 0.6}, 1},
	{"water-sample-1", fleet.Normal, fleet.Capabilities{fleet.Sensing: 0.6, fleet.Payload: 0.5}, 1},
	{"water-sample-2", fleet.Normal, fleet.Capabilities{fleet.Sensing: 0.6, fleet.Payload: 0.5}, 1},
	{"long-transect", fleet.Low, fleet.Capabilities{fleet.Endurance: 0.9}, 1},
	{"ctd-profile", fleet.Low, fleet.Capabilities{fleet.Sensing: 0.6, fleet.Endurance: 0.8}, 1},
	{"deep-trench", fleet.Normal, fleet.Capabilities{fleet.Navigation: 0.95, fleet.Sensing: 0.95}, 2}, // no vessel qualifies
}

type fixedTrust map[string]float64

func (f fixedTrust) Trust(id string) float64 { return f[id] }

func run(w io.Writer) error {
	ft := fixedTrust{}
	for _, v := range vessels {
		ft[v.id] = v.trust
	}
	o := fleet.New(fleet.Config{Trust: ft, MaxRetries: 2})
	for _, v := range vessels {
		if err := o.AddVessel(v.id, v.caps, v.capacity); err != nil {
			return err
		}
	}
	for _, t := range mission {
		if err := o.Submit(fleet.Task{ID: t.id, Priority: t.priority, Required: t.req, Weight: t.weight}); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "assignment, in the order the orchestrator placed the tasks:")
	show(w, o, o.Schedule())

	// The mission runs: work starts, some of it fails and one task is
	// called off; failures go back to the queue and are placed again.
	for _, id := range []string{"search-sector-7", "relay-surface", "map-seabed-A", "survey-leg-1", "survey-leg-2"} {
		if err := o.Start(id); err != nil {
			return err
		}
	}
	for _, id := range []string{"search-sector-7", "relay-surface", "survey-leg-1"} {
		if err := o.Complete(id); err != nil {
			return err
		}
	}
	for _, id := range []string{"map-seabed-A", "survey-leg-2"} {
		if _, err := o.Fail(id); err != nil {
			return err
		}
	}
	if err := o.Cancel("long-transect"); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nafter two failures and a cancellation, the next pass:")
	show(w, o, o.Schedule())

	// Everything still active completes.
	for _, t := range mission {
		if tk, _ := o.Task(t.id); tk.State.Active() {
			if err := o.Complete(t.id); err != nil {
				return err
			}
		}
	}
	st := o.Status()
	fmt.Fprintln(w, "\nstatus snapshot:")
	states := make([]fleet.State, 0, len(st.Tasks))
	for s := range st.Tasks {
		states = append(states, s)
	}
	sort.Slice(states, func(i, j int) bool { return states[i] < states[j] })
	for _, s := range states {
		fmt.Fprintf(w, "  %-12s %d\n", s, st.Tasks[s])
	}
	fmt.Fprintf(w, "  vessels      %d (%d available), load %.0f of capacity %.0f\n", st.Vessels, st.Available, st.Load, st.Capacity)
	for _, t := range mission {
		if tk, _ := o.Task(t.id); tk.State == fleet.Pending {
			fmt.Fprintf(w, "  still pending: %s — no vessel meets its requirements\n", t.id)
		}
	}
	return nil
}

func show(w io.Writer, o *fleet.Orchestrator, as []fleet.Assignment) {
	for _, a := range as {
		t, _ := o.Task(a.Task)
		fmt.Fprintf(w, "  %-16s %-9s -> %-10s score %.3f (attempt %d)\n", a.Task, t.Priority, a.Vessel, a.Score, t.Attempts)
	}
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fleet:", err)
		os.Exit(1)
	}
}
