package opt

import (
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

// clampsWith counts the Min and Max instructions of f with the constant c
// as an operand.
func clampsWith(f *ir.Func, c int32) int {
	konst := constants(f)
	n := 0
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			if in.Op != ir.OpMin && in.Op != ir.OpMax {
				continue
			}
			if _, k, ok := constOperand(in, konst); ok && k == c {
				n++
			}
		}
	}
	return n
}

func TestFlushClamp(t *testing.T) {
	src := `reflex fc {
    intent "author clamps the flush repeats"
    sensor s: num[%] @ 16 range -300 % .. 300 %
    actuator plain: num[%] @ 20 range -100 % .. 100 % safe 0 %
    actuator rated: num[%] @ 21 range -100 % .. 100 % safe 0 % rate 5 %
    actuator narrow: num[%] @ 22 range -100 % .. 100 % safe 0 %
    actuator shared: num[%] @ 23 range -100 % .. 100 % safe 0 %
    actuator branchy: num[%] @ 24 range -100 % .. 100 % safe 0 % rate 5 %
    state last: num[%] = 0 %
    on tick {
        plain = clamp(s, -100 %, 100 %)
        rated = clamp(s * 2, -150 %, 150 %)
        narrow = clamp(s - 1 %, -50 %, 50 %)
        let c = clamp(s + 1 %, -100 %, 100 %)
        shared = c
        last = c
        if s > 0 % {
            branchy = clamp(s / 2, -100 %, 100 %)
        } else {
            branchy = clamp(s * 3, -100 %, 100 %)
        }
    }
    on failsafe { plain = 0 % }
}`
	f, info, ds := check.Source("fc.reflex", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatal(err)
	}
	if err := optimise(p, 2); err != nil {
		t.Fatal(err)
	}
	pct := func(v int32) int32 { return v * 65536 }
	for _, c := range []struct {
		what  string
		bound int32
		want  int
	}{
		// ±100 %: the five flush clamps and the authors' clamps to
		// exactly the range (plain, c, both of branchy's), which stay:
		// they let code generation prove the value inside the range.
		{"100 %", pct(100), 9},
		{"-100 %", pct(-100), 9},
		{"150 %", pct(150), 0},
		{"-150 %", pct(-150), 0},
		{"50 % (narrower than the range: kept)", pct(50), 1},
		{"-50 %", pct(-50), 1},
	} {
		if got := clampsWith(p.Tick, c.bound); got != c.want {
			t.Errorf("%s: %d clamps remain, want %d\n%s", c.what, got, c.want, p.Tick)
		}
	}
}
