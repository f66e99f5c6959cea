package fleetsvc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/nexusfleet/nexus/runtime/fleet"
	"github.com/nexusfleet/nexus/runtime/trust"
)

// Options configure a Service. Zero values take the defaults.
type Options struct {
	// NATS is the URL of an existing server or cluster to join. Empty
	// starts an embedded server listening on Listen.
	NATS string
	// Listen is the embedded server's HOST:PORT (default 127.0.0.1:4222;
	// port -1 picks a free one).
	Listen string
	// StoreDir is the embedded server's JetStream directory (default a new
	// temporary directory, removed on Close).
	StoreDir string
	// HeartbeatTimeout is how long a vessel may stay silent before it is
	// marked unavailable (default 15s).
	HeartbeatTimeout time.Duration
	// Replicas of the bucket and stream (default 1; 3 on a cluster).
	Replicas int
	// MaxDeliver bounds deliveries of one task message (default 5) and
	// Backoff spaces the redeliveries (default 1s, 5s, 15s, 30s).
	MaxDeliver int
	Backoff    []time.Duration
	// Logf receives one line per notable event; nil discards them.
	Logf func(format string, a ...any)

	// dropDelivery, for tests, makes the consumer leave a delivery unacked
	// when it returns true, as a crash between receipt and ack would.
	dropDelivery func(task string, delivery uint64) bool
	// trustClock, for tests, replaces the trust engine's wall clock, so a
	// test can let hours of heartbeats pass in a moment.
	trustClock trust.Clock
}

// Service is a running fleet service.
type Service struct {
	opts   Options
	ns     *server.Server // nil when joining an existing server
	tmpDir string
	nc     *nats.Conn
	js     jetstream.JetStream
	kv     jetstream.KeyValue
	cc     jetstream.ConsumeContext
	subs   []*nats.Subscription
	stop   chan struct{}
	done   chan struct{}

	closeOnce sync.Once

	orch  *fleet.Orchestrator
	trust *trust.Engine

	mu        sync.Mutex // guards everything below and serialises placement
	vessels   map[string]*VesselInfo
	tasks     map[string]*TaskInfo
	lastBeat  map[string]time.Time
	persisted map[string]float64 // trust last written to each vessel's record
	// trustDirty holds the vessels observed since their trust state was
	// last written, true if a failure is among the unwritten observations;
	// trustSaved is when it was last written (trust.go).
	trustDirty map[string]bool
	trustSaved map[string]time.Time
	skipped    int
	redeliver  int
}

// opTimeout bounds one JetStream round trip.
const opTimeout = 10 * time.Second

// Start starts the service: the embedded server unless opts.NATS is set,
// the bucket, the stream and its consumer, the API and heartbeat
// subscriptions and the heartbeat sweeper. State found in the bucket (a
// restart) is loaded first.
func Start(opts Options) (*Service, error) {
	if opts.HeartbeatTimeout <= 0 {
		opts.HeartbeatTimeout = 15 * time.Second
	}
	if opts.Replicas <= 0 {
		opts.Replicas = 1
	}
	if opts.MaxDeliver <= 0 {
		opts.MaxDeliver = 5
	}
	if opts.Backoff == nil {
		opts.Backoff = []time.Duration{time.Second, 5 * time.Second, 15 * time.Second, 30 * time.Second}
	}
	if len(opts.Backoff) >= opts.MaxDeliver {
		opts.Backoff = opts.Backoff[:opts.MaxDeliver-1]
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	var clock trust.Clock = wallClock{}
	if opts.trustClock != nil {
		clock = opts.trustClock
	}
	eng, err := trust.New(clock, trust.DefaultConfig())
	if err != nil {
		return nil, err
	}
	s := &Service{
		opts: opts, stop: make(chan struct{}), done: make(chan struct{}),
		trust: eng, orch: fleet.New(fleet.Config{Trust: fleet.EngineTrust{Engine: eng}}),
		vessels: map[string]*VesselInfo{}, tasks: map[string]*TaskInfo{},
		lastBeat: map[string]time.Time{}, persisted: map[string]float64{},
		trustDirty: map[string]bool{}, trustSaved: map[string]time.Time{},
	}
	ok := false
	defer func() {
		if !ok {
			s.shutdown()
		}
	}()
	url := opts.NATS
	if url == "" {
		if url, err = s.startServer(); err != nil {
			return nil, err
		}
	}
	if s.nc, err = nats.Connect(url, nats.Name("nexus fleet service"), nats.MaxReconnects(-1), nats.RetryOnFailedConnect(false)); err != nil {
		return nil, fmt.Errorf("connect to %s: %w", url, err)
	}
	if s.js, err = jetstream.New(s.nc); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if err = s.setupStreams(ctx); err != nil {
		return nil, err
	}
	if err = s.load(ctx); err != nil {
		return nil, err
	}
	if err = s.subscribe(ctx); err != nil {
		return nil, err
	}
	go s.sweep()
	ok = true
	s.opts.Logf("fleet service ready on %s", s.URL())
	return s, nil
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (s *Service) startServer() (string, error) {
	listen := s.opts.Listen
	if listen == "" {
		listen = "127.0.0.1:4222"
	}
	host, portStr, err := net.SplitHostPort(listen)
	if err != nil {
		return "", fmt.Errorf("listen address %q: %w", listen, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return "", fmt.Errorf("listen address %q: bad port", listen)
	}
	if port > 0 {
		// nats-server only logs a failed listen; find out here, at once.
		l, err := net.Listen("tcp", listen)
		if err != nil {
			return "", fmt.Errorf("cannot listen on %s: %w", listen, err)
		}
		_ = l.Close()
	}
	dir := s.opts.StoreDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "nexus-fleet-"); err != nil {
			return "", err
		}
		s.tmpDir = dir
	}
	ns, err := server.NewServer(&server.Options{
		ServerName: "nexus-fleet", Host: host, Port: port,
		JetStream: true, StoreDir: dir, NoSigs: true, NoLog: true,
	})
	if err != nil {
		return "", fmt.Errorf("embedded nats-server: %w", err)
	}
	ns.Start()
	s.ns = ns
	if !ns.ReadyForConnections(10 * time.Second) {
		return "", fmt.Errorf("embedded nats-server on %s did not start (is the port in use?)", listen)
	}
	return ns.ClientURL(), nil
}

func (s *Service) setupStreams(ctx context.Context) error {
	var err error
	s.kv, err = s.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: Bucket, Description: "nexus fleet: vessel and task records", Replicas: s.opts.Replicas,
	})
	if err != nil {
		return fmt.Errorf("key-value bucket %s: %w", Bucket, err)
	}
	st, err := s.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: TaskStream, Description: "nexus fleet: submitted tasks",
		Subjects: []string{TaskPrefix + ">"}, Retention: jetstream.WorkQueuePolicy,
		Replicas: s.opts.Replicas, Duplicates: 2 * time.Minute,
	})
	if err != nil {
		return fmt.Errorf("stream %s: %w", TaskStream, err)
	}
	cons, err := st.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable: consumer, AckPolicy: jetstream.AckExplicitPolicy,
		MaxDeliver: s.opts.MaxDeliver, BackOff: s.opts.Backoff, Replicas: s.opts.Replicas,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", consumer, err)
	}
	s.cc, err = cons.Consume(s.handleTask, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		s.opts.Logf("task consumer: %v", err)
	}))
	return err
}

// load rebuilds the in-memory state from the bucket: every vessel with the
// trust state it had, and every task that is not final goes back to the
// orchestrator as pending (its vessel will learn its placement again from
// the assign subject).
func (s *Service) load(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lister, err := s.kv.ListKeys(ctx)
	if err != nil {
		return err
	}
	var keys []string
	for k := range lister.Keys() {
		keys = append(keys, k)
	}
	now := time.Now()
	trustSnaps := map[string][]byte{}
	for _, k := range keys {
		e, err := s.kv.Get(ctx, k)
		if err != nil {
			continue // deleted since listed
		}
		switch {
		case strings.HasPrefix(k, "vessel."):
			var v VesselInfo
			if json.Unmarshal(e.Value(), &v) != nil {
				continue
			}
			if err := s.addVessel(&v, now); err != nil {
				s.opts.Logf("vessel %s in the bucket: %v", v.ID, err)
			}
		case strings.HasPrefix(k, "task."):
			var t TaskInfo
			if json.Unmarshal(e.Value(), &t) != nil {
				continue
			}
			s.tasks[t.ID] = &t
		case strings.HasPrefix(k, "trust."):
			trustSnaps[strings.TrimPrefix(k, "trust.")] = e.Value()
		}
	}
	s.loadTrust(trustSnaps)
	for _, id := range sortedKeys(s.tasks) {
		t := s.tasks[id]
		if !final(t.State) {
			if err := s.ingest(t); err != nil {
				s.opts.Logf("task %s in the bucket: %v", id, err)
			}
		}
	}
	s.schedule(ctx)
	return nil
}

func (s *Service) subscribe(context.Context) error {
	api, err := s.nc.QueueSubscribe(apiPrefix+"*", queueGroup, s.handleAPI)
	if err != nil {
		return err
	}
	hb, err := s.nc.Subscribe(HeartbeatPrefix+"*", s.handleHeartbeat)
	if err != nil {
		return err
	}
	s.subs = append(s.subs, api, hb)
	return s.nc.Flush()
}

// URL is the client URL of the server the service uses.
func (s *Service) URL() string {
	if s.ns != nil {
		return s.ns.ClientURL()
	}
	return s.nc.ConnectedUrl()
}

// Close stops the service and, if it started one, the embedded server.
// Closing twice is harmless.
func (s *Service) Close() {
	s.closeOnce.Do(func() {
		close(s.stop)
		<-s.done
		s.shutdown()
	})
}

func (s *Service) shutdown() {
	if s.cc != nil {
		s.cc.Stop()
	}
	for _, sub := range s.subs {
		_ = sub.Unsubscribe()
	}
	if s.nc != nil {
		s.nc.Close()
	}
	if s.ns != nil {
		s.ns.Shutdown()
		s.ns.WaitForShutdown()
	}
	if s.tmpDir != "" {
		_ = os.RemoveAll(s.tmpDir)
	}
}

// addVessel enters a vessel into the orchestrator, the trust engine and
// the registry. The caller holds s.mu.
func (s *Service) addVessel(v *VesselInfo, now time.Time) error {
	caps, err := ParseCaps(v.Capabilities)
	if err != nil {
		return err
	}
	if err := s.orch.AddVessel(v.ID, caps, v.Capacity); err != nil {
		return reject("%v", err)
	}
	if err := s.trust.Register(v.ID, trust.Profile(caps)); err != nil {
		return err
	}
	if !v.Available {
		_ = s.orch.SetAvailable(v.ID, false)
	}
	s.vessels[v.ID] = v
	s.lastBeat[v.ID] = now // a grace period of one timeout
	return nil
}

// ingest hands a pending task to the orchestrator. The caller holds s.mu.
func (s *Service) ingest(t *TaskInfo) error {
	p, err := ParsePriority(t.Priority)
	if err != nil {
		return err
	}
	req, err := ParseCaps(t.Required)
	if err != nil {
		return err
	}
	err = s.orch.Submit(fleet.Task{ID: t.ID, Priority: p, Required: req, Weight: t.Weight, MaxRetries: t.MaxRetries})
	if err != nil {
		return reject("%v", err)
	}
	t.State, t.Vessel = fleet.Pending.String(), ""
	return nil
}

// schedule places what it can and records each placement. The caller
// holds s.mu.
func (s *Service) schedule(ctx context.Context) {
	for _, a := range s.orch.Schedule() {
		t := s.tasks[a.Task]
		t.State, t.Vessel = fleet.Assigned.String(), a.Vessel
		t.Attempts++
		s.persistTask(ctx, t)
		if b, err := json.Marshal(t); err == nil {
			_ = s.nc.Publish(AssignPrefix+a.Vessel, b)
		}
		s.opts.Logf("task %s assigned to %s (score %.3f)", a.Task, a.Vessel, a.Score)
	}
}

// persistTask writes a task's record with compare-and-swap. A record that
// is already final in the bucket is never overwritten with a non-final
// state: whoever finished the task first wins, and the task is not run
// again. The caller holds s.mu.
func (s *Service) persistTask(ctx context.Context, t *TaskInfo) {
	t.Updated = time.Now().UTC()
	_, err := update(ctx, s.kv, "task."+t.ID, func(cur []byte) ([]byte, error) {
		var old TaskInfo
		if cur != nil && json.Unmarshal(cur, &old) == nil && final(old.State) && !final(t.State) {
			*t = old
			return nil, errKeep
		}
		return json.Marshal(t)
	})
	if err != nil {
		s.opts.Logf("task %s: persist: %v", t.ID, err)
	}
}

// persistVessel writes a vessel's record, with its current trust, load
// and level. The caller holds s.mu.
func (s *Service) persistVessel(ctx context.Context, v *VesselInfo) {
	s.refresh(v)
	_, err := update(ctx, s.kv, "vessel."+v.ID, func([]byte) ([]byte, error) { return json.Marshal(v) })
	if err != nil {
		s.opts.Logf("vessel %s: persist: %v", v.ID, err)
		return
	}
	s.persisted[v.ID] = v.Trust
}

// refresh copies the orchestrator's and trust engine's view into v.
func (s *Service) refresh(v *VesselInfo) {
	if ov, err := s.orch.Vessel(v.ID); err == nil {
		v.Load, v.Available = ov.Load, ov.Available
	}
	if sc, err := s.trust.Score(v.ID); err == nil {
		v.Trust = sc
	}
	if l, err := s.trust.Level(v.ID); err == nil {
		v.Level = l.String()
	}
}

// handleTask takes one delivery of the work-queue stream. The task's KV
// record decides: final means the work was done (or given up) — the
// message is acknowledged and skipped, which is how a task is never
// completed twice; otherwise the task enters the orchestrator (once) and
// the message is acknowledged only after that, so a crash before the ack
// redelivers it, up to MaxDeliver times with back-off.
func (s *Service) handleTask(msg jetstream.Msg) {
	id := strings.TrimPrefix(msg.Subject(), TaskPrefix)
	var delivery uint64 = 1
	if md, err := msg.Metadata(); err == nil {
		delivery = md.NumDelivered
	}
	if s.opts.dropDelivery != nil && s.opts.dropDelivery(id, delivery) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if delivery > 1 {
		s.redeliver++
	}
	t, err := s.taskRecord(ctx, id, msg.Data())
	if errors.Is(err, ErrRejected) {
		s.opts.Logf("task %s: %v; message dropped", id, err)
		_ = msg.Term()
		return
	}
	if err != nil { // the bucket is unreachable for now: try again later
		s.opts.Logf("task %s: %v; will be redelivered", id, err)
		_ = msg.Nak()
		return
	}
	if final(t.State) {
		s.skipped++
		s.tasks[id] = t
		_ = msg.Ack()
		return
	}
	if _, err := s.orch.Task(id); err != nil { // not yet in the orchestrator
		if err := s.ingest(t); err != nil {
			t.State = fleet.Failed.String()
			s.tasks[id] = t
			s.persistTask(ctx, t)
			s.opts.Logf("task %s: %v", id, err)
			_ = msg.Term()
			return
		}
		s.tasks[id] = t
		s.schedule(ctx)
	}
	if err := msg.Ack(); err != nil {
		s.opts.Logf("task %s: ack: %v", id, err)
	}
}

// taskRecord reads a task's KV record; a message published straight to the
// stream without one creates it from the message body.
func (s *Service) taskRecord(ctx context.Context, id string, body []byte) (*TaskInfo, error) {
	if err := checkID("task", id); err != nil {
		return nil, err
	}
	var e jetstream.KeyValueEntry
	err := retry(ctx, func(ctx context.Context) (err error) { e, err = s.kv.Get(ctx, "task."+id); return err })
	if err == nil {
		var t TaskInfo
		if err := json.Unmarshal(e.Value(), &t); err != nil {
			return nil, reject("bad record: %v", err)
		}
		return &t, nil
	} else if !errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, err
	}
	var req SubmitRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, reject("bad message body: %v", err)
	}
	req.ID = id
	t, err := newTask(req)
	if err != nil {
		return nil, err
	}
	s.persistTask(ctx, t)
	return t, nil
}

func newTask(req SubmitRequest) (*TaskInfo, error) {
	if err := checkID("task", req.ID); err != nil {
		return nil, err
	}
	p, err := ParsePriority(req.Priority)
	if err != nil {
		return nil, err
	}
	caps, err := ParseCaps(req.Required)
	if err != nil {
		return nil, err
	}
	if !(req.Weight >= 0) {
		return nil, reject("weight %v: want a non-negative number", req.Weight)
	}
	now := time.Now().UTC()
	return &TaskInfo{
		ID: req.ID, Priority: p.String(), Required: capMap(caps), Weight: req.Weight,
		MaxRetries: req.MaxRetries, State: fleet.Pending.String(), Submitted: now, Updated: now,
	}, nil
}

// handleHeartbeat records a heartbeat: an observation for the trust engine
// and, for a vessel that had timed out, availability again.
func (s *Service) handleHeartbeat(m *nats.Msg) {
	id := strings.TrimPrefix(m.Subject, HeartbeatPrefix)
	var hb Heartbeat
	_ = json.Unmarshal(m.Data, &hb) // an empty or malformed body is a plain heartbeat
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.vessels[id]
	if !ok {
		if m.Reply != "" {
			s.respond(m, nil, reject("vessel %q is not registered", id))
		}
		return
	}
	now := time.Now()
	s.lastBeat[id] = now
	v.Heartbeats++
	v.LastHeartbeat = now.UTC()
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	var latency time.Duration
	if hb.LatencyMS > 0 {
		latency = time.Duration(hb.LatencyMS * float64(time.Millisecond))
	}
	s.observe(ctx, id, "heartbeat_ok", latency)
	if ov, err := s.orch.Vessel(id); err == nil && !ov.Available {
		_ = s.orch.SetAvailable(id, true)
		s.persistVessel(ctx, v)
		s.opts.Logf("vessel %s is back", id)
		s.schedule(ctx)
	}
	if m.Reply != "" {
		s.refresh(v)
		s.respond(m, v, nil)
	}
}

// sweep marks vessels unavailable once they miss the heartbeat timeout,
// fails their active tasks so they are retried elsewhere, writes trust
// that has moved to the vessels' records and trust states observed since
// their last write (at most every trustSaveEvery), and, when the service
// stops, every trust state not yet written.
func (s *Service) sweep() {
	defer close(s.done)
	every := max(s.opts.HeartbeatTimeout/4, 20*time.Millisecond)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			s.flushTrust()
			return
		case <-tick.C:
			s.sweepOnce()
		}
	}
}

// flushTrust writes every trust state not yet written, as the service
// stops.
func (s *Service) flushTrust() {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saveDirtyTrust(ctx, true)
}

func (s *Service) sweepOnce() {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	changed := false
	for _, id := range sortedKeys(s.vessels) {
		v := s.vessels[id]
		ov, err := s.orch.Vessel(id)
		if err != nil {
			continue
		}
		if ov.Available && now.Sub(s.lastBeat[id]) > s.opts.HeartbeatTimeout {
			_ = s.orch.SetAvailable(id, false)
			s.observe(ctx, id, "heartbeat_missed", 0)
			s.failActive(ctx, id)
			s.persistVessel(ctx, v)
			s.opts.Logf("vessel %s missed its heartbeat: unavailable", id)
			changed = true
			continue
		}
		if sc, err := s.trust.Score(id); err == nil && abs(sc-s.persisted[id]) >= 0.005 {
			s.persistVessel(ctx, v)
		}
	}
	s.saveDirtyTrust(ctx, false)
	if changed {
		s.schedule(ctx)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// failActive fails the active tasks of a vessel that went silent, so they
// are retried on another vessel. The caller holds s.mu.
func (s *Service) failActive(ctx context.Context, vessel string) {
	for _, id := range sortedKeys(s.tasks) {
		t := s.tasks[id]
		if t.Vessel != vessel || final(t.State) || t.State == fleet.Pending.String() {
			continue
		}
		if _, err := s.orch.Fail(id); err != nil {
			continue
		}
		s.syncTask(t)
		s.persistTask(ctx, t)
	}
}

// syncTask copies the orchestrator's state of a task into its record; a
// task back in PENDING has no vessel. The caller holds s.mu.
func (s *Service) syncTask(t *TaskInfo) {
	ot, err := s.orch.Task(t.ID)
	if err != nil {
		return
	}
	t.State, t.Vessel = ot.State.String(), ot.Vessel
	if ot.State == fleet.Pending {
		t.Vessel = ""
	}
}
