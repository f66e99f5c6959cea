package interval

import (
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

// sink keeps results alive so the compiler cannot drop the work.
var sink Interval

// BenchmarkOps times each transfer function on typical non-constant
// operands: what the validator pays per instruction visit.
func BenchmarkOps(b *testing.B) {
	x, y, c := Range(-100, 100), Range(0, 65532), Const(4)
	ops := []struct {
		name string
		f    func() Interval
	}{
		{"Add", func() Interval { return Add(x, y) }},
		{"Mul", func() Interval { return Mul(y, c, 0) }},
		{"Div", func() Interval { return Div(x, y, 0) }},
		{"And", func() Interval { return And(x, y) }},
		{"Shl", func() Interval { return Shl(y, Range(0, 31)) }},
		{"Shr", func() Interval { return Shr(x, c, true) }},
		{"Join", func() Interval { return x.Join(y) }},
		{"Meet", func() Interval { return x.Meet(y) }},
		{"Refine", func() Interval { r, _ := Refine(isa.CondLT, true, x, y); return r }},
	}
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = op.f()
			}
		})
	}
}
