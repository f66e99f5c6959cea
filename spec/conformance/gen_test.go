package conformance_test

// The program generator of the differential tests. It turns arbitrary bytes
// (a fuzzer's input, or a seeded random stream) into a raw program and the
// inputs of one run. Every byte string is a valid input. The programs are
// biased toward what finds differences between VMs: mostly well-formed
// instructions on a few registers so that values flow, edge values, jumps
// and calls to real instruction addresses (and sometimes just past the end,
// misaligned or far away), memory accesses near 0 and the end of memory,
// CMP followed by a branch (the Go VM fuses the pair), and a sprinkling of
// bad registers, bad modes, undefined opcodes and raw random words.

import (
	"encoding/binary"
	"fmt"

	"github.com/nexusfleet/nexus/vm/isa"
)

// byteSource reads the generator's decisions from data; past the end every
// read gives 0, so a short input is a short, simple program.
type byteSource struct {
	data  []byte
	off   int
	noisy bool // the program may have bad fields, modes and opcodes
}

func (s *byteSource) byte() byte {
	if s.off >= len(s.data) {
		return 0
	}
	b := s.data[s.off]
	s.off++
	return b
}

func (s *byteSource) u32() uint32 {
	var b [4]byte
	for k := range b {
		b[k] = s.byte()
	}
	return binary.LittleEndian.Uint32(b[:])
}

// intn returns a value in 0..n-1 (n <= 256).
func (s *byteSource) intn(n int) int { return int(s.byte()) % n }

// chance is true with probability about k/256.
func (s *byteSource) chance(k int) bool { return int(s.byte()) < k }

// edgeValues are the 32-bit values most likely to expose a difference.
var edgeValues = []uint32{
	0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 0x7F, 0x80, 0xFF, 0x100,
	0x7FFF, 0x8000, 0xFFFF, 0x10000, 65528, 65530, 65532, 65533, 65535, 65536,
	0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFC,
	0xFFFF0000, 0x18000, 0x24000, 0x40000000,
}

func (s *byteSource) value() uint32 {
	if s.chance(200) {
		return edgeValues[s.intn(len(edgeValues))]
	}
	return s.u32()
}

// reg is a register field: mostly R0..R7 so that values flow between
// instructions, sometimes R8..R15, rarely an IO register or a wild byte.
func (s *byteSource) reg() uint8 {
	switch b := s.byte(); {
	case b < 200:
		return b % 8
	case b < 252 || !s.noisy:
		return 8 + b%8
	default:
		return []uint8{16, 17, 31, 255}[b%4]
	}
}

// channel is an IO channel field: mostly 16..31, rarely out of range.
func (s *byteSource) channel() uint8 {
	if s.chance(8) && s.noisy {
		return []uint8{0, 15, 32, 255}[s.intn(4)]
	}
	return uint8(16 + s.intn(16))
}

// target is a code address for a program of n instructions: mostly an
// instruction, sometimes the end, past the end, misaligned or far away.
// stray fills the fields in does not use with random values; the VMs must
// ignore them.
func stray(s *byteSource, in isa.Instruction) isa.Instruction {
	rd, rs1, rs2, imm, ok := in.Roles()
	if !ok {
		return in
	}
	if rd == isa.Unused {
		in.Rd = s.byte()
	}
	if rs1 == isa.Unused {
		in.Rs1 = s.byte()
	}
	if rs2 == isa.Unused {
		in.Rs2 = s.byte()
	}
	if imm == isa.Unused {
		in.Imm = int32(s.u32())
	}
	return in
}

func (s *byteSource) target(n int) int32 {
	switch b := s.byte(); {
	case b < 200:
		return int32(8 * s.intn(n))
	case b < 215:
		return int32(8 * n)
	case b < 230:
		return int32(8*s.intn(n) + 1 + s.intn(7))
	case b < 240:
		return int32(8 * (n + 1 + s.intn(16)))
	default:
		return int32(s.value())
	}
}

// mode is a MUL/DIV shift, SHR mode or CMP condition: mostly valid, rarely
// just outside the valid range or wild.
func (s *byteSource) mode(valid int) int32 {
	switch b := s.byte(); {
	case b < 110:
		return 0
	case b < 245 || !s.noisy:
		return int32(s.intn(valid))
	case b < 250:
		return int32(valid)
	default:
		return int32(s.value())
	}
}

// memImm is an offset for LOAD_REG/STORE_REG/ALLOC/DMA_COPY.
func (s *byteSource) memImm() int32 {
	switch b := s.byte(); {
	case b < 100:
		return int32(4 * s.intn(16))
	case b < 130:
		return int32(s.intn(16))
	default:
		return int32(s.value())
	}
}

var (
	aluOps  = []isa.Opcode{isa.ADD, isa.SUB, isa.AND, isa.OR, isa.XOR, isa.SHL}
	a2aOps  = a2aOpcodes()
	jumpOps = []isa.Opcode{isa.JMP, isa.JZ, isa.JNZ}
)

func a2aOpcodes() []isa.Opcode {
	var ops []isa.Opcode
	for _, in := range isa.All() {
		if in.A2A {
			ops = append(ops, in.Op)
		}
	}
	return ops
}

// generate turns data into a raw program and its inputs. The first byte
// chooses raw mode (1 in 8: the rest of data is the code, whatever it
// holds) or structured mode.
func generate(data []byte) ([]byte, inputs) {
	s := &byteSource{data: data}
	first := s.byte()
	raw := first%8 == 0
	s.noisy = first >= 160
	in := genInputs(s)
	if raw {
		rest := s.data[min(s.off, len(s.data)):]
		n := min(len(rest)/isa.InsnSize, 64)
		return append([]byte(nil), rest[:n*isa.InsnSize]...), in
	}
	n := 1 + s.intn(48)
	var code []byte
	for len(code) < n*isa.InsnSize {
		for _, in := range genInsn(s, n) {
			code = in.Append(code)
		}
	}
	return code[:n*isa.InsnSize], in
}

// genInputs chooses the run's options: IO values, received values, budget
// and ticks.
func genInputs(s *byteSource) inputs {
	var in inputs
	for range s.intn(4) {
		ch := uint8(16 + s.intn(16))
		v := s.value()
		in.io = append(in.io, ioValue{ch: ch, v: v, text: ioText(ch, v, s.byte())})
	}
	for range s.intn(6) {
		in.recv = append(in.recv, s.value())
	}
	switch b := s.byte(); {
	case b < 80:
		in.budget = uint64(1 + s.intn(64))
	case b < 240:
		in.budget = uint64(100 + 20*int(s.byte()))
	default: // the default budget, option not passed
	}
	if s.chance(90) {
		in.ticks = 1 + s.intn(4)
	}
	return in
}

// ioText writes an IO value the way a user might: decimal, negative or hex,
// so that the runner's number parsing is compared too.
func ioText(ch uint8, v uint32, style byte) string {
	switch style % 3 {
	case 1:
		return fmt.Sprintf("%d=%d", ch, int32(v))
	case 2:
		return fmt.Sprintf("%d=%#x", ch, v)
	}
	return fmt.Sprintf("%d=%d", ch, v)
}

// genInsn returns one instruction, or a short idiom of several.
func genInsn(s *byteSource, n int) []isa.Instruction {
	I := func(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) isa.Instruction {
		return isa.Instruction{Op: op, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm}
	}
	switch k := s.intn(32); {
	case k < 5:
		return []isa.Instruction{I(isa.LOAD_CONST, s.reg(), 0, 0, int32(s.value()))}
	case k < 9:
		return []isa.Instruction{I(aluOps[s.intn(len(aluOps))], s.reg(), s.reg(), s.reg(), 0)}
	case k < 11:
		op := isa.MUL
		if s.chance(128) {
			op = isa.DIV
		}
		return []isa.Instruction{I(op, s.reg(), s.reg(), s.reg(), s.mode(32))}
	case k < 12:
		return []isa.Instruction{I(isa.SHR, s.reg(), s.reg(), s.reg(), s.mode(2))}
	case k < 13:
		return []isa.Instruction{I(isa.NOT, s.reg(), s.reg(), 0, 0)}
	case k < 16: // CMP, usually followed by a branch (a fused pair in the Go VM)
		out := []isa.Instruction{I(isa.CMP, s.reg(), s.reg(), s.reg(), s.mode(11))}
		if s.chance(180) {
			out = append(out, I(jumpOps[1+s.intn(2)], 0, 0, 0, s.target(n)))
		}
		return out
	case k < 18:
		return []isa.Instruction{I(jumpOps[s.intn(3)], 0, 0, 0, s.target(n))}
	case k < 19:
		return []isa.Instruction{I(isa.CALL, 0, 0, 0, s.target(n))}
	case k < 20: // RET, or a PUSH so that POP and RET find something
		if s.chance(100) {
			return []isa.Instruction{I(isa.RET, 0, 0, 0, 0)}
		}
		return []isa.Instruction{I(isa.PUSH, s.reg(), 0, 0, 0)}
	case k < 21:
		if s.chance(128) {
			return []isa.Instruction{I(isa.PUSH, s.reg(), 0, 0, 0)}
		}
		return []isa.Instruction{I(isa.POP, s.reg(), 0, 0, 0)}
	case k < 24:
		op := isa.LOAD_REG
		if s.chance(128) {
			op = isa.STORE_REG
		}
		return []isa.Instruction{I(op, s.reg(), s.reg(), 0, s.memImm())}
	case k < 25:
		if s.chance(128) {
			return []isa.Instruction{I(isa.READ_IO, s.reg(), s.channel(), 0, 0)}
		}
		return []isa.Instruction{I(isa.WRITE_IO, s.channel(), s.reg(), 0, 0)}
	case k < 26:
		if s.chance(128) {
			return []isa.Instruction{I(isa.SEND, s.byte(), s.reg(), 0, 0)}
		}
		return []isa.Instruction{I(isa.RECV, s.reg(), 0, 0, 0)}
	case k < 27:
		switch s.intn(3) {
		case 0:
			return []isa.Instruction{I(isa.ALLOC, s.reg(), s.reg(), 0, s.memImm())}
		case 1:
			return []isa.Instruction{I(isa.FREE, s.reg(), 0, 0, 0)}
		}
		return []isa.Instruction{I(isa.DMA_COPY, s.reg(), s.reg(), 0, s.memImm())}
	case k < 28:
		ops := []isa.Opcode{isa.INTERRUPT, isa.SLEEP, isa.NOP, isa.HALT}
		return []isa.Instruction{I(ops[s.intn(len(ops))], 0, 0, 0, int32(s.value()))}
	case k < 29:
		return []isa.Instruction{I(a2aOps[s.intn(len(a2aOps))], s.byte(), s.byte(), s.byte(), int32(s.value()))}
	case k < 31: // a non-canonical instruction: stray values in unused fields
		ins := genInsn(s, n)
		for i := range ins {
			ins[i] = stray(s, ins[i])
		}
		return ins
	case s.noisy: // a raw word: usually an undefined opcode
		return []isa.Instruction{I(isa.Opcode(s.byte()), s.byte(), s.byte(), s.byte(), int32(s.u32()))}
	default:
		return []isa.Instruction{I(isa.NOP, 0, 0, 0, 0)}
	}
}
