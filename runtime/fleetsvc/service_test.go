package fleetsvc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// start runs a service on an embedded server with a random port and a
// temporary store.
func start(t *testing.T, opts Options) (*Service, *Client) {
	t.Helper()
	if opts.NATS == "" && opts.Listen == "" {
		opts.Listen = "127.0.0.1:-1"
	}
	if opts.StoreDir == "" && opts.NATS == "" {
		opts.StoreDir = t.TempDir()
	}
	if opts.Backoff == nil {
		opts.Backoff = []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}
	}
	// Handlers still in flight when the service closes must not log to a
	// finished test, so logging stops in the last cleanup.
	var mu sync.Mutex
	ended := false
	t.Cleanup(func() { mu.Lock(); ended = true; mu.Unlock() })
	opts.Logf = func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		if !ended {
			t.Logf(format, a...)
		}
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	c, err := Dial(s.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return s, c
}

// eventually polls cond until it holds or 10 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func taskState(t *testing.T, c *Client, id string) TaskInfo {
	t.Helper()
	tasks, err := c.Tasks()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range tasks {
		if x.ID == id {
			return x
		}
	}
	return TaskInfo{}
}

func mustRegister(t *testing.T, c *Client, id string, caps map[string]float64, capacity float64) {
	t.Helper()
	if _, err := c.Register(RegisterRequest{ID: id, Capabilities: caps, Capacity: capacity}); err != nil {
		t.Fatal(err)
	}
}

func TestServeRegisterSubmitAssignComplete(t *testing.T) {
	_, c := start(t, Options{})
	mustRegister(t, c, "auv-1", map[string]float64{"sensing": 0.9, "navigation": 0.8}, 2)
	mustRegister(t, c, "auv-2", map[string]float64{"sensing": 0.4}, 2)
	if _, err := c.Register(RegisterRequest{ID: "auv-1", Capacity: 1}); !errors.Is(err, ErrRejected) {
		t.Errorf("duplicate register: err = %v, want ErrRejected", err)
	}
	if _, err := c.Submit(SubmitRequest{ID: "survey", Priority: "high", Required: map[string]float64{"sensing": 0.8}, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Submit(SubmitRequest{ID: "survey", Weight: 1}); !errors.Is(err, ErrRejected) {
		t.Errorf("duplicate submit: err = %v, want ErrRejected", err)
	}
	if _, err := c.Submit(SubmitRequest{ID: "bad", Required: map[string]float64{"telepathy": 1}}); !errors.Is(err, ErrRejected) {
		t.Errorf("unknown capability: err = %v, want ErrRejected", err)
	}
	eventually(t, "survey assigned", func() bool { return taskState(t, c, "survey").State == "ASSIGNED" })
	if got := taskState(t, c, "survey"); got.Vessel != "auv-1" || got.Priority != "HIGH" {
		t.Errorf("survey = %+v, want assigned to auv-1 (the only vessel with sensing ≥ 0.8) at HIGH", got)
	}
	if _, err := c.Start("survey"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete("survey"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete("survey"); !errors.Is(err, ErrRejected) {
		t.Errorf("second complete: err = %v, want ErrRejected", err)
	}
	if _, err := c.Cancel("nope"); !errors.Is(err, ErrRejected) {
		t.Errorf("cancel unknown: err = %v, want ErrRejected", err)
	}
	st, err := c.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Tasks["COMPLETED"] != 1 || st.Vessels != 2 || st.Available != 2 || st.Load != 0 {
		t.Errorf("status = %+v, want 1 completed, 2 vessels available, no load", st)
	}
	vs, err := c.Vessels()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].ID != "auv-1" || vs[0].Capabilities["sensing"] != 0.9 {
		t.Errorf("vessels = %+v", vs)
	}
}

func TestCancelAndFailRetry(t *testing.T) {
	_, c := start(t, Options{})
	mustRegister(t, c, "v1", nil, 1)
	if _, err := c.Submit(SubmitRequest{ID: "a", Weight: 1, MaxRetries: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Submit(SubmitRequest{ID: "b", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a assigned, b pending", func() bool {
		return taskState(t, c, "a").State == "ASSIGNED" && taskState(t, c, "b").State == "PENDING"
	})
	// Failing a puts it back (one retry); it and b compete for the one slot.
	// The reply shows a after the scheduling round the failure triggers.
	if x, err := c.Fail("a"); err != nil || x.Attempts == 2 && x.State != "ASSIGNED" || x.State == "PENDING" && x.Vessel != "" {
		t.Fatalf("fail a: %+v, %v; want reassigned, or pending without a vessel", x, err)
	}
	eventually(t, "one of a, b assigned", func() bool {
		return (taskState(t, c, "a").State == "ASSIGNED") != (taskState(t, c, "b").State == "ASSIGNED")
	})
	for _, id := range []string{"a", "b"} {
		if _, err := c.Cancel(id); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := c.Status()
	if st.Tasks["CANCELLED"] != 2 || st.Load != 0 {
		t.Errorf("status = %+v, want 2 cancelled and no load", st)
	}
}

func TestHeartbeatTimeoutAndReturn(t *testing.T) {
	_, c := start(t, Options{HeartbeatTimeout: 300 * time.Millisecond})
	mustRegister(t, c, "v1", nil, 1)
	mustRegister(t, c, "v2", nil, 1)
	if _, err := c.Submit(SubmitRequest{ID: "job", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "job assigned", func() bool { return taskState(t, c, "job").State == "ASSIGNED" })
	first := taskState(t, c, "job").Vessel
	other := map[string]string{"v1": "v2", "v2": "v1"}[first]
	// Only the other vessel keeps beating; the first times out, and its
	// task moves to the other.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				_, _ = c.Heartbeat(other, 20*time.Millisecond)
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	eventually(t, "job moved to "+other, func() bool {
		x := taskState(t, c, "job")
		return x.State == "ASSIGNED" && x.Vessel == other
	})
	if x := taskState(t, c, "job"); x.Attempts != 2 {
		t.Errorf("job = %+v, want a second attempt", x)
	}
	vs, _ := c.Vessels()
	avail := map[string]bool{}
	for _, v := range vs {
		avail[v.ID] = v.Available
	}
	if avail[first] || !avail[other] {
		t.Errorf("availability = %v, want %s down and %s up", avail, first, other)
	}
	if _, err := c.Heartbeat(first, 0); err != nil {
		t.Fatal(err)
	}
	eventually(t, first+" available again", func() bool {
		vs, _ := c.Vessels()
		for _, v := range vs {
			if v.ID == first {
				return v.Available && v.Heartbeats == 1
			}
		}
		return false
	})
	if _, err := c.Heartbeat("ghost", 0); !errors.Is(err, ErrRejected) {
		t.Errorf("heartbeat of unknown vessel: err = %v, want ErrRejected", err)
	}
}

func TestRedeliveryOfUnackedTask(t *testing.T) {
	var drops atomic.Int32
	s, c := start(t, Options{dropDelivery: func(task string, delivery uint64) bool {
		if task == "flaky" && delivery == 1 {
			drops.Add(1)
			return true // as if the service died before acking
		}
		return false
	}})
	mustRegister(t, c, "v1", nil, 1)
	if _, err := c.Submit(SubmitRequest{ID: "flaky", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "flaky assigned on redelivery", func() bool { return taskState(t, c, "flaky").State == "ASSIGNED" })
	st, _ := c.Status()
	if drops.Load() != 1 || st.Redelivered != 1 {
		t.Errorf("drops = %d, redelivered = %d; want 1 and 1", drops.Load(), st.Redelivered)
	}
	// The work queue is empty once the redelivery is acked.
	eventually(t, "stream drained", func() bool {
		info, err := streamInfo(s)
		return err == nil && info.State.Msgs == 0
	})
}

func streamInfo(s *Service) (*jetstream.StreamInfo, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := s.js.Stream(ctx, TaskStream)
	if err != nil {
		return nil, err
	}
	return st.Info(ctx)
}

// A completed task's message redelivered (or republished past the
// duplicate window) is acknowledged and skipped, even by a restarted
// service that no longer has the task in memory.
func TestCompletedTaskRedeliveredIsSkipped(t *testing.T) {
	dir := t.TempDir()
	s, c := start(t, Options{StoreDir: dir})
	mustRegister(t, c, "v1", nil, 1)
	if _, err := c.Submit(SubmitRequest{ID: "once", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "once assigned", func() bool { return taskState(t, c, "once").State == "ASSIGNED" })
	if _, err := c.Complete("once"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	s.Close()

	s2, c2 := start(t, Options{StoreDir: dir})
	if got := taskState(t, c2, "once"); got.State != "COMPLETED" || got.Attempts != 1 {
		t.Fatalf("after restart once = %+v, want COMPLETED after 1 attempt", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	body, _ := json.Marshal(SubmitRequest{ID: "once", Weight: 1})
	if _, err := s2.js.Publish(ctx, TaskPrefix+"once", body, jetstream.WithMsgID("once-again")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "message skipped", func() bool { st, _ := c2.Status(); return st.Skipped == 1 })
	if got := taskState(t, c2, "once"); got.State != "COMPLETED" || got.Attempts != 1 {
		t.Errorf("once = %+v, want still COMPLETED after 1 attempt", got)
	}
	if _, err := c2.Register(RegisterRequest{ID: "v1", Capacity: 1}); !errors.Is(err, ErrRejected) {
		t.Errorf("vessel v1 should survive the restart: err = %v", err)
	}
}

// A task published straight to the stream, without the submit API, is
// recorded and placed too.
func TestPublishDirectlyToStream(t *testing.T) {
	s, c := start(t, Options{})
	mustRegister(t, c, "v1", nil, 1)
	body, _ := json.Marshal(SubmitRequest{Priority: "critical", Weight: 0.5})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.js.Publish(ctx, TaskPrefix+"direct", body); err != nil {
		t.Fatal(err)
	}
	eventually(t, "direct assigned", func() bool { return taskState(t, c, "direct").State == "ASSIGNED" })
}

func TestAssignmentAnnounced(t *testing.T) {
	s, c := start(t, Options{})
	mustRegister(t, c, "v1", nil, 1)
	nc, err := nats.Connect(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	got := make(chan *nats.Msg, 1)
	sub, err := nc.ChanSubscribe(AssignPrefix+"v1", got)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sub.Unsubscribe() }()
	_ = nc.Flush()
	if _, err := c.Submit(SubmitRequest{ID: "ping", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		var ti TaskInfo
		if err := json.Unmarshal(m.Data, &ti); err != nil || ti.ID != "ping" || ti.Vessel != "v1" {
			t.Errorf("announcement %s (%v)", m.Data, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no assignment announced")
	}
}

// update's compare-and-swap loop loses no write when writers race.
func TestKVCompareAndSwap(t *testing.T) {
	s, _ := start(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const writers, each = 8, 25
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				_, err := update(ctx, s.kv, "counter", func(cur []byte) ([]byte, error) {
					n, _ := strconv.Atoi(string(cur))
					return []byte(strconv.Itoa(n + 1)), nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	e, err := s.kv.Get(ctx, "counter")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(e.Value()); got != fmt.Sprint(writers*each) {
		t.Errorf("counter = %s, want %d", got, writers*each)
	}
	// A stale revision is refused, which is what update retries on.
	if _, err := s.kv.Update(ctx, "counter", []byte("0"), e.Revision()-1); !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		t.Errorf("stale update: err = %v, want ErrKeyRevisionMismatch", err)
	}
	// A final task record is never overwritten with a non-final state.
	done, _ := json.Marshal(TaskInfo{ID: "t", State: "COMPLETED"})
	if _, err := s.kv.Put(ctx, "task.t", done); err != nil {
		t.Fatal(err)
	}
	ti := &TaskInfo{ID: "t", State: "ASSIGNED", Vessel: "v"}
	s.mu.Lock()
	s.persistTask(ctx, ti)
	s.mu.Unlock()
	e, _ = s.kv.Get(ctx, "task.t")
	var stored TaskInfo
	_ = json.Unmarshal(e.Value(), &stored)
	if stored.State != "COMPLETED" || ti.State != "COMPLETED" {
		t.Errorf("stored %s, in memory %s; want both COMPLETED", stored.State, ti.State)
	}
}

// A second embedded server on a port in use fails to start, cleanly.
func TestStartPortInUse(t *testing.T) {
	s, _ := start(t, Options{})
	_, err := Start(Options{Listen: strings.TrimPrefix(s.URL(), "nats://"), StoreDir: t.TempDir()})
	if err == nil {
		t.Fatal("second service on the same port started")
	}
	t.Log(err)
}

// A restarted service reloads vessels and live tasks from the bucket and
// places the tasks again; nothing submitted is lost.
func TestRestartReloadsLiveTasks(t *testing.T) {
	dir := t.TempDir()
	s, c := start(t, Options{StoreDir: dir})
	mustRegister(t, c, "v1", map[string]float64{"payload": 0.7}, 1)
	for _, id := range []string{"first", "second"} {
		if _, err := c.Submit(SubmitRequest{ID: id, Weight: 1}); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "first assigned", func() bool { return taskState(t, c, "first").State == "ASSIGNED" })
	c.Close()
	s.Close()

	_, c2 := start(t, Options{StoreDir: dir})
	eventually(t, "first placed again", func() bool {
		a, b := taskState(t, c2, "first"), taskState(t, c2, "second")
		return a.State == "ASSIGNED" && a.Attempts == 2 && b.State == "PENDING"
	})
	vs, err := c2.Vessels()
	if err != nil || len(vs) != 1 || vs[0].Capabilities["payload"] != 0.7 || vs[0].Load != 1 {
		t.Fatalf("vessels after restart = %+v, %v", vs, err)
	}
	if _, err := c2.Complete("first"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "second placed", func() bool { return taskState(t, c2, "second").State == "ASSIGNED" })
}
