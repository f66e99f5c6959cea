package opt

import "testing"

func TestFoldConstants(t *testing.T) {
	checkPass(t, fold, `
tick tick() {
b0:
    v1 = const 6
    v2 = const 7
    v3 = mul v1, v2, 0
    v4 = add v3, v1
    v5 = div v4, v1, 0
    v6 = cmp.lt v5, v2
    store @0, v6
    halt
}`, `
tick tick() {
b0:
    v1 = const 6
    v2 = const 7
    v3 = const 42
    v4 = const 48
    v5 = const 8
    v6 = const 0
    store @0, v6
    halt
}`)
}

func TestFoldIdentities(t *testing.T) {
	checkPass(t, fold, `
tick tick() {
b0:
    v1 = read 16
    v2 = const 0
    v3 = const 65536
    v4 = const -1
    v5 = add v2, v1
    v6 = mul v1, v3, 16
    v7 = sub v1, v1
    v8 = xor v1, v1
    v9 = and v1, v4
    v10 = or v4, v1
    v11 = and v1, v2
    v12 = min v1, v1
    v13 = cmp.le v1, v1
    v14 = cmp.ltu v1, v1
    v15 = div v1, v2, 16
    v16 = div v1, v3, 16
    v17 = neg v1
    v18 = neg v17
    v19 = shl v1, v2
    v20 = mul v1, v3, 0
    store @0, v5
    store @4, v6
    store @8, v7
    store @12, v8
    store @16, v9
    store @20, v10
    store @24, v11
    store @28, v12
    store @32, v13
    store @36, v14
    store @40, v15
    store @44, v16
    store @48, v18
    store @52, v19
    store @56, v20
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = const 0
    v3 = const 65536
    v4 = const -1
    v5 = copy v1
    v6 = copy v1
    v7 = const 0
    v8 = const 0
    v9 = copy v1
    v10 = const -1
    v11 = const 0
    v12 = copy v1
    v13 = const 1
    v14 = const 0
    v15 = const 0
    v16 = copy v1
    v17 = neg v1
    v18 = copy v1
    v19 = copy v1
    v20 = mul v1, v3, 0
    store @0, v5
    store @4, v6
    store @8, v7
    store @12, v8
    store @16, v9
    store @20, v10
    store @24, v11
    store @28, v12
    store @32, v13
    store @36, v14
    store @40, v15
    store @44, v16
    store @48, v18
    store @52, v19
    store @56, v20
    halt
}`)
}

func TestFoldPhiOfOneConstant(t *testing.T) {
	checkPass(t, fold, `
tick tick() {
b0:
    v1 = read 16
    branch v1, b1, b2
b1: ; preds b0
    v2 = const 5
    jump b3
b2: ; preds b0
    v3 = const 5
    jump b3
b3: ; preds b1 b2
    v4 = phi v2, v3
    v5 = phi v1, v3
    v6 = add v4, v4
    store @0, v6
    store @4, v5
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    branch v1, b1, b2
b1: ; preds b0
    v2 = const 5
    jump b3
b2: ; preds b0
    v3 = const 5
    jump b3
b3: ; preds b1 b2
    v5 = phi v1, v3
    v4 = const 5
    v6 = const 10
    store @0, v6
    store @4, v5
    halt
}`)
}

// TestFoldNoChange: Mul by 2^31 at shift 31 negates, so it is not an
// identity; Div x by 0 folds but 0-shifted identity needs a power of two.
func TestFoldNoChange(t *testing.T) {
	src := `
tick tick() {
b0:
    v1 = read 16
    v2 = const -2147483648
    v3 = mul v1, v2, 31
    v4 = const 3
    v5 = mul v1, v4, 1
    store @0, v3
    store @4, v5
    halt
}`
	checkPass(t, fold, src, src)
}
