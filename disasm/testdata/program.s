; A program exercising every printing rule of the disassembler.
.meta intent    "hold heading"
.meta safety    "rudder within 30 degrees;\tno \"hard over\"\n"
.meta trust     1058642330          ; float32 0.6
.meta trust_multiplier 1065353216   ; float32 1.0
.meta performance 1200
.meta 99        "custom tag"
.entry init     setup
.entry failsafe safe

.equ LIMIT, -30
top:    READ_IO     R0, R16
        LOAD_CONST  R1, LIMIT
        LOAD_REG    R2, R0, table
        STORE_REG   R2, R0
        CMP         R3, R0, R1, LT
        JZ          small
        CALL        clamp
        JMP         out
small:  CMP         R0, R1
        JNZ         top
out:    WRITE_IO    R17, R0
        SHR         R4, R0, R1, ASR
        MUL         R4, R4, R5, 16
        DIV         R4, R4, R5
        SEND        200, R4
        ALLOC       R6, R7, 64
        ALLOC       R6, 64
        DMA_COPY    R6, R7, 16
        SLEEP       10
        INTERRUPT   -1
        TRUST_CHECK R1, R2, 5
        TELL
        HALT
clamp:  NOT         R0, R1
        RET
setup:  LOAD_CONST  R1, 0
        HALT
safe:   HALT
        ; encodings the plain syntax cannot write
        .insn       0x57, 0, 0, 0, 0     ; undefined opcode
        .insn       ADD, 16, 1, 2, 0     ; R16 as a GP register
        .insn       NOP, 1, 0, 0, 0      ; stray value in an unused field
        .insn       CMP, 3, 1, 2, 11     ; undefined condition
        .insn       READ_IO, 1, 5, 0, 0  ; IO channel out of range
        JMP         12                   ; misaligned target
        JMP         0x4000               ; outside the code
        JMP         end
end:

.data
.org 0x10
table:  1, 2, -3
        .byte 4, 5
.org 0x100
        .space 2
