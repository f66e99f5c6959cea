package opt

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// parseProgram reads functions in the text form (*ir.Func).String prints,
// so pass tests can state their input and expected output as IR text.
// Calls name their callee as fN (its index). Each block's `; preds`
// comment fixes the order of its predecessors (and so of its phis'
// arguments).
func parseProgram(t testing.TB, src string) *ir.Program {
	t.Helper()
	p, err := parseIR(src)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	if err := p.Verify(); err != nil {
		t.Fatalf("verify input: %v\n%s", err, src)
	}
	return p
}

var opByName = func() map[string]ir.Op {
	m := map[string]ir.Op{}
	for op := ir.Op(1); !strings.HasPrefix(op.String(), "op"); op++ {
		m[op.String()] = op
	}
	return m
}()

func parseIR(src string) (*ir.Program, error) {
	p := &ir.Program{}
	var f *ir.Func
	var blocks map[int]*ir.Block
	var preds map[*ir.Block][]int
	var succs map[*ir.Block][]int
	var b *ir.Block
	finish := func() error {
		for _, bl := range f.Blocks {
			for _, id := range succs[bl] {
				s := blocks[id]
				if s == nil {
					return fmt.Errorf("%s: no block b%d", f.Name, id)
				}
				bl.Succs = append(bl.Succs, s)
			}
			for _, id := range preds[bl] {
				if blocks[id] == nil {
					return fmt.Errorf("%s: no block b%d", f.Name, id)
				}
				bl.Preds = append(bl.Preds, blocks[id])
			}
		}
		return nil
	}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		comment := ""
		if i := strings.Index(line, ";"); i >= 0 {
			line, comment = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s: %s", n+1, line, fmt.Sprintf(format, args...))
		}
		switch {
		case line == "":
		case line == "}":
			if err := finish(); err != nil {
				return nil, err
			}
			f = nil
		case strings.HasSuffix(line, "{"):
			var err error
			f, err = parseHeader(line)
			if err != nil {
				return nil, fail("%v", err)
			}
			p.Funcs = append(p.Funcs, f)
			switch f.Kind {
			case ir.FuncTick:
				p.Tick = f
			case ir.FuncInit:
				p.Init = f
			case ir.FuncFailsafe:
				p.Failsafe = f
			}
			blocks, preds, succs = map[int]*ir.Block{}, map[*ir.Block][]int{}, map[*ir.Block][]int{}
		case strings.HasPrefix(line, "b") && strings.HasSuffix(line, ":"):
			id, err := strconv.Atoi(line[1 : len(line)-1])
			if err != nil {
				return nil, fail("bad block")
			}
			b = &ir.Block{ID: id}
			f.Blocks = append(f.Blocks, b)
			blocks[id] = b
			if f.NextBlock <= id {
				f.NextBlock = id + 1
			}
			for _, w := range strings.Fields(strings.TrimPrefix(comment, "preds")) {
				preds[b] = append(preds[b], atoi(strings.TrimPrefix(w, "b")))
			}
		default:
			if err := parseLine(f, b, line, succs); err != nil {
				return nil, fail("%v", err)
			}
		}
	}
	return p, nil
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1 << 20
	}
	return n
}

func parseHeader(line string) (*ir.Func, error) {
	line = strings.TrimSuffix(line, "{")
	f := &ir.Func{NextValue: 1}
	kinds := map[string]ir.FuncKind{"tick": ir.FuncTick, "init": ir.FuncInit, "failsafe": ir.FuncFailsafe, "fn": ir.FuncUser}
	kw, rest, _ := strings.Cut(line, " ")
	k, ok := kinds[kw]
	if !ok {
		return nil, fmt.Errorf("unknown function kind %q", kw)
	}
	f.Kind = k
	name, rest, _ := strings.Cut(rest, "(")
	f.Name = strings.TrimSpace(name)
	params, rest, _ := strings.Cut(rest, ")")
	for _, w := range splitList(params) {
		v := value(w)
		f.Params = append(f.Params, v)
		f.NextValue = max(f.NextValue, v+1)
	}
	f.HasResult = strings.Contains(rest, "result")
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, w := range strings.Split(s, ",") {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func value(s string) ir.Value {
	s = strings.TrimSpace(s)
	if s == "_" || !strings.HasPrefix(s, "v") {
		return 0
	}
	return ir.Value(atoi(s[1:]))
}

func parseLine(f *ir.Func, b *ir.Block, line string, succs map[*ir.Block][]int) error {
	if b == nil {
		return fmt.Errorf("instruction outside a block")
	}
	word, rest, _ := strings.Cut(line, " ")
	ops := splitList(rest)
	blockIDs := func(ws []string) []int {
		var ids []int
		for _, w := range ws {
			ids = append(ids, atoi(strings.TrimPrefix(w, "b")))
		}
		return ids
	}
	switch word {
	case "jump":
		b.Term = ir.Term{Kind: ir.TermJump}
		succs[b] = blockIDs(ops)
		return nil
	case "branch":
		if len(ops) != 3 {
			return fmt.Errorf("branch wants 3 operands")
		}
		b.Term = ir.Term{Kind: ir.TermBranch, Cond: value(ops[0])}
		succs[b] = blockIDs(ops[1:])
		return nil
	case "return":
		b.Term = ir.Term{Kind: ir.TermReturn, Val: value(rest)}
		return nil
	case "halt":
		b.Term = ir.Term{Kind: ir.TermHalt}
		return nil
	}
	in := &ir.Instr{}
	if dst, expr, ok := strings.Cut(line, " = "); ok {
		in.Dst = value(dst)
		f.NextValue = max(f.NextValue, in.Dst+1)
		line = expr
	}
	word, rest, _ = strings.Cut(line, " ")
	ops = splitList(rest)
	name, suffix, _ := strings.Cut(word, ".")
	op, ok := opByName[name]
	if !ok {
		return fmt.Errorf("unknown operation %q", name)
	}
	in.Op = op
	imm := func(s string) int32 { return int32(atoi(strings.TrimPrefix(s, "@"))) }
	switch op {
	case ir.OpConst:
		in.Imm = imm(rest)
	case ir.OpCmp:
		c, ok := isa.CondByName(suffix)
		if !ok {
			return fmt.Errorf("unknown condition %q", suffix)
		}
		in.Imm = int32(c)
		in.A, in.B = value(ops[0]), value(ops[1])
	case ir.OpShr:
		if suffix == "asr" {
			in.Imm = 1
		}
		in.A, in.B = value(ops[0]), value(ops[1])
	case ir.OpMul, ir.OpDiv:
		in.A, in.B, in.Imm = value(ops[0]), value(ops[1]), imm(ops[2])
	case ir.OpRead, ir.OpLoad:
		in.Imm = imm(rest)
	case ir.OpWrite, ir.OpStore, ir.OpSend:
		in.Imm, in.A = imm(ops[0]), value(ops[1])
	case ir.OpRecv:
	case ir.OpA2A:
		// a2a 0xNN vA, code
		fs := strings.Fields(strings.ReplaceAll(rest, ",", " "))
		n, err := strconv.ParseInt(fs[0], 0, 32)
		for op := 0x20; err != nil && op <= 0x56; op++ {
			if i := isa.Lookup(isa.Opcode(op)); i != nil && i.Name == fs[0] {
				n, err = int64(op), nil
			}
		}
		if err != nil {
			return err
		}
		in.Imm, in.A, in.Imm2 = int32(n), value(fs[1]), int32(atoi(fs[2]))
	case ir.OpCall:
		callee, args, _ := strings.Cut(rest, "(")
		in.Imm = int32(atoi(strings.TrimPrefix(strings.TrimSpace(callee), "f")))
		in.Args = []ir.Value{}
		for _, w := range splitList(strings.TrimSuffix(args, ")")) {
			in.Args = append(in.Args, value(w))
		}
	case ir.OpPhi:
		for _, w := range ops {
			in.Args = append(in.Args, value(w))
		}
	default:
		switch op.NumArgs() {
		case 1:
			in.A = value(ops[0])
		case 2:
			in.A, in.B = value(ops[0]), value(ops[1])
		}
	}
	b.Instrs = append(b.Instrs, in)
	return nil
}

// printFuncs prints the program's functions the way tests state them
// (calls as fN).
func printFuncs(p *ir.Program) string {
	var parts []string
	for _, f := range p.Funcs {
		parts = append(parts, f.String())
	}
	return strings.Join(parts, "\n")
}

// normalise trims every line, so expected IR may be indented freely.
func normalise(s string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return strings.Join(out, "\n")
}

func TestParseRoundTrip(t *testing.T) {
	src := `
fn f(v1, v2) result {
b0:
    v3 = add v1, v2
    v4 = cmp.lt v3, v1
    v5 = mul v3, v2, 16
    v6 = shr.asr v5, v1
    store @8, v6
    v7 = load @8
    branch v4, b1, b2
b1: ; preds b0
    send 3, v7
    jump b2
b2: ; preds b0 b1
    v8 = phi v6, v7
    v9 = call f1(v8, v1)
    return v9
}`
	p, err := parseIR(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Funcs[0].Verify(); err != nil {
		t.Fatal(err)
	}
	if got := normalise(printFuncs(p)); got != normalise(src) {
		t.Errorf("round trip:\n%s\nwant\n%s", got, normalise(src))
	}
}

// checkPass runs a function pass on every function of the program src
// states, verifies the result, compares its text with want and checks
// that the program still behaves the same.
func checkPass(t *testing.T, pass func(*ir.Func) bool, src, want string) {
	t.Helper()
	checkProgramPass(t, perFunc(pass), src, want)
}

func checkProgramPass(t *testing.T, pass func(*ir.Program) bool, src, want string) {
	t.Helper()
	p := parseProgram(t, src)
	before := run(parseProgram(t, src), 1)
	changed := pass(p)
	if err := p.Verify(); err != nil {
		t.Fatalf("verify: %v\n%s", err, printFuncs(p))
	}
	got := normalise(printFuncs(p))
	if got != normalise(want) {
		t.Errorf("got\n%s\nwant\n%s", got, normalise(want))
	}
	if changed != (normalise(src) != got) {
		t.Errorf("pass reported changed=%v", changed)
	}
	if err := sameBehaviour(before, run(p, 1)); err != nil {
		t.Error(err)
	}
}
