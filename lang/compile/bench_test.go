package compile

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/codegen"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/opt"
)

// generate builds a clean reflex of at most n lines (and no fewer than
// n-60), shaped like a large hand-maintained controller: a header with the
// interface and two shared helper functions, then pairs of stages. A stage
// is a documented group of tuning constants (some defined from others), a
// parameter and a state; each pair has an every block that runs both
// stages through a helper and drives an actuator. The machine holds 8,192
// instructions and every statement line costs a dozen or more, so a
// 10,000-line reflex that fits is mostly declarations and doc comments:
// about 7 % of the lines are statements (see stage).
func generate(n int) []byte {
	var b strings.Builder
	b.WriteString(`/// Generated benchmark reflex: many small stages.
reflex big {
    intent "benchmark the compiler on a large reflex"
    trust 0.5
    autonomy L2
    period 10 ms

    sensor depth: num[m] @ 16 range 0 m .. 100 m
    sensor heading: num[deg] @ 17 range 0 deg .. 360 deg
    sensor armed: bool @ 18
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 5 %
    actuator rudder: num[deg] @ 21 range -30 deg .. 30 deg safe 0 deg
    outbox alert: int @ 7

    /// Proportional output for error e, saturated at lim outside a band.
    fn hold(e: num[m], gain: num[%/m], wide: num[m], lim: num[%]) -> num[%] {
        if e > wide { return lim }
        if e < -wide { return -lim }
        return clamp(gain * e, -lim, lim)
    }

    /// Steering correction toward a bearing, limited to lim.
    fn steer(h: num[deg], goal: num[deg], lim: num[deg]) -> num[deg] {
        let d = goal - h
        if d > 180 deg { return clamp(d - 360 deg, -lim, lim) }
        if d < -180 deg { return clamp(d + 360 deg, -lim, lim) }
        return clamp(d, -lim, lim)
    }

`)
	lines := strings.Count(b.String(), "\n")
	var st strings.Builder
	for k := 0; ; k += 2 {
		st.Reset()
		stage(&st, k)
		m := strings.Count(st.String(), "\n")
		if lines+m > n-9 {
			break
		}
		lines += m
		b.WriteString(st.String())
	}
	b.WriteString("    on tick {\n        rudder = 0 deg\n    }\n")
	b.WriteString("    on failsafe {\n        thrust = 0 %\n        rudder = 0 deg\n    }\n}\n")
	return []byte(b.String())
}

// stage writes stages k and k+1: 18 lines of declarations and doc
// comments each, then one every block of 4 statement lines that runs both.
// Every twentieth pair also raises an alarm and steers when its output
// saturates, 4 lines more.
func stage(b *strings.Builder, k int) {
	for _, j := range []int{k, k + 1} {
		fmt.Fprintf(b, "    /// Stage %d holds depth band %d of the survey profile.\n", j, j%40)
		b.WriteString("    ///\n")
		fmt.Fprintf(b, "    /// Tuned on trial %d: the band is four half-widths plus a\n", j%7)
		b.WriteString("    /// margin and some slack; outside it the output saturates.\n")
		fmt.Fprintf(b, "    const gain_%d: num[%%/m] = %d %%/m\n", j, j%50+1)
		fmt.Fprintf(b, "    const band_%d: num[m] = %d.5 m\n", j, j%4)
		fmt.Fprintf(b, "    const margin_%d: num[m] = %d m\n", j, j%3+1)
		fmt.Fprintf(b, "    const slack_%d: num[m] = 0.%d m\n", j, j%10)
		fmt.Fprintf(b, "    const wide_%d: num[m] = band_%d * 4 + margin_%d + slack_%d\n", j, j, j, j)
		fmt.Fprintf(b, "    const top_%d: num[%%] = %d %%\n", j, 60+j%40)
		fmt.Fprintf(b, "    const cut_%d: num[%%] = %d %%\n", j, j%10)
		fmt.Fprintf(b, "    const lim_%d: num[%%] = top_%d - cut_%d\n", j, j, j)
		fmt.Fprintf(b, "    /// Depth stage %d holds, in metres; the operator sets it\n", j)
		b.WriteString("    /// before a dive.\n")
		fmt.Fprintf(b, "    param target_%d: num[m] = %d m\n", j, j%90+1)
		fmt.Fprintf(b, "    /// Stage %d's last output, read by the next stage's report.\n", j)
		fmt.Fprintf(b, "    state last_%d: num[%%] = 0 %%\n", j)
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "    every %d00 ms {\n", k%10+1)
	fmt.Fprintf(b, "        // stages %d and %d: hold their bands around the targets\n", k, k+1)
	for _, j := range []int{k, k + 1} {
		fmt.Fprintf(b, "        last_%d = hold(depth - target_%d, gain_%d, wide_%d, lim_%d)\n", j, j, j, j, j)
	}
	if k%40 == 0 {
		fmt.Fprintf(b, "        if armed and last_%d > 90 %% {\n", k)
		fmt.Fprintf(b, "            send alert(%d)\n", k%256)
		fmt.Fprintf(b, "            rudder = steer(heading, %d deg, 10 deg)\n", k%360)
		b.WriteString("        }\n")
	}
	fmt.Fprintf(b, "        thrust = max(last_%d, last_%d)\n", k, k+1)
	b.WriteString("    }\n")
	b.WriteString("\n")
}

// TestGenerate checks that the largest benchmark file is a clean reflex
// that fits the machine at both levels, and that the generator hits the
// line counts it is asked for.
var genOut = flag.String("gen.out", "", "TestGenerate: also write the generated 10,000-line reflex to this file (to time the CLI on it)")

func TestGenerate(t *testing.T) {
	if *genOut != "" {
		if err := os.WriteFile(*genOut, generate(10000), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []int{1000, 10000} {
		src := generate(n)
		if got := strings.Count(string(src), "\n"); got < n-60 || got > n {
			t.Errorf("generate(%d) has %d lines", n, got)
		}
	}
	src := generate(10000)
	for _, level := range []int{0, 2} {
		out, ds := Source("gen.reflex", src, Options{Level: level})
		if out == nil {
			t.Fatalf("10k lines -O%d:\n%s", level, render(ds))
		}
		if len(ds) > 0 {
			t.Errorf("10k lines -O%d: diagnostics on a clean reflex:\n%s", level, render(ds))
		}
		t.Logf("10k lines -O%d: %d instructions, tick WCET %d cycles", level, out.Stats.Instructions, out.Stats.WCET)
	}
}

var sizes = []int{1000, 5000, 10000}

// BenchmarkCompile times Source, the whole pipeline from source text to a
// strictly validated container, on generated files of 1k, 5k and 10k lines.
func BenchmarkCompile(b *testing.B) {
	for _, n := range sizes {
		src := generate(n)
		for _, level := range []int{0, 2} {
			b.Run(fmt.Sprintf("%dk/O%d", n/1000, level), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(src)))
				var out *Output
				for b.Loop() {
					var ds diag.List
					if out, ds = Source("gen.reflex", src, Options{Level: level}); out == nil {
						b.Fatal(render(ds))
					}
				}
				b.ReportMetric(float64(out.Stats.Instructions), "insns")
			})
		}
	}
}

// BenchmarkCompilePhases runs Source's phases one by one at -O2 and
// reports the milliseconds each takes per compilation: check (parse and
// check), ir (lowering), opt (the -O2 passes) and codegen (selection,
// allocation, emission, assembly and strict validation).
func BenchmarkCompilePhases(b *testing.B) {
	names := [...]string{"check-ms", "ir-ms", "opt-ms", "codegen-ms"}
	for _, n := range sizes {
		src := generate(n)
		b.Run(fmt.Sprintf("%dk/O2", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			var sum [4]time.Duration
			for b.Loop() {
				d := phaseTimes(b, src, 2)
				for i := range sum {
					sum[i] += d[i]
				}
			}
			for i, name := range names {
				b.ReportMetric(float64(sum[i].Microseconds())/1000/float64(b.N), name)
			}
		})
	}
}

// phaseTimes runs the phases of Source one by one and times each.
func phaseTimes(tb testing.TB, src []byte, level int) [4]time.Duration {
	t0 := time.Now()
	f, info, ds := check.Source("gen.reflex", src)
	if ds.HasErrors() {
		tb.Fatal(render(ds))
	}
	t1 := time.Now()
	p, err := ir.Build(f, info)
	if err != nil {
		tb.Fatal(err)
	}
	t2 := time.Now()
	opt.Optimize(p, level)
	t3 := time.Now()
	res, err := codegen.Generate(p, codegen.Options{Peephole: level > 0, File: "gen.reflex"})
	if err != nil || res.Valid == nil || !res.Valid.OK {
		tb.Fatalf("codegen: %v", err)
	}
	t4 := time.Now()
	return [4]time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3)}
}

// generateDeep writes a tick of n short-circuit ifs on one state: a chain
// of n diamonds, every join a phi of the state. It is the shape that
// turns quadratic in passes walking the dominator tree or re-sorting a
// class of coalesced phis.
func generateDeep(n int) []byte {
	var b strings.Builder
	b.WriteString(`reflex deep {
    intent "a long chain of conditionals"
    sensor s: num @ 16 range 0 .. 10
    sensor t: num @ 17 range 0 .. 10
    actuator a: num @ 20 range -100 .. 100 safe 0
    state x: num = 0
    on tick {
`)
	for i := range n {
		fmt.Fprintf(&b, "        if (s > %d and t < 2) or (x > 3 and s < %d) { x = x + 1 }\n", i%9, i%7)
	}
	b.WriteString("        a = clamp(x, -100, 100)\n    }\n    on failsafe { a = 0 }\n}\n")
	return []byte(b.String())
}

// BenchmarkCompileDeep times -O2 on 500 and 2,500 chained conditionals
// (the larger does not fit the code memory with or without inlining:
// the time is that of both attempts and the R602).
func BenchmarkCompileDeep(b *testing.B) {
	for _, n := range []int{500, 2500} {
		src := generateDeep(n)
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Source("deep.reflex", src, Options{Level: 2})
			}
		})
	}
}
