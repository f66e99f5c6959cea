// Package nxb is the .nxb program container: the code, the data-memory
// initialiser, the entry points, optional AAB metadata (TLV records) and
// optional debug info, protected by a SHA-256 of code and data. spec/nxb.md
// is the normative byte layout.
//
// A File in memory is the decoded form. Read decodes and checks a container
// (never panicking on malformed input); Marshal encodes one; Raw wraps a
// bare instruction stream; Strip drops metadata and debug info for
// deployment to a microcontroller, leaving code, data and entries — and so
// the hash — unchanged.
package nxb

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/nexusfleet/nexus/vm/isa"
)

// NoEntry marks an absent optional entry point.
const NoEntry = ^uint32(0)

// Segment is a run of bytes copied into data memory at Addr when a program
// is loaded; the rest of data memory starts zeroed.
type Segment struct {
	Addr  uint32
	Bytes []byte
}

// Entries are byte addresses into the code. Tick is required; Init and
// Failsafe are NoEntry when absent.
type Entries struct {
	Tick     uint32
	Init     uint32
	Failsafe uint32
}

// Tag is an AAB metadata record tag. Values follow the seed's AAB codec.
type Tag uint8

const (
	TagEnd          Tag = 0x00 // terminates a record list in the seed's format; never stored
	TagTypeDesc     Tag = 0x01
	TagCapability   Tag = 0x02 // capability requirement
	TagSafety       Tag = 0x03 // safety constraint
	TagTrust        Tag = 0x04 // trust requirement
	TagNarrative    Tag = 0x05
	TagAgentSource  Tag = 0x06
	TagIntent       Tag = 0x07
	TagPrecondition Tag = 0x08
	TagPostcond     Tag = 0x09
	TagPerfHint     Tag = 0x0A
	TagDomain       Tag = 0x0B
	TagVesselCap    Tag = 0x0C
	TagTrustMult    Tag = 0x0D
)

var tagNames = map[Tag]string{
	TagTypeDesc: "type", TagCapability: "capability", TagSafety: "safety", TagTrust: "trust",
	TagNarrative: "narrative", TagAgentSource: "agent", TagIntent: "intent",
	TagPrecondition: "precondition", TagPostcond: "postcondition", TagPerfHint: "performance",
	TagDomain: "domain", TagVesselCap: "vessel", TagTrustMult: "trust_multiplier",
}

func (t Tag) String() string {
	if n, ok := tagNames[t]; ok {
		return n
	}
	return fmt.Sprintf("tag_0x%02x", uint8(t))
}

// TagByName returns the tag for a lower-case name as printed by String,
// including the "tag_0xNN" form String uses for tags without a name.
func TagByName(s string) (Tag, bool) {
	for t, n := range tagNames {
		if n == s {
			return t, true
		}
	}
	var v uint8
	if len(s) == len("tag_0x00") && s[:6] == "tag_0x" {
		if _, err := fmt.Sscanf(s[6:], "%02x", &v); err == nil && fmt.Sprintf("tag_0x%02x", v) == s {
			return Tag(v), true
		}
	}
	return 0, false
}

// Record is one AAB metadata TLV record; Value is at most 65535 bytes.
type Record struct {
	Tag   Tag
	Value []byte
}

// LineInfo maps the instruction at byte address PC to a source position.
type LineInfo struct {
	PC   uint32
	File string
	Line uint32
	Col  uint32
}

// File is a decoded program container.
type File struct {
	Code  []byte
	Data  []Segment
	Entry Entries
	Meta  []Record
	Debug []LineInfo
}

// Raw wraps a bare instruction stream: tick entry at 0, no init or failsafe,
// no data, metadata or debug info.
func Raw(code []byte) *File {
	return &File{Code: code, Entry: Entries{Tick: 0, Init: NoEntry, Failsafe: NoEntry}}
}

// Strip returns a copy without metadata and debug info: what is deployed to
// a microcontroller. Code, data, entries and Hash are unchanged.
func (f *File) Strip() *File {
	g := *f
	g.Meta, g.Debug = nil, nil
	return &g
}

// Hash is the SHA-256 of the code followed by each data segment as
// [addr u32 LE][len u32 LE][bytes], in order.
func (f *File) Hash() [32]byte {
	h := sha256.New()
	h.Write(f.Code)
	var hdr [8]byte
	for _, s := range f.Data {
		binary.LittleEndian.PutUint32(hdr[0:], s.Addr)
		binary.LittleEndian.PutUint32(hdr[4:], uint32(len(s.Bytes)))
		h.Write(hdr[:])
		h.Write(s.Bytes)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Check reports the first structural problem that makes f unloadable: code
// length not a multiple of 8, empty or larger than isa.MaxCodeSize; a data
// segment outside memSize bytes of data memory; an entry point that is
// misaligned or outside the code. memSize 0 means isa.MemSize.
func (f *File) Check(memSize int) error {
	if memSize == 0 {
		memSize = isa.MemSize
	}
	n := len(f.Code)
	switch {
	case n%isa.InsnSize != 0:
		return fmt.Errorf("code length %d is not a multiple of %d bytes", n, isa.InsnSize)
	case n > isa.MaxCodeSize:
		return fmt.Errorf("code is %d bytes; the limit is %d", n, isa.MaxCodeSize)
	}
	for k, s := range f.Data {
		if uint64(s.Addr)+uint64(len(s.Bytes)) > uint64(memSize) {
			return fmt.Errorf("data segment %d (%d bytes at %#x) does not fit in %d bytes of data memory", k, len(s.Bytes), s.Addr, memSize)
		}
	}
	check := func(name string, e uint32, optional bool) error {
		if optional && e == NoEntry {
			return nil
		}
		if e%isa.InsnSize != 0 || uint64(e) >= uint64(n) && !(n == 0 && e == 0) {
			return fmt.Errorf("%s entry %#x is not the address of an instruction in %d bytes of code", name, e, n)
		}
		return nil
	}
	if err := check("tick", f.Entry.Tick, false); err != nil {
		return err
	}
	if err := check("init", f.Entry.Init, true); err != nil {
		return err
	}
	return check("failsafe", f.Entry.Failsafe, true)
}
