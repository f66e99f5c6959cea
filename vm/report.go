package vm

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// RecordingIO is an IO that answers READ_IO from a fixed table (channels
// not in Inputs read 0) and records every WRITE_IO in order. It is the IO of
// `nexusc run` and of conformance runs, whose report lists the writes.
type RecordingIO struct {
	Inputs map[uint8]uint32
	Writes [][2]uint32 // [channel, value], in WRITE_IO order
}

// Read returns Inputs[ch], or 0.
func (r *RecordingIO) Read(ch uint8) uint32 { return r.Inputs[ch] }

// Write appends [ch, v] to Writes.
func (r *RecordingIO) Write(ch uint8, v uint32) {
	r.Writes = append(r.Writes, [2]uint32{uint32(ch), v})
}

// Report renders s and the IO writes as the run report: one JSON object
// with exactly the keys pc, cycles, halted, trap, registers, flags, stack,
// sent, writes, in that order. trap is null or the trap's code name;
// registers are 32 unsigned numbers; sent and writes are [channel, value]
// pairs; empty lists render as [], never null. The C runner's conformance
// output must match it byte for byte.
func Report(s State, writes [][2]uint32) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"pc":`)
	b.WriteString(strconv.FormatUint(uint64(s.PC), 10))
	b.WriteString(`,"cycles":`)
	b.WriteString(strconv.FormatUint(s.Cycles, 10))
	b.WriteString(`,"halted":`)
	b.WriteString(strconv.FormatBool(s.Halted))
	b.WriteString(`,"trap":`)
	if s.Trap == 0 {
		b.WriteString("null")
	} else {
		t, err := json.Marshal(s.Trap.String())
		if err != nil {
			return nil, err
		}
		b.Write(t)
	}
	b.WriteString(`,"registers":`)
	list(&b, s.Registers[:])
	b.WriteString(`,"flags":{"zero":`)
	b.WriteString(strconv.FormatBool(s.Zero))
	b.WriteString(`,"negative":`)
	b.WriteString(strconv.FormatBool(s.Negative))
	b.WriteString(`},"stack":`)
	list(&b, s.Stack)
	b.WriteString(`,"sent":[`)
	for k, x := range s.Sent {
		if k > 0 {
			b.WriteByte(',')
		}
		list(&b, []uint32{uint32(x.Channel), x.Value})
	}
	b.WriteString(`],"writes":[`)
	for k, w := range writes {
		if k > 0 {
			b.WriteByte(',')
		}
		list(&b, w[:])
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}

func list(b *bytes.Buffer, vs []uint32) {
	b.WriteByte('[')
	for k, v := range vs {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(uint64(v), 10))
	}
	b.WriteByte(']')
}
