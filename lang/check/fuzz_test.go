package check

import (
	"testing"

	"github.com/nexusfleet/nexus/lang/codes"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// FuzzCheck proves the checker cannot panic or loop on any input, and that
// every diagnostic is well formed.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(wrap("", "thrust = 0 %")))
	f.Add([]byte(wrap("    fn f(n: int) -> int { return g(n) }\n    fn g(n: int) -> int { return f(n) }", "thrust = num(f(1)) * 1 %")))
	f.Add([]byte(wrap("    const a = b\n    const b = a * 2 m", "thrust = thrust + a")))
	f.Add([]byte(wrap("    inbox cmd: num[%]\n    outbox o: int @ 1", "receive cmd as v { thrust = v } else { send o(1) }\n for i in 0..3 { rudder = min(heading, 1 rad) }")))
	f.Add([]byte(`reflex x { on tick { let a = 1 / 0 } }`))
	f.Add([]byte(`reflex x { period 0 ms every 3 ms { } }`))
	for _, e := range codes.All() {
		f.Add([]byte(e.Bad))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// The checker must also survive the partial tree the parser
		// recovers from a file with syntax errors.
		if pf, _ := syntax.Parse("fuzz.reflex", src); pf != nil {
			Check(pf)
		}
		_, _, ds := Source("fuzz.reflex", src)
		for _, d := range ds {
			if d.Span.Start.Line < 1 || d.Span.Start.Col < 1 {
				t.Errorf("diagnostic at %d:%d: %v", d.Span.Start.Line, d.Span.Start.Col, d)
			}
			if d.Code == "" || d.Message == "" {
				t.Errorf("diagnostic without code or message: %+v", d)
			}
		}
	})
}
