package opt

import "testing"

func TestDCE(t *testing.T) {
	checkPass(t, dce, `
tick tick() {
b0:
    v1 = read 16
    v2 = add v1, v1
    v3 = mul v2, v2, 0
    v4 = load @0
    v5 = recv
    v6 = const 1
    store @4, v6
    branch v1, b1, b2
b1: ; preds b0
    jump b2
b2: ; preds b0 b1
    v7 = phi v3, v4
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v5 = recv
    v6 = const 1
    store @4, v6
    branch v1, b1, b2
b1: ; preds b0
    jump b2
b2: ; preds b0 b1
    halt
}`)
}

// Calls, stores, sends and receives stay even when their result is unused.
func TestDCEKeepsEffects(t *testing.T) {
	src := `
tick tick() {
b0:
    v1 = call f1()
    v2 = recv
    send 1, v2
    a2a DECLARE_INTENT v2, 1
    halt
}

fn f() result {
b0:
    v1 = const 3
    store @0, v1
    return v1
}`
	checkPass(t, dce, src, src)
}
