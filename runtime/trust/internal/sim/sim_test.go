package sim

import (
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
)

func small(k Kind) Scenario {
	s := Default(20, 0.3, k)
	s.Rounds, s.Epochs, s.Seeds = 96, 4, 1
	return s
}

func TestDeterministic(t *testing.T) {
	for _, k := range []Kind{AlwaysBad, Camouflaged, Colluding} {
		a, err := Run(small(k))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Run(small(k))
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%v: two runs differ: %v vs %v", k, a.Series, b.Series)
		}
		for _, v := range a.Series {
			if v < 0 || v > 1 {
				t.Errorf("%v: share %v", k, v)
			}
		}
	}
}

// With every task routed at random the engine plays no part, and the
// measured share is the random-routing share up to sampling noise.
func TestRandomRoutingBaseline(t *testing.T) {
	s := small(AlwaysBad)
	s.Explore, s.Rounds, s.Seeds = 1, 400, 2
	r, err := Run(s)
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Overall - r.Random; d < -0.02 || d > 0.02 {
		t.Errorf("random routing measured %.3f, expected %.3f", r.Overall, r.Random)
	}
}

func TestBadScenario(t *testing.T) {
	for _, edit := range []func(*Scenario){
		func(s *Scenario) { s.Agents = 1 },
		func(s *Scenario) { s.Malicious = 1 },
		func(s *Scenario) { s.Epochs = s.Rounds + 1 },
		func(s *Scenario) { s.Seeds = 0 },
		func(s *Scenario) { s.Step = 0 },
		func(s *Scenario) { s.Explore = 2 },
	} {
		s := small(AlwaysBad)
		edit(&s)
		if _, err := Run(s); err == nil {
			t.Errorf("%+v accepted", s)
		}
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	rs, err := RunAll([]Scenario{small(AlwaysBad), small(Colluding)})
	if err != nil {
		t.Fatal(err)
	}
	out := SVG("a <title> & more", 2, Panels(rs, 20))
	d := xml.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("svg: %v", err)
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "polyline" {
			n++
		}
	}
	if n != 4 { // two panels, a series and a baseline each
		t.Errorf("%d polylines, want 4", n)
	}
}
