package asm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

// FuzzAssemble checks Assemble never panics, every diagnostic points into
// the input, and a program without errors is a loadable container.
func FuzzAssemble(f *testing.F) {
	for _, pat := range []string{"testdata/*.s", "testdata/errors/*.s"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "HALT", "a: b: c:", "JMP a\na:", ".data\n.org 65535\n.byte 1\n.word 1",
		".meta intent \"\\", "\"", "LOAD_CONST R1, -", "CMP R1 R2 R3 LT\r\n",
		".equ A, B\n.equ B, A", ".entry tick x\nx: .entry init x", "\xff\xfe:",
		".insn 255 255 255 255 -1", "x: .space 65536",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, l := Assemble("f.s", src)
		lines := strings.Split(string(src), "\n")
		for _, d := range l {
			for _, sp := range []struct{ line, col int }{{d.Span.Start.Line, d.Span.Start.Col}, {d.Span.End.Line, d.Span.End.Col}} {
				if sp.line < 1 || sp.line > len(lines) || sp.col < 1 || sp.col > len(lines[sp.line-1])+1 {
					t.Fatalf("position %d:%d outside the input: %v", sp.line, sp.col, d)
				}
			}
			if d.Span.End.Line == d.Span.Start.Line && d.Span.End.Col < d.Span.Start.Col {
				t.Fatalf("span ends before it starts: %v", d)
			}
			if d.Code == "" || d.Message == "" {
				t.Fatalf("diagnostic without code or message: %#v", d)
			}
		}
		if l.HasErrors() {
			if file != nil {
				t.Fatal("file returned with errors")
			}
			return
		}
		if file == nil {
			t.Fatal("no file and no errors")
		}
		if err := file.Check(0); err != nil {
			t.Fatalf("Check: %v", err)
		}
		if len(file.Code)%isa.InsnSize != 0 || len(file.Debug) != len(file.Code)/isa.InsnSize {
			t.Fatalf("%d bytes of code, %d line entries", len(file.Code), len(file.Debug))
		}
	})
}
