; Nested countdown loops: R5 counts inner iterations (6 * 4 = 24) and R6
; accumulates i * j.
; args: --max-cycles 2000
LOAD_CONST R1, 6               ; i
LOAD_CONST R3, 1
LOAD_CONST R5, 0
LOAD_CONST R6, 0
outer:
LOAD_CONST R2, 4               ; j
inner:
ADD R5, R5, R3
MUL R7, R1, R2
ADD R6, R6, R7
SUB R2, R2, R3
JNZ inner
SUB R1, R1, R3
JNZ outer
HALT
