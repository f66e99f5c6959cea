package vm

import (
	"encoding/binary"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Benchmark programs. Each is one tick that loops until a counter runs out
// and then HALTs; bench/README.md describes them and records the figures.

const benchIters = 10000

// benchALU: a register-only loop of ten instructions (add, xor, shift,
// multiply, subtract, and, or, counter decrement, CMP+JNZ) over eight
// registers, shaped like compiled arithmetic: each result is used a few
// instructions later rather than by the very next one.
func benchALU() *nxb.File {
	return nxb.Raw(code(
		lc(1, benchIters), // 0: counter
		lc(2, 1),          // 8
		lc(3, 7),          // 16
		// loop, 24
		I(isa.ADD, 3, 3, 1, 0),
		I(isa.XOR, 4, 4, 1, 0),
		I(isa.SHL, 5, 1, 2, 0),
		I(isa.MUL, 6, 1, 3, 0),
		I(isa.SUB, 7, 7, 5, 0),
		I(isa.AND, 8, 6, 4, 0),
		I(isa.OR, 9, 9, 8, 0),
		I(isa.SUB, 1, 1, 2, 0),
		I(isa.CMP, 0, 1, 0, 0), // R0 = 0
		I(isa.JNZ, 0, 0, 0, 24),
		halt,
	))
}

// benchChain: the same ten instructions as one serial dependency chain,
// every instruction using the previous result. It measures latency (a
// register write, which is a store, forwarded to the next instruction's
// load) more than dispatch.
func benchChain() *nxb.File {
	return nxb.Raw(code(
		lc(1, benchIters), // 0: counter
		lc(2, 1),          // 8
		lc(3, 7),          // 16: accumulator
		// loop, 24
		I(isa.ADD, 3, 3, 1, 0),
		I(isa.XOR, 4, 3, 2, 0),
		I(isa.SHL, 5, 4, 2, 0),
		I(isa.MUL, 4, 4, 5, 0),
		I(isa.SUB, 3, 3, 4, 0),
		I(isa.AND, 5, 5, 3, 0),
		I(isa.OR, 3, 3, 5, 0),
		I(isa.SUB, 1, 1, 2, 0),
		I(isa.CMP, 0, 1, 0, 0), // R0 = 0
		I(isa.JNZ, 0, 0, 0, 24),
		halt,
	))
}

// benchMemory: walks a 1024-word array, loading each word, accumulating a
// running sum and storing it into a second array (a prefix sum), eight
// instructions per element, with an unsigned CMP+JNZ loop test.
func benchMemory() *nxb.File {
	const words = 1024
	data := make([]byte, 4*words)
	for k := range words {
		binary.LittleEndian.PutUint32(data[4*k:], uint32(k*k))
	}
	f := nxb.Raw(code(
		lc(9, benchIters/words+1), // 0: outer counter
		lc(2, 4),                  // 8
		lc(3, 4*words),            // 16: end offset
		lc(7, 1),                  // 24
		// outer, 32
		lc(1, 0),
		// inner, 40
		I(isa.LOAD_REG, 4, 1, 0, 0),
		I(isa.ADD, 5, 5, 4, 0),
		I(isa.STORE_REG, 5, 1, 0, 4*words),
		I(isa.LOAD_REG, 6, 1, 0, 4*words),
		I(isa.XOR, 8, 8, 6, 0),
		I(isa.ADD, 1, 1, 2, 0),
		I(isa.CMP, 6, 1, 3, int32(isa.CondLTU)),
		I(isa.JNZ, 0, 0, 0, 40),
		I(isa.SUB, 9, 9, 7, 0),
		I(isa.JNZ, 0, 0, 0, 32),
		halt,
	))
	f.Data = []nxb.Segment{{Addr: 0, Bytes: data}}
	return f
}

// benchCall: each iteration saves the counter with PUSH, calls f, which
// calls g, restores it with POP and loops: 11 instructions, 4 of them
// CALL/RET, 2 PUSH/POP.
func benchCall() *nxb.File {
	return nxb.Raw(code(
		lc(1, benchIters), // 0
		lc(2, 1),          // 8
		// loop, 16
		I(isa.PUSH, 1, 0, 0, 0),
		I(isa.CALL, 0, 0, 0, 72),
		I(isa.POP, 1, 0, 0, 0),
		I(isa.SUB, 1, 1, 2, 0),
		I(isa.CMP, 0, 1, 0, 0),
		I(isa.JNZ, 0, 0, 0, 16),
		halt, // 64
		// f, 72
		I(isa.ADD, 3, 3, 1, 0),
		I(isa.CALL, 0, 0, 0, 96),
		I(isa.RET, 0, 0, 0, 0),
		// g, 96
		I(isa.XOR, 4, 4, 3, 0),
		I(isa.RET, 0, 0, 0, 0),
	))
}

var benchPrograms = []struct {
	name string
	f    func() *nxb.File
}{{"alu", benchALU}, {"memory", benchMemory}, {"call", benchCall}, {"chain", benchChain}}

// BenchmarkVM runs each program one tick per iteration and reports
// nanoseconds per executed instruction. "/naive" runs the same program on
// a plain switch interpreter (below) for comparison in the same run.
func BenchmarkVM(b *testing.B) {
	for _, p := range benchPrograms {
		b.Run(p.name, func(b *testing.B) {
			m := load(b, p.f(), Options{Budget: 1 << 40})
			b.ReportAllocs()
			var insns uint64
			for b.Loop() {
				r := m.Tick()
				if r.Stop != StopHalted {
					b.Fatalf("stop %v trap %v", r.Stop, r.Trap)
				}
				insns += r.Cycles
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(insns), "ns/insn")
			b.ReportMetric(float64(insns)/float64(b.N), "insns/op")
		})
		b.Run(p.name+"/naive", func(b *testing.B) {
			n := newNaive(p.f())
			b.ReportAllocs()
			var insns uint64
			for b.Loop() {
				insns += n.tick(1 << 40)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(insns), "ns/insn")
		})
	}
}

// TestBenchPrograms checks the benchmark programs halt and that the naive
// interpreter computes what the VM does.
func TestBenchPrograms(t *testing.T) {
	for _, p := range benchPrograms {
		m := load(t, p.f(), Options{Budget: 1 << 40})
		r := m.Tick()
		n := newNaive(p.f())
		c := n.tick(1 << 40)
		s := m.State()
		if r.Stop != StopHalted || c != r.Cycles || [32]uint32(s.Registers) != n.regs || !n.halted {
			t.Errorf("%s: vm %v %d cycles %v; naive %d cycles %v", p.name, r.Stop, r.Cycles, s.Registers[:10], c, n.regs[:10])
		}
	}
}

// naive is the comparison point of the issue: a plain switch over
// instructions predecoded to isa.Instruction, with flags kept as two
// booleans, a pc and budget check per instruction and no fusion. It
// implements only what the benchmark programs use and trusts them.
type naive struct {
	code   []isa.Instruction
	regs   [32]uint32
	z, n   bool
	stack  [isa.StackDepth]uint32
	sp     int
	mem    []byte
	halted bool
	f      *nxb.File
}

func newNaive(f *nxb.File) *naive {
	code, _ := isa.DecodeAll(f.Code)
	n := &naive{code: code, mem: make([]byte, isa.MemSize), f: f}
	for _, s := range f.Data {
		copy(n.mem[s.Addr:], s.Bytes)
	}
	return n
}

func (n *naive) tick(budget uint64) uint64 {
	n.regs = [32]uint32{}
	n.z, n.n, n.sp, n.halted = false, false, 0, false
	pc := uint32(0)
	var used uint64
	for used < budget && int(pc) < len(n.code) {
		in := n.code[pc]
		used++
		pc++
		switch in.Op {
		case isa.LOAD_CONST:
			n.regs[in.Rd&31] = uint32(in.Imm)
		case isa.LOAD_REG:
			a := n.regs[in.Rs1&31] + uint32(in.Imm)
			n.regs[in.Rd&31] = binary.LittleEndian.Uint32(n.mem[a:])
		case isa.STORE_REG:
			a := n.regs[in.Rs1&31] + uint32(in.Imm)
			binary.LittleEndian.PutUint32(n.mem[a:], n.regs[in.Rd&31])
		case isa.ADD:
			n.alu(in, n.regs[in.Rs1&31]+n.regs[in.Rs2&31])
		case isa.SUB:
			n.alu(in, n.regs[in.Rs1&31]-n.regs[in.Rs2&31])
		case isa.MUL:
			n.alu(in, isa.Mul(n.regs[in.Rs1&31], n.regs[in.Rs2&31], uint32(in.Imm)))
		case isa.AND:
			n.alu(in, n.regs[in.Rs1&31]&n.regs[in.Rs2&31])
		case isa.OR:
			n.alu(in, n.regs[in.Rs1&31]|n.regs[in.Rs2&31])
		case isa.XOR:
			n.alu(in, n.regs[in.Rs1&31]^n.regs[in.Rs2&31])
		case isa.SHL:
			n.alu(in, n.regs[in.Rs1&31]<<(n.regs[in.Rs2&31]&31))
		case isa.CMP:
			a, b := n.regs[in.Rs1&31], n.regs[in.Rs2&31]
			if c := isa.Cond(in.Imm); c != isa.CondNone {
				v := b2u(c.Eval(a, b))
				n.alu(in, v)
			} else {
				v := a - b
				n.z, n.n = v == 0, v>>31 != 0
			}
		case isa.JMP:
			pc = uint32(in.Imm) / 8
		case isa.JZ:
			if n.z {
				pc = uint32(in.Imm) / 8
			}
		case isa.JNZ:
			if !n.z {
				pc = uint32(in.Imm) / 8
			}
		case isa.CALL:
			n.stack[n.sp] = pc * 8
			n.sp++
			pc = uint32(in.Imm) / 8
		case isa.RET:
			n.sp--
			pc = n.stack[n.sp] / 8
		case isa.PUSH:
			n.stack[n.sp] = n.regs[in.Rd&31]
			n.sp++
		case isa.POP:
			n.sp--
			n.regs[in.Rd&31] = n.stack[n.sp]
		case isa.HALT:
			n.halted = true
			return used
		}
	}
	return used
}

func (n *naive) alu(in isa.Instruction, v uint32) {
	n.regs[in.Rd&31] = v
	n.z, n.n = v == 0, v>>31 != 0
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
