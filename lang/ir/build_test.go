package ir_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
)

// buildFile checks and lowers a reflex file, failing the test on any
// diagnostic or lowering error.
func buildFile(t testing.TB, path string) *ir.Program {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, info, ds := check.Source(path, src)
	if ds.HasErrors() {
		t.Fatalf("%s: %v", path, ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatalf("%s: build: %v", path, err)
	}
	if err := p.Verify(); err != nil {
		t.Fatalf("%s: verify: %v\n%s", path, err, p)
	}
	return p
}

func TestBuildExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.reflex")
	if len(files) < 8 {
		t.Fatalf("found %d examples", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			p := buildFile(t, path)
			m := ir.NewMachine(p)
			if err := m.Activate(p.Init); err != nil {
				t.Fatal(err)
			}
			for k := 0; k < 20; k++ {
				if err := m.Tick(); err != nil {
					t.Fatal(err)
				}
			}
			if err := m.Activate(p.Failsafe); err != nil {
				t.Fatal(err)
			}
			if os.Getenv("IR_PRINT") != "" {
				t.Log(p)
			}
		})
	}
}
