package vm

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// I builds an instruction; tests spell programs with it since the
// assembler is a separate package.
func I(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) isa.Instruction {
	return isa.Instruction{Op: op, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm}
}

func code(insns ...isa.Instruction) []byte { return isa.EncodeAll(insns) }

func load(t testing.TB, f *nxb.File, o Options) *VM {
	t.Helper()
	m, err := New(f, o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func playground() []byte {
	return code(
		I(isa.READ_IO, 0, 16, 0, 0),
		I(isa.LOAD_CONST, 1, 0, 0, 100),
		I(isa.ADD, 2, 0, 1, 0),
		I(isa.WRITE_IO, 17, 2, 0, 0),
		I(isa.PUSH, 2, 0, 0, 0),
		I(isa.HALT, 0, 0, 0, 0),
	)
}

// TestPlayground is the seed's bytecode playground with its expected output.
func TestPlayground(t *testing.T) {
	b := playground()
	want := "160010000000000001010000640000000402000100000000171102000000000014020000000000001800000000000000"
	if got := hexs(b); got != want {
		t.Fatalf("encoding\n got %s\nwant %s", got, want)
	}
	rio := &RecordingIO{Inputs: map[uint8]uint32{16: 42}}
	m := load(t, nxb.Raw(b), Options{IO: rio})
	if st := m.Run(isa.DefaultBudget); st != StopHalted {
		t.Fatalf("stop = %v", st)
	}
	s := m.State()
	if s.Registers[2] != 142 || s.PC != 40 || s.Cycles != 6 || !s.Halted || s.Trap != isa.TrapNone {
		t.Fatalf("state %+v", s)
	}
	if diff := cmp.Diff([]uint32{142}, s.Stack); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([][2]uint32{{17, 142}}, rio.Writes); diff != "" {
		t.Error(diff)
	}
	j, err := Report(s, rio.Writes)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"pc":40,"cycles":6,"halted":true,"trap":null,` +
		`"registers":[42,100,142,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],` +
		`"flags":{"zero":false,"negative":false},"stack":[142],"sent":[],"writes":[[17,142]]}`
	if diff := cmp.Diff(wantJSON, string(j)); diff != "" {
		t.Error(diff)
	}
}

func hexs(b []byte) string {
	const h = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, h[c>>4], h[c&15])
	}
	return string(out)
}

func TestReportTrapAndEmpty(t *testing.T) {
	s := State{Trap: isa.TrapDivByZero, Sent: []Send{{3, 9}}}
	j, err := Report(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"pc":0,"cycles":0,"halted":false,"trap":"DIV_BY_ZERO",` +
		`"registers":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],` +
		`"flags":{"zero":false,"negative":false},"stack":[],"sent":[[3,9]],"writes":[]}`
	if diff := cmp.Diff(want, string(j)); diff != "" {
		t.Error(diff)
	}
}

func TestNewErrors(t *testing.T) {
	ok := nxb.Raw(code(I(isa.HALT, 0, 0, 0, 0)))
	for _, c := range []struct {
		name string
		f    *nxb.File
		o    Options
	}{
		{"nil file", nil, Options{}},
		{"truncated code", nxb.Raw([]byte{1, 2, 3}), Options{}},
		{"odd memory", ok, Options{MemSize: 6}},
		{"huge memory", ok, Options{MemSize: isa.MemSize + 4}},
		{"negative queue", ok, Options{QueueCap: -1}},
		{"profile", ok, Options{Profile: 7}},
		{"segment outside memory", &nxb.File{Code: ok.Code, Data: []nxb.Segment{{Addr: 14, Bytes: []byte{1, 2, 3}}},
			Entry: nxb.Entries{Init: nxb.NoEntry, Failsafe: nxb.NoEntry}}, Options{MemSize: 16}},
		{"misaligned entry", &nxb.File{Code: ok.Code, Entry: nxb.Entries{Tick: 3, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}}, Options{}},
	} {
		if _, err := New(c.f, c.o); err == nil {
			t.Errorf("%s: New accepted it", c.name)
		}
	}
}

// run loads insns raw, runs them with a generous budget and returns the VM.
func run(t *testing.T, o Options, insns ...isa.Instruction) *VM {
	t.Helper()
	m := load(t, nxb.Raw(code(insns...)), o)
	m.Run(1 << 20)
	return m
}

var halt = I(isa.HALT, 0, 0, 0, 0)

func lc(rd uint8, v int32) isa.Instruction { return I(isa.LOAD_CONST, rd, 0, 0, v) }

// TestOpcodes checks each opcode's effect on a small program ending in HALT.
func TestOpcodes(t *testing.T) {
	neg := func(v int32) uint32 { return uint32(v) }
	type want struct {
		reg  uint8
		v    uint32
		z, n bool
	}
	cases := []struct {
		name  string
		insns []isa.Instruction
		w     want
	}{
		{"LOAD_CONST", []isa.Instruction{lc(3, -5)}, want{3, neg(-5), false, false}},
		{"ADD wraps", []isa.Instruction{lc(1, -1), lc(2, 1), I(isa.ADD, 3, 1, 2, 0)}, want{3, 0, true, false}},
		{"SUB negative", []isa.Instruction{lc(1, 2), lc(2, 5), I(isa.SUB, 3, 1, 2, 0)}, want{3, neg(-3), false, true}},
		{"MUL wraps", []isa.Instruction{lc(1, 0x10000), lc(2, 0x10000), I(isa.MUL, 3, 1, 2, 0)}, want{3, 0, true, false}},
		{"MUL Q16", []isa.Instruction{lc(1, 3<<15), lc(2, 9<<14), I(isa.MUL, 3, 1, 2, 16)}, want{3, 3<<16 + 3<<13, false, false}},
		{"DIV truncates", []isa.Instruction{lc(1, -7), lc(2, 2), I(isa.DIV, 3, 1, 2, 0)}, want{3, neg(-3), false, true}},
		{"DIV INT_MIN/-1", []isa.Instruction{lc(1, -1<<31), lc(2, -1), I(isa.DIV, 3, 1, 2, 0)}, want{3, 0x80000000, false, true}},
		{"DIV Q16", []isa.Instruction{lc(1, 1), lc(2, 3), I(isa.DIV, 3, 1, 2, 16)}, want{3, 0x5555, false, false}},
		{"AND", []isa.Instruction{lc(1, 0xF0), lc(2, 0x3C), I(isa.AND, 3, 1, 2, 0)}, want{3, 0x30, false, false}},
		{"OR", []isa.Instruction{lc(1, 0xF0), lc(2, 0x0F), I(isa.OR, 3, 1, 2, 0)}, want{3, 0xFF, false, false}},
		{"XOR self", []isa.Instruction{lc(1, 0xF0), I(isa.XOR, 3, 1, 1, 0)}, want{3, 0, true, false}},
		{"NOT", []isa.Instruction{I(isa.NOT, 3, 1, 0, 0)}, want{3, 0xFFFFFFFF, false, true}},
		{"SHL masks", []isa.Instruction{lc(1, 1), lc(2, 33), I(isa.SHL, 3, 1, 2, 0)}, want{3, 2, false, false}},
		{"SHR logical", []isa.Instruction{lc(1, -8), lc(2, 1), I(isa.SHR, 3, 1, 2, 0)}, want{3, 0x7FFFFFFC, false, false}},
		{"SHR arithmetic", []isa.Instruction{lc(1, -8), lc(2, 1), I(isa.SHR, 3, 1, 2, 1)}, want{3, neg(-4), false, true}},
		{"CMP flags only", []isa.Instruction{lc(1, 2), lc(2, 5), lc(3, 77), I(isa.CMP, 3, 1, 2, 0)}, want{3, 77, false, true}},
		{"CMP equal", []isa.Instruction{lc(1, 5), lc(2, 5), I(isa.CMP, 0, 1, 2, 0)}, want{1, 5, true, false}},
		{"CMP LT true", []isa.Instruction{lc(1, -1), lc(2, 1), I(isa.CMP, 3, 1, 2, int32(isa.CondLT))}, want{3, 1, false, false}},
		{"CMP LTU false", []isa.Instruction{lc(1, -1), lc(2, 1), I(isa.CMP, 3, 1, 2, int32(isa.CondLTU))}, want{3, 0, true, false}},
		{"CMP GEU", []isa.Instruction{lc(1, -1), lc(2, 1), I(isa.CMP, 3, 1, 2, int32(isa.CondGEU))}, want{3, 1, false, false}},
		{"LOAD/STORE", []isa.Instruction{lc(1, 0x12345678), lc(2, 100), I(isa.STORE_REG, 1, 2, 0, 4), I(isa.LOAD_REG, 3, 2, 0, 4)}, want{3, 0x12345678, false, false}},
		{"STORE unaligned, wrapping address", []isa.Instruction{lc(1, 0x0A0B0C0D), lc(2, -1), I(isa.STORE_REG, 1, 2, 0, 4), I(isa.LOAD_REG, 3, 0, 0, 3)}, want{3, 0x0A0B0C0D, false, false}},
		{"PUSH/POP", []isa.Instruction{lc(1, 9), I(isa.PUSH, 1, 0, 0, 0), I(isa.POP, 4, 0, 0, 0)}, want{4, 9, false, false}},
		{"RECV empty", []isa.Instruction{I(isa.RECV, 5, 0, 0, 0)}, want{5, 0xFFFFFFFF, false, false}},
		{"ALLOC", []isa.Instruction{lc(1, 16), I(isa.ALLOC, 5, 1, 0, 64)}, want{5, 64, false, false}},
		{"FREE, NOP, SLEEP", []isa.Instruction{lc(1, 3), I(isa.FREE, 1, 0, 0, 0), I(isa.NOP, 0, 0, 0, 0), I(isa.SLEEP, 0, 0, 0, 10)}, want{1, 3, false, false}},
		{"A2A is a NOP under esp32", []isa.Instruction{lc(1, 3), I(isa.TRUST_CHECK, 20, 30, 40, 50)}, want{1, 3, false, false}},
		{"flags kept by non-ALU", []isa.Instruction{lc(1, 0), I(isa.ADD, 1, 1, 1, 0), lc(2, 7), I(isa.PUSH, 2, 0, 0, 0)}, want{2, 7, true, false}},
		{"stray unused fields ignored", []isa.Instruction{I(isa.LOAD_CONST, 1, 99, 99, 4), I(isa.NOT, 2, 1, 200, 0)}, want{2, ^uint32(4), false, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			insns := append(append([]isa.Instruction{}, c.insns...), halt)
			m := run(t, Options{}, insns...)
			s := m.State()
			if s.Stop != StopHalted || s.Trap != isa.TrapNone {
				t.Fatalf("stop %v trap %v", s.Stop, s.Trap)
			}
			if s.Cycles != uint64(len(insns)) || s.PC != uint32(8*len(c.insns)) {
				t.Errorf("cycles %d pc %d, want %d, %d", s.Cycles, s.PC, len(insns), 8*len(c.insns))
			}
			if s.Registers[c.w.reg] != c.w.v || s.Zero != c.w.z || s.Negative != c.w.n {
				t.Errorf("R%d = %#x Z=%v N=%v, want %#x Z=%v N=%v", c.w.reg, s.Registers[c.w.reg], s.Zero, s.Negative, c.w.v, c.w.z, c.w.n)
			}
		})
	}
}

func TestDMAOverlap(t *testing.T) {
	f := nxb.Raw(code(lc(1, 0), lc(2, 2), I(isa.DMA_COPY, 2, 1, 0, 6), halt))
	f.Data = []nxb.Segment{{Addr: 0, Bytes: []byte{1, 2, 3, 4, 5, 6, 7, 8}}}
	m := load(t, f, Options{})
	m.Run(100)
	if diff := cmp.Diff([]byte{1, 2, 1, 2, 3, 4, 5, 6}, m.Memory()[:8]); diff != "" {
		t.Error(diff)
	}
	m.Reset()
	if diff := cmp.Diff([]byte{1, 2, 3, 4, 5, 6, 7, 8}, m.Memory()[:8]); diff != "" {
		t.Errorf("Reset did not re-initialise memory: %s", diff)
	}
}

func TestJumps(t *testing.T) {
	// Count R1 down from 3 with SUB + JNZ; CMP+JZ exits; CALL/RET.
	m := run(t, Options{},
		lc(1, 3), lc(2, 1), // 0, 8
		I(isa.CALL, 0, 0, 0, 48),               // 16
		I(isa.SUB, 1, 1, 2, 0),                 // 24
		I(isa.JNZ, 0, 0, 0, 16),                // 32
		I(isa.JMP, 0, 0, 0, 64),                // 40
		I(isa.ADD, 3, 3, 2, 0),                 // 48: R3++
		I(isa.RET, 0, 0, 0, 0),                 // 56
		I(isa.CMP, 0, 3, 1, 0),                 // 64: R3 - R1 (3 - 0)
		I(isa.JZ, 0, 0, 0, 0),                  // 72: not taken
		I(isa.CMP, 4, 1, 3, int32(isa.CondLT)), // 80: 0 < 3 -> 1
		I(isa.JNZ, 0, 0, 0, 104),               // 88: taken
		lc(5, 1),                               // 96: skipped
		halt,                                   // 104
	)
	s := m.State()
	if s.Registers[3] != 3 || s.Registers[4] != 1 || s.Registers[5] != 0 || s.PC != 104 || !s.Halted {
		t.Fatalf("%+v", s)
	}
	// 2 + 3*(CALL ADD RET SUB JNZ) + JMP + CMP JZ CMP JNZ + HALT
	if s.Cycles != 2+15+1+4+1 {
		t.Errorf("cycles %d", s.Cycles)
	}
}

func TestPastTheEnd(t *testing.T) {
	// Falling off the end halts without a cycle, pc = code length.
	m := run(t, Options{}, lc(1, 1), lc(2, 2))
	if s := m.State(); !s.Halted || s.PC != 16 || s.Cycles != 2 {
		t.Errorf("fall off: %+v", s)
	}
	// A jump beyond the end: pc stays on the target.
	m = run(t, Options{}, I(isa.JMP, 0, 0, 0, 0x7FFFFFF1))
	if s := m.State(); !s.Halted || s.PC != 0x7FFFFFF1 || s.Cycles != 1 {
		t.Errorf("jump out: %+v", s)
	}
	// RET to an address beyond the end.
	m = run(t, Options{}, lc(1, 1001), I(isa.PUSH, 1, 0, 0, 0), I(isa.RET, 0, 0, 0, 0))
	if s := m.State(); !s.Halted || s.PC != 1001 || s.Cycles != 3 || len(s.Stack) != 0 {
		t.Errorf("ret out: %+v", s)
	}
	// Reaching the end needs no budget.
	m = load(t, nxb.Raw(code(lc(1, 1))), Options{})
	if st := m.Run(1); st != StopHalted {
		t.Errorf("Run(1) on a 1-instruction program = %v, want halted", st)
	}
	// An empty program halts at once.
	m = load(t, nxb.Raw(nil), Options{})
	if st := m.Run(0); st != StopHalted || m.State().PC != 0 {
		t.Errorf("empty program: %v", st)
	}
}

// TestTraps checks each trap leaves pc on the faulting instruction, cycles as
// before it, and the rest of the state untouched.
func TestTraps(t *testing.T) {
	full := make([]isa.Instruction, 0, isa.StackDepth+2)
	for range isa.StackDepth {
		full = append(full, I(isa.PUSH, 0, 0, 0, 0))
	}
	cases := []struct {
		name  string
		o     Options
		insns []isa.Instruction // the last one traps
		trap  isa.Trap
	}{
		{"DIV by zero", Options{}, []isa.Instruction{lc(1, 5), I(isa.DIV, 2, 1, 0, 0)}, isa.TrapDivByZero},
		{"DIV Q by zero", Options{}, []isa.Instruction{lc(1, 5), I(isa.DIV, 2, 1, 0, 3)}, isa.TrapDivByZero},
		{"LOAD out of bounds", Options{}, []isa.Instruction{I(isa.LOAD_REG, 1, 0, 0, isa.MemSize-3)}, isa.TrapMemOutOfBounds},
		{"LOAD wraps out", Options{}, []isa.Instruction{lc(1, -1), I(isa.LOAD_REG, 2, 1, 0, 0)}, isa.TrapMemOutOfBounds},
		{"STORE small memory", Options{MemSize: 8}, []isa.Instruction{I(isa.STORE_REG, 1, 0, 0, 5)}, isa.TrapMemOutOfBounds},
		{"ALLOC", Options{}, []isa.Instruction{lc(1, 1), I(isa.ALLOC, 2, 1, 0, isa.MemSize)}, isa.TrapMemOutOfBounds},
		{"DMA src", Options{}, []isa.Instruction{lc(1, isa.MemSize-2), I(isa.DMA_COPY, 0, 1, 0, 3)}, isa.TrapMemOutOfBounds},
		{"DMA dst", Options{}, []isa.Instruction{lc(1, isa.MemSize-2), I(isa.DMA_COPY, 1, 0, 0, 3)}, isa.TrapMemOutOfBounds},
		{"POP empty", Options{}, []isa.Instruction{I(isa.POP, 1, 0, 0, 0)}, isa.TrapStackUnderflow},
		{"RET empty", Options{}, []isa.Instruction{I(isa.RET, 0, 0, 0, 0)}, isa.TrapStackUnderflow},
		{"PUSH full", Options{}, append(append([]isa.Instruction{}, full...), I(isa.PUSH, 0, 0, 0, 0)), isa.TrapStackOverflow},
		{"CALL full", Options{}, append(append([]isa.Instruction{}, full...), I(isa.CALL, 0, 0, 0, 0)), isa.TrapStackOverflow},
		{"undefined opcode", Options{}, []isa.Instruction{lc(1, 1), I(0x57, 0, 0, 0, 0)}, isa.TrapBadOpcode},
		{"undefined opcode 0xFF", Options{}, []isa.Instruction{I(0xFF, 0, 0, 0, 0)}, isa.TrapBadOpcode},
		{"MUL mode", Options{}, []isa.Instruction{I(isa.MUL, 1, 1, 1, 32)}, isa.TrapBadOpcode},
		{"DIV mode", Options{}, []isa.Instruction{I(isa.DIV, 1, 1, 1, -1)}, isa.TrapBadOpcode},
		{"SHR mode", Options{}, []isa.Instruction{I(isa.SHR, 1, 1, 1, 2)}, isa.TrapBadOpcode},
		{"CMP cond", Options{}, []isa.Instruction{I(isa.CMP, 1, 1, 1, 11)}, isa.TrapBadOpcode},
		{"mode before register", Options{}, []isa.Instruction{I(isa.MUL, 20, 1, 1, 99)}, isa.TrapBadOpcode},
		{"ADD rd R16", Options{}, []isa.Instruction{I(isa.ADD, 16, 0, 0, 0)}, isa.TrapBadRegister},
		{"ADD rs2 R31", Options{}, []isa.Instruction{I(isa.ADD, 0, 0, 31, 0)}, isa.TrapBadRegister},
		{"CMP cond rd", Options{}, []isa.Instruction{I(isa.CMP, 17, 0, 0, 1)}, isa.TrapBadRegister},
		{"PUSH R20", Options{}, []isa.Instruction{I(isa.PUSH, 20, 0, 0, 0)}, isa.TrapBadRegister},
		{"FREE R255", Options{}, []isa.Instruction{I(isa.FREE, 255, 0, 0, 0)}, isa.TrapBadRegister},
		{"SEND rs1", Options{}, []isa.Instruction{I(isa.SEND, 200, 16, 0, 0)}, isa.TrapBadRegister},
		{"READ_IO rd", Options{}, []isa.Instruction{I(isa.READ_IO, 16, 16, 0, 0)}, isa.TrapBadRegister},
		{"READ_IO channel", Options{}, []isa.Instruction{I(isa.READ_IO, 1, 15, 0, 0)}, isa.TrapBadIOChannel},
		{"WRITE_IO channel", Options{}, []isa.Instruction{I(isa.WRITE_IO, 32, 1, 0, 0)}, isa.TrapBadIOChannel},
		{"register before channel", Options{}, []isa.Instruction{I(isa.WRITE_IO, 3, 16, 0, 0)}, isa.TrapBadIOChannel},
		{"JMP misaligned", Options{}, []isa.Instruction{lc(1, 1), I(isa.JMP, 0, 0, 0, 4)}, isa.TrapBadJump},
		{"CALL misaligned", Options{}, []isa.Instruction{I(isa.CALL, 0, 0, 0, 1)}, isa.TrapBadJump},
		{"JZ misaligned taken", Options{}, []isa.Instruction{I(isa.SUB, 1, 1, 1, 0), I(isa.JZ, 0, 0, 0, 3)}, isa.TrapBadJump},
		{"RET misaligned", Options{}, []isa.Instruction{lc(1, 2), I(isa.PUSH, 1, 0, 0, 0), I(isa.RET, 0, 0, 0, 0)}, isa.TrapBadJump},
		{"SEND full", Options{QueueCap: 1}, []isa.Instruction{I(isa.SEND, 1, 1, 0, 0), I(isa.SEND, 2, 1, 0, 0)}, isa.TrapQueueFull},
		{"INTERRUPT full", Options{QueueCap: 2}, []isa.Instruction{I(isa.INTERRUPT, 0, 0, 0, 1), I(isa.INTERRUPT, 0, 0, 0, 2), I(isa.INTERRUPT, 0, 0, 0, 3)}, isa.TrapQueueFull},
		{"hook trap", Options{Profile: isa.ProfileJetson, Hook: trapHook{}}, []isa.Instruction{I(isa.TELL, 1, 2, 0, 3)}, isa.TrapDivByZero},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := load(t, nxb.Raw(code(append(append([]isa.Instruction{}, c.insns...), halt)...)), c.o)
			n := len(c.insns) - 1
			m.Run(uint64(n)) // everything before the faulting instruction
			before := m.State()
			mem := append([]byte{}, m.Memory()...)
			if st := m.Run(10); st != StopTrap {
				t.Fatalf("stop %v, want trap", st)
			}
			s := m.State()
			if s.Trap != c.trap || !errors.Is(s.Trap, c.trap) {
				t.Fatalf("trap %v, want %v", s.Trap, c.trap)
			}
			if s.PC != uint32(8*n) || s.Cycles != uint64(n) {
				t.Errorf("pc %d cycles %d, want %d, %d", s.PC, s.Cycles, 8*n, n)
			}
			before.Stop, before.Trap = s.Stop, s.Trap
			if diff := cmp.Diff(before, s); diff != "" {
				t.Errorf("state changed by the fault:\n%s", diff)
			}
			if !bytes.Equal(mem, m.Memory()) {
				t.Errorf("memory changed by the fault")
			}
			// A trapped machine stays stopped.
			if st := m.Step(); st != StopTrap || m.State().Cycles != s.Cycles {
				t.Errorf("Step after trap = %v", st)
			}
		})
	}
}

type trapHook struct{}

func (trapHook) A2A(isa.Instruction, *[isa.NumGPRegs]uint32) isa.Trap { return isa.TrapDivByZero }

// addHook implements TELL as R[rd] += imm and records what it saw.
type addHook struct{ seen []isa.Instruction }

func (h *addHook) A2A(in isa.Instruction, regs *[isa.NumGPRegs]uint32) isa.Trap {
	h.seen = append(h.seen, in)
	regs[in.Rd&15] += uint32(in.Imm)
	return isa.TrapNone
}

func TestJetsonHook(t *testing.T) {
	h := &addHook{}
	tell := I(isa.TELL, 3, 200, 7, 5)
	m := run(t, Options{Profile: isa.ProfileJetson, Hook: h}, lc(3, 10), tell, tell, halt)
	if s := m.State(); s.Registers[3] != 20 || s.Cycles != 4 {
		t.Errorf("%+v", s)
	}
	if diff := cmp.Diff([]isa.Instruction{tell, tell}, h.seen); diff != "" {
		t.Errorf("hook saw:\n%s", diff)
	}
	// No hook under jetson: NOP. esp32 ignores the hook.
	m = run(t, Options{Profile: isa.ProfileJetson}, lc(3, 10), tell, halt)
	if s := m.State(); s.Registers[3] != 10 || !s.Halted {
		t.Errorf("%+v", s)
	}
	h = &addHook{}
	m = run(t, Options{Hook: h}, lc(3, 10), tell, halt)
	if s := m.State(); s.Registers[3] != 10 || len(h.seen) != 0 {
		t.Errorf("esp32 called the hook: %+v", s)
	}
}

func TestBudgetAndResume(t *testing.T) {
	// An endless loop of 3 instructions; the fused CMP+JNZ must stop exactly.
	prog := code(
		I(isa.ADD, 1, 1, 2, 0), // 0
		I(isa.CMP, 0, 1, 0, 0), // 8: fused with the JNZ
		I(isa.JNZ, 0, 0, 0, 0), // 16
		halt,
	)
	for budget := uint64(0); budget < 12; budget++ {
		m := load(t, nxb.Raw(prog), Options{})
		m.regs[2] = 1
		if st := m.Run(budget); st != StopBudget {
			t.Fatalf("budget %d: stop %v", budget, st)
		}
		s := m.State()
		if s.Cycles != budget || s.PC != uint32(8*(budget%3)) {
			t.Errorf("budget %d: cycles %d pc %d", budget, s.Cycles, s.PC)
		}
		// Resuming one cycle at a time gives the same as one long run.
		for range 7 {
			m.Run(1)
		}
		long := load(t, nxb.Raw(prog), Options{})
		long.regs[2] = 1
		long.Run(budget + 7)
		if diff := cmp.Diff(long.State(), m.State()); diff != "" {
			t.Errorf("budget %d: resumed run differs:\n%s", budget, diff)
		}
	}
	// Step returns StopNone while runnable and stops on HALT.
	m := load(t, nxb.Raw(code(lc(1, 1), halt)), Options{})
	if st := m.Step(); st != StopNone || m.State().Stop != StopNone {
		t.Errorf("Step = %v", st)
	}
	if st := m.Step(); st != StopHalted || m.State().PC != 8 || m.State().Cycles != 2 {
		t.Errorf("Step = %v %+v", st, m.State())
	}
	if st := m.Run(5); st != StopHalted || m.State().Cycles != 2 {
		t.Errorf("Run after halt = %v, cycles %d", st, m.State().Cycles)
	}
}

// TestFusedJumpIntoPair jumps straight to the JZ of a CMP+JZ pair.
func TestFusedJumpIntoPair(t *testing.T) {
	m := run(t, Options{},
		I(isa.SUB, 1, 1, 1, 0),  // 0: Z = 1
		I(isa.JMP, 0, 0, 0, 32), // 8
		I(isa.CMP, 0, 2, 3, 0),  // 16
		halt,                    // 24
		I(isa.JZ, 0, 0, 0, 48),  // 32
		halt,                    // 40
		lc(4, 9),                // 48
		halt,                    // 56
	)
	_ = m
	m = run(t, Options{},
		I(isa.SUB, 1, 1, 1, 0),  // 0: Z = 1
		I(isa.JMP, 0, 0, 0, 24), // 8: into the pair at 16/24
		I(isa.CMP, 0, 5, 6, 0),  // 16: (never executed) 5-6 != 0
		I(isa.JZ, 0, 0, 0, 40),  // 24: taken on the SUB's flags
		halt,                    // 32
		lc(4, 9),                // 40
		halt,                    // 48
	)
	if s := m.State(); s.Registers[4] != 9 || s.PC != 48 || s.Cycles != 5 {
		t.Errorf("%+v", s)
	}
}

func TestQueues(t *testing.T) {
	m := load(t, nxb.Raw(code(
		I(isa.RECV, 1, 0, 0, 0), I(isa.RECV, 2, 0, 0, 0), I(isa.RECV, 3, 0, 0, 0),
		I(isa.SEND, 7, 1, 0, 0), I(isa.SEND, 255, 2, 0, 0),
		I(isa.INTERRUPT, 0, 0, 0, 11), I(isa.INTERRUPT, 0, 0, 0, -1),
		halt)), Options{QueueCap: 2})
	if !m.PushRecv(10) || !m.PushRecv(20) || m.PushRecv(30) {
		t.Fatal("PushRecv capacity")
	}
	if s := m.State(); !cmp.Equal(s.Recv, []uint32{10, 20}) {
		t.Errorf("Recv %v", s.Recv)
	}
	m.Run(100)
	s := m.State()
	if s.Registers[1] != 10 || s.Registers[2] != 20 || s.Registers[3] != 0xFFFFFFFF {
		t.Errorf("RECV order: %v", s.Registers[:4])
	}
	if diff := cmp.Diff([]Send{{7, 10}, {255, 20}}, s.Sent); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]uint32{11, 0xFFFFFFFF}, s.Interrupts); diff != "" {
		t.Error(diff)
	}
	if x, ok := m.PopSend(); !ok || x != (Send{7, 10}) {
		t.Errorf("PopSend %v", x)
	}
	if v, ok := m.PopInterrupt(); !ok || v != 11 {
		t.Errorf("PopInterrupt %v", v)
	}
	if !m.PushInterrupt(5) || m.PushInterrupt(6) {
		t.Error("PushInterrupt capacity")
	}
	if got := m.State().Interrupts; !cmp.Equal(got, []uint32{0xFFFFFFFF, 5}) {
		t.Errorf("interrupts %v", got)
	}
	m.Reset()
	if s := m.State(); len(s.Sent)+len(s.Recv)+len(s.Interrupts) != 0 {
		t.Error("Reset kept queue contents")
	}
}

func TestSleep(t *testing.T) {
	m := run(t, Options{}, I(isa.SLEEP, 0, 0, 0, 5), I(isa.SLEEP, 0, 0, 0, 7), halt)
	if s := m.State(); !s.SleepRequested || s.SleepMs != 7 || s.Cycles != 3 {
		t.Errorf("%+v", s)
	}
}

// tickProgram: init stores 5 at mem[0]; tick adds mem[0] into mem[4] and
// sets R9 (to see registers reset); R1 = mem[4] decides whether to trap
// (when R1 == 15) or loop forever (R1 == 20); failsafe writes 0xFA11 to mem[8].
func tickProgram() *nxb.File {
	insns := []isa.Instruction{
		// tick, 0
		I(isa.ADD, 9, 9, 10, 0), // 0: R10 = 0 so R9 stays 0 if reset
		lc(10, 1),               // 8
		I(isa.LOAD_REG, 1, 0, 0, 0),
		I(isa.LOAD_REG, 2, 0, 0, 4),
		I(isa.ADD, 2, 2, 1, 0),
		I(isa.STORE_REG, 2, 0, 0, 4), // 40
		lc(3, 15),                    // 48
		I(isa.CMP, 0, 2, 3, 0),       // 56
		I(isa.JZ, 0, 0, 0, 120),      // 64 -> trap
		lc(3, 20),                    // 72
		I(isa.CMP, 0, 2, 3, 0),       // 80
		I(isa.JZ, 0, 0, 0, 112),      // 88 -> loop forever
		I(isa.ADD, 9, 9, 10, 0),      // 96
		halt,                         // 104
		I(isa.JMP, 0, 0, 0, 112),     // 112
		I(isa.DIV, 0, 0, 0, 0),       // 120: DIV_BY_ZERO
		// init, 128
		lc(1, 5), I(isa.STORE_REG, 1, 0, 0, 0), halt,
		// failsafe, 152
		lc(1, 0xFA11), I(isa.STORE_REG, 1, 0, 0, 8), halt,
	}
	f := nxb.Raw(code(insns...))
	f.Entry = nxb.Entries{Tick: 0, Init: 128, Failsafe: 152}
	return f
}

func TestTickModel(t *testing.T) {
	m := load(t, tickProgram(), Options{Budget: 1000})
	r := m.Tick() // init runs first: mem[0] = 5; tick: mem[4] = 5
	if r.Init == nil || r.Init.Stop != StopHalted || r.Init.Cycles != 3 {
		t.Fatalf("init %+v", r.Init)
	}
	if r.Stop != StopHalted || r.Failsafe != nil || r.Tick != nil || r.Cycles != 14 {
		t.Fatalf("tick 1 %+v", r)
	}
	if s := m.State(); s.Registers[9] != 1 || s.PC != 104 {
		t.Fatalf("tick 1 state %+v", s)
	}
	r = m.Tick() // mem[4] = 10, R9 reset then incremented once
	if r.Init != nil || r.Stop != StopHalted {
		t.Fatalf("tick 2 %+v", r)
	}
	if s := m.State(); s.Registers[9] != 1 || s.TotalCycles != 3+14+14 {
		t.Fatalf("tick 2 state %+v", s)
	}
	r = m.Tick() // mem[4] = 15: trap, failsafe
	if r.Stop != StopTrap || r.Trap != isa.TrapDivByZero || r.PC != 120 || r.Failsafe == nil {
		t.Fatalf("tick 3 %+v", r)
	}
	if r.Tick == nil || r.Tick.PC != 120 || r.Tick.Trap != isa.TrapDivByZero || r.Tick.Registers[2] != 15 {
		t.Fatalf("tick 3 snapshot %+v", r.Tick)
	}
	if fs := *r.Failsafe; fs.Stop != StopHalted || fs.PC != 168 || fs.Cycles != 3 {
		t.Fatalf("failsafe %+v", fs)
	}
	if s := m.State(); s.Registers[2] != 0 || s.Registers[1] != 0xFA11 || s.PC != 168 {
		t.Fatalf("failsafe state %+v", s)
	}
	m.Memory()[8] = 0
	r = m.Tick() // mem[4] = 20: overrun, failsafe
	if r.Stop != StopBudget || r.Cycles != 1000 || r.Failsafe == nil || r.Failsafe.Stop != StopHalted {
		t.Fatalf("tick 4 %+v", r)
	}
	if m.Memory()[8] != 0x11 {
		t.Error("failsafe did not run on overrun")
	}
	if m.Memory()[4] != 20 {
		t.Errorf("memory did not persist: %d", m.Memory()[4])
	}
	// Reset: memory re-initialised, init runs again.
	m.Reset()
	if m.Memory()[4] != 0 || m.State().PC != 0 || m.State().TotalCycles != 0 {
		t.Error("Reset")
	}
	if _, ok := m.Init(); !ok {
		t.Error("Init after Reset did not run")
	}
	if _, ok := m.Init(); ok {
		t.Error("Init ran twice")
	}
	if r := m.Tick(); r.Init != nil {
		t.Error("Tick ran init after Init")
	}
}

func TestTickNoAlloc(t *testing.T) {
	m := load(t, nxb.Raw(playground()), Options{IO: nopIO{}})
	m.Tick()
	if n := testing.AllocsPerRun(100, func() { m.Tick() }); n != 0 {
		t.Errorf("Tick allocates %v times", n)
	}
}

func TestDeterminism(t *testing.T) {
	f := tickProgram()
	var states []State
	for range 2 {
		m := load(t, f, Options{Budget: 500})
		for range 5 {
			m.Tick()
		}
		states = append(states, m.State())
	}
	if diff := cmp.Diff(states[0], states[1]); diff != "" {
		t.Error(diff)
	}
}
