; SHL and SHR shift by R[rs2] & 31; SHR is logical.
; args: --max-cycles 100
LOAD_CONST R1, -1              ; 0xFFFFFFFF
LOAD_CONST R2, 0
LOAD_CONST R3, 1
LOAD_CONST R4, 31
LOAD_CONST R5, 32
LOAD_CONST R6, 33
SHL R7, R1, R2                 ; by 0
SHL R8, R1, R3                 ; by 1
SHL R9, R3, R4                 ; 1 << 31
SHL R10, R3, R5                ; by 32 & 31 = 0 -> 1
SHL R11, R3, R6                ; by 33 & 31 = 1 -> 2
SHR R12, R1, R4                ; logical: 1
SHR R13, R1, R3                ; 0x7FFFFFFF
SHR R14, R1, R5                ; by 0 -> 0xFFFFFFFF
SHR R15, R9, R6                ; 0x80000000 >> 1 = 0x40000000
HALT
