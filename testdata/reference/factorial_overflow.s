; Iterative 13! overflows 32 bits; MUL keeps the low 32 bits.
; args: --max-cycles 1000
LOAD_CONST R1, 13
LOAD_CONST R2, 1
LOAD_CONST R3, 1
loop:
MUL R2, R2, R1
SUB R1, R1, R3
JNZ loop
HALT
