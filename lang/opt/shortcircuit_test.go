package opt

import (
	"testing"

	"github.com/nexusfleet/nexus/lang/ir"
)

// An or of two compares: the cheaper side (the plain compare) is tested
// first and the other side's work (a multiplication) moves to the block
// that needs it; the join's phi takes the same value on the new edge.
func TestShortCircuitOr(t *testing.T) {
	checkProgramPass(t, shortCircuit, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    v3 = mul v2, v2, 16
    v4 = cmp.gt v3, v1
    v5 = const 5
    v6 = cmp.lt v1, v5
    v7 = or v4, v6
    branch v7, b1, b2
b1: ; preds b0
    store @0, v1
    jump b2
b2: ; preds b1 b0
    v8 = phi v5, v1
    store @4, v8
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    v5 = const 5
    v6 = cmp.lt v1, v5
    branch v6, b1, b3
b3: ; preds b0
    v3 = mul v2, v2, 16
    v4 = cmp.gt v3, v1
    branch v4, b1, b2
b1: ; preds b0 b3
    store @0, v1
    jump b2
b2: ; preds b1 b3
    v8 = phi v5, v1
    store @4, v8
    halt
}`)
}

// An and splits only when both sides are 0 or 1: a compare and the not
// of a bool state qualify; a raw sensor word does not (2 and 1 is 0).
func TestShortCircuitAnd(t *testing.T) {
	boolState := func(p *ir.Program) bool {
		p.Globals = []ir.Global{{Name: "flag", Kind: ir.GlobalState, Addr: 0, Bool: true}}
		p.DataSize = 4
		return shortCircuit(p)
	}
	checkProgramPass(t, boolState, `
tick tick() {
b0:
    v1 = read 16
    v2 = load @0
    v3 = const 1
    v4 = xor v2, v3
    v5 = cmp.gt v1, v3
    v6 = and v5, v4
    branch v6, b1, b2
b1: ; preds b0
    send 3, v1
    jump b2
b2: ; preds b1 b0
    v7 = read 17
    v8 = and v7, v3
    branch v8, b3, b4
b3: ; preds b2
    send 4, v1
    jump b4
b4: ; preds b3 b2
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v3 = const 1
    v5 = cmp.gt v1, v3
    branch v5, b5, b2
b5: ; preds b0
    v2 = load @0
    v4 = xor v2, v3
    branch v4, b1, b2
b1: ; preds b5
    send 3, v1
    jump b2
b2: ; preds b1 b0 b5
    v7 = read 17
    v8 = and v7, v3
    branch v8, b3, b4
b3: ; preds b2
    send 4, v1
    jump b4
b4: ; preds b3 b2
    halt
}`)
}
