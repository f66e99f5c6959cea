package compile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/codes"
	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm/isa"
)

func render(ds diag.List) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.Error() + "\n")
	}
	return b.String()
}

func examples(t testing.TB) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob("../../examples/*.reflex")
	if len(paths) < 8 {
		t.Fatalf("found %d examples", len(paths))
	}
	out := map[string][]byte{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = src
	}
	return out
}

// TestExamples compiles every example at every level: each passes the
// strict validator and fits the default budget.
func TestExamples(t *testing.T) {
	for name, src := range examples(t) {
		for level := 0; level <= 2; level++ {
			out, ds := Source(name, src, Options{Level: level})
			if out == nil || len(ds) > 0 {
				t.Errorf("%s -O%d:\n%s", name, level, render(ds))
				continue
			}
			r := validator.Validate(out.File, validator.Options{Policy: validator.Strict, Budget: isa.DefaultBudget, File: name})
			if !r.OK {
				t.Errorf("%s -O%d: the strict validator rejects the output", name, level)
			}
			if out.Stats.Instructions == 0 || out.Stats.WCET == 0 || out.IRText() == "" || out.Asm == "" || out.Meta.Name == "" {
				t.Errorf("%s -O%d: incomplete output %+v", name, level, out.Stats)
			}
		}
	}
}

// TestCheckErrorsStop: a reflex with checker errors returns exactly the
// checker's diagnostics.
func TestCheckErrorsStop(t *testing.T) {
	e := codes.Lookup("R201")
	out, ds := Source("bad.reflex", []byte(e.Bad), Options{Level: 2})
	if out != nil || !ds.HasErrors() {
		t.Fatalf("got output %v, diagnostics:\n%s", out != nil, render(ds))
	}
	for _, d := range ds {
		if strings.HasPrefix(d.Code, "R6") {
			t.Errorf("back-end code after a checker error: %v", d)
		}
	}
}

// TestBudgetPosition: R601 points at the costliest line, says the worst
// case and the budget, and lists other costly lines as related spans.
func TestBudgetPosition(t *testing.T) {
	e := codes.Lookup(CodeBudget)
	_, ds := Source("bad.reflex", []byte(e.Bad), Options{Level: 2, Budget: exampleBudget})
	if len(ds) != 1 {
		t.Fatalf("got:\n%s", render(ds))
	}
	d := ds[0]
	if d.Span.Start.Line != 8 || d.Span.Start.Col < 9 || d.Span.End.Line != 8 || d.Span.End.Col <= d.Span.Start.Col {
		t.Errorf("span %v..%v, want on line 8 (the loop body)", d.Span.Start, d.Span.End)
	}
	for _, want := range []string{"tick entry", "above the budget of 1000 cycles"} {
		if !strings.Contains(d.Message, want) {
			t.Errorf("message %q lacks %q", d.Message, want)
		}
	}
	for _, r := range d.Related {
		if r.Span.Start.Line == d.Span.Start.Line {
			t.Errorf("related span on the primary line: %v", r)
		}
	}
	if d.Hint == "" {
		t.Error("no hint")
	}
}

func TestBadLevel(t *testing.T) {
	out, ds := Source("x.reflex", nil, Options{Level: 3})
	if out != nil || len(ds) != 1 || !strings.Contains(ds[0].Message, "level 3") {
		t.Errorf("got:\n%s", render(ds))
	}
}

// TestMessageKinds: the output carries the message boxes' value kinds.
func TestMessageKinds(t *testing.T) {
	out, ds := Source("depth_keeper.reflex", examples(t)["depth_keeper.reflex"], Options{Level: 2})
	if out == nil {
		t.Fatal(render(ds))
	}
	want := map[string]string{"alert": "int", "depth_report": "num", "setpoint": "num"}
	for k, v := range want {
		if out.Messages[k] != v {
			t.Errorf("Messages[%s] = %q, want %q (all: %v)", k, out.Messages[k], v, out.Messages)
		}
	}
}
