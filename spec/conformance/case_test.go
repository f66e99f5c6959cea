package conformance_test

// This file holds the case-file parser and the Go side of a run. It is shared
// by the corpus tests and the differential tests: a run is a raw instruction
// stream plus inputs, and its result is the run report as bytes.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// inputs are what the host gives one run: the options of `nexusc run`.
// The zero value is the command line's defaults.
type inputs struct {
	io     []ioValue // in file order; a later value for a channel wins
	recv   []uint32
	rtext  []string // recv values as written, passed to the C runner; nil: decimal
	budget uint64   // 0: isa.DefaultBudget (--max-cycles not given)
	ticks  int      // 0: one tick (--ticks not given)
}

type ioValue struct {
	ch   uint8
	v    uint32
	text string // CH=V as written, passed to the C runner unchanged
}

// args returns the runner's options for in, in the order io, recv,
// max-cycles, ticks. Options at their default are left out, so the runner's
// defaults are exercised too.
func (in inputs) args() []string {
	var a []string
	for _, x := range in.io {
		a = append(a, "--io", x.text)
	}
	if len(in.recv) > 0 {
		vs := in.rtext
		if vs == nil {
			vs = make([]string, len(in.recv))
			for k, v := range in.recv {
				vs[k] = strconv.FormatUint(uint64(v), 10)
			}
		}
		a = append(a, "--recv", strings.Join(vs, ","))
	}
	if in.budget != 0 {
		a = append(a, "--max-cycles", strconv.FormatUint(in.budget, 10))
	}
	if in.ticks != 0 {
		a = append(a, "--ticks", strconv.Itoa(in.ticks))
	}
	return a
}

// runGo runs code in the Go VM (esp32 profile) exactly as `nexusc run --raw
// --no-validate --state json` does: every tick is followed by draining the
// send queue, ticking stops at a trap, and the report is of the last tick
// with every send and IO write of the run. It returns the report without
// the trailing newline and whether the run ended in a trap.
func runGo(code []byte, in inputs) ([]byte, bool, error) {
	rio := &vm.RecordingIO{Inputs: map[uint8]uint32{}}
	for _, x := range in.io {
		rio.Inputs[x.ch] = x.v
	}
	budget := in.budget
	if budget == 0 {
		budget = isa.DefaultBudget
	}
	m, err := vm.New(nxb.Raw(code), vm.Options{Profile: isa.ProfileESP32, Budget: budget, IO: rio})
	if err != nil {
		return nil, false, err
	}
	for _, v := range in.recv {
		if !m.PushRecv(v) {
			return nil, false, fmt.Errorf("the receive queue is full after %d values", len(m.State().Recv))
		}
	}
	res, st := m.Ticks(in.ticks)
	b, err := vm.Report(st, rio.Writes)
	return b, res.Stop == vm.StopTrap, err
}

// A testCase is one .case file.
type testCase struct {
	path       string
	name       string // base name, for messages and subtest names
	source     string // padded with blank lines so that line numbers match the file
	in         inputs
	expect     string // the expected report, "" when the file has none yet
	expectLine int    // line of the "-- expect --" header, or where it will go
	head       []byte // the file up to the expect section, kept by -update
}

// label is the subtest name: file:line of the expect section.
func (c *testCase) label() string { return fmt.Sprintf("%s:%d", c.name, c.expectLine) }

var sectionRE = regexp.MustCompile(`^-- ([a-z]+) --$`)

// sections are the known section names, in the order a file must give them.
var sections = []string{"source", "io", "recv", "budget", "ticks", "expect"}

// parseCase reads a case file. The text before the first section header is a
// free-form description. source is required; expect is required except when
// updating, and must be the last section.
func parseCase(path string, b []byte) (*testCase, error) {
	c := &testCase{path: path, name: filepath.Base(path)}
	body := map[string][]string{}
	first := map[string]int{} // line of each section's header
	var cur string
	lineNo := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	order := -1
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if m := sectionRE.FindStringSubmatch(line); m != nil {
			name := m[1]
			k := index(sections, name)
			if k < 0 {
				return nil, fmt.Errorf("%s:%d: unknown section %q (want one of %s)", c.name, lineNo, name, strings.Join(sections, ", "))
			}
			if _, dup := first[name]; dup {
				return nil, fmt.Errorf("%s:%d: section %q given twice", c.name, lineNo, name)
			}
			if k < order {
				return nil, fmt.Errorf("%s:%d: section %q out of order (want %s)", c.name, lineNo, name, strings.Join(sections, ", "))
			}
			order, cur = k, name
			first[name] = lineNo
			if name == "expect" {
				c.head = append([]byte(nil), b[:offsetOfLine(b, lineNo)]...)
				c.expectLine = lineNo
			}
			continue
		}
		if cur != "" {
			body[cur] = append(body[cur], line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", c.name, err)
	}
	if _, ok := first["source"]; !ok {
		return nil, fmt.Errorf("%s: no -- source -- section", c.name)
	}
	c.source = strings.Repeat("\n", first["source"]) + strings.Join(body["source"], "\n") + "\n"
	if _, ok := first["expect"]; !ok {
		c.head = append(bytes.TrimRight(b, "\n"), '\n')
		c.expectLine = bytes.Count(c.head, []byte("\n")) + 1
	} else {
		lines := nonBlank(body["expect"])
		if len(lines) != 1 {
			return nil, fmt.Errorf("%s:%d: the expect section must hold exactly one line (the JSON report), has %d", c.name, c.expectLine, len(lines))
		}
		c.expect = lines[0]
	}
	var err error
	if c.in.io, err = parseIO(nonBlank(body["io"])); err != nil {
		return nil, fmt.Errorf("%s:%d: io: %v", c.name, first["io"], err)
	}
	if c.in.recv, c.in.rtext, err = parseRecv(nonBlank(body["recv"])); err != nil {
		return nil, fmt.Errorf("%s:%d: recv: %v", c.name, first["recv"], err)
	}
	if s, ok := single(body["budget"]); ok {
		if c.in.budget, err = strconv.ParseUint(s, 10, 64); err != nil || c.in.budget == 0 {
			return nil, fmt.Errorf("%s:%d: budget: want a positive number of cycles, got %q", c.name, first["budget"], s)
		}
	} else if _, given := first["budget"]; given {
		return nil, fmt.Errorf("%s:%d: budget: want one number", c.name, first["budget"])
	}
	if s, ok := single(body["ticks"]); ok {
		if c.in.ticks, err = strconv.Atoi(s); err != nil || c.in.ticks < 1 {
			return nil, fmt.Errorf("%s:%d: ticks: want a positive number, got %q", c.name, first["ticks"], s)
		}
	} else if _, given := first["ticks"]; given {
		return nil, fmt.Errorf("%s:%d: ticks: want one number", c.name, first["ticks"])
	}
	return c, nil
}

// parseIO reads CH=V lines (CH 16..31).
func parseIO(lines []string) ([]ioValue, error) {
	var out []ioValue
	for _, l := range lines {
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			return nil, fmt.Errorf("%q: want CH=VALUE", l)
		}
		ch, err := strconv.ParseUint(strings.TrimSpace(k), 10, 8)
		if err != nil || ch < isa.FirstIOChannel || ch > isa.LastIOChannel {
			return nil, fmt.Errorf("%q: channel must be %d..%d", l, isa.FirstIOChannel, isa.LastIOChannel)
		}
		val, err := parseValue(strings.TrimSpace(v))
		if err != nil {
			return nil, err
		}
		out = append(out, ioValue{ch: uint8(ch), v: val, text: fmt.Sprintf("%d=%s", ch, strings.TrimSpace(v))})
	}
	return out, nil
}

// parseRecv reads values separated by commas, blanks or newlines.
func parseRecv(lines []string) ([]uint32, []string, error) {
	var out []uint32
	var text []string
	for _, l := range lines {
		for _, f := range strings.FieldsFunc(l, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			v, err := parseValue(f)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, v)
			text = append(text, f)
		}
	}
	return out, text, nil
}

// parseValue parses a 32-bit value as `nexusc run` does: signed or unsigned,
// decimal, 0x hex or 0b binary.
func parseValue(s string) (uint32, error) {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || n < -1<<31 || n > 1<<32-1 {
		return 0, fmt.Errorf("%q is not a 32-bit integer", s)
	}
	return uint32(n), nil
}

// assemble turns a case's source into its raw code. Cases are raw
// instruction streams with the tick entry at 0, so .data and .entry are
// refused: the C runner could not be given them.
func (c *testCase) assemble() ([]byte, error) {
	f, diags := asm.Assemble(c.path, []byte(c.source))
	if f == nil {
		return nil, fmt.Errorf("assembly failed:\n%s", diags.Error())
	}
	if len(f.Data) > 0 {
		return nil, fmt.Errorf("%s: the source has .data; cases are raw code (initialise memory with STORE_REG)", c.name)
	}
	if f.Entry.Tick != 0 || f.Entry.Init != nxb.NoEntry || f.Entry.Failsafe != nxb.NoEntry {
		return nil, fmt.Errorf("%s: the source has .entry; cases are raw code run from address 0", c.name)
	}
	return f.Code, nil
}

// loadCases parses every *.case file of dir, sorted by name.
func loadCases(dir string) ([]*testCase, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.case"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*testCase
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		c, err := parseCase(p, b)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func index(list []string, s string) int {
	for k, x := range list {
		if x == s {
			return k
		}
	}
	return -1
}

// nonBlank drops blank lines and lines starting with '#' (comments in the
// input sections), trimming the rest.
func nonBlank(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func single(lines []string) (string, bool) {
	l := nonBlank(lines)
	if len(l) != 1 {
		return "", false
	}
	return l[0], true
}

// offsetOfLine is the byte offset where 1-based line n starts.
func offsetOfLine(b []byte, n int) int {
	off := 0
	for k := 1; k < n; k++ {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			return len(b)
		}
		off += i + 1
	}
	return off
}
