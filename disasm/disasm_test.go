package disasm

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden disassembles each testdata/*.s program (plain and with
// addresses) and compares with NAME.golden and NAME.addr.golden.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.s")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, l := asm.Assemble(path, src)
		if l.HasErrors() {
			t.Fatalf("%s: %v", path, l)
		}
		for suffix, o := range map[string]Options{".golden": {}, ".addr.golden": {Addresses: true}, ".raw.golden": {Raw: true}} {
			got := Text(f, o)
			golden := strings.TrimSuffix(path, ".s") + suffix
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./disasm -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
			assertReassembles(t, f, o)
		}
	}
}

// assertReassembles checks the round-trip law for f's text under o.
func assertReassembles(t *testing.T, f *nxb.File, o Options) {
	t.Helper()
	text := Text(f, o)
	g, l := asm.Assemble("disasm.s", text)
	if l.HasErrors() {
		t.Fatalf("disassembly does not assemble:\n%v\n--- text:\n%s", l, text)
	}
	want := f
	if o.Raw {
		want = nxb.Raw(f.Code)
	}
	if !bytes.Equal(g.Code, want.Code) {
		a, _ := isa.DecodeAll(want.Code)
		b, _ := isa.DecodeAll(g.Code)
		t.Fatalf("code differs (-want +got):\n%s\n--- text:\n%s", cmp.Diff(a, b), text)
	}
	type image struct {
		Data  []nxb.Segment
		Entry nxb.Entries
		Meta  []nxb.Record
	}
	norm := func(f *nxb.File) image {
		im := image{Data: f.Data, Entry: f.Entry, Meta: f.Meta}
		for k := range im.Meta {
			if len(im.Meta[k].Value) == 0 {
				im.Meta[k].Value = nil
			}
		}
		return im
	}
	if diff := cmp.Diff(norm(want), norm(g)); diff != "" {
		t.Fatalf("container differs (-want +got):\n%s\n--- text:\n%s", diff, text)
	}
}

// TestFormsComplete checks every operand form used by an opcode has a printer.
func TestFormsComplete(t *testing.T) {
	for _, in := range isa.All() {
		if int(in.Form) >= len(forms) || forms[in.Form] == nil {
			t.Errorf("%s: no printer for form %d", in.Name, in.Form)
		}
	}
}

// TestHandBuilt covers inputs the assembler never produces: entries and
// targets that cannot be labels, trailing bytes, a nil file.
func TestHandBuilt(t *testing.T) {
	code := isa.EncodeAll([]isa.Instruction{
		{Op: isa.JMP, Imm: 16},
		{Op: isa.CALL, Imm: 16},
		{Op: isa.JZ, Imm: 16},
		{Op: isa.HALT},
	})
	f := &nxb.File{Code: code, Entry: nxb.Entries{Tick: 8, Init: nxb.NoEntry, Failsafe: 8}}
	want := `; NEXUS program: 4 instructions, 0 data segments, 0 metadata records
; sha256 ` + hashHex(f) + `

.entry tick     tick
.entry failsafe tick

        JMP          fn_0010
tick:
failsafe:
        CALL         fn_0010
fn_0010:
        JZ           fn_0010
        HALT
`
	if got := string(Text(f, Options{})); got != want {
		t.Errorf("got:\n%s\nwant:\n%s\n%s", got, want, cmp.Diff(want, got))
	}
	assertReassembles(t, f, Options{})

	// Not loadable, but still printed without panicking.
	bad := &nxb.File{Code: append(bytes.Clone(code), 1, 2, 3), Entry: nxb.Entries{Tick: 3, Init: 1 << 20, Failsafe: nxb.NoEntry}}
	out := string(Text(bad, Options{Addresses: true}))
	for _, s := range []string{"3 trailing code bytes (01 02 03)", ".entry tick     0x3", ".entry init     0x100000"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if got := string(Text(nil, Options{})); !strings.Contains(got, "0 instructions") {
		t.Errorf("nil file: %q", got)
	}
}

func hashHex(f *nxb.File) string {
	h := f.Hash()
	var b strings.Builder
	for _, c := range h {
		b.WriteString("0123456789abcdef"[c>>4 : c>>4+1])
		b.WriteString("0123456789abcdef"[c&15 : c&15+1])
	}
	return b.String()
}

func TestMetaValues(t *testing.T) {
	tests := []struct {
		rec       nxb.Record
		val, note string
	}{
		{nxb.StringRecord(nxb.TagIntent, "a\"b\\c\nd\te"), `"a\"b\\c\nd\te"`, ""},
		{nxb.Float32Record(nxb.TagTrust, 0.5), "1056964608", "float32 0.5"},
		{nxb.Int32Record(nxb.TagPerfHint, -7), "-7", ""},
		{nxb.StringRecord(nxb.TagTrust, "high"), "1751607656", "float32 4.3712442e+24"},
		{nxb.StringRecord(nxb.TagTrust, "hi"), `"hi"`, ""},
		{nxb.Record{Tag: nxb.TagNarrative, Value: []byte{0, 1, 2, 3}}, "50462976", "bytes 00 01 02 03"},
		{nxb.Record{Tag: nxb.TagNarrative, Value: []byte("a\rb")}, `"a\x0db"`, ""},
		{nxb.Record{Tag: nxb.TagNarrative, Value: []byte{0xff}}, `"\xff"`, ""},
		{nxb.Record{Tag: nxb.TagNarrative, Value: []byte("é\x00")}, `"é\x00"`, ""},
	}
	for _, tc := range tests {
		val, note := metaValue(tc.rec)
		if val != tc.val || note != tc.note {
			t.Errorf("%v: got %s (%s), want %s (%s)", tc.rec, val, note, tc.val, tc.note)
		}
	}
}
