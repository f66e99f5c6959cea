package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// Generate builds a well-formed reflex of about n lines, for benchmarks.
func generate(n int) []byte {
	var b strings.Builder
	b.WriteString("/// generated\nreflex big {\n    intent \"benchmark\"\n")
	b.WriteString("    sensor depth: num[m] @ 16 range 0 m .. 100 m\n")
	b.WriteString("    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 5 %\n")
	b.WriteString("    const kp: num[%/m] = 40 %/m\n")
	lines := 6
	for i := 0; lines < n-2; i++ {
		fmt.Fprintf(&b, "    fn f%d(x: num[m]) -> num[%%] {\n", i)
		fmt.Fprintf(&b, "        let e = x - 2 m // error\n")
		fmt.Fprintf(&b, "        if e > 1 m and e < 5 m {\n")
		fmt.Fprintf(&b, "            return clamp(kp * e, -100 %%, 100 %%)\n")
		fmt.Fprintf(&b, "        } else if e < 0 m {\n")
		fmt.Fprintf(&b, "            return 0 %%\n")
		fmt.Fprintf(&b, "        }\n")
		fmt.Fprintf(&b, "        for i in 0..4 { let k = (e * 2 + 3 m) / 4 }\n")
		fmt.Fprintf(&b, "        return kp * e\n")
		fmt.Fprintf(&b, "    }\n")
		lines += 10
	}
	b.WriteString("    on tick { thrust = f0(depth) }\n}\n")
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000, 20000} {
		src := generate(n)
		b.Run(fmt.Sprintf("%dlines", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, ds := Parse("gen.reflex", src); len(ds) > 0 {
					b.Fatal(ds)
				}
			}
		})
	}
}

func BenchmarkLex(b *testing.B) {
	src := generate(10000)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Lex("gen.reflex", src)
	}
}
