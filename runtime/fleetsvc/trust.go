package fleetsvc

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/nexusfleet/nexus/runtime/trust"
)

// trustSaveEvery is how often, at most, a vessel's trust state is written
// after good news. Bad news is written at once: a crash must never hand a
// demoted vessel its old level back, while losing half a minute of
// heartbeats only makes a restarted service a little more cautious.
const trustSaveEvery = 30 * time.Second

// trustKey is the bucket key of a vessel's trust state, a snapshot of the
// trust engine (trust.Engine.Export).
func trustKey(vessel string) string { return "trust." + vessel }

// observe records a named runtime event of a vessel in the trust engine
// and schedules its trust state to be written: at once for a failure, at
// the next sweep otherwise. The caller holds s.mu.
func (s *Service) observe(ctx context.Context, vessel, event string, latency time.Duration) {
	x, _, _ := trust.Event(event)
	x.Latency = latency
	if err := s.trust.Observe(vessel, x); err != nil {
		return // not a vessel the engine knows
	}
	// A failure makes the state urgent until it is written.
	s.trustDirty[vessel] = s.trustDirty[vessel] || !x.Success
	if !x.Success {
		s.saveTrust(ctx, vessel)
	}
}

// saveTrust writes a vessel's trust state with compare-and-swap (update's
// revision-checked read-modify-write), so it never overwrites a write it
// has not seen. The caller holds s.mu.
func (s *Service) saveTrust(ctx context.Context, vessel string) {
	data, err := s.trust.Export(vessel)
	if err != nil {
		s.opts.Logf("vessel %s: trust snapshot: %v", vessel, err)
		return
	}
	_, err = update(ctx, s.kv, trustKey(vessel), func(cur []byte) ([]byte, error) {
		if bytes.Equal(cur, data) {
			return nil, errKeep
		}
		return data, nil
	})
	if err != nil {
		s.opts.Logf("vessel %s: persist trust: %v", vessel, err)
		return
	}
	delete(s.trustDirty, vessel)
	s.trustSaved[vessel] = time.Now()
}

// saveDirtyTrust writes the trust state of vessels observed since their
// last write: all of them if all, else those with a failure not yet
// written and those last written at least trustSaveEvery ago. The caller
// holds s.mu.
func (s *Service) saveDirtyTrust(ctx context.Context, all bool) {
	now := time.Now()
	for _, id := range sortedKeys(s.trustDirty) {
		if all || s.trustDirty[id] || now.Sub(s.trustSaved[id]) >= trustSaveEvery {
			s.saveTrust(ctx, id)
		}
	}
}

// loadTrust restores the trust state of registered vessels from their
// snapshots in the bucket. A snapshot the engine refuses (corrupt, or of
// another version) is logged and skipped: that vessel starts from neutral
// at L0, which is the safe side. The caller holds s.mu.
func (s *Service) loadTrust(snaps map[string][]byte) {
	for _, id := range sortedKeys(snaps) {
		if _, ok := s.vessels[id]; !ok {
			s.opts.Logf("trust of vessel %s in the bucket: no such vessel; ignored", id)
			continue
		}
		// Import installs whichever agent the snapshot names: check first
		// that it is this one, or a misplaced record would overwrite the
		// trust of another vessel.
		var head struct {
			Agent string `json:"agent"`
		}
		if json.Unmarshal(snaps[id], &head) == nil && head.Agent != id {
			s.opts.Logf("trust of vessel %s in the bucket holds vessel %q's; ignored", id, head.Agent)
			continue
		}
		if _, err := s.trust.Import(snaps[id]); err != nil {
			s.opts.Logf("trust of vessel %s in the bucket: %v; it starts from neutral", id, err)
			continue
		}
		s.trustSaved[id] = time.Now()
	}
}

// TrustInfo is a vessel's standing in the trust engine, as the trust verb
// reports it: the fleet's score, the dimensions it weighs, and the
// autonomy level with what the next one needs.
type TrustInfo struct {
	Vessel       string     `json:"vessel"`
	Score        float64    `json:"score"`
	History      float64    `json:"history"`
	Latency      float64    `json:"latency"`
	Consistency  float64    `json:"consistency"`
	Observations int        `json:"observations"`
	Latencies    int        `json:"latencies"`
	Level        string     `json:"level"`
	CleanWindows int        `json:"clean_windows"`
	FirstSeen    time.Time  `json:"first_observed,omitzero"`
	LevelChanged time.Time  `json:"level_changed,omitzero"`
	Next         *NextLevel `json:"next,omitempty"`
	// Saved is when the vessel's trust state was last written to (or
	// read from) the bucket; zero if never.
	Saved time.Time `json:"saved,omitzero"`
}

// NextLevel is what a vessel needs for its next autonomy level: a score,
// hours observed and clean windows, and no promotion before NotBefore
// (the cooldown after its last level change).
type NextLevel struct {
	Level        string    `json:"level"`
	MinScore     float64   `json:"min_score"`
	MinObservedH float64   `json:"min_observed_hours"`
	MinClean     int       `json:"min_clean_windows"`
	NotBefore    time.Time `json:"not_before,omitzero"`
}

func (s *Service) apiTrust(_ context.Context, body []byte) (any, error) {
	var req VesselRequest
	if err := decode(body, &req); err != nil {
		return nil, err
	}
	if _, ok := s.vessels[req.ID]; !ok {
		return nil, reject("vessel %q is not registered", req.ID)
	}
	st, err := s.trust.Standing(req.ID)
	if err != nil {
		return nil, err
	}
	info := TrustInfo{
		Vessel: req.ID, Score: st.Score, History: st.History, Latency: st.Latency, Consistency: st.Consistency,
		Observations: st.Observations, Latencies: st.Latencies, Level: st.Level.String(), CleanWindows: st.CleanWindows,
		FirstSeen: st.FirstObserved.UTC(), LevelChanged: st.LevelChanged.UTC(), Saved: s.trustSaved[req.ID].UTC(),
	}
	if st.Next != nil {
		info.Next = &NextLevel{
			Level: (st.Level + 1).String(), MinScore: st.Next.MinScore, MinObservedH: st.Next.MinObserved.Hours(),
			MinClean: st.Next.MinClean, NotBefore: st.NotBefore.UTC(),
		}
	}
	return info, nil
}
