package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestMission(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"search-sector-7  CRITICAL  -> ", // critical work is placed first
		"load 0 of capacity 27",          // every load released at the end
		"still pending: deep-trench",     // nobody qualifies, nobody gets it
		"(attempt 2)",                    // failures are retried
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if i := strings.Index(s, "assignment"); !strings.HasPrefix(s[i:], "assignment, in the order the orchestrator placed the tasks:\n  search-sector-7") {
		t.Errorf("the critical task is not placed first:\n%s", s)
	}
}
