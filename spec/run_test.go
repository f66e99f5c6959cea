package spec_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// TestExamples assembles and runs every example of isa.md and checks its
// expectations. Subtests are named isa.md:LINE (the opening fence).
func TestExamples(t *testing.T) {
	for _, e := range mustExamples(t) {
		t.Run(e.name(), func(t *testing.T) {
			f := assemble(t, e)
			if e.code != nil && !bytes.Equal(f.Code, e.code) {
				t.Errorf("encoding:\n got  %s\n want %s", insnHex(f.Code), insnHex(e.code))
			}
			o := run(t, e, f)
			for _, c := range e.checks {
				if msg := c.verify(o); msg != "" {
					t.Errorf("%s: %s", c.text, msg)
				}
			}
		})
	}
}

// TestEveryOpcodeHasAnExample checks that each opcode isa defines is
// assembled into at least one example, so no instruction goes untested.
func TestEveryOpcodeHasAnExample(t *testing.T) {
	used := map[isa.Opcode]bool{}
	for _, e := range mustExamples(t) {
		f, _ := asm.Assemble(docPath, []byte(e.src))
		if f == nil {
			continue // TestExamples reports it
		}
		insns, err := isa.DecodeAll(f.Code)
		if err != nil {
			t.Fatalf("%s: %v", e.name(), err)
		}
		for _, in := range insns {
			used[in.Op] = true
		}
	}
	for _, in := range isa.All() {
		if !used[in.Op] {
			t.Errorf("opcode %#02x %s has no example in %s", uint8(in.Op), in.Name, docPath)
		}
	}
}

func assemble(t *testing.T, e *example) *nxb.File {
	t.Helper()
	f, diags := asm.Assemble(docPath, []byte(e.src))
	if f == nil || diags.HasErrors() {
		var b bytes.Buffer
		diag.Render(&b, diags, diag.Sources{docPath: []byte(e.src)})
		t.Fatalf("does not assemble:\n%s", b.String())
	}
	return f
}

// run executes e on a fresh machine as its input directives say.
func run(t *testing.T, e *example, f *nxb.File) *outcome {
	t.Helper()
	rio := &vm.RecordingIO{Inputs: e.inputs.io}
	h := &recordingHook{trap: e.inputs.hookTrap}
	opts := vm.Options{Profile: e.inputs.profile, IO: rio, Hook: h}
	budgets := e.inputs.budgets
	if e.inputs.ticks > 0 && len(budgets) > 0 {
		opts.Budget = budgets[0]
	}
	m, err := vm.New(f, opts)
	if err != nil {
		t.Fatalf("vm.New: %v", err)
	}
	for _, v := range e.inputs.recv {
		if !m.PushRecv(v) {
			t.Fatalf("receive queue full")
		}
	}
	if e.inputs.ticks > 0 {
		for k := 0; k < e.inputs.ticks; k++ {
			m.Tick()
		}
	} else {
		if len(budgets) == 0 {
			budgets = []uint64{isa.DefaultBudget}
		}
		for _, b := range budgets {
			m.Run(b)
		}
	}
	st := m.State()
	o := &outcome{
		regs: st.Registers, z: st.Zero, n: st.Negative, pc: st.PC, cycles: st.Cycles,
		halted: st.Halted, exhausted: st.Stop == vm.StopBudget, trap: st.Trap,
		stack: st.Stack, writes: rio.Writes, interrupts: st.Interrupts, hook: h.calls,
		sleep: st.SleepMs, sleepRequested: st.SleepRequested,
	}
	if o.writes == nil {
		o.writes = [][2]uint32{}
	}
	o.sent = [][2]uint32{}
	for _, s := range st.Sent {
		o.sent = append(o.sent, [2]uint32{uint32(s.Channel), s.Value})
	}
	if o.hook == nil {
		o.hook = []string{}
	}
	mem := m.Memory()
	o.mem = func(addr uint32, n int) ([]byte, bool) {
		if uint64(addr)+uint64(n) > uint64(len(mem)) {
			return nil, false
		}
		return mem[addr : int(addr)+n], true
	}
	return o
}

// recordingHook is the example host hook of section 9: it records each A2A
// call as NAME(rd,rs1,imm), writes the instruction's imm into R15, and
// returns trap (NONE unless the example says `; hooktrap:`).
type recordingHook struct {
	calls []string
	trap  isa.Trap
}

func (h *recordingHook) A2A(in isa.Instruction, regs *[isa.NumGPRegs]uint32) isa.Trap {
	h.calls = append(h.calls, hookCall(in))
	regs[15] = uint32(in.Imm)
	return h.trap
}

// insnHex shows code one instruction a group, as the `; code:` lines do.
func insnHex(code []byte) string {
	var b bytes.Buffer
	for k := 0; k < len(code); k += isa.InsnSize {
		if k > 0 {
			b.WriteString(" | ")
		}
		end := min(k+isa.InsnSize, len(code))
		b.WriteString(hex.EncodeToString(code[k:end]))
	}
	return b.String()
}
