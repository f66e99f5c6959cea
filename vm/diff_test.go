package vm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// countingIO answers reads deterministically from the channel and the
// number of reads so far, and logs writes, so two machines given fresh
// instances see the same inputs iff they make the same calls.
type countingIO struct {
	reads  uint32
	writes [][2]uint32
}

func (c *countingIO) Read(ch uint8) uint32 {
	c.reads++
	return uint32(ch)*0x01000193 ^ c.reads
}

func (c *countingIO) Write(ch uint8, v uint32) { c.writes = append(c.writes, [2]uint32{uint32(ch), v}) }

// mixHook is a deterministic jetson hook: it adds imm to R[rd&15], and traps
// (after scribbling on the registers, which must then be discarded) when
// imm%5 == 4.
type mixHook struct{}

func (mixHook) A2A(in isa.Instruction, regs *[isa.NumGPRegs]uint32) isa.Trap {
	regs[in.Rd&15] += uint32(in.Imm)
	if uint32(in.Imm)%5 == 4 {
		regs[0] = 0xDEAD
		return isa.TrapBadOpcode
	}
	return isa.TrapNone
}

// genProgram makes a random program biased toward interesting behaviour:
// few registers (so values flow), small memory, targets mostly valid but
// sometimes misaligned or past the end, CMP+JZ/JNZ pairs, and a sprinkling
// of invalid encodings.
func genProgram(rng *rand.Rand) (*nxb.File, Options) {
	n := 1 + rng.IntN(40)
	codeLen := uint32(8 * n)
	reg := func() uint8 {
		if rng.IntN(40) == 0 {
			return uint8(16 + rng.IntN(240))
		}
		return uint8(rng.IntN(4))
	}
	target := func() int32 {
		switch rng.IntN(20) {
		case 0:
			return int32(rng.Uint32N(codeLen))
		case 1:
			return int32(codeLen + uint32(rng.IntN(3))*4)
		case 2:
			return int32(rng.Uint32())
		}
		return int32(8 * rng.IntN(n))
	}
	small := func() int32 {
		switch rng.IntN(6) {
		case 0:
			return int32(rng.Uint32())
		case 1:
			return int32(rng.IntN(70)) - 3
		}
		return int32(rng.IntN(8)) - 2
	}
	var insns []isa.Instruction
	for len(insns) < n {
		op := isa.Opcode(rng.IntN(0x20))
		switch rng.IntN(30) {
		case 0:
			op = isa.Opcode(rng.IntN(256))
		case 1, 2:
			op = isa.Opcode(0x20 + rng.IntN(0x37))
		}
		in := isa.Instruction{Op: op, Rd: reg(), Rs1: reg(), Rs2: reg(), Imm: small()}
		switch op {
		case isa.MUL, isa.DIV:
			in.Imm = int32(rng.IntN(34)) - 1
			if rng.IntN(2) == 0 {
				in.Imm = 0
			}
		case isa.SHR:
			in.Imm = int32(rng.IntN(3))
		case isa.CMP:
			in.Imm = int32(rng.IntN(12))
			if rng.IntN(3) == 0 {
				in.Imm = 0
			}
			if len(insns)+1 < n && rng.IntN(2) == 0 {
				insns = append(insns, in)
				in = isa.Instruction{Op: isa.JZ + isa.Opcode(rng.IntN(2)), Imm: target()}
			}
		case isa.JMP, isa.JZ, isa.JNZ, isa.CALL:
			in.Imm = target()
		case isa.READ_IO:
			in.Rs1 = uint8(14 + rng.IntN(20))
		case isa.WRITE_IO:
			in.Rd = uint8(14 + rng.IntN(20))
		case isa.RET:
			if rng.IntN(3) == 0 { // make a plausible return address available
				insns = append(insns, isa.Instruction{Op: isa.LOAD_CONST, Rd: 1, Imm: target()})
				if len(insns)+1 < n {
					insns = append(insns, isa.Instruction{Op: isa.PUSH, Rd: 1})
				}
			}
		}
		insns = append(insns, in)
	}
	insns = insns[:n]
	f := nxb.Raw(isa.EncodeAll(insns))
	o := Options{MemSize: 4 * (1 + rng.IntN(16)), QueueCap: 1 + rng.IntN(3), Budget: uint64(1 + rng.IntN(200))}
	if rng.IntN(3) == 0 {
		o.Profile = isa.ProfileJetson
		if rng.IntN(4) != 0 {
			o.Hook = mixHook{}
		}
	}
	if rng.IntN(2) == 0 {
		seg := make([]byte, rng.IntN(o.MemSize+1))
		for k := range seg {
			seg[k] = byte(rng.IntN(256))
		}
		f.Data = []nxb.Segment{{Addr: uint32(rng.IntN(o.MemSize - len(seg) + 1)), Bytes: seg}}
	}
	if rng.IntN(2) == 0 {
		f.Entry.Tick = uint32(8 * rng.IntN(n))
	}
	if rng.IntN(3) == 0 {
		f.Entry.Init = uint32(8 * rng.IntN(n))
	}
	if rng.IntN(3) == 0 {
		f.Entry.Failsafe = uint32(8 * rng.IntN(n))
	}
	return f, o
}

// pair runs the fast VM and the reference side by side.
type pair struct {
	m        *VM
	r        *refVM
	mio, rio *countingIO
}

func newPair(t testing.TB, f *nxb.File, o Options) *pair {
	p := &pair{mio: &countingIO{}, rio: &countingIO{}}
	o.IO = p.mio
	m, err := New(f, o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	o.IO = p.rio
	p.m, p.r = m, newRef(f, o)
	return p
}

// compare reports the first difference between the two machines.
func (p *pair) compare(what string) error {
	ms, rs := p.m.State(), p.r.state()
	if !reflect.DeepEqual(rs, ms) { // cmp.Diff is too slow to call on every step
		diff := cmp.Diff(rs, ms)
		return fmt.Errorf("%s: state differs (-ref +vm):\n%s", what, diff)
	}
	if !bytes.Equal(p.m.Memory(), p.r.mem) {
		return fmt.Errorf("%s: memory differs\nref % x\nvm  % x", what, p.r.mem, p.m.Memory())
	}
	if !cmp.Equal(p.mio.writes, p.rio.writes) || p.mio.reads != p.rio.reads {
		return fmt.Errorf("%s: IO differs: ref %v (%d reads), vm %v (%d reads)", what, p.rio.writes, p.rio.reads, p.mio.writes, p.mio.reads)
	}
	return nil
}

// drive applies one API call chosen by c to both machines and compares.
func (p *pair) drive(c byte, arg uint32) error {
	var what string
	switch c % 10 {
	case 0, 1, 2:
		b := uint64(arg % 64)
		what = fmt.Sprintf("Run(%d)", b)
		if x, y := p.m.Run(b), p.r.run(b); x != y {
			return fmt.Errorf("%s: vm %v, ref %v", what, x, y)
		}
	case 3, 4:
		what = "Step"
		if x, y := p.m.Step(), p.r.step(); x != y {
			return fmt.Errorf("%s: vm %v, ref %v", what, x, y)
		}
	case 5, 6:
		what = "Tick"
		if x, y := p.m.Tick(), p.r.tick(); !reflect.DeepEqual(x, y) {
			return fmt.Errorf("%s: result differs (-ref +vm):\n%s", what, cmp.Diff(y, x))
		}
	case 7:
		what = "PushRecv/PushInterrupt"
		if p.m.PushRecv(arg) != (len(p.r.recv) < p.r.qcap) {
			return fmt.Errorf("PushRecv disagrees")
		}
		if len(p.r.recv) < p.r.qcap {
			p.r.recv = append(p.r.recv, arg)
		}
		if p.m.PushInterrupt(^arg) != (len(p.r.intr) < p.r.qcap) {
			return fmt.Errorf("PushInterrupt disagrees")
		}
		if len(p.r.intr) < p.r.qcap {
			p.r.intr = append(p.r.intr, ^arg)
		}
	case 8:
		what = "PopSend/PopInterrupt"
		s, ok := p.m.PopSend()
		if ok != (len(p.r.sent) > 0) || ok && s != p.r.sent[0] {
			return fmt.Errorf("PopSend disagrees")
		}
		if ok {
			p.r.sent = p.r.sent[1:]
		}
		v, ok := p.m.PopInterrupt()
		if ok != (len(p.r.intr) > 0) || ok && v != p.r.intr[0] {
			return fmt.Errorf("PopInterrupt disagrees")
		}
		if ok {
			p.r.intr = p.r.intr[1:]
		}
	case 9:
		if arg%4 == 0 {
			what = "Reset"
			p.m.Reset()
			p.r.reset()
		} else {
			what = "Init"
			x, okx := p.m.Init()
			y, oky := p.r.init()
			if okx != oky || x.Stop != y.Stop || x.Trap != y.Trap || x.PC != y.PC || x.Cycles != y.Cycles {
				return fmt.Errorf("Init: vm %v %+v, ref %v %+v", okx, x, oky, y)
			}
		}
	}
	return p.compare(what)
}

func dump(f *nxb.File) string {
	insns, _ := isa.DecodeAll(f.Code)
	var b bytes.Buffer
	for k, in := range insns {
		fmt.Fprintf(&b, "  %3d: %v\n", 8*k, in)
	}
	fmt.Fprintf(&b, "  entries %+v data %v\n", f.Entry, f.Data)
	return b.String()
}

// TestDifferential runs random programs and random call sequences on the
// fast VM and the reference interpreter and requires identical state,
// memory and IO after every call.
func TestDifferential(t *testing.T) {
	iters := 5000
	if testing.Short() {
		iters = 500
	}
	for seed := range uint64(iters) {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		f, o := genProgram(rng)
		p := newPair(t, f, o)
		if err := p.compare("New"); err != nil {
			t.Fatalf("seed %d: %v\nprogram:\n%s", seed, err, dump(f))
		}
		for range 30 {
			if err := p.drive(byte(rng.IntN(256)), rng.Uint32()); err != nil {
				t.Fatalf("seed %d %+v: %v\nprogram:\n%s", seed, o, err, dump(f))
			}
		}
	}
}

// TestDifferentialLong runs longer programs to completion with the default
// budget and full memory.
func TestDifferentialLong(t *testing.T) {
	for seed := range uint64(500) {
		rng := rand.New(rand.NewPCG(seed, 0x1009))
		f, o := genProgram(rng)
		o.MemSize, o.Budget = 0, 0
		f.Data = nil
		p := newPair(t, f, o)
		for range 3 {
			if err := p.drive(5, 0); err != nil {
				t.Fatalf("seed %d: %v\nprogram:\n%s", seed, err, dump(f))
			}
		}
	}
}

// decodeFuzz turns fuzz input into a program and options: the first bytes
// choose options and entries, the rest is code (opcodes folded into the
// defined range most of the time so that programs run for a while).
func decodeFuzz(data []byte) (*nxb.File, Options) {
	var hdr [8]byte
	copy(hdr[:], data)
	if len(data) > 8 {
		data = data[8:]
	} else {
		data = nil
	}
	code := append([]byte{}, data[:len(data)/8*8]...)
	for k := 0; k < len(code); k += 8 {
		if hdr[0]&1 == 0 {
			code[k] %= 0x58
		}
	}
	f := nxb.Raw(code)
	n := uint32(len(code) / 8)
	o := Options{MemSize: 4 * (1 + int(hdr[1]%32)), QueueCap: 1 + int(hdr[2]%4), Budget: 1 + uint64(hdr[3])}
	if hdr[0]&2 != 0 {
		o.Profile = isa.ProfileJetson
		o.Hook = mixHook{}
	}
	if n > 0 {
		f.Entry.Tick = 8 * (uint32(hdr[4]) % n)
		if hdr[5] != 0 {
			f.Entry.Init = 8 * (uint32(hdr[5]) % n)
		}
		if hdr[6] != 0 {
			f.Entry.Failsafe = 8 * (uint32(hdr[6]) % n)
		}
	}
	return f, o
}

func fuzzSeeds(f *testing.F) {
	f.Add(append(make([]byte, 8), playground()...), []byte{0, 3, 5, 9})
	rng := rand.New(rand.NewPCG(1, 2))
	for range 16 {
		pf, o := genProgram(rng)
		hdr := []byte{1, byte(o.MemSize/4 - 1), byte(o.QueueCap - 1), byte(o.Budget - 1), 0, 0, 0, 0}
		if o.Profile == isa.ProfileJetson {
			hdr[0] |= 2
		}
		ops := make([]byte, 12)
		for k := range ops {
			ops[k] = byte(rng.IntN(256))
		}
		f.Add(append(hdr, pf.Code...), ops)
	}
}

// FuzzVM: arbitrary bytes as code with arbitrary options never panic, and
// the state stays consistent.
func FuzzVM(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data, ops []byte) {
		pf, o := decodeFuzz(data)
		if len(data) > 0 && data[0]&4 != 0 {
			pf.Code = append([]byte{}, data...)[:len(data)/8*8] // raw, unfolded
			pf.Entry = nxb.Entries{Init: nxb.NoEntry, Failsafe: nxb.NoEntry}
		}
		m, err := New(pf, o)
		if err != nil {
			return
		}
		for k, c := range ops {
			var st Stop
			switch c % 4 {
			case 0:
				st = m.Run(uint64(c))
			case 1:
				st = m.Step()
			case 2:
				r := m.Tick()
				st = r.Stop
				if r.Failsafe != nil { // State shows the failsafe's run
					st = r.Failsafe.Stop
				}
			case 3:
				m.PushRecv(uint32(k))
				m.PopSend()
			}
			s := m.State()
			if c%4 != 3 && st != s.Stop {
				t.Fatalf("returned %v, state says %v", st, s.Stop)
			}
			if s.Halted != (s.Stop == StopHalted) || (s.Trap != isa.TrapNone) != (s.Stop == StopTrap) {
				t.Fatalf("inconsistent stop: %+v", s)
			}
			if s.Cycles > s.TotalCycles || len(s.Stack) > isa.StackDepth || len(s.Sent) > o.QueueCap {
				t.Fatalf("inconsistent counts: %+v", s)
			}
			if int(s.PC) < len(pf.Code) && s.PC%8 != 0 {
				t.Fatalf("pc %d inside the code but misaligned", s.PC)
			}
			if s.Stop == StopTrap && int(s.PC) >= len(pf.Code) {
				t.Fatalf("trap with pc %d outside the code", s.PC)
			}
			for _, r := range s.Registers[16:] {
				if r != 0 {
					t.Fatal("an IO register holds a value")
				}
			}
		}
	})
}

// FuzzDifferential: the fast VM and the reference interpreter agree on any
// program and call sequence.
func FuzzDifferential(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data, ops []byte) {
		pf, o := decodeFuzz(data)
		if pf.Check(o.MemSize) != nil {
			return
		}
		p := newPair(t, pf, o)
		for k, c := range ops {
			var arg [4]byte
			copy(arg[:], ops[k:])
			if err := p.drive(c, binary.LittleEndian.Uint32(arg[:])); err != nil {
				t.Fatalf("%v\nprogram:\n%s", err, dump(pf))
			}
		}
	})
}

// sample returns an instruction whose predecoded op is o, for the plain ops
// superinstructions are made of. R3 holds a small address, R1 and R2 values.
func sample(o op) []isa.Instruction {
	alu := func(op isa.Opcode, imm int32) []isa.Instruction {
		return []isa.Instruction{I(op, 4, 1, 2, imm)}
	}
	switch o {
	case opLoadConst:
		return []isa.Instruction{lc(5, -9)}
	case opLoad:
		return []isa.Instruction{I(isa.LOAD_REG, 6, 3, 0, 4)}
	case opStore:
		return []isa.Instruction{I(isa.STORE_REG, 1, 3, 0, 8)}
	case opAdd:
		return alu(isa.ADD, 0)
	case opSub:
		return alu(isa.SUB, 0)
	case opMul:
		return alu(isa.MUL, 0)
	case opAnd:
		return alu(isa.AND, 0)
	case opOr:
		return alu(isa.OR, 0)
	case opXor:
		return alu(isa.XOR, 0)
	case opShl:
		return alu(isa.SHL, 0)
	case opShr:
		return alu(isa.SHR, 0)
	case opPush:
		return []isa.Instruction{I(isa.PUSH, 2, 0, 0, 0)}
	case opPop:
		return []isa.Instruction{I(isa.POP, 7, 0, 0, 0)}
	case opCmpJz, opCmpJnz:
		return []isa.Instruction{I(isa.CMP, 0, 1, 2, 0), I(isa.JZ+isa.Opcode(o-opCmpJz), 0, 0, 0, 0)}
	}
	// A fused conditional compare: opCmpEQT.. in (cond, T/F) order.
	k := o - opCmpEQT
	return []isa.Instruction{I(isa.CMP, 8, 1, 2, int32(isa.CondEQ)+int32(k/2)), I(isa.JNZ-isa.Opcode(k%2), 0, 0, 0, 0)}
}

// TestSuperOpsCovered builds, for every superinstruction, a program in
// which predecode must use it, checks that it did, and holds the result to
// the reference interpreter under every budget from 0 up (so every
// truncation point, including between the parts, is exercised) and with
// operands that make the parts fault.
func TestSuperOpsCovered(t *testing.T) {
	for k, parts := range superParts {
		sup := numBaseOps + op(k)
		for _, r3 := range []int32{0, -2} { // -2: LOAD/STORE fault
			for _, r2 := range []int32{3, 0} { // equal/unequal compares, empty-ish stack
				prefix := []isa.Instruction{lc(1, 3), lc(2, r2), lc(3, r3), I(isa.PUSH, 1, 0, 0, 0), I(isa.NOP, 0, 0, 0, 0)}
				body := append(sample(parts[0]), sample(parts[1])...)
				insns := append(append(append([]isa.Instruction{}, prefix...), body...), halt, lc(9, 1), halt)
				at := len(prefix)
				end := len(insns) - 2 // the branch target: lc 9, 1
				if j := &insns[len(insns)-4]; j.Op == isa.JZ || j.Op == isa.JNZ {
					j.Imm = int32(8 * end)
				}
				f := nxb.Raw(code(insns...))
				m := load(t, f, Options{})
				if got := op(m.prog.code[at].w); got != sup {
					t.Fatalf("%v+%v: predecoded op %d at %d, want superinstruction %d", parts[0], parts[1], got, at, sup)
				}
				for budget := uint64(0); budget <= uint64(len(insns)); budget++ {
					p := newPair(t, f, Options{})
					if err := p.drive(0, uint32(budget)); err != nil {
						t.Fatalf("super %d (%d+%d) r2=%d r3=%d budget %d: %v\n%s", sup, parts[0], parts[1], r2, r3, budget, err, dump(f))
					}
					if err := p.drive(0, 63); err != nil { // resume
						t.Fatalf("super %d (%d+%d) r2=%d r3=%d budget %d, resumed: %v\n%s", sup, parts[0], parts[1], r2, r3, budget, err, dump(f))
					}
				}
			}
		}
	}
}
