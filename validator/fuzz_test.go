package validator

import (
	"math/rand"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// FuzzValidate feeds arbitrary bytes to the validator, as a bare instruction
// stream and, when they parse, as a container: it must never panic and
// always terminate. For raw streams of whole instructions it also runs the
// soundness check on whatever the strict policy accepts.
func FuzzValidate(f *testing.F) {
	g := &gen{r: rand.New(rand.NewSource(2))}
	for i := 0; i < 20; i++ {
		f.Add(g.program().Code)
	}
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3})
	f.Add(isa.EncodeAll([]isa.Instruction{{Op: isa.CALL, Imm: 0}}))
	f.Add(isa.EncodeAll([]isa.Instruction{{Op: isa.JMP, Imm: 8}, {Op: isa.POP}, {Op: isa.RET}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, p := range []Policy{Strict, Budget} {
			for _, prof := range []isa.Profile{isa.ProfileESP32, isa.ProfileJetson} {
				r := Validate(nxb.Raw(b), Options{Policy: p, Profile: prof})
				if p == Strict && prof == isa.ProfileESP32 && r.OK {
					rr := rand.New(rand.NewSource(int64(len(b))))
					for k := 0; k < 4; k++ {
						if msg := runOnce(nxb.Raw(b), r, rr); msg != "" {
							t.Fatalf("accepted program misbehaved: %s\n%s", msg, dump(nxb.Raw(b)))
						}
					}
				}
			}
		}
		if c, err := nxb.Read(b); err == nil {
			Validate(c, Options{})
			Validate(c, Options{Policy: Budget, MemSize: 1024})
		}
	})
}
