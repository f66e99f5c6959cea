package firmware_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// runners are the C runner builds every case is checked against.
var runners = []string{"build/nexus-vm-c", "build/nexus-vm-c-san"}

var (
	buildOnce sync.Once
	buildErr  error
)

// buildC runs `make -C firmware all sanitize` once per test binary. make and
// a C compiler are part of every NEXUS development machine (README), so their
// absence fails the test rather than silently skipping the comparison.
func buildC(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"make", "cc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("no %s on PATH: the C VM cannot be built (install gcc and make)", tool)
		}
	}
	buildOnce.Do(func() {
		out, err := exec.Command("make", "-s", "all", "sanitize").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("make all sanitize: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
}

// inputs are the runner options of one case.
type inputs struct {
	io     map[uint8]uint32
	recv   []uint32
	budget uint64 // 0: the default
	ticks  int    // 0: one
}

func (in inputs) args() []string {
	var a []string
	for ch := uint8(16); ch < 32; ch++ {
		if v, ok := in.io[ch]; ok {
			a = append(a, "--io", fmt.Sprintf("%d=%d", ch, v))
		}
	}
	if len(in.recv) > 0 {
		var s []string
		for _, v := range in.recv {
			s = append(s, strconv.FormatUint(uint64(v), 10))
		}
		a = append(a, "--recv", strings.Join(s, ","))
	}
	if in.budget != 0 {
		a = append(a, "--max-cycles", strconv.FormatUint(in.budget, 10))
	}
	if in.ticks != 0 {
		a = append(a, "--ticks", strconv.Itoa(in.ticks))
	}
	return a
}

// goRun is `nexusc run FILE --raw --no-validate --state json` in process:
// the same sequence of calls as cmd/nexusc/run.go. It returns the report
// line and the exit status.
func goRun(t *testing.T, code []byte, in inputs) ([]byte, int) {
	t.Helper()
	rio := &vm.RecordingIO{Inputs: in.io}
	budget := in.budget
	if budget == 0 {
		budget = isa.DefaultBudget
	}
	m, err := vm.New(nxb.Raw(code), vm.Options{Budget: budget, IO: rio})
	if err != nil {
		t.Fatalf("vm.New: %v", err)
	}
	for _, v := range in.recv {
		if !m.PushRecv(v) {
			t.Fatalf("receive queue full")
		}
	}
	res, st := m.Ticks(in.ticks)
	b, err := vm.Report(st, rio.Writes)
	if err != nil {
		t.Fatal(err)
	}
	exit := 0
	if res.Stop == vm.StopTrap {
		exit = 1
	}
	return append(b, '\n'), exit
}

// cRun runs one C runner build on a raw code file.
func cRun(t *testing.T, bin, file string, in inputs) ([]byte, int) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{file}, in.args()...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return stdout.Bytes(), 0
	case errors.As(err, &ee) && (ee.ExitCode() == 1):
		return stdout.Bytes(), 1
	}
	t.Fatalf("%s %s: %v\n%s", bin, strings.Join(cmd.Args[1:], " "), err, stderr.String())
	return nil, 0
}

// agree checks every C runner build against the Go VM on code and in.
func agree(t *testing.T, code []byte, in inputs) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "prog.bin")
	if err := os.WriteFile(file, code, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantExit := goRun(t, code, in)
	for _, bin := range runners {
		got, exit := cRun(t, bin, file, in)
		if !bytes.Equal(got, want) || exit != wantExit {
			t.Errorf("%s %v disagrees with the Go VM\n go (exit %d): %s  c (exit %d): %s", bin, in.args(), wantExit, want, exit, got)
		}
	}
}

// rawCode assembles src and returns its code if the raw runner can run it:
// no data segments, tick entry 0, no init or failsafe entry.
func rawCode(t *testing.T, name string, src []byte) ([]byte, bool) {
	t.Helper()
	f, diags := asm.Assemble(name, src)
	if f == nil || diags.HasErrors() {
		t.Fatalf("%s does not assemble: %v", name, diags)
	}
	if len(f.Data) > 0 || f.Entry != (nxb.Entries{Tick: 0, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}) {
		return nil, false
	}
	return f.Code, true
}

// TestReferenceCorpus runs testdata/reference/*.s with their `; args:`.
func TestReferenceCorpus(t *testing.T) {
	buildC(t)
	files, err := filepath.Glob("../testdata/reference/*.s")
	if err != nil || len(files) == 0 {
		t.Fatalf("no reference programs: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			code, ok := rawCode(t, file, src)
			if !ok {
				t.Skip("has data segments or entries: not a raw program")
			}
			in, err := parseArgs(src)
			if err != nil {
				t.Fatal(err)
			}
			agree(t, code, in)
		})
	}
}

// parseArgs reads the `; args:` header of a reference program.
func parseArgs(src []byte) (inputs, error) {
	var in inputs
	for _, line := range strings.Split(string(src), "\n") {
		body, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), ";#")), "args:")
		if !ok || !strings.HasPrefix(strings.TrimSpace(line), ";") && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Fields(body)
		for k := 0; k+1 < len(f); k += 2 {
			v := f[k+1]
			switch f[k] {
			case "--io":
				ch, val, ok := strings.Cut(v, "=")
				c, err1 := strconv.ParseUint(strings.TrimPrefix(ch, "R"), 0, 8)
				n, err2 := strconv.ParseInt(val, 0, 64)
				if !ok || err1 != nil || err2 != nil {
					return in, fmt.Errorf("bad --io %q", v)
				}
				if in.io == nil {
					in.io = map[uint8]uint32{}
				}
				in.io[uint8(c)] = uint32(n)
			case "--recv":
				for _, s := range strings.Split(v, ",") {
					n, err := strconv.ParseInt(s, 0, 64)
					if err != nil {
						return in, err
					}
					in.recv = append(in.recv, uint32(n))
				}
			case "--max-cycles":
				n, err := strconv.ParseUint(v, 0, 64)
				if err != nil {
					return in, err
				}
				in.budget = n
			case "--ticks":
				n, err := strconv.Atoi(v)
				if err != nil {
					return in, err
				}
				in.ticks = n
			default:
				return in, fmt.Errorf("unknown flag %q", f[k])
			}
		}
		break
	}
	return in, nil
}

var (
	fenceRE     = regexp.MustCompile("^\\s*```nexus\\s*$")
	directiveRE = regexp.MustCompile(`^\s*;\s*([a-z]+)\s*:\s*(.*?)\s*$`)
)

// TestSpecExamples runs every ```nexus example of spec/isa.md the raw
// runner can express: esp32 profile, at most one budget, no data, no
// entries. The Go VM's answer is not checked here (spec's own test does
// that); only that the C VM gives the same one.
func TestSpecExamples(t *testing.T) {
	buildC(t)
	doc, err := os.ReadFile("../spec/isa.md")
	if err != nil {
		t.Fatal(err)
	}
	var ran int
	sc := bufio.NewScanner(bytes.NewReader(doc))
	var (
		cur   *strings.Builder
		start int
	)
	type ex struct {
		line int
		src  string
	}
	var exs []ex
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && fenceRE.MatchString(line):
			cur, start = &strings.Builder{}, n
		case cur != nil && strings.TrimSpace(line) == "```":
			exs = append(exs, ex{start, cur.String()})
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	for _, e := range exs {
		t.Run(fmt.Sprintf("isa.md:%d", e.line), func(t *testing.T) {
			in, ok, err := exampleInputs(e.src)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Skip("needs the jetson profile or several budgets")
			}
			code, ok := rawCode(t, "isa.md", []byte(e.src))
			if !ok {
				t.Skip("has data segments or entries: not a raw program")
			}
			ran++
			agree(t, code, in)
		})
	}
	if ran < 60 {
		t.Errorf("only %d of %d examples ran on the C VM; expected most of them", ran, len(exs))
	}
}

func exampleInputs(src string) (inputs, bool, error) {
	var in inputs
	for _, line := range strings.Split(src, "\n") {
		m := directiveRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		val := m[2]
		switch m[1] {
		case "io":
			for _, kv := range strings.Fields(val) {
				ch, v, _ := strings.Cut(kv, "=")
				c, err1 := strconv.ParseUint(ch, 0, 8)
				n, err2 := strconv.ParseInt(v, 0, 64)
				if err1 != nil || err2 != nil {
					return in, false, fmt.Errorf("bad io %q", kv)
				}
				if in.io == nil {
					in.io = map[uint8]uint32{}
				}
				in.io[uint8(c)] = uint32(n)
			}
		case "recv":
			for _, s := range strings.Split(val, ",") {
				n, err := strconv.ParseInt(strings.TrimSpace(s), 0, 64)
				if err != nil {
					return in, false, err
				}
				in.recv = append(in.recv, uint32(n))
			}
		case "budget":
			if strings.Contains(val, ",") {
				return in, false, nil
			}
			n, err := strconv.ParseUint(val, 0, 64)
			if err != nil {
				return in, false, err
			}
			in.budget = n
		case "ticks":
			n, err := strconv.Atoi(val)
			if err != nil {
				return in, false, err
			}
			in.ticks = n
		case "profile":
			if val != "esp32" {
				return in, false, nil
			}
		case "hooktrap":
			return in, false, nil
		}
	}
	return in, true, nil
}

// TestRandomPrograms compares the VMs on short random programs biased
// towards edge values, faults, budget exhaustion and several ticks. (The
// long differential run lives in spec/conformance; this is the quick
// guard for the C VM's own changes.)
func TestRandomPrograms(t *testing.T) {
	buildC(t)
	n := 300
	if testing.Short() {
		n = 60
	}
	r := rand.New(rand.NewPCG(4, 2))
	for k := range n {
		code, in := randomProgram(r)
		t.Run(strconv.Itoa(k), func(t *testing.T) {
			t.Parallel()
			agree(t, code, in)
		})
	}
}

var edge = []uint32{0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 33, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE,
	65532, 65533, 65535, 65536, 100, 0xFFFF0000}

func randomProgram(r *rand.Rand) ([]byte, inputs) {
	n := 1 + r.IntN(24)
	pick := func() uint32 {
		if r.IntN(3) == 0 {
			return r.Uint32()
		}
		return edge[r.IntN(len(edge))]
	}
	reg := func() uint8 {
		switch r.IntN(20) {
		case 0:
			return uint8(16 + r.IntN(240))
		case 1:
			return uint8(16 + r.IntN(16))
		}
		return uint8(r.IntN(6))
	}
	code := make([]byte, 0, 8*n)
	for range n {
		var op uint8
		switch x := r.IntN(20); {
		case x < 17:
			op = uint8(r.IntN(0x20))
		case x < 19:
			op = uint8(0x20 + r.IntN(0x37))
		default:
			op = uint8(r.IntN(256))
		}
		rd, rs1, rs2 := reg(), reg(), reg()
		var imm uint32
		switch isa.Opcode(op) {
		case isa.LOAD_CONST, isa.LOAD_REG, isa.STORE_REG, isa.ALLOC, isa.DMA_COPY, isa.SLEEP, isa.INTERRUPT:
			imm = pick()
		case isa.MUL, isa.DIV:
			imm = uint32(r.IntN(34))
		case isa.SHR:
			imm = uint32(r.IntN(3))
		case isa.CMP:
			imm = uint32(r.IntN(12))
		case isa.JMP, isa.JZ, isa.JNZ, isa.CALL:
			imm = uint32(8 * r.IntN(n+2))
			if r.IntN(8) == 0 {
				imm += uint32(1 + r.IntN(7))
			}
		case isa.READ_IO, isa.WRITE_IO:
			if r.IntN(8) != 0 {
				ch := uint8(16 + r.IntN(16))
				if op == uint8(isa.READ_IO) {
					rs1 = ch
				} else {
					rd = ch
				}
			}
		case isa.SEND:
			rd = uint8(r.IntN(256))
		default:
			if r.IntN(4) == 0 {
				imm = pick()
			}
		}
		code = append(code, op, rd, rs1, rs2, 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(code[len(code)-4:], imm)
	}
	var in inputs
	if r.IntN(2) == 0 {
		in.io = map[uint8]uint32{}
		for range r.IntN(4) {
			in.io[uint8(16+r.IntN(16))] = pick()
		}
	}
	for range r.IntN(4) {
		in.recv = append(in.recv, pick())
	}
	if r.IntN(2) == 0 {
		in.budget = uint64(1 + r.IntN(300))
	} else {
		in.budget = 3000
	}
	if r.IntN(3) == 0 {
		in.ticks = 1 + r.IntN(4)
	}
	return code, in
}

// The Go VM's benchmark programs (vm/bench_test.go), instruction for
// instruction, for the C benchmark.
const benchIters = 10000

func I(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) isa.Instruction {
	return isa.Instruction{Op: op, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm}
}

func lc(rd uint8, v int32) isa.Instruction { return I(isa.LOAD_CONST, rd, 0, 0, v) }

var halt = I(isa.HALT, 0, 0, 0, 0)

func encode(ins ...isa.Instruction) []byte { return isa.EncodeAll(ins) }

type benchProgram struct {
	name string
	code []byte
	data []byte // at address 0
}

func benchPrograms() []benchProgram {
	const words = 1024
	data := make([]byte, 4*words)
	for k := range words {
		binary.LittleEndian.PutUint32(data[4*k:], uint32(k*k))
	}
	return []benchProgram{
		{name: "alu", code: encode(
			lc(1, benchIters), lc(2, 1), lc(3, 7),
			I(isa.ADD, 3, 3, 1, 0), I(isa.XOR, 4, 4, 1, 0), I(isa.SHL, 5, 1, 2, 0), I(isa.MUL, 6, 1, 3, 0),
			I(isa.SUB, 7, 7, 5, 0), I(isa.AND, 8, 6, 4, 0), I(isa.OR, 9, 9, 8, 0), I(isa.SUB, 1, 1, 2, 0),
			I(isa.CMP, 0, 1, 0, 0), I(isa.JNZ, 0, 0, 0, 24),
			halt)},
		{name: "memory", data: data, code: encode(
			lc(9, benchIters/words+1), lc(2, 4), lc(3, 4*words), lc(7, 1),
			lc(1, 0),
			I(isa.LOAD_REG, 4, 1, 0, 0), I(isa.ADD, 5, 5, 4, 0), I(isa.STORE_REG, 5, 1, 0, 4*words),
			I(isa.LOAD_REG, 6, 1, 0, 4*words), I(isa.XOR, 8, 8, 6, 0), I(isa.ADD, 1, 1, 2, 0),
			I(isa.CMP, 6, 1, 3, int32(isa.CondLTU)), I(isa.JNZ, 0, 0, 0, 40),
			I(isa.SUB, 9, 9, 7, 0), I(isa.JNZ, 0, 0, 0, 32),
			halt)},
		{name: "call", code: encode(
			lc(1, benchIters), lc(2, 1),
			I(isa.PUSH, 1, 0, 0, 0), I(isa.CALL, 0, 0, 0, 72), I(isa.POP, 1, 0, 0, 0), I(isa.SUB, 1, 1, 2, 0),
			I(isa.CMP, 0, 1, 0, 0), I(isa.JNZ, 0, 0, 0, 16),
			halt,
			I(isa.ADD, 3, 3, 1, 0), I(isa.CALL, 0, 0, 0, 96), I(isa.RET, 0, 0, 0, 0),
			I(isa.XOR, 4, 4, 3, 0), I(isa.RET, 0, 0, 0, 0))},
		{name: "chain", code: encode(
			lc(1, benchIters), lc(2, 1), lc(3, 7),
			I(isa.ADD, 3, 3, 1, 0), I(isa.XOR, 4, 3, 2, 0), I(isa.SHL, 5, 4, 2, 0), I(isa.MUL, 4, 4, 5, 0),
			I(isa.SUB, 3, 3, 4, 0), I(isa.AND, 5, 5, 3, 0), I(isa.OR, 3, 3, 5, 0), I(isa.SUB, 1, 1, 2, 0),
			I(isa.CMP, 0, 1, 0, 0), I(isa.JNZ, 0, 0, 0, 24),
			halt)},
	}
}

// TestWriteBenchPrograms writes build/bench/NAME.bin (code) and NAME.dat
// (data at address 0, if any) for `make -C firmware bench`, and checks
// each program halts in the Go VM with the cycle count the C benchmark
// will divide by.
func TestWriteBenchPrograms(t *testing.T) {
	dir := filepath.Join("build", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range benchPrograms() {
		f := nxb.Raw(p.code)
		if p.data != nil {
			f.Data = []nxb.Segment{{Addr: 0, Bytes: p.data}}
		}
		m, err := vm.New(f, vm.Options{Budget: 1 << 40})
		if err != nil {
			t.Fatal(err)
		}
		if r := m.Tick(); r.Stop != vm.StopHalted {
			t.Fatalf("%s: %v", p.name, r.Stop)
		}
		if err := os.WriteFile(filepath.Join(dir, p.name+".bin"), p.code, 0o644); err != nil {
			t.Fatal(err)
		}
		if p.data != nil {
			if err := os.WriteFile(filepath.Join(dir, p.name+".dat"), p.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
