; Mnemonics and operands.
    JNE loop               ; ERROR A003 col=5 len=3 "unknown mnemonic \"JNE\"" hint="did you mean JNZ?"
    LOAD_CONTS R1, 5       ; ERROR A003 col=5 "LOAD_CONTS" hint="did you mean LOAD_CONST?"
    FROBNICATE             ; ERROR A003 col=5 "FROBNICATE"
loop: HALT
---
    LOAD_REG R1            ; ERROR A005 col=5 len=11 "expected 2 or 3, found 1 operand" hint="LOAD_REG takes rd, rs1[, imm]"
    HALT R1                ; ERROR A005 col=10 len=2 "expected 0, found 1" hint="HALT takes no operands"
    ADD R1, R2, R3, R4, R5 ; ERROR A005 col=21 len=6 "expected 3, found 5" hint="ADD takes rd, rs1, rs2"
    CMP R1                 ; ERROR A005 col=5 "expected 2 to 4" hint="CMP takes rs1, rs2 or rd, rs1, rs2[, COND]"
    ALLOC R1               ; ERROR A005 col=5 "expected 2 or 3" hint="rd, [rs1,] imm"
    DECLARE_INTENT 1 2 3 4 ; ERROR A005 col=26 "expected 0 to 3"
---
    ADD R1, R2, 5          ; ERROR A006 col=17 "expected a register R0..R15 for rs2 of ADD, found number 5"
    PUSH loop              ; ERROR A006 col=10 "found name loop"
    NOT "R1", R2           ; ERROR A006 col=9 "found string"
loop: HALT
---
; IO-register isolation.
    ADD R1, R20, R2        ; ERROR A007 col=13 len=3 "R20 is an IO register; rs1 of ADD" hint="R16–R31 are IO channels; read with READ_IO rd, R20"
    LOAD_CONST r16, 1      ; ERROR A007 col=16 "r16" hint="write with WRITE_IO R16, rs1"
    PUSH R31               ; ERROR A007 col=10 "rd of PUSH" hint="read with READ_IO rd, R31"
    READ_IO R17, R16       ; ERROR A007 col=13 "rd of READ_IO"
    WRITE_IO R17, R18      ; ERROR A007 col=19 "rs1 of WRITE_IO"
---
    PUSH R32               ; ERROR A008 col=10 "register R32 does not exist"
    ADD R1, R2, R100       ; ERROR A008 col=17 "R100"
    POP R123456789012345678901 ; ERROR A008 col=9 "register R123456789012345678901 does not exist"
    .insn NOP, R40, 0, 0, 0 ; ERROR A008 col=16 "R40"
---
; The reference's register aliases do not exist here.
    PUSH SP                ; ERROR A009 col=10 len=2 "SP is not a register" hint="not registers in NEXUS"
    MOV R1, LR             ; ERROR A003 col=5 "MOV"
    ADD R1, fp, R2         ; ERROR A009 col=13 "fp"
    JMP PC                 ; ERROR A009 col=9 "PC is not a register or a defined name" hint="not registers in NEXUS"
---
    LOAD_CONST R1, 4294967296    ; ERROR A010 col=20 "immediate 4294967296 is out of range" hint="-2147483648 to 4294967295"
    LOAD_CONST R1, -2147483649   ; ERROR A010 col=20 "immediate -2147483649"
    LOAD_CONST R1, 0x1FFFFFFFF   ; ERROR A010 col=20 "0x1FFFFFFFF"
    LOAD_CONST R1, 99999999999999999999 ; ERROR A010 col=20 "number 99999999999999999999 is out of range"
    SEND BIG, R1                 ; ERROR A014 col=10 "SEND channel BIG (= 4294967295) is out of range"
.equ BIG 0xFFFFFFFF
.equ BIGGER 0x100000000      ; ERROR A010 col=13 "constant value 0x100000000"
---
    READ_IO R1, R3         ; ERROR A013 col=17 "R3 is not an IO channel" hint="R16..R31"
    READ_IO R1, 32         ; ERROR A013 col=17 "IO channel 32 is out of range"
    WRITE_IO 15, R1        ; ERROR A013 col=14 "IO channel 15"
    WRITE_IO R0, R1        ; ERROR A013 col=14 "R0 is not an IO channel"
    READ_IO R1, R40        ; ERROR A013 col=17 "R40 is not an IO channel"
---
    SEND 256, R1           ; ERROR A014 col=10 "SEND channel 256 is out of range" hint="0..255"
    SEND -1, R1            ; ERROR A014 col=10 "SEND channel -1"
---
    CMP R1, R2, R3, LX     ; ERROR A015 col=21 len=2 "unknown condition LX" hint="did you mean LT?"
    CMP R1, R2, R3, 11     ; ERROR A015 col=21 "condition 11 is out of range" hint="1..10"
    CMP R1, R2, R3, -1     ; ERROR A015 col=21 "condition -1"
---
    MUL R1, R2, R3, 32     ; ERROR A016 col=21 "shift k 32 is out of range" hint="MUL's k is the fixed-point shift 0..31"
    DIV R1, R2, R3, -1     ; ERROR A016 col=21 "shift k -1"
    SHR R1, R2, R3, 2      ; ERROR A016 col=21 "SHR mode 2 is out of range" hint="ASR"
    SHR R1, R2, R3, LSR    ; ERROR A011 col=21 "undefined name LSR"
---
; Warnings: assembles, but probably not what was meant.
    CMP R3, R1, R2         ; WARNING A027 col=9 len=2 "CMP without a condition ignores rd R3" hint="CMP R3, a, b, LT"
    CMP R3, R1, R2, 0      ; WARNING A027 col=9 "ignores rd R3"
    CMP R0, R1, R2         ; no warning: rd is R0
    JMP 12                 ; WARNING A028 col=9 len=2 "jump target 12 is not a multiple of 8" hint="BAD_JUMP"
    CALL 0x100             ; no warning: aligned
---
    LOAD_CONST R1, R2      ; ERROR A029 col=20 len=2 "expected immediate, found register R2"
    JMP R1                 ; ERROR A029 col=9 "expected a code address, found register R1"
    SLEEP "1"              ; ERROR A029 col=11 "expected immediate, found string"
---
    again                  ; ERROR A003 col=5 "unknown mnemonic \"again\"" hint="a label ends with ':' (again:)"
