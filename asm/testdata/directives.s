; Sections, data, constants, entries, metadata and raw instructions.
.equ LIMIT, 10
.equ MASK 0xFF              ; commas are optional in directives too
.equ ALIAS, LIMIT           ; a constant may name one defined above
.entry tick main
.entry init setup
.entry failsafe safe
.meta intent "hold heading \"steady\"\n"
.meta capability "navigation"
.meta trust 80
.meta 200 -1
.meta NARRATIVE "tag names are case-insensitive"

setup:  LOAD_CONST R1, LIMIT
        STORE_REG R1, R0, counter   ; data label: absolute address
        HALT
main:   LOAD_REG R1, R0, counter
        LOAD_CONST R2, table        ; a data label as an immediate
        CALL helper                 ; forward reference
        JNZ main
        HALT
safe:   WRITE_IO R20, R0
        HALT
helper: LOAD_CONST R3, MASK
        AND R1, R1, R3
        RET
        .insn HALT, 1, 2, 3, 4      ; stray fields survive
        .insn 0xFF, R31, 255, 0, 0xFFFFFFFF
        .insn 0x5F, 0, 0, 0, -2147483648
        LOAD_CONST R4, end
end:

.data
counter: .word 0
table:   1, -1, 0x7FFFFFFF, LIMIT   ; the seed's bare data line
bytes:   .byte 1, 255, -128, 0x7f
gap:     .space 3
after:   .word after, helper        ; labels as values
.org 0x100
far:     .word 0xDEADBEEF
.byte 1 2 3
.code
        HALT                        ; back in code after .data
.data
.org 0x200
        .space 0                    ; reserves nothing
last:   .byte MASK
