package sim

import (
	"os"
	"testing"
)

// seeds adds the testdata scenarios and every error case of the given
// format.
func seeds(f *testing.F, format, file string) {
	if b, err := os.ReadFile(file); err == nil {
		f.Add(b)
	}
	for _, tc := range readErrorCases(f) {
		if tc.format == format {
			f.Add([]byte(tc.input))
		}
	}
}

// check is the property both parsers share: an error is an *Error, or
// the scenario has ascending ticks and one cell per sensor, every set
// sensor value inside its range.
func checkParse(t *testing.T, sc *Scenario, err error) {
	if err != nil {
		if _, ok := err.(*Error); !ok || sc != nil {
			t.Fatalf("error %T %v with scenario %v", err, err, sc)
		}
		return
	}
	m := probeMeta()
	for i, r := range sc.Rows {
		if i > 0 && r.Tick <= sc.Rows[i-1].Tick || r.Tick < 0 || len(r.Sensors) != len(m.Sensors) {
			t.Fatalf("bad row %d: %+v", i, r)
		}
		for k, c := range r.Sensors {
			if c.Set && !inRange(m.Sensors[k], c.Raw) {
				t.Fatalf("row %d: %s out of range: %d", i, m.Sensors[k].Name, c.Raw)
			}
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	seeds(f, "csv", "testdata/probe.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseCSV("f.csv", data, probeMeta(), probeMsgs)
		checkParse(t, sc, err)
	})
}

func FuzzParseJSON(f *testing.F) {
	seeds(f, "json", "testdata/probe.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseJSON("f.json", data, probeMeta(), probeMsgs)
		checkParse(t, sc, err)
	})
}
