package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/lang/codes"
)

const dive = `# a dive: descend, meet an obstacle, a new setpoint, a flat battery
tick,depth,battery,obstacle,recv
0,1,80,40,
5,1.5,,3,
10,2,,,5
15,,10,,
`

func TestRunReflex(t *testing.T) {
	dk := example(t, "depth_keeper.reflex")
	sc := write(t, "dive.csv", dive)
	scJSON := write(t, "dive.json", `[{"tick":0,"depth":1,"battery":80,"obstacle":40},{"tick":3,"recv":5}]`)
	typo := write(t, "typo.csv", "tick,depth,batery\n0,1,80\n")
	deep := write(t, "deep.csv", "tick,depth\n0,1\n1,150\n")
	loop := write(t, "loop.s", "top: JMP top\n")
	runCases(t, []cliCase{
		{"csv trace", []string{"run", dk, "--scenario", sc}, 0, "tick,thrust,rudder,cycles,failsafe\n0,5,0,", ""},
		{"ticks from scenario", []string{"run", dk, "--scenario", sc}, 0, "\n15,", ""},
		{"ticks flag", []string{"run", dk, "--scenario", sc, "--ticks", "20"}, 0, "\n19,", ""},
		{"ticks shorter", []string{"run", dk, "--scenario", sc, "--ticks", "3"}, 0, "\n2,", "only ticks 0..2 run"},
		{"json trace", []string{"run", dk, "--scenario", scJSON, "--format", "json", "--ticks", "4"}, 0, `{"outbox":"depth_report","value":1}`, ""},
		{"csv format", []string{"run", dk, "--format", "csv"}, 0, "tick,thrust,rudder", ""},
		{"-O0", []string{"run", dk, "--scenario", sc, "-O0"}, 0, "0,5,0,", ""},
		{"no scenario", []string{"run", dk, "--ticks", "2"}, 0, "\n1,", ""},
		{"missing column", []string{"run", dk, "--scenario", typo}, 1, "", `typo.csv:1:1: error: unknown column "batery"`},
		{"missing column hint", []string{"run", dk, "--scenario", typo}, 1, "", "did you mean battery?"},
		{"out of range", []string{"run", dk, "--scenario", deep}, 1, "", "deep.csv:3:1: error: sensor depth = 150 m is outside its declared range 0 m .. 100 m"},
		{"scenario json diag", []string{"run", dk, "--scenario", typo, "--format", "json"}, 1, "", `"code":"SIM001"`},
		{"missing scenario", []string{"run", dk, "--scenario", "/nonexistent/s.csv"}, 2, "", "cannot read file"},
		{"io for reflex", []string{"run", dk, "--io", "16=1"}, 2, "", "--io applies to bytecode"},
		{"bad format", []string{"run", dk, "--format", "xml"}, 2, "", "csv or json for a reflex"},
		{"bad -O", []string{"run", dk, "-O7"}, 2, "", "-O must be 0, 1 or 2"},
		{"budget overrun", []string{"run", write(t, "smooth.reflex", codes.Lookup("R601").Bad), "--budget", "1000"}, 1, "", "smooth.reflex:8:20"},
		{"scenario for bytecode", []string{"run", loop, "--scenario", sc}, 2, "", "--scenario applies to a reflex"},
		{"csv for bytecode", []string{"run", loop, "--format", "csv"}, 2, "", "text or json"},
	})
}

// TestRunReflexLevelsAgree: -O0 and -O2 print the same actuator values and
// failsafe column; only the cycles differ.
func TestRunReflexLevelsAgree(t *testing.T) {
	dk := example(t, "depth_keeper.reflex")
	sc := write(t, "dive.csv", dive)
	strip := func(out string) string {
		var b strings.Builder
		for _, line := range strings.Split(out, "\n") {
			f := strings.Split(line, ",")
			if len(f) >= 2 {
				f[len(f)-2] = ""
			}
			b.WriteString(strings.Join(f, ",") + "\n")
		}
		return b.String()
	}
	_, o0, _ := nexusc(t, "run", dk, "--scenario", sc, "-O0")
	_, o2, _ := nexusc(t, "run", dk, "--scenario", sc, "-O2")
	if diff := cmp.Diff(strip(o0), strip(o2)); diff != "" || o0 == "" {
		t.Errorf("-O0 and -O2 traces differ (-O0 +O2):\n%s", diff)
	}
}

// TestRunReflexState: --state json prints the VM report for a reflex.
func TestRunReflexState(t *testing.T) {
	dk := example(t, "depth_keeper.reflex")
	st, out, errs := nexusc(t, "run", dk, "--ticks", "3", "--state", "json")
	if st != 0 {
		t.Fatalf("exit %d: %s", st, errs)
	}
	var s struct {
		Halted bool       `json:"halted"`
		Trap   *string    `json:"trap"`
		Sent   [][]uint32 `json:"sent"`
		Writes [][]uint32 `json:"writes"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// battery reads 0, below 15 %: the reflex surfaces and says so once.
	if !s.Halted || s.Trap != nil || len(s.Writes) == 0 || len(s.Sent) == 0 || s.Sent[0][0] != 7 {
		t.Errorf("state %+v", s)
	}
}

// TestRunExamples runs every example reflex for a few ticks.
func TestRunExamples(t *testing.T) {
	for _, name := range []string{"altitude_keeper", "battery_return", "comms_heartbeat", "ctd_profiler", "geofence",
		"heading_hold", "leak_detector", "sonar_avoid", "station_keeping", "thruster_ramp"} {
		p := example(t, name+".reflex")
		st, out, errs := nexusc(t, "run", p, "--ticks", "5", "--format", "json")
		if st != 0 || !strings.Contains(out, `"reflex":"`+name+`"`) {
			t.Errorf("%s: exit %d\n%s\n%s", name, st, out, errs)
		}
	}
}
