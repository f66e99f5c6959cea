; ADD and SUB wrap at 32 bits (two's complement); flags Z and N follow the
; last ALU result.
; args: --max-cycles 100
LOAD_CONST R1, 2147483647      ; INT_MAX
LOAD_CONST R2, 1
ADD R3, R1, R2                 ; INT_MAX + 1 = 0x80000000
LOAD_CONST R4, -2147483648     ; INT_MIN
SUB R5, R4, R2                 ; INT_MIN - 1 = 0x7FFFFFFF
LOAD_CONST R6, -1
ADD R7, R6, R2                 ; -1 + 1 = 0
ADD R8, R6, R6                 ; -1 + -1 = -2
SUB R9, R2, R6                 ; 1 - -1 = 2
SUB R10, R0, R2                ; 0 - 1 = -1 (sets N)
HALT
