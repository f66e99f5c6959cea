package bench

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var profileFlag = flag.Bool("profile", false, "TestCycleProfile: print where each build of the suite spends its cycles")

// recIO answers READ_IO from the scenario's current values.
type recIO struct{ in [32]uint32 }

func (r *recIO) Read(ch uint8) uint32 { return r.in[ch&31] }
func (r *recIO) Write(uint8, uint32)  {}

// profileRun runs the tick entry of f on c's scenario one instruction at a
// time and counts the executions of each instruction (by pc). Failsafe
// ticks are not counted.
func profileRun(t *testing.T, c *reflexCase, f *nxb.File) map[uint32]int {
	t.Helper()
	io := &recIO{}
	m, err := vm.New(f, vm.Options{IO: io})
	if err != nil {
		t.Fatal(err)
	}
	m.Init()
	counts := map[uint32]int{}
	saved := make([]byte, len(m.Memory()))
	row := 0
	for tk := 0; tk < c.ticks; tk++ {
		for ; row < len(c.sc.Rows) && c.sc.Rows[row].Tick <= tk; row++ {
			r := c.sc.Rows[row]
			for i, s := range r.Sensors {
				if s.Set && r.Tick == tk {
					io.in[c.meta.Sensors[i].Channel&31] = uint32(s.Raw)
				}
			}
		}
		// Reset starts a fresh activation of the tick entry; memory
		// carries over.
		copy(saved, m.Memory())
		m.Reset()
		copy(m.Memory(), saved)
		for n := 0; n < 1<<20; n++ {
			counts[m.State().PC]++
			if m.Step() != vm.StopNone {
				break
			}
		}
	}
	return counts
}

// category names what the source line an instruction comes from declares:
// the flush of an actuator (its declaration line), an every block's
// countdown, a sensor read, or the reflex's own logic.
func category(lines []string, line int) string {
	if line > 0 && line <= len(lines) {
		txt := strings.TrimSpace(lines[line-1])
		for _, w := range []string{"actuator", "every", "sensor"} {
			if strings.HasPrefix(txt, w+" ") {
				return w
			}
		}
	}
	return "logic"
}

// TestCycleProfile (go test ./bench -run CycleProfile -v -profile) prints,
// per reflex and for the suite, the cycles each build spends in actuator
// flushes, every countdowns, sensor reads and the rest.
func TestCycleProfile(t *testing.T) {
	if !*profileFlag {
		t.Skip("a report, not a check: run with -profile")
	}
	total := map[string][2]int{}
	for _, c := range loadSuite(t) {
		src, err := os.ReadFile(filepath.Join(examplesDir, c.name+".reflex"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		per := map[string][2]int{}
		for vi, v := range []*variant{c.o0, c.o2} {
			counts := profileRun(t, c, v.file)
			debug := append([]nxb.LineInfo(nil), v.file.Debug...)
			sort.Slice(debug, func(i, j int) bool { return debug[i].PC < debug[j].PC })
			for pc, n := range counts {
				k := sort.Search(len(debug), func(i int) bool { return debug[i].PC > pc }) - 1
				line := 0
				if k >= 0 {
					line = int(debug[k].Line)
				}
				cat := category(lines, line)
				x := per[cat]
				x[vi] += n
				per[cat] = x
				y := total[cat]
				y[vi] += n
				total[cat] = y
			}
		}
		report(t, c.name, per)
	}
	report(t, "suite", total)
}

func report(t *testing.T, name string, per map[string][2]int) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:", name)
	for _, cat := range []string{"actuator", "every", "sensor", "logic"} {
		x := per[cat]
		fmt.Fprintf(&b, "  %s %d -> %d", cat, x[0], x[1])
	}
	t.Log(b.String())
}
