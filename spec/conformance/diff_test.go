package conformance_test

// Differential testing: generated programs (gen_test.go) run on the Go VM
// and through the C runner, whose reports and exit statuses must be equal.
//
// FuzzDifferential is the coverage-guided form (go test -fuzz). Because
// every input costs a process start, CI runs the deterministic batch form
// instead: TestDifferentialLong generates N programs from a fixed seed,
// writes them all to a temporary directory and runs the runner on each,
// spread over the CPUs. N is -diff.n or $NEXUS_DIFF_N (default 2,000; 200
// with -short).

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nexusfleet/nexus/disasm"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var (
	diffN    = flag.Int("diff.n", 0, "programs TestDifferentialLong compares (0: $NEXUS_DIFF_N, else 2000, or 200 with -short)")
	diffSeed = flag.Uint64("diff.seed", 1, "seed of TestDifferentialLong's program stream")
)

// diffCount is how many programs TestDifferentialLong compares.
func diffCount(t *testing.T) int {
	if *diffN > 0 {
		return *diffN
	}
	if s := os.Getenv("NEXUS_DIFF_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("NEXUS_DIFF_N=%q: want a positive number", s)
		}
		return n
	}
	if testing.Short() {
		return 200
	}
	return 2000
}

// difference is one program on which the VMs disagree.
type difference struct {
	data     []byte // the generator input, a FuzzDifferential corpus entry
	code     []byte
	in       inputs
	bin      string
	goReport []byte
	goExit   int
	cReport  []byte
	cExit    int
	cErr     error
}

func (d *difference) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s FILE %s\n", filepath.Base(d.bin), strings.Join(d.in.args(), " "))
	fmt.Fprintf(&b, "  go (exit %d): %s\n", d.goExit, d.goReport)
	if d.cErr != nil {
		fmt.Fprintf(&b, "  c: %v\n", d.cErr)
	} else {
		fmt.Fprintf(&b, "  c  (exit %d): %s\n", d.cExit, bytes.TrimSuffix(d.cReport, []byte("\n")))
	}
	fmt.Fprintf(&b, "  program (%d bytes):\n%s", len(d.code), indent(disasm.Text(nxb.Raw(d.code), disasm.Options{Raw: true})))
	fmt.Fprintf(&b, "  fuzz input: go test fuzz v1\n  []byte(%q)\n", d.data)
	return b.String()
}

func indent(b []byte) string {
	lines := strings.SplitAfter(strings.TrimRight(string(b), "\n"), "\n")
	return "    " + strings.Join(lines, "    ") + "\n"
}

// compare runs the program of data on the Go VM and through bin (file is a
// scratch path for the raw code) and returns the difference, if any, and
// how the Go VM's run ended.
func compare(bin, file string, data []byte) (*difference, string, error) {
	code, in := generate(data)
	want, trapped, err := runGo(code, in)
	if err != nil {
		return nil, "", fmt.Errorf("the Go VM cannot run a generated program (a generator bug): %v", err)
	}
	if err := os.WriteFile(file, code, 0o644); err != nil {
		return nil, "", err
	}
	outcome := outcomeOf(want)
	wantExit := 0
	if trapped {
		wantExit = 1
	}
	got, exit, cerr := runC(bin, file, in)
	if cerr == nil && string(got) == string(want)+"\n" && exit == wantExit {
		return nil, outcome, nil
	}
	return &difference{data: data, code: code, in: in, bin: bin, goReport: want, goExit: wantExit, cReport: got, cExit: exit, cErr: cerr}, outcome, nil
}

// outcomeOf names how a report's run ended: halted, exhausted or the trap.
func outcomeOf(report []byte) string {
	var s state
	if err := json.Unmarshal(report, &s); err != nil {
		return "unreadable"
	}
	switch {
	case s.Trap != nil:
		return *s.Trap
	case s.Halted:
		return "halted"
	}
	return "exhausted"
}

// TestDifferentialLong compares the VMs on a deterministic stream of
// generated programs. Every tenth program also runs through the sanitizer
// build when there is one.
func TestDifferentialLong(t *testing.T) {
	r := cRunners(t)
	n := diffCount(t)
	dir := t.TempDir()
	type job struct {
		k    int
		data []byte
	}
	jobs := make(chan job)
	var (
		mu       sync.Mutex
		diffs    []*difference
		compared int
		sanRuns  int
		firstErr error
		outcomes = map[string]int{}
	)
	var wg sync.WaitGroup
	for w := range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				file := filepath.Join(dir, fmt.Sprintf("prog%06d.bin", j.k))
				bins := []string{r.plain}
				if r.san != "" && j.k%10 == 0 {
					bins = append(bins, r.san)
				}
				for _, bin := range bins {
					d, outcome, err := compare(bin, file, j.data)
					mu.Lock()
					if bin == r.plain {
						outcomes[outcome]++
					}
					switch {
					case err != nil && firstErr == nil:
						firstErr = fmt.Errorf("worker %d, program %d: %v", w, j.k, err)
					case d != nil:
						diffs = append(diffs, d)
					}
					compared++
					if bin == r.san {
						sanRuns++
					}
					mu.Unlock()
				}
			}
		}()
	}
	for k := range n {
		rng := rand.New(rand.NewPCG(*diffSeed, uint64(k)))
		data := make([]byte, 8+rng.IntN(600))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		jobs <- job{k, data}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	t.Logf("compared %d programs (seed %d; %d runs, %d of them on the sanitizer build): %d differences", n, *diffSeed, compared, sanRuns, len(diffs))
	t.Logf("how the programs ended: %s", histogram(outcomes))
	for k, d := range diffs {
		if k == 5 {
			t.Errorf("... and %d more differences", len(diffs)-k)
			break
		}
		t.Errorf("the VMs differ:\n%s", d)
	}
}

// FuzzDifferential compares the VMs on programs generated from the fuzzer's
// bytes. The seed corpus is every conformance case's code in raw mode (the
// first five bytes choose raw mode and the runner's defaults) and a few
// structured inputs.
func FuzzDifferential(f *testing.F) {
	for _, c := range mustCases(f) {
		code, err := c.assemble()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte{0, 0, 0, 240, 255}, code...))
	}
	for k := range 16 {
		rng := rand.New(rand.NewPCG(2, uint64(k)))
		data := make([]byte, 64+rng.IntN(256))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		f.Add(data)
	}
	bin := cRunners(f).plain
	f.Fuzz(func(t *testing.T, data []byte) {
		d, _, err := compare(bin, filepath.Join(t.TempDir(), "prog.bin"), data)
		if err != nil {
			t.Fatal(err)
		}
		if d != nil {
			t.Errorf("the VMs differ:\n%s", d)
		}
	})
}

func histogram(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
