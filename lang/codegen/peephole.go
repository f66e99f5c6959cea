package codegen

import "github.com/nexusfleet/nexus/vm/isa"

// The peephole pass rewrites the final instruction list (labels included)
// until nothing changes:
//
//   - ADD r, r, R0 (a move to itself) is dropped;
//   - a jump to a label whose first instruction is JMP X jumps to X;
//   - JZ A; JMP B; A: becomes JNZ B; A: (and JNZ likewise);
//   - a jump to the instruction after it is dropped;
//   - instructions after JMP, HALT or RET up to the next label are dropped;
//   - within straight-line code (no label in between, no CALL), a
//     LOAD_CONST of the value the register already holds, and a LOAD_REG
//     of the word that register was just stored to or loaded from, are
//     dropped.
//
// Flags: dropping a self-move drops a flag update; the code generator
// never tests Z after a move, only after CMP and the ALU operation that
// computed a branch condition, so this is safe for the code it emits.
func peephole(code []*minstr) []*minstr {
	for round := 0; round < 16; round++ {
		code = dropUnusedLabels(code)
		changed := false
		for _, pass := range []func([]*minstr) ([]*minstr, bool){
			dropSelfMoves, threadJumps, invertBranches, dropJumpsToNext, dropDeadCode, dropKnownValues,
		} {
			var c bool
			code, c = pass(code)
			changed = changed || c
		}
		if !changed {
			break
		}
	}
	return code
}

// dropUnusedLabels removes the labels no jump or call names (function
// labels stay), so that the passes below see straight-line code through
// them.
func dropUnusedLabels(code []*minstr) []*minstr {
	used := map[string]bool{}
	for _, m := range code {
		if m.label == "" && m.target != "" {
			used[m.target] = true
		}
	}
	out := code[:0]
	for _, m := range code {
		if m.label != "" && !m.fnStart && !used[m.label] {
			continue
		}
		out = append(out, m)
	}
	return out
}

func isSelfMove(m *minstr) bool {
	return m.label == "" && m.op == isa.ADD && m.rd == m.rs1 && m.rs2 == 0
}

func dropSelfMoves(code []*minstr) ([]*minstr, bool) {
	out := code[:0]
	changed := false
	for _, m := range code {
		if isSelfMove(m) {
			changed = true
			continue
		}
		out = append(out, m)
	}
	return out, changed
}

// labelIndex maps each label to its index in code.
func labelIndex(code []*minstr) map[string]int {
	at := map[string]int{}
	for k, m := range code {
		if m.label != "" {
			at[m.label] = k
		}
	}
	return at
}

// firstInsn returns the index of the first instruction at or after k.
func firstInsn(code []*minstr, k int) int {
	for k < len(code) && code[k].label != "" {
		k++
	}
	return k
}

func threadJumps(code []*minstr) ([]*minstr, bool) {
	at := labelIndex(code)
	changed := false
	for _, m := range code {
		if !m.isJump() {
			continue
		}
		for step := 0; step < 8; step++ {
			k, ok := at[m.target]
			if !ok {
				break
			}
			j := firstInsn(code, k)
			if j >= len(code) || code[j].op != isa.JMP || code[j].label != "" || code[j].target == m.target {
				break
			}
			m.target = code[j].target
			changed = true
		}
	}
	return code, changed
}

// follows reports whether label name is among the labels right after
// index k.
func follows(code []*minstr, k int, name string) bool {
	for j := k + 1; j < len(code) && code[j].label != ""; j++ {
		if code[j].label == name {
			return true
		}
	}
	return false
}

func invertBranches(code []*minstr) ([]*minstr, bool) {
	changed := false
	for k := 0; k+1 < len(code); k++ {
		m, n := code[k], code[k+1]
		if m.label != "" || (m.op != isa.JZ && m.op != isa.JNZ) || n.label != "" || n.op != isa.JMP {
			continue
		}
		if follows(code, k+1, m.target) {
			if m.op == isa.JZ {
				m.op = isa.JNZ
			} else {
				m.op = isa.JZ
			}
			m.target = n.target
			code = append(code[:k+1], code[k+2:]...)
			changed = true
		}
	}
	return code, changed
}

func dropJumpsToNext(code []*minstr) ([]*minstr, bool) {
	out := code[:0]
	changed := false
	for k, m := range code {
		if m.isJump() && follows(code, k, m.target) {
			changed = true
			continue
		}
		out = append(out, m)
	}
	return out, changed
}

func dropDeadCode(code []*minstr) ([]*minstr, bool) {
	out := code[:0]
	changed := false
	dead := false
	for _, m := range code {
		if m.label != "" {
			dead = false
			out = append(out, m)
			continue
		}
		if dead {
			changed = true
			continue
		}
		out = append(out, m)
		if m.op == isa.JMP || m.op == isa.HALT || m.op == isa.RET {
			dead = true
		}
	}
	return out, changed
}

// dropKnownValues removes loads of what a register provably holds.
func dropKnownValues(code []*minstr) ([]*minstr, bool) {
	type known struct {
		ok bool
		k  int32
	}
	var regs [isa.NumGPRegs]known
	mem := map[int32]uint8{} // data word → register holding it
	reset := func() {
		regs = [isa.NumGPRegs]known{}
		clear(mem)
	}
	forget := func(r int) {
		regs[r] = known{}
		for a, x := range mem {
			if int(x) == r {
				delete(mem, a)
			}
		}
	}
	out := code[:0]
	changed := false
	for _, m := range code {
		if m.label != "" || m.op == isa.CALL {
			reset()
			out = append(out, m)
			continue
		}
		switch {
		case m.op == isa.LOAD_CONST && regs[m.rd].ok && regs[m.rd].k == m.imm:
			changed = true
			continue
		case m.op == isa.LOAD_REG && m.rs1 == 0 && hasWord(mem, m.imm, m.rd):
			changed = true
			continue
		}
		w := m.writes()
		if w > 0 {
			forget(w)
		}
		switch {
		case m.op == isa.LOAD_CONST:
			regs[m.rd] = known{true, m.imm}
		case m.op == isa.ADD && m.rs2 == 0 && m.rd != m.rs1:
			regs[m.rd] = regs[m.rs1]
		case m.op == isa.LOAD_REG && m.rs1 == 0:
			mem[m.imm] = m.rd
		case m.op == isa.STORE_REG && m.rs1 == 0:
			for a := range mem {
				if a > m.imm-4 && a < m.imm+4 {
					delete(mem, a) // overlapping words change
				}
			}
			mem[m.imm] = m.rd
		case m.op == isa.STORE_REG:
			clear(mem)
		}
		out = append(out, m)
	}
	return out, changed
}

func hasWord(mem map[int32]uint8, a int32, r uint8) bool {
	x, ok := mem[a]
	return ok && x == r
}
