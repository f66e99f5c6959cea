package nxb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Byte layout constants; spec/nxb.md is the normative description.
const (
	// Magic is the first four bytes of every container. 'N' (0x4E) is not a
	// defined opcode, so a bare instruction stream never starts with it.
	Magic = "NXB\x00"
	// Version is the only container version this reader accepts.
	Version = 1
	// HeaderSize is the fixed header: magic, version, reserved, file length,
	// reserved, SHA-256.
	HeaderSize = 48
	// SectionHeaderSize is [id u16][reserved u16][length u32].
	SectionHeaderSize = 8
	// Align is the alignment of every section header and payload, relative
	// to the start of the file, so firmware can read code words in place.
	Align = 8
	// EntrySize is the payload size of the entry section.
	EntrySize = 12
	// LineSize is the size of one debug line record.
	LineSize = 16
	// MaxMetaValue is the largest metadata value (its length is a u16).
	MaxMetaValue = math.MaxUint16
)

// SectionID identifies a section. IDs with the high bit set (OptionalBit)
// are optional: a reader that does not know one skips it. Any other unknown
// ID makes the file unreadable, so future formats can add sections old
// readers must not ignore.
type SectionID uint16

const (
	SecCode  SectionID = 0x0001 // required: the instruction stream
	SecEntry SectionID = 0x0002 // required: tick, init, failsafe entry points
	SecData  SectionID = 0x0003 // data-memory initialiser segments (absent: no data)
	SecMeta  SectionID = 0x8001 // optional: AAB metadata TLV records
	SecDebug SectionID = 0x8002 // optional: pc -> file:line:col

	OptionalBit SectionID = 0x8000
)

var sectionNames = map[SectionID]string{
	SecCode: "code", SecEntry: "entry", SecData: "data", SecMeta: "meta", SecDebug: "debug",
}

func (id SectionID) String() string {
	if n, ok := sectionNames[id]; ok {
		return n
	}
	return fmt.Sprintf("0x%04x", uint16(id))
}

// Sentinels classify an *Error for errors.Is.
var (
	ErrNotContainer = errors.New("not a .nxb container")
	ErrVersion      = errors.New("unsupported container version")
	ErrTruncated    = errors.New("container truncated")
	ErrMalformed    = errors.New("malformed container")
	ErrHash         = errors.New("hash mismatch")
)

// Error is a problem found in a container's bytes (by Read) or in a File
// that cannot be encoded (by Marshal, with Offset -1). Offset lets tools
// point at the byte.
type Error struct {
	Section string // "header", "code", "entry", "data", "meta", "debug", or "0xNNNN"
	Offset  int    // byte offset in the input; -1 when encoding
	Msg     string // what is wrong and what was expected
	Kind    error  // one of the Err sentinels
}

func (e *Error) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("%s section: %s", e.Section, e.Msg)
	}
	if e.Section == "header" {
		return fmt.Sprintf("container header, byte %d: %s", e.Offset, e.Msg)
	}
	return fmt.Sprintf("%s section, byte %d: %s", e.Section, e.Offset, e.Msg)
}

// Unwrap returns the sentinel, so errors.Is(err, nxb.ErrHash) works.
func (e *Error) Unwrap() error { return e.Kind }

func errf(kind error, section string, off int, format string, args ...any) *Error {
	return &Error{Section: section, Offset: off, Msg: fmt.Sprintf(format, args...), Kind: kind}
}

// IsContainer reports whether b starts with the container magic.
func IsContainer(b []byte) bool { return bytes.HasPrefix(b, []byte(Magic)) }

func pad(n int) int { return (n + Align - 1) &^ (Align - 1) }

// Marshal encodes f. Sections are written in the order entry, code, data,
// meta, debug; data, meta and debug only when non-empty. It fails, naming the
// section, if f is not something Read would accept.
func (f *File) Marshal() ([]byte, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	out := make([]byte, HeaderSize, HeaderSize+len(f.Code)+64)
	copy(out, Magic)
	binary.LittleEndian.PutUint16(out[4:], Version)
	h := f.Hash()
	copy(out[16:], h[:])

	var entry [EntrySize]byte
	binary.LittleEndian.PutUint32(entry[0:], f.Entry.Tick)
	binary.LittleEndian.PutUint32(entry[4:], f.Entry.Init)
	binary.LittleEndian.PutUint32(entry[8:], f.Entry.Failsafe)
	out = appendSection(out, SecEntry, entry[:])
	out = appendSection(out, SecCode, f.Code)
	if len(f.Data) > 0 {
		out = appendSection(out, SecData, f.encodeData())
	}
	if len(f.Meta) > 0 {
		out = appendSection(out, SecMeta, f.encodeMeta())
	}
	if len(f.Debug) > 0 {
		out = appendSection(out, SecDebug, f.encodeDebug())
	}
	binary.LittleEndian.PutUint32(out[8:], uint32(len(out)))
	return out, nil
}

func appendSection(out []byte, id SectionID, payload []byte) []byte {
	var hdr [SectionHeaderSize]byte
	binary.LittleEndian.PutUint16(hdr[0:], uint16(id))
	binary.LittleEndian.PutUint32(hdr[4:], uint32(len(payload)))
	out = append(out, hdr[:]...)
	out = append(out, payload...)
	return append(out, make([]byte, pad(len(payload))-len(payload))...)
}

func (f *File) encodeData() []byte {
	var b []byte
	for _, s := range f.Data {
		b = binary.LittleEndian.AppendUint32(b, s.Addr)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Bytes)))
		b = append(b, s.Bytes...)
	}
	return b
}

func (f *File) encodeMeta() []byte {
	var b []byte
	for _, r := range f.Meta {
		b = append(b, byte(r.Tag))
		b = binary.LittleEndian.AppendUint16(b, uint16(len(r.Value)))
		b = append(b, r.Value...)
	}
	return b
}

// encodeDebug writes the line table first (fixed 16-byte records, so
// firmware or a debugger can binary-search it in place) and the file-name
// string table after it.
func (f *File) encodeDebug() []byte {
	index := map[string]uint32{}
	var names []string
	for _, l := range f.Debug {
		if _, ok := index[l.File]; !ok {
			index[l.File] = uint32(len(names))
			names = append(names, l.File)
		}
	}
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(f.Debug)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(names)))
	for _, l := range f.Debug {
		b = binary.LittleEndian.AppendUint32(b, l.PC)
		b = binary.LittleEndian.AppendUint32(b, index[l.File])
		b = binary.LittleEndian.AppendUint32(b, l.Line)
		b = binary.LittleEndian.AppendUint32(b, l.Col)
	}
	for _, n := range names {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(n)))
		b = append(b, n...)
	}
	return b
}

// validate reports why f cannot be encoded, with the same rules Read
// enforces, so that anything Marshal writes Read accepts.
func (f *File) validate() error {
	enc := func(section, format string, args ...any) error {
		return errf(ErrMalformed, section, -1, format, args...)
	}
	if msg := codeProblem(len(f.Code)); msg != "" {
		return enc("code", "%s", msg)
	}
	for k, s := range f.Data {
		if msg := segmentProblem(k, s, f.Data[:k]); msg != "" {
			return enc("data", "%s", msg)
		}
	}
	for k, r := range f.Meta {
		if msg := recordProblem(k, r.Tag, len(r.Value)); msg != "" {
			return enc("meta", "%s", msg)
		}
	}
	for k, l := range f.Debug {
		if len(l.File) > math.MaxUint16 {
			return enc("debug", "line record %d: file name is %d bytes; the limit is %d", k, len(l.File), math.MaxUint16)
		}
		if msg := linePCProblem(k, l.PC, len(f.Code)); msg != "" {
			return enc("debug", "%s", msg)
		}
	}
	if err := f.Check(0); err != nil {
		return enc("entry", "%v", err)
	}
	return nil
}

func codeProblem(n int) string {
	switch {
	case n%isa.InsnSize != 0:
		return fmt.Sprintf("code is %d bytes, which is not a whole number of %d-byte instructions", n, isa.InsnSize)
	case n > isa.MaxCodeSize:
		return fmt.Sprintf("code is %d bytes; the limit is %d", n, isa.MaxCodeSize)
	}
	return ""
}

// segmentProblem checks segment k against memory and the segment before
// it. Segments must be non-empty, in ascending address order, and separated
// by at least one byte: then every data-memory image has exactly one
// encoding (and so one hash), the bytes loaded never depend on order, a
// loader can copy them in one pass, and the assembler, which emits maximal
// runs of defined bytes, reproduces any valid Data exactly.
func segmentProblem(k int, s Segment, before []Segment) string {
	end := uint64(s.Addr) + uint64(len(s.Bytes))
	switch {
	case len(s.Bytes) == 0:
		return fmt.Sprintf("data segment %d at %#x is empty; expected at least one byte", k, s.Addr)
	case end > isa.MemSize:
		return fmt.Sprintf("data segment %d (%d bytes at %#x) does not fit in %d bytes of data memory", k, len(s.Bytes), s.Addr, isa.MemSize)
	}
	if k > 0 {
		p := before[k-1]
		pend := uint64(p.Addr) + uint64(len(p.Bytes))
		if uint64(s.Addr) <= pend {
			return fmt.Sprintf("data segment %d (%#x..%#x) starts at or before the end of segment %d (%#x..%#x); segments must be in ascending address order with a gap between them (merge touching segments)", k, s.Addr, end, k-1, p.Addr, pend)
		}
	}
	return ""
}

func recordProblem(k int, t Tag, n int) string {
	switch {
	case t == TagEnd:
		return fmt.Sprintf("record %d has tag 0, the seed format's end marker; records are length-delimited and tag 0 is not stored", k)
	case n > MaxMetaValue:
		return fmt.Sprintf("record %d (%s) value is %d bytes; the limit is %d", k, t, n, MaxMetaValue)
	}
	return ""
}

func linePCProblem(k int, pc uint32, codeLen int) string {
	if pc%isa.InsnSize != 0 || uint64(pc) >= uint64(codeLen) {
		return fmt.Sprintf("line record %d: pc %#x is not the address of an instruction in %d bytes of code", k, pc, codeLen)
	}
	return ""
}

// reader decodes a container; every access is bounds-checked against b.
type reader struct {
	b    []byte
	f    File
	seen map[SectionID]int // section -> offset of its header
}

// Read decodes and checks a container. It never panics; any problem is an
// *Error naming the section, the byte offset and what was expected.
func Read(b []byte) (*File, error) { return read(b, true) }

// read is Read with the hash check optional, so the fuzzer, which cannot
// forge SHA-256, can explore everything behind it.
func read(b []byte, checkHash bool) (*File, error) {
	r := &reader{b: b, seen: map[SectionID]int{}}
	if err := r.header(); err != nil {
		return nil, err
	}
	if err := r.sections(); err != nil {
		return nil, err
	}
	for _, id := range []SectionID{SecEntry, SecCode} {
		if _, ok := r.seen[id]; !ok {
			return nil, errf(ErrMalformed, id.String(), len(b), "the required %s section is missing", id)
		}
	}
	if err := r.f.Check(0); err != nil {
		return nil, errf(ErrMalformed, "entry", r.seen[SecEntry]+SectionHeaderSize, "%v", err)
	}
	// Line pcs are checked once the code length is known: sections may
	// come in any order.
	for k, l := range r.f.Debug {
		if msg := linePCProblem(k, l.PC, len(r.f.Code)); msg != "" {
			return nil, errf(ErrMalformed, "debug", r.seen[SecDebug]+SectionHeaderSize+8+k*LineSize, "%s", msg)
		}
	}
	if got := r.f.Hash(); checkHash && !bytes.Equal(got[:], b[16:48]) {
		return nil, errf(ErrHash, "header", 16, "the stored SHA-256 %x does not match the code and data, which hash to %x; the file was modified or corrupted", b[16:48], got[:])
	}
	f := r.f
	return &f, nil
}

func (r *reader) header() error {
	b := r.b
	if !IsContainer(b) {
		return notContainer(b)
	}
	if len(b) < HeaderSize {
		return errf(ErrTruncated, "header", len(b), "the file is %d bytes; a container header is %d", len(b), HeaderSize)
	}
	if v := binary.LittleEndian.Uint16(b[4:]); v != Version {
		return errf(ErrVersion, "header", 4, "container version %d is not supported; this reader understands version %d", v, Version)
	}
	if v := binary.LittleEndian.Uint16(b[6:]); v != 0 {
		return errf(ErrMalformed, "header", 6, "reserved field is %#x; expected 0", v)
	}
	if v := binary.LittleEndian.Uint32(b[12:]); v != 0 {
		return errf(ErrMalformed, "header", 12, "reserved field is %#x; expected 0", v)
	}
	n := binary.LittleEndian.Uint32(b[8:])
	switch {
	case n < HeaderSize:
		return errf(ErrMalformed, "header", 8, "the header gives the file length as %d bytes, less than the %d-byte header itself", n, HeaderSize)
	case uint64(n) > uint64(len(b)):
		return errf(ErrTruncated, "header", 8, "the header says the file is %d bytes but only %d are present", n, len(b))
	case uint64(n) < uint64(len(b)):
		return errf(ErrMalformed, "header", int(n), "%d trailing bytes after the %d-byte container (its length is at byte 8)", uint64(len(b))-uint64(n), n)
	case n%Align != 0:
		return errf(ErrMalformed, "header", 8, "file length %d is not a multiple of %d", n, Align)
	}
	return nil
}

func notContainer(b []byte) error {
	n := min(len(b), 4)
	msg := fmt.Sprintf("the file starts with % x, not the .nxb magic %q", b[:n], Magic)
	switch {
	case len(b) == 0:
		msg = "the file is empty; expected the .nxb magic \"NXB\\x00\""
	case bytes.HasPrefix(b, []byte("NXAB")):
		msg += "; it is the seed reference's NXAB metadata file, which is not a program container"
	case looksLikeCode(b):
		msg += "; it looks like a bare instruction stream: read it with --raw"
	}
	return errf(ErrNotContainer, "header", 0, "%s", msg)
}

// looksLikeCode reports whether b could be a bare instruction stream: whole
// instructions whose first few opcodes are all defined.
func looksLikeCode(b []byte) bool {
	if len(b) == 0 || len(b)%isa.InsnSize != 0 {
		return false
	}
	for off := 0; off < len(b) && off < 8*isa.InsnSize; off += isa.InsnSize {
		if isa.Lookup(isa.Opcode(b[off])) == nil {
			return false
		}
	}
	return true
}

func (r *reader) sections() error {
	b := r.b
	for off := HeaderSize; off < len(b); {
		if len(b)-off < SectionHeaderSize {
			return errf(ErrTruncated, "header", off, "%d bytes left where a %d-byte section header was expected", len(b)-off, SectionHeaderSize)
		}
		id := SectionID(binary.LittleEndian.Uint16(b[off:]))
		name := id.String()
		if v := binary.LittleEndian.Uint16(b[off+2:]); v != 0 {
			return errf(ErrMalformed, name, off+2, "reserved section field is %#x; expected 0", v)
		}
		n := uint64(binary.LittleEndian.Uint32(b[off+4:]))
		start := off + SectionHeaderSize
		if n > uint64(len(b)-start) {
			return errf(ErrTruncated, name, off+4, "section length %d overruns the file: only %d bytes follow the section header", n, len(b)-start)
		}
		end := start + int(n)
		next := start + pad(int(n))
		if next > len(b) {
			return errf(ErrTruncated, name, end, "the section's padding to a multiple of %d bytes is missing", Align)
		}
		for k := end; k < next; k++ {
			if b[k] != 0 {
				return errf(ErrMalformed, name, k, "padding byte is %#02x; expected 0", b[k])
			}
		}
		if prev, dup := r.seen[id]; dup {
			return errf(ErrMalformed, name, off, "duplicate %s section (the first is at byte %d)", name, prev)
		}
		r.seen[id] = off
		if err := r.section(id, start, b[start:end]); err != nil {
			return err
		}
		off = next
	}
	return nil
}

func (r *reader) section(id SectionID, off int, p []byte) error {
	switch id {
	case SecCode:
		if msg := codeProblem(len(p)); msg != "" {
			return errf(ErrMalformed, "code", off-4, "%s", msg)
		}
		r.f.Code = nil // an empty code section decodes as nil, like Raw(nil)
		if len(p) > 0 {
			r.f.Code = bytes.Clone(p)
		}
	case SecEntry:
		if len(p) != EntrySize {
			return errf(ErrMalformed, "entry", off-4, "entry section is %d bytes; expected %d (tick, init, failsafe as u32)", len(p), EntrySize)
		}
		r.f.Entry = Entries{
			Tick:     binary.LittleEndian.Uint32(p[0:]),
			Init:     binary.LittleEndian.Uint32(p[4:]),
			Failsafe: binary.LittleEndian.Uint32(p[8:]),
		}
	case SecData:
		return r.data(off, p)
	case SecMeta:
		return r.meta(off, p)
	case SecDebug:
		return r.debug(off, p)
	default:
		if id&OptionalBit == 0 {
			return errf(ErrMalformed, id.String(), off-SectionHeaderSize, "unknown required section %s; it was written by a newer toolchain and this reader cannot safely ignore it", id)
		}
		// Unknown optional section: skipped by design.
	}
	return nil
}

func (r *reader) data(off int, p []byte) error {
	if len(p) == 0 {
		return errf(ErrMalformed, "data", off-4, "data section is empty; omit the section when there is no data")
	}
	for k, at := 0, 0; at < len(p); k++ {
		if len(p)-at < 8 {
			return errf(ErrTruncated, "data", off+at, "segment %d: %d bytes left where an 8-byte [addr u32][len u32] header was expected", k, len(p)-at)
		}
		s := Segment{Addr: binary.LittleEndian.Uint32(p[at:])}
		n := uint64(binary.LittleEndian.Uint32(p[at+4:]))
		if n > uint64(len(p)-at-8) {
			return errf(ErrTruncated, "data", off+at+4, "segment %d: length %d overruns the section: only %d bytes follow", k, n, len(p)-at-8)
		}
		s.Bytes = bytes.Clone(p[at+8 : at+8+int(n)])
		if msg := segmentProblem(k, s, r.f.Data); msg != "" {
			return errf(ErrMalformed, "data", off+at, "%s", msg)
		}
		r.f.Data = append(r.f.Data, s)
		at += 8 + int(n)
	}
	return nil
}

func (r *reader) meta(off int, p []byte) error {
	if len(p) == 0 {
		return errf(ErrMalformed, "meta", off-4, "meta section is empty; omit the section when there are no records")
	}
	for k, at := 0, 0; at < len(p); k++ {
		if len(p)-at < 3 {
			return errf(ErrTruncated, "meta", off+at, "record %d: %d bytes left where a 3-byte [tag u8][len u16] header was expected", k, len(p)-at)
		}
		t := Tag(p[at])
		n := int(binary.LittleEndian.Uint16(p[at+1:]))
		if msg := recordProblem(k, t, n); msg != "" {
			return errf(ErrMalformed, "meta", off+at, "%s", msg)
		}
		if n > len(p)-at-3 {
			return errf(ErrTruncated, "meta", off+at+1, "record %d (%s): length %d overruns the section: only %d bytes follow", k, t, n, len(p)-at-3)
		}
		r.f.Meta = append(r.f.Meta, Record{Tag: t, Value: bytes.Clone(p[at+3 : at+3+n])})
		at += 3 + n
	}
	return nil
}

func (r *reader) debug(off int, p []byte) error {
	if len(p) < 8 {
		return errf(ErrTruncated, "debug", off, "debug section is %d bytes; expected at least 8 ([lines u32][files u32])", len(p))
	}
	nl := uint64(binary.LittleEndian.Uint32(p[0:]))
	nf := uint64(binary.LittleEndian.Uint32(p[4:]))
	if nl == 0 {
		return errf(ErrMalformed, "debug", off, "debug section has no line records; omit the section instead")
	}
	if nl*LineSize > uint64(len(p)-8) {
		return errf(ErrTruncated, "debug", off, "%d line records need %d bytes but only %d follow", nl, nl*LineSize, len(p)-8)
	}
	// Each file name takes at least its 2-byte length, which bounds nf
	// before anything is allocated from it.
	strs := p[8+nl*LineSize:]
	if nf*2 > uint64(len(strs)) {
		return errf(ErrTruncated, "debug", off+4, "%d file names need at least %d bytes but only %d follow the line records", nf, nf*2, len(strs))
	}
	names := make([]string, nf)
	at := 0
	for k := range names {
		if len(strs)-at < 2 {
			return errf(ErrTruncated, "debug", off+8+int(nl)*LineSize+at, "file name %d: length missing", k)
		}
		n := int(binary.LittleEndian.Uint16(strs[at:]))
		if n > len(strs)-at-2 {
			return errf(ErrTruncated, "debug", off+8+int(nl)*LineSize+at, "file name %d: length %d overruns the section: only %d bytes follow", k, n, len(strs)-at-2)
		}
		names[k] = string(strs[at+2 : at+2+n])
		at += 2 + n
	}
	if at != len(strs) {
		return errf(ErrMalformed, "debug", off+8+int(nl)*LineSize+at, "%d unexpected bytes after the %d file names", len(strs)-at, nf)
	}
	lines := make([]LineInfo, nl)
	for k := range lines {
		q := p[8+k*LineSize:]
		fi := binary.LittleEndian.Uint32(q[4:])
		if uint64(fi) >= nf {
			return errf(ErrMalformed, "debug", off+8+k*LineSize+4, "line record %d names file %d; there are %d file names", k, fi, nf)
		}
		lines[k] = LineInfo{PC: binary.LittleEndian.Uint32(q), File: names[fi], Line: binary.LittleEndian.Uint32(q[8:]), Col: binary.LittleEndian.Uint32(q[12:])}
	}
	r.f.Debug = lines
	return nil
}
