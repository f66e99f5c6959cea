package asm

import (
	"fmt"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Program is a program already in the assembler's terms, as a compiler
// emits it: instructions and labels in order, the entry labels, metadata
// records and initialised data. Link encodes it to the container that
// Assemble would make of the same program written as text, without
// printing and parsing it.
type Program struct {
	Code []Line
	// Tick names the tick entry's label; Init and Failsafe are optional
	// ("" = absent).
	Tick, Init, Failsafe string
	Meta                 []nxb.Record
	Data                 []nxb.Segment
}

// Line is one line of code: a label definition when Label is set,
// otherwise an instruction. A jump or call names its destination in
// Target, which Link turns into the label's byte address in Insn.Imm.
type Line struct {
	Label  string
	Insn   isa.Instruction
	Target string
}

// Link resolves the labels of p and encodes it. Errors are a compiler's
// bugs (an undefined or duplicate label, a missing tick entry), reported
// as such; the instructions themselves are not checked, as the validator
// will.
func Link(p *Program) (*nxb.File, error) {
	labels := make(map[string]uint32, len(p.Code)/4)
	pc := uint32(0)
	for _, l := range p.Code {
		if l.Label == "" {
			pc += isa.InsnSize
			continue
		}
		if _, dup := labels[l.Label]; dup {
			return nil, fmt.Errorf("asm: label %s defined twice", l.Label)
		}
		labels[l.Label] = pc
	}
	f := &nxb.File{Code: make([]byte, 0, pc), Entry: nxb.Entries{Init: nxb.NoEntry, Failsafe: nxb.NoEntry},
		Meta: p.Meta, Data: p.Data}
	for _, l := range p.Code {
		if l.Label != "" {
			continue
		}
		in := l.Insn
		if l.Target != "" {
			a, ok := labels[l.Target]
			if !ok {
				return nil, fmt.Errorf("asm: %s to undefined label %s", in.Op, l.Target)
			}
			in.Imm = int32(a)
		}
		f.Code = in.Append(f.Code)
	}
	entry := func(name, label string, dst *uint32) error {
		if label == "" {
			return nil
		}
		a, ok := labels[label]
		if !ok {
			return fmt.Errorf("asm: entry %s at undefined label %s", name, label)
		}
		*dst = a
		return nil
	}
	if p.Tick == "" {
		return nil, fmt.Errorf("asm: the program has no tick entry")
	}
	for _, e := range []struct {
		name, label string
		dst         *uint32
	}{{"tick", p.Tick, &f.Entry.Tick}, {"init", p.Init, &f.Entry.Init}, {"failsafe", p.Failsafe, &f.Entry.Failsafe}} {
		if err := entry(e.name, e.label, e.dst); err != nil {
			return nil, err
		}
	}
	return f, nil
}
