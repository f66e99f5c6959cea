package opt

import "testing"

// A sensor read and its normalising compare move into the one branch that
// uses them; a value used on both sides stays.
func TestSink(t *testing.T) {
	checkPass(t, sink, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    v3 = const 0
    v4 = cmp.ne v2, v3
    v5 = cmp.gt v1, v3
    branch v5, b1, b2
b1: ; preds b0
    store @0, v4
    jump b3
b2: ; preds b0
    store @4, v1
    jump b3
b3: ; preds b1 b2
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v3 = const 0
    v5 = cmp.gt v1, v3
    branch v5, b1, b2
b1: ; preds b0
    v2 = read 17
    v4 = cmp.ne v2, v3
    store @0, v4
    jump b3
b2: ; preds b0
    store @4, v1
    jump b3
b3: ; preds b1 b2
    halt
}`)
}

// A value a phi takes from one predecessor moves into that predecessor.
func TestSinkIntoPhiPredecessor(t *testing.T) {
	checkPass(t, sink, `
tick tick() {
b0:
    v1 = read 16
    v2 = const 7
    branch v1, b1, b2
b1: ; preds b0
    jump b3
b2: ; preds b0
    jump b3
b3: ; preds b1 b2
    v3 = phi v2, v1
    store @0, v3
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    branch v1, b1, b2
b1: ; preds b0
    v2 = const 7
    jump b3
b2: ; preds b0
    jump b3
b3: ; preds b1 b2
    v3 = phi v2, v1
    store @0, v3
    halt
}`)
}
