package sim

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// errorCase is one case of testdata/errors.txt.
type errorCase struct {
	name, format string
	line         int
	input        string
	err, hint    string
}

func readErrorCases(t testing.TB) []errorCase {
	t.Helper()
	f, err := os.Open("testdata/errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []errorCase
	var cur *errorCase
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "== "):
			f := strings.Fields(line[3:])
			cases = append(cases, errorCase{name: strings.Join(f[:len(f)-1], " "), format: f[len(f)-1], line: n})
			cur, section = &cases[len(cases)-1], "input"
		case cur == nil:
		case line == "-- error" || line == "-- hint":
			section = line[3:]
		case section == "input":
			cur.input += line + "\n"
		case section == "error" && line != "":
			cur.err = line
		case section == "hint" && line != "":
			cur.hint = line
		}
	}
	return cases
}

// TestScenarioErrors proves each malformed scenario of testdata/errors.txt
// fails with exactly the expected, positioned message.
func TestScenarioErrors(t *testing.T) {
	cases := readErrorCases(t)
	if len(cases) < 20 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("errors.txt:%d", tc.line), func(t *testing.T) {
			parse, file := ParseCSV, "s.csv"
			if tc.format == "json" {
				parse, file = ParseJSON, "s.json"
			}
			sc, err := parse(file, []byte(tc.input), probeMeta(), probeMsgs)
			if err == nil {
				t.Fatalf("%s: no error; parsed %+v", tc.name, sc)
			}
			if err.Error() != tc.err {
				t.Errorf("%s:\n got  %s\n want %s", tc.name, err, tc.err)
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("%s: error is %T, not *Error", tc.name, err)
			}
			if tc.hint != "" && !strings.Contains(e.Hint, tc.hint) {
				t.Errorf("%s: hint %q does not contain %q", tc.name, e.Hint, tc.hint)
			}
			if d := e.Diagnostic(); d.Code != ErrorCode || d.Message == "" {
				t.Errorf("%s: diagnostic %+v", tc.name, d)
			}
		})
	}
}

// TestNoInbox: a recv column needs an inbox.
func TestNoInbox(t *testing.T) {
	m := probeMeta()
	m.Inbox = ""
	_, err := ParseCSV("s.csv", []byte("tick,recv\n"), m, nil)
	if err == nil || err.Error() != "s.csv:1: column recv gives messages, but reflex probe has no inbox" {
		t.Errorf("got %v", err)
	}
}

// TestKeepLastValue: empty cells and missing rows keep the last value.
func TestKeepLastValue(t *testing.T) {
	sc, err := ParseCSV("s.csv", []byte("tick,depth,armed\n0,1,1\n2,,0\n"), probeMeta(), probeMsgs)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Rows) != 2 || sc.Rows[1].Sensors[0].Set || !sc.Rows[1].Sensors[1].Set || sc.Rows[1].Line != 3 {
		t.Errorf("rows %+v", sc.Rows)
	}
}
