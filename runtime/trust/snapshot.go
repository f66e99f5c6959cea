package trust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// SnapshotVersion is the snapshot format Export writes and the only one
// Import reads. It changes whenever a field is added, removed or changes
// meaning, so an engine never misreads a snapshot another version wrote.
const SnapshotVersion = 1

// ErrSnapshot marks a snapshot Import refuses: not JSON, another version,
// or a state the engine could never have been in.
var ErrSnapshot = errors.New("bad trust snapshot")

// agentSnapshot is the wire form of everything the engine knows about one
// agent as a subject: its profile, its autonomy state and every rater's
// view of it (the fleet's own view has the empty rater). What the agent
// thinks of others is in their snapshots, so one snapshot per agent is
// the whole engine, and each fits one key of a key-value store.
//
// Every number is stored as the engine holds it, not as it reports it:
// history as its offset from neutral, the latency ring in its physical
// order. JSON writes float64 in the shortest form that reads back to the
// same bits, and times to the nanosecond, so a restored engine computes
// the very same sums.
type agentSnapshot struct {
	Version  int                `json:"version"`
	Agent    string             `json:"agent"`
	Profile  map[string]float64 `json:"profile,omitempty"` // capability name → value; 0 omitted
	Autonomy autonomySnapshot   `json:"autonomy"`
	Views    []viewSnapshot     `json:"views,omitempty"` // sorted by rater
}

type autonomySnapshot struct {
	Level       int        `json:"level"` // 0..5
	Started     bool       `json:"started,omitempty"`
	First       time.Time  `json:"first_observed,omitzero"`
	WindowStart time.Time  `json:"window_start,omitzero"`
	WindowObs   int        `json:"window_observations,omitempty"`
	WindowBad   bool       `json:"window_failed,omitempty"`
	Clean       int        `json:"clean_windows,omitempty"`
	Changed     *time.Time `json:"level_changed,omitempty"` // nil: never changed
}

type viewSnapshot struct {
	Rater     string                     `json:"rater"` // "" is the fleet's own view
	History   historySnapshot            `json:"history"`
	ByTask    map[string]historySnapshot `json:"by_task,omitempty"`
	Latencies []time.Duration            `json:"latencies_ns,omitempty"` // the ring as stored
	Next      int                        `json:"latency_next,omitempty"` // where the next sample goes
}

type historySnapshot struct {
	Offset float64   `json:"offset"` // value − 0.5
	At     time.Time `json:"updated,omitzero"`
	N      int       `json:"observations"`
}

// Export returns a snapshot of everything the engine knows about agent
// id as a subject — its profile, autonomy level and the state behind it,
// and every rater's history and latencies of it — as versioned JSON.
// Import restores it; an engine restored from the snapshots of all its
// agents behaves exactly as the original from then on, given the same
// configuration and clock.
func (e *Engine) Export(id string) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.agents[id]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownAgent, id)
	}
	s := agentSnapshot{Version: SnapshotVersion, Agent: id, Profile: profileMap(a.profile), Autonomy: exportAutonomy(&a.auto)}
	for _, rater := range slices.Sorted(maps.Keys(a.raters)) {
		s.Views = append(s.Views, exportView(rater, a.raters[rater]))
	}
	b, err := json.Marshal(s)
	if err != nil { // only a time outside years 0..9999
		return nil, fmt.Errorf("agent %q: snapshot: %w", id, err)
	}
	return b, nil
}

// Import restores an agent from a snapshot Export wrote and returns its
// ID. An agent not yet registered is registered with the snapshot's
// profile; a registered one has its profile, autonomy and every rater's
// view of it replaced. A rater need not be registered yet: its view counts
// once it is. A snapshot that is not valid JSON, is of another version or
// holds a state the engine could not have reached is refused with an
// ErrSnapshot error that says what is wrong, and the engine is unchanged.
func (e *Engine) Import(data []byte) (string, error) {
	s, err := decodeSnapshot(data)
	if err != nil {
		return "", err
	}
	p, _ := parseProfile(s.Profile) // checked by decodeSnapshot
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.agents[s.Agent]
	if ok {
		for rater := range a.raters {
			delete(e.rels, pair{rater, s.Agent})
		}
	} else {
		a = &agent{}
		e.agents[s.Agent] = a
	}
	a.profile, a.auto, a.raters = p, importAutonomy(&s.Autonomy), map[string]*relation{}
	for i := range s.Views {
		v := &s.Views[i]
		r := e.importView(v)
		a.raters[v.Rater] = r
		e.rels[pair{v.Rater, s.Agent}] = r
	}
	return s.Agent, nil
}

func profileMap(p Profile) map[string]float64 {
	m := map[string]float64{}
	for i, v := range p {
		if v != 0 {
			m[Capability(i).String()] = v
		}
	}
	return m
}

func parseProfile(m map[string]float64) (Profile, error) {
	var p Profile
	for name, v := range m {
		i := slices.Index(capabilityNames[:], name)
		if i < 0 {
			return p, fmt.Errorf("unknown capability %q (want one of %s)", name, strings.Join(capabilityNames[:], ", "))
		}
		p[i] = v
	}
	return p, p.validate()
}

func exportAutonomy(a *autonomy) autonomySnapshot {
	s := autonomySnapshot{
		Level: int(a.level), Started: a.started, First: a.first, WindowStart: a.winStart,
		WindowObs: a.winObs, WindowBad: a.winBad, Clean: a.clean,
	}
	if a.hasChanged {
		t := a.changed
		s.Changed = &t
	}
	return s
}

func importAutonomy(s *autonomySnapshot) autonomy {
	a := autonomy{
		level: Level(s.Level), started: s.Started, first: s.First, winStart: s.WindowStart,
		winObs: s.WindowObs, winBad: s.WindowBad, clean: s.Clean,
	}
	if s.Changed != nil {
		a.changed, a.hasChanged = *s.Changed, true
	}
	return a
}

func exportView(rater string, r *relation) viewSnapshot {
	v := viewSnapshot{Rater: rater, History: exportHistory(&r.hist)}
	if len(r.byTask) > 0 {
		v.ByTask = map[string]historySnapshot{}
		for k, h := range r.byTask {
			v.ByTask[k] = exportHistory(h)
		}
	}
	if r.lat.n > 0 {
		v.Latencies = slices.Clone(r.lat.buf[:r.lat.n])
		v.Next = r.lat.next
	}
	return v
}

func exportHistory(h *history) historySnapshot {
	return historySnapshot{Offset: h.dev, At: h.at, N: h.n}
}

func importHistory(s historySnapshot) history {
	return history{dev: s.Offset, at: s.At, n: s.N}
}

// importView builds a relation from a checked view. The caller holds e.mu.
func (e *Engine) importView(v *viewSnapshot) *relation {
	r := &relation{hist: importHistory(v.History), lat: latencies{buf: make([]time.Duration, e.cfg.LatencyWindow)}}
	if len(v.ByTask) > 0 {
		r.byTask = map[string]*history{}
		for k, s := range v.ByTask {
			h := importHistory(s)
			r.byTask[k] = &h
		}
	}
	r.lat.restore(v.Latencies, v.Next, &e.cfg)
	return r
}

// restore refills an empty ring from samples stored in physical order
// with next the slot for the next sample. A ring of the same size gets
// the same layout, so its sums — and scores — are bit for bit the same;
// an engine keeping fewer or more samples gets the most recent ones in
// order of arrival.
func (l *latencies) restore(samples []time.Duration, next int, c *Config) {
	w := len(l.buf)
	switch {
	case len(samples) == w && next < w, len(samples) < w && next == len(samples):
		copy(l.buf, samples)
		l.n, l.next = len(samples), next%w
	default:
		inOrder := slices.Concat(samples[next:], samples[:next])
		inOrder = inOrder[max(0, len(inOrder)-w):]
		copy(l.buf, inOrder)
		l.n, l.next = len(inOrder), len(inOrder)%w
	}
	if l.n >= 2 {
		mean, sd := l.stats()
		l.lat, l.con = latencyScore(mean, c), consistencyScore(mean, sd)
	}
}

// decodeSnapshot parses and checks a snapshot. The version is read first,
// so a snapshot of another version is named as such rather than reported
// as a field this version does not know.
func decodeSnapshot(data []byte) (*agentSnapshot, error) {
	var head struct {
		Version *int   `json:"version"`
		Agent   string `json:"agent"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: not a snapshot: %v", ErrSnapshot, err)
	}
	switch {
	case head.Version == nil:
		return nil, fmt.Errorf("%w: no version field", ErrSnapshot)
	case *head.Version != SnapshotVersion:
		return nil, fmt.Errorf("%w: agent %q: version %d, this engine reads version %d", ErrSnapshot, head.Agent, *head.Version, SnapshotVersion)
	}
	// json.Unmarshal above refused anything after the object.
	var s agentSnapshot
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: agent %q: %v", ErrSnapshot, head.Agent, err)
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("%w: agent %q: %v", ErrSnapshot, s.Agent, err)
	}
	return &s, nil
}

// check refuses states the engine cannot reach, so that a restored engine
// keeps every invariant of one built by observations: values in range,
// counts not negative, latencies positive, no agent rating itself.
func (s *agentSnapshot) check() error {
	if s.Agent == "" {
		return errors.New("empty agent id")
	}
	if _, err := parseProfile(s.Profile); err != nil {
		return fmt.Errorf("profile: %v", err)
	}
	if err := s.Autonomy.check(); err != nil {
		return fmt.Errorf("autonomy: %v", err)
	}
	seen := map[string]bool{}
	for i := range s.Views {
		v := &s.Views[i]
		who := fmt.Sprintf("view of rater %q", v.Rater)
		if v.Rater == "" {
			who = "fleet view"
		}
		switch {
		case seen[v.Rater]:
			return fmt.Errorf("%s appears twice", who)
		case v.Rater == s.Agent:
			return fmt.Errorf("%s: an agent cannot rate itself", who)
		}
		seen[v.Rater] = true
		if err := v.check(); err != nil {
			return fmt.Errorf("%s: %v", who, err)
		}
	}
	return nil
}

func (a *autonomySnapshot) check() error {
	switch {
	case a.Level < int(L0) || a.Level >= NumLevels:
		return fmt.Errorf("level %d, want 0..%d", a.Level, NumLevels-1)
	case a.WindowObs < 0 || a.Clean < 0:
		return fmt.Errorf("negative count (window observations %d, clean windows %d)", a.WindowObs, a.Clean)
	case !a.Started && (a.WindowObs != 0 || a.Clean != 0 || a.WindowBad || a.Level != 0 || a.Changed != nil):
		return errors.New("observations or a level change for an agent never observed")
	case a.Started && a.WindowStart.Before(a.First):
		return errors.New("open window starts before the first observation")
	}
	return nil
}

func (v *viewSnapshot) check() error {
	if err := v.History.check(); err != nil {
		return fmt.Errorf("history: %v", err)
	}
	for k, h := range v.ByTask {
		if k == "" {
			return errors.New("task history with an empty task type")
		}
		if err := h.check(); err != nil {
			return fmt.Errorf("history of task %q: %v", k, err)
		}
	}
	for _, d := range v.Latencies {
		if d <= 0 {
			return fmt.Errorf("latency %v, want a positive duration", d)
		}
	}
	if v.Next < 0 || v.Next > len(v.Latencies) {
		return fmt.Errorf("latency_next %d, want 0..%d", v.Next, len(v.Latencies))
	}
	return nil
}

func (h historySnapshot) check() error {
	switch {
	case math.IsNaN(h.Offset) || h.Offset < -neutral || h.Offset > neutral:
		return fmt.Errorf("offset %v, want -0.5..0.5", h.Offset)
	case h.N < 0:
		return fmt.Errorf("%d observations", h.N)
	case h.N == 0 && (h.Offset != 0 || !h.At.IsZero()):
		return errors.New("a value without observations")
	}
	return nil
}
