package validator

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// Policy selects how much the validator must prove.
type Policy uint8

const (
	// Strict (the default, for anything deployed): loops are rejected, the
	// WCET must fit the budget, and every memory access and divisor must be
	// proven safe.
	Strict Policy = iota
	// Budget: loops are allowed and the VM's cycle budget is the guard; what
	// cannot be proven about memory and divisors is a warning, since the VM
	// checks it at run time.
	Budget
)

func (p Policy) String() string {
	if p == Budget {
		return "budget"
	}
	return "strict"
}

// PolicyByName parses "strict" or "budget".
func PolicyByName(s string) (Policy, bool) {
	switch s {
	case "strict":
		return Strict, true
	case "budget":
		return Budget, true
	}
	return 0, false
}

// Options configure a validation. The zero value is the strict policy, the
// default budget, the esp32 profile and 64 KiB of data memory.
type Options struct {
	Policy  Policy
	Budget  uint64 // cycles per activation; 0 means isa.DefaultBudget
	Profile isa.Profile
	MemSize int    // bytes of data memory; 0 means isa.MemSize
	File    string // file name for diagnostics without debug info
}

// Entry describes one entry point (tick, init, failsafe).
type Entry struct {
	Name     string  `json:"name"`
	PC       uint32  `json:"pc"`
	WCET     *uint64 `json:"wcet"` // nil: unbounded (a loop)
	MaxStack int     `json:"max_stack"`
}

// Channels is a sorted list of channel numbers; it marshals to JSON as an
// array of numbers.
type Channels []uint8

// MarshalJSON writes the channels as numbers (a []uint8 would be base64).
func (c Channels) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for k, ch := range c {
		if k > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, uint64(ch), 10)
	}
	return append(b, ']'), nil
}

// Manifest is what the program was found to use. Channels are sorted; A2A
// opcodes are in opcode order.
type Manifest struct {
	Reads  Channels `json:"reads"`
	Writes Channels `json:"writes"`
	Sends  Channels `json:"sends"`
	A2A    []string `json:"a2a"`
	// WriteRanges maps each channel written by WRITE_IO to the set of
	// values the analysis found may be written there, e.g. "[-100, 100]".
	WriteRanges map[uint8]string `json:"write_ranges"`
}

// Result is the outcome of Validate.
type Result struct {
	OK          bool      // no errors: the program may run
	WCET        *uint64   // worst-case cycles of the tick entry; nil when unbounded or unknown
	Entries     []Entry   // one per entry point, tick first
	MaxStack    int       // largest stack depth (entries) of any entry point
	Manifest    Manifest  // inferred capabilities
	Diagnostics diag.List // sorted by pc
}

// Validate checks f against the rules in spec/validator.md. It never
// panics and never fails: every problem is a diagnostic, and Result.OK is
// false when any of them is an error.
func Validate(f *nxb.File, o Options) *Result {
	if o.Budget == 0 {
		o.Budget = isa.DefaultBudget
	}
	if o.MemSize <= 0 || o.MemSize > isa.MemSize {
		o.MemSize = isa.MemSize
	}
	if f == nil {
		f = nxb.Raw(nil)
	}
	v := &validator{f: f, o: o}
	v.run()
	return v.result()
}

// validator holds the state of one validation.
type validator struct {
	f     *nxb.File
	o     Options
	code  []isa.Instruction
	n     int // instructions
	lines map[uint32]nxb.LineInfo
	diags diag.List

	// control flow (cfg.go)
	funcs   []*function
	funcAt  []int32 // instruction index -> function whose entry it is, or -1
	owner   []int32 // instruction index -> function whose body holds it, or -1
	depth   []int32 // relative stack depth before the instruction
	order   []int32 // functions, callees before callers
	pending []int32 // functions registered by a CALL, not yet walked

	man      manifestDecl
	ranges   map[uint8][]rangeDecl
	analysed bool // the value analysis ran: written holds its findings
	// unstructured: stack discipline is broken (allowed, with warnings,
	// under the budget policy), so RET may go anywhere: every instruction
	// counts as reachable for the manifest and values cannot be proven.
	unstructured bool
	written      [isa.LastIOChannel + 1]valueSet // values written per channel, when wroteTo
	wroteTo      [isa.LastIOChannel + 1]bool
}

func (v *validator) run() {
	ok := v.structure()
	v.parseMeta()
	if !ok {
		return
	}
	if v.controlFlow() {
		v.stackAndTime()
		if !v.unstructured {
			v.values()
		}
	}
	if v.unstructured {
		v.owner = nil
	}
	if !v.analysed && len(v.ranges) > 0 && !v.diags.HasErrors() {
		v.whole(diag.Error, CodeUnsafeValue, "fix the warnings above so the program's control flow can be analysed",
			"the safety ranges cannot be proven: the program's stack use or calls are not analysable")
	}
	v.checkUses()
}

func (v *validator) result() *Result {
	r := &Result{Diagnostics: v.diags}
	if v.funcs != nil {
		for _, fn := range v.funcs {
			if fn.entryPoint == "" {
				continue
			}
			for _, name := range fn.entryNames {
				e := Entry{Name: name, PC: uint32(fn.entry) * isa.InsnSize, MaxStack: fn.maxStack}
				if fn.wcetKnown {
					w := fn.wcet
					e.WCET = &w
				}
				r.Entries = append(r.Entries, e)
				r.MaxStack = max(r.MaxStack, fn.maxStack)
			}
		}
		sort.SliceStable(r.Entries, func(i, j int) bool { return entryRank(r.Entries[i].Name) < entryRank(r.Entries[j].Name) })
		if len(r.Entries) > 0 && r.Entries[0].Name == "tick" {
			r.WCET = r.Entries[0].WCET
		}
	}
	if v.code != nil && v.n == 0 {
		// An empty program halts at once, past the end, in 0 cycles.
		var zero uint64
		r.WCET = &zero
		r.Entries = []Entry{{Name: "tick", WCET: &zero}}
	}
	r.Manifest = v.inferred()
	sort.SliceStable(r.Diagnostics, func(i, j int) bool {
		a, b := r.Diagnostics[i].PC, r.Diagnostics[j].PC
		switch {
		case a == nil || b == nil:
			return a == nil && b != nil
		}
		return *a < *b
	})
	r.OK = !r.Diagnostics.HasErrors()
	return r
}

func entryRank(name string) int {
	switch name {
	case "tick":
		return 0
	case "init":
		return 1
	}
	return 2
}

// strictSev is Error under the strict policy and Warning under the budget
// policy: for facts the VM still checks at run time.
func (v *validator) strictSev() diag.Severity {
	if v.o.Policy == Budget {
		return diag.Warning
	}
	return diag.Error
}

// span is the source position of the instruction at byte address pc.
func (v *validator) span(pc uint32) diag.Span {
	if l, ok := v.lines[pc]; ok {
		p := diag.Pos{File: l.File, Line: int(l.Line), Col: int(l.Col)}
		return diag.Span{Start: p, End: p}
	}
	p := diag.Pos{File: v.o.File}
	return diag.Span{Start: p, End: p}
}

// at reports a diagnostic about the instruction at index k.
func (v *validator) at(k int, sev diag.Severity, code, hint, format string, args ...any) {
	pc := uint32(k) * isa.InsnSize
	v.diags.Add(diag.Diagnostic{
		Code: code, Severity: sev, Span: v.span(pc), PC: &pc,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// whole reports a diagnostic about the whole program.
func (v *validator) whole(sev diag.Severity, code, hint, format string, args ...any) {
	p := diag.Pos{File: v.o.File}
	v.diags.Add(diag.Diagnostic{
		Code: code, Severity: sev, Span: diag.Span{Start: p, End: p},
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// insnName names instruction k for messages: "DIV at 0x0018".
func (v *validator) insnName(k int) string {
	return fmt.Sprintf("%s at 0x%04x", v.code[k].Op, k*isa.InsnSize)
}
