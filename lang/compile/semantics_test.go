package compile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/compile"
	"github.com/nexusfleet/nexus/lang/sim"
)

// TestRuntimeArithmetic pins the run-time meaning spec/compiler.md gives
// arithmetic, on the VM, at every optimisation level: overflow wraps,
// division by zero yields 0, int() truncates toward zero.
func TestRuntimeArithmetic(t *testing.T) {
	src := []byte(`reflex arith {
    intent "pin the run-time arithmetic"
    sensor x: num @ 16 range -32768 .. 32767
    sensor d: num @ 17 range -100 .. 100
    actuator sum: num @ 20 range -32768 .. 32767 safe 0
    actuator quot: num @ 21 range -32768 .. 32767 safe 0
    actuator trunc: int @ 22 range -100000 .. 100000 safe 0
    on tick {
        sum = x + x
        quot = x / d
        trunc = int(d)
    }
    on failsafe {
        sum = 0
        quot = 0
        trunc = 0
    }
}
`)
	scenario := []byte("tick,x,d\n0,20000,0\n1,-20000,-2.5\n2,3,0.5\n")
	want := [][3]string{
		{"-25536", "0", "0"},    // 40000 wraps to 40000 - 65536; x / 0 = 0
		{"25536", "8000", "-2"}, // -40000 wraps; -20000 / -2.5; int(-2.5) = -2
		{"6", "6", "0"},
	}
	for _, level := range []int{0, 1, 2} {
		out, ds := compile.Source("arith.reflex", src, compile.Options{Level: level})
		if ds.HasErrors() {
			t.Fatalf("-O%d: %v", level, ds)
		}
		sc, err := sim.ParseCSV("arith.csv", scenario, out.Meta, out.Messages)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := sim.Run(out.File, out.Meta, sc, sim.Options{Ticks: 3, Messages: out.Messages})
		if err != nil {
			t.Fatal(err)
		}
		for k, tk := range tr.Ticks {
			for a := 0; a < 3; a++ {
				got := sim.FormatRaw(tr.Actuators[a].Kind, tk.Actuators[a])
				if got != want[k][a] {
					t.Errorf("-O%d tick %d %s = %s, want %s", level, k, tr.Actuators[a].Name, got, want[k][a])
				}
			}
		}
	}
}

// TestTooLargeIsR602: code that cannot fit the machine's 8,192
// instructions is a limit of the reflex (R602), not a compiler bug.
func TestTooLargeIsR602(t *testing.T) {
	var b strings.Builder
	b.WriteString("reflex big {\n    intent \"too much code\"\n    sensor depth: num[m] @ 16 range 0 m .. 10 m\n")
	b.WriteString("    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %\n    state s: num[m] = 0 m\n")
	for k := 0; k < 60; k++ {
		fmt.Fprintf(&b, "    fn f%d(x: num[m]) -> num[m] {\n        let acc = 0 m\n        for i in 0..30 { acc += (x * 3 + %d m) / 4 }\n        return acc\n    }\n", k, k)
	}
	b.WriteString("    on tick {\n")
	for k := 0; k < 60; k++ {
		fmt.Fprintf(&b, "        s = max(s, f%d(depth))\n", k)
	}
	b.WriteString("        thrust = clamp(s * 1 %/m, -100 %, 100 %)\n    }\n    on failsafe { thrust = 0 % }\n}\n")
	_, ds := compile.Source("big.reflex", []byte(b.String()), compile.Options{Level: 0})
	if len(ds) == 0 || ds[len(ds)-1].Code != compile.CodeTooLarge {
		t.Fatalf("diagnostics = %v, want %s", ds, compile.CodeTooLarge)
	}
	if d := ds[len(ds)-1]; d.Span.Start.Line < 1 || !strings.Contains(d.Message, "8192") {
		t.Errorf("R602 = %v", d)
	}
}

// A reflex that fits without inlining but not with it builds at -O2 with
// its calls kept, and a note says why.
func TestInliningPastCodeMemoryKeepsCalls(t *testing.T) {
	var terms []string
	for i := 1; i <= 28; i++ {
		terms = append(terms, fmt.Sprintf("p / (q + %d)", i))
	}
	calls := func(v string) string {
		var b strings.Builder
		for i := 1; i <= 24; i++ {
			fmt.Fprintf(&b, "        %s = %s + f(s, %s + %d)\n", v, v, v, i)
		}
		return b.String()
	}
	src := `reflex growth {
    intent "inlining past the code memory"
    sensor s: num @ 16 range 1 .. 10
    actuator a: num @ 20 range -100 .. 100 safe 0
    state x: num = 1
    state y: num = 1
    fn f(p: num, q: num) -> num {
        return ` + strings.Join(terms, " + ") + `
    }
    on tick {
` + calls("x") + `        a = clamp(x, -100, 100)
    }
    on failsafe {
` + calls("y") + `        a = 0
    }
    on init {
` + calls("x") + `    }
}
`
	o0, ds := compile.Source("growth.reflex", []byte(src), compile.Options{Level: 0})
	if o0 == nil {
		t.Fatalf("-O0: %v", ds)
	}
	o2, ds := compile.Source("growth.reflex", []byte(src), compile.Options{Level: 2})
	if o2 == nil {
		t.Fatalf("-O2 does not build: %v", ds)
	}
	var note *diag.Diagnostic
	for k := range ds {
		if ds[k].Code == compile.CodeTooLarge && ds[k].Severity == diag.Note {
			note = &ds[k]
		}
	}
	if note == nil || !strings.Contains(note.Message, "without inlining") || note.Span.Start.Line < 1 {
		t.Errorf("no note on the kept calls: %v", ds)
	}
	if o2.Stats.Instructions > 8192 || o2.Stats.Instructions > 2*o0.Stats.Instructions {
		t.Errorf("-O2 has %d instructions (-O0 %d)", o2.Stats.Instructions, o0.Stats.Instructions)
	}
}
