package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexusfleet/nexus/runtime/fleetsvc"
)

// nexus runs the command in-process and returns its exit status and output.
func nexus(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := run(args, &out, &errb)
	return st, out.String(), errb.String()
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve runs 'nexus fleet serve' on a random port and returns its URL; the
// service stops when the test ends.
func serve(t *testing.T, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	interrupted = func() (context.Context, context.CancelFunc) { return ctx, func() {} }
	var out, errb syncBuffer
	done := make(chan int)
	args := append([]string{"fleet", "serve", "--listen", "127.0.0.1:-1", "--store", t.TempDir(), "--quiet"}, extra...)
	go func() { done <- run(args, &out, &errb) }()
	t.Cleanup(func() {
		cancel()
		if st := <-done; st != 0 {
			t.Errorf("serve exited %d: %s", st, errb.String())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s, ok := strings.CutPrefix(out.String(), "nexus fleet service on "); ok {
			return strings.TrimSpace(s)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("serve did not start: %s", errb.String())
	return ""
}

func TestFleetWorkflow(t *testing.T) {
	url := serve(t, "--heartbeat-timeout", "1m")
	srv := "--server=" + url
	steps := []struct {
		args   []string
		status int
		out    string // substring of stdout (status 0) or stderr
	}{
		{[]string{"register", "auv-1", "--cap", "sensing=0.9,navigation=0.8", "--capacity", "2"}, 0, "vessel auv-1 registered"},
		{[]string{"register", "auv-2", "--cap", "sensing=0.4"}, 0, "registered"},
		{[]string{"register", "auv-1"}, 1, `vessel "auv-1" is already registered`},
		{[]string{"register", "auv-3", "--cap", "telepathy=1"}, 2, "unknown capability"},
		{[]string{"submit", "survey-1", "--priority", "high", "--require", "sensing=0.8"}, 0, "task survey-1 submitted (HIGH, PENDING)"},
		{[]string{"submit", "survey-1"}, 1, "already exists"},
		{[]string{"submit", "x", "--priority", "urgent"}, 2, "--priority"},
		{[]string{"heartbeat", "auv-1", "--latency", "40ms"}, 0, "vessel auv-1: heartbeat 1"},
		{[]string{"heartbeat", "ghost"}, 1, "not registered"},
		{[]string{"complete", "nope"}, 1, "unknown task"},
	}
	for _, s := range steps {
		st, out, errs := nexus(t, append(append([]string{"fleet"}, s.args...), srv)...)
		got := out
		if s.status != 0 {
			got = errs
		}
		if st != s.status || !strings.Contains(got, s.out) {
			t.Errorf("nexus fleet %s: exit %d, want %d with %q\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), st, s.status, s.out, out, errs)
		}
	}
	var tasks []fleetsvc.TaskInfo
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		_, out, _ := nexus(t, "fleet", "tasks", "--format", "json", srv)
		if err := json.Unmarshal([]byte(out), &tasks); err != nil {
			t.Fatalf("tasks --format json: %v\n%s", err, out)
		}
		if len(tasks) == 1 && tasks[0].State == "ASSIGNED" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(tasks) != 1 || tasks[0].Vessel != "auv-1" {
		t.Fatalf("tasks = %+v, want survey-1 on auv-1", tasks)
	}
	if st, out, _ := nexus(t, "fleet", "tasks", "--state", "completed", srv); st != 0 || !strings.Contains(out, "TASK") || strings.Contains(out, "survey-1") {
		t.Errorf("tasks --state completed:\n%s", out)
	}
	if st, out, _ := nexus(t, "fleet", "tasks", srv); st != 0 || !strings.Contains(out, "survey-1  HIGH      ASSIGNED  auv-1") {
		t.Errorf("tasks table:\n%s", out)
	}
	for _, v := range []string{"start", "complete"} {
		if st, out, errs := nexus(t, "fleet", v, "survey-1", srv); st != 0 {
			t.Fatalf("%s: exit %d: %s%s", v, st, out, errs)
		}
	}
	if st, _, errs := nexus(t, "fleet", "cancel", "survey-1", srv); st != 1 || !strings.Contains(errs, "already COMPLETED") {
		t.Errorf("cancel completed: exit %d: %s", st, errs)
	}
	st, out, _ := nexus(t, "fleet", "status", "--format", "json", srv)
	var status fleetsvc.Status
	if err := json.Unmarshal([]byte(out), &status); err != nil || st != 0 {
		t.Fatalf("status: exit %d, %v\n%s", st, err, out)
	}
	if status.Tasks["COMPLETED"] != 1 || status.Vessels != 2 {
		t.Errorf("status = %+v", status)
	}
	if st, out, _ := nexus(t, "fleet", "status", srv); st != 0 || !strings.Contains(out, "tasks: COMPLETED 1") {
		t.Errorf("status text:\n%s", out)
	}
	if st, out, _ := nexus(t, "fleet", "vessels", srv); st != 0 || !strings.Contains(out, "auv-1   yes") {
		t.Errorf("vessels text:\n%s", out)
	}
	// auv-1: one heartbeat and one completed task, both good news.
	st, out, _ = nexus(t, "fleet", "trust", "auv-1", "--format", "json", srv)
	var ti fleetsvc.TrustInfo
	if err := json.Unmarshal([]byte(out), &ti); err != nil || st != 0 {
		t.Fatalf("trust: exit %d, %v\n%s", st, err, out)
	}
	if ti.Vessel != "auv-1" || ti.Observations != 2 || ti.Score <= 0.5 || ti.Level != "L0 disabled" || ti.Next == nil || ti.Next.MinClean != 4 {
		t.Errorf("trust = %+v", ti)
	}
	if st, out, _ := nexus(t, "fleet", "trust", "auv-1", srv); st != 0 || !strings.Contains(out, "autonomy: L0 disabled, 0 clean windows, level changed never") ||
		!strings.Contains(out, "next:     L1 advisory needs trust ≥ 0.20, 8 h observed, 4 clean windows") {
		t.Errorf("trust text:\n%s", out)
	}
	if st, _, errs := nexus(t, "fleet", "trust", "ghost", srv); st != 1 || !strings.Contains(errs, `vessel "ghost" is not registered`) {
		t.Errorf("trust ghost: exit %d: %s", st, errs)
	}
}

func TestHelpForEveryVerb(t *testing.T) {
	for _, name := range verbNames() {
		st, out, _ := nexus(t, "fleet", name, "--help")
		if st != 0 || !strings.Contains(out, "Usage: nexus fleet "+name) || !strings.Contains(out, "Examples:\n  nexus fleet "+name) {
			t.Errorf("nexus fleet %s --help: exit %d\n%s", name, st, out)
		}
		if st2, out2, _ := nexus(t, "fleet", "help", name); st2 != 0 || out2 != out {
			t.Errorf("nexus fleet help %s differs from --help", name)
		}
	}
	for _, args := range [][]string{{"help"}, {"fleet", "help"}, {"help", "fleet"}, {"version"}} {
		if st, out, _ := nexus(t, args...); st != 0 || out == "" {
			t.Errorf("nexus %v: exit %d", args, st)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"fleet"},
		{"flet"},
		{"fleet", "sumbit"},
		{"fleet", "submit"},
		{"fleet", "cancel", "a", "b"},
		{"fleet", "vessels", "--format", "yaml"},
		{"fleet", "status", "--bogus"},
		{"fleet", "serve", "--heartbeat-timeout", "0s"},
		{"fleet", "register", "v", "--cap", "sensing"},
		{"fleet", "submit", "t", "--require", "sensing=2"},
		{"fleet", "tasks", "--state", "DONE"},
		{"fleet", "trust"},
	} {
		if st, _, errs := nexus(t, args...); st != 2 || errs == "" {
			t.Errorf("nexus %v: exit %d, want 2 with a message", args, st)
		}
	}
}

func TestNoService(t *testing.T) {
	st, _, errs := nexus(t, "fleet", "status", "--server", "nats://127.0.0.1:1", "--timeout", "500ms")
	if st != 2 || !strings.Contains(errs, "nexus fleet serve") {
		t.Errorf("exit %d, stderr %q; want 2 and a hint to start the service", st, errs)
	}
}
