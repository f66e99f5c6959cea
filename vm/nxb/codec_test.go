package nxb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/nexusfleet/nexus/vm/isa"
)

// playground is the seed's bytecode playground program.
var playground = []byte{
	0x16, 0x00, 0x10, 0x00, 0, 0, 0, 0,
	0x01, 0x01, 0x00, 0x00, 0x64, 0, 0, 0,
	0x04, 0x02, 0x00, 0x01, 0, 0, 0, 0,
	0x17, 0x11, 0x02, 0x00, 0, 0, 0, 0,
	0x14, 0x02, 0x00, 0x00, 0, 0, 0, 0,
	0x18, 0x00, 0x00, 0x00, 0, 0, 0, 0,
}

func sample() *File {
	return &File{
		Code: bytes.Clone(playground),
		Data: []Segment{
			{Addr: 0x10, Bytes: []byte{0xff}},
			{Addr: 0x100, Bytes: []byte{1, 2, 3, 4, 5}},
		},
		Entry: Entries{Tick: 0, Init: 16, Failsafe: 40},
		Meta: []Record{
			StringRecord(TagIntent, "hold heading"),
			StringRecord(TagCapability, "rudder"),
			StringRecord(TagSafety, "rudder within ±30°"),
			Float32Record(TagTrust, 0.6),
			StringRecord(TagNarrative, "reads the compass\nand steers"),
			{Tag: 0x42, Value: []byte{}},
		},
		Debug: []LineInfo{
			{PC: 0, File: "a.s", Line: 1, Col: 1},
			{PC: 8, File: "b.s", Line: 2, Col: 5},
			{PC: 40, File: "a.s", Line: 9, Col: 3},
		},
	}
}

func mustMarshal(t *testing.T, f *File) []byte {
	t.Helper()
	b, err := f.Marshal()
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	for name, f := range map[string]*File{
		"full":     sample(),
		"stripped": sample().Strip(),
		"raw":      Raw(bytes.Clone(playground)),
		"empty":    Raw(nil),
	} {
		t.Run(name, func(t *testing.T) {
			b := mustMarshal(t, f)
			if !IsContainer(b) {
				t.Fatal("IsContainer false on Marshal output")
			}
			if len(b)%Align != 0 {
				t.Errorf("length %d not aligned", len(b))
			}
			g, err := Read(b)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if diff := cmp.Diff(f, g, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			b2 := mustMarshal(t, g)
			if !bytes.Equal(b, b2) {
				t.Error("Marshal is not deterministic across a round trip")
			}
		})
	}
}

// TestLayout pins the byte layout spec/nxb.md describes.
func TestLayout(t *testing.T) {
	b := mustMarshal(t, Raw(bytes.Clone(playground)))
	h := Raw(playground).Hash()
	want := []byte("NXB\x00")
	want = append(want, 1, 0, 0, 0) // version 1, reserved
	want = binary.LittleEndian.AppendUint32(want, 48+8+16+8+48)
	want = append(want, 0, 0, 0, 0)
	want = append(want, h[:]...)
	want = append(want, 2, 0, 0, 0, 12, 0, 0, 0) // entry section
	want = append(want, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0)
	want = append(want, 1, 0, 0, 0, 48, 0, 0, 0) // code section
	want = append(want, playground...)
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("layout (-want +got):\n%s", diff)
	}
}

func TestStripKeepsCodeAndHash(t *testing.T) {
	f := sample()
	full := mustMarshal(t, f)
	s := f.Strip()
	stripped := mustMarshal(t, s)
	if len(stripped) >= len(full) {
		t.Errorf("stripped container is %d bytes, full %d", len(stripped), len(full))
	}
	if !bytes.Equal(full[16:48], stripped[16:48]) || f.Hash() != s.Hash() {
		t.Error("Strip changed the hash")
	}
	g, err := Read(stripped)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g.Code, f.Code) || g.Meta != nil || g.Debug != nil {
		t.Errorf("stripped file: code equal %v, meta %v, debug %v", bytes.Equal(g.Code, f.Code), g.Meta, g.Debug)
	}
	// The code section payload is byte-identical and identically aligned.
	at := bytes.Index(full, playground)
	if at < 0 || at%Align != 0 || bytes.Index(stripped, playground) != at {
		t.Errorf("code offset full %d stripped %d", at, bytes.Index(stripped, playground))
	}
}

// sec is a raw section for building malformed containers.
type sec struct {
	id      SectionID
	payload []byte
	pad     []byte // nil: zero padding to Align
}

// build assembles a container from raw sections with a correct length and
// the hash of code and data given.
func build(hashOf *File, secs ...sec) []byte {
	b := make([]byte, HeaderSize)
	copy(b, Magic)
	b[4] = Version
	h := hashOf.Hash()
	copy(b[16:], h[:])
	for _, s := range secs {
		b = binary.LittleEndian.AppendUint16(b, uint16(s.id))
		b = append(b, 0, 0)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s.payload)))
		b = append(b, s.payload...)
		if s.pad != nil {
			b = append(b, s.pad...)
		} else {
			b = append(b, make([]byte, pad(len(s.payload))-len(s.payload))...)
		}
	}
	binary.LittleEndian.PutUint32(b[8:], uint32(len(b)))
	return b
}

func entries(tick, init, fs uint32) sec {
	var p [12]byte
	binary.LittleEndian.PutUint32(p[0:], tick)
	binary.LittleEndian.PutUint32(p[4:], init)
	binary.LittleEndian.PutUint32(p[8:], fs)
	return sec{id: SecEntry, payload: p[:]}
}

func code(c []byte) sec { return sec{id: SecCode, payload: c} }

func le32(vs ...uint32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

func cat(bs ...[]byte) []byte { return bytes.Join(bs, nil) }

func TestReadMalformed(t *testing.T) {
	good := mustMarshal(t, sample())
	raw := Raw(playground)
	ent := entries(0, NoEntry, NoEntry)
	mod := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	tests := []struct {
		name    string
		in      []byte
		kind    error
		section string
		offset  int
		msg     string
	}{
		{"empty", nil, ErrNotContainer, "header", 0, "file is empty"},
		{"bare stream", playground, ErrNotContainer, "header", 0, "--raw"},
		{"seed NXAB", []byte("NXAB\x01\x00\x00\x00"), ErrNotContainer, "header", 0, "NXAB"},
		{"text", []byte("LOAD_CONST R1, 5\n"), ErrNotContainer, "header", 0, "not the .nxb magic"},
		{"short header", good[:20], ErrTruncated, "header", 20, "a container header is 48"},
		{"version", mod(func(b []byte) []byte { b[4] = 2; return b }), ErrVersion, "header", 4, "version 2 is not supported"},
		{"reserved 6", mod(func(b []byte) []byte { b[6] = 1; return b }), ErrMalformed, "header", 6, "reserved"},
		{"reserved 12", mod(func(b []byte) []byte { b[15] = 1; return b }), ErrMalformed, "header", 12, "reserved"},
		{"truncated", good[:len(good)-8], ErrTruncated, "header", 8, "only"},
		{"trailing", append(bytes.Clone(good), 0), ErrMalformed, "header", len(good), "1 trailing bytes"},
		{"length below header", mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[8:], 8); return b[:8+40] }), ErrMalformed, "header", 8, "less than the 48-byte header"},
		{"hash", mod(func(b []byte) []byte { b[bytes.Index(b, playground)+12]++; return b }), ErrHash, "header", 16, "does not match"},
		{"missing code", build(raw, ent), ErrMalformed, "code", 48 + 8 + 16, "required code section is missing"},
		{"missing entry", build(raw, code(playground)), ErrMalformed, "entry", 48 + 8 + 48, "required entry section is missing"},
		{"duplicate code", build(raw, ent, code(playground), code(playground)), ErrMalformed, "code", 48 + 24 + 56, "duplicate code section (the first is at byte 72)"},
		{"code not multiple of 8", build(raw, ent, code(playground[:13])), ErrMalformed, "code", 48 + 24 + 4, "13 bytes, which is not a whole number of 8-byte instructions"},
		{"code too large", build(raw, ent, code(make([]byte, isa.MaxCodeSize+8))), ErrMalformed, "code", 48 + 24 + 4, "the limit is 65536"},
		{"entry size", build(raw, sec{id: SecEntry, payload: make([]byte, 8)}, code(playground)), ErrMalformed, "entry", 52, "entry section is 8 bytes; expected 12"},
		{"tick misaligned", build(raw, entries(3, NoEntry, NoEntry), code(playground)), ErrMalformed, "entry", 56, "tick entry 0x3"},
		{"init past code", build(raw, entries(0, 48, NoEntry), code(playground)), ErrMalformed, "entry", 56, "init entry 0x30"},
		{"failsafe past code", build(raw, entries(0, NoEntry, 4096), code(playground)), ErrMalformed, "entry", 56, "failsafe entry 0x1000"},
		{"section overruns", mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[52:], 1000); return b }), ErrTruncated, "entry", 52, "section length 1000 overruns the file"},
		{"padding missing", mod(func(b []byte) []byte {
			b = append(b, 0x01, 0x80, 0, 0, 3, 0, 0, 0, 1, 2, 3)
			binary.LittleEndian.PutUint32(b[8:], uint32(len(b)))
			return b
		}), ErrMalformed, "header", 8, "not a multiple of 8"},
		{"padding nonzero", build(raw, sec{id: SecEntry, payload: ent.payload, pad: []byte{0, 0, 7, 0}}, code(playground)), ErrMalformed, "entry", 48 + 8 + 12 + 2, "padding byte is 0x07"},
		{"section reserved", mod(func(b []byte) []byte { b[50] = 1; return b }), ErrMalformed, "entry", 50, "reserved section field"},
		{"unknown required section", build(raw, ent, code(playground), sec{id: 0x0040, payload: []byte{1}}), ErrMalformed, "0x0040", 48 + 24 + 56, "unknown required section 0x0040"},
		{"data empty", build(raw, ent, code(playground), sec{id: SecData}), ErrMalformed, "data", 48 + 24 + 56 + 4, "data section is empty"},
		{"data header cut", build(raw, ent, code(playground), sec{id: SecData, payload: le32(0)}), ErrTruncated, "data", 48 + 24 + 56 + 8, "segment 0: 4 bytes left"},
		{"data overrun", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(0, 9), []byte{1, 2})}), ErrTruncated, "data", 48 + 24 + 56 + 12, "length 9 overruns"},
		{"data segment empty", build(raw, ent, code(playground), sec{id: SecData, payload: le32(4, 0)}), ErrMalformed, "data", 136, "segment 0 at 0x4 is empty"},
		{"data outside memory", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(0xfffe, 4), []byte{1, 2, 3, 4})}), ErrMalformed, "data", 136, "does not fit in 65536"},
		{"data address wraps", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(0xffffffff, 2), []byte{1, 2})}), ErrMalformed, "data", 136, "does not fit"},
		{"data overlap", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(8, 4), []byte{1, 2, 3, 4}, le32(10, 1), []byte{9})}), ErrMalformed, "data", 136 + 12, "segment 1 (0xa..0xb) starts at or before the end of segment 0 (0x8..0xc)"},
		{"data touching", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(8, 4), []byte{1, 2, 3, 4}, le32(12, 1), []byte{9})}), ErrMalformed, "data", 136 + 12, "with a gap between them"},
		{"data descending", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(8, 4), []byte{1, 2, 3, 4}, le32(0, 1), []byte{9})}), ErrMalformed, "data", 136 + 12, "ascending address order"},
		{"duplicate data", build(raw, ent, code(playground), sec{id: SecData, payload: cat(le32(0, 1), []byte{1})}, sec{id: SecData, payload: cat(le32(8, 1), []byte{1})}), ErrMalformed, "data", 136 + 16, "duplicate data section"},
		{"meta empty", build(raw, ent, code(playground), sec{id: SecMeta}), ErrMalformed, "meta", 132, "meta section is empty"},
		{"meta tag 0", build(raw, ent, code(playground), sec{id: SecMeta, payload: []byte{0, 0, 0}}), ErrMalformed, "meta", 136, "tag 0"},
		{"meta header cut", build(raw, ent, code(playground), sec{id: SecMeta, payload: []byte{7, 1, 0, 'x', 7}}), ErrTruncated, "meta", 140, "record 1: 1 bytes left"},
		{"meta overrun", build(raw, ent, code(playground), sec{id: SecMeta, payload: []byte{7, 5, 0, 'x'}}), ErrTruncated, "meta", 137, "record 0 (intent): length 5 overruns"},
		{"debug short", build(raw, ent, code(playground), sec{id: SecDebug, payload: []byte{1}}), ErrTruncated, "debug", 136, "expected at least 8"},
		{"debug no lines", build(raw, ent, code(playground), sec{id: SecDebug, payload: le32(0, 0)}), ErrMalformed, "debug", 136, "no line records"},
		{"debug lines overrun", build(raw, ent, code(playground), sec{id: SecDebug, payload: le32(1000000, 0)}), ErrTruncated, "debug", 136, "1000000 line records need"},
		{"debug files overrun", build(raw, ent, code(playground), sec{id: SecDebug, payload: cat(le32(1, 0xffffffff), le32(0, 0, 1, 1))}), ErrTruncated, "debug", 140, "4294967295 file names"},
		{"debug name overrun", build(raw, ent, code(playground), sec{id: SecDebug, payload: cat(le32(1, 1), le32(0, 0, 1, 1), []byte{9, 0, 'a'})}), ErrTruncated, "debug", 136 + 24, "file name 0: length 9 overruns"},
		{"debug extra bytes", build(raw, ent, code(playground), sec{id: SecDebug, payload: cat(le32(1, 1), le32(0, 0, 1, 1), []byte{1, 0, 'a', 'b'})}), ErrMalformed, "debug", 136 + 27, "1 unexpected bytes"},
		{"debug bad file index", build(raw, ent, code(playground), sec{id: SecDebug, payload: cat(le32(1, 1), le32(0, 1, 1, 1), []byte{1, 0, 'a'})}), ErrMalformed, "debug", 136 + 12, "names file 1; there are 1"},
		{"debug pc outside code", build(raw, sec{id: SecDebug, payload: cat(le32(1, 1), le32(48, 0, 1, 1), []byte{1, 0, 'a'})}, ent, code(playground)), ErrMalformed, "debug", 56 + 8, "pc 0x30 is not the address of an instruction"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read(tc.in)
			if err == nil {
				t.Fatalf("Read accepted it: %+v", f)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("kind %v, want %v", e.Kind, tc.kind)
			}
			if e.Section != tc.section || e.Offset != tc.offset {
				t.Errorf("at %s byte %d, want %s byte %d (%v)", e.Section, e.Offset, tc.section, tc.offset, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not contain %q", err, tc.msg)
			}
		})
	}
}

func TestUnknownOptionalSectionSkipped(t *testing.T) {
	raw := Raw(playground)
	b := build(raw, sec{id: 0x8123, payload: []byte{1, 2, 3}}, entries(0, NoEntry, NoEntry), code(playground))
	f, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(raw, f); diff != "" {
		t.Error(diff)
	}
}

func TestMarshalRejects(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(f *File)
		section string
		msg     string
	}{
		{"code length", func(f *File) { f.Code = f.Code[:13] }, "code", "not a whole number"},
		{"entry", func(f *File) { f.Entry.Init = 7 }, "entry", "init entry 0x7"},
		{"empty segment", func(f *File) { f.Data = append(f.Data, Segment{Addr: 3}) }, "data", "is empty"},
		{"overlap", func(f *File) { f.Data = append(f.Data, Segment{Addr: 0x104, Bytes: []byte{1}}) }, "data", "starts at or before the end of segment 1"},
		{"unsorted", func(f *File) { f.Data = append(f.Data, Segment{Addr: 0, Bytes: []byte{1}}) }, "data", "ascending"},
		{"outside memory", func(f *File) { f.Data = append(f.Data, Segment{Addr: 0xffff, Bytes: []byte{1, 2}}) }, "data", "does not fit"},
		{"tag 0", func(f *File) { f.Meta = append(f.Meta, Record{}) }, "meta", "tag 0"},
		{"long value", func(f *File) { f.Meta = append(f.Meta, Record{Tag: 1, Value: make([]byte, 65536)}) }, "meta", "limit is 65535"},
		{"long file name", func(f *File) { f.Debug[0].File = strings.Repeat("x", 65536) }, "debug", "file name is 65536 bytes"},
		{"debug pc", func(f *File) { f.Debug[0].PC = 4 }, "debug", "pc 0x4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := sample()
			tc.edit(f)
			_, err := f.Marshal()
			var e *Error
			if !errors.As(err, &e) || e.Section != tc.section || e.Offset != -1 || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %v, want %s section error containing %q", err, tc.section, tc.msg)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	_, err := Read(playground)
	want := `container header, byte 0: the file starts with 16 00 10 00, not the .nxb magic "NXB\x00"; it looks like a bare instruction stream: read it with --raw`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
