package asm

import (
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the assembler's output")

// The seed's bytecode playground, byte for byte as the reference encodes it.
func TestPlayground(t *testing.T) {
	src := "READ_IO R0, R16\nLOAD_CONST R1, 100\nADD R2, R0, R1\nWRITE_IO R17, R2\nPUSH R2\nHALT\n"
	f, l := Assemble("playground.s", []byte(src))
	if len(l) > 0 {
		t.Fatalf("diagnostics: %v", l)
	}
	want := "16001000" + "00000000" + "01010000" + "64000000" + "04020001" + "00000000" +
		"17110200" + "00000000" + "14020000" + "00000000" + "18000000" + "00000000"
	if got := hex.EncodeToString(f.Code); got != want {
		t.Errorf("code\n got %s\nwant %s", got, want)
	}
	if len(f.Code) != 48 || len(f.Debug) != 6 {
		t.Errorf("got %d bytes and %d line entries, want 48 and 6", len(f.Code), len(f.Debug))
	}
}

// TestGolden assembles every testdata/*.s and compares a dump of the
// container (and any warnings) with testdata/*.golden.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.s")
	if len(files) == 0 {
		t.Fatal("no testdata/*.s")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(path)
			f, l := Assemble(name, src)
			if l.HasErrors() {
				var b bytes.Buffer
				diag.Render(&b, l, diag.Sources{name: src})
				t.Fatalf("errors:\n%s", b.String())
			}
			if err := f.Check(0); err != nil {
				t.Errorf("Check: %v", err)
			}
			got := dump(f, l)
			golden := strings.TrimSuffix(path, ".s") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./asm -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// dump renders a container for golden files: one instruction a line with
// its source position, data in 16-byte rows, entries, metadata, warnings.
func dump(f *nxb.File, l diag.List) string {
	var b strings.Builder
	fmt.Fprintf(&b, "code %d bytes\n", len(f.Code))
	for k := 0; k+8 <= len(f.Code); k += 8 {
		c := f.Code[k:]
		pos := ""
		if n := k / 8; n < len(f.Debug) {
			d := f.Debug[n]
			if d.PC != uint32(k) {
				pos = fmt.Sprintf("  BAD PC %d", d.PC)
			}
			pos += fmt.Sprintf("  ; %s:%d:%d", d.File, d.Line, d.Col)
		}
		fmt.Fprintf(&b, "  %04x: %02x %02x %02x %02x %s%s\n", k, c[0], c[1], c[2], c[3], hex.EncodeToString(c[4:8]), pos)
	}
	for _, s := range f.Data {
		fmt.Fprintf(&b, "data 0x%04x %d bytes\n", s.Addr, len(s.Bytes))
		for k := 0; k < len(s.Bytes); k += 16 {
			row := s.Bytes[k:min(k+16, len(s.Bytes))]
			fmt.Fprintf(&b, "  %04x: % x\n", int(s.Addr)+k, row)
		}
	}
	e := func(v uint32) string {
		if v == nxb.NoEntry {
			return "-"
		}
		return fmt.Sprintf("0x%04x", v)
	}
	fmt.Fprintf(&b, "entry tick %s init %s failsafe %s\n", e(f.Entry.Tick), e(f.Entry.Init), e(f.Entry.Failsafe))
	for _, r := range f.Meta {
		fmt.Fprintf(&b, "meta %s %x %q\n", r.Tag, r.Value, r.Value)
	}
	for _, d := range l {
		fmt.Fprintf(&b, "%s %s %s: %s\n", d.Severity, d.Code, d.Span.Start, d.Message)
	}
	return b.String()
}

// expectation is one diagnostic marked in a testdata/errors file by a
// comment:
//
//	JNE loop ; ERROR A003 col=1 len=3 "unknown mnemonic" hint="did you mean JNZ?"
//
// ERROR or WARNING, the code, the 1-based byte column, optionally the span
// length, a Go-quoted substring of the message and optionally of the hint.
// A marker written ERROR^ (or WARNING^) refers to the line above it, for
// lines that cannot carry a comment (an unterminated string swallows it).
type expectation struct {
	line, col, length int
	sev               diag.Severity
	code, msg, hint   string
	matched           bool
}

var markerRE = regexp.MustCompile(`[;#]\s*(ERROR|WARNING)(\^?)\s+(A\d{3})\s+col=(\d+)(?:\s+len=(\d+))?\s+("(?:[^"\\]|\\.)*")(?:\s+hint=("(?:[^"\\]|\\.)*"))?`)

// TestErrors runs the sectioned files in testdata/errors. Sections are
// separated by lines starting with "---" and assembled independently; the
// lines of other sections are blanked so line numbers are the file's.
// Each section is a subtest named file:line, and must produce exactly the
// marked diagnostics.
func TestErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.s")
	if len(files) == 0 {
		t.Fatal("no testdata/errors/*.s")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for _, sec := range sections(lines) {
			name := fmt.Sprintf("%s:%d", filepath.Base(path), sec[0]+1)
			t.Run(name, func(t *testing.T) {
				text := make([]string, len(lines))
				for k := sec[0]; k < sec[1]; k++ {
					text[k] = lines[k]
				}
				checkSection(t, filepath.Base(path), strings.Join(text, "\n"))
			})
		}
	}
}

// sections returns the [start, end) line ranges between "---" lines.
func sections(lines []string) [][2]int {
	var out [][2]int
	start := 0
	for k, l := range lines {
		if strings.HasPrefix(l, "---") {
			out = append(out, [2]int{start, k})
			start = k + 1
		}
	}
	return append(out, [2]int{start, len(lines)})
}

func checkSection(t *testing.T, name, text string) {
	var want []*expectation
	for k, l := range strings.Split(text, "\n") {
		m := markerRE.FindStringSubmatch(l)
		if m == nil {
			if strings.Contains(l, "ERROR") || strings.Contains(l, "WARNING") {
				t.Fatalf("line %d: malformed marker: %s", k+1, l)
			}
			continue
		}
		e := &expectation{line: k + 1, code: m[3]}
		if m[2] == "^" {
			e.line--
		}
		if m[1] == "WARNING" {
			e.sev = diag.Warning
		}
		e.col, _ = strconv.Atoi(m[4])
		e.length, _ = strconv.Atoi(m[5])
		e.msg, _ = strconv.Unquote(m[6])
		if m[7] != "" {
			e.hint, _ = strconv.Unquote(m[7])
		}
		want = append(want, e)
	}
	f, got := Assemble(name, []byte(text))
	if got.HasErrors() != (f == nil) {
		t.Errorf("file is nil = %v but HasErrors = %v", f == nil, got.HasErrors())
	}
	for _, d := range got {
		if e := match(want, d); e != nil {
			e.matched = true
			continue
		}
		var b bytes.Buffer
		diag.Render(&b, diag.List{d}, diag.Sources{name: []byte(text)})
		t.Errorf("unexpected diagnostic:\n%s", b.String())
	}
	for _, e := range want {
		if !e.matched {
			t.Errorf("%s:%d:%d: missing %s %s %q (hint %q)", name, e.line, e.col, e.sev, e.code, e.msg, e.hint)
		}
	}
}

func match(want []*expectation, d diag.Diagnostic) *expectation {
	s := d.Span
	for _, e := range want {
		if e.matched || e.line != s.Start.Line || e.col != s.Start.Col || e.code != d.Code || e.sev != d.Severity {
			continue
		}
		if e.length != 0 && (s.End.Line != s.Start.Line || s.End.Col-s.Start.Col != e.length) {
			continue
		}
		if strings.Contains(d.Message, e.msg) && strings.Contains(d.Hint, e.hint) {
			return e
		}
	}
	return nil
}

// TestEveryCodeDocumentedAndTested keeps the code table honest: each code
// is listed in doc.go and marked in some testdata/errors file (A021 needs
// 64 KiB of code and is tested in TestCodeTooLarge instead).
func TestEveryCodeDocumentedAndTested(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var marked []byte
	files, _ := filepath.Glob("testdata/errors/*.s")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		marked = append(marked, b...)
	}
	seen := map[string]bool{}
	for _, c := range allCodes {
		if seen[c] {
			t.Errorf("code %s listed twice", c)
		}
		seen[c] = true
		if !regexp.MustCompile(`//\s+` + c + ` `).Match(doc) {
			t.Errorf("code %s is not documented in doc.go", c)
		}
		if c != CodeCodeSize && !regexp.MustCompile(`(ERROR|WARNING)\^?\s+`+c+`\b`).Match(marked) {
			t.Errorf("code %s has no case in testdata/errors", c)
		}
	}
}

func TestCodeTooLarge(t *testing.T) {
	src := strings.Repeat("NOP\n", isa.MaxCodeSize/isa.InsnSize) + "HALT\nNOP\n"
	_, l := Assemble("big.s", []byte(src))
	if len(l) != 1 || l[0].Code != CodeCodeSize || l[0].Span.Start.Line != isa.MaxCodeSize/isa.InsnSize+1 {
		t.Fatalf("got %v, want one %s on the first instruction past the limit", l, CodeCodeSize)
	}
	f, l := Assemble("max.s", []byte(strings.Repeat("NOP\n", isa.MaxCodeSize/isa.InsnSize)))
	if len(l) != 0 || f.Check(0) != nil {
		t.Fatalf("exactly %d bytes of code must assemble: %v", isa.MaxCodeSize, l)
	}
}

// TestFormsComplete checks every opcode's form has assembly syntax and
// every mnemonic appears in the forms golden test.
func TestFormsComplete(t *testing.T) {
	src, err := os.ReadFile("testdata/forms.s")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, l := range strings.Split(string(src), "\n") {
		if fs := strings.Fields(strings.SplitN(l, ";", 2)[0]); len(fs) > 0 {
			used[strings.ToUpper(fs[0])] = true
		}
	}
	for _, in := range isa.All() {
		if int(in.Form) >= len(forms) || forms[in.Form].encode == nil {
			t.Errorf("%s: form %d has no assembly syntax", in.Name, in.Form)
		}
		if !used[in.Name] {
			t.Errorf("%s is not exercised by testdata/forms.s", in.Name)
		}
	}
}
