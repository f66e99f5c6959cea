package disasm

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nexusfleet/nexus/vm/nxb"
)

const (
	wordsPerLine = 4
	bytesPerLine = 8
)

// data prints each segment as .org and then .word lines for its whole
// words and a .byte line for any remainder. The assembler merges adjacent
// runs, which matches the container's rule that segments never touch.
func (d *disasm) data() {
	if len(d.f.Data) == 0 {
		return
	}
	d.printf("\n.data\n")
	for _, s := range d.f.Data {
		d.printf(".org 0x%04X\n", s.Addr)
		b := s.Bytes
		for at := 0; at < len(b); {
			start := at
			var vals []string
			dir := ".word"
			if len(b)-at >= 4 {
				for ; at+4 <= len(b) && len(vals) < wordsPerLine; at += 4 {
					vals = append(vals, fmt.Sprintf("0x%08X", binary.LittleEndian.Uint32(b[at:])))
				}
			} else {
				dir = ".byte"
				for ; at < len(b) && len(vals) < bytesPerLine; at++ {
					vals = append(vals, fmt.Sprintf("0x%02X", b[at]))
				}
			}
			d.dataLine(s.Addr+uint32(start), dir, vals)
		}
	}
}

func (d *disasm) dataLine(addr uint32, dir string, vals []string) {
	line := fmt.Sprintf("%s%-*s %s", indent, mnemonic, dir, strings.Join(vals, ", "))
	if d.o.Addresses {
		line = withComment(line, fmt.Sprintf("%04X", addr))
	}
	d.printf("%s\n", line)
}

// meta prints one record as `.meta NAME VALUE`. Named tags print by name,
// others by number. The value is a string when its bytes are text and an
// integer (4 bytes LE) for numeric kinds, with the human reading of a float
// in a comment, since the assembler has no float literal.
func (d *disasm) meta(r nxb.Record) {
	name := r.Tag.String()
	if strings.HasPrefix(name, "tag_") {
		name = strconv.Itoa(int(r.Tag))
	}
	val, note := metaValue(r)
	line := fmt.Sprintf(".meta %-16s %s", name, val)
	if note != "" {
		line = withComment(line, note)
	}
	d.printf("%s\n", line)
}

func metaValue(r nxb.Record) (val, note string) {
	numeric := r.Tag.Kind() == nxb.KindFloat32 || r.Tag.Kind() == nxb.KindInt32
	if v, ok := r.Int32(); ok && numeric {
		if r.Tag.Kind() == nxb.KindFloat32 {
			note = "float32 " + r.Format()
		}
		return strconv.Itoa(int(v)), note
	}
	if s, ok := r.Text(); ok {
		return quote(s), ""
	}
	if v, ok := r.Int32(); ok {
		return strconv.Itoa(int(v)), fmt.Sprintf("bytes % x", r.Value)
	}
	return quote(string(r.Value)), ""
}

// quote writes s with the assembler's escapes: \" \\ \n \t, and \xHH for
// control characters and bytes that are not UTF-8, so any value round-trips
// and the line stays printable.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && size <= 1, c < 0x20, c == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", c)
			size = 1
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
