package sim

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var update = flag.Bool("update", false, "rewrite the golden traces in testdata")

// probeMeta is the interface of testdata/probe.s, as the compiler would
// describe it.
func probeMeta() ir.Meta {
	return ir.Meta{
		Name: "probe",
		Sensors: []ir.Sensor{
			{Name: "depth", Channel: 16, Kind: "num", Unit: "m", Lo: 0, Hi: 100 << 16, HasRange: true},
			{Name: "armed", Channel: 17, Kind: "bool"},
		},
		Actuators: []ir.Actuator{
			{Name: "thrust", Channel: 20, Kind: "num", Unit: "%", Lo: -100 << 16, Hi: 200 << 16, HasRange: true, Safe: 5 << 16},
			{Name: "lamp", Channel: 21, Kind: "bool", Safe: 1},
		},
		Outboxes: map[string]int{"echo": 7, "hello": 8, "count": 9},
		Inbox:    "cmd",
	}
}

var probeMsgs = MessageKinds{"count": "int", "echo": "num", "hello": "num", "cmd": "num"}

func probeFile(t testing.TB) *nxb.File {
	t.Helper()
	src, err := os.ReadFile("testdata/probe.s")
	if err != nil {
		t.Fatal(err)
	}
	f, ds := asm.Assemble("probe.s", src)
	if f == nil {
		t.Fatalf("assemble: %v", ds)
	}
	return f
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lang/sim -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./lang/sim -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func parseFile(t *testing.T, path string) *Scenario {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parse := ParseCSV
	if filepath.Ext(path) == ".json" {
		parse = ParseJSON
	}
	sc, err := parse(filepath.Base(path), data, probeMeta(), probeMsgs)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestProbeTrace runs the probe under the same scenario written as CSV
// and as JSON: the scenarios agree and the trace matches the golden files.
func TestProbeTrace(t *testing.T) {
	csvSc, jsonSc := parseFile(t, "testdata/probe.csv"), parseFile(t, "testdata/probe.json")
	strip := func(sc *Scenario) []Row {
		rows := append([]Row(nil), sc.Rows...)
		for i := range rows {
			rows[i].Line = 0
		}
		return rows
	}
	if !reflect.DeepEqual(strip(csvSc), strip(jsonSc)) {
		t.Fatalf("CSV and JSON scenarios differ:\n%+v\n%+v", csvSc.Rows, jsonSc.Rows)
	}
	tr, err := Run(probeFile(t), probeMeta(), csvSc, Options{Ticks: 8, Budget: 200, Messages: probeMsgs})
	if err != nil {
		t.Fatal(err)
	}
	var c, j bytes.Buffer
	if err := tr.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	if err := tr.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/probe.trace.csv", c.Bytes())
	golden(t, "testdata/probe.trace.json", j.Bytes())

	// The facts the golden files encode, spelled out.
	want := []string{"", "", ReasonDeclared, "trap DIV_BY_ZERO", "trap DIV_BY_ZERO", ReasonBudget, "", ""}
	for i, tk := range tr.Ticks {
		if tk.Failsafe != want[i] {
			t.Errorf("tick %d: failsafe %q, want %q", i, tk.Failsafe, want[i])
		}
	}
	if got := tr.Ticks[0].Actuators; got[0] != 5<<16 || got[1] != 1 {
		t.Errorf("tick 0 actuators %v, want thrust 5 %% (2·2.5 m) and lamp at its safe value", got)
	}
	if tr.Init == nil || tr.Ticks[0].Sent[0].Outbox != "hello" {
		t.Errorf("init did not run first: %+v", tr.Ticks[0].Sent)
	}
	// count: 1 (tick 0), 2 (tick 1), 102 (declared failsafe at tick 2),
	// then the traps' failsafes add 100 each, and so on.
	if s := tr.Ticks[2].Sent; len(s) != 1 || s[0].Outbox != "count" || s[0].Raw != 102 {
		t.Errorf("tick 2 sent %+v, want count 102 (memory kept across the hand-over)", s)
	}
	if s := tr.Ticks[3].Sent; len(s) != 1 || s[0].Raw != 202 {
		t.Errorf("tick 3 sent %+v, want count 202 from the failsafe after the trap", s)
	}
	if len(tr.State.Sent) == 0 || len(tr.Writes) == 0 {
		t.Errorf("final state lists no sends or writes")
	}
}

// TestPendingMessageSurvivesFailsafe delivers a message on a tick where
// failsafe is declared: the failsafe does not read it, so the next tick
// echoes it.
func TestPendingMessageSurvivesFailsafe(t *testing.T) {
	sc, err := ParseCSV("s.csv", []byte("tick,recv,failsafe\n0,0.5,1\n"), probeMeta(), probeMsgs)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(probeFile(t), probeMeta(), sc, Options{Ticks: 2, Messages: probeMsgs})
	if err != nil {
		t.Fatal(err)
	}
	var echoed []int32
	for _, s := range tr.Ticks[1].Sent {
		if s.Outbox == "echo" {
			echoed = append(echoed, s.Raw)
		}
	}
	if !reflect.DeepEqual(echoed, []int32{1 << 15}) {
		t.Errorf("tick 1 echoed %v, want [0.5 as Q16.16]", echoed)
	}
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(probeFile(t), probeMeta(), nil, Options{}); err == nil || !strings.Contains(err.Error(), "at least 1") {
		t.Errorf("zero ticks: %v", err)
	}
	sc := &Scenario{Rows: []Row{{Tick: 0}}}
	if _, err := Run(probeFile(t), probeMeta(), sc, Options{Ticks: 1}); err == nil || !strings.Contains(err.Error(), "has 2") {
		t.Errorf("scenario for another reflex: %v", err)
	}
}

func TestFormatRaw(t *testing.T) {
	for _, tc := range []struct {
		kind string
		raw  int32
		want string
	}{
		{"num", 5 << 16, "5"},
		{"num", -5 << 16, "-5"},
		{"num", 1, "0.0000152587890625"},
		{"num", -1 << 31, "-32768"},
		{"num", 1<<31 - 1, "32767.99998474121"},
		{"int", -7, "-7"},
		{"bool", 1, "true"},
		{"bool", 0, "false"},
	} {
		got := FormatRaw(tc.kind, tc.raw)
		if got != tc.want {
			t.Errorf("FormatRaw(%s, %d) = %s, want %s", tc.kind, tc.raw, got, tc.want)
		}
		if back, err := parseRaw(tc.kind, got); err != nil || back != tc.raw {
			t.Errorf("parseRaw(%s, %s) = %d, %v; want %d", tc.kind, got, back, err, tc.raw)
		}
	}
}
