package trust_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/nexusfleet/nexus/runtime/trust/internal/sim"
)

var update = flag.Bool("update", false, "rewrite README.md's robustness tables and robustness*.svg")

// TestRobustness runs the robustness study and prints its table. With
// -update it rewrites the generated parts of README.md and the plots; the
// study is deterministic, so they change only when the engine or the study
// does.
//
//	go test ./runtime/trust -run TestRobustness -v
//	go test ./runtime/trust -run TestRobustness -update
func TestRobustness(t *testing.T) {
	study := sim.Study()
	if testing.Short() && !*update {
		study = study[:0]
		for _, s := range sim.Study() {
			if s.Agents == 20 {
				study = append(study, s)
			}
		}
	}
	rs, err := sim.RunAll(study)
	if err != nil {
		t.Fatal(err)
	}
	weak, err := sim.RunAll(sim.Weak())
	if err != nil {
		t.Fatal(err)
	}
	var tuned []sim.Result
	if !testing.Short() || *update {
		if tuned, err = sim.RunAll(sim.Sensitivity()); err != nil {
			t.Fatal(err)
		}
	}
	main, weakTable, tunedTable := sim.Table(rs), sim.Table(weak), sim.Table(tuned)
	fmt.Printf("\nRobustness: share of honest agents' tasks given to malicious agents\n\n%s\n"+
		"Honest agents below the break-even reliability\n\n%s\nSensitivity\n\n%s\n", main, weakTable, tunedTable)

	for _, r := range rs {
		// Against agents that fail every honest agent's task, whatever
		// praise they exchange, the engine must end well below random
		// routing. Camouflaged agents are only reported: at 90% good the
		// engine cannot tell them apart within a week (README.md).
		if r.Kind != sim.Camouflaged && r.Last > 0.7*r.Random {
			t.Errorf("%s, %d agents, %.0f%% malicious: last epoch %.3f, random routing %.3f",
				r.Behaviour(), r.Agents, 100*r.Malicious, r.Last, r.Random)
		}
	}

	if !*update {
		return
	}
	if err := os.WriteFile("robustness.svg", sim.SVG("Tasks honest agents gave to malicious agents — 50-agent fleet", 2, sim.Panels(rs, 50)), 0o644); err != nil {
		t.Fatal(err)
	}
	sizes := append(sim.Panels(rs, 20)[:1:1], sim.Panels(rs, 100)[0])
	sizes[0].Title, sizes[1].Title = "always bad, 20 agents", "always bad, 100 agents"
	sizes = append(sizes, sim.Panels(weak, 50)...)
	if err := os.WriteFile("robustness-sizes.svg", sim.SVG("Fleet size, and honest agents below break-even", 3, sizes), 0o644); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []struct{ name, body string }{{"study", main}, {"weak", weakTable}, {"sensitivity", tunedTable}} {
		if readme, err = replace(readme, part.name, part.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile("README.md", readme, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace puts body between README's <!-- begin NAME --> and
// <!-- end NAME --> markers; the prose around them is written by hand.
func replace(doc []byte, name, body string) ([]byte, error) {
	begin, end := []byte("<!-- begin "+name+" -->\n"), []byte("<!-- end "+name+" -->")
	i, j := bytes.Index(doc, begin), bytes.Index(doc, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("README.md: no %s…%s markers", begin, end)
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(begin)])
	out.WriteString(body)
	out.Write(doc[j:])
	return out.Bytes(), nil
}
