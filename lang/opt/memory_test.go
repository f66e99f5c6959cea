package opt

import "testing"

func TestMemoryForwarding(t *testing.T) {
	checkPass(t, memory, `
tick tick() {
b0:
    v1 = read 16
    v2 = load @0
    v3 = load @0
    store @4, v1
    v4 = load @4
    branch v1, b1, b2
b1: ; preds b0
    v5 = const 7
    store @8, v5
    jump b3
b2: ; preds b0
    store @8, v1
    jump b3
b3: ; preds b1 b2
    v6 = load @8
    v7 = load @4
    store @12, v2
    store @16, v3
    store @20, v4
    store @24, v6
    store @28, v7
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = load @0
    v3 = copy v2
    store @4, v1
    v4 = copy v1
    branch v1, b1, b2
b1: ; preds b0
    v5 = const 7
    store @8, v5
    jump b3
b2: ; preds b0
    store @8, v1
    jump b3
b3: ; preds b1 b2
    v8 = phi v5, v1
    v6 = copy v8
    v7 = copy v1
    store @12, v2
    store @16, v3
    store @20, v4
    store @24, v6
    store @28, v7
    halt
}`)
}

// A call, an overlapping store and a path that does not know the word
// all stop forwarding.
func TestMemoryKills(t *testing.T) {
	src := `
tick tick() {
b0:
    v1 = read 16
    store @0, v1
    call f1()
    v2 = load @0
    store @4, v2
    v3 = const 9
    store @6, v3
    v4 = load @4
    branch v1, b1, b2
b1: ; preds b0
    store @8, v1
    jump b2
b2: ; preds b0 b1
    v5 = load @8
    store @12, v4
    store @16, v5
    halt
}

fn f() {
b0:
    v1 = const 5
    store @0, v1
    return
}`
	checkPass(t, memory, src, src)
}

func TestDeadStores(t *testing.T) {
	checkPass(t, memory, `
tick tick() {
b0:
    v1 = read 16
    store @0, v1
    store @4, v1
    store @8, v1
    store @12, v1
    v2 = const 1
    store @0, v2
    v3 = load @6
    branch v1, b1, b2
b1: ; preds b0
    store @4, v2
    store @12, v2
    jump b3
b2: ; preds b0
    store @4, v3
    jump b3
b3: ; preds b1 b2
    store @8, v3
    send 1, v3
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    store @4, v1
    store @8, v1
    store @12, v1
    v2 = const 1
    store @0, v2
    v3 = load @6
    branch v1, b1, b2
b1: ; preds b0
    store @4, v2
    store @12, v2
    jump b3
b2: ; preds b0
    store @4, v3
    jump b3
b3: ; preds b1 b2
    store @8, v3
    send 1, v3
    halt
}`)
}
