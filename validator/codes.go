package validator

// Diagnostic codes. They are stable: a code is never renumbered or reused,
// new codes are appended within their rule's group. spec/validator.md
// documents each with an accepted and a rejected example.
const (
	// Rule 1: structure.
	CodeCodeLength  = "V101" // code length not a multiple of 8
	CodeCodeSize    = "V102" // code larger than 64 KiB
	CodeOpcode      = "V103" // undefined opcode
	CodeMode        = "V104" // undefined mode value (CMP condition, MUL/DIV shift, SHR mode)
	CodeRegister    = "V105" // a register operand outside R0..R15
	CodeChannel     = "V106" // READ_IO/WRITE_IO channel outside 16..31
	CodeCanonical   = "V107" // an unused field is not zero
	CodeTarget      = "V108" // jump or call target misaligned or outside the code
	CodeEntry       = "V109" // entry point not an instruction address
	CodeDataSegment = "V110" // data segment outside data memory

	// Rule 2: control flow.
	CodeFlowInto    = "V201" // control flows into another function's body
	CodeCallMiddle  = "V202" // CALL to an instruction that is not a function entry
	CodeRecursion   = "V203" // a call-graph cycle
	CodeRetInEntry  = "V204" // RET in an entry-point function
	CodeFallsOff    = "V205" // control runs or jumps past the end of the code (warning)
	CodeUnreachable = "V206" // unreachable instructions (warning)
	CodeEntryInside = "V207" // an entry point inside another function's body

	// Rule 3: stack.
	CodeStackMismatch = "V301" // relative stack depth differs between paths
	CodeStackPop      = "V302" // POP below the function's entry depth
	CodeStackRet      = "V303" // RET with values left on the stack
	CodeStackDepth    = "V304" // maximum stack depth above 1024

	// Rule 4: memory and arithmetic.
	CodeMemAccess = "V401" // LOAD_REG/STORE_REG address not provably in bounds
	CodeMemDMA    = "V402" // DMA_COPY range not provably in bounds
	CodeMemAlloc  = "V403" // ALLOC block not provably in bounds
	CodeDivZero   = "V404" // DIV divisor not provably non-zero

	// Rule 5: termination and time.
	CodeLoop   = "V501" // a loop under the strict policy
	CodeBudget = "V502" // WCET above the cycle budget

	// Rule 6: capability manifest.
	CodeManifestSyntax = "V601" // malformed capability or safety record
	CodeManifestVerb   = "V602" // a capability or safety record not understood (warning)
	CodeUndeclared     = "V603" // an IO channel, SEND channel or A2A opcode used but not declared
	CodeUnsafeValue    = "V604" // a value written to a channel not provably inside its safe range
)
