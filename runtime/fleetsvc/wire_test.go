package fleetsvc

import (
	"encoding/json"
	"errors"
	"testing"
)

// FuzzRequestBodies feeds arbitrary bytes to what the API does with a
// request body before it touches any state: decoding, validation, and the
// client's reply decoding. None may panic, and every refusal is a
// rejection (exit status 1), never an internal error.
func FuzzRequestBodies(f *testing.F) {
	f.Add([]byte(`{"id":"survey-1","priority":"high","required":{"sensing":0.8},"weight":1}`))
	f.Add([]byte(`{"id":"a.b","required":{"telepathy":1}}`))
	f.Add([]byte(`{"id":"x","weight":-1,"priority":"urgent"}`))
	f.Add([]byte(`{"ok":false,"error":"nope","rejected":true}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var req SubmitRequest
		if err := decode(body, &req); err == nil {
			if _, err := newTask(req); err != nil && !errors.Is(err, ErrRejected) {
				t.Errorf("newTask: %v is not a rejection", err)
			}
		} else if !errors.Is(err, ErrRejected) {
			t.Errorf("decode: %v is not a rejection", err)
		}
		var reg RegisterRequest
		if json.Unmarshal(body, &reg) == nil {
			_, _ = ParseCaps(reg.Capabilities)
			_ = checkID("vessel", reg.ID)
		}
		var out TaskInfo
		_ = decodeReply(body, &out)
	})
}

func TestParsers(t *testing.T) {
	for _, s := range []string{"", "low", "Normal", "HIGH", "critical"} {
		if _, err := ParsePriority(s); err != nil {
			t.Errorf("ParsePriority(%q): %v", s, err)
		}
	}
	if _, err := ParsePriority("urgent"); !errors.Is(err, ErrRejected) {
		t.Errorf("ParsePriority(urgent): %v", err)
	}
	caps, err := ParseCaps(map[string]float64{"Sensing": 0.5, "speed": 1})
	if err != nil || caps[1] != 0.5 || caps[7] != 1 {
		t.Errorf("ParseCaps = %v, %v", caps, err)
	}
	for _, bad := range []map[string]float64{{"sensing": 1.5}, {"sensing": -0.1}, {"x": 0.1}} {
		if _, err := ParseCaps(bad); !errors.Is(err, ErrRejected) {
			t.Errorf("ParseCaps(%v): %v", bad, err)
		}
	}
	for id, ok := range map[string]bool{"auv-1": true, "a_b": true, "": false, "a.b": false, "a b": false, "a*": false} {
		if err := checkID("task", id); (err == nil) != ok {
			t.Errorf("checkID(%q) = %v", id, err)
		}
	}
}
