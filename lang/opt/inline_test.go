package opt

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

func TestInline(t *testing.T) {
	checkProgramPass(t, inline, `
tick tick() {
b0:
    v1 = read 16
    v2 = call f1(v1)
    store @0, v2
    halt
}

fn steer(v1) result {
b0:
    v2 = const 131072
    v3 = cmp.lt v1, v2
    branch v3, b1, b2
b1: ; preds b0
    v4 = call f2()
    return v4
b2: ; preds b0
    return v2
}

fn leaf() result {
b0:
    v1 = const 7
    store @4, v1
    return v1
}`, `
tick tick() {
b0:
    v1 = read 16
    jump b2
b2: ; preds b0
    v3 = const 131072
    v4 = cmp.lt v1, v3
    branch v4, b3, b4
b3: ; preds b2
    jump b6
b6: ; preds b3
    v6 = const 7
    store @4, v6
    jump b5
b5: ; preds b6
    v5 = phi v6
    jump b1
b4: ; preds b2
    jump b1
b1: ; preds b5 b4
    v2 = phi v5, v3
    store @0, v2
    halt
}

fn steer(v1) result {
b0:
    v2 = const 131072
    v3 = cmp.lt v1, v2
    branch v3, b1, b2
b1: ; preds b0
    jump b4
b4: ; preds b1
    v5 = const 7
    store @4, v5
    jump b3
b3: ; preds b4
    v4 = phi v5
    return v4
b2: ; preds b0
    return v2
}

fn leaf() result {
b0:
    v1 = const 7
    store @4, v1
    return v1
}`)
}

// A caller at the size limit keeps its calls.
func TestInlineLimit(t *testing.T) {
	src := "tick tick() {\nb0:\n    v1 = const 1\n"
	for k := 0; k < inlineLimit; k++ {
		src += "    store @0, v1\n"
	}
	src += "    call f1()\n    halt\n}\n\nfn f() {\nb0:\n    store @4, v1\n    return\n}"
	src = src[:len(src)-len("    store @4, v1\n    return\n}")] + "    return\n}"
	checkProgramPass(t, inline, src, src)
}

// A callee larger than inlineSmall stays a call when it has several call
// sites (each copy would cost code memory for a few cycles), and is
// inlined when it has one; a small callee is inlined everywhere.
func TestInlineSizeHeuristic(t *testing.T) {
	var terms []string
	for i := 1; i <= 40; i++ {
		terms = append(terms, fmt.Sprintf("p / (q + %d)", i))
	}
	body := strings.Join(terms, " + ")
	src := `reflex inl {
    intent "inlining heuristic"
    sensor s: num @ 16 range 1 .. 10
    actuator a: num @ 20 range -100 .. 100 safe 0
    fn big(p: num, q: num) -> num { return ` + body + ` }
    fn once(p: num, q: num) -> num { return ` + body + ` }
    fn small(p: num) -> num { return p * 2 + 1 }
    on tick {
        a = clamp(big(s, 1) + big(s, 2) + once(s, 3) + small(s) + small(s + 1), -100, 100)
    }
    on failsafe { a = 0 }
}`
	f, info, ds := check.Source("inl.reflex", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatal(err)
	}
	name := map[int32]string{}
	for k, fn := range p.Funcs {
		name[int32(k)] = fn.Name
	}
	if n := countInstrs(p.Funcs[2]); n <= inlineSmall {
		t.Fatalf("big has %d IR instructions, not more than %d", n, inlineSmall)
	}
	inline(p)
	left := map[string]int{}
	for _, b := range p.Tick.Blocks {
		for _, in := range b.Instrs {
			if in.Op == ir.OpCall {
				left[name[in.Imm]]++
			}
		}
	}
	if left["big"] != 2 || left["once"] != 0 || left["small"] != 0 {
		t.Errorf("calls left in tick: %v; want big twice, once and small inlined", left)
	}
}
