package validator

import (
	"fmt"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// benchProgram is n instructions of straight-line code with forward
// branches every eight instructions: sensor reads, masked addresses, loads
// and stores, arithmetic, a guarded division, compare-and-branch. The strict
// policy accepts it.
func benchProgram(n int) *nxb.File {
	var code []isa.Instruction
	emit := func(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) {
		code = append(code, isa.Instruction{Op: op, Rd: rd, Rs1: rs1, Rs2: rs2, Imm: imm})
	}
	for len(code)+8 < n {
		next := int32(len(code)+8) * isa.InsnSize
		emit(isa.READ_IO, 1, 16, 0, 0)
		emit(isa.LOAD_CONST, 2, 0, 0, 0xFFC)
		emit(isa.AND, 3, 1, 2, 0)
		emit(isa.LOAD_REG, 4, 3, 0, 8)
		emit(isa.ADD, 5, 4, 1, 0)
		emit(isa.CMP, 6, 5, 0, int32(isa.CondNE))
		emit(isa.JZ, 0, 0, 0, next)
		emit(isa.DIV, 7, 4, 5, 0)
	}
	for len(code) < n-1 {
		emit(isa.NOP, 0, 0, 0, 0)
	}
	emit(isa.HALT, 0, 0, 0, 0)
	return nxb.Raw(isa.EncodeAll(code))
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1024, 2048, 4096, 8192} {
		f := benchProgram(n)
		if r := Validate(f, Options{}); !r.OK {
			b.Fatalf("benchmark program rejected: %v", r.Diagnostics)
		}
		b.Run(fmt.Sprintf("%dk", n/1024), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(f.Code)))
			for b.Loop() {
				Validate(f, Options{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/insn")
		})
	}
}
