// Package spec_test makes spec/isa.md executable. It extracts every ```nexus
// block of the document (assembly source plus `; key: value` directives, the
// convention of section 1 of isa.md), runs it, and checks the expectations;
// and it checks the document's tables against package isa, so that the prose
// and the instruction set as data cannot drift apart.
//
// This file holds the document parser and the expectation language. It
// knows nothing about the VM: a run is summarised as an outcome, and every
// expectation is a check on an outcome.
package spec_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/vm/isa"
)

const docPath = "isa.md"

// example is one ```nexus block of the document.
type example struct {
	line   int    // 1-based line of the opening fence
	src    string // the block, padded with blank lines so line numbers match the document
	body   []string
	inputs inputs
	code   []byte // expected encoding from `; code:` lines, nil if none
	checks []check
}

func (e *example) name() string { return fmt.Sprintf("%s:%d", docPath, e.line) }

// inputs are the directives that set up a run.
type inputs struct {
	io       map[uint8]uint32
	recv     []uint32
	budgets  []uint64 // successive runs; empty means one run with the default budget
	profile  isa.Profile
	ticks    int      // 0: a plain run from the tick entry
	hookTrap isa.Trap // what the example hook returns
}

// outcome is everything an example can check about a finished run.
type outcome struct {
	regs           [isa.NumRegs]uint32
	z, n           bool
	pc             uint32
	cycles         uint64
	halted         bool
	exhausted      bool
	trap           isa.Trap
	stack          []uint32
	writes         [][2]uint32
	sent           [][2]uint32
	interrupts     []uint32
	hook           []string
	sleep          uint32 // the last SLEEP request of the run
	sleepRequested bool
	mem            func(addr uint32, n int) ([]byte, bool)
}

// check is one expectation item; verify returns a message when the outcome
// disagrees.
type check struct {
	text   string
	verify func(o *outcome) string
}

// readExamples parses the document. Parse errors are returned all at once,
// each prefixed with its document line.
func readExamples() ([]*example, []string, error) {
	b, err := os.ReadFile(docPath)
	if err != nil {
		return nil, nil, err
	}
	return parseDoc(b)
}

var fenceOpen = regexp.MustCompile("^(\\s*)```nexus\\s*$")

func parseDoc(doc []byte) ([]*example, []string, error) {
	var (
		exs    []*example
		errs   []string
		cur    *example
		indent string
	)
	sc := bufio.NewScanner(bytes.NewReader(doc))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if cur == nil {
			if m := fenceOpen.FindStringSubmatch(line); m != nil {
				cur, indent = &example{line: n}, m[1]
			}
			continue
		}
		if strings.TrimSpace(line) == "```" {
			errs = append(errs, cur.finish()...)
			exs = append(exs, cur)
			cur = nil
			continue
		}
		body := strings.TrimPrefix(line, indent)
		cur.body = append(cur.body, body)
		if msg := cur.directive(body); msg != "" {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", docPath, n, msg))
		}
	}
	if cur != nil {
		errs = append(errs, fmt.Sprintf("%s:%d: unterminated ```nexus block", docPath, cur.line))
	}
	return exs, errs, sc.Err()
}

// finish builds the assembler input and checks the block is complete.
func (e *example) finish() []string {
	// Blank lines up to and including the fence keep the assembler's line
	// numbers equal to the document's.
	e.src = strings.Repeat("\n", e.line) + strings.Join(e.body, "\n") + "\n"
	if len(e.checks) == 0 {
		return []string{fmt.Sprintf("%s: example has no `; expect:` line", e.name())}
	}
	return nil
}

var directiveRE = regexp.MustCompile(`^\s*;\s*([a-z]+)\s*:\s*(.*?)\s*$`)

// directive parses a `; key: value` line into e; other lines are source.
// It returns a message for a malformed directive.
func (e *example) directive(line string) string {
	m := directiveRE.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	key, val := m[1], m[2]
	switch key {
	case "io":
		if e.inputs.io == nil {
			e.inputs.io = map[uint8]uint32{}
		}
		for _, kv := range fields(val) {
			k, v, ok := strings.Cut(kv, "=")
			ch, err := strconv.ParseUint(k, 10, 8)
			x, verr := parseValue(v)
			if !ok || err != nil || verr != nil || ch < isa.FirstIOChannel || ch > isa.LastIOChannel {
				return fmt.Sprintf("io: %q is not CH=VALUE with CH 16..31", kv)
			}
			e.inputs.io[uint8(ch)] = x
		}
	case "recv":
		for _, s := range strings.Split(val, ",") {
			x, err := parseValue(strings.TrimSpace(s))
			if err != nil {
				return "recv: " + err.Error()
			}
			e.inputs.recv = append(e.inputs.recv, x)
		}
	case "budget":
		for _, s := range strings.Split(val, ",") {
			x, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
			if err != nil || x == 0 {
				return fmt.Sprintf("budget: %q is not a positive cycle count", s)
			}
			e.inputs.budgets = append(e.inputs.budgets, x)
		}
	case "profile":
		p, ok := isa.ProfileByName(val)
		if !ok {
			return fmt.Sprintf("profile: %q is not esp32 or jetson", val)
		}
		e.inputs.profile = p
	case "ticks":
		x, err := strconv.Atoi(val)
		if err != nil || x < 1 {
			return fmt.Sprintf("ticks: %q is not a positive count", val)
		}
		e.inputs.ticks = x
	case "hooktrap":
		tr, ok := isa.TrapByName(val)
		if !ok {
			return fmt.Sprintf("hooktrap: %q is not a trap name", val)
		}
		e.inputs.hookTrap = tr
	case "code":
		h := strings.Join(strings.Fields(val), "")
		b, err := hex.DecodeString(h)
		if err != nil {
			return fmt.Sprintf("code: %q is not hex bytes", val)
		}
		e.code = append(e.code, b...)
	case "expect":
		for _, item := range fields(val) {
			c, err := parseCheck(item)
			if err != nil {
				return "expect: " + err.Error()
			}
			e.checks = append(e.checks, c)
		}
	default:
		return fmt.Sprintf("unknown directive %q (want io, recv, budget, profile, ticks, hooktrap, code or expect)", key)
	}
	return ""
}

// fields splits on blanks outside brackets and parentheses, so that
// `writes=[(17, 1), (18, 2)]` is one item.
func fields(s string) []string {
	var out []string
	depth, start := 0, -1
	for k, r := range s {
		switch {
		case r == '[' || r == '(':
			depth++
		case r == ']' || r == ')':
			depth--
		}
		blank := r == ' ' || r == '\t'
		if blank && depth == 0 {
			if start >= 0 {
				out = append(out, s[start:k])
				start = -1
			}
		} else if start < 0 {
			start = k
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// parseValue parses a 32-bit pattern written signed or unsigned, in
// decimal, 0x hex or 0b binary.
func parseValue(s string) (uint32, error) {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64)
	if err != nil || n < -1<<31 || n > 1<<32-1 {
		return 0, fmt.Errorf("%q is not a 32-bit value", s)
	}
	return uint32(n), nil
}

var (
	regItem  = regexp.MustCompile(`^[Rr](\d+)=(.+)$`)
	memItem  = regexp.MustCompile(`^mem(8|32)\[([^\]]+)\]=(.+)$`)
	lenItem  = regexp.MustCompile(`^len\((stack|sent|interrupts)\)=(\d+)$`)
	pairItem = regexp.MustCompile(`^\(\s*([^,\s]+)\s*,\s*([^,\s]+)\s*\)$`)
	hookItem = regexp.MustCompile(`^([A-Z_]+)\(\s*([^,\s]+)\s*,\s*([^,\s]+)\s*,\s*([^,\s]+)\s*\)$`)
)

// parseCheck parses one expectation item (section 1 of isa.md).
func parseCheck(item string) (check, error) {
	c := check{text: item}
	switch item {
	case "halted":
		c.verify = func(o *outcome) string { return want(o.halted && o.trap == isa.TrapNone, "halted", describeStop(o)) }
		return c, nil
	case "exhausted":
		c.verify = func(o *outcome) string {
			return want(o.exhausted && !o.halted && o.trap == isa.TrapNone, "budget exhausted", describeStop(o))
		}
		return c, nil
	}
	if m := regItem.FindStringSubmatch(item); m != nil {
		r, err := strconv.Atoi(m[1])
		v, verr := parseValue(m[2])
		if err != nil || r >= isa.NumRegs || verr != nil {
			return c, fmt.Errorf("%q: want Rn=VALUE with n 0..31", item)
		}
		c.verify = func(o *outcome) string { return wantU32(o.regs[r], v) }
		return c, nil
	}
	if m := memItem.FindStringSubmatch(item); m != nil {
		addr, aerr := parseValue(m[2])
		v, verr := parseValue(m[3])
		size := 4
		if m[1] == "8" {
			size = 1
			if v > 0xFF {
				verr = fmt.Errorf("byte")
			}
		}
		if aerr != nil || verr != nil {
			return c, fmt.Errorf("%q: want mem32[ADDR]=VALUE or mem8[ADDR]=BYTE", item)
		}
		c.verify = func(o *outcome) string {
			b, ok := o.mem(addr, size)
			if !ok {
				return "address out of range"
			}
			var got uint32
			for k := size - 1; k >= 0; k-- {
				got = got<<8 | uint32(b[k])
			}
			return wantU32(got, v)
		}
		return c, nil
	}
	if m := lenItem.FindStringSubmatch(item); m != nil {
		n, _ := strconv.Atoi(m[2])
		c.verify = func(o *outcome) string {
			got := map[string]int{"stack": len(o.stack), "sent": len(o.sent), "interrupts": len(o.interrupts)}[m[1]]
			return want(got == n, strconv.Itoa(n), strconv.Itoa(got))
		}
		return c, nil
	}
	key, val, ok := strings.Cut(item, "=")
	if !ok {
		return c, fmt.Errorf("%q: unknown item", item)
	}
	switch key {
	case "Z", "N":
		if val != "0" && val != "1" {
			return c, fmt.Errorf("%q: a flag is 0 or 1", item)
		}
		c.verify = func(o *outcome) string {
			got := o.z
			if key == "N" {
				got = o.n
			}
			return want(got == (val == "1"), val, b2s(got))
		}
	case "pc":
		v, err := parseValue(val)
		if err != nil {
			return c, err
		}
		c.verify = func(o *outcome) string { return wantU32(o.pc, v) }
	case "cycles":
		v, err := strconv.ParseUint(val, 10, 64)
		if err != nil {
			return c, fmt.Errorf("%q: cycles is a decimal count", item)
		}
		c.verify = func(o *outcome) string { return want(o.cycles == v, val, strconv.FormatUint(o.cycles, 10)) }
	case "sleep":
		if val == "none" {
			c.verify = func(o *outcome) string { return want(!o.sleepRequested, "none", sleepString(o)) }
			break
		}
		v, err := parseValue(val)
		if err != nil {
			return c, err
		}
		c.verify = func(o *outcome) string {
			return want(o.sleepRequested && o.sleep == v, strconv.FormatUint(uint64(v), 10), sleepString(o))
		}
	case "trap":
		t, ok := isa.TrapByName(val)
		if !ok {
			return c, fmt.Errorf("%q: unknown trap name", item)
		}
		c.verify = func(o *outcome) string { return want(o.trap == t, t.String(), o.trap.String()) }
	case "stack", "interrupts":
		vs, err := parseList(val, func(s string) (uint32, error) { return parseValue(s) })
		if err != nil {
			return c, fmt.Errorf("%q: %v", item, err)
		}
		c.verify = func(o *outcome) string {
			got := o.stack
			if key == "interrupts" {
				got = o.interrupts
			}
			return want(fmt.Sprint(got) == fmt.Sprint(vs), fmt.Sprint(vs), fmt.Sprint(got))
		}
	case "writes", "sent":
		ps, err := parseList(val, parsePair)
		if err != nil {
			return c, fmt.Errorf("%q: %v", item, err)
		}
		c.verify = func(o *outcome) string {
			got := o.writes
			if key == "sent" {
				got = o.sent
			}
			return want(fmt.Sprint(got) == fmt.Sprint(ps), fmt.Sprint(ps), fmt.Sprint(got))
		}
	case "hook":
		hs, err := parseList(val, parseHookCall)
		if err != nil {
			return c, fmt.Errorf("%q: %v", item, err)
		}
		c.verify = func(o *outcome) string {
			return want(fmt.Sprint(o.hook) == fmt.Sprint(hs), fmt.Sprint(hs), fmt.Sprint(o.hook))
		}
	default:
		return c, fmt.Errorf("%q: unknown item", item)
	}
	return c, nil
}

// parseList parses `[a,b,...]`, splitting on commas outside parentheses.
func parseList[T any](s string, elem func(string) (T, error)) ([]T, error) {
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("want a [list]")
	}
	s = strings.TrimSpace(s[1 : len(s)-1])
	out := []T{}
	if s == "" {
		return out, nil
	}
	depth, start := 0, 0
	for k := 0; k <= len(s); k++ {
		if k < len(s) {
			switch s[k] {
			case '(':
				depth++
			case ')':
				depth--
			}
			if s[k] != ',' || depth > 0 {
				continue
			}
		}
		v, err := elem(strings.TrimSpace(s[start:k]))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		start = k + 1
	}
	return out, nil
}

func parsePair(s string) ([2]uint32, error) {
	m := pairItem.FindStringSubmatch(s)
	if m == nil {
		return [2]uint32{}, fmt.Errorf("%q is not (CHANNEL,VALUE)", s)
	}
	ch, err1 := strconv.ParseUint(m[1], 0, 8)
	v, err2 := parseValue(m[2])
	if err1 != nil || err2 != nil {
		return [2]uint32{}, fmt.Errorf("%q is not (CHANNEL 0..255,VALUE)", s)
	}
	return [2]uint32{uint32(ch), v}, nil
}

// parseHookCall normalises NAME(rd,rs1,imm) to the form hookCall records.
func parseHookCall(s string) (string, error) {
	m := hookItem.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("%q is not NAME(rd,rs1,imm)", s)
	}
	in := isa.ByName(m[1])
	rd, err1 := strconv.ParseUint(m[2], 0, 8)
	rs1, err2 := strconv.ParseUint(m[3], 0, 8)
	imm, err3 := parseValue(m[4])
	if in == nil || !in.A2A || err1 != nil || err2 != nil || err3 != nil {
		return "", fmt.Errorf("%q is not an A2A mnemonic with fields rd 0..255, rs1 0..255, imm", s)
	}
	return hookCall(isa.Instruction{Op: in.Op, Rd: uint8(rd), Rs1: uint8(rs1), Imm: int32(imm)}), nil
}

// hookCall is how the test's host hook records one A2A call.
func hookCall(in isa.Instruction) string {
	return fmt.Sprintf("%s(%d,%d,%d)", in.Op, in.Rd, in.Rs1, in.Imm)
}

func want(ok bool, want, got string) string {
	if ok {
		return ""
	}
	return fmt.Sprintf("got %s, want %s", got, want)
}

func wantU32(got, w uint32) string {
	return want(got == w, fmt.Sprintf("%d (%#x)", w, w), fmt.Sprintf("%d (%#x)", got, got))
}

func sleepString(o *outcome) string {
	if !o.sleepRequested {
		return "none"
	}
	return strconv.FormatUint(uint64(o.sleep), 10)
}

func b2s(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func describeStop(o *outcome) string {
	switch {
	case o.trap != isa.TrapNone:
		return "trap " + o.trap.String()
	case o.halted:
		return "halted"
	case o.exhausted:
		return "budget exhausted"
	}
	return "running"
}

// tableRows returns the cells of every table row in the section whose
// heading starts with heading, up to the next heading of the same or a
// higher level. Header and separator rows are skipped.
func tableRows(doc []byte, heading string) [][]string {
	var rows [][]string
	level, in := 0, false
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "#") {
			hashes := len(line) - len(strings.TrimLeft(line, "#"))
			if in && hashes <= level {
				break
			}
			if strings.HasPrefix(line, heading) {
				in, level = true, hashes
			}
			continue
		}
		if !in || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for k := range cells {
			cells[k] = strings.TrimSpace(cells[k])
		}
		if strings.HasPrefix(cells[0], "---") {
			continue
		}
		rows = append(rows, cells)
	}
	if len(rows) > 0 {
		rows = rows[1:] // the header
	}
	return rows
}
