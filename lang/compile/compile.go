// Package compile is the reflex compiler driver: source text in, a
// validated .nxb container and everything the tools show about it out.
//
// Source runs the phases in order, each importing only the ones below it:
// lang/check (parse, resolve, types and units, flow and safety rules),
// lang/ir (lowering to SSA), lang/opt (the passes of the chosen level) and
// lang/codegen (instruction selection, register allocation, emission,
// worst-case cycles and strict validation). It stops at the first phase
// that fails and returns that phase's diagnostics; warnings from the
// checker travel with a successful result.
//
// Every failure is a positioned diag.Diagnostic with a stable code. The
// checker's are R0xx..R5xx. After a clean check only three things can go
// wrong, each an R6xx code of the back-end half of lang/codes:
//
//   - R601: an entry point's worst case exceeds the cycle budget. The
//     diagnostic points at the source position that costs the most on the
//     worst path, and lists the next costliest as related spans.
//   - R602: the reflex lowers to more code than the machine can hold
//     (ir.LimitError), pointing at the construct responsible.
//   - R600: anything else — an error or a panic in a later phase, or a
//     program the validator rejects — is a compiler bug, reported as an
//     internal compiler error rather than lost or crashing the tool.
package compile

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/codegen"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/opt"
	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// DefaultLevel is the optimisation level of the command line when none is
// given.
const DefaultLevel = 2

// Options control a compilation.
type Options struct {
	Level  int    // optimisation level 0, 1 or 2 (the tools default to DefaultLevel)
	Budget uint64 // per-tick cycle budget; 0 means isa.DefaultBudget
}

// IRText is the IR after optimisation, as `nexusc build --emit ir`
// prints it (built only when asked for: printing a large program costs
// more than some passes).
func (o *Output) IRText() string { return o.prog.String() }

// Output is a compiled reflex.
type Output struct {
	File  *nxb.File     // the validated container
	Asm   string        // the assembly that was assembled into File
	prog  *ir.Program   // the IR after optimisation, printed on demand by IRText
	Meta  ir.Meta       // the reflex's interface and header
	Stats codegen.Stats // instructions, worst-case cycles, stack, data
	Info  *check.Info   // the checker's side tables
	// Messages gives the kind ("num", "int" or "bool") of every inbox and
	// outbox value, which Meta does not carry; lang/sim reads it.
	Messages map[string]string
}

// The back end's diagnostic codes (lang/codes, spec/reflex.md §10).
const (
	CodeInternal = "R600"
	CodeBudget   = "R601"
	CodeTooLarge = "R602"
)

// Source compiles one reflex file. On success it returns the output and
// the checker's warnings (if any); on failure a nil output and at least
// one error.
func Source(filename string, src []byte, o Options) (out *Output, ds diag.List) {
	if o.Level < 0 || o.Level > 2 {
		return nil, diag.List{fileDiag(filename, CodeInternal, fmt.Sprintf("optimisation level %d is not 0, 1 or 2", o.Level))}
	}
	f, info, ds := check.Source(filename, src)
	if ds.HasErrors() {
		return nil, ds
	}
	defer func() {
		if r := recover(); r != nil {
			out = nil
			ds = append(ds, internal(filename, fmt.Errorf("panic: %v\n%s", r, debug.Stack())))
		}
	}()
	budget := o.Budget
	if budget == 0 {
		budget = isa.DefaultBudget
	}
	p, res, err := build(f, info, o.Level, budget, filename, false)
	var se *codegen.SizeError
	if errors.As(err, &se) && o.Level >= 2 {
		// Inlining may have copied helpers past the code memory: build
		// again with the calls kept, and say so.
		var p2 *ir.Program
		var res2 *codegen.Result
		var err2 error
		if p2, res2, err2 = build(f, info, o.Level, budget, filename, true); err2 == nil {
			p, res, err = p2, res2, nil
			ds = append(ds, diag.Diagnostic{
				Code: CodeTooLarge, Severity: diag.Note,
				Span:    lineSpan(filename, src, int(se.Pos.Line), int(se.Pos.Col)),
				Message: fmt.Sprintf("built without inlining: with it the program needs %d instructions, more than the %d the machine holds", se.Instructions, se.Limit),
				Hint:    "the calls cost a few cycles each; make the helpers smaller to have them inlined",
			})
		}
	}
	if err != nil {
		var ierr *irError
		if errors.As(err, &ierr) {
			return nil, append(ds, buildError(filename, src, ierr.err))
		}
		var be *codegen.BudgetError
		if errors.As(err, &be) {
			return nil, append(ds, budgetError(filename, src, info, be))
		}
		if errors.As(err, &se) {
			return nil, append(ds, diag.Diagnostic{
				Code: CodeTooLarge, Severity: diag.Error,
				Span:    lineSpan(filename, src, int(se.Pos.Line), int(se.Pos.Col)),
				Message: se.Error(),
				Hint:    "unroll less, call functions instead of repeating code, or split the reflex",
			})
		}
		return nil, append(ds, internal(filename, err))
	}
	if res.Valid != nil && !res.Valid.OK {
		return nil, append(ds, internal(filename, fmt.Errorf("the validator rejected the generated code")))
	}
	return &Output{
		File: res.File, Asm: res.Asm, prog: p, Meta: p.Meta, Stats: res.Stats, Info: info,
		Messages: messageKinds(info),
	}, ds
}

// irError wraps a lowering failure, which has its own diagnostic.
type irError struct{ err error }

func (e *irError) Error() string { return e.err.Error() }

// build lowers, optimises and generates one program.
func build(f *syntax.File, info *check.Info, level int, budget uint64, filename string, noInline bool) (*ir.Program, *codegen.Result, error) {
	p, err := ir.Build(f, info)
	if err != nil {
		return nil, nil, &irError{err}
	}
	opt.OptimizeWith(p, level, opt.Options{NoInline: noInline})
	if level > 0 {
		// A pass that breaks SSA would otherwise be miscompiled silently.
		if err := p.Verify(); err != nil {
			return nil, nil, fmt.Errorf("the optimiser left invalid IR: %v", err)
		}
	}
	res, err := codegen.Generate(p, codegen.Options{Budget: budget, Peephole: level > 0, Optimize: level > 0, File: filename})
	return p, res, err
}

// messageKinds reads the inbox's and outboxes' value kinds from the checker.
func messageKinds(info *check.Info) map[string]string {
	m := map[string]string{}
	for _, s := range info.Symbols {
		if s.Kind == check.SymInbox || s.Kind == check.SymOutbox {
			m[s.Name] = kindName(s.Type.Kind)
		}
	}
	return m
}

func kindName(k check.Kind) string {
	switch k {
	case check.Bool:
		return "bool"
	case check.Int, check.UntypedInt:
		return "int"
	}
	return "num"
}

func fileDiag(filename, code, msg string) diag.Diagnostic {
	p := diag.Pos{File: filename}
	return diag.Diagnostic{Code: code, Severity: diag.Error, Span: diag.Span{Start: p, End: p}, Message: msg}
}

// internal reports a compiler bug.
func internal(filename string, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "internal compiler error: ")
	d := fileDiag(filename, CodeInternal, "internal compiler error: "+msg)
	d.Hint = "this is a bug in the compiler, not in the reflex; please report it with the source file (nexusc build -O0 may avoid it meanwhile)"
	return d
}

// buildError turns a lowering error into R602 (a limit) or R600 (a bug).
func buildError(filename string, src []byte, err error) diag.Diagnostic {
	var le *ir.LimitError
	if !errors.As(err, &le) {
		return internal(filename, err)
	}
	return diag.Diagnostic{
		Code: CodeTooLarge, Severity: diag.Error,
		Span:    lineSpan(filename, src, int(le.Pos.Line), int(le.Pos.Col)),
		Message: le.Msg,
		Hint:    "unroll less: use fewer loop iterations or split the work across ticks with an every block or a state counter",
	}
}

// budgetError turns a worst-case overrun into R601 at the costliest source
// position, the next costliest as related spans.
func budgetError(filename string, src []byte, info *check.Info, be *codegen.BudgetError) diag.Diagnostic {
	d := diag.Diagnostic{
		Code: CodeBudget, Severity: diag.Error,
		Message: fmt.Sprintf("the %s entry needs up to %d cycles, above the budget of %d cycles", be.Entry, be.WCET, be.Budget),
		Hint:    "do less on the worst path (fewer loop iterations or calls), spread the work over ticks with a state counter, or raise --budget if the node's tick allows it",
	}
	if len(be.Hot) == 0 {
		d.Span = entrySpan(filename, src, info, be.Entry)
		return d
	}
	lines := hotLines(be.Hot)
	h := lines[0]
	d.Span = lineSpan(filename, src, h.Line, h.Col)
	d.Message += fmt.Sprintf("; this line costs %d of them", h.Cycles)
	for _, r := range lines[1:min(len(lines), 4)] {
		d.Related = append(d.Related, diag.Related{Span: lineSpan(filename, src, r.Line, r.Col), Message: fmt.Sprintf("%d cycles on this line", r.Cycles)})
	}
	return d
}

// hotLines sums the hot spots per source line, costliest line first; each
// line keeps the column of its costliest spot.
func hotLines(hot []codegen.HotSpot) []codegen.HotSpot {
	var out []codegen.HotSpot
	at := map[int]int{}
	for _, h := range hot {
		if k, ok := at[h.Line]; ok {
			out[k].Cycles += h.Cycles
			continue
		}
		at[h.Line] = len(out)
		out = append(out, h)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cycles > out[j].Cycles })
	return out
}

// lineSpan is the span from line:col to the end of that line's text.
func lineSpan(filename string, src []byte, line, col int) diag.Span {
	line, col = max(line, 1), max(col, 1)
	start := diag.Pos{File: filename, Line: line, Col: col}
	end := start
	lines := strings.Split(string(src), "\n")
	if line <= len(lines) {
		text := strings.TrimRight(lines[line-1], " \t\r")
		if n := len(text) + 1; n > col {
			end.Col = n
		}
	}
	return diag.Span{Start: start, End: end}
}

// entrySpan is the handler an entry point starts at, for an overrun with
// no hot spot.
func entrySpan(filename string, src []byte, info *check.Info, entry string) diag.Span {
	var h *syntax.HandlerDecl
	switch entry {
	case "init":
		h = info.Handlers.Init
	case "failsafe":
		h = info.Handlers.Failsafe
	default:
		h = info.Handlers.Tick
	}
	if h == nil {
		return lineSpan(filename, src, 1, 1)
	}
	a, _ := h.Span()
	return lineSpan(filename, src, a.Line, a.Column)
}
