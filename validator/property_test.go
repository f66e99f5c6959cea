package validator

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// The soundness property: a program the validator accepts under the strict
// policy never traps in the VM, never takes more cycles than the reported
// WCET, never holds more stack entries than the reported maximum, and never
// writes outside its manifest or declared safe ranges — for any IO values
// and receive queue.

// gen builds random programs biased toward what the strict policy accepts:
// loop-free functions with forward branches, calls down a DAG, balanced
// pushes, computed addresses (often masked or guarded), guarded and
// unguarded divisions, IO and manifests.
type gen struct {
	r     *rand.Rand
	code  []isa.Instruction
	fixup []fix // forward jumps to patch
	depth int
	fn    int
	nfn   int
	ok    []int // instruction indices at stack depth 0 in the current function
}

type fix struct {
	at    int
	after int // target must be an ok position after this index
	call  int // >= 0: a call to function call
}

func (g *gen) emit(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) int {
	g.code = append(g.code, isa.Instruction{Op: op, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm})
	return len(g.code) - 1
}

func (g *gen) reg() uint8 { return uint8(g.r.Intn(6)) } // few registers: more data flow

func (g *gen) value() int32 {
	switch g.r.Intn(6) {
	case 0:
		return int32(g.r.Uint32())
	case 1:
		return -int32(g.r.Intn(200))
	case 2:
		return int32(g.r.Intn(65536))
	}
	return int32(g.r.Intn(100))
}

// body emits one function's straight-line-with-branches body.
func (g *gen) body(n int, last bool) {
	g.ok = g.ok[:0]
	g.depth = 0
	for i := 0; i < n; i++ {
		if g.depth == 0 {
			g.ok = append(g.ok, len(g.code))
		}
		g.insn(last)
	}
	for g.depth > 0 {
		g.emit(isa.POP, g.reg(), 0, 0, 0)
		g.depth--
	}
	g.ok = append(g.ok, len(g.code))
	if g.fn == 0 {
		g.emit(isa.HALT, 0, 0, 0, 0)
	} else {
		g.emit(isa.RET, 0, 0, 0, 0)
	}
	// Patch this function's forward jumps to a later depth-0 position.
	for _, f := range g.fixup {
		if f.call >= 0 {
			continue
		}
		var cands []int
		for _, p := range g.ok {
			if p > f.after {
				cands = append(cands, p)
			}
		}
		t := cands[g.r.Intn(len(cands))]
		if g.r.Intn(200) == 0 {
			t = g.ok[g.r.Intn(len(g.ok))] // occasionally a loop or a bad target
		}
		g.code[f.at].Imm = int32(t * isa.InsnSize)
	}
	keep := g.fixup[:0]
	for _, f := range g.fixup {
		if f.call >= 0 {
			keep = append(keep, f)
		}
	}
	g.fixup = keep
}

func (g *gen) insn(last bool) {
	r := g.r
	switch k := r.Intn(30); {
	case k < 4:
		g.emit(isa.LOAD_CONST, g.reg(), 0, 0, g.value())
	case k < 9:
		ops := []isa.Opcode{isa.ADD, isa.SUB, isa.MUL, isa.AND, isa.OR, isa.XOR, isa.SHL, isa.SHR, isa.NOT}
		op := ops[r.Intn(len(ops))]
		var imm int32
		if op == isa.MUL {
			imm = int32(r.Intn(4))
		}
		if op == isa.SHR {
			imm = int32(r.Intn(2))
		}
		if op == isa.NOT {
			g.emit(op, g.reg(), g.reg(), 0, 0)
		} else {
			g.emit(op, g.reg(), g.reg(), g.reg(), imm)
		}
	case k < 11: // division, usually guarded
		d := g.reg()
		if r.Intn(6) > 0 {
			g.emit(isa.CMP, 0, d, 6, 0) // R6 is never written: zero
			at := g.emit(isa.JZ, 0, 0, 0, int32(len(g.code)+2)*isa.InsnSize)
			g.emit(isa.DIV, g.reg(), g.reg(), d, int32(r.Intn(3)))
			_ = at
		} else {
			g.emit(isa.DIV, g.reg(), g.reg(), d, 0)
		}
	case k < 15: // memory with a computed address
		a := g.reg()
		switch r.Intn(6) {
		case 0, 1, 2:
			g.emit(isa.LOAD_CONST, 7, 0, 0, int32(r.Intn(65533)&^3))
			g.emit(isa.AND, a, a, 7, 0)
		case 3, 4:
			g.emit(isa.LOAD_CONST, 7, 0, 0, 65528)
			g.emit(isa.CMP, 8, a, 7, int32(isa.CondLEU))
			g.emit(isa.JZ, 0, 0, 0, int32(len(g.code)+2)*isa.InsnSize)
		}
		op := isa.LOAD_REG
		if r.Intn(2) == 0 {
			op = isa.STORE_REG
		}
		g.emit(op, g.reg(), a, 0, int32(r.Intn(5)))
	case k < 17:
		g.emit(isa.READ_IO, g.reg(), uint8(16+r.Intn(4)), 0, 0)
	case k < 19: // actuator write, clamped to [-100, 100] on channel 17
		x := g.reg()
		ch := uint8(17 + r.Intn(3))
		if ch == 17 && r.Intn(8) > 0 {
			g.emit(isa.LOAD_CONST, 9, 0, 0, 100)
			g.emit(isa.CMP, 10, x, 9, int32(isa.CondGT))
			at := g.emit(isa.JZ, 0, 0, 0, 0)
			g.emit(isa.LOAD_CONST, x, 0, 0, 100)
			g.code[at].Imm = int32(len(g.code) * isa.InsnSize)
			g.emit(isa.LOAD_CONST, 9, 0, 0, -100)
			g.emit(isa.CMP, 10, x, 9, int32(isa.CondLT))
			at = g.emit(isa.JZ, 0, 0, 0, 0)
			g.emit(isa.LOAD_CONST, x, 0, 0, -100)
			g.code[at].Imm = int32(len(g.code) * isa.InsnSize)
		}
		g.emit(isa.WRITE_IO, ch, x, 0, 0)
	case k < 22: // a branch
		c := int32(r.Intn(11))
		rd := g.reg()
		if c == 0 {
			rd = 0
		}
		g.emit(isa.CMP, rd, g.reg(), g.reg(), c)
		op := isa.JZ
		if r.Intn(2) == 0 {
			op = isa.JNZ
		}
		at := g.emit(op, 0, 0, 0, 0)
		if g.depth == 0 {
			g.fixup = append(g.fixup, fix{at: at, after: at, call: -1})
		} else {
			g.code = g.code[:at] // jumps only at depth 0
		}
	case k < 24 && !last && g.depth < 3:
		g.emit(isa.PUSH, g.reg(), 0, 0, 0)
		g.depth++
	case k < 25 && g.depth > 0:
		g.emit(isa.POP, g.reg(), 0, 0, 0)
		g.depth--
	case k < 27 && !last && g.fn+1 < g.nfn:
		at := g.emit(isa.CALL, 0, 0, 0, 0)
		g.fixup = append(g.fixup, fix{at: at, call: g.fn + 1 + r.Intn(g.nfn-g.fn-1)})
	case k < 28:
		g.emit(isa.SEND, uint8(r.Intn(3)), g.reg(), 0, 0)
	case k < 29:
		g.emit(isa.RECV, g.reg(), 0, 0, 0)
	default:
		if r.Intn(2) == 0 {
			src := g.reg()
			g.emit(isa.LOAD_CONST, 7, 0, 0, 0xFF00)
			g.emit(isa.AND, src, src, 7, 0)
			g.emit(isa.DMA_COPY, 7, src, 0, int32(r.Intn(256)))
		} else {
			g.emit(isa.ALLOC, g.reg(), 6, 0, int32(r.Intn(65536)))
		}
	}
}

// program generates one random container.
func (g *gen) program() *nxb.File {
	g.code, g.fixup = g.code[:0], g.fixup[:0]
	g.nfn = 1 + g.r.Intn(4)
	entries := make([]int, g.nfn)
	for g.fn = 0; g.fn < g.nfn; g.fn++ {
		entries[g.fn] = len(g.code)
		g.body(4+g.r.Intn(30), g.fn == g.nfn-1)
	}
	for _, f := range g.fixup {
		g.code[f.at].Imm = int32(entries[f.call] * isa.InsnSize)
	}
	f := nxb.Raw(isa.EncodeAll(g.code))
	// A manifest most of the time; occasionally one use left undeclared.
	if g.r.Intn(4) > 0 {
		f.Meta = append(f.Meta, nxb.StringRecord(nxb.TagCapability, "read 16 17 18 19"))
		w := "write 17 18 19"
		if g.r.Intn(10) == 0 {
			w = "write 17 18"
		}
		f.Meta = append(f.Meta, nxb.StringRecord(nxb.TagCapability, w), nxb.StringRecord(nxb.TagCapability, "send 0 1 2"))
	}
	if g.r.Intn(2) == 0 {
		f.Meta = append(f.Meta, nxb.StringRecord(nxb.TagSafety, "range 17 -100 100"))
	}
	return f
}

func TestSoundness(t *testing.T) {
	programs, runs := 10000, 20
	if testing.Short() {
		programs = 300
	}
	g := &gen{r: rand.New(rand.NewSource(1))}
	accepted, total := 0, 0
	for p := 0; p < programs; p++ {
		f := g.program()
		res := Validate(f, Options{})
		if !res.OK {
			continue
		}
		accepted++
		for k := 0; k < runs; k++ {
			total++
			if msg := runOnce(f, res, g.r); msg != "" {
				t.Fatalf("program %d run %d: %s\n%s", p, k, msg, dump(f))
			}
		}
	}
	t.Logf("%d programs generated, %d accepted under the strict policy, %d runs", programs, accepted, total)
	if accepted < programs/10 {
		t.Errorf("only %d of %d programs accepted: the generator is not exercising the validator", accepted, programs)
	}
}

// runOnce runs f's tick entry step by step with random inputs and checks
// it against the validator's result; "" when it behaved.
func runOnce(f *nxb.File, res *Result, r *rand.Rand) string {
	rio := &vm.RecordingIO{Inputs: map[uint8]uint32{}}
	for ch := uint8(16); ch < 32; ch++ {
		switch r.Intn(4) {
		case 0:
			rio.Inputs[ch] = r.Uint32()
		case 1:
			rio.Inputs[ch] = uint32(r.Intn(300) - 150)
		case 2:
			rio.Inputs[ch] = uint32(r.Intn(65540))
		}
	}
	m, err := vm.New(f, vm.Options{IO: rio})
	if err != nil {
		return err.Error()
	}
	for i := r.Intn(5); i > 0; i-- {
		m.PushRecv(r.Uint32())
	}
	maxDepth := 0
	for steps := 0; ; steps++ {
		st := m.Step()
		s := m.State()
		maxDepth = max(maxDepth, len(s.Stack))
		if st == vm.StopTrap {
			return fmt.Sprintf("trap %s at pc %d", s.Trap, s.PC)
		}
		if st == vm.StopHalted {
			break
		}
		if steps > 1<<20 {
			return "does not halt"
		}
	}
	s := m.State()
	if res.WCET == nil || s.Cycles > *res.WCET {
		return fmt.Sprintf("took %d cycles; reported WCET %v", s.Cycles, res.WCET)
	}
	if maxDepth > res.MaxStack {
		return fmt.Sprintf("stack reached %d entries; reported maximum %d", maxDepth, res.MaxStack)
	}
	in := func(ch uint8, list Channels) bool {
		for _, c := range list {
			if c == ch {
				return true
			}
		}
		return false
	}
	for _, w := range rio.Writes {
		if !in(uint8(w[0]), res.Manifest.Writes) {
			return fmt.Sprintf("wrote channel %d outside the manifest %v", w[0], res.Manifest.Writes)
		}
		if w[0] == 17 && hasRange(f) && (int32(w[1]) < -100 || int32(w[1]) > 100) {
			return fmt.Sprintf("wrote %d to channel 17 outside [-100, 100]", int32(w[1]))
		}
	}
	for _, x := range s.Sent {
		if !in(x.Channel, res.Manifest.Sends) {
			return fmt.Sprintf("sent on channel %d outside the manifest", x.Channel)
		}
	}
	return ""
}

func hasRange(f *nxb.File) bool {
	for _, m := range f.Meta {
		if m.Tag == nxb.TagSafety {
			return true
		}
	}
	return false
}

func dump(f *nxb.File) string {
	insns, _ := isa.DecodeAll(f.Code)
	s := ""
	for k, in := range insns {
		s += fmt.Sprintf("%04x %v\n", k*isa.InsnSize, in)
	}
	return s
}
