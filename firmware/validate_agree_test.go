package firmware_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/validator"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// TestValidateAgreement checks the on-device validator
// (components/nexus_validate, through build/nexus-validate-c --batch and its
// ASan/UBSan build) against validator.Validate under the strict policy,
// restricted to the rules the device re-checks (valInScope): the verdict
// must agree on every program, and so must the first in-scope error (code
// and pc), the number of in-scope errors and of V205/V206 warnings, the
// tick entry's WCET and the maximum stack depth.
//
// Programs: every section of validator/testdata/*.s, the reference corpus
// (testdata/reference/*.s), examples/*.s and the ```nexus blocks of
// spec/validator.md; random mutations of each; a few thousand random
// programs biased toward the structures the rules are about (calls, RET,
// PUSH/POP on branches, back edges, jumps into other functions, bad fields
// and entries); and hand-built edge cases (stack deeper than 1024, WCET
// saturation, the largest and a too-large program).

// valInScope are the diagnostic codes nx_validate re-checks (see
// components/nexus_validate/include/nexus_validate.h). V110 (data segments),
// rule 4 (V401-V404) and rule 6 (V601-V604) are not re-checked on the device.
var valInScope = map[string]bool{
	"V101": true, "V102": true, "V103": true, "V104": true, "V105": true, "V106": true, "V107": true, "V108": true, "V109": true,
	"V201": true, "V202": true, "V203": true, "V204": true,
	"V301": true, "V302": true, "V303": true, "V304": true,
	"V501": true, "V502": true,
}

// valWCETSat is NX_VALIDATE_WCET_SAT.
const valWCETSat = 0xFFFFFFFE

// valCase is one program: code, entries and the budget (0: the default).
type valCase struct {
	name   string
	code   []byte
	entry  nxb.Entries
	budget uint32
}

// valVerdict is what both sides report, in nexus-validate-c's JSON shape.
type valVerdict struct {
	OK       bool    `json:"ok"`
	Code     *string `json:"code"`
	PC       *uint32 `json:"pc"`
	WCET     *uint64 `json:"wcet"`
	MaxStack int     `json:"max_stack"`
	Errors   int     `json:"errors"`
	Warnings int     `json:"warnings"`
}

func (v valVerdict) String() string {
	s := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	u := func(p *uint32) string {
		if p == nil {
			return "null"
		}
		return strconv.FormatUint(uint64(*p), 10)
	}
	w := "null"
	if v.WCET != nil {
		w = strconv.FormatUint(*v.WCET, 10)
	}
	return fmt.Sprintf("ok=%v code=%s pc=%s wcet=%s max_stack=%d errors=%d warnings=%d",
		v.OK, s(v.Code), u(v.PC), w, v.MaxStack, v.Errors, v.Warnings)
}

// valGo runs the Go validator and projects its result onto the in-scope rules.
func valGo(c valCase) valVerdict {
	f := &nxb.File{Code: c.code, Entry: c.entry}
	r := validator.Validate(f, validator.Options{Policy: validator.Strict, Budget: uint64(c.budget)})
	v := valVerdict{OK: true, WCET: r.WCET, MaxStack: r.MaxStack}
	if v.WCET != nil && *v.WCET >= valWCETSat {
		// The C side saturates path lengths at 2^32-2 (and rejects that
		// WCET whatever the budget) where Go saturates at 2^64-1.
		sat := uint64(valWCETSat)
		v.WCET = &sat
	}
	for _, d := range r.Diagnostics { // sorted by pc, whole-program first
		switch {
		case d.Code == validator.CodeFallsOff || d.Code == validator.CodeUnreachable:
			v.Warnings++
		case d.Severity == diag.Error && valInScope[d.Code]:
			v.Errors++
			if v.OK {
				v.OK = false
				code := d.Code
				v.Code, v.PC = &code, d.PC
			}
		}
	}
	return v
}

func valBuild(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"make", "cc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("no %s on PATH: the C validator cannot be built (install gcc and make)", tool)
		}
	}
	out, err := exec.Command("make", "-s", "all", "build/nexus-validate-c-san").CombinedOutput()
	if err != nil {
		t.Fatalf("make: %v\n%s", err, out)
	}
}

// valBatch runs bin --batch over the cases and returns one verdict each.
func valBatch(t *testing.T, bin string, cases []valCase) []valVerdict {
	t.Helper()
	var in bytes.Buffer
	entry := func(e uint32) string {
		if e == nxb.NoEntry {
			return "-"
		}
		return strconv.FormatUint(uint64(e), 10)
	}
	for _, c := range cases {
		h := hex.EncodeToString(c.code)
		if h == "" {
			h = "-"
		}
		fmt.Fprintf(&in, "%d %d %s %s %s\n", c.budget, c.entry.Tick, entry(c.entry.Init), entry(c.entry.Failsafe), h)
	}
	cmd := exec.Command(bin, "--batch")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --batch: %v\n%s", bin, err, stderr.Bytes())
	}
	var vs []valVerdict
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		var v valVerdict
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: bad JSON line %q: %v", bin, sc.Text(), err)
		}
		vs = append(vs, v)
	}
	if len(vs) != len(cases) {
		t.Fatalf("%s --batch: %d lines for %d programs", bin, len(vs), len(cases))
	}
	return vs
}

func TestValidateAgreement(t *testing.T) {
	valBuild(t)
	corpus := valCorpus(t)
	cases := append([]valCase(nil), corpus...)
	r := rand.New(rand.NewPCG(4, 1))
	for _, c := range corpus {
		for m := 0; m < 24; m++ {
			cases = append(cases, valMutate(r, c, m))
		}
	}
	nRandom := 15000
	if testing.Short() {
		nRandom = 2000
	}
	for i := 0; i < nRandom; i++ {
		cases = append(cases, valRandom(r, i), valDense(r, i))
	}
	cases = append(cases, valEdgeCases()...)

	want := make([]valVerdict, len(cases))
	accepted := 0
	for i, c := range cases {
		want[i] = valGo(c)
		if want[i].OK {
			accepted++
		}
	}
	for _, bin := range []string{"build/nexus-validate-c", "build/nexus-validate-c-san"} {
		got := valBatch(t, bin, cases)
		bad := 0
		for i, c := range cases {
			if g, w := got[i], want[i]; g.String() != w.String() {
				bad++
				if bad <= 10 {
					code := c.code
					if len(code) > 128 {
						code = code[:128]
					}
					t.Errorf("%s: %s:\n  C:  %v\n  Go: %v\n  entries %+v budget %d, %d bytes of code %x",
						bin, c.name, g, w, c.entry, c.budget, len(c.code), code)
				}
			}
		}
		t.Logf("%s: %d programs compared (%d corpus, %d accepted by Go), %d disagreements",
			bin, len(cases), len(corpus), accepted, bad)
	}
	// Every in-scope code must be some program's first error, so that each
	// rule's C twin is exercised.
	first := map[string]int{}
	for _, w := range want {
		if w.Code != nil {
			first[*w.Code]++
		}
	}
	var missing []string
	for code := range valInScope {
		if first[code] == 0 {
			missing = append(missing, code)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no program has these first errors: %v (first errors seen: %v)", missing, first)
	}
	t.Logf("first errors: %v", first)
}

// ---- corpus ----

var valBudgetRE = regexp.MustCompile(`(?m)^\s*;\s*budget:\s*(\d+)\s*$`)

func valAssemble(name, src string) (valCase, bool) {
	f, l := asm.Assemble(name, []byte(src))
	if l.HasErrors() {
		return valCase{}, false
	}
	c := valCase{name: name, code: f.Code, entry: f.Entry}
	if m := valBudgetRE.FindStringSubmatch(src); m != nil {
		if b, err := strconv.ParseUint(m[1], 10, 32); err == nil {
			c.budget = uint32(b)
		}
	}
	return c, true
}

func valCorpus(t *testing.T) []valCase {
	var out []valCase
	add := func(name, src string) {
		if c, ok := valAssemble(name, src); ok {
			out = append(out, c)
		}
	}
	tables, _ := filepath.Glob("../validator/testdata/*.s")
	for _, p := range tables {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		start := 0
		for i := 0; i <= len(lines); i++ {
			if i == len(lines) || strings.TrimSpace(lines[i]) == "---" {
				add(fmt.Sprintf("%s:%d", filepath.Base(p), start+1), strings.Join(lines[start:i], "\n")+"\n")
				start = i + 1
			}
		}
	}
	others, _ := filepath.Glob("../testdata/reference/*.s")
	ex, _ := filepath.Glob("../examples/*.s")
	for _, p := range append(others, ex...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add(p, string(b))
	}
	if b, err := os.ReadFile("../spec/validator.md"); err == nil {
		lines := strings.Split(string(b), "\n")
		for i := 0; i < len(lines); i++ {
			if lines[i] != "```nexus" {
				continue
			}
			start := i + 1
			for i++; i < len(lines) && lines[i] != "```"; i++ {
			}
			add(fmt.Sprintf("validator.md:%d", start), strings.Join(lines[start:i], "\n")+"\n")
		}
	}
	if len(tables) == 0 || len(others) == 0 || len(out) < 100 {
		t.Fatalf("corpus too small: %d programs", len(out))
	}
	return out
}

// ---- random programs ----

func valInsn(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) isa.Instruction {
	return isa.Instruction{Op: op, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm}
}

// valMutate rewrites one to three instructions of a corpus program into
// control-flow and stack instructions aimed at random places.
func valMutate(r *rand.Rand, c valCase, m int) valCase {
	ins, err := isa.DecodeAll(c.code)
	if err != nil || len(ins) == 0 {
		return valCase{name: c.name + " (bytes)", code: append(append([]byte(nil), c.code...), byte(r.IntN(256))), entry: c.entry}
	}
	ins = append([]isa.Instruction(nil), ins...)
	n := len(ins)
	tgt := func() int32 {
		switch r.IntN(8) {
		case 0:
			return int32(n * 8)
		case 1:
			return int32(r.IntN(n*8 + 16))
		}
		return int32(r.IntN(n) * 8)
	}
	for k := 0; k < 1+r.IntN(3); k++ {
		at := r.IntN(n)
		switch r.IntN(10) {
		case 0:
			ins[at] = valInsn(isa.CALL, 0, 0, 0, tgt())
		case 1:
			ins[at] = valInsn(isa.JMP, 0, 0, 0, tgt())
		case 2:
			ins[at] = valInsn(isa.JZ, 0, 0, 0, tgt())
		case 3:
			ins[at] = valInsn(isa.RET, 0, 0, 0, 0)
		case 4:
			ins[at] = valInsn(isa.PUSH, uint8(r.IntN(4)), 0, 0, 0)
		case 5:
			ins[at] = valInsn(isa.POP, uint8(r.IntN(4)), 0, 0, 0)
		case 6:
			ins[at] = valInsn(isa.HALT, 0, 0, 0, 0)
		case 7:
			ins[at].Imm ^= 1 << r.IntN(32)
		case 8:
			ins[at] = valInsn(isa.NOP, 0, 0, 0, 0)
		default:
			if ins[at].Op == isa.JMP || ins[at].Op == isa.JZ || ins[at].Op == isa.JNZ || ins[at].Op == isa.CALL {
				ins[at].Imm = tgt()
			} else {
				ins[at] = valInsn(isa.JNZ, 0, 0, 0, tgt())
			}
		}
	}
	out := valCase{name: fmt.Sprintf("%s (mutation %d)", c.name, m), code: isa.EncodeAll(ins), entry: c.entry, budget: c.budget}
	if r.IntN(6) == 0 {
		out.budget = uint32(1 + r.IntN(30))
	}
	return out
}

// valGen builds one program of a few functions laid out one after another.
// Clean programs are loop-free with balanced stacks, forward branches to
// positions of equal depth, and calls down a DAG; chaos adds, per
// instruction, a chance of each kind of fault the rules catch.
type valGen struct {
	r     *rand.Rand
	chaos int // per-mille chance of a fault per instruction
	code  []isa.Instruction
	depth []int // stack depth before each instruction (clean view)
	start []int // first instruction of each function
	fixes []valFix
}

type valFix struct {
	at   int
	kind int // 0 forward branch in the function, 1 call to a later function
	fn   int
	end  int // first index after the function
}

func (g *valGen) bad() bool { return g.r.IntN(1000) < g.chaos }

func (g *valGen) emit(in isa.Instruction, d int) int {
	g.code = append(g.code, in)
	g.depth = append(g.depth, d)
	return len(g.code) - 1
}

func (g *valGen) fn(f, nfn, size int) {
	d := 0
	first := len(g.code)
	g.start = append(g.start, first)
	var pending []valFix
	for i := 0; i < size; i++ {
		reg := uint8(g.r.IntN(5))
		switch x := g.r.IntN(20); {
		case x < 3:
			g.emit(valInsn(isa.PUSH, reg, 0, 0, 0), d)
			d++
		case x < 5 && d > 0:
			g.emit(valInsn(isa.POP, reg, 0, 0, 0), d)
			d--
		case x < 8:
			op := []isa.Opcode{isa.JZ, isa.JNZ, isa.JMP}[g.r.IntN(3)]
			at := g.emit(valInsn(op, 0, 0, 0, 0), d)
			pending = append(pending, valFix{at: at, kind: 0, fn: f})
		case x < 11 && f+1 < nfn:
			at := g.emit(valInsn(isa.CALL, 0, 0, 0, 0), d)
			pending = append(pending, valFix{at: at, kind: 1, fn: f})
		case x < 13:
			g.emit(valInsn(isa.CMP, 0, reg, uint8(g.r.IntN(5)), 0), d)
		case x < 14:
			g.emit(valInsn(isa.READ_IO, reg, uint8(16+g.r.IntN(16)), 0, 0), d)
		default:
			op := []isa.Opcode{isa.LOAD_CONST, isa.ADD, isa.SUB, isa.XOR, isa.NOP, isa.SHL}[g.r.IntN(6)]
			in := valInsn(op, reg, uint8(g.r.IntN(5)), uint8(g.r.IntN(5)), 0)
			switch op {
			case isa.LOAD_CONST:
				in.Rs1, in.Rs2, in.Imm = 0, 0, int32(g.r.IntN(100))
			case isa.NOP:
				in = valInsn(isa.NOP, 0, 0, 0, 0)
			}
			g.emit(in, d)
		}
		if g.bad() {
			g.fault(&d)
		}
	}
	for ; d > 0; d-- {
		g.emit(valInsn(isa.POP, uint8(g.r.IntN(5)), 0, 0, 0), d)
	}
	end := isa.HALT
	if f > 0 {
		end = isa.RET
	}
	if g.bad() {
		end = []isa.Opcode{isa.HALT, isa.RET, isa.NOP, isa.PUSH}[g.r.IntN(4)] // RET in an entry, falling through
	}
	g.emit(valInsn(end, 0, 0, 0, 0), 0)
	for _, p := range pending {
		p.end = len(g.code)
		g.fixes = append(g.fixes, p)
	}
}

// fault emits one instruction that breaks a rule (or only a clean-view
// invariant, which the validator must then catch on its own).
func (g *valGen) fault(d *int) {
	switch g.r.IntN(14) {
	case 0:
		g.emit(valInsn(isa.PUSH, 1, 0, 0, 0), *d) // unbalanced: V301/V303 later
	case 1:
		g.emit(valInsn(isa.POP, 1, 0, 0, 0), *d) // may pop below the frame
	case 2:
		g.emit(valInsn(isa.RET, 0, 0, 0, 0), *d)
	case 3:
		g.emit(valInsn(isa.HALT, 0, 0, 0, 0), *d)
	case 4, 5, 6:
		// A branch or call anywhere: back edges, into other functions, to
		// the end, misaligned; patched once the whole program exists.
		op := []isa.Opcode{isa.JMP, isa.JZ, isa.JNZ, isa.CALL}[g.r.IntN(4)]
		at := g.emit(valInsn(op, 0, 0, 0, 0), *d)
		g.fixes = append(g.fixes, valFix{at: at, kind: 2})
	case 7:
		g.emit(valInsn(isa.ADD, uint8(g.r.IntN(40)), 1, 2, 0), *d) // bad register
	case 8:
		g.emit(valInsn(isa.PUSH, 1, uint8(g.r.IntN(3)), 0, int32(g.r.IntN(2))), *d) // stray fields
	case 9:
		g.emit(isa.Instruction{Op: isa.Opcode(g.r.IntN(256)), Rd: uint8(g.r.IntN(4))}, *d) // any opcode
	case 10:
		g.emit(valInsn(isa.CMP, 1, 2, 3, int32(g.r.IntN(14))), *d) // conditions past GEU
	case 11:
		g.emit(valInsn(isa.WRITE_IO, uint8(10+g.r.IntN(30)), 1, 0, 0), *d) // channels
	case 12:
		g.emit(valInsn(isa.CALL, 0, 0, 0, 0), *d) // recursion: a call to an earlier function
		g.fixes = append(g.fixes, valFix{at: len(g.code) - 1, kind: 3})
	default:
		g.emit(valInsn(isa.DIV, 1, 2, 3, int32(g.r.IntN(40))), *d) // shifts past 31
	}
}

func (g *valGen) patch() {
	n := len(g.code)
	for _, p := range g.fixes {
		var t int
		switch p.kind {
		case 0: // forward, same function, same depth (else anywhere forward in it)
			want := g.depth[p.at]
			var ok []int
			for j := p.at + 1; j < p.end; j++ {
				if g.depth[j] == want {
					ok = append(ok, j)
				}
			}
			if len(ok) == 0 {
				t = p.end - 1
			} else {
				t = ok[g.r.IntN(len(ok))]
			}
			t *= 8
		case 1: // a later function
			f := p.fn + 1 + g.r.IntN(len(g.start)-p.fn-1)
			t = g.start[f] * 8
		case 3: // an earlier or the same function
			t = g.start[g.r.IntN(len(g.start))] * 8
		default:
			switch g.r.IntN(6) {
			case 0:
				t = n * 8
			case 1:
				t = g.r.IntN(n*8 + 9)
			case 2:
				t = g.start[g.r.IntN(len(g.start))] * 8
			default:
				t = g.r.IntN(n) * 8
			}
		}
		g.code[p.at].Imm = int32(t)
	}
}

func valRandom(r *rand.Rand, i int) valCase {
	g := &valGen{r: r}
	switch i % 4 {
	case 0:
		g.chaos = 0
	case 1:
		g.chaos = 15
	case 2:
		g.chaos = 60
	default:
		g.chaos = 200
	}
	nfn := 1 + r.IntN(5)
	for f := 0; f < nfn; f++ {
		g.fn(f, nfn, r.IntN(14))
	}
	g.patch()
	c := valCase{name: fmt.Sprintf("random %d (chaos %d)", i, g.chaos), code: isa.EncodeAll(g.code),
		entry: nxb.Entries{Tick: 0, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}}
	// Init and failsafe: usually absent or a function with HALT; sometimes
	// a called function, any instruction, or not an instruction.
	for _, e := range []*uint32{&c.entry.Init, &c.entry.Failsafe} {
		switch r.IntN(12) {
		case 0, 1:
			*e = uint32(g.start[r.IntN(nfn)] * 8)
		case 2:
			*e = uint32(r.IntN(len(g.code)) * 8)
		case 3:
			if r.IntN(4) == 0 {
				*e = uint32(r.IntN(len(g.code)*8 + 9))
			}
		}
	}
	if r.IntN(10) == 0 {
		c.entry.Tick = uint32(g.start[r.IntN(nfn)] * 8)
	}
	switch r.IntN(8) {
	case 0:
		c.budget = uint32(1 + r.IntN(40))
	case 1:
		c.budget = uint32(r.IntN(1 << 20))
	}
	return c
}

// valDense builds a tiny program of control-flow and stack instructions
// only, aimed at random instructions: the walk's order (which function
// claims an instruction first, callees walked before their callers go on,
// entries reached by other functions) decides everything here.
func valDense(r *rand.Rand, i int) valCase {
	n := 1 + r.IntN(12)
	ops := []isa.Opcode{isa.CALL, isa.CALL, isa.RET, isa.JMP, isa.JZ, isa.JNZ, isa.PUSH, isa.POP, isa.HALT, isa.HALT, isa.NOP}
	ins := make([]isa.Instruction, n)
	for k := range ins {
		op := ops[r.IntN(len(ops))]
		ins[k] = valInsn(op, 0, 0, 0, 0)
		switch op {
		case isa.CALL, isa.JMP, isa.JZ, isa.JNZ:
			t := r.IntN(n) * 8
			if r.IntN(10) == 0 {
				t = n * 8
			}
			ins[k].Imm = int32(t)
		case isa.PUSH, isa.POP:
			ins[k].Rd = uint8(r.IntN(3))
		}
	}
	c := valCase{name: fmt.Sprintf("dense %d", i), code: isa.EncodeAll(ins),
		entry: nxb.Entries{Tick: 0, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}}
	if r.IntN(3) == 0 {
		c.entry.Tick = uint32(r.IntN(n) * 8)
	}
	if r.IntN(3) == 0 {
		c.entry.Init = uint32(r.IntN(n) * 8)
	}
	if r.IntN(3) == 0 {
		c.entry.Failsafe = uint32(r.IntN(n) * 8)
	}
	if r.IntN(4) == 0 {
		c.budget = uint32(1 + r.IntN(12))
	}
	return c
}

// valEdgeCases are the limits random programs do not reach.
func valEdgeCases() []valCase {
	noEntry := nxb.Entries{Tick: 0, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}
	var out []valCase
	add := func(name string, ins []isa.Instruction, budget uint32) {
		out = append(out, valCase{name: name, code: isa.EncodeAll(ins), entry: noEntry, budget: budget})
	}
	// Stack depth: f pushes p values then calls g, which pushes q: 1 + p + 1 + q.
	for _, pq := range [][2]int{{511, 511}, {511, 512}, {1000, 22}, {1000, 23}, {1024, 0}, {1025, 0}} {
		var ins []isa.Instruction
		ins = append(ins, valInsn(isa.CALL, 0, 0, 0, 16), valInsn(isa.HALT, 0, 0, 0, 0))
		for i := 0; i < pq[0]; i++ {
			ins = append(ins, valInsn(isa.PUSH, 1, 0, 0, 0))
		}
		callAt := len(ins)
		ins = append(ins, valInsn(isa.CALL, 0, 0, 0, 0))
		for i := 0; i < pq[0]; i++ {
			ins = append(ins, valInsn(isa.POP, 1, 0, 0, 0))
		}
		ins = append(ins, valInsn(isa.RET, 0, 0, 0, 0))
		ins[callAt].Imm = int32(len(ins) * 8)
		for i := 0; i < pq[1]; i++ {
			ins = append(ins, valInsn(isa.PUSH, 1, 0, 0, 0))
		}
		for i := 0; i < pq[1]; i++ {
			ins = append(ins, valInsn(isa.POP, 1, 0, 0, 0))
		}
		ins = append(ins, valInsn(isa.RET, 0, 0, 0, 0))
		add(fmt.Sprintf("stack %d+%d", pq[0], pq[1]), ins, 0)
	}
	// WCET doubling: function k calls k+1 twice; with 70 levels the Go
	// validator saturates at 2^64-1 and the C one at 2^32-2.
	for _, levels := range []int{10, 15, 16, 31, 32, 33, 70} {
		ins := []isa.Instruction{valInsn(isa.CALL, 0, 0, 0, 16), valInsn(isa.HALT, 0, 0, 0, 0)}
		for k := 0; k < levels; k++ {
			next := int32(len(ins)*8 + 24)
			ins = append(ins, valInsn(isa.CALL, 0, 0, 0, next), valInsn(isa.CALL, 0, 0, 0, next), valInsn(isa.RET, 0, 0, 0, 0))
		}
		ins = append(ins, valInsn(isa.RET, 0, 0, 0, 0))
		for _, b := range []uint32{0, 1 << 16, 0xFFFFFFFD} {
			add(fmt.Sprintf("doubling %d budget %d", levels, b), ins, b)
		}
	}
	// The largest program (8192 instructions, straight line) and one more.
	big := make([]isa.Instruction, isa.MaxCodeSize/isa.InsnSize)
	for i := range big {
		big[i] = valInsn(isa.NOP, 0, 0, 0, 0)
	}
	big[len(big)-1] = valInsn(isa.HALT, 0, 0, 0, 0)
	add("8192 instructions", big, 0)
	add("8192 instructions, budget 8191", big, 8191)
	add("8193 instructions", append(big, valInsn(isa.HALT, 0, 0, 0, 0)), 0)
	// A chain of 4096 functions, each calling the next: deep call stack.
	chain := []isa.Instruction{valInsn(isa.CALL, 0, 0, 0, 16), valInsn(isa.HALT, 0, 0, 0, 0)}
	for k := 1; k < 4095; k++ {
		chain = append(chain, valInsn(isa.CALL, 0, 0, 0, int32((2*k+2)*8)), valInsn(isa.RET, 0, 0, 0, 0))
	}
	chain = append(chain, valInsn(isa.RET, 0, 0, 0, 0))
	add("call chain 4095", chain, 0)
	// Empty code, odd lengths, and entries on an empty program.
	out = append(out,
		valCase{name: "empty", entry: noEntry},
		valCase{name: "empty with init", entry: nxb.Entries{Tick: 0, Init: 0, Failsafe: nxb.NoEntry}},
		valCase{name: "empty, tick 8", entry: nxb.Entries{Tick: 8, Init: nxb.NoEntry, Failsafe: nxb.NoEntry}},
		valCase{name: "7 bytes", code: make([]byte, 7), entry: noEntry},
		valCase{name: "65544 bytes", code: make([]byte, 65544), entry: noEntry},
		valCase{name: "65543 bytes", code: make([]byte, 65543), entry: noEntry},
	)
	return out
}
