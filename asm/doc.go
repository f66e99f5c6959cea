// Package asm assembles NEXUS assembly text into a .nxb container.
//
// # Syntax
//
// The language is line oriented and accepts the seed reference's syntax.
// A comment starts with ';' or '#' and runs to the end of the line.
// Mnemonics, register names, condition names and directives are
// case-insensitive; labels and constants are case-sensitive. Columns in
// diagnostics are 1-based byte offsets (a tab is one column); lines may end
// in LF or CRLF.
//
//	loop:   LOAD_REG  R1, R0, counter   ; label before an instruction
//	        ADD       R1 R1 R2          ; commas are optional
//	        CMP       R1, R3            ; flags from R1-R3
//	        CMP       R4, R1, R3, LT    ; R4 = R1 < R3, flags from R4
//	        JZ        loop
//	        HALT
//	.data
//	counter: .word 0
//	table:   1, 2, 3                    ; a bare line of values is .word
//
// A line holds any number of labels ("name:"), then optionally one
// instruction or directive with its operands, separated by commas or
// blanks. Operands are registers R0..R31, literals (decimal, 0x hex, 0b
// binary, optional sign), names of labels and .equ constants, condition
// names for CMP, and double-quoted strings for .meta (escapes \" \\ \n \t
// and \xHH for any byte; the source itself must be UTF-8). An immediate accepts
// any 32-bit value, signed or unsigned (-2147483648..4294967295). A code
// label stands for the byte address of the instruction it precedes, a data
// label for an absolute data-memory address.
//
// Operand forms follow isa.Form (see forms in pass2.go). Registers that an
// instruction reads or writes must be R0..R15: R16..R31 are IO channels,
// reached only by READ_IO rd, R16..R31 and WRITE_IO R16..R31, rs1.
// Two-operand CMP a, b sets the flags from a-b and encodes rd = 0; the
// seed's reference assembled it as "b minus R0", a bug not copied here.
//
// Directives:
//
//	.code / .data                  switch section (.code is the default)
//	.org ADDR                      next data address (in .data)
//	.word v[, v...]                32-bit little-endian values (in .data)
//	.byte v[, v...]                bytes -128..255 (in .data)
//	.space N                       N zero bytes (in .data)
//	.equ NAME, VALUE               named constant
//	.entry tick|init|failsafe L    entry point (tick defaults to 0)
//	.meta NAME VALUE               AAB metadata record; NAME an nxb tag name
//	                               or 1..255, VALUE a string or an i32
//	.insn OP, rd, rs1, rs2, imm    one raw instruction, every field explicit
//
// .insn lets the disassembler print any 8 bytes, including undefined
// opcodes and stray values in unused fields, so every byte stream
// round-trips through text.
//
// # Design
//
// Assembly takes two passes over the lines. Pass 1 lexes and parses each
// line, defines its labels and .equ constants, and gives every statement
// its address: each instruction takes 8 bytes of code and each data
// directive its size, even when its operands are wrong, so one bad line
// does not shift every later label and produce a cascade of errors. Values
// that decide layout (.org, .space) or define constants (.equ) are
// evaluated in pass 1 and so may only name symbols defined above them.
// Pass 2 evaluates the operands of every statement, now that all symbols
// are known, and encodes instructions, data, entries and metadata.
//
// Errors never stop assembly: every line is checked and every error
// reported, each with a stable code, a span covering the offending token
// and, where one is known, a hint. A line with a lexical error is not
// encoded, because its operands cannot be trusted. If any error was
// reported Assemble returns a nil file.
//
// # Diagnostic codes
//
// Codes are stable: new ones are appended, none is renumbered or reused.
// Warnings (A027, A028) mark code that assembles but is probably wrong.
//
//	A001 unexpected character             LOAD_CONST R1, $5
//	A002 malformed number literal         LOAD_CONST R1, 0x1G
//	A003 unknown mnemonic                 JNE loop         (hint: did you mean JNZ?)
//	A004 unknown directive                .dat
//	A005 wrong number of operands         LOAD_REG R1      (hint: LOAD_REG takes rd, rs1[, imm])
//	A006 a register was expected          ADD R1, R2, 5
//	A007 IO register as GP register       ADD R1, R20, R2  (hint: read with READ_IO rd, R20)
//	A008 no such register                 PUSH R32
//	A009 SP/LR/FP/PC are not registers    PUSH LR
//	A010 value out of range               LOAD_CONST R1, 0x100000000
//	A011 undefined name                   JMP strat        (hint: did you mean start?)
//	A012 name defined twice               loop: ... loop:  (related: first definition)
//	A013 IO channel not 16..31            READ_IO R1, R3
//	A014 SEND channel not 0..255          SEND 300, R1
//	A015 unknown CMP condition            CMP R1, R2, R3, LX
//	A016 bad MUL/DIV shift or SHR mode    MUL R1, R2, R3, 40
//	A017 malformed string                 .meta intent "open
//	A018 malformed label or constant name .x: / R3: / 5:
//	A019 statement in the wrong section   HALT after .data; .word in .code
//	A020 data overlaps or overflows       .org 0 after data at 0
//	A021 code larger than 64 KiB          (8193rd instruction)
//	A022 bad .entry                       .entry tick 4 / duplicate .entry init
//	A023 bad .meta                        .meta colour "red"
//	A024 pass-1 value defined too late    .space N before .equ N, 4
//	A025 misplaced token                  ADD R1,, R2 / 5 in .code
//	A026 data label as code address       JMP table
//	A027 warning: CMP rd ignored          CMP R3, R1, R2   (no condition)
//	A028 warning: misaligned jump target  JMP 12
//	A029 a number or name was expected    LOAD_CONST R1, R2
package asm
