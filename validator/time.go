package validator

import (
	"math"
	"strings"

	"github.com/nexusfleet/nexus/vm/isa"
)

// The interprocedural half of rule 3 (maximum stack depth) and rule 5
// (worst-case execution time), computed bottom-up over the call graph,
// which callGraph has proven acyclic.

func satAdd(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

func (v *validator) stackAndTime() {
	cost := make([]uint64, v.n+1)
	for _, id := range v.order {
		fn := v.funcs[id]
		fn.maxStack = int(fn.maxRel)
		known := len(fn.backEdges) == 0
		for ci, c := range fn.calls {
			if c.callee < 0 {
				known = false
				continue
			}
			g := v.funcs[c.callee]
			if d := int(v.depth[c.at]) + 1 + g.maxStack; d > fn.maxStack {
				fn.maxStack, fn.deepCall = d, ci
			}
			known = known && g.wcetKnown
		}
		if !known {
			continue
		}
		// Longest path: post-order visits successors first in an acyclic body.
		for _, k32 := range fn.post {
			k := int(k32)
			var best uint64
			ss, cnt := v.succs(k)
			for i := 0; i < cnt; i++ {
				if j := ss[i]; j < v.n && v.owner[j] == fn.id {
					best = max(best, cost[j])
				}
			}
			c := satAdd(1, best)
			if v.code[k].Op == isa.CALL {
				c = satAdd(c, v.funcs[v.funcAt[uint32(v.code[k].Imm)/isa.InsnSize]].wcet)
			}
			cost[k] = c
		}
		fn.wcet, fn.wcetKnown = cost[fn.entry], true
	}
	for _, fn := range v.funcs {
		if fn.entryPoint == "" {
			continue
		}
		if fn.maxStack > isa.StackDepth {
			v.at(fn.entry, v.strictSev(), CodeStackDepth, "flatten the call chain or push fewer values",
				"%s needs up to %d stack entries (values and return addresses, through %s); the stack holds %d",
				fn.name, fn.maxStack, v.deepestChain(fn), isa.StackDepth)
		}
		if fn.wcetKnown && fn.wcet > v.o.Budget {
			v.at(fn.entry, v.strictSev(), CodeBudget, "shorten the longest path, or give a larger --budget",
				"%s may take %d cycles on its longest path; the budget is %d", fn.name, fn.wcet, v.o.Budget)
		}
	}
}

// deepestChain names the call chain that reaches fn's maximum stack depth.
func (v *validator) deepestChain(fn *function) string {
	names := []string{fn.name}
	for fn.deepCall >= 0 && len(names) <= len(v.funcs) {
		fn = v.funcs[fn.calls[fn.deepCall].callee]
		names = append(names, fn.name)
	}
	return strings.Join(names, " → ")
}
