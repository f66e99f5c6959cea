package isa

import "fmt"

// Trap is why the VM faulted. A fault stops the VM with pc on the faulting
// instruction and the cycle count as it was before that instruction. Trap
// values are stable: they appear in the generated C header and on the wire,
// so new traps are appended, never renumbered.
//
// Trap implements error, so errors.Is(err, isa.TrapDivByZero) works.
type Trap uint8

const (
	TrapNone           Trap = iota
	TrapDivByZero           // DIV with a zero divisor
	TrapMemOutOfBounds      // LOAD_REG/STORE_REG/DMA_COPY/ALLOC range outside data memory
	TrapStackOverflow       // PUSH or CALL on a full stack
	TrapStackUnderflow      // POP or RET on an empty stack
	TrapBadOpcode           // undefined opcode, or undefined mode (CMP condition, MUL/DIV shift, SHR mode)
	TrapBadRegister         // an instruction other than READ_IO/WRITE_IO names R16..R31
	TrapBadIOChannel        // READ_IO/WRITE_IO channel outside 16..31
	TrapBadJump             // jump, call or return to an address inside the code that is not a multiple of 8
	TrapQueueFull           // SEND or INTERRUPT with its queue full
)

var trapNames = [...]string{
	"NONE", "DIV_BY_ZERO", "MEM_OUT_OF_BOUNDS", "STACK_OVERFLOW", "STACK_UNDERFLOW",
	"BAD_OPCODE", "BAD_REGISTER", "BAD_IO_CHANNEL", "BAD_JUMP", "QUEUE_FULL",
}

var trapText = [...]string{
	"no trap",
	"division by zero",
	"memory access out of bounds",
	"stack overflow",
	"stack underflow",
	"undefined opcode or mode",
	"register out of range (R16..R31 are reachable only through READ_IO/WRITE_IO)",
	"IO channel out of range (must be 16..31)",
	"jump target not aligned to an instruction",
	"queue full",
}

// NumTraps is one more than the largest trap code.
const NumTraps = len(trapNames)

// String returns the trap's stable upper-case code name, e.g. "DIV_BY_ZERO".
func (t Trap) String() string {
	if int(t) < len(trapNames) {
		return trapNames[t]
	}
	return fmt.Sprintf("TRAP_%d", uint8(t))
}

// Error returns a plain-language description.
func (t Trap) Error() string {
	if int(t) < len(trapText) {
		return trapText[t]
	}
	return t.String()
}

// TrapByName returns the trap with code name s (e.g. "BAD_JUMP").
func TrapByName(s string) (Trap, bool) {
	for k, n := range trapNames {
		if n == s {
			return Trap(k), true
		}
	}
	return 0, false
}

// Profile selects how A2A opcodes execute.
type Profile uint8

const (
	ProfileESP32  Profile = iota // A2A opcodes are 1-cycle NOPs (default)
	ProfileJetson                // A2A opcodes call the host's hook
)

func (p Profile) String() string {
	if p == ProfileJetson {
		return "jetson"
	}
	return "esp32"
}

// ProfileByName parses "esp32" or "jetson".
func ProfileByName(s string) (Profile, bool) {
	switch s {
	case "esp32":
		return ProfileESP32, true
	case "jetson":
		return ProfileJetson, true
	}
	return 0, false
}
