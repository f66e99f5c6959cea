package vm

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestLoopGenFresh fails when loop_gen.go no longer matches its generator:
// edit vm/internal/genloop and run `go generate ./vm`, never the output.
func TestLoopGenFresh(t *testing.T) {
	out := filepath.Join(t.TempDir(), "loop_gen.go")
	cmd := exec.Command("go", "run", "./internal/genloop", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genloop: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("loop_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("vm/loop_gen.go is stale: run `go generate ./vm` and commit the result")
	}
}
