; Rule 1: structure. Accepted: a small canonical program.
        READ_IO    R0, R16
        LOAD_CONST R1, 100
        ADD        R2, R0, R1
        WRITE_IO   R17, R2
        HALT
; wcet: 5
; stack: 0
---
; An undefined opcode.
        .insn 0x60, 0, 0, 0, 0      ; ERROR V103 "undefined opcode 0x60"
        HALT
---
; A gap in the A2A range.
        .insn 0x27, 0, 0, 0, 0      ; ERROR V103 "undefined opcode 0x27"
        HALT
---
; Undefined mode values.
        .insn CMP, 1, 2, 3, 11      ; ERROR V104 "CMP has undefined mode value 11"
        .insn MUL, 1, 2, 3, 32      ; ERROR V104 "MUL has undefined mode value 32"
        .insn SHR, 1, 2, 3, 2       ; ERROR V104 "SHR has undefined mode value 2"
        HALT
---
; IO-register isolation: only READ_IO/WRITE_IO name R16..R31.
        .insn ADD, 1, 16, 0, 0      ; ERROR V105 "ADD names register R16 in its rs1 field"
        .insn READ_IO, 17, 16, 0, 0 ; ERROR V105 "READ_IO names register R17 in its rd field"
        HALT
---
; IO channels are 16..31.
        .insn READ_IO, 1, 5, 0, 0   ; ERROR V106 "READ_IO names IO channel 5"
        .insn WRITE_IO, 32, 1, 0, 0 ; ERROR V106 "WRITE_IO names IO channel 32"
        HALT
---
; Stray values in unused fields: an error under the strict policy...
        .insn PUSH, 2, 3, 0, 0      ; ERROR V107 "PUSH is not canonical: unused field rs1=3"
        .insn CMP, 20, 3, 2, 0      ; ERROR V107 "unused field rd=20"
        POP        R2
        HALT
---
; ... and a warning under the budget policy (the seed's reference tools leave them).
; policy: budget
        .insn PUSH, 2, 3, 0, 0      ; WARNING V107 "unused field rs1=3"
        POP        R2
        .insn HALT, 1, 2, 3, 4      ; WARNING V107 "unused field rd=1, rs1=2, rs2=3, imm=4"
---
; Jump targets: aligned and inside the code.
        JMP        4                ; ERROR V108 "JMP target 0x4 is not an instruction"
        JZ         1000             ; ERROR V108 "JZ target 0x3e8 is not an instruction in 24 bytes"
        HALT
---
; CALL to the end of the code.
        CALL       16               ; ERROR V108 "CALL target 0x10 is the end of the code"
        HALT
