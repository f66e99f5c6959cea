package bench

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/sim"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// randomTicks is how many ticks of random in-range input follow the
// scenario in each run of TestHandMatchesCompiled.
const randomTicks = 250

// event is one thing a tick did that the host can observe: an IO write
// ('w': channel, value), a SEND ('s': channel, value) or an A2A hook call
// ('a': opcode, the value of its rd register and its imm, which is all
// spec/compiler.md §6 gives it).
type event struct {
	kind byte
	ch   uint8
	op   isa.Opcode
	v    uint32
	imm  int32
}

func (e event) String() string {
	switch e.kind {
	case 'w':
		return fmt.Sprintf("write R%d=%d", e.ch, int32(e.v))
	case 's':
		return fmt.Sprintf("send %d=%d", e.ch, int32(e.v))
	}
	return fmt.Sprintf("%v(%d, %d)", e.op, int32(e.v), e.imm)
}

// host records, tick by tick, every IO write and A2A call of a machine run
// under the jetson profile (so A2A reaches the hook instead of being a NOP).
type host struct {
	in     [isa.LastIOChannel + 1]uint32
	events []event
}

func (h *host) Read(ch uint8) uint32 { return h.in[ch&31] }

func (h *host) Write(ch uint8, v uint32) {
	h.events = append(h.events, event{kind: 'w', ch: ch, v: v})
}

// A2A leaves the registers unchanged, as the generated code assumes.
func (h *host) A2A(in isa.Instruction, regs *[isa.NumGPRegs]uint32) isa.Trap {
	h.events = append(h.events, event{kind: 'a', op: in.Op, v: regs[in.Rd&15], imm: in.Imm})
	return isa.TrapNone
}

// tickLog is what one tick did.
type tickLog struct {
	events   []event
	stop     vm.Stop
	trap     isa.Trap
	failsafe bool
	cycles   uint64
}

// runLog runs f tick by tick over rows (sensor values persist between
// rows, as in lang/sim) and records each tick. Declared failsafes are not
// modelled: the rows given here have none.
func runLog(tb testing.TB, f *nxb.File, meta ir.Meta, rows []sim.Row, ticks int) []tickLog {
	tb.Helper()
	h := &host{}
	m, err := vm.New(f, vm.Options{Profile: isa.ProfileJetson, IO: h, Hook: h})
	if err != nil {
		tb.Fatal(err)
	}
	logs := make([]tickLog, 0, ticks)
	row := 0
	for t := 0; t < ticks; t++ {
		for ; row < len(rows) && rows[row].Tick <= t; row++ {
			if rows[row].Failsafe {
				tb.Fatalf("tick %d: a declared failsafe is not modelled here", t)
			}
			for i, c := range rows[row].Sensors {
				if c.Set {
					h.in[meta.Sensors[i].Channel&31] = uint32(c.Raw)
				}
			}
			if rows[row].Recv.Set && !m.PushRecv(uint32(rows[row].Recv.Raw)) {
				tb.Fatalf("tick %d: the receive queue is full", t)
			}
		}
		r := m.Tick()
		for {
			s, ok := m.PopSend()
			if !ok {
				break
			}
			h.events = append(h.events, event{kind: 's', ch: s.Channel, v: s.Value})
		}
		logs = append(logs, tickLog{events: h.events, stop: r.Stop, trap: r.Trap, failsafe: r.Failsafe != nil, cycles: r.Cycles})
		h.events = nil
	}
	return logs
}

// randomRows continues a scenario from tick `from` for n ticks: each tick
// every sensor takes a new in-range value with probability 1/4 (a bool is
// true with probability pTrue), and an inbox gets a message now and then.
func randomRows(r *rand.Rand, m ir.Meta, from, n int, pTrue float64) []sim.Row {
	rows := make([]sim.Row, 0, n)
	for t := from; t < from+n; t++ {
		row := sim.Row{Tick: t, Sensors: make([]sim.Cell, len(m.Sensors))}
		for i, s := range m.Sensors {
			if r.Intn(4) != 0 {
				continue
			}
			var v int32
			switch {
			case s.Kind == "bool":
				if r.Float64() < pTrue {
					v = 1
				}
			case s.HasRange:
				v = s.Lo + int32(r.Int63n(int64(s.Hi)-int64(s.Lo)+1))
			default:
				v = int32(r.Intn(1 << 20))
			}
			row.Sensors[i] = sim.Cell{Raw: v, Set: true}
		}
		if m.Inbox != "" && r.Intn(5) == 0 {
			row.Recv = sim.Cell{Raw: int32(r.Intn(30 << 16)), Set: true}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestHandMatchesCompiled runs each hand-written program and the -O2 build
// of its reflex side by side on the reflex's scenario followed by random
// in-range input, in four runs with different seeds and densities of true
// bool sensors. Tick by tick they must make the same IO writes, in the same
// order, the same sends and the same A2A calls, and neither may trap, run
// out of budget or fall back to its failsafe entry.
func TestHandMatchesCompiled(t *testing.T) {
	n := 0
	for _, c := range loadSuite(t) {
		if c.hand == nil {
			continue
		}
		n++
		t.Run(c.name, func(t *testing.T) {
			var handCycles, o2Cycles, ticks uint64
			for seed, pTrue := range []float64{0, 0.02, 0.1, 0.5} {
				r := rand.New(rand.NewSource(int64(seed + 1)))
				total := c.ticks + randomTicks
				rows := append(append([]sim.Row(nil), c.sc.Rows...), randomRows(r, c.meta, c.ticks, randomTicks, pTrue)...)
				want := runLog(t, c.o2.file, c.meta, rows, total)
				got := runLog(t, c.hand.file, c.meta, rows, total)
				for i := range want {
					w, g := want[i], got[i]
					if w.stop != vm.StopHalted || g.stop != vm.StopHalted || w.failsafe || g.failsafe {
						t.Fatalf("seed %d tick %d: -O2 stopped %v (trap %v, failsafe %v), hand %v (trap %v, failsafe %v)", seed+1, i, w.stop, w.trap, w.failsafe, g.stop, g.trap, g.failsafe)
					}
					if !reflect.DeepEqual(w.events, g.events) {
						t.Fatalf("seed %d tick %d (%s): -O2 did %v, the hand-written code %v", seed+1, i, phase(i, c.ticks), w.events, g.events)
					}
					handCycles += g.cycles
					o2Cycles += w.cycles
					ticks++
				}
			}
			t.Logf("%d ticks agree; average cycles per tick on them: -O2 %.2f, hand %.2f", ticks, float64(o2Cycles)/float64(ticks), float64(handCycles)/float64(ticks))
		})
	}
	if n != 3 {
		t.Errorf("want 3 hand-written programs in %s/, found %d", handDir, n)
	}
}

func phase(tick, scenarioTicks int) string {
	if tick < scenarioTicks {
		return "scenario"
	}
	return "random input"
}
