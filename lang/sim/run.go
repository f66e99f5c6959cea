package sim

import (
	"fmt"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Options configure a simulation.
type Options struct {
	Ticks    int          // ticks to run, from 0; at least 1
	Budget   uint64       // per-tick cycle budget; 0 means isa.DefaultBudget
	Messages MessageKinds // kinds of the inbox and outbox values
}

// Failsafe reasons recorded in a tick.
const (
	ReasonDeclared = "declared" // the scenario declared failsafe
	ReasonBudget   = "budget"   // the tick entry exhausted its budget
	// A trap is recorded as "trap " and the trap's code name.
)

// Trace is what a simulation did.
type Trace struct {
	Reflex    string
	Actuators []ir.Actuator // columns of Tick.Actuators, in declaration order
	Messages  MessageKinds
	Ticks     []Tick

	// Init is how the init entry ended, nil without one; its sends are
	// listed with tick 0.
	Init *vm.RunResult
	// State is the machine as the last tick's entry left it (before a
	// failsafe run), with Sent holding every message sent in the run,
	// and Writes every IO write in order: the report of `--state json`.
	State  vm.State
	Writes [][2]uint32
}

// Tick is one tick of a trace.
type Tick struct {
	Tick      int
	Actuators []int32 // raw words after the tick, one per Trace.Actuators
	Cycles    uint64  // tick entry plus failsafe entry, if it ran
	Failsafe  string  // "" or why the failsafe entry ran
	Sent      []Sent
}

// Sent is one message sent during a tick.
type Sent struct {
	Outbox  string // "" when no outbox has the channel
	Channel uint8
	Raw     int32
}

// simIO is the sensors' and actuators' side of the VM.
type simIO struct {
	in     [isa.LastIOChannel + 1]uint32
	out    [isa.LastIOChannel + 1]uint32
	writes [][2]uint32
}

func (s *simIO) Read(ch uint8) uint32 { return s.in[ch&31] }

func (s *simIO) Write(ch uint8, v uint32) {
	s.out[ch&31] = v
	s.writes = append(s.writes, [2]uint32{uint32(ch), v})
}

// machines holds one VM per entry point; cur holds the live state.
type machines struct {
	tick, init, fs *vm.VM
	cur            *vm.VM
}

// entryFile is f with its tick entry at e and no init or failsafe entry.
func entryFile(f *nxb.File, e uint32) *nxb.File {
	g := *f
	g.Entry = nxb.Entries{Tick: e, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}
	return &g
}

func load(f *nxb.File, o vm.Options) (*machines, error) {
	ms := &machines{}
	tf := *f
	tf.Entry.Init = nxb.NoEntry
	var err error
	if ms.tick, err = vm.New(&tf, o); err != nil {
		return nil, err
	}
	if f.Entry.Init != nxb.NoEntry {
		if ms.init, err = vm.New(entryFile(f, f.Entry.Init), o); err != nil {
			return nil, err
		}
	}
	if f.Entry.Failsafe != nxb.NoEntry {
		if ms.fs, err = vm.New(entryFile(f, f.Entry.Failsafe), o); err != nil {
			return nil, err
		}
	}
	ms.cur = ms.tick
	return ms, nil
}

// switchTo hands data memory and the pending messages to m.
func (ms *machines) switchTo(m *vm.VM) error {
	if m == ms.cur {
		return nil
	}
	m.Reset()
	copy(m.Memory(), ms.cur.Memory())
	for _, v := range ms.cur.State().Recv {
		if !m.PushRecv(v) {
			return fmt.Errorf("the receive queue overflowed")
		}
	}
	ms.cur = m
	return nil
}

// Run simulates the compiled reflex f, whose interface is meta, under the
// scenario sc (nil: every sensor reads 0, nothing is received).
func Run(f *nxb.File, meta ir.Meta, sc *Scenario, o Options) (*Trace, error) {
	if o.Ticks < 1 {
		return nil, fmt.Errorf("the number of ticks must be at least 1, not %d", o.Ticks)
	}
	if sc == nil {
		sc = &Scenario{}
	}
	for _, r := range sc.Rows {
		if len(r.Sensors) != len(meta.Sensors) {
			return nil, fmt.Errorf("the scenario was parsed for %d sensors, but reflex %s has %d", len(r.Sensors), meta.Name, len(meta.Sensors))
		}
	}
	io := &simIO{}
	ms, err := load(f, vm.Options{Budget: o.Budget, IO: io})
	if err != nil {
		return nil, err
	}
	outbox := map[uint8]string{}
	for name, ch := range meta.Outboxes {
		outbox[uint8(ch)] = name
	}
	for _, a := range meta.Actuators {
		io.out[a.Channel&31] = uint32(a.Safe)
	}
	tr := &Trace{Reflex: meta.Name, Actuators: meta.Actuators, Messages: o.Messages, Ticks: make([]Tick, 0, o.Ticks)}
	var allSent []vm.Send
	var pending []Sent
	drain := func() {
		for {
			s, ok := ms.cur.PopSend()
			if !ok {
				return
			}
			allSent = append(allSent, s)
			pending = append(pending, Sent{Outbox: outbox[s.Channel], Channel: s.Channel, Raw: int32(s.Value)})
		}
	}
	if ms.init != nil {
		ms.cur = ms.init
		r := ms.init.Tick()
		tr.Init = &vm.RunResult{Stop: r.Stop, Trap: r.Trap, PC: r.PC, Cycles: r.Cycles}
		tr.State = ms.init.State()
		drain()
	}
	row := 0
	for t := 0; t < o.Ticks; t++ {
		declared := false
		for ; row < len(sc.Rows) && sc.Rows[row].Tick <= t; row++ {
			r := sc.Rows[row]
			if r.Tick < t {
				continue
			}
			for i, c := range r.Sensors {
				if c.Set {
					io.in[meta.Sensors[i].Channel&31] = uint32(c.Raw)
				}
			}
			if r.Recv.Set && !ms.cur.PushRecv(uint32(r.Recv.Raw)) {
				return nil, fmt.Errorf("%s:%d: the receive queue is full at tick %d (%d messages unread)", sc.File, r.Line, t, vm.DefaultQueueCap)
			}
			declared = r.Failsafe
		}
		rec, err := ms.step(declared, &tr.State)
		if err != nil {
			return nil, fmt.Errorf("tick %d: %v", t, err)
		}
		rec.Tick = t
		drain()
		rec.Sent, pending = pending, nil
		rec.Actuators = make([]int32, len(meta.Actuators))
		for i, a := range meta.Actuators {
			rec.Actuators[i] = int32(io.out[a.Channel&31])
		}
		tr.Ticks = append(tr.Ticks, rec)
	}
	tr.State.Sent = append([]vm.Send{}, allSent...)
	tr.Writes = io.writes
	if tr.Writes == nil {
		tr.Writes = [][2]uint32{}
	}
	return tr, nil
}

// step runs one tick on the right machine and records its cycles and any
// failsafe; st receives the state the tick entry left.
func (ms *machines) step(declared bool, st *vm.State) (Tick, error) {
	var rec Tick
	if declared {
		rec.Failsafe = ReasonDeclared
		if ms.fs == nil {
			*st = ms.cur.State()
			return rec, nil
		}
		if err := ms.switchTo(ms.fs); err != nil {
			return rec, err
		}
		r := ms.fs.Tick()
		rec.Cycles = r.Cycles
		*st = ms.fs.State()
		return rec, nil
	}
	if err := ms.switchTo(ms.tick); err != nil {
		return rec, err
	}
	r := ms.tick.Tick()
	rec.Cycles = r.Cycles
	*st = ms.tick.State()
	switch r.Stop {
	case vm.StopTrap:
		rec.Failsafe = "trap " + r.Trap.String()
	case vm.StopBudget:
		rec.Failsafe = ReasonBudget
	}
	if r.Failsafe != nil {
		rec.Cycles += r.Failsafe.Cycles
		*st = *r.Tick
	}
	return rec, nil
}
