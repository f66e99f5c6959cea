package validator

import (
	"fmt"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Rule 2 (control flow) and the per-function half of rule 3 (stack).
//
// A function is an entry point (tick, init, failsafe) or a CALL target. Its
// body is what its entry reaches through fall-through and jumps; a CALL
// continues at the return site. Functions are walked in discovery order by
// one depth-first search each, which at the same time claims each
// instruction for exactly one function, computes the stack depth relative
// to the function's entry, finds back edges (loops) and records the
// post-order that the WCET and value analyses use as a topological order.

type function struct {
	id         int32
	entry      int      // instruction index
	name       string   // tick, init, failsafe, or fn_XXXX
	entryPoint string   // the first entry-point name, "" when only called
	entryNames []string // every entry point at this address
	calls      []callSite
	rets       []int   // RET instructions
	post       []int32 // body in DFS post-order
	backEdges  [][2]int
	maxRel     int32 // deepest relative stack depth inside the body
	maxStack   int   // deepest absolute depth over every call chain from here
	deepCall   int   // index into calls of the deepest chain, -1 if the body itself
	wcet       uint64
	wcetKnown  bool
}

type callSite struct {
	at     int   // instruction index of the CALL
	callee int32 // function id, -1 when the target is not a function entry
}

// succs returns the intra-procedural successors of instruction k; v.n
// stands for the end of the code.
func (v *validator) succs(k int) ([2]int, int) {
	in := v.code[k]
	switch in.Op {
	case isa.HALT, isa.RET:
		return [2]int{}, 0
	case isa.JMP:
		return [2]int{int(uint32(in.Imm) / isa.InsnSize)}, 1
	case isa.JZ, isa.JNZ:
		return [2]int{k + 1, int(uint32(in.Imm) / isa.InsnSize)}, 2
	}
	return [2]int{k + 1}, 1
}

func (v *validator) addFunc(entry int, entryPoint string) int32 {
	if id := v.funcAt[entry]; id >= 0 {
		fn := v.funcs[id]
		if entryPoint != "" {
			if fn.entryPoint == "" {
				fn.entryPoint, fn.name = entryPoint, entryPoint
			}
			fn.entryNames = append(fn.entryNames, entryPoint)
		}
		return id
	}
	id := int32(len(v.funcs))
	fn := &function{id: id, entry: entry, entryPoint: entryPoint, name: entryPoint, deepCall: -1}
	if entryPoint == "" {
		fn.name = fmt.Sprintf("fn_%04X", entry*isa.InsnSize)
	} else {
		fn.entryNames = []string{entryPoint}
	}
	v.funcs = append(v.funcs, fn)
	v.funcAt[entry] = id
	return id
}

// controlFlow builds functions and the call graph. It reports false when
// the later passes cannot run (recursion or conflicting ownership).
func (v *validator) controlFlow() bool {
	v.funcAt = make([]int32, v.n+1)
	v.owner = make([]int32, v.n+1)
	v.depth = make([]int32, v.n+1)
	for k := range v.funcAt {
		v.funcAt[k], v.owner[k] = -1, -1
	}
	if v.n == 0 {
		return true
	}
	e := v.f.Entry
	v.addFunc(int(e.Tick/isa.InsnSize), "tick")
	if e.Init != nxb.NoEntry {
		v.addFunc(int(e.Init/isa.InsnSize), "init")
	}
	if e.Failsafe != nxb.NoEntry {
		v.addFunc(int(e.Failsafe/isa.InsnSize), "failsafe")
	}
	color := make([]uint8, v.n+1)
	errs := len(v.diags)
	for _, fn := range v.funcs[:len(v.funcs)] {
		v.walk(fn, color)
	}
	for _, fn := range v.funcs {
		if fn.entryPoint != "" {
			for _, r := range fn.rets {
				v.at(r, diag.Error, CodeRetInEntry, "an entry point ends with HALT; RET returns from a function entered by CALL",
					"RET in %s, an entry point: the stack holds no return address", fn.name)
			}
		}
	}
	v.unreachable()
	ok := v.callGraph()
	for _, d := range v.diags[errs:] {
		if d.Severity == diag.Error && d.Code[1] == '2' {
			ok = false
		}
	}
	return ok
}

// stackSev is the severity of a stack-discipline violation (unbalanced
// paths, popping below the frame, recursion): an error under the strict
// policy; under the budget policy a warning, since the VM traps overflow
// and underflow, but the program's control flow is then no longer the
// call/return structure the analyses assume, so it is marked unstructured.
func (v *validator) stackSev() diag.Severity {
	if v.o.Policy == Budget {
		v.unstructured = true
		return diag.Warning
	}
	return diag.Error
}

type frame struct {
	k   int
	i   int   // next successor to visit
	out int32 // stack depth after the instruction
}

// walk claims fn's body by depth-first search.
func (v *validator) walk(fn *function, color []uint8) {
	if v.owner[fn.entry] >= 0 {
		// Cannot happen: entries are registered before any body claims
		// them, and a CALL into a claimed body registers nothing.
		return
	}
	stack := []frame{v.enter(fn, fn.entry, 0, color)}
	for len(stack) > 0 {
		// A function called from here is walked before the walk goes on,
		// so its body is its own even when the caller jumps into it.
		for len(v.pending) > 0 {
			g := v.pending[len(v.pending)-1]
			v.pending = v.pending[:len(v.pending)-1]
			v.walk(v.funcs[g], color)
		}
		top := &stack[len(stack)-1]
		ss, cnt := v.succs(top.k)
		if top.i >= cnt {
			color[top.k] = 2
			fn.post = append(fn.post, int32(top.k))
			stack = stack[:len(stack)-1]
			continue
		}
		j := ss[top.i]
		top.i++
		k, out := top.k, top.out
		switch {
		case j == v.n:
			what := "runs past the end of the code"
			if op := v.code[k].Op; op == isa.JMP || (op == isa.JZ || op == isa.JNZ) && top.i == 2 {
				what = "jumps to the end of the code"
			}
			v.at(k, diag.Warning, CodeFallsOff, "end the activation with HALT",
				"control %s after %s in %s; the activation halts there", what, v.insnName(k), fn.name)
		case v.funcAt[j] >= 0 && v.funcAt[j] != fn.id:
			g := v.funcs[v.funcAt[j]]
			v.at(k, diag.Error, CodeFlowInto, "reach another function only by CALL; an instruction belongs to one function",
				"control flows from %s in %s into the entry of function %s at 0x%04x", v.insnName(k), fn.name, g.name, j*isa.InsnSize)
		case v.owner[j] >= 0 && v.owner[j] != fn.id:
			g := v.funcs[v.owner[j]]
			v.at(k, diag.Error, CodeFlowInto, "reach another function only by CALL; an instruction belongs to one function",
				"%s in %s jumps into the body of function %s (at 0x%04x)", v.insnName(k), fn.name, g.name, j*isa.InsnSize)
		case v.owner[j] == fn.id:
			if v.depth[j] != out {
				v.at(j, v.stackSev(), CodeStackMismatch, "push and pop the same number of values on every path",
					"stack depth differs between paths: %d values here when reached from 0x%04x, %d on another path",
					out, k*isa.InsnSize, v.depth[j])
			}
			if color[j] == 1 {
				fn.backEdges = append(fn.backEdges, [2]int{k, j})
			}
		default:
			stack = append(stack, v.enter(fn, j, out, color))
		}
	}
	for _, be := range fn.backEdges {
		if v.o.Policy == Strict {
			v.at(be[0], diag.Error, CodeLoop,
				"the strict policy needs an acyclic program: unroll the loop to a fixed count, or validate with --policy budget",
				"%s jumps back to 0x%04x, forming a loop in %s; loops are not allowed under the strict policy",
				v.insnName(be[0]), be[1]*isa.InsnSize, fn.name)
		}
	}
}

// enter claims instruction k for fn at relative stack depth d and returns
// its DFS frame.
func (v *validator) enter(fn *function, k int, d int32, color []uint8) frame {
	v.owner[k] = fn.id
	v.depth[k] = d
	color[k] = 1
	in := v.code[k]
	out := d
	switch in.Op {
	case isa.PUSH:
		out = d + 1
		fn.maxRel = max(fn.maxRel, out)
	case isa.POP:
		if d <= 0 {
			v.at(k, v.stackSev(), CodeStackPop, "a function may pop only what it pushed",
				"POP at 0x%04x in %s pops below the function's stack frame (depth %d here)", k*isa.InsnSize, fn.name, d)
		}
		out = d - 1
	case isa.RET:
		fn.rets = append(fn.rets, k)
		if d != 0 {
			v.at(k, v.stackSev(), CodeStackRet, "pop every value the function pushed before RET",
				"RET at 0x%04x in %s with %d values left on the stack; RET would return to one of them", k*isa.InsnSize, fn.name, d)
		}
	case isa.CALL:
		v.call(fn, k)
	}
	fn.maxRel = max(fn.maxRel, d)
	return frame{k: k, out: out}
}

// call records the CALL at k in fn, registering its target as a function.
func (v *validator) call(fn *function, k int) {
	t := int(uint32(v.code[k].Imm) / isa.InsnSize)
	callee := v.funcAt[t]
	if callee < 0 {
		if o := v.owner[t]; o >= 0 {
			g := v.funcs[o]
			v.at(k, diag.Error, CodeCallMiddle, "CALL the first instruction of a function; a function's body is not shared",
				"CALL target 0x%04x is inside the body of function %s (entry 0x%04x), not a function entry",
				t*isa.InsnSize, g.name, g.entry*isa.InsnSize)
		} else {
			callee = v.addFunc(t, "")
			v.pending = append(v.pending, callee)
		}
	}
	fn.calls = append(fn.calls, callSite{at: k, callee: callee})
}

// unreachable warns about each run of instructions no function reaches.
func (v *validator) unreachable() {
	for k := 0; k < v.n; {
		if v.owner[k] >= 0 {
			k++
			continue
		}
		j := k
		for j < v.n && v.owner[j] < 0 {
			j++
		}
		if j-k == 1 {
			v.at(k, diag.Warning, CodeUnreachable, "delete it, or reach it by a jump or CALL",
				"%s is unreachable", v.insnName(k))
		} else {
			v.at(k, diag.Warning, CodeUnreachable, "delete them, or reach them by a jump or CALL",
				"%d instructions at 0x%04x..0x%04x are unreachable", j-k, k*isa.InsnSize, (j-1)*isa.InsnSize)
		}
		k = j
	}
}

// callGraph rejects recursion and orders functions callees first.
func (v *validator) callGraph() bool {
	const white, grey, black = 0, 1, 2
	color := make([]uint8, len(v.funcs))
	ok := true
	type gframe struct {
		id int32
		i  int
	}
	for root := range v.funcs {
		if color[root] != white {
			continue
		}
		stack := []gframe{{int32(root), 0}}
		color[root] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			fn := v.funcs[top.id]
			if top.i >= len(fn.calls) {
				color[top.id] = black
				v.order = append(v.order, top.id)
				stack = stack[:len(stack)-1]
				continue
			}
			c := fn.calls[top.i]
			top.i++
			switch {
			case c.callee < 0:
			case color[c.callee] == grey:
				var chain []string
				for s := len(stack) - 1; s >= 0; s-- {
					chain = append([]string{v.funcs[stack[s].id].name}, chain...)
					if stack[s].id == c.callee {
						break
					}
				}
				chain = append(chain, v.funcs[c.callee].name)
				v.at(c.at, v.stackSev(), CodeRecursion, "recursion needs an unbounded stack; rewrite it as a bounded loop or unroll it",
					"recursion: %s", strings.Join(chain, " calls "))
				ok = false
			case color[c.callee] == white:
				color[c.callee] = grey
				stack = append(stack, gframe{c.callee, 0})
			}
		}
	}
	return ok
}
