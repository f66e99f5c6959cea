package main

import (
	"encoding/json"
	"testing"
)

func TestExplain(t *testing.T) {
	runCases(t, []cliCase{
		{name: "one code", args: []string{"explain", "R004"}, want: 0, out: "R004 (error): construct from another language"},
		{name: "lower case", args: []string{"explain", "r001"}, want: 0, out: "Fixed:"},
		{name: "list", args: []string{"explain", "--list"}, want: 0, out: "R002  error    unexpected character"},
		{name: "unknown", args: []string{"explain", "R0001"}, want: 2, errs: `unknown code "R0001"`},
		{name: "no code", args: []string{"explain"}, want: 2, errs: "name a code"},
		{name: "help", args: []string{"explain", "--help"}, want: 0, out: "nexusc explain --list"},
	})
	st, out, _ := nexusc(t, "explain", "R003", "--format", "json")
	var got []explainJSON
	if st != 0 || json.Unmarshal([]byte(out), &got) != nil || len(got) != 1 || got[0].Code != "R003" || got[0].Bad == "" {
		t.Errorf("json: %d %s", st, out)
	}
}
