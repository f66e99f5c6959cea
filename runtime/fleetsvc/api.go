package fleetsvc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/nexusfleet/nexus/runtime/fleet"
	"github.com/nexusfleet/nexus/runtime/trust"
)

// handlers maps each API verb to its handler. A handler runs with s.mu held
// and returns the reply's data or an error (ErrRejected: the request's
// fault).
var handlers = map[string]func(s *Service, ctx context.Context, body []byte) (any, error){
	VerbVessels:  (*Service).apiVessels,
	VerbTasks:    (*Service).apiTasks,
	VerbStatus:   (*Service).apiStatus,
	VerbRegister: (*Service).apiRegister,
	VerbSubmit:   (*Service).apiSubmit,
	VerbCancel:   (*Service).apiCancel,
	VerbStart:    (*Service).apiStart,
	VerbComplete: (*Service).apiComplete,
	VerbFail:     (*Service).apiFail,
	VerbTrust:    (*Service).apiTrust,
}

func (s *Service) handleAPI(m *nats.Msg) {
	verb := strings.TrimPrefix(m.Subject, apiPrefix)
	h, ok := handlers[verb]
	if !ok {
		s.respond(m, nil, reject("unknown verb %q", verb))
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	s.mu.Lock()
	data, err := h(s, ctx, m.Data)
	s.mu.Unlock()
	s.respond(m, data, err)
}

func (s *Service) respond(m *nats.Msg, data any, err error) {
	r := reply{OK: err == nil, Data: data}
	if err != nil {
		r.Error, r.Rejected = err.Error(), errors.Is(err, ErrRejected)
	}
	b, merr := json.Marshal(r)
	if merr != nil {
		b, _ = json.Marshal(reply{Error: merr.Error()})
	}
	_ = m.Respond(b)
}

func decode(body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return reject("bad request: %v", err)
	}
	return nil
}

func (s *Service) apiVessels(context.Context, []byte) (any, error) {
	out := []VesselInfo{}
	for _, id := range sortedKeys(s.vessels) {
		v := s.vessels[id]
		s.refresh(v)
		out = append(out, *v)
	}
	return out, nil
}

func (s *Service) apiTasks(context.Context, []byte) (any, error) {
	out := []TaskInfo{}
	for _, t := range s.tasks {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Submitted.Equal(out[j].Submitted) {
			return out[i].Submitted.Before(out[j].Submitted)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func (s *Service) apiStatus(context.Context, []byte) (any, error) {
	snap := s.orch.Status()
	st := Status{Tasks: map[string]int{}, Vessels: snap.Vessels, Available: snap.Available,
		Load: snap.Load, Capacity: snap.Capacity, Skipped: s.skipped, Redelivered: s.redeliver}
	for _, t := range s.tasks {
		st.Tasks[t.State]++
	}
	return st, nil
}

func (s *Service) apiRegister(ctx context.Context, body []byte) (any, error) {
	var req RegisterRequest
	if err := decode(body, &req); err != nil {
		return nil, err
	}
	if err := checkID("vessel", req.ID); err != nil {
		return nil, err
	}
	if _, ok := s.vessels[req.ID]; ok {
		return nil, reject("vessel %q is already registered", req.ID)
	}
	caps, err := ParseCaps(req.Capabilities)
	if err != nil {
		return nil, err
	}
	if !(req.Capacity > 0) {
		return nil, reject("capacity %v: want a positive number", req.Capacity)
	}
	v := &VesselInfo{ID: req.ID, Capabilities: capMap(caps), Capacity: req.Capacity, Available: true, Level: trust.L0.String()}
	b, _ := json.Marshal(v)
	// Create is the compare-and-swap "only if absent": a second service
	// sharing the bucket cannot register the same vessel twice.
	if _, err := s.kv.Create(ctx, "vessel."+req.ID, b); err != nil {
		if errors.Is(err, jetstream.ErrKeyExists) {
			return nil, reject("vessel %q is already registered", req.ID)
		}
		return nil, err
	}
	if err := s.addVessel(v, time.Now()); err != nil {
		return nil, err
	}
	s.persistVessel(ctx, v)
	// A trust record from birth: it also replaces any stale one left by
	// an earlier vessel of this name.
	s.saveTrust(ctx, v.ID)
	s.opts.Logf("vessel %s registered", v.ID)
	s.schedule(ctx)
	return *v, nil
}

func (s *Service) apiSubmit(ctx context.Context, body []byte) (any, error) {
	var req SubmitRequest
	if err := decode(body, &req); err != nil {
		return nil, err
	}
	t, err := newTask(req)
	if err != nil {
		return nil, err
	}
	if _, ok := s.tasks[t.ID]; ok {
		return nil, reject("task %q already exists", t.ID)
	}
	b, _ := json.Marshal(t)
	// The record first, then the message: the consumer always finds the
	// record, and the message ID makes a resubmission within the stream's
	// duplicate window a no-op.
	// A create retried after a lost reply finds its own record: compare.
	err = retry(ctx, func(ctx context.Context) error { _, err := s.kv.Create(ctx, "task."+t.ID, b); return err })
	if errors.Is(err, jetstream.ErrKeyExists) {
		if e, gerr := s.kv.Get(ctx, "task."+t.ID); gerr != nil || !bytes.Equal(e.Value(), b) {
			return nil, reject("task %q already exists", t.ID)
		}
		err = nil
	}
	if err != nil {
		return nil, err
	}
	s.tasks[t.ID] = t
	msg, _ := json.Marshal(req)
	err = retry(ctx, func(ctx context.Context) error {
		_, err := s.js.Publish(ctx, TaskPrefix+t.ID, msg, jetstream.WithMsgID(t.ID))
		return err
	})
	if err != nil {
		// The record is durable, so the task is not lost: place it now.
		// Should the message land after all, its delivery finds the task
		// known and is acknowledged.
		s.opts.Logf("task %s: not queued (%v): placed directly", t.ID, err)
		if err := s.ingest(t); err != nil {
			return nil, err
		}
		s.schedule(ctx)
	}
	s.opts.Logf("task %s submitted", t.ID)
	return *t, nil
}

// taskOp runs one orchestrator transition on a task and records the state
// it leads to.
func (s *Service) taskOp(ctx context.Context, body []byte, op func(id string) error) (*TaskInfo, error) {
	var req TaskRequest
	if err := decode(body, &req); err != nil {
		return nil, err
	}
	t, ok := s.tasks[req.ID]
	if !ok {
		return nil, reject("task %q: %v", req.ID, fleet.ErrUnknownTask)
	}
	if err := op(req.ID); err != nil {
		return nil, reject("%v", err)
	}
	s.syncTask(t)
	s.persistTask(ctx, t)
	return t, nil
}

func (s *Service) apiCancel(ctx context.Context, body []byte) (any, error) {
	var req TaskRequest
	if err := decode(body, &req); err != nil {
		return nil, err
	}
	if t, ok := s.tasks[req.ID]; ok && !final(t.State) {
		if _, err := s.orch.Task(req.ID); err != nil {
			// Submitted but not yet taken from the stream: the consumer
			// will find the record final and skip the message.
			t.State = fleet.Cancelled.String()
			s.persistTask(ctx, t)
			return *t, nil
		}
	}
	t, err := s.taskOp(ctx, body, s.orch.Cancel)
	if err != nil {
		return nil, err
	}
	s.schedule(ctx)
	return *t, nil
}

func (s *Service) apiStart(ctx context.Context, body []byte) (any, error) {
	t, err := s.taskOp(ctx, body, s.orch.Start)
	if err != nil {
		return nil, err
	}
	return *t, nil
}

func (s *Service) apiComplete(ctx context.Context, body []byte) (any, error) {
	t, err := s.taskOp(ctx, body, s.orch.Complete)
	if err != nil {
		return nil, err
	}
	s.observe(ctx, t.Vessel, "reflex_completed", 0)
	s.schedule(ctx)
	return *t, nil
}

func (s *Service) apiFail(ctx context.Context, body []byte) (any, error) {
	var vessel string
	t, err := s.taskOp(ctx, body, func(id string) error {
		if ot, err := s.orch.Task(id); err == nil {
			vessel = ot.Vessel
		}
		_, err := s.orch.Fail(id)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.observe(ctx, vessel, "reflex_error", 0)
	s.schedule(ctx)
	return *t, nil
}
