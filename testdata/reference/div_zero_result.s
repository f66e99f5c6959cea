; A quotient of zero sets Z, including a negative dividend smaller than the
; divisor.
; args: --max-cycles 20
LOAD_CONST R1, -3
LOAD_CONST R2, 4
DIV R3, R1, R2                 ; -3 / 4 = 0 (not -1)
HALT
