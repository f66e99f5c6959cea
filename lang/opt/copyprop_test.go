package opt

import "testing"

func TestCopyProp(t *testing.T) {
	checkPass(t, copyProp, `
tick tick() {
b0:
    v1 = read 16
    v2 = copy v1
    v3 = copy v2
    branch v3, b1, b2
b1: ; preds b0
    v4 = add v3, v2
    jump b3
b2: ; preds b0
    jump b3
b3: ; preds b1 b2
    v5 = phi v3, v1
    v6 = phi v4, v2
    store @0, v5
    store @4, v6
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    branch v1, b1, b2
b1: ; preds b0
    v4 = add v1, v1
    jump b3
b2: ; preds b0
    jump b3
b3: ; preds b1 b2
    v6 = phi v4, v1
    store @0, v1
    store @4, v6
    halt
}`)
}

func TestCopyPropReturn(t *testing.T) {
	checkPass(t, copyProp, `
fn f(v1) result {
b0:
    v2 = copy v1
    return v2
}`, `
fn f(v1) result {
b0:
    return v1
}`)
}
