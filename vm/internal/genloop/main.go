// Command genloop writes vm/loop_gen.go: the VM's dispatch loop and its
// superinstructions. Run it with `go generate ./vm`.
//
// The loop is generated because superinstructions multiply cases: every
// pair of straight-line ops (X, Y) gets one case that executes X, then Y
// from the next slot's word, for one dispatch instead of two; and every
// straight-line op X followed by a fused compare-and-branch F gets one case
// for all three instructions. Each op's semantics is written once, below,
// as a case body; combined cases are concatenations of those bodies, so they
// cannot drift from the plain ops. The differential test against the
// reference interpreter covers every generated case that random programs
// reach; TestSuperOpsCovered checks each is reachable.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"strings"
)

// Body conventions. w is the op's word and idx its index; $A, $B, $C are
// the register fields as lvalues, $IMM the operand. A body either falls off
// its end (the generator then advances idx and continues), or sets idx and
// does `goto charge` (ends a run) with w set to the word at the new idx, or
// `goto fault` with trap set, or `goto
// stopped`, leaving idx on the instruction. Bodies are wrapped in braces so
// their locals do not collide.
var (
	regA = "regs[w>>16&15]"
	regB = "regs[w>>20&15]"
	regC = "regs[w>>24&15]"
	imm  = "uint32(w>>32)"
)

func expand(s string) string {
	return strings.NewReplacer("$A", regA, "$B", regB, "$C", regC, "$IMM", imm).Replace(s)
}

type opDef struct {
	name string
	body string // with $A $B $C $IMM placeholders
}

func alu(name, expr string) opDef {
	return opDef{name, "flag = " + expr + "\n$A = flag"}
}

// straight lists the ops that may be the first half of a superinstruction
// (and, except for the fused compares, the second): straight-line, and if
// they fault they change nothing.
var straight = []opDef{
	{"opLoadConst", "$A = $IMM"},
	{"opLoad", `addr := $B + $IMM
if uint64(addr)+4 > memSize {
	trap = isa.TrapMemOutOfBounds
	goto fault
}
// The mask changes nothing (addr <= memSize-4 <= MemSize-4); it lets the
// compiler prove the access is in bounds of the array. Bytes are combined
// by hand because the loop is too big for the inliner to inline
// encoding/binary; the compiler merges them into one load.
a := addr & (isa.MemSize - 1)
b := mem[a : a+4 : a+4]
$A = uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24`},
	{"opStore", `addr := $B + $IMM
if uint64(addr)+4 > memSize {
	trap = isa.TrapMemOutOfBounds
	goto fault
}
a := addr & (isa.MemSize - 1)
b, v := mem[a:a+4:a+4], $A
b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)`},
	alu("opAdd", "$B + $C"),
	alu("opSub", "$B - $C"),
	alu("opMul", "$B * $C"),
	alu("opAnd", "$B & $C"),
	alu("opOr", "$B | $C"),
	alu("opXor", "$B ^ $C"),
	alu("opShl", "$B << ($C & 31)"),
	alu("opShr", "$B >> ($C & 31)"),
	{"opPush", `if sp == isa.StackDepth {
	trap = isa.TrapStackOverflow
	goto fault
}
m.stack[sp&(isa.StackDepth-1)] = $A
sp++`},
	{"opPop", `if sp == 0 {
	trap = isa.TrapStackUnderflow
	goto fault
}
sp--
$A = m.stack[sp&(isa.StackDepth-1)]`},
}

// other lists the remaining ops the loop executes itself.
var other = []opDef{
	{"opEnd", "m.stop = StopHalted\ngoto stopped"},
	{"opBudget", "m.stop = StopBudget\ngoto stopped"},
	{"opTrap", "trap = isa.Trap(w >> 32)\ngoto fault"},
	{"opNop", ""},
	alu("opMulK", "uint32((int64(int32($B)) * int64(int32($C))) >> (w >> 32 & 31))"),
	{"opDiv", `d := int32($C)
if d == 0 {
	trap = isa.TrapDivByZero
	goto fault
}
// Go defines INT_MIN / -1 = INT_MIN, as the ISA does.
flag = uint32(int32($B) / d)
$A = flag`},
	{"opDivK", `d := int64(int32($C))
if d == 0 {
	trap = isa.TrapDivByZero
	goto fault
}
flag = uint32((int64(int32($B)) << (w >> 32 & 31)) / d)
$A = flag`},
	alu("opNot", "^$B"),
	alu("opSar", "uint32(int32($B) >> ($C & 31))"),
	{"opCmp", "flag = $B - $C"},
	{"opJmp", "idx, w = $IMM, code[idx].tw // both from the jump: the right side is evaluated first\ngoto charge"},
	{"opJz", "if flag == 0 {\n\tidx, w = $IMM, code[idx].tw\n} else {\n\tidx += 1\n\tw = code[idx].w\n}\ngoto charge"},
	{"opJnz", "if flag != 0 {\n\tidx, w = $IMM, code[idx].tw\n} else {\n\tidx += 1\n\tw = code[idx].w\n}\ngoto charge"},
	{"opJzBad", "if flag == 0 {\n\ttrap = isa.TrapBadJump\n\tgoto fault\n}"},
	{"opJnzBad", "if flag != 0 {\n\ttrap = isa.TrapBadJump\n\tgoto fault\n}"},
	{"opCall", `if sp == isa.StackDepth {
	trap = isa.TrapStackOverflow
	goto fault
}
m.stack[sp&(isa.StackDepth-1)] = (idx + 1) * isa.InsnSize
sp++
idx, w = $IMM, code[idx].tw
goto charge`},
	{"opRet", `if sp == 0 {
	trap = isa.TrapStackUnderflow
	goto fault
}
t := m.stack[(sp-1)&(isa.StackDepth-1)]
if t >= m.prog.n*isa.InsnSize {
	idx = m.prog.dyn
	code[idx].w = uint64(t)<<32 | uint64(opEnd)
} else if t%isa.InsnSize != 0 {
	trap = isa.TrapBadJump
	goto fault
} else {
	idx = t / isa.InsnSize
}
sp--
w = code[idx].w
goto charge`},
	{"opHalt", "m.stop = StopHalted\ngoto stopped"},
	{"opSleep", "m.sleepMs, m.sleepReq = $IMM, true"},
	{"opAlloc", `if w>>32+uint64($B) > memSize {
	trap = isa.TrapMemOutOfBounds
	goto fault
}
$A = $IMM`},
}

var conds = []struct{ name, expr string }{
	{"EQ", "x == y"}, {"NE", "x != y"},
	{"LT", "int32(x) < int32(y)"}, {"LE", "int32(x) <= int32(y)"},
	{"GT", "int32(x) > int32(y)"}, {"GE", "int32(x) >= int32(y)"},
	{"LTU", "x < y"}, {"LEU", "x <= y"}, {"GTU", "x > y"}, {"GEU", "x >= y"},
}

// fused returns the fused compare-and-branch ops, in their enum order.
func fused() []opDef {
	out := []opDef{
		{"opCmpJz", "flag = $B - $C\nif flag == 0 {\n\tidx, w = $IMM, code[idx].tw\n} else {\n\tidx += 2\n\tw = code[idx].w\n}\ngoto charge"},
		{"opCmpJnz", "flag = $B - $C\nif flag != 0 {\n\tidx, w = $IMM, code[idx].tw\n} else {\n\tidx += 2\n\tw = code[idx].w\n}\ngoto charge"},
	}
	for _, c := range conds {
		for _, pol := range []struct{ suffix, test string }{{"T", "flag != 0"}, {"F", "flag == 0"}} {
			out = append(out, opDef{"opCmp" + c.name + pol.suffix,
				"x, y := $B, $C\nflag = 0\nif " + c.expr + " {\n\tflag = 1\n}\n$A = flag\nif " + pol.test + " {\n\tidx, w = $IMM, code[idx].tw\n} else {\n\tidx += 2\n\tw = code[idx].w\n}\ngoto charge"})
		}
	}
	return out
}

func plainCmps() []opDef {
	var out []opDef
	for _, c := range conds {
		out = append(out, opDef{"opCmp" + c.name, "x, y := $B, $C\nflag = 0\nif " + c.expr + " {\n\tflag = 1\n}\n$A = flag"})
	}
	return out
}

func trim(s string) string { return strings.TrimPrefix(s, "op") }

func main() {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by vm/internal/genloop; DO NOT EDIT.\n\n")
	p("package vm\n\nimport \"github.com/nexusfleet/nexus/vm/isa\"\n\n")

	type super struct {
		name        string
		first, next opDef
	}
	var supers []super
	for _, x := range straight {
		for _, y := range straight {
			supers = append(supers, super{"op" + trim(x.name) + "_" + trim(y.name), x, y})
		}
	}
	for _, x := range straight {
		for _, f := range fused() {
			supers = append(supers, super{"op" + trim(x.name) + "_" + trim(f.name), x, f})
		}
	}

	p("// Superinstructions: the first executes its first part with its own word,\n")
	p("// the second with the next slot's word (which keeps its plain form).\n")
	p("const (\n")
	for k, s := range supers {
		if k == 0 {
			p("\t%s op = iota + numBaseOps\n", s.name)
		} else {
			p("\t%s\n", s.name)
		}
	}
	p("\tnumOps\n)\n\n")
	p("// superParts gives each superinstruction's parts, indexed by op - numBaseOps.\n")
	p("var superParts = [...][2]op{\n")
	for _, s := range supers {
		p("\t{%s, %s},\n", s.first.name, s.next.name)
	}
	p("}\n\n")

	p(`// loop is the dispatch loop; see exec.go for the model. pc (idx), the
// remaining budget (left), the flag value and the stack pointer are locals
// written back on return; the loop makes no calls, so they stay in
// registers. Predecode guarantees register fields are < 16 (the &15 masks
// only let the compiler drop bounds checks) and that control reaches only
// indices inside code, whose end sentinels stop the loop.
//
// Each case either advances idx and continues (straight-line ops), or sets
// idx and goes to charge (ops that end a run), or leaves through fault or
// stopped with idx on the instruction that stopped (traps change nothing
// else). Every case has its own edge back to the loop head, which keeps
// the register allocator from shuffling the loop state at a merge block.
//
// Each case also loads the next word, w. A taken static jump takes it from
// its own slot's copy of the target's word (tw) rather than from the
// target's slot: that load's address does not depend on the jump's word,
// so it overlaps with it instead of following it.
func (m *VM) loop() exit {
	code := m.prog.code
	regs := &m.regs
	mem := m.memArr
	memSize := uint64(len(m.mem))
	idx, flag, sp, left := m.idx, m.flag, m.sp, m.left
	why := exitStop
	var trap isa.Trap

	w := code[idx].w
	for {
		switch op(w) {
`)
	emit := func(name string, bodies ...string) {
		p("\t\tcase %s:\n", name)
		for k, body := range bodies {
			if k > 0 {
				p("\t\t\tidx++\n\t\t\tw = code[idx].w\n")
			}
			p("\t\t\t{\n%s\n\t\t\t}\n", indent(expand(body), 4))
		}
		if !strings.Contains(bodies[len(bodies)-1], "goto charge") && !strings.HasSuffix(bodies[len(bodies)-1], "goto stopped") && !strings.HasSuffix(bodies[len(bodies)-1], "goto fault") {
			p("\t\t\tidx++\n\t\t\tw = code[idx].w\n\t\t\tcontinue\n")
		}
	}
	for _, d := range straight {
		emit(d.name, d.body)
	}
	for _, d := range other {
		emit(d.name, d.body)
	}
	for _, d := range plainCmps() {
		emit(d.name, d.body)
	}
	for _, d := range fused() {
		emit(d.name, d.body)
	}
	for _, s := range supers {
		emit(s.name, s.first.body, s.next.body)
	}
	p(`		default: // opReadIO, opWriteIO, opDMA, opSend, opRecv, opInterrupt, opA2A
			why = exitSlow
			goto stopped
		}
	charge:
		if rn := code[idx].run; rn <= left {
			left -= rn
			continue
		}
		why = exitCharge
		goto out
	}
fault:
	m.stop, m.trap = StopTrap, trap
stopped:
out:
	m.idx, m.flag, m.sp, m.left = idx, flag, sp, left
	return why
}
`)
	src, err := format.Source(b.Bytes())
	if err != nil {
		os.Stdout.Write(b.Bytes())
		fmt.Fprintln(os.Stderr, "genloop:", err)
		os.Exit(1)
	}
	out := "loop_gen.go"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genloop:", err)
		os.Exit(1)
	}
}

func indent(s string, n int) string {
	pad := strings.Repeat("\t", n)
	lines := strings.Split(s, "\n")
	for k, l := range lines {
		if l != "" {
			lines[k] = pad + l
		}
	}
	return strings.Join(lines, "\n")
}
