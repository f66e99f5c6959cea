package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

// TestHeaderFresh fails when the committed C header no longer matches
// package isa: run `go generate ./vm/isa` and commit the result.
func TestHeaderFresh(t *testing.T) {
	got, err := os.ReadFile("../../" + defaultOut)
	if err != nil {
		t.Fatalf("%v (generate it with: go generate ./vm/isa)", err)
	}
	if !bytes.Equal(got, generate()) {
		t.Fatalf("%s is stale: run `go generate ./vm/isa` and commit the result", defaultOut)
	}
}

func TestFormNamesComplete(t *testing.T) {
	if len(formNames) != int(isa.FormA2A)+1 {
		t.Fatalf("formNames has %d entries; isa defines %d forms", len(formNames), isa.FormA2A+1)
	}
	for r := isa.Unused; r <= isa.HookArg; r++ {
		if roleNames[r] == "" {
			t.Errorf("role %d has no C name", r)
		}
	}
}
