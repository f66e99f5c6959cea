package compile

import (
	"testing"

	"github.com/nexusfleet/nexus/lang/codes"
)

// FuzzSource proves the driver never panics and never reports an internal
// compiler error: any source either fails with the checker's or a limit's
// diagnostics, or compiles to a program.
func FuzzSource(f *testing.F) {
	for _, src := range examples(f) {
		f.Add(src, uint8(2))
	}
	for _, e := range append(codes.All(), codes.Backend()...) {
		if e.Bad != "" {
			f.Add([]byte(e.Bad), uint8(1))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, level uint8) {
		out, ds := Source("fuzz.reflex", src, Options{Level: int(level % 3), Budget: 5000})
		for _, d := range ds {
			if d.Code == CodeInternal {
				t.Fatalf("internal compiler error on:\n%s\n%v", src, d)
			}
		}
		if out == nil && !ds.HasErrors() {
			t.Fatal("no output and no error")
		}
	})
}
