package nxb

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Kind says how a metadata value is meant to be read. The container stores
// values as opaque bytes and never enforces a kind: kinds only guide tools
// that show values to people and constructors that build them. Encodings
// follow the seed's AAB codec: text is UTF-8, numbers are 4 bytes LE.
type Kind uint8

const (
	KindBytes   Kind = iota // opaque bytes
	KindString              // UTF-8 text
	KindFloat32             // IEEE-754 binary32, little-endian
	KindInt32               // two's complement int32, little-endian
)

// tagKinds lists the tags whose values are numbers; every other known tag
// holds text. Trust requirements and multipliers are fractions (0..1 and
// around 1.0) in the seed's trust model; a performance hint is a cycle count.
var tagKinds = map[Tag]Kind{
	TagTrust:     KindFloat32,
	TagTrustMult: KindFloat32,
	TagPerfHint:  KindInt32,
}

// Kind is the kind of value t's records hold: KindBytes for unknown tags.
func (t Tag) Kind() Kind {
	if k, ok := tagKinds[t]; ok {
		return k
	}
	if _, ok := tagNames[t]; ok {
		return KindString
	}
	return KindBytes
}

// StringRecord builds a text record.
func StringRecord(t Tag, s string) Record { return Record{Tag: t, Value: []byte(s)} }

// Float32Record builds a float record (4 bytes LE).
func Float32Record(t Tag, v float32) Record {
	return Record{Tag: t, Value: binary.LittleEndian.AppendUint32(nil, math.Float32bits(v))}
}

// Int32Record builds an integer record (4 bytes LE).
func Int32Record(t Tag, v int32) Record {
	return Record{Tag: t, Value: binary.LittleEndian.AppendUint32(nil, uint32(v))}
}

// Float32 returns the value as a float32 if it is exactly 4 bytes.
func (r Record) Float32() (float32, bool) {
	if len(r.Value) != 4 {
		return 0, false
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(r.Value)), true
}

// Int32 returns the value as an int32 if it is exactly 4 bytes.
func (r Record) Int32() (int32, bool) {
	if len(r.Value) != 4 {
		return 0, false
	}
	return int32(binary.LittleEndian.Uint32(r.Value)), true
}

// Text returns the value as a string if it is valid UTF-8 whose every rune
// is printable or a space, newline or tab — text a person can read as is.
func (r Record) Text() (string, bool) {
	if !utf8.Valid(r.Value) {
		return "", false
	}
	s := string(r.Value)
	for _, c := range s {
		if !unicode.IsPrint(c) && c != '\n' && c != '\t' {
			return "", false
		}
	}
	return s, true
}

// Format renders the value for people according to its tag's kind: text
// quoted Go-style, numbers in decimal, anything that does not fit its kind
// (wrong length, invalid UTF-8) as hex bytes.
func (r Record) Format() string {
	switch r.Tag.Kind() {
	case KindFloat32:
		if v, ok := r.Float32(); ok {
			return strconv.FormatFloat(float64(v), 'g', -1, 32)
		}
	case KindInt32:
		if v, ok := r.Int32(); ok {
			return strconv.Itoa(int(v))
		}
	}
	if s, ok := r.Text(); ok && (r.Tag.Kind() != KindBytes || len(s) > 0) {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("[% x]", r.Value)
}

// String renders the record as "name: value".
func (r Record) String() string { return r.Tag.String() + ": " + r.Format() }
