package check

import (
	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/lang/units"
)

// Kind is the base of a type.
type Kind uint8

const (
	Invalid    Kind = iota // an expression whose type could not be determined (already reported)
	Bool                   // true or false
	Int                    // a 32-bit signed integer
	Num                    // a Q16.16 fixed-point number with a unit (possibly dimensionless)
	UntypedInt             // an integer constant that has not met a context yet
	Void                   // the "type" of a call to a function without a result
	String                 // a string literal (only valid after `intent`)
)

// Type is a reflex type: a kind and, for Num, a unit.
type Type struct {
	Kind Kind
	Unit units.Unit // meaningful only when Kind == Num
}

// Common types.
var (
	tInvalid    = Type{}
	tBool       = Type{Kind: Bool}
	tInt        = Type{Kind: Int}
	tUntyped    = Type{Kind: UntypedInt}
	tVoid       = Type{Kind: Void}
	tNum        = Type{Kind: Num, Unit: units.Dimensionless()}
	tTimeSecond = Type{Kind: Num, Unit: mustUnit("s")}
	// tTimeMilli is what a plain number in a period or every duration most
	// likely meant (`every 1000` → `every 1000 ms`), for the R208 fix.
	tTimeMilli = Type{Kind: Num, Unit: mustUnit("ms")}
)

// IsNumeric reports whether values of t take part in arithmetic.
func (t Type) IsNumeric() bool { return t.Kind == Int || t.Kind == Num || t.Kind == UntypedInt }

// String spells the type as a reflex author would write it; an untyped
// integer constant is "integer constant".
func (t Type) String() string {
	switch t.Kind {
	case Bool:
		return "bool"
	case Int:
		return "int"
	case Num:
		if isOne(t.Unit) {
			return "num"
		}
		return "num[" + t.Unit.String() + "]"
	case UntypedInt:
		return "integer constant"
	case Void:
		return "no value"
	case String:
		return "string"
	}
	return "invalid type"
}

// SymKind says what a declared name is.
type SymKind uint8

const (
	SymSensor   SymKind = iota + 1 // `sensor`: read-only IO channel
	SymActuator                    // `actuator`: write IO channel
	SymParam                       // `param`: deploy-time constant
	SymConst                       // `const`: compile-time constant
	SymState                       // `state`: persists across ticks
	SymLet                         // `let`: local to a block
	SymFnParam                     // a function's parameter
	SymLoopVar                     // a `for` loop's variable
	SymMsgVar                      // the variable bound by `receive … as v`
	SymFunc                        // `fn`
	SymInbox                       // `inbox`
	SymOutbox                      // `outbox`
	SymBuiltin                     // min, max, clamp, abs
)

var symKindNames = [...]string{
	SymSensor: "sensor", SymActuator: "actuator", SymParam: "param", SymConst: "const",
	SymState: "state", SymLet: "let", SymFnParam: "parameter", SymLoopVar: "loop variable",
	SymMsgVar: "message variable", SymFunc: "function", SymInbox: "inbox", SymOutbox: "outbox",
	SymBuiltin: "built-in function",
}

func (k SymKind) String() string {
	if int(k) < len(symKindNames) && symKindNames[k] != "" {
		return symKindNames[k]
	}
	return "symbol"
}

// Symbol is one declared name.
type Symbol struct {
	Name  string
	Kind  SymKind
	Type  Type          // value type; for a function its result (Void if none)
	Ident *syntax.Ident // the declaring identifier (nil for built-ins)
	Decl  syntax.Node   // the whole declaration's range

	// Index numbers actuators 0,1,2… in declaration order (the flow
	// analysis's bit), and functions in declaration order; -1 otherwise.
	Index int
	// Channel is the IO channel (sensor, actuator) or SEND channel
	// (outbox); -1 if none or invalid.
	Channel int
	// Value is the folded value of a const, the default value of a param,
	// or the initial value of a state; nil if not constant or not checked.
	Value *Const
	// Range, Safe and Rate are an IO declaration's clauses, folded into the
	// declared unit; nil when absent or invalid.
	Lo, Hi, Safe, Rate *Const
	// Func is the declaration of a function symbol.
	Func *syntax.FuncDecl
	// Params are a function's parameter symbols, in order.
	Params []*Symbol

	used     bool
	resolved uint8 // for consts/params/states: 0 unchecked, 1 in progress, 2 done
	varDecl  *syntax.VarDecl
}

// Const is a folded compile-time value. Value is in the unit of Type
// (num), an exact integer (int, integer constant), or 0/1 (bool).
type Const struct {
	Value float64
	Type  Type
}

// Header is the reflex's resolved header.
type Header struct {
	Name      string  // the reflex's name
	Intent    string  // "" if there is no intent
	HasIntent bool    // an `intent` was written
	Trust     float64 // minimum trust score, 0..1 (0 if not written)
	Autonomy  int     // minimum autonomy level 0..5 (0 if not written)
	Period    float64 // tick period in seconds (default 0.001)
}

// Handlers are a reflex's entry blocks; nil when absent.
type Handlers struct {
	Init, Tick, Failsafe *syntax.HandlerDecl
	Every                []*syntax.EveryDecl
	// EveryTicks is, for each Every block, its period in ticks (≥ 1), or 0
	// if the duration was invalid.
	EveryTicks []int
}

// CallSite is one call of a user function from a function or handler.
type CallSite struct {
	Call   *syntax.Call
	Callee *Symbol
}

// Info is what the checker learned: the side tables the language server
// and the back end read. Every map is keyed by AST node pointers of the
// checked File.
type Info struct {
	// Types holds the type of every expression (after untyped constants
	// met their context). Expressions that could not be typed are absent
	// or Invalid.
	Types map[syntax.Expr]Type
	// Consts holds the folded value of every constant expression, in the
	// unit of Types[e].
	Consts map[syntax.Expr]Const
	// Convert holds the compile-time scale factor the back end multiplies
	// an expression's value by to bring it into the unit its context
	// wants (the assignment target, the left operand, the parameter…):
	// value_in_target = value * Convert[e]. Absent means 1.
	Convert map[syntax.Expr]float64
	// Uses maps every name in an expression to its symbol.
	Uses map[*syntax.Name]*Symbol
	// Defs maps every declaring identifier to its symbol.
	Defs map[*syntax.Ident]*Symbol
	// Refs maps identifiers that refer to a symbol outside expressions:
	// assignment targets, callee names, send/receive boxes.
	Refs map[*syntax.Ident]*Symbol
	// Symbols lists every declared symbol in source order (reflex-level
	// declarations first, then locals as the bodies are checked).
	Symbols []*Symbol
	// Globals maps reflex-level names to their symbols.
	Globals map[string]*Symbol
	// Actuators lists the actuators in declaration order (Symbol.Index).
	Actuators []*Symbol
	// Calls is the call graph: for each body — keyed by its declaration,
	// a *syntax.FuncDecl, *syntax.HandlerDecl or *syntax.EveryDecl — the
	// user-function calls it makes, in source order.
	Calls map[syntax.Spanned][]CallSite
	// A2A maps each a2a statement to its upper-case opcode name.
	A2A map[*syntax.A2AStmt]string
	// LoopCounts holds each for loop's iteration count.
	LoopCounts map[*syntax.ForStmt]int
	Header     Header
	Handlers   Handlers
}

// TypeOf returns the type of e, Invalid if unknown.
func (in *Info) TypeOf(e syntax.Expr) Type { return in.Types[e] }

// ConstOf returns the folded value of e, if it is constant.
func (in *Info) ConstOf(e syntax.Expr) (Const, bool) {
	c, ok := in.Consts[e]
	return c, ok
}
