; The budget (25) is smaller than the countdown needs (3 + 3 * 100 + 1).
; args: --max-cycles 25
LOAD_CONST R1, 100
LOAD_CONST R2, 1
LOAD_CONST R3, 0
loop:
ADD R3, R3, R1
SUB R1, R1, R2
JNZ loop
HALT
