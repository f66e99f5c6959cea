package opt

import "testing"

func TestBranchConstant(t *testing.T) {
	checkPass(t, branch, `
tick tick() {
b0:
    v1 = const 0
    v2 = read 16
    branch v1, b1, b2
b1: ; preds b0
    store @0, v2
    jump b3
b2: ; preds b0
    store @4, v2
    jump b3
b3: ; preds b1 b2
    v3 = phi v1, v2
    store @8, v3
    halt
}`, `
tick tick() {
b0:
    v1 = const 0
    v2 = read 16
    store @4, v2
    v3 = copy v2
    store @8, v3
    halt
}`)
}

// Both edges to one block (whose phis agree on both edges): a jump.
func TestBranchSameSuccessors(t *testing.T) {
	checkPass(t, branch, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    branch v1, b1, b1
b1: ; preds b0 b0
    v3 = phi v1, v1
    store @0, v3
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    v3 = copy v1
    store @0, v3
    halt
}`)
}

// b1 is threaded; b4 is not, since b2 already reaches b3 and b3's phi
// would then have two edges from b2.
func TestBranchThreading(t *testing.T) {
	checkPass(t, branch, `
tick tick() {
b0:
    v1 = read 16
    branch v1, b1, b2
b1: ; preds b0
    jump b3
b2: ; preds b0
    v2 = read 17
    branch v2, b3, b4
b4: ; preds b2
    jump b3
b3: ; preds b1 b2 b4
    v3 = phi v1, v2, v1
    store @0, v3
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    branch v1, b3, b2
b2: ; preds b0
    v2 = read 17
    branch v2, b3, b4
b4: ; preds b2
    jump b3
b3: ; preds b0 b2 b4
    v3 = phi v1, v2, v1
    store @0, v3
    halt
}`)
}

// A block holding only a phi that its successor's phi reads is threaded:
// the successor's phi takes the arguments straight from the block's
// predecessors.
func TestBranchThreadPhiBlock(t *testing.T) {
	checkPass(t, branch, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    branch v1, b1, b4
b1: ; preds b0
    branch v2, b2, b3
b2: ; preds b1
    v3 = const 7
    jump b5
b3: ; preds b1
    v6 = const 8
    jump b5
b5: ; preds b2 b3
    v4 = phi v3, v6
    jump b6
b4: ; preds b0
    store @4, v1
    jump b6
b6: ; preds b5 b4
    v5 = phi v4, v1
    store @0, v5
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    branch v1, b1, b4
b4: ; preds b0
    store @4, v1
    jump b6
b1: ; preds b0
    branch v2, b2, b3
b3: ; preds b1
    v6 = const 8
    jump b6
b2: ; preds b1
    v3 = const 7
    jump b6
b6: ; preds b2 b4 b3
    v5 = phi v3, v1, v6
    store @0, v5
    halt
}`)
}
