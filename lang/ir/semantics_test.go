package ir_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

func buildSource(t *testing.T, src string) *ir.Program {
	t.Helper()
	f, info, ds := check.Source("t.reflex", []byte(src))
	if ds.HasErrors() {
		t.Fatalf("diagnostics: %v", ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if err := p.Verify(); err != nil {
		t.Fatalf("verify: %v\n%s", err, p)
	}
	return p
}

// writes renders a machine's IO writes as "ch=value" in Q16.16 units or
// raw ints.
func writes(m *ir.Machine, q16 bool) string {
	var parts []string
	for _, w := range m.Writes {
		if q16 {
			parts = append(parts, fmt.Sprintf("%d=%g", w.Channel, float64(int32(w.Value))/65536))
		} else {
			parts = append(parts, fmt.Sprintf("%d=%d", w.Channel, int32(w.Value)))
		}
	}
	return strings.Join(parts, " ")
}

const head = `reflex t {
    intent "test"
`

func TestRateLimitAndClamp(t *testing.T) {
	p := buildSource(t, head+`
    sensor s: num[%] @ 16 range -200 % .. 200 %
    actuator a: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 30 %
    on tick { a = s }
    on failsafe { a = 0 % }
}`)
	m := ir.NewMachine(p)
	m.Inputs[16] = uint32(150 << 16)
	for k := 0; k < 5; k++ {
		if err := m.Tick(); err != nil {
			t.Fatal(err)
		}
	}
	// Ramps by 30 % a tick toward 150 %, clamped at 100 %.
	if got, want := writes(m, true), "20=30 20=60 20=90 20=100 20=100"; got != want {
		t.Errorf("writes = %s, want %s", got, want)
	}
	m.Writes = nil
	if err := m.Activate(p.Failsafe); err != nil {
		t.Fatal(err)
	}
	neg := int32(-150 << 16)
	m.Inputs[16] = uint32(neg)
	if err := m.Tick(); err != nil {
		t.Fatal(err)
	}
	// The failsafe jumps straight to the safe value; the ramp continues
	// from there.
	if got, want := writes(m, true), "20=0 20=-30"; got != want {
		t.Errorf("after failsafe: %s, want %s", got, want)
	}
}

func TestEveryAndDivision(t *testing.T) {
	p := buildSource(t, head+`
    period 10 ms
    sensor d: int @ 16
    actuator a: int @ 20 range -1000 .. 1000 safe 0
    actuator b: int @ 21 range -1000 .. 1000 safe 0
    state n: int = 0
    on tick { a = 100 / d }
    every 30 ms { n += 1; b = n }
    on failsafe { a = 0; b = 0 }
}`)
	m := ir.NewMachine(p)
	for k, d := range []int32{0, 3, -7, 5, 0, 1, 2} {
		m.Inputs[16] = uint32(d)
		if err := m.Tick(); err != nil {
			t.Fatalf("tick %d: %v", k, err)
		}
	}
	// Division by zero yields 0; the every block runs on ticks 0, 3, 6;
	// b is written every tick (it holds its last request).
	want := "20=0 21=1 20=33 21=1 20=-14 21=1 20=20 21=2 20=0 21=2 20=100 21=2 20=50 21=3"
	if got := writes(m, false); got != want {
		t.Errorf("writes = %s\nwant     %s", got, want)
	}
}

func TestShortCircuitAndLoops(t *testing.T) {
	p := buildSource(t, head+`
    sensor s: int @ 16
    actuator a: int @ 20 range -100000 .. 100000 safe 0
    state calls: int = 0
    fn bump() -> bool {
        calls += 1
        return true
    }
    on tick {
        let acc = 0
        for i in 1..5 { acc += i * s }
        if s > 0 or bump() { acc += 1000 }
        a = acc + calls * 10000
    }
    on failsafe { a = 0 }
}`)
	m := ir.NewMachine(p)
	for _, s := range []int32{2, -1, 3} {
		m.Inputs[16] = uint32(s)
		if err := m.Tick(); err != nil {
			t.Fatal(err)
		}
	}
	// acc = 10·s (+1000); bump runs only when s <= 0.
	if got, want := writes(m, false), "20=1020 20=10990 20=11030"; got != want {
		t.Errorf("writes = %s, want %s", got, want)
	}
}

func TestReceiveAndUnits(t *testing.T) {
	p := buildSource(t, head+`
    actuator a: num[ms] @ 20 range 0 ms .. 30000 ms safe 0 ms
    inbox cmd: num[s]
    state last: num[s] = 0.5 s
    on tick {
        receive cmd as v { last = v } else { last = last + 1 s }
        a = last
    }
    on failsafe { a = 0 ms }
}`)
	m := ir.NewMachine(p)
	m.Recv = []uint32{uint32(2 << 16)}
	for k := 0; k < 3; k++ {
		if err := m.Tick(); err != nil {
			t.Fatal(err)
		}
	}
	// Seconds convert to milliseconds on the way to the actuator.
	if got, want := writes(m, true), "20=2000 20=3000 20=4000"; got != want {
		t.Errorf("writes = %s, want %s", got, want)
	}
}

func TestVerifyCatchesBrokenIR(t *testing.T) {
	p := buildSource(t, head+`
    sensor s: int @ 16
    actuator a: int @ 20 range 0 .. 10 safe 0
    on tick { if s > 0 { a = 1 } else { a = 2 } }
    on failsafe { a = 0 }
}`)
	f := p.Tick
	// A use before its definition.
	in := f.Blocks[0].Instrs[0]
	in.A = f.NextValue + 5
	bad := &ir.Instr{Op: ir.OpCopy, Dst: f.NewValue(), A: f.NextValue + 100}
	f.Blocks[0].Instrs = append([]*ir.Instr{bad}, f.Blocks[0].Instrs...)
	if err := p.Verify(); err == nil || !strings.Contains(err.Error(), "before its definition") {
		t.Errorf("verify = %v", err)
	}
	// A backward edge.
	p = buildSource(t, head+`
    sensor s: int @ 16
    actuator a: int @ 20 range 0 .. 10 safe 0
    on tick { if s > 0 { a = 1 } else { a = 2 } }
    on failsafe { a = 0 }
}`)
	f = p.Tick
	last := f.Blocks[len(f.Blocks)-1]
	last.Term = ir.Term{Kind: ir.TermJump}
	ir.AddEdge(last, f.Blocks[1])
	if err := p.Verify(); err == nil || !strings.Contains(err.Error(), "backwards") {
		t.Errorf("verify = %v", err)
	}
}
