package asm

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Link makes the same container as Assemble does of the same program as
// text, and reports a compiler's mistakes as errors.
func TestLink(t *testing.T) {
	text := `.entry tick main
.entry failsafe safe
.meta intent "hold depth"
.meta trust 0x3F000000
.data
.org 0
        .word 7, -2
.code
main:   LOAD_REG R1, R0, 0
        CMP R13, R1, R0, GT
        JZ done
        WRITE_IO R20, R1
done:   HALT
safe:   WRITE_IO R20, R0
        HALT
`
	want, ds := Assemble("t.s", []byte(text))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	data := binary.LittleEndian.AppendUint32(nil, 7)
	data = binary.LittleEndian.AppendUint32(data, uint32(0xFFFFFFFE))
	p := &Program{
		Tick: "main", Failsafe: "safe",
		Meta: []nxb.Record{{Tag: nxb.TagIntent, Value: []byte("hold depth")}, {Tag: nxb.TagTrust, Value: binary.LittleEndian.AppendUint32(nil, 0x3F000000)}},
		Data: []nxb.Segment{{Addr: 0, Bytes: data}},
		Code: []Line{
			{Label: "main"},
			{Insn: isa.Instruction{Op: isa.LOAD_REG, Rd: 1}},
			{Insn: isa.Instruction{Op: isa.CMP, Rd: 13, Rs1: 1, Imm: int32(isa.CondGT)}},
			{Insn: isa.Instruction{Op: isa.JZ}, Target: "done"},
			{Insn: isa.Instruction{Op: isa.WRITE_IO, Rd: 20, Rs1: 1}},
			{Label: "done"},
			{Insn: isa.Instruction{Op: isa.HALT}},
			{Label: "safe"},
			{Insn: isa.Instruction{Op: isa.WRITE_IO, Rd: 20}},
			{Insn: isa.Instruction{Op: isa.HALT}},
		},
	}
	got, err := Link(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Code, want.Code) || got.Entry != want.Entry || !reflect.DeepEqual(got.Meta, want.Meta) || !reflect.DeepEqual(got.Data, want.Data) {
		t.Errorf("Link and Assemble differ:\nlink %+v\nasm  %+v", got, want)
	}
	for _, c := range []struct {
		p    Program
		want string
	}{
		{Program{Tick: "x", Code: []Line{{Insn: isa.Instruction{Op: isa.JMP}, Target: "nowhere"}, {Label: "x"}}}, "undefined label nowhere"},
		{Program{Tick: "x", Code: []Line{{Label: "x"}, {Label: "x"}}}, "defined twice"},
		{Program{Tick: "x", Code: []Line{{Label: "y"}}}, "entry tick at undefined label x"},
		{Program{Code: []Line{{Label: "y"}}}, "no tick entry"},
	} {
		if _, err := Link(&c.p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.p, err, c.want)
		}
	}
}
