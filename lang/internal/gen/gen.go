// Package gen generates random well-typed reflex programs, for
// differential testing of the compiler: a program compiled at -O0 and at
// -O2 must drive its actuators identically.
//
// Reflex(rng, options) returns the source of one reflex that lang/check
// accepts without errors (warnings such as unused declarations are allowed).
// The output is a function of the rng's state alone, so a failing seed
// reproduces.
//
// # Model
//
// The generator is typed top-down: every expression is generated for a
// wanted kind (bool, int, num) and, for num, a wanted dimension, and
// returns an ex carrying the type it actually has (its unit may be another
// scale of the dimension, or a product such as cm*%/m) and, when the
// checker will fold it, its constant value. Dimensions come from a small
// table of spellings (m, cm, ms, deg, %/m, …); `*` and `/` split a wanted
// dimension into two table dimensions (% = %/m · m), so every dimension
// stays one the table can spell. A dimensionless result in a scaled unit
// (ms/s) is wrapped in num(…), since the checker treats such a unit as
// neither plain nor dimensioned in places (`*=`, plain literals).
//
// # Constants
//
// The checker folds constant subexpressions and rejects a constant that
// does not fit Q16.16 where the VM holds it (R501, R502), a constant
// divisor of zero (R503) and an int outside 32 bits (R504). The generator
// mirrors that folding (ex.k, ex.v): every constant it builds stays nice
// (|v| in 0.01..1000, or 0) in its own unit; where a constant meets a
// variable or is stored, it is checked after conversion to the unit there;
// a constant that fails, and a constant zero divisor, is replaced by 1 in
// the same unit.
//
// # Flow
//
// Actuators are readable only where the checker can prove them written:
// after an unconditional write earlier in the same block or an enclosing
// one (writes inside a nested block are forgotten when it closes), and
// anywhere in on failsafe. Functions, on init and every blocks start with
// nothing written. A function calls only functions generated before it,
// so there is no recursion, and one with a result ends with a return. A
// return is only ever the last statement of an if's then-branch or a
// receive body, so no code is unreachable.
package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Options bound the size of a generated reflex. Zero fields take the
// defaults.
type Options struct {
	MaxStmts int // statements per body, default 8
	MaxDepth int // expression depth, default 4
	Funcs    int // most user functions, default 3
}

func (o Options) withDefaults() Options {
	if o.MaxStmts <= 0 {
		o.MaxStmts = 8
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 4
	}
	if o.Funcs <= 0 {
		o.Funcs = 3
	}
	return o
}

// Reflex returns the source of a random reflex that checks with no errors
// (warnings allowed).
func Reflex(rng *rand.Rand, o Options) string {
	g := &gen{r: rng, o: o.withDefaults()}
	return g.reflex()
}

// role says what a name is, which decides whether it may be read,
// assigned, or is a constant.
type role uint8

const (
	rSensor role = iota
	rActuator
	rParam
	rConst
	rState
	rLet
	rFnParam
	rLoopVar
	rMsgVar
)

// sym is a declared name.
type sym struct {
	name    string
	t       typ
	role    role
	untyped bool    // an untyped integer const
	v       float64 // a const's value in t's unit
	safe    string  // an actuator's safe value
}

func (s *sym) assignable() bool {
	return s.role == rActuator || s.role == rState || s.role == rLet
}

func (s *sym) use() ex {
	return ex{s: s.name, t: s.t, untyped: s.untyped, k: s.role == rConst, v: s.v, atom: true}
}

// fn is a generated function's signature.
type fn struct {
	name   string
	params []*sym
	result *typ
}

type gen struct {
	r *rand.Rand
	o Options
	n int // name counter: every name is unique, so nothing shadows

	globals  []*sym
	acts     []*sym
	outboxes []*sym
	inbox    *sym
	funcs    []*fn
	periodMS int
}

func (g *gen) intn(n int) int          { return g.r.IntN(n) }
func (g *gen) chance(n, of int) bool   { return g.r.IntN(of) < n }
func (g *gen) name(base string) string { g.n++; return base + strconv.Itoa(g.n) }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// a2aOps are the a2a operation names, from the instruction set.
var a2aOps = func() []string {
	var ops []string
	for _, in := range isa.All() {
		if in.A2A {
			ops = append(ops, strings.ToLower(in.Name))
		}
	}
	return ops
}()

// out accumulates indented source lines.
type out struct{ lines []string }

func (o *out) line(indent int, s string) {
	o.lines = append(o.lines, strings.Repeat("    ", indent)+s)
}

func (o *out) block(indent int, ls []string) {
	for _, l := range ls {
		o.line(indent, l)
	}
}

func (g *gen) reflex() string {
	var o out
	o.line(0, "reflex gen"+strconv.Itoa(g.intn(1000))+" {")
	g.header(&o)
	g.io(&o)
	g.messages(&o)
	g.vars(&o)
	for range g.intn(g.o.Funcs + 1) {
		g.function(&o)
	}
	g.handlers(&o)
	o.line(0, "}")
	return strings.Join(o.lines, "\n") + "\n"
}

func (g *gen) header(o *out) {
	o.line(1, `intent "generated reflex `+strconv.Itoa(g.intn(100))+`"`)
	if g.chance(4, 5) {
		o.line(1, "trust "+pick(g, []string{"0", "0.25", "0.5", "0.6", "1", "0.9"}))
	}
	if g.chance(4, 5) {
		o.line(1, "autonomy L"+strconv.Itoa(g.intn(6)))
	}
	g.periodMS = 1
	if g.chance(4, 5) {
		g.periodMS = pick(g, []int{1, 2, 5, 10, 20, 50, 100})
		o.line(1, "period "+strconv.Itoa(g.periodMS)+" ms")
	}
}
