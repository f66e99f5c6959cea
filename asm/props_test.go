package asm

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// .insn writes any 8 bytes: random fields, written in the various accepted
// spellings, encode exactly.
func TestInsnRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var src strings.Builder
	var want []isa.Instruction
	for range 2000 {
		in := isa.Instruction{
			Op: isa.Opcode(r.IntN(256)), Rd: uint8(r.IntN(256)), Rs1: uint8(r.IntN(256)),
			Rs2: uint8(r.IntN(256)), Imm: int32(r.Uint32()),
		}
		want = append(want, in)
		op := fmt.Sprint(uint8(in.Op))
		if info := isa.Lookup(in.Op); info != nil && r.IntN(2) == 0 {
			op = strings.ToLower(info.Name)
		}
		field := func(v uint8) string {
			switch {
			case v < 32 && r.IntN(2) == 0:
				return fmt.Sprintf("R%d", v)
			case r.IntN(2) == 0:
				return fmt.Sprintf("0x%x", v)
			}
			return fmt.Sprint(v)
		}
		imm := fmt.Sprint(in.Imm)
		if r.IntN(2) == 0 {
			imm = fmt.Sprintf("0x%x", uint32(in.Imm))
		}
		fmt.Fprintf(&src, ".insn %s, %s, %s, %s, %s\n", op, field(in.Rd), field(in.Rs1), field(in.Rs2), imm)
	}
	f, l := Assemble("insn.s", []byte(src.String()))
	if len(l) > 0 {
		t.Fatalf("diagnostics: %v", l)
	}
	if !bytes.Equal(f.Code, isa.EncodeAll(want)) {
		got, _ := isa.DecodeAll(f.Code)
		t.Fatalf("mismatch:\n%s", cmp.Diff(want, got))
	}
}

// CRLF line endings assemble exactly like LF, including debug positions.
func TestCRLF(t *testing.T) {
	lf := "start: LOAD_CONST R1, 5 ; c\n\tJMP start\n.meta intent \"x\"\n.data\nv: 1, 2\n"
	f1, l1 := Assemble("a.s", []byte(lf))
	f2, l2 := Assemble("a.s", []byte(strings.ReplaceAll(lf, "\n", "\r\n")))
	if len(l1)+len(l2) > 0 {
		t.Fatalf("diagnostics: %v %v", l1, l2)
	}
	if diff := cmp.Diff(f1, f2); diff != "" {
		t.Errorf("CRLF differs (-LF +CRLF):\n%s", diff)
	}
	// An error at the end of a CRLF line must not count the '\r'.
	_, l := Assemble("a.s", []byte("ADD R1, R2,\r\n"))
	if len(l) != 1 || l[0].Span.Start.Col != 11 || l[0].Span.End.Col != 12 {
		t.Errorf("got %v, want one error at column 11", l)
	}
}

// Columns count bytes from 1; a tab is one column.
func TestColumns(t *testing.T) {
	src := "\tNOP\n\t\tHALT\nx:\tADD R1, R2, R3\n \tPUSH\tR99\n"
	f, l := Assemble("c.s", []byte(src))
	if len(l) != 1 || l[0].Span.Start.Line != 4 || l[0].Span.Start.Col != 8 || l[0].Span.End.Col != 11 {
		t.Fatalf("got %v, want an error at 4:8-11", l)
	}
	if f != nil {
		t.Fatal("file returned despite errors")
	}
	f, l = Assemble("c.s", []byte(src[:strings.LastIndex(src, " \t")]))
	if len(l) != 0 {
		t.Fatal(l)
	}
	want := []nxb.LineInfo{
		{PC: 0, File: "c.s", Line: 1, Col: 2},
		{PC: 8, File: "c.s", Line: 2, Col: 3},
		{PC: 16, File: "c.s", Line: 3, Col: 4},
	}
	if diff := cmp.Diff(want, f.Debug); diff != "" {
		t.Errorf("debug (-want +got):\n%s", diff)
	}
}

// Every error in a file is reported, not only the first, and one bad line
// does not shift later labels into spurious errors.
func TestAllErrorsReported(t *testing.T) {
	src := "JNE a\nADD R1, R2\nPUSH R40\nLOAD_CONST R1, $\nJMP a\na: HALT\n"
	_, l := Assemble("m.s", []byte(src))
	var lines []int
	for _, d := range l {
		lines = append(lines, d.Span.Start.Line)
	}
	if diff := cmp.Diff([]int{1, 2, 3, 4}, lines); diff != "" {
		t.Errorf("error lines (-want +got):\n%s\n%v", diff, l)
	}
}

func TestEmpty(t *testing.T) {
	for _, src := range []string{"", "\n", "; only a comment\n", "lonely:\n"} {
		f, l := Assemble("e.s", []byte(src))
		if len(l) > 0 || f == nil || len(f.Code) != 0 || f.Check(0) != nil {
			t.Errorf("%q: %v %v", src, f, l)
		}
	}
}

func BenchmarkAssemble(b *testing.B) {
	src, err := os.ReadFile("testdata/forms.s")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Assemble("forms.s", src)
	}
}
