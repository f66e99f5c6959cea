package validator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Rule 6: the capability manifest. The program's uses of IO channels, SEND
// channels and A2A opcodes are inferred from its reachable instructions and
// checked against the container's capability records; safety records give
// channels a safe value range that the value analysis (values.go) proves.
//
// Record values are text (spec/validator.md, "Manifest records"):
//
//	capability: read CH...   write CH...   send N...   a2a MNEMONIC...
//	safety:     range CH LO HI
//
// CH is 16..31 (optionally written R16..R31), N is 0..255, LO and HI are
// inclusive signed 32-bit bounds. Words are separated by spaces; verbs and
// mnemonics are case-insensitive.

type manifestDecl struct {
	declared bool // at least one well-formed capability record
	reads    [isa.LastIOChannel + 1]bool
	writes   [isa.LastIOChannel + 1]bool
	sends    [256]bool
	a2a      [256]bool
}

// rangeDecl is a declared safe range for a channel.
type rangeDecl struct {
	lo, hi int32
	rec    int // record index, for messages
}

// parseMeta reads the capability and safety records.
func (v *validator) parseMeta() {
	for k, r := range v.f.Meta {
		if r.Tag != nxb.TagCapability && r.Tag != nxb.TagSafety {
			continue
		}
		text, ok := r.Text()
		if !ok {
			v.whole(v.strictSev(), CodeManifestSyntax, "manifest records are text",
				"%s record %d is not text: %s", r.Tag, k, r.Format())
			continue
		}
		words := strings.Fields(text)
		if len(words) == 0 {
			v.whole(v.strictSev(), CodeManifestSyntax, manifestHint(r.Tag), "%s record %d is empty", r.Tag, k)
			continue
		}
		verb := strings.ToLower(words[0])
		var err error
		switch {
		case r.Tag == nxb.TagCapability && (verb == "read" || verb == "write" || verb == "send" || verb == "a2a"):
			err = v.capability(verb, words[1:])
		case r.Tag == nxb.TagSafety && verb == "range":
			err = v.safety(words[1:], k)
		default:
			v.whole(diag.Warning, CodeManifestVerb, manifestHint(r.Tag),
				"%s record %d %q is not understood by the validator; it is ignored", r.Tag, k, text)
			continue
		}
		if err != nil {
			v.whole(v.strictSev(), CodeManifestSyntax, manifestHint(r.Tag), "%s record %d %q: %v", r.Tag, k, text, err)
		}
	}
}

func manifestHint(t nxb.Tag) string {
	if t == nxb.TagSafety {
		return `a safety record reads "range CH LO HI", e.g. .meta safety "range 17 -100 100"`
	}
	return `a capability record reads "read CH...", "write CH...", "send N..." or "a2a MNEMONIC...", e.g. .meta capability "write 17"`
}

func parseChannel(s string) (uint8, error) {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "R"), "r")
	n, err := strconv.ParseUint(t, 10, 8)
	if err != nil || n < isa.FirstIOChannel || n > isa.LastIOChannel {
		return 0, fmt.Errorf("IO channel %q is not 16..31", s)
	}
	return uint8(n), nil
}

func (v *validator) capability(verb string, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s needs at least one operand", verb)
	}
	d := v.man // applied only when the whole record parses
	for _, a := range args {
		switch verb {
		case "read", "write":
			ch, err := parseChannel(a)
			if err != nil {
				return err
			}
			if verb == "read" {
				d.reads[ch] = true
			} else {
				d.writes[ch] = true
			}
		case "send":
			n, err := strconv.ParseUint(a, 10, 8)
			if err != nil {
				return fmt.Errorf("SEND channel %q is not 0..255", a)
			}
			d.sends[n] = true
		case "a2a":
			info := isa.ByName(strings.ToUpper(a))
			if info == nil || !info.A2A {
				hint := ""
				if s, ok := diag.Suggest(a, a2aNames()); ok {
					hint = fmt.Sprintf(" (did you mean %s?)", s)
				}
				return fmt.Errorf("%q is not an A2A mnemonic%s", a, hint)
			}
			d.a2a[info.Op] = true
		}
	}
	d.declared = true
	v.man = d
	return nil
}

func a2aNames() []string {
	var out []string
	for _, in := range isa.All() {
		if in.A2A {
			out = append(out, in.Name)
		}
	}
	return out
}

func (v *validator) safety(args []string, rec int) error {
	if len(args) != 3 {
		return fmt.Errorf("range needs a channel and two bounds, found %d operands", len(args))
	}
	ch, err := parseChannel(args[0])
	if err != nil {
		return err
	}
	var b [2]int32
	for i, a := range args[1:] {
		n, err := strconv.ParseInt(a, 0, 32)
		if err != nil {
			return fmt.Errorf("bound %q is not a signed 32-bit integer", a)
		}
		b[i] = int32(n)
	}
	if b[0] > b[1] {
		return fmt.Errorf("lower bound %d is above upper bound %d", b[0], b[1])
	}
	if v.ranges == nil {
		v.ranges = map[uint8][]rangeDecl{}
	}
	v.ranges[ch] = append(v.ranges[ch], rangeDecl{lo: b[0], hi: b[1], rec: rec})
	return nil
}

// uses visits the manifest-relevant instructions the program can execute
// (every instruction when control flow was not analysed).
func (v *validator) uses(visit func(k int, in isa.Instruction)) {
	for k, in := range v.code {
		if v.owner != nil && v.owner[k] < 0 {
			continue
		}
		switch info := isa.Lookup(in.Op); {
		case info == nil:
		case in.Op == isa.READ_IO, in.Op == isa.WRITE_IO, in.Op == isa.SEND, info.A2A:
			visit(k, in)
		}
	}
}

// checkUses rejects uses the declared capabilities do not cover.
func (v *validator) checkUses() {
	if !v.man.declared {
		return
	}
	v.uses(func(k int, in isa.Instruction) {
		var what, line string
		switch {
		case in.Op == isa.READ_IO && !v.man.reads[in.Rs1&31]:
			what, line = fmt.Sprintf("reads IO channel %d", in.Rs1), fmt.Sprintf("read %d", in.Rs1)
		case in.Op == isa.WRITE_IO && !v.man.writes[in.Rd&31]:
			what, line = fmt.Sprintf("writes IO channel %d", in.Rd), fmt.Sprintf("write %d", in.Rd)
		case in.Op == isa.SEND && !v.man.sends[in.Rd]:
			what, line = fmt.Sprintf("sends on channel %d", in.Rd), fmt.Sprintf("send %d", in.Rd)
		case isa.Lookup(in.Op).A2A && !v.man.a2a[in.Op]:
			what, line = fmt.Sprintf("uses A2A opcode %s", in.Op), fmt.Sprintf("a2a %s", in.Op)
		default:
			return
		}
		v.at(k, diag.Error, CodeUndeclared, fmt.Sprintf("declare it: .meta capability %q", line),
			"%s %s, which the capability manifest does not declare", v.insnName(k), what)
	})
}

// inferred is the manifest the program was found to use.
func (v *validator) inferred() Manifest {
	var reads, writes [isa.LastIOChannel + 1]bool
	var sends, a2a [256]bool
	v.uses(func(k int, in isa.Instruction) {
		switch {
		case in.Op == isa.READ_IO:
			reads[in.Rs1&31] = true
		case in.Op == isa.WRITE_IO:
			writes[in.Rd&31] = true
		case in.Op == isa.SEND:
			sends[in.Rd] = true
		default:
			a2a[in.Op] = true
		}
	})
	m := Manifest{Reads: Channels{}, Writes: Channels{}, Sends: Channels{}, A2A: []string{}, WriteRanges: map[uint8]string{}}
	for ch := range reads {
		if reads[ch] {
			m.Reads = append(m.Reads, uint8(ch))
		}
		if writes[ch] {
			m.Writes = append(m.Writes, uint8(ch))
			if v.analysed && v.wroteTo[ch] {
				m.WriteRanges[uint8(ch)] = v.written[ch].String()
			}
		}
	}
	for n := range sends {
		if sends[n] {
			m.Sends = append(m.Sends, uint8(n))
		}
		if a2a[n] {
			m.A2A = append(m.A2A, isa.Opcode(n).String())
		}
	}
	return m
}
