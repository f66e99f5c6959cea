package main

import (
	"encoding/json"
	"testing"
)

const goodReflex = `reflex hold {
    intent "hold depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick { thrust = clamp(40 %/m * (depth - 2 m), -100 %, 100 %) }
    on failsafe { thrust = 0 % }
}
`

const badReflex = `reflex hold {
    intent "hold depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 { thrust = 10 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`

func TestCheck(t *testing.T) {
	good := write(t, "good.reflex", goodReflex)
	bad := write(t, "bad.reflex", badReflex)
	syntax := write(t, "syntax.reflex", "reflex a {\n on tick { x = (1 }\n}\n")
	runCases(t, []cliCase{
		{name: "clean", args: []string{"check", good}, want: 0},
		{name: "unit error", args: []string{"check", bad}, want: 1, errs: "bad.reflex:6:20: error:"},
		{name: "caret", args: []string{"check", bad}, want: 1, errs: "if depth > 2 {"},
		{name: "several files", args: []string{"check", good, bad}, want: 1, errs: "[R208]"},
		{name: "syntax", args: []string{"check", syntax}, want: 1, errs: "[R001]"},
		{name: "missing file", args: []string{"check", "nope.reflex"}, want: 2, errs: "cannot read file"},
		{name: "no args", args: []string{"check"}, want: 2, errs: "name at least one"},
		{name: "bad format", args: []string{"check", "--format", "xml", good}, want: 2, errs: "--format must be"},
		{name: "help", args: []string{"check", "--help"}, want: 0, out: "--format json"},
	})
}

func TestCheckJSON(t *testing.T) {
	bad := write(t, "bad.reflex", badReflex)
	st, out, errs := nexusc(t, "check", "--format", "json", bad)
	if st != 1 {
		t.Fatalf("exit %d: %s", st, errs)
	}
	var ds []map[string]any
	if err := json.Unmarshal([]byte(out), &ds); err != nil || len(ds) == 0 {
		t.Fatalf("%v: %s", err, out)
	}
	d := ds[0]
	for _, k := range []string{"code", "severity", "file", "start", "end", "message", "related", "fixes"} {
		if _, ok := d[k]; !ok {
			t.Errorf("diagnostic lacks %q: %v", k, d)
		}
	}
	if d["code"] != "R208" || d["start"].(map[string]any)["line"] != 6.0 || d["start"].(map[string]any)["column"] != 20.0 {
		t.Errorf("got %v", d)
	}
	fixes := d["fixes"].([]any)
	if len(fixes) != 1 {
		t.Fatalf("want one fix, got %v", d["fixes"])
	}
	edit := fixes[0].(map[string]any)["edits"].([]any)[0].(map[string]any)
	if edit["newText"] == "" {
		t.Errorf("edit %v", edit)
	}
	good := write(t, "good.reflex", goodReflex)
	if st, out, _ := nexusc(t, "check", "--format", "json", good); st != 0 || out != "[]\n" {
		t.Errorf("clean file: %d %q", st, out)
	}
}
