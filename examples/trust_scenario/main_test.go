package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The scenario is deterministic; its story must hold: the reliable AUV ends
// most trusted, the failing one least, and the gate refuses the failing one.
func TestScenario(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "trust.svg")
	var out bytes.Buffer
	if err := run(&out, svg); err != nil {
		t.Fatal(err)
	}
	samples, _, err := simulate()
	if err != nil {
		t.Fatal(err)
	}
	last := samples[len(samples)-1].trust
	for i := 1; i < len(last); i++ {
		if last[i] >= last[0] {
			t.Errorf("%s (%.3f) ends at or above the reliable auv-1 (%.3f)", fleet[i].id, last[i], last[0])
		}
		if i < 4 && last[i] <= last[4] {
			t.Errorf("%s (%.3f) ends at or below the failing auv-5 (%.3f)", fleet[i].id, last[i], last[4])
		}
	}
	if !strings.Contains(out.String(), `auv-5  failing              refuse:`) {
		t.Errorf("the gate should refuse the failing AUV:\n%s", out.String())
	}
	if b, err := os.ReadFile(svg); err != nil || !bytes.HasPrefix(b, []byte("<svg")) {
		t.Errorf("svg: %v", err)
	}
}
