package fleet

import "github.com/nexusfleet/nexus/runtime/trust"

// EngineTrust adapts the INCREMENTS engine to TrustSource: a vessel's trust
// is the engine's fleet view of it (what the runtime itself observed, not
// what peers say). A vessel the engine does not know scores 0, so an
// unregistered vessel never outranks a known one on trust.
type EngineTrust struct{ Engine *trust.Engine }

// Trust implements TrustSource.
func (t EngineTrust) Trust(vessel string) float64 {
	s, err := t.Engine.Score(vessel)
	if err != nil {
		return 0
	}
	return s
}
