package disasm

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// randomInsn returns an instruction: mostly a valid one with every field
// in the range its role allows, sometimes 8 random bytes.
func randomInsn(r *rand.Rand, codeLen int) isa.Instruction {
	if r.IntN(5) == 0 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], r.Uint64())
		return isa.Decode(b[:])
	}
	all := isa.All()
	info := all[r.IntN(len(all))]
	in := isa.Instruction{Op: info.Op}
	field := func(role isa.Role) uint8 {
		switch role {
		case isa.RegRead, isa.RegWrite:
			return uint8(r.IntN(isa.NumGPRegs))
		case isa.IOChannel:
			return uint8(isa.FirstIOChannel + r.IntN(16))
		case isa.Channel, isa.HookArg:
			return uint8(r.IntN(256))
		}
		return 0
	}
	in.Rd, in.Rs1, in.Rs2 = field(info.Rd), field(info.Rs1), field(info.Rs2)
	switch info.Imm {
	case isa.Imm, isa.HookArg:
		in.Imm = randomImm(r)
	case isa.Target:
		// Mostly instruction boundaries (including the end of the code),
		// sometimes anything.
		in.Imm = int32(8 * r.IntN(codeLen/8+1))
		if r.IntN(4) == 0 {
			in.Imm = randomImm(r)
		}
	case isa.Mode:
		switch info.Op {
		case isa.CMP:
			in.Imm = int32(r.IntN(int(isa.CondGEU) + 1))
		case isa.SHR:
			in.Imm = int32(r.IntN(2))
		default:
			in.Imm = int32(r.IntN(isa.MaxShiftK + 1))
		}
	}
	if rd, _, _, _, _ := in.Roles(); rd == isa.Unused {
		in.Rd = 0 // CMP without a condition
	}
	return in
}

func randomImm(r *rand.Rand) int32 {
	switch r.IntN(4) {
	case 0:
		return int32(r.IntN(64))
	case 1:
		return -int32(r.IntN(64))
	}
	return int32(r.Uint32())
}

func randomData(r *rand.Rand) []nxb.Segment {
	var out []nxb.Segment
	addr := uint32(r.IntN(64))
	for range r.IntN(5) {
		n := 1 + r.IntN(20)
		if int(addr)+n > isa.MemSize {
			break
		}
		b := make([]byte, n)
		for k := range b {
			b[k] = byte(r.IntN(256))
		}
		out = append(out, nxb.Segment{Addr: addr, Bytes: b})
		addr += uint32(n + 1 + r.IntN(3000))
	}
	return out
}

var words = []string{"\r", "\x00", "\x1b[0m", "\u2028", "hold", "heading", "rudder", "±30°", "say \"hi\"", `back\slash`, "tab\there", "line\nbreak", "ünï", "", " ", ";", "#"}

func randomMeta(r *rand.Rand) []nxb.Record {
	var out []nxb.Record
	for range r.IntN(6) {
		tag := nxb.Tag(1 + r.IntN(255))
		if r.IntN(2) == 0 {
			tag = nxb.Tag(1 + r.IntN(int(nxb.TagTrustMult)))
		}
		var v []byte
		switch r.IntN(4) {
		case 0:
			v = binary.LittleEndian.AppendUint32(nil, r.Uint32())
		case 1:
			// Arbitrary bytes: control characters, invalid UTF-8.
			v = make([]byte, r.IntN(12))
			for k := range v {
				v[k] = byte(r.Uint32())
			}
		default:
			var parts []string
			for range r.IntN(4) {
				parts = append(parts, words[r.IntN(len(words))])
			}
			v = []byte(strings.Join(parts, " "))
		}
		out = append(out, nxb.Record{Tag: tag, Value: v})
	}
	return out
}

func randomFile(r *rand.Rand) *nxb.File {
	n := r.IntN(40)
	insns := make([]isa.Instruction, n)
	for k := range insns {
		insns[k] = randomInsn(r, 8*n)
	}
	f := nxb.Raw(isa.EncodeAll(insns))
	entry := func() uint32 {
		if n == 0 || r.IntN(2) == 0 {
			return nxb.NoEntry
		}
		return uint32(8 * r.IntN(n))
	}
	if n > 0 {
		f.Entry.Tick = uint32(8 * r.IntN(n))
	}
	f.Entry.Init, f.Entry.Failsafe = entry(), entry()
	f.Data = randomData(r)
	f.Meta = randomMeta(r)
	return f
}

// TestReassembleRandom is the law asm.Assemble(Text(f)) = f for code,
// data, entries and metadata, on random programs.
func TestReassembleRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for k := range 3000 {
		f := randomFile(r)
		if err := f.Check(0); err != nil {
			t.Fatalf("generator made an invalid file: %v", err)
		}
		o := Options{Addresses: k%2 == 0, Raw: k%7 == 0}
		assertReassembles(t, f, o)
	}
}

// FuzzDisasm: any bytes, as a bare instruction stream, print without
// panicking and reassemble to the same code.
func FuzzDisasm(f *testing.F) {
	f.Add([]byte{0x16, 0x00, 0x10, 0x00, 0, 0, 0, 0, 0x18, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{0x0f, 0, 0, 0, 8, 0, 0, 0, 0x12, 0, 0, 0, 0x10, 0, 0, 0})
	f.Add([]byte{0x0e, 1, 2, 3, 0, 0, 0, 0, 0x0d, 1, 2, 3, 2, 0, 0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		// Small inputs reach every branch; big ones only slow the fuzzer.
		if len(b) > 4096 {
			b = b[:4096]
		}
		n := len(b)
		// The full input, trailing bytes and all, must print; the whole
		// instructions must round-trip.
		_ = Text(nxb.Raw(b), Options{Addresses: true})
		code := b[:n&^(isa.InsnSize-1)]
		for _, o := range []Options{{Raw: true}, {Addresses: true}} {
			assertReassembles(t, nxb.Raw(code), o)
		}
	})
}
