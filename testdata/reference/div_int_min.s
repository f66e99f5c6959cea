; INT_MIN / -1 overflows and wraps to INT_MIN; INT_MIN / 1 and / INT_MIN.
; args: --max-cycles 100
LOAD_CONST R1, -2147483648
LOAD_CONST R2, -1
LOAD_CONST R3, 1
DIV R4, R1, R3                 ; INT_MIN
DIV R5, R1, R1                 ; 1
LOAD_CONST R6, 2147483647
DIV R7, R6, R1                 ; INT_MAX / INT_MIN = 0
DIV R8, R1, R6                 ; INT_MIN / INT_MAX = -1
DIV R9, R1, R2                 ; INT_MIN / -1 = INT_MIN (last: N=1)
HALT
