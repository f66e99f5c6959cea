package codegen

import (
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

func lbl(name string) *minstr { return &minstr{label: name} }
func ins(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) *minstr {
	return &minstr{op: op, rd: rd, rs1: rs1, rs2: rs2, imm: imm}
}
func jmp(op isa.Opcode, target string) *minstr { return &minstr{op: op, target: target} }

func render(code []*minstr) string {
	var b []string
	for _, m := range code {
		if m.label != "" {
			b = append(b, m.label+":")
		} else {
			b = append(b, m.String())
		}
	}
	return strings.Join(b, "; ")
}

func TestPeephole(t *testing.T) {
	fn := &minstr{label: "f", fnStart: true}
	tests := []struct {
		name string
		in   []*minstr
		want string
	}{
		{"self move", []*minstr{fn, ins(isa.ADD, 3, 3, 0, 0), ins(isa.HALT, 0, 0, 0, 0)}, "f:; HALT"},
		{"jump to next", []*minstr{fn, jmp(isa.JMP, "a"), lbl("a"), ins(isa.HALT, 0, 0, 0, 0)}, "f:; HALT"},
		{"thread", []*minstr{fn, ins(isa.CMP, 0, 1, 0, 0), jmp(isa.JZ, "a"), ins(isa.HALT, 0, 0, 0, 0),
			lbl("a"), jmp(isa.JMP, "b"), lbl("b"), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; CMP R1, R0; JZ b; HALT; b:; HALT"},
		{"invert", []*minstr{fn, ins(isa.CMP, 0, 1, 0, 0), jmp(isa.JZ, "a"), jmp(isa.JMP, "b"),
			lbl("a"), ins(isa.NOP, 0, 0, 0, 0), lbl("b"), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; CMP R1, R0; JNZ b; NOP; b:; HALT"},
		{"dead after jump", []*minstr{fn, jmp(isa.JMP, "b"), ins(isa.NOP, 0, 0, 0, 0), ins(isa.NOP, 0, 0, 0, 0),
			lbl("b"), ins(isa.HALT, 0, 0, 0, 0)}, "f:; HALT"},
		{"known constant", []*minstr{fn, ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.STORE_REG, 1, 0, 0, 8),
			ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; LOAD_CONST R1, 5; STORE_REG R1, R0, 8; HALT"},
		{"constant changed", []*minstr{fn, ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.ADD, 1, 1, 1, 0),
			ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; LOAD_CONST R1, 5; ADD R1, R1, R1; LOAD_CONST R1, 5; HALT"},
		{"store then load", []*minstr{fn, ins(isa.STORE_REG, 2, 0, 0, 12), ins(isa.LOAD_REG, 2, 0, 0, 12),
			ins(isa.LOAD_REG, 3, 0, 0, 12), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; STORE_REG R2, R0, 12; LOAD_REG R3, R0, 12; HALT"},
		{"label is a join", []*minstr{fn, ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.CMP, 0, 2, 0, 0), jmp(isa.JZ, "a"),
			ins(isa.LOAD_CONST, 1, 0, 0, 6), lbl("a"), ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; LOAD_CONST R1, 5; CMP R2, R0; JZ a; LOAD_CONST R1, 6; a:; LOAD_CONST R1, 5; HALT"},
		{"overlapping store", []*minstr{fn, ins(isa.LOAD_REG, 2, 0, 0, 12), ins(isa.STORE_REG, 3, 0, 0, 14),
			ins(isa.LOAD_REG, 2, 0, 0, 12), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; LOAD_REG R2, R0, 12; STORE_REG R3, R0, 14; LOAD_REG R2, R0, 12; HALT"},
		{"call clobbers", []*minstr{fn, ins(isa.LOAD_CONST, 1, 0, 0, 5), jmp(isa.CALL, "g"),
			ins(isa.LOAD_CONST, 1, 0, 0, 5), ins(isa.HALT, 0, 0, 0, 0)},
			"f:; LOAD_CONST R1, 5; CALL g; LOAD_CONST R1, 5; HALT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(peephole(tc.in)); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
