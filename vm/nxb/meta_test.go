package nxb

import (
	"math"
	"testing"
)

func TestTagNamesRoundTrip(t *testing.T) {
	for v := 1; v < 256; v++ {
		tag := Tag(v)
		got, ok := TagByName(tag.String())
		if !ok || got != tag {
			t.Errorf("TagByName(%q) = %v, %v; want %d", tag.String(), got, ok, v)
		}
	}
	for _, s := range []string{"", "tag_0x", "tag_0xZZ", "tag_0x0E", "tag_0x123", "Intent"} {
		if tag, ok := TagByName(s); ok {
			t.Errorf("TagByName(%q) = %v, want not found", s, tag)
		}
	}
	if got := Tag(0x42).String(); got != "tag_0x42" {
		t.Errorf("String = %q", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		r    Record
		want string
	}{
		{StringRecord(TagIntent, "hold heading"), `"hold heading"`},
		{StringRecord(TagNarrative, "two\nlines"), `"two\nlines"`},
		{StringRecord(TagIntent, ""), `""`},
		{Float32Record(TagTrust, 0.6), "0.6"},
		{Float32Record(TagTrustMult, float32(math.Inf(1))), "+Inf"},
		{Int32Record(TagPerfHint, -12), "-12"},
		{StringRecord(TagTrust, "high!"), `"high!"`}, // wrong length for a float
		{Record{Tag: TagIntent, Value: []byte{0xff, 0}}, "[ff 00]"},
		{Record{Tag: TagIntent, Value: []byte("a\x00b")}, "[61 00 62]"},
		{Record{Tag: 0x42, Value: []byte("text")}, `"text"`},
		{Record{Tag: 0x42}, "[]"},
	}
	for _, tc := range tests {
		if got := tc.r.Format(); got != tc.want {
			t.Errorf("%v.Format() = %s, want %s", tc.r.Tag, got, tc.want)
		}
	}
	if got := Float32Record(TagTrust, 0.25).String(); got != "trust: 0.25" {
		t.Errorf("String = %q", got)
	}
}

func TestKinds(t *testing.T) {
	want := map[Tag]Kind{TagIntent: KindString, TagTrust: KindFloat32, TagTrustMult: KindFloat32, TagPerfHint: KindInt32, 0x42: KindBytes}
	for tag, k := range want {
		if tag.Kind() != k {
			t.Errorf("%v.Kind() = %d, want %d", tag, tag.Kind(), k)
		}
	}
}
