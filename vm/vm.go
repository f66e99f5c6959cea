package vm

import (
	"fmt"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// IO is the host side of READ_IO and WRITE_IO. ch is always 16..31.
type IO interface {
	Read(ch uint8) uint32
	Write(ch uint8, v uint32)
}

// Hook is the host side of A2A opcodes under the jetson profile. It gets
// the instruction as encoded and the general-purpose registers, which it may
// read and write. Returning a trap other than TrapNone faults the VM on the
// A2A instruction: pc, cycles and registers stay as before it (register
// writes by a trapping hook are discarded). The hook must not keep regs.
type Hook interface {
	A2A(in isa.Instruction, regs *[isa.NumGPRegs]uint32) isa.Trap
}

// Options configure a VM. The zero value is the esp32 profile with the
// default budget, 64 KiB of memory and no IO.
type Options struct {
	Profile  isa.Profile
	Budget   uint64 // per-tick cycle budget; 0 means isa.DefaultBudget
	IO       IO     // nil: reads give 0, writes are dropped
	Hook     Hook   // nil under jetson: A2A acts as NOP
	MemSize  int    // 0 means isa.MemSize; smaller allowed (multiple of 4, >= 4)
	QueueCap int    // capacity of each of the send/recv/interrupt queues; 0 means 256
}

// memArrSize is the size of the array behind data memory: the largest
// memory plus 3 bytes, so that a 4-byte access at any 16-bit address is in
// bounds of the array (the program's bounds are checked against memSize).
const memArrSize = isa.MemSize + 3

// DefaultQueueCap is the queue capacity when Options.QueueCap is 0.
const DefaultQueueCap = 256

// Stop says why execution stopped.
type Stop uint8

const (
	StopNone   Stop = iota // still runnable, or not yet run
	StopHalted             // HALT executed, or pc ran past the end of the code
	StopTrap               // a fault; State.Trap says which
	StopBudget             // the cycle budget is spent; running again resumes
)

var stopNames = [...]string{"none", "halted", "trap", "budget"}

func (s Stop) String() string {
	if int(s) < len(stopNames) {
		return stopNames[s]
	}
	return fmt.Sprintf("stop(%d)", uint8(s))
}

// Send is one queued SEND.
type Send struct {
	Channel uint8
	Value   uint32
}

// State is a snapshot of the machine. Its slices are copies and never nil.
type State struct {
	PC             uint32
	Cycles         uint64 // since the current activation (tick, init, failsafe, or New/Reset) started
	TotalCycles    uint64 // since New or Reset, over all activations
	Registers      [isa.NumRegs]uint32
	Zero, Negative bool
	Stack          []uint32 // bottom first
	Halted         bool
	Trap           isa.Trap
	Stop           Stop
	Sent           []Send   // pending sends, oldest first
	Recv           []uint32 // pending received values, oldest first
	Interrupts     []uint32 // pending interrupts, oldest first
	SleepMs        uint32   // the last SLEEP request of the current activation
	SleepRequested bool     // a SLEEP executed in the current activation
}

// RunResult is how one activation (init, tick or failsafe entry) ended.
type RunResult struct {
	Stop   Stop
	Trap   isa.Trap
	PC     uint32
	Cycles uint64
}

// TickResult is how one Tick ended. Stop, Trap, PC and Cycles describe the
// tick entry's run. Init is non-nil when this call ran the init entry.
// Failsafe is non-nil when the failsafe entry ran, in which case Tick holds
// a snapshot of the machine as the tick entry left it (State afterwards
// shows the failsafe's final state). Pointers are allocated only in those
// rare cases, so an ordinary Tick does not allocate.
type TickResult struct {
	Stop     Stop
	Trap     isa.Trap
	PC       uint32
	Cycles   uint64
	Init     *RunResult
	Failsafe *RunResult
	Tick     *State
}

// VM is one machine. It is not safe for concurrent use.
type VM struct {
	// Hot state, read and written back by exec.
	regs   [isa.NumGPRegs]uint32
	flag   uint32 // last flag-setting result: Z = flag == 0, N = flag>>31
	idx    uint32 // pc as an index into prog.code (>= prog.n: an end sentinel)
	sp     uint32
	stack  [isa.StackDepth]uint32
	mem    []byte            // data memory: memArr[:memSize]
	memArr *[memArrSize]byte // always full size, so the loop's accesses are provably in bounds

	prog    program
	left    uint64 // budget left during exec
	patches [3]patchRec
	npatch  int
	scratch [isa.NumGPRegs]uint32 // registers as the A2A hook sees them
	io      IO
	hook    Hook
	send    ring[Send]
	recv    ring[uint32]
	intr    ring[uint32]
	budget  uint64

	stop     Stop
	trap     isa.Trap
	cycles   uint64
	total    uint64
	sleepMs  uint32
	sleepReq bool
	initDone bool

	file    *nxb.File
	entry   nxb.Entries
	memSize int
}

// New loads f into a new machine: the container is checked, the code
// validated and predecoded, data memory zeroed and the data segments copied
// in, and pc set to the tick entry. Errors are plain-language and concern the
// container or the options; invalid instructions are not errors (they trap
// when executed).
func New(f *nxb.File, o Options) (*VM, error) {
	if f == nil {
		return nil, fmt.Errorf("no program")
	}
	memSize := o.MemSize
	switch {
	case memSize == 0:
		memSize = isa.MemSize
	case memSize < 4 || memSize%4 != 0 || memSize > isa.MemSize:
		return nil, fmt.Errorf("memory size %d is not a multiple of 4 between 4 and %d bytes", memSize, isa.MemSize)
	}
	if o.Profile != isa.ProfileESP32 && o.Profile != isa.ProfileJetson {
		return nil, fmt.Errorf("unknown profile %d (expected esp32 or jetson)", o.Profile)
	}
	qc := o.QueueCap
	switch {
	case qc == 0:
		qc = DefaultQueueCap
	case qc < 0:
		return nil, fmt.Errorf("queue capacity %d is negative", qc)
	}
	if err := f.Check(memSize); err != nil {
		return nil, err
	}
	m := &VM{
		prog:    predecode(f.Code, o.Profile),
		memArr:  new([memArrSize]byte),
		io:      o.IO,
		hook:    o.Hook,
		send:    newRing[Send](qc),
		recv:    newRing[uint32](qc),
		intr:    newRing[uint32](qc),
		budget:  o.Budget,
		file:    f,
		entry:   f.Entry,
		memSize: memSize,
	}
	m.mem = m.memArr[:memSize]
	if m.io == nil {
		m.io = nopIO{}
	}
	if m.budget == 0 {
		m.budget = isa.DefaultBudget
	}
	if m.hook == nil {
		m.hook = nopHook{}
	}
	m.Reset()
	return m, nil
}

// patchRec saves an instruction word charge replaced for the rest of exec.
type patchRec struct {
	at uint32
	w  uint64
}

type nopIO struct{}

func (nopIO) Read(uint8) uint32   { return 0 }
func (nopIO) Write(uint8, uint32) {}

type nopHook struct{}

func (nopHook) A2A(isa.Instruction, *[isa.NumGPRegs]uint32) isa.Trap { return isa.TrapNone }

// Reset returns the machine to its just-loaded state: memory re-initialised
// from the container, registers, flags, stack and queues cleared, cycle
// counts zero, pc at the tick entry, init not yet run.
func (m *VM) Reset() {
	clear(m.mem)
	for _, s := range m.file.Data {
		copy(m.mem[s.Addr:], s.Bytes)
	}
	m.send.clear()
	m.recv.clear()
	m.intr.clear()
	m.total = 0
	m.initDone = false
	m.activate(m.entry.Tick)
}

// activate starts a new activation at byte address entry (a checked entry
// point): fresh registers, flags and stack, zero activation cycles.
func (m *VM) activate(entry uint32) {
	m.regs = [isa.NumGPRegs]uint32{}
	m.flag = 1
	m.sp = 0
	m.idx = entry / isa.InsnSize
	m.stop, m.trap = StopNone, isa.TrapNone
	m.cycles = 0
	m.sleepMs, m.sleepReq = 0, false
}

// stopped reports whether the machine is halted or trapped.
func (m *VM) stopped() bool { return m.stop == StopHalted || m.stop == StopTrap }

// Step executes one instruction. It returns StopNone if the machine is
// still runnable afterwards, StopHalted or StopTrap otherwise. On a stopped
// machine it does nothing and returns the same Stop.
func (m *VM) Step() Stop {
	if m.stopped() {
		return m.stop
	}
	if m.exec(1) == StopBudget {
		m.stop = StopNone
	}
	return m.stop
}

// Run executes from the current pc for up to budget more cycles. It returns
// StopBudget when the budget is spent before the program stops; running
// again continues exactly where it left off. On a stopped machine it does
// nothing and returns the same Stop. Reaching the end of the code halts even
// with no budget left, since it costs no cycle.
func (m *VM) Run(budget uint64) Stop {
	if m.stopped() {
		return m.stop
	}
	return m.exec(budget)
}

func (m *VM) result() RunResult {
	return RunResult{Stop: m.stop, Trap: m.trap, PC: m.prog.pcOf(m.idx), Cycles: m.cycles}
}

func (m *VM) runEntry(entry uint32) RunResult {
	m.activate(entry)
	m.exec(m.budget)
	return m.result()
}

// Init runs the init entry with the per-tick budget if the program has one
// and it has not run since New or Reset. It reports false when it ran
// nothing. A failing init does not run the failsafe and does not prevent
// ticks; the caller decides.
func (m *VM) Init() (TickResult, bool) {
	if m.initDone || m.entry.Init == nxb.NoEntry {
		return TickResult{}, false
	}
	m.initDone = true
	r := m.runEntry(m.entry.Init)
	return TickResult{Stop: r.Stop, Trap: r.Trap, PC: r.PC, Cycles: r.Cycles}, true
}

// Tick runs one tick: Init if it has not run yet, then the tick entry with
// fresh registers, flags and stack and the per-tick budget, then the
// failsafe entry if the tick trapped or ran out of budget and the program
// has one.
func (m *VM) Tick() TickResult {
	var res TickResult
	if r, ok := m.Init(); ok {
		res.Init = &RunResult{Stop: r.Stop, Trap: r.Trap, PC: r.PC, Cycles: r.Cycles}
	}
	r := m.runEntry(m.entry.Tick)
	res.Stop, res.Trap, res.PC, res.Cycles = r.Stop, r.Trap, r.PC, r.Cycles
	if (r.Stop == StopTrap || r.Stop == StopBudget) && m.entry.Failsafe != nxb.NoEntry {
		st := m.State()
		res.Tick = &st
		fs := m.runEntry(m.entry.Failsafe)
		res.Failsafe = &fs
	}
	return res
}

// State returns a snapshot of the machine.
func (m *VM) State() State {
	s := State{
		PC:             m.prog.pcOf(m.idx),
		Cycles:         m.cycles,
		TotalCycles:    m.total,
		Zero:           m.flag == 0,
		Negative:       m.flag>>31 != 0,
		Stack:          append([]uint32{}, m.stack[:m.sp]...),
		Halted:         m.stop == StopHalted,
		Trap:           m.trap,
		Stop:           m.stop,
		Sent:           m.send.slice(),
		Recv:           m.recv.slice(),
		Interrupts:     m.intr.slice(),
		SleepMs:        m.sleepMs,
		SleepRequested: m.sleepReq,
	}
	copy(s.Registers[:], m.regs[:])
	return s
}

// PushRecv queues v for RECV, reporting false when the queue is full.
func (m *VM) PushRecv(v uint32) bool { return m.recv.push(v) }

// PopSend removes the oldest pending SEND.
func (m *VM) PopSend() (Send, bool) { return m.send.pop() }

// PushInterrupt queues an interrupt, reporting false when the queue is full.
func (m *VM) PushInterrupt(v uint32) bool { return m.intr.push(v) }

// PopInterrupt removes the oldest pending interrupt.
func (m *VM) PopInterrupt() (uint32, bool) { return m.intr.pop() }

// Memory returns data memory itself, for tests and tools to read. Writing
// to it changes the machine.
func (m *VM) Memory() []byte { return m.mem }

// Ticks runs up to n ticks (at least one), stopping after a tick whose
// entry traps, the way a node runs a program and `nexusc run --ticks`
// shows it. Sends are drained after every tick, so a long run cannot fill
// the queue; all of them are returned in order. The State is the machine
// as the last tick's entry left it (before any failsafe run; the
// failsafe's sends and IO writes still count), with Sent holding every
// value sent.
func (m *VM) Ticks(n int) (TickResult, State) {
	var sent []Send
	var res TickResult
	for range max(n, 1) {
		res = m.Tick()
		for {
			s, ok := m.PopSend()
			if !ok {
				break
			}
			sent = append(sent, s)
		}
		if res.Stop == StopTrap {
			break
		}
	}
	st := m.State()
	if res.Failsafe != nil {
		st = *res.Tick
	}
	st.Sent = append([]Send{}, sent...)
	return res, st
}
