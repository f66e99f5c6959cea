package validator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
)

// chain returns a program whose tick calls f1, f1 calls f2, ... fn, and fn
// pushes `pushes` values: its stack need is n return addresses + pushes.
func chain(n, pushes int) string {
	var b strings.Builder
	b.WriteString("        CALL f1\n        HALT\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "f%d:\n", i)
		if i < n {
			fmt.Fprintf(&b, "        CALL f%d\n", i+1)
		}
		for k := 0; k < pushes && i == n; k++ {
			b.WriteString("        PUSH R1\n")
		}
		for k := 0; k < pushes && i == n; k++ {
			b.WriteString("        POP R1\n")
		}
		b.WriteString("        RET\n")
	}
	return b.String()
}

func TestStackDepth(t *testing.T) {
	for _, c := range []struct {
		n, pushes int
		want      int
		ok        bool
	}{
		{1, 0, 1, true},
		{3, 2, 5, true},
		{1000, 24, 1024, true},
		{1000, 25, 1025, false},
		{1100, 0, 1100, false}, // stack overflow by a deep call chain
	} {
		f, l := asm.Assemble("chain.s", []byte(chain(c.n, c.pushes)))
		if l.HasErrors() {
			t.Fatal(l)
		}
		r := Validate(f, Options{})
		if r.MaxStack != c.want || r.OK != c.ok {
			t.Errorf("chain %d + %d pushes: max stack %d ok %v, want %d %v: %v", c.n, c.pushes, r.MaxStack, r.OK, c.want, c.ok, r.Diagnostics)
		}
		if !c.ok && (len(r.Diagnostics) != 1 || r.Diagnostics[0].Code != CodeStackDepth) {
			t.Errorf("chain %d: want one %s, got %v", c.n, CodeStackDepth, r.Diagnostics)
		}
	}
}

// TestDiamondWCET: each level calls the next twice, so the WCET doubles per
// level; it must saturate rather than overflow and be rejected.
func TestDiamondWCET(t *testing.T) {
	var b strings.Builder
	b.WriteString("        CALL f0\n        HALT\n")
	for i := 0; i < 80; i++ {
		fmt.Fprintf(&b, "f%d:     CALL f%d\n        CALL f%d\n        RET\n", i, i+1, i+1)
	}
	b.WriteString("f80:    RET\n")
	f, l := asm.Assemble("d.s", []byte(b.String()))
	if l.HasErrors() {
		t.Fatal(l)
	}
	r := Validate(f, Options{})
	if r.OK || r.WCET == nil || *r.WCET != ^uint64(0) {
		t.Errorf("ok %v wcet %v, want rejected with a saturated WCET", r.OK, r.WCET)
	}
}

func TestEmptyAndNil(t *testing.T) {
	if r := Validate(nil, Options{}); !r.OK || r.WCET == nil || *r.WCET != 0 {
		t.Errorf("nil file: wcet %v, %v", r.WCET, r.Diagnostics)
	}
}
