// Package ir is the reflex compiler's intermediate representation: typed
// three-address code in SSA form over basic blocks, one Func per entry
// point (tick, init, failsafe) and per reflex function.
//
// # Model
//
// Build lowers a checked reflex (lang/check) to a Program. Every value is
// a 32-bit word: an int, a bool (0 or 1) or a Q16.16 number already scaled
// to the unit its type names; units have been resolved by the checker and
// scale conversions are explicit multiplications or divisions. A Value
// names the result of exactly one instruction (or a function parameter)
// and is defined before every use on every path: SSA. Where control flow
// joins, a Phi instruction at the top of the join block picks the value
// that arrives from each predecessor (Args[i] from Preds[i]). A Branch
// whose two edges reach the same block lists that predecessor twice; the
// block's phis must then take the same value on both edges.
//
// The control-flow graph of every function is acyclic: a `for` loop has a
// compile-time bound and is unrolled while lowering, and reflex has no
// other loop. Blocks are kept in a topological order (every edge goes from
// an earlier block to a later one; Blocks[0] is the entry), so a single
// forward pass sees every definition before its uses and a single
// backward pass computes liveness. Passes that change the graph restore
// the order with (*Func).Sort.
//
// Memory is explicit: state variables, params, the values requested for
// actuators during a tick, rate-limiter history and the counters of every
// blocks live in data memory at fixed addresses (Program.Globals), read and
// written with Load and Store. Sensors are read once per activation, in the
// entry function's prologue, so every read in one tick sees the same value
// (spec/reflex.md §8). Actuator values reach the IO channels only in the
// flush at the end of an activation, clamped to the declared range and
// limited by the declared rate.
//
// # Semantics
//
// Arithmetic wraps modulo 2^32 (Q16.16 values wrap at ±32768). Mul and Div
// take a shift k: Mul is the low 32 bits of the exact 64-bit product
// shifted right arithmetically by k (the ISA's MUL rd, a, b, k); Div is the
// truncated quotient (a·2^k)/b, and 0 when b is 0 — the reflex meaning of a
// division by a value that turns out to be zero at run time. Min and Max
// compare signed. Cmp yields 1 or 0.
package ir

import (
	"fmt"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Value names the result of an instruction or a function parameter; 0 is
// no value.
type Value int32

// Op is an IR operation.
type Op uint8

// The operations. A and B are the operands of the one- and two-operand
// forms; Imm and Imm2 are immediates.
const (
	OpInvalid Op = iota
	OpConst      // Dst = Imm (the 32-bit pattern)
	OpCopy       // Dst = A
	OpAdd        // Dst = A + B (wrapping)
	OpSub        // Dst = A - B (wrapping)
	OpMul        // Dst = low 32 bits of (A·B) >>ₐ Imm, Imm in 0..31
	OpDiv        // Dst = trunc((A·2^Imm) / B), or 0 when B = 0
	OpAnd        // Dst = A & B
	OpOr         // Dst = A | B
	OpXor        // Dst = A ^ B
	OpShl        // Dst = A << (B & 31)
	OpShr        // Dst = A >> (B & 31), arithmetic when Imm = 1, logical when 0
	OpNot        // Dst = ^A
	OpNeg        // Dst = -A (wrapping)
	OpCmp        // Dst = 1 if isa.Cond(Imm) holds for (A, B), else 0
	OpMin        // Dst = the signed minimum of A and B
	OpMax        // Dst = the signed maximum of A and B
	OpRead       // Dst = the value of IO channel Imm (a sensor)
	OpWrite      // IO channel Imm = A (an actuator; only in the flush)
	OpLoad       // Dst = mem32[Imm]
	OpStore      // mem32[Imm] = A
	OpSend       // queue (Imm, A) on the send queue
	OpRecv       // Dst = the next received value, 0xFFFFFFFF if none
	OpA2A        // A2A opcode Imm with value A and code Imm2
	OpCall       // Dst = Funcs[Imm](Args...); Dst is 0 for a function without a result
	OpPhi        // Dst = Args[i] when control came from Block.Preds[i]
	numOps
)

// opInfo describes an operation for the printer, the verifier and passes.
type opInfo struct {
	name    string
	args    int  // operands in A, B (-1: Args)
	dst     bool // defines Dst
	effects bool // touches memory, IO, queues or calls: never removed or reordered freely
}

var ops = [numOps]opInfo{
	OpInvalid: {"invalid", 0, false, true},
	OpConst:   {"const", 0, true, false},
	OpCopy:    {"copy", 1, true, false},
	OpAdd:     {"add", 2, true, false},
	OpSub:     {"sub", 2, true, false},
	OpMul:     {"mul", 2, true, false},
	OpDiv:     {"div", 2, true, false},
	OpAnd:     {"and", 2, true, false},
	OpOr:      {"or", 2, true, false},
	OpXor:     {"xor", 2, true, false},
	OpShl:     {"shl", 2, true, false},
	OpShr:     {"shr", 2, true, false},
	OpNot:     {"not", 1, true, false},
	OpNeg:     {"neg", 1, true, false},
	OpCmp:     {"cmp", 2, true, false},
	OpMin:     {"min", 2, true, false},
	OpMax:     {"max", 2, true, false},
	OpRead:    {"read", 0, true, false},
	OpWrite:   {"write", 1, false, true},
	OpLoad:    {"load", 0, true, true},
	OpStore:   {"store", 1, false, true},
	OpSend:    {"send", 1, false, true},
	OpRecv:    {"recv", 0, true, true},
	OpA2A:     {"a2a", 1, false, true},
	OpCall:    {"call", -1, false, true},
	OpPhi:     {"phi", -1, true, false},
}

func (op Op) String() string {
	if op < numOps {
		return ops[op].name
	}
	return fmt.Sprintf("op%d", op)
}

// Pure reports whether an instruction of this operation only computes its
// result from its operands: it may be removed when unused, moved, or
// merged with an identical one. Read is pure within an activation (sensors
// are sampled once per tick); Load is not (a Store may change memory).
func (op Op) Pure() bool { return op < numOps && !ops[op].effects && op != OpPhi }

// NumArgs is the number of operands held in A and B, or -1 for the
// operations that use Args (Call, Phi).
func (op Op) NumArgs() int { return ops[op].args }

// Pos is a source position: the reflex line and column (bytes, from 1) an
// instruction was lowered from; zero when it has none.
type Pos struct {
	Line, Col int32
}

// Instr is one instruction.
type Instr struct {
	Op   Op
	Dst  Value   // the value defined (0 if none)
	A, B Value   // operands
	Args []Value // operands of Call and Phi
	Imm  int32   // constant, channel, address, shift, condition, A2A opcode or callee index
	Imm2 int32   // A2A code
	Pos  Pos
}

// Operands returns the values the instruction reads, in order.
func (in *Instr) Operands() []Value {
	switch in.Op.NumArgs() {
	case -1:
		return in.Args
	case 1:
		return []Value{in.A}
	case 2:
		return []Value{in.A, in.B}
	}
	return nil
}

// ReplaceUses rewrites every operand equal to old to new.
func (in *Instr) ReplaceUses(old, new Value) {
	if in.A == old {
		in.A = new
	}
	if in.B == old {
		in.B = new
	}
	for k, a := range in.Args {
		if a == old {
			in.Args[k] = new
		}
	}
}

// Cond is the condition of a Cmp.
func (in *Instr) Cond() isa.Cond { return isa.Cond(in.Imm) }

// TermKind is how a block ends.
type TermKind uint8

const (
	TermJump   TermKind = iota // go to Succs[0]
	TermBranch                 // Succs[0] if Cond ≠ 0, else Succs[1]
	TermReturn                 // return from the function, with Val if it has a result
	TermHalt                   // end of the activation (entry functions)
)

// Term ends a block.
type Term struct {
	Kind TermKind
	Cond Value // TermBranch
	Val  Value // TermReturn in a function with a result
	Pos  Pos
}

// Block is a basic block: phis first, then ordinary instructions, then the
// terminator.
type Block struct {
	ID     int
	Instrs []*Instr
	Term   Term
	Succs  []*Block // 1 for Jump, 2 for Branch, 0 otherwise
	Preds  []*Block // in the order the phis' Args follow
}

// FuncKind says what a function is.
type FuncKind uint8

const (
	FuncTick     FuncKind = iota // the tick entry: on tick, every blocks, flush
	FuncInit                     // the init entry: on init, flush
	FuncFailsafe                 // the failsafe entry: safe values, on failsafe, flush
	FuncUser                     // a reflex `fn`, reached by Call
)

func (k FuncKind) String() string {
	return [...]string{"tick", "init", "failsafe", "fn"}[k]
}

// Func is one function: an entry point or a reflex fn.
type Func struct {
	Name      string
	Kind      FuncKind
	Params    []Value
	HasResult bool
	Blocks    []*Block // Blocks[0] is the entry; topological order
	NextValue Value    // the next unused Value number
	NextBlock int      // the next unused block ID
	Pos       Pos
}

// NewValue returns a fresh value number.
func (f *Func) NewValue() Value {
	if f.NextValue == 0 {
		f.NextValue = 1
	}
	v := f.NextValue
	f.NextValue++
	return v
}

// NewBlock appends an empty block.
func (f *Func) NewBlock() *Block {
	b := &Block{ID: f.NextBlock}
	f.NextBlock++
	f.Blocks = append(f.Blocks, b)
	return b
}

// GlobalKind says what a data-memory word holds.
type GlobalKind uint8

const (
	GlobalState    GlobalKind = iota // a `state` variable
	GlobalParam                      // a `param` (its default; the deployer may patch it)
	GlobalActuator                   // the value requested for an actuator (kept across ticks)
	GlobalPrev                       // the value last written to a rate-limited actuator
	GlobalSensor                     // a sensor's value this activation, for functions that read it
	GlobalEvery                      // the tick countdown of an every block
)

func (k GlobalKind) String() string {
	return [...]string{"state", "param", "actuator", "prev", "sensor", "every"}[k]
}

// Global is one 32-bit word of data memory.
type Global struct {
	Name string
	Kind GlobalKind
	Addr int32
	Init int32 // initial value, from the data initialiser
	// Bool marks a bool state: the program only ever stores 0 or 1 there
	// (a param is not marked: a deployer may patch it to anything).
	Bool bool
}

// Actuator is what the flush and the metadata need to know about an
// actuator. Lo, Hi, Safe and Rate are raw words (Q16.16 for num).
type Actuator struct {
	Name       string
	Channel    int
	Kind       string // "num", "int" or "bool"
	Unit       string // the declared unit ("" for int, bool, plain num)
	Lo, Hi     int32
	HasRange   bool
	Safe       int32
	Rate       int32
	HasRate    bool
	Pending    int32 // address of the requested value
	Prev       int32 // address of the last written value (rate-limited only)
	DeclaredAt Pos
}

// Sensor describes a sensor for the metadata and the simulator.
type Sensor struct {
	Name     string
	Channel  int
	Kind     string // "num", "int" or "bool"
	Unit     string
	Lo, Hi   int32
	HasRange bool
}

// Meta is the reflex's header and interface, for the container's AAB
// metadata and for tools.
type Meta struct {
	Name      string
	Intent    string
	Narrative string
	Trust     float64
	Autonomy  int
	PeriodSec float64
	Sensors   []Sensor
	Actuators []Actuator
	Outboxes  map[string]int // outbox name → SEND channel
	Inbox     string         // "" if none
	A2A       []string       // A2A mnemonics used
}

// Program is a lowered reflex.
type Program struct {
	Funcs    []*Func // entry points first (tick, then init and failsafe if present), then user functions; OpCall's Imm indexes this
	Tick     *Func
	Init     *Func // nil without `on init`
	Failsafe *Func // nil when the reflex has no actuators and no `on failsafe`
	Globals  []Global
	DataSize int32 // bytes of data memory the globals use
	Meta     Meta
	File     string
}
