; Bubble sort of 6 signed words stored at 0x1000, then loaded back into
; R10..R15. Signed less-than is tested through the sign bit of a - b
; (no overflow with these values).
; args: --max-cycles 5000
LOAD_CONST R1, 0x1000
LOAD_CONST R2, 42
STORE_REG R2, R1, 0
LOAD_CONST R2, -7
STORE_REG R2, R1, 4
LOAD_CONST R2, 19
STORE_REG R2, R1, 8
LOAD_CONST R2, 0
STORE_REG R2, R1, 12
LOAD_CONST R2, 100
STORE_REG R2, R1, 16
LOAD_CONST R2, -300
STORE_REG R2, R1, 20
LOAD_CONST R8, 1
LOAD_CONST R9, 31
LOAD_CONST R7, 5               ; passes
pass:
LOAD_CONST R3, 0x1000          ; p
LOAD_CONST R4, 5               ; comparisons per pass
inner:
LOAD_REG R5, R3, 0
LOAD_REG R6, R3, 4
SUB R2, R6, R5                 ; b - a
SHR R2, R2, R9                 ; 1 when b < a
JZ noswap
STORE_REG R6, R3, 0
STORE_REG R5, R3, 4
noswap:
LOAD_CONST R2, 4
ADD R3, R3, R2
SUB R4, R4, R8
JNZ inner
SUB R7, R7, R8
JNZ pass
LOAD_REG R10, R1, 0
LOAD_REG R11, R1, 4
LOAD_REG R12, R1, 8
LOAD_REG R13, R1, 12
LOAD_REG R14, R1, 16
LOAD_REG R15, R1, 20
HALT
