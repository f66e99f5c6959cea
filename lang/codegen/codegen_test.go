package codegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// buildSource checks and lowers reflex source.
func buildSource(t testing.TB, name string, src []byte) *ir.Program {
	t.Helper()
	f, info, ds := check.Source(name, src)
	if ds.HasErrors() {
		t.Fatalf("%s: %v", name, ds)
	}
	p, err := ir.Build(f, info)
	if err != nil {
		t.Fatalf("%s: build: %v", name, err)
	}
	return p
}

func buildFile(t testing.TB, path string) *ir.Program {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return buildSource(t, path, src)
}

// generate runs Generate and checks the laws every result obeys: strict
// validation and reassembly of Asm to the same container.
func generate(t testing.TB, p *ir.Program, o Options) *Result {
	t.Helper()
	r, err := Generate(p, o)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	if !r.Valid.OK {
		t.Fatalf("not valid: %v\n%s", r.Valid.Diagnostics, r.Asm)
	}
	f, ds := asm.Assemble("re.s", []byte(r.Asm))
	if ds.HasErrors() {
		t.Fatalf("reassembly: %v", ds)
	}
	if !bytes.Equal(f.Code, r.File.Code) || !reflect.DeepEqual(f.Data, r.File.Data) ||
		f.Entry != r.File.Entry || !reflect.DeepEqual(f.Meta, r.File.Meta) {
		t.Fatalf("Asm does not reassemble to the same container")
	}
	if len(r.File.Debug) != len(r.File.Code)/8 {
		t.Errorf("debug info for %d of %d instructions", len(r.File.Debug), len(r.File.Code)/8)
	}
	return r
}

// scenario is one run's inputs: sensor values and received messages per
// tick.
type scenario struct {
	inputs [][]ir.ChannelValue
	recv   [][]uint32
}

func randomScenario(p *ir.Program, seed uint64, ticks int) scenario {
	rng := rand.New(rand.NewPCG(seed, 7))
	var s scenario
	for range ticks {
		var in []ir.ChannelValue
		for _, sen := range p.Meta.Sensors {
			var v uint32
			switch {
			case sen.Kind == "bool":
				v = uint32(rng.IntN(2))
			case sen.HasRange && sen.Hi >= sen.Lo:
				v = uint32(int64(sen.Lo) + rng.Int64N(int64(sen.Hi)-int64(sen.Lo)+1))
			default:
				v = uint32(rng.Int32N(1<<20) - 1<<19)
			}
			in = append(in, ir.ChannelValue{Channel: sen.Channel, Value: v})
		}
		var rc []uint32
		if rng.IntN(3) == 0 {
			rc = append(rc, uint32(rng.Int32N(40<<16)))
		}
		s.inputs = append(s.inputs, in)
		s.recv = append(s.recv, rc)
	}
	return s
}

// trace is what a run observably does.
type trace struct {
	Writes []ir.ChannelValue
	Sent   []ir.ChannelValue
	Mem    []uint32 // the globals' final words
}

func globalsOf(p *ir.Program, mem []byte) []uint32 {
	var out []uint32
	for _, g := range p.Globals {
		out = append(out, binary.LittleEndian.Uint32(mem[g.Addr:]))
	}
	return out
}

// runIR runs init, the ticks and the failsafe in the reference interpreter.
func runIR(t testing.TB, p *ir.Program, s scenario) trace {
	m := ir.NewMachine(p)
	if err := m.Activate(p.Init); err != nil {
		t.Fatal(err)
	}
	for k := range s.inputs {
		for _, cv := range s.inputs[k] {
			m.Inputs[cv.Channel] = cv.Value
		}
		m.Recv = append(m.Recv, s.recv[k]...)
		if err := m.Tick(); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Activate(p.Failsafe); err != nil {
		t.Fatal(err)
	}
	return trace{Writes: m.Writes, Sent: m.Sent, Mem: globalsOf(p, m.Mem)}
}

// runVM runs the same in the Go VM.
func runVM(t testing.TB, p *ir.Program, f *nxb.File, s scenario) trace {
	rio := &vm.RecordingIO{Inputs: map[uint8]uint32{}}
	m, err := vm.New(f, vm.Options{IO: rio})
	if err != nil {
		t.Fatal(err)
	}
	var tr trace
	drain := func(m *vm.VM) {
		for {
			snd, ok := m.PopSend()
			if !ok {
				return
			}
			tr.Sent = append(tr.Sent, ir.ChannelValue{Channel: int(snd.Channel), Value: snd.Value})
		}
	}
	if r, ok := m.Init(); ok && r.Stop != vm.StopHalted {
		t.Fatalf("init: %v %v", r.Stop, r.Trap)
	}
	for k := range s.inputs {
		for _, cv := range s.inputs[k] {
			rio.Inputs[uint8(cv.Channel)] = cv.Value
		}
		for _, v := range s.recv[k] {
			m.PushRecv(v)
		}
		r := m.Tick()
		if r.Stop != vm.StopHalted || r.Failsafe != nil {
			t.Fatalf("tick %d: %v %v at pc %d", k, r.Stop, r.Trap, r.PC)
		}
		drain(m)
	}
	mem := m.Memory()
	if f.Entry.Failsafe != nxb.NoEntry {
		g := *f
		g.Entry = nxb.Entries{Tick: f.Entry.Failsafe, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}
		fm, err := vm.New(&g, vm.Options{IO: rio})
		if err != nil {
			t.Fatal(err)
		}
		copy(fm.Memory(), mem)
		if r := fm.Tick(); r.Stop != vm.StopHalted {
			t.Fatalf("failsafe: %v %v", r.Stop, r.Trap)
		}
		drain(fm)
		mem = fm.Memory()
	}
	for _, w := range rio.Writes {
		tr.Writes = append(tr.Writes, ir.ChannelValue{Channel: int(w[0]), Value: w[1]})
	}
	tr.Mem = globalsOf(p, mem)
	return tr
}

func compareRuns(t testing.TB, p *ir.Program, f *nxb.File, seed uint64, ticks int) {
	t.Helper()
	s := randomScenario(p, seed, ticks)
	want, got := runIR(t, p, s), runVM(t, p, f, s)
	if !reflect.DeepEqual(want.Writes, got.Writes) {
		t.Errorf("seed %d: writes differ\nIR: %v\nVM: %v", seed, want.Writes, got.Writes)
	}
	if !reflect.DeepEqual(want.Sent, got.Sent) {
		t.Errorf("seed %d: sends differ\nIR: %v\nVM: %v", seed, want.Sent, got.Sent)
	}
	if !reflect.DeepEqual(want.Mem, got.Mem) {
		t.Errorf("seed %d: globals differ\nIR: %v\nVM: %v", seed, want.Mem, got.Mem)
	}
}

func examples(t *testing.T) []string {
	files, _ := filepath.Glob("../../examples/*.reflex")
	if len(files) < 8 {
		t.Fatalf("found %d examples", len(files))
	}
	return files
}

func TestExamples(t *testing.T) {
	for _, path := range examples(t) {
		for _, pp := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/peephole=%v", filepath.Base(path), pp), func(t *testing.T) {
				p := buildFile(t, path)
				r := generate(t, p, Options{Peephole: pp, Optimize: pp, File: filepath.Base(path)})
				for seed := uint64(1); seed <= 4; seed++ {
					compareRuns(t, p, r.File, seed, 50)
				}
				t.Logf("%d instructions, tick WCET %d, entries %v, stack %d, data %d bytes",
					r.Stats.Instructions, r.Stats.WCET, r.Stats.EntryWCET, r.Stats.MaxStack, r.Stats.DataBytes)
				if os.Getenv("CODEGEN_ASM") != "" {
					t.Log(r.Asm)
				}
			})
		}
	}
}
