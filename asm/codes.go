package asm

// Diagnostic codes. They are stable: append new ones, never renumber or
// reuse one. Each is documented with an example in doc.go and exercised by
// a case in testdata/errors (TestEveryCodeTested enforces both).
const (
	CodeBadChar        = "A001" // unexpected character
	CodeBadNumber      = "A002" // malformed number literal
	CodeUnknownMnem    = "A003" // unknown mnemonic
	CodeUnknownDir     = "A004" // unknown directive
	CodeOperandCount   = "A005" // wrong number of operands
	CodeWantRegister   = "A006" // a register was expected
	CodeIORegister     = "A007" // R16..R31 where a general-purpose register is expected
	CodeNoSuchRegister = "A008" // register number above R31
	CodeRegAlias       = "A009" // SP, LR, FP or PC: not registers in NEXUS
	CodeRange          = "A010" // value out of range
	CodeUndefined      = "A011" // undefined symbol
	CodeDuplicate      = "A012" // symbol defined twice
	CodeIOChannel      = "A013" // READ_IO/WRITE_IO channel outside 16..31
	CodeSendChannel    = "A014" // SEND channel outside 0..255
	CodeBadCond        = "A015" // unknown CMP condition
	CodeBadMode        = "A016" // bad MUL/DIV shift or SHR mode
	CodeBadString      = "A017" // malformed string literal
	CodeBadLabel       = "A018" // malformed label name
	CodeWrongSection   = "A019" // instruction in .data, or data directive in .code
	CodeDataLayout     = "A020" // data overlaps or does not fit in data memory
	CodeCodeSize       = "A021" // code larger than isa.MaxCodeSize
	CodeBadEntry       = "A022" // malformed or duplicate .entry
	CodeBadMeta        = "A023" // malformed .meta
	CodeForwardRef     = "A024" // value must be known when the line is read
	CodeSyntax         = "A025" // misplaced token: stray comma or colon, missing operand
	CodeWrongSymKind   = "A026" // data label used as a code address
	CodeCmpRdIgnored   = "A027" // warning: CMP rd without condition is ignored
	CodeMisalignedJump = "A028" // warning: literal jump target not a multiple of 8
	CodeWantValue      = "A029" // a number or symbol was expected
)

// allCodes lists every code, for the completeness test.
var allCodes = []string{
	CodeBadChar, CodeBadNumber, CodeUnknownMnem, CodeUnknownDir, CodeOperandCount,
	CodeWantRegister, CodeIORegister, CodeNoSuchRegister, CodeRegAlias, CodeRange,
	CodeUndefined, CodeDuplicate, CodeIOChannel, CodeSendChannel, CodeBadCond,
	CodeBadMode, CodeBadString, CodeBadLabel, CodeWrongSection, CodeDataLayout,
	CodeCodeSize, CodeBadEntry, CodeBadMeta, CodeForwardRef, CodeSyntax,
	CodeWrongSymKind, CodeCmpRdIgnored, CodeMisalignedJump, CodeWantValue,
}
