package asm

import (
	"strings"
	"testing"
)

func TestStringEscapes(t *testing.T) {
	f, l := Assemble("e.s", []byte(`.meta narrative "a\x00\xFFb\"\\\n\t"`+"\nHALT\n"))
	if l.HasErrors() {
		t.Fatalf("unexpected diagnostics: %v", l)
	}
	if got, want := string(f.Meta[0].Value), "a\x00\xffb\"\\\n\t"; got != want {
		t.Errorf("value %q, want %q", got, want)
	}
	for _, bad := range []string{`"\x4"`, `"\xZZ"`, `"\x"`, `"\q"`} {
		_, l := Assemble("e.s", []byte(".meta narrative "+bad+"\nHALT\n"))
		if !l.HasErrors() || l[0].Code != CodeBadString || !strings.Contains(l[0].Message+l[0].Hint, `\x`) {
			t.Errorf("%s: want an A017 error about escapes, got %v", bad, l)
		}
	}
}
