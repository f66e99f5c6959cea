package codegen

import (
	"sort"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// timing is the worst-case analysis of the final code for BudgetError's
// hot spots: the same longest-path rule as the validator (1 cycle per
// instruction, plus the callee's WCET at a CALL), with the source
// position of every instruction on the worst path.
type timing struct {
	insns []*minstr
	pos   []ir.Pos
	at    map[string]int // label → index of the next instruction
	fnEnd map[int]int    // function start → end (exclusive)
	cost  []uint64
	done  map[int]bool
}

func (g *gen) newTiming() *timing {
	t := &timing{at: map[string]int{}, fnEnd: map[int]int{}, done: map[int]bool{}}
	var starts []int
	var last ir.Pos
	for _, m := range g.code {
		if m.label != "" {
			t.at[m.label] = len(t.insns)
			if m.fnStart {
				starts = append(starts, len(t.insns))
				last = m.pos
			}
			continue
		}
		if m.pos.Line > 0 {
			last = m.pos
		}
		t.insns = append(t.insns, m)
		t.pos = append(t.pos, last)
	}
	for k, s := range starts {
		end := len(t.insns)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		t.fnEnd[s] = end
	}
	t.cost = make([]uint64, len(t.insns))
	return t
}

// succs returns the successors of instruction i within its function.
func (t *timing) succs(i, end int) []int {
	m := t.insns[i]
	var out []int
	switch m.op {
	case isa.HALT, isa.RET:
		return nil
	case isa.JMP:
		return append(out, t.at[m.target])
	case isa.JZ, isa.JNZ:
		out = append(out, t.at[m.target])
	}
	if i+1 < end {
		out = append(out, i+1)
	}
	return out
}

// fn computes the costs of the function starting at s and returns its
// WCET.
func (t *timing) fn(s int) uint64 {
	end, ok := t.fnEnd[s]
	if !ok || s >= len(t.insns) {
		return 0
	}
	if !t.done[s] {
		t.done[s] = true
		for i := end - 1; i >= s; i-- {
			var best uint64
			for _, j := range t.succs(i, end) {
				if j > i && j < end {
					best = max(best, t.cost[j])
				}
			}
			t.cost[i] = 1 + t.callee(i) + best
		}
	}
	return t.cost[s]
}

func (t *timing) callee(i int) uint64 {
	m := t.insns[i]
	if m.op != isa.CALL {
		return 0
	}
	return t.fn(t.at[m.target])
}

// walk adds the cycles of the worst path from s to spent, by position.
func (t *timing) walk(s int, spent map[ir.Pos]uint64) {
	t.fn(s)
	end := t.fnEnd[s]
	for i := s; i >= 0 && i < end; {
		spent[t.pos[i]]++
		if t.insns[i].op == isa.CALL {
			t.walk(t.at[t.insns[i].target], spent)
		}
		next, best := -1, uint64(0)
		for _, j := range t.succs(i, end) {
			if j > i && j < end && (next < 0 || t.cost[j] > best) {
				next, best = j, t.cost[j]
			}
		}
		i = next
	}
}

// hotSpots lists the positions on entry's worst path, costliest first.
func (g *gen) hotSpots(entry string) []HotSpot {
	t := g.newTiming()
	s, ok := t.at[entry]
	if !ok {
		return nil
	}
	spent := map[ir.Pos]uint64{}
	t.walk(s, spent)
	var out []HotSpot
	for p, c := range spent {
		out = append(out, HotSpot{Line: int(p.Line), Col: int(p.Col), Cycles: c})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Cycles != out[b].Cycles {
			return out[a].Cycles > out[b].Cycles
		}
		if out[a].Line != out[b].Line {
			return out[a].Line < out[b].Line
		}
		return out[a].Col < out[b].Col
	})
	if len(out) > 10 {
		out = out[:10]
	}
	return out
}
