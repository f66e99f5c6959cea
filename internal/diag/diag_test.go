package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestRenderCaret(t *testing.T) {
	src := Sources{"p.s": []byte("LOAD_CONST R1, 5\n\tJNE loop\n")}
	l := List{{
		Code: "A003", Severity: Error, Message: `unknown mnemonic "JNE"`, Hint: "did you mean JNZ?",
		Span: Span{Start: Pos{"p.s", 2, 2}, End: Pos{"p.s", 2, 5}},
	}}
	var b bytes.Buffer
	Render(&b, l, src)
	want := "p.s:2:2: error: unknown mnemonic \"JNE\" [A003]\n" +
		"  2 | \tJNE loop\n" +
		"    | \t^^^\n" +
		"  hint: did you mean JNZ?\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSortDedupe(t *testing.T) {
	d := func(line, col int, msg string) Diagnostic {
		return Diagnostic{Code: "X", Message: msg, Span: Span{Start: Pos{"f", line, col}}}
	}
	l := List{d(3, 1, "c"), d(1, 5, "b"), d(1, 2, "a"), d(1, 5, "b")}
	l.Sort()
	var got []string
	for _, x := range l {
		got = append(got, x.Message)
	}
	if strings.Join(got, "") != "abc" {
		t.Errorf("sorted = %v", got)
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, nil); err != nil || strings.TrimSpace(b.String()) != `{"diagnostics":[]}` {
		t.Errorf("empty list: %q %v", b.String(), err)
	}
	b.Reset()
	_ = JSON(&b, List{{Code: "A1", Severity: Warning, Message: "m"}})
	var v struct {
		Diagnostics []map[string]any `json:"diagnostics"`
	}
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || v.Diagnostics[0]["severity"] != "warning" {
		t.Errorf("got %s (%v)", b.String(), err)
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"JMP", "JZ", "JNZ", "LOAD_CONST"}
	if s, ok := Suggest("jnez", names); !ok || s != "JNZ" {
		t.Errorf("Suggest(jnez) = %q, %v", s, ok)
	}
	if _, ok := Suggest("FROBNICATE", names); ok {
		t.Error("suggested something for an unrelated word")
	}
}
