package isa

import (
	"errors"
	"math"
	"testing"
)

// TestTableComplete checks every defined opcode is fully described and the
// numbering is exactly the seed's: 32 core opcodes 0x00..0x1F and the A2A
// set; every other byte is undefined.
func TestTableComplete(t *testing.T) {
	core := []string{"NOP", "LOAD_CONST", "LOAD_REG", "STORE_REG", "ADD", "SUB", "MUL", "DIV",
		"AND", "OR", "XOR", "NOT", "SHL", "SHR", "CMP", "JMP", "JZ", "JNZ", "CALL", "RET",
		"PUSH", "POP", "READ_IO", "WRITE_IO", "HALT", "SLEEP", "SEND", "RECV", "ALLOC", "FREE",
		"DMA_COPY", "INTERRUPT"}
	for k, name := range core {
		in := Lookup(Opcode(k))
		if in == nil || in.Name != name || in.A2A {
			t.Errorf("opcode %#02x: got %+v, want core %s", k, in, name)
		}
	}
	a2a := map[Opcode]string{0x20: "DECLARE_INTENT", 0x26: "RELEASE_RESOURCE", 0x30: "TELL", 0x34: "REQUEST_OVERRIDE",
		0x40: "REQUIRE_CAPABILITY", 0x44: "RESERVE_RESOURCE", 0x50: "TRUST_CHECK", 0x56: "VERIFY_AUTHORITY"}
	for op, name := range a2a {
		if in := Lookup(op); in == nil || in.Name != name || !in.A2A {
			t.Errorf("opcode %#02x: got %+v, want A2A %s", uint8(op), in, name)
		}
	}
	n := 0
	for b := 0; b < 256; b++ {
		in := Lookup(Opcode(b))
		if in == nil {
			continue
		}
		n++
		if in.Op != Opcode(b) || in.Name == "" || in.Effect == "" {
			t.Errorf("opcode %#02x incompletely described: %+v", b, in)
		}
		if ByName(in.Name) != in {
			t.Errorf("ByName(%q) does not return its entry", in.Name)
		}
		if in.A2A != (b >= 0x20) {
			t.Errorf("%s: A2A flag wrong", in.Name)
		}
	}
	if n != 32+24 {
		t.Errorf("%d opcodes defined, want 56 (32 core + 24 A2A)", n)
	}
}

func TestEncodingRoundTrip(t *testing.T) {
	in := Instruction{Op: CMP, Rd: 3, Rs1: 4, Rs2: 5, Imm: -2}
	b := in.Append(nil)
	want := []byte{0x0E, 3, 4, 5, 0xFE, 0xFF, 0xFF, 0xFF}
	if string(b) != string(want) {
		t.Fatalf("encoded % x, want % x", b, want)
	}
	if got := Decode(b); got != in {
		t.Fatalf("decoded %v, want %v", got, in)
	}
	if _, err := DecodeAll(b[:7]); err == nil {
		t.Fatal("DecodeAll accepted a truncated instruction")
	}
}

func TestCanonical(t *testing.T) {
	cases := []struct {
		in   Instruction
		want bool
	}{
		{Instruction{Op: HALT}, true},
		{Instruction{Op: HALT, Rd: 1}, false},
		{Instruction{Op: CMP, Rs1: 1, Rs2: 2}, true},
		{Instruction{Op: CMP, Rd: 3, Rs1: 1, Rs2: 2}, false}, // rd unused without a condition
		{Instruction{Op: CMP, Rd: 3, Rs1: 1, Rs2: 2, Imm: int32(CondLT)}, true},
		{Instruction{Op: LOAD_CONST, Rd: 1, Imm: -1}, true},
		{Instruction{Op: LOAD_CONST, Rd: 1, Rs2: 1}, false},
		{Instruction{Op: 0xFF}, false},
	}
	for _, c := range cases {
		if got := c.in.Canonical(); got != c.want {
			t.Errorf("%v: Canonical = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestCond(t *testing.T) {
	neg := uint32(0xFFFFFFFF) // -1 signed, max unsigned
	cases := []struct {
		c    Cond
		a, b uint32
		want bool
	}{
		{CondEQ, 5, 5, true}, {CondNE, 5, 5, false},
		{CondLT, neg, 1, true}, {CondLTU, neg, 1, false},
		{CondLE, 1, 1, true}, {CondGT, 1, neg, true}, {CondGTU, 1, neg, false},
		{CondGE, neg, neg, true}, {CondLEU, 0, neg, true}, {CondGEU, neg, 0, true},
		{CondNone, 1, 1, false},
	}
	for _, c := range cases {
		if got := c.c.Eval(c.a, c.b); got != c.want {
			t.Errorf("%v(%d, %d) = %v, want %v", c.c, c.a, c.b, got, c.want)
		}
		if c.c != CondNone && c.c.Negate().Eval(c.a, c.b) == c.want {
			t.Errorf("Negate(%v) does not negate", c.c)
		}
	}
	for _, n := range CondNames() {
		c, ok := CondByName(n)
		if !ok || c.String() != n {
			t.Errorf("CondByName(%q) = %v, %v", n, c, ok)
		}
	}
}

func TestArith(t *testing.T) {
	const minInt = 0x80000000
	neg := func(v int32) uint32 { return uint32(v) }
	if got := Mul(neg(-3), 7, 0); got != neg(-21) {
		t.Errorf("Mul(-3,7) = %d", int32(got))
	}
	// Q16: 1.5 * 2.25 = 3.375
	if got := Mul(3<<15, 9<<14, 16); got != 3<<16+3<<13 {
		t.Errorf("Q16 1.5*2.25 = %#x", got)
	}
	// Arithmetic shift floors: -1 * 1 >> 1 = -1 (floor(-0.5)).
	if got := Mul(neg(-1), 1, 1); got != neg(-1) {
		t.Errorf("Mul(-1,1,1) = %d, want -1", int32(got))
	}
	if q, ok := Div(minInt, neg(-1), 0); !ok || q != minInt {
		t.Errorf("INT_MIN/-1 = %#x, %v", q, ok)
	}
	if q, _ := Div(neg(-7), 2, 0); q != neg(-3) {
		t.Errorf("-7/2 = %d, want -3 (truncation)", int32(q))
	}
	if q, _ := Div(1, 3, 16); q != 0x5555 {
		t.Errorf("Q16 1/3 = %#x, want 0x5555", q)
	}
	if _, ok := Div(1, 0, 0); ok {
		t.Error("Div by zero reported ok")
	}
	if Shl(1, 32) != 1 || Shl(1, 31) != minInt {
		t.Error("Shl does not mask the count to 5 bits")
	}
	if Shr(minInt, 31, false) != 1 || Shr(minInt, 31, true) != math.MaxUint32 {
		t.Error("Shr logical/arithmetic wrong")
	}
}

func TestTrapIsError(t *testing.T) {
	var err error = TrapDivByZero
	if !errors.Is(err, TrapDivByZero) || errors.Is(err, TrapBadJump) {
		t.Fatal("errors.Is does not distinguish traps")
	}
	for k := 0; k < NumTraps; k++ {
		tr := Trap(k)
		if got, ok := TrapByName(tr.String()); !ok || got != tr {
			t.Errorf("TrapByName(%q) = %v, %v", tr.String(), got, ok)
		}
		if tr.Error() == "" {
			t.Errorf("trap %d has no description", k)
		}
	}
	if TrapDivByZero.String() != "DIV_BY_ZERO" || TrapBadIOChannel.String() != "BAD_IO_CHANNEL" {
		t.Error("trap names changed; they are a stable contract")
	}
}
