; DIV is signed and truncates toward zero.
; args: --max-cycles 100
LOAD_CONST R1, 7
LOAD_CONST R2, 2
LOAD_CONST R3, -7
LOAD_CONST R4, -2
DIV R5, R1, R2                 ; 7 / 2 = 3
DIV R6, R3, R2                 ; -7 / 2 = -3
DIV R7, R1, R4                 ; 7 / -2 = -3
DIV R8, R3, R4                 ; -7 / -2 = 3
LOAD_CONST R9, 1
DIV R10, R9, R1                ; 1 / 7 = 0
DIV R11, R3, R3                ; -7 / -7 = 1
LOAD_CONST R12, 2147483647
DIV R13, R12, R4               ; INT_MAX / -2 = -1073741823
LOAD_CONST R14, -100
DIV R15, R14, R1               ; -100 / 7 = -14 (sets N)
HALT
