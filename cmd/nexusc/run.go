package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
)

var runCmd = command{
	name:    "run",
	args:    "FILE",
	summary: "Run a program in the Go VM: one tick from the tick entry, or --ticks N ticks.",
	detail: `
FILE is a reflex (.reflex), assembly (.s), a .nxb container, or with --raw a
bare instruction stream.

A reflex is compiled (as by nexusc build, with -O and --budget), validated
strictly and simulated tick by tick under --scenario: a CSV file whose
header names tick, sensors, and optionally recv (a message for the inbox)
and failsafe (1: the runtime declares failsafe at that tick), or a .json
array of row objects with the same keys. Values are in each sensor's
declared unit; a sensor keeps its last value until the next row or cell
that gives one. Without --ticks the run ends after the scenario's last
tick. The output is the trace: CSV (tick, each actuator in its declared
unit, cycles, failsafe reason) or with --format json one object with the
messages sent as well; --state json prints the final machine state
instead. A tick that traps runs the failsafe entry and exits 1.

For bytecode: Each tick resets registers, flags and stack and runs from the tick
entry until HALT, a trap, or the cycle budget (--max-cycles); data memory is
kept between ticks. A program's init entry runs once before the first tick
and its failsafe entry runs when a tick traps or overruns.

Before it runs, the program must pass the validator (nexusc validate) under
--policy, budget by default so that experiments with loops still run;
--no-validate skips it.

--state json prints the final state as one JSON object with the keys pc,
cycles, halted, trap, registers, flags, stack, sent and writes.

Exit status: 0 halted or budget exhausted, 1 the program trapped or the
validator rejected it, 2 usage or input error.`,
	examples: []string{
		"nexusc run examples/playground.s --io 16=42",
		"nexusc run examples/playground.s --io 16=42 --state json",
		"nexusc run prog.nxb --ticks 10 --max-cycles 5000 --recv 1,2,3",
		"nexusc run --raw prog.bin --profile jetson",
		"nexusc run examples/depth_keeper.reflex --ticks 200 --scenario dive.csv",
		"nexusc run examples/depth_keeper.reflex --scenario dive.json --format json -O0",
	},
}

func init() {
	register(verb{name: "run", summary: "run bytecode in the Go VM", run: runRun})
}

func runRun(args []string, stdout, stderr io.Writer) int {
	c := runCmd
	fs := c.flags(stderr)
	raw := fs.Bool("raw", false, "read FILE as a bare instruction stream")
	ticks := fs.Int("ticks", 1, "run `N` ticks, keeping data memory between them")
	maxCycles := fs.Uint64("max-cycles", isa.DefaultBudget, "cycle budget of each tick, `N` cycles")
	ioFlags := fs.StringArray("io", nil, "sensor reading for READ_IO as `CH=VALUE` (CH 16..31; repeatable)")
	recv := fs.StringSlice("recv", nil, "values queued for RECV, in order (`V1,V2,...`)")
	profile := fs.String("profile", "esp32", "execution `PROFILE`: esp32 (A2A opcodes are NOPs) or jetson (A2A opcodes call the host)")
	state := fs.String("state", "text", "final state `FORMAT`: text or json")
	format := fs.String("format", "text", "diagnostics `FORMAT`: text or json; for a reflex also the trace's: csv (text) or json")
	scenario := fs.String("scenario", "", "a reflex's sensor values and events over time, `FILE`.csv or .json")
	of := addOptFlags(fs)
	policy := fs.String("policy", "budget", "validation `POLICY` the program must pass first: budget or strict")
	noValidate := fs.Bool("no-validate", false, "run without validating first (for VM testing)")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	pol, ok := validator.PolicyByName(*policy)
	if !ok {
		return c.usageError(stderr, "--policy must be budget or strict, not %q", *policy)
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one input file, got %d", fs.NArg())
	}
	if isReflex(fs.Arg(0)) {
		return runReflex(c, fs, reflexRun{ticks: *ticks, scenario: *scenario, state: *state, format: *format, opt: of}, stdout, stderr)
	}
	if *scenario != "" {
		return c.usageError(stderr, "--scenario applies to a reflex; for bytecode give sensor values with --io")
	}
	if *ticks < 1 {
		return c.usageError(stderr, "--ticks must be at least 1, not %d", *ticks)
	}
	if *maxCycles < 1 {
		return c.usageError(stderr, "--max-cycles must be at least 1")
	}
	prof, ok := isa.ProfileByName(*profile)
	if !ok {
		return c.usageError(stderr, "--profile must be esp32 or jetson, not %q", *profile)
	}
	if *state != "text" && *state != "json" {
		return c.usageError(stderr, "--state must be text or json, not %q", *state)
	}
	if *format != "text" && *format != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *format)
	}
	inputs := map[uint8]uint32{}
	for _, kv := range *ioFlags {
		ch, v, err := parseIO(kv)
		if err != nil {
			return c.usageError(stderr, "--io %s: %v", kv, err)
		}
		inputs[ch] = v
	}
	var queued []uint32
	for _, s := range *recv {
		v, err := parseValue(strings.TrimSpace(s))
		if err != nil {
			return c.usageError(stderr, "--recv %s: %v", s, err)
		}
		queued = append(queued, v)
	}

	f, ok, _ := load(fs.Arg(0), *raw, *format, stderr)
	if !ok {
		return exitUsage
	}
	if !*noValidate {
		r := validator.Validate(f, validator.Options{Policy: pol, Budget: *maxCycles, Profile: prof, File: fs.Arg(0)})
		if !r.OK {
			report(stderr, *format, r.Diagnostics, sourcesFor(fs.Arg(0), *raw))
			if *format != "json" {
				fmt.Fprintf(stderr, "nexusc run: the validator rejected the program under the %s policy (--no-validate runs it anyway)\n", pol)
			}
			return exitRejected
		}
	}
	rio := &vm.RecordingIO{Inputs: inputs}
	opts := vm.Options{Profile: prof, Budget: *maxCycles, IO: rio}
	if prof == isa.ProfileJetson {
		opts.Hook = logHook{stderr}
	}
	m, err := vm.New(f, opts)
	if err != nil {
		report(stderr, *format, fileError(fs.Arg(0), "VM001", err.Error(), ""), nil)
		return exitUsage
	}
	for _, v := range queued {
		if !m.PushRecv(v) {
			return c.usageError(stderr, "--recv: the receive queue is full after %d values", len(m.State().Recv))
		}
	}

	res, st := m.Ticks(*ticks)
	if res.Failsafe != nil {
		// st is the tick as it failed; the failsafe's IO writes and sends
		// are still in the lists, and a note says how it ended.
		fs := res.Failsafe
		fmt.Fprintf(stderr, "nexusc run: the tick stopped (%s); the failsafe entry ran and stopped (%s) at pc %d after %d cycles\n",
			stopText(res.Stop, res.Trap), stopText(fs.Stop, fs.Trap), fs.PC, fs.Cycles)
	}
	if res.Init != nil && res.Init.Stop != vm.StopHalted {
		fmt.Fprintf(stderr, "nexusc run: the init entry stopped (%s) at pc %d after %d cycles\n",
			stopText(res.Init.Stop, res.Init.Trap), res.Init.PC, res.Init.Cycles)
	}
	if *state == "json" {
		b, err := vm.Report(st, rio.Writes)
		if err != nil {
			fmt.Fprintf(stderr, "nexusc run: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stdout, "%s\n", b)
	} else {
		printState(stdout, st, rio.Writes)
	}
	if res.Stop == vm.StopTrap {
		return exitRejected
	}
	return exitOK
}

// parseIO parses CH=VALUE; CH may be written 16..31 or R16..R31.
func parseIO(kv string) (uint8, uint32, error) {
	k, v, ok := strings.Cut(kv, "=")
	if !ok {
		return 0, 0, fmt.Errorf("expected CH=VALUE, e.g. 16=42")
	}
	k = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(k), "R"), "r")
	ch, err := strconv.ParseUint(k, 0, 8)
	if err != nil || ch < isa.FirstIOChannel || ch > isa.LastIOChannel {
		return 0, 0, fmt.Errorf("channel must be %d..%d", isa.FirstIOChannel, isa.LastIOChannel)
	}
	val, err := parseValue(strings.TrimSpace(v))
	if err != nil {
		return 0, 0, err
	}
	return uint8(ch), val, nil
}

// parseValue parses a 32-bit value written signed or unsigned, in decimal,
// 0x hex or 0b binary.
func parseValue(s string) (uint32, error) {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || n < -1<<31 || n > 1<<32-1 {
		return 0, fmt.Errorf("%q is not a 32-bit integer (expected -2147483648..4294967295, decimal, 0x or 0b)", s)
	}
	return uint32(n), nil
}

// logHook is the jetson profile's host hook for the command line: it shows
// each A2A instruction on stderr and lets execution continue.
type logHook struct{ w io.Writer }

func (h logHook) A2A(in isa.Instruction, regs *[isa.NumGPRegs]uint32) isa.Trap {
	fmt.Fprintf(h.w, "a2a: %s rd=%d rs1=%d imm=%d\n", in.Op, in.Rd, in.Rs1, in.Imm)
	return isa.TrapNone
}

func printState(w io.Writer, s vm.State, writes [][2]uint32) {
	switch {
	case s.Trap != isa.TrapNone:
		fmt.Fprintf(w, "trap %s at pc %d (%#x) after %d cycles: %s\n", s.Trap.String(), s.PC, s.PC, s.Cycles, s.Trap.Error())
	case s.Halted:
		fmt.Fprintf(w, "halted at pc %d (%#x) after %d cycles\n", s.PC, s.PC, s.Cycles)
	default:
		fmt.Fprintf(w, "cycle budget exhausted at pc %d (%#x) after %d cycles\n", s.PC, s.PC, s.Cycles)
	}
	var regs []string
	for k, v := range s.Registers {
		if v != 0 {
			regs = append(regs, fmt.Sprintf("R%d=%d", k, v))
		}
	}
	if len(regs) == 0 {
		regs = []string{"all zero"}
	}
	fmt.Fprintf(w, "registers: %s\n", strings.Join(regs, " "))
	fmt.Fprintf(w, "flags:     Z=%d N=%d\n", b2i(s.Zero), b2i(s.Negative))
	fmt.Fprintf(w, "stack:     %v\n", s.Stack)
	if len(s.Sent) > 0 {
		var parts []string
		for _, x := range s.Sent {
			parts = append(parts, fmt.Sprintf("%d:%d", x.Channel, x.Value))
		}
		fmt.Fprintf(w, "sent:      %s\n", strings.Join(parts, " "))
	}
	if len(writes) > 0 {
		var parts []string
		for _, x := range writes {
			parts = append(parts, fmt.Sprintf("%d<-%d", x[0], x[1]))
		}
		fmt.Fprintf(w, "writes:    %s\n", strings.Join(parts, " "))
	}
}

func stopText(s vm.Stop, t isa.Trap) string {
	if s == vm.StopTrap {
		return "trap " + t.String()
	}
	return s.String()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
