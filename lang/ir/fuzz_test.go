package ir_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

// FuzzBuild: whatever source checks cleanly lowers to IR that verifies
// and runs in the interpreter without error.
func FuzzBuild(f *testing.F) {
	files, _ := filepath.Glob("../../examples/*.reflex")
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, info, ds := check.Source("fuzz.reflex", src)
		if ds.HasErrors() {
			return
		}
		p, err := ir.Build(file, info)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		if err := p.Verify(); err != nil {
			t.Fatalf("verify: %v\n%s", err, p)
		}
		m := ir.NewMachine(p)
		if err := m.Activate(p.Init); err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 3; k++ {
			m.Inputs[16+k] = uint32(k * 70000)
			if err := m.Tick(); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.Activate(p.Failsafe); err != nil {
			t.Fatal(err)
		}
	})
}
