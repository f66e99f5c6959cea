package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/syntax"
)

// generate builds a clean reflex of about n lines: many functions and
// every blocks, a tick handler calling them.
func generate(n int) []byte {
	var b strings.Builder
	b.WriteString(`/// generated
reflex big {
    intent "benchmark"
    period 10 ms
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    sensor heading: num[deg] @ 17 range 0 deg .. 360 deg
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 5 %
    actuator rudder: num[deg] @ 21 range -30 deg .. 30 deg safe 0 deg
    outbox alert: int @ 7
    const kp: num[%/m] = 40 %/m
    state integ: num[m*s] = 0 m*s
`)
	lines := 11
	nf := 0
	for ; lines < n-12; nf++ {
		fmt.Fprintf(&b, "    fn f%d(x: num[m], h: num[deg]) -> num[%%] {\n", nf)
		b.WriteString("        let e = x - 2 m // error\n")
		b.WriteString("        if e > 1 m and e < 5 m {\n")
		b.WriteString("            return clamp(kp * e, -100 %, 100 %)\n")
		b.WriteString("        } else if h > 1 rad {\n")
		b.WriteString("            return 0 %\n")
		b.WriteString("        }\n")
		b.WriteString("        let acc = 0 m\n")
		b.WriteString("        for i in 0..4 { acc += (e * 2 + 3 m) / 4 }\n")
		b.WriteString("        return kp * min(acc, 10 m)\n")
		b.WriteString("    }\n")
		fmt.Fprintf(&b, "    every %d0 ms {\n", nf+1)
		fmt.Fprintf(&b, "        if depth > %d m { send alert(%d) }\n", nf%90+1, nf%256)
		fmt.Fprintf(&b, "        thrust = f%d(depth, heading)\n", nf)
		b.WriteString("    }\n")
		lines += 15
	}
	b.WriteString("    on tick {\n        thrust = 0 %\n")
	b.WriteString("        thrust = f0(depth, heading)\n")
	b.WriteString("        integ += (depth - 2 m) * 10 ms\n        rudder = 0 deg\n    }\n")
	b.WriteString("    on failsafe { thrust = 0 %; rudder = 0 deg }\n}\n")
	return []byte(b.String())
}

func TestGenerateIsClean(t *testing.T) {
	src := generate(1000)
	if _, _, ds := Source("gen.reflex", src); len(ds) > 0 {
		t.Fatalf("generated source has diagnostics:\n%s", render(ds))
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		src := generate(n)
		name := fmt.Sprintf("%dk", n/1000)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, _, ds := Source("gen.reflex", src); len(ds) > 0 {
					b.Fatal(ds)
				}
			}
		})
		b.Run(name+"-checkonly", func(b *testing.B) {
			f, ds := syntax.Parse("gen.reflex", src)
			if ds.HasErrors() {
				b.Fatal(ds)
			}
			b.ReportAllocs()
			for b.Loop() {
				Check(f)
			}
		})
	}
}
