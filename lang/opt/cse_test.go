package opt

import "testing"

func TestCSE(t *testing.T) {
	checkPass(t, cse, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    v3 = add v1, v2
    v4 = add v2, v1
    v5 = cmp.lt v1, v2
    v6 = cmp.gt v2, v1
    v7 = const 5
    v8 = read 16
    v9 = sub v1, v2
    v10 = sub v2, v1
    branch v5, b1, b2
b1: ; preds b0
    v11 = const 5
    v12 = mul v3, v11, 16
    jump b3
b2: ; preds b0
    v13 = mul v4, v7, 16
    v14 = load @0
    v15 = load @0
    jump b3
b3: ; preds b1 b2
    v16 = phi v3, v4
    v17 = phi v3, v4
    v18 = mul v3, v7, 16
    store @0, v6
    store @4, v8
    store @8, v9
    store @12, v10
    store @24, v16
    store @28, v17
    store @32, v18
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = read 17
    v3 = add v1, v2
    v5 = cmp.lt v1, v2
    v7 = const 5
    v9 = sub v1, v2
    v10 = sub v2, v1
    branch v5, b1, b2
b1: ; preds b0
    v12 = mul v3, v7, 16
    jump b3
b2: ; preds b0
    v13 = mul v3, v7, 16
    v14 = load @0
    v15 = load @0
    jump b3
b3: ; preds b1 b2
    v16 = phi v3, v3
    v18 = mul v3, v7, 16
    store @0, v5
    store @4, v1
    store @8, v9
    store @12, v10
    store @24, v16
    store @28, v16
    store @32, v18
    halt
}`)
}
