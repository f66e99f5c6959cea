package validator

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
)

// The table tests live in testdata/*.s: sections separated by a line
// "---", each an assembly program with its expectations in comments.
//
//	; policy: budget            (default strict)
//	; budget: 50                (default isa.DefaultBudget)
//	; profile: jetson           (default esp32)
//	; wcet: 12 | unbounded      (checked when present)
//	; stack: 3                  (checked when present)
//	DIV R1, R2, R3  ; ERROR V404 "divisor"   (a diagnostic on this line)
//	; ERROR* V601 "record 0"    (a diagnostic about the whole program)
//
// Every diagnostic must match a marker (line, severity, code, and the quoted
// text contained in the message) and every marker a diagnostic. A section
// without ERROR markers must be accepted.

var markerRE = regexp.MustCompile(`[;#]\s*(ERROR|WARNING)(\*?)\s+(V\d{3})\s+"((?:[^"\\]|\\.)*)"`)

type marker struct {
	line  int // 0: whole program
	sev   diag.Severity
	code  string
	text  string
	found bool
}

type section struct {
	name    string
	src     string
	opts    Options
	wcet    string
	stack   string
	markers []*marker
}

func parseSections(t *testing.T, path string) []section {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []section
	lines := strings.Split(string(b), "\n")
	start := 0
	flush := func(end int) {
		body := lines[start:end]
		if strings.TrimSpace(strings.Join(body, "")) == "" {
			return
		}
		s := section{name: fmt.Sprintf("%s:%d", filepath.Base(path), start+1), src: strings.Join(body, "\n") + "\n"}
		s.opts.File = "t.s"
		for i, l := range body {
			if m := markerRE.FindStringSubmatch(l); m != nil {
				text, err := strconv.Unquote(`"` + m[4] + `"`)
				if err != nil {
					t.Fatalf("%s: line %d: bad marker text: %v", s.name, i+1, err)
				}
				mk := &marker{line: i + 1, code: m[3], text: text}
				if m[2] == "*" {
					mk.line = 0
				}
				if m[1] == "WARNING" {
					mk.sev = diag.Warning
				}
				s.markers = append(s.markers, mk)
			}
			c := strings.TrimSpace(l)
			if !strings.HasPrefix(c, ";") {
				continue
			}
			key, val, ok := strings.Cut(strings.TrimSpace(c[1:]), ":")
			if !ok {
				continue
			}
			val = strings.TrimSpace(val)
			switch key {
			case "policy":
				p, ok := PolicyByName(val)
				if !ok {
					t.Fatalf("%s: bad policy %q", s.name, val)
				}
				s.opts.Policy = p
			case "budget":
				n, err := strconv.ParseUint(val, 10, 64)
				if err != nil {
					t.Fatalf("%s: bad budget %q", s.name, val)
				}
				s.opts.Budget = n
			case "profile":
				p, ok := isa.ProfileByName(val)
				if !ok {
					t.Fatalf("%s: bad profile %q", s.name, val)
				}
				s.opts.Profile = p
			case "wcet":
				s.wcet = val
			case "stack":
				s.stack = val
			}
		}
		out = append(out, s)
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "---" {
			flush(i)
			start = i + 1
		}
	}
	flush(len(lines))
	return out
}

func TestTables(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.s")
	if len(files) == 0 {
		t.Fatal("no testdata/*.s")
	}
	for _, path := range files {
		for _, s := range parseSections(t, path) {
			t.Run(s.name, func(t *testing.T) { runSection(t, s) })
		}
	}
}

func runSection(t *testing.T, s section) {
	f, l := asm.Assemble("t.s", []byte(s.src))
	if l.HasErrors() {
		t.Fatalf("assembly failed: %v", l)
	}
	r := Validate(f, s.opts)
	for _, d := range r.Diagnostics {
		line := 0
		if d.PC != nil {
			line = d.Span.Start.Line
		}
		ok := false
		for _, m := range s.markers {
			if !m.found && m.line == line && m.sev == d.Severity && m.code == d.Code && strings.Contains(d.Message, m.text) {
				m.found, ok = true, true
				break
			}
		}
		if !ok {
			t.Errorf("unexpected diagnostic at line %d: %s", line, d.Error())
		}
	}
	errs := false
	for _, m := range s.markers {
		if !m.found {
			t.Errorf("line %d: missing %s %s %q", m.line, m.sev, m.code, m.text)
		}
		errs = errs || m.sev == diag.Error
	}
	if r.OK == errs {
		t.Errorf("OK = %v, want %v", r.OK, !errs)
	}
	if s.wcet != "" {
		got := "unbounded"
		if r.WCET != nil {
			got = strconv.FormatUint(*r.WCET, 10)
		}
		if got != s.wcet {
			t.Errorf("wcet = %s, want %s", got, s.wcet)
		}
	}
	if s.stack != "" && strconv.Itoa(r.MaxStack) != s.stack {
		t.Errorf("max stack = %d, want %s", r.MaxStack, s.stack)
	}
}
