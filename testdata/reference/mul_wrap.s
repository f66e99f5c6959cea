; MUL keeps the low 32 bits of the signed product.
; args: --max-cycles 100
LOAD_CONST R1, 65536
MUL R2, R1, R1                 ; 2^32 -> 0
LOAD_CONST R3, 2147483647
LOAD_CONST R4, 2
MUL R5, R3, R4                 ; 0xFFFFFFFE
LOAD_CONST R6, -3
LOAD_CONST R7, 5
MUL R8, R6, R7                 ; -15
MUL R9, R6, R6                 ; 9
LOAD_CONST R10, -2147483648
LOAD_CONST R11, -1
MUL R12, R10, R11              ; INT_MIN * -1 wraps to INT_MIN
LOAD_CONST R13, 123456789
LOAD_CONST R14, 987654321
MUL R15, R13, R14              ; low 32 bits of 121932631112635269
HALT
