package nxb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzRead checks that Read never panics and that whatever it accepts is a
// fixed point of Marshal: re-encoding and reading again gives the same File.
func FuzzRead(f *testing.F) { fuzzRead(f, true) }

// FuzzReadUnhashed is FuzzRead with the hash check off, so mutations reach
// the section decoders instead of stopping at the hash.
func FuzzReadUnhashed(f *testing.F) { fuzzRead(f, false) }

func fuzzRead(f *testing.F, checkHash bool) {
	full, _ := sample().Marshal()
	stripped, _ := sample().Strip().Marshal()
	raw, _ := Raw(playground).Marshal()
	empty, _ := Raw(nil).Marshal()
	for _, b := range [][]byte{full, stripped, raw, empty, playground, nil} {
		f.Add(b)
	}
	// Mutations of a valid container: truncations, flipped bytes and a
	// skippable section appended.
	for _, n := range []int{4, 47, 48, 56, 64, len(full) - 8, len(full) - 1} {
		f.Add(full[:n])
	}
	for _, at := range []int{4, 8, 16, 48, 52, 56, 70, 80, len(full) - 20} {
		b := append([]byte(nil), full...)
		b[at] ^= 0x41
		f.Add(b)
	}
	f.Add(build(Raw(playground), sec{id: 0x8123, payload: []byte{1, 2, 3}}, entries(0, NoEntry, NoEntry), code(playground)))

	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := read(b, checkHash)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			return
		}
		out, err := g.Marshal()
		if err != nil {
			t.Fatalf("Read accepted a file Marshal rejects: %v", err)
		}
		h, err := Read(out)
		if err != nil {
			t.Fatalf("re-marshalled container does not read back: %v", err)
		}
		if diff := cmp.Diff(g, h); diff != "" {
			t.Fatalf("round trip (-read +reread):\n%s", diff)
		}
	})
}
