package interval

import (
	"math/rand/v2"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

// TestSoundness draws random interval pairs (edge-biased) and random members
// and checks every transfer function, the lattice operations and Refine
// against the isa semantics.
func TestSoundness(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pairs, members := 40000, 8
	if testing.Short() {
		pairs = 4000
	}
	checks = 0
	for range pairs {
		a, b := randInterval(r), randInterval(r)
		k := uint32(r.IntN(32))
		if r.IntN(8) == 0 {
			k = r.Uint32()
		}
		for range members {
			x, okx := member(r, a)
			y, oky := member(r, b)
			if !okx || !oky {
				break
			}
			if err := soundness(a, b, x, y, k); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d interval pairs, %d soundness checks", pairs, checks)
}

// TestSoundnessExhaustive enumerates every member pair of narrow arcs placed
// at the edge words, where interior members (which random sampling may miss)
// are all checked.
func TestSoundnessExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pairs := 1500
	if testing.Short() {
		pairs = 150
	}
	checks = 0
	for range pairs {
		a := mk(word(r), uint64(r.IntN(12)))
		b := mk(word(r), uint64(r.IntN(12)))
		k := uint32(r.IntN(32))
		for i := uint32(0); i <= a.w; i++ {
			for j := uint32(0); j <= b.w; j++ {
				if err := soundness(a, b, a.lo+i, b.lo+j, k); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	t.Logf("%d narrow interval pairs, %d soundness checks", pairs, checks)
}

// TestConstantsExact: every operation on constants is the constant the VM
// computes, and Refine on constants is exactly feasible or Bottom.
func TestConstantsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		x, y, k := word(r), word(r), uint32(r.IntN(32))
		if r.IntN(8) == 0 {
			k = r.Uint32()
		}
		a, b := Const(x), Const(y)
		q, ok := isa.Div(x, y, k)
		want := Bottom()
		if ok {
			want = Const(q)
		}
		cases := []struct {
			name      string
			got, want Interval
		}{
			{"Add", Add(a, b), Const(x + y)},
			{"Sub", Sub(a, b), Const(x - y)},
			{"Mul", Mul(a, b, k), Const(isa.Mul(x, y, k))},
			{"Div", Div(a, b, k), want},
			{"And", And(a, b), Const(x & y)},
			{"Or", Or(a, b), Const(x | y)},
			{"Xor", Xor(a, b), Const(x ^ y)},
			{"Not", Not(a), Const(^x)},
			{"Shl", Shl(a, b), Const(isa.Shl(x, y))},
			{"Shr", Shr(a, b, false), Const(isa.Shr(x, y, false))},
			{"Sar", Shr(a, b, true), Const(isa.Shr(x, y, true))},
		}
		for _, c := range cases {
			if c.got != c.want {
				t.Fatalf("%s(%#x, %#x, k=%d) = %v, want %v", c.name, x, y, k, c.got, c.want)
			}
		}
		for _, c := range conds[1:11] {
			for _, holds := range [2]bool{true, false} {
				ra, rb := Refine(c, holds, a, b)
				wa, wb := a, b
				if c.Eval(x, y) != holds {
					wa, wb = Bottom(), Bottom()
				}
				if ra != wa || rb != wb {
					t.Fatalf("Refine(%v, %v, %#x, %#x) = %v, %v, want %v, %v", c, holds, x, y, ra, rb, wa, wb)
				}
			}
		}
	}
}

// TestBitwiseBoundsExact compares the Hacker's Delight bounds with brute
// force on small spans, where they must be exact, not just sound.
func TestBitwiseBoundsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	type fn struct {
		name   string
		lo, hi bound
		op     func(x, y uint32) uint32
	}
	fns := []fn{
		{"and", minAnd, maxAnd, func(x, y uint32) uint32 { return x & y }},
		{"or", minOr, maxOr, func(x, y uint32) uint32 { return x | y }},
		{"xor", minXor, maxXor, func(x, y uint32) uint32 { return x ^ y }},
	}
	for range 3000 {
		// Small values, optionally lifted near the top of the word so the
		// high bits matter too.
		base := []uint32{0, 0x7FFFFFC0, 0xFFFFFFC0}[r.IntN(3)]
		a := base + uint32(r.IntN(64))
		b := a + uint32(r.IntN(int(base+63-a)+1))
		c := base + uint32(r.IntN(64))
		d := c + uint32(r.IntN(int(base+63-c)+1))
		for _, f := range fns {
			lo, hi := ^uint32(0), uint32(0)
			for x := a; x <= b && x >= a; x++ {
				for y := c; y <= d && y >= c; y++ {
					v := f.op(x, y)
					lo, hi = min(lo, v), max(hi, v)
				}
			}
			if gl, gh := f.lo(a, b, c, d), f.hi(a, b, c, d); gl != lo || gh != hi {
				t.Fatalf("%s [%#x,%#x] [%#x,%#x]: got [%#x,%#x], want [%#x,%#x]", f.name, a, b, c, d, gl, gh, lo, hi)
			}
		}
	}
}

// TestWidenTerminates: a chain x' = x.Widen(y) changes value at most 3
// times after its first non-empty value (see Widen), whatever the y's.
func TestWidenTerminates(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	longest := 0
	for range 20000 {
		x, changes := Bottom(), 0
		for range 40 {
			// The next iterate grows x a little, a lot, or arbitrarily.
			y := randInterval(r)
			if r.IntN(2) == 0 {
				y = x.Join(Add(x, Range(-int64(r.IntN(4)), int64(r.IntN(4)))))
			}
			nx := x.Widen(y)
			if !x.Leq(nx) || !y.Leq(nx) {
				t.Fatalf("%v.Widen(%v) = %v is not an upper bound", x, y, nx)
			}
			if nx != x && !x.IsBottom() {
				changes++
			}
			x = nx
		}
		if changes > 3 {
			t.Fatalf("widening chain changed %d times, ending at %v", changes, x)
		}
		longest = max(longest, changes)
	}
	t.Logf("longest widening chain: %d changes after the first value", longest)
}

// TestNoAllocs: the validator runs these once per instruction per visit.
func TestNoAllocs(t *testing.T) {
	a, b := Range(-100, 100), Range(0, 65532)
	n := testing.AllocsPerRun(100, func() {
		r := Add(a, b)
		r = Mul(r, b, 3).Join(Div(a, b, 0)).Meet(And(r, b)).Widen(Shl(a, b))
		r = Or(Xor(r, a), Shr(a, Const(3), true)).Join(Sub(r, Not(b)))
		x, y := Refine(isa.CondLT, false, r, a)
		_ = x.Join(y)
	})
	if n != 0 {
		t.Fatalf("%v allocations per run, want 0", n)
	}
}
