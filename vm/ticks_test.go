package vm

import (
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// TestTicks checks the node loop: memory persists, sends are drained after
// every tick (so more than a queue's worth can be sent), and a trap stops it.
func TestTicks(t *testing.T) {
	code := isa.EncodeAll([]isa.Instruction{
		{Op: isa.LOAD_REG, Rd: 1, Rs1: 0, Imm: 0x100},
		{Op: isa.LOAD_CONST, Rd: 2, Imm: 1},
		{Op: isa.ADD, Rd: 1, Rs1: 1, Rs2: 2},
		{Op: isa.STORE_REG, Rd: 1, Rs1: 0, Imm: 0x100},
		{Op: isa.SEND, Rd: 3, Rs1: 1},
		{Op: isa.LOAD_CONST, Rd: 4, Imm: 300},
		{Op: isa.CMP, Rd: 5, Rs1: 1, Rs2: 4, Imm: int32(isa.CondEQ)},
		{Op: isa.JZ, Imm: 9 * 8},
		{Op: isa.DIV, Rd: 6, Rs1: 1, Rs2: 0}, // traps on the 300th tick
		{Op: isa.HALT},
	})
	m, err := New(nxb.Raw(code), Options{QueueCap: 4})
	if err != nil {
		t.Fatal(err)
	}
	res, st := m.Ticks(1000)
	if res.Stop != StopTrap || st.Trap != isa.TrapDivByZero || st.PC != 64 {
		t.Fatalf("stop %v trap %v pc %d, want a DIV_BY_ZERO trap at 64", res.Stop, st.Trap, st.PC)
	}
	if len(st.Sent) != 300 || st.Sent[0].Value != 1 || st.Sent[299] != (Send{3, 300}) {
		t.Fatalf("sent %d values (first %v), want 1..300 on channel 3", len(st.Sent), st.Sent[:1])
	}
}
