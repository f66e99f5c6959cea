; Fibonacci numbers pushed onto the stack; F(47) wraps past 2^32.
; args: --max-cycles 5000
LOAD_CONST R1, 0               ; a
LOAD_CONST R2, 1               ; b
LOAD_CONST R3, 48              ; count
LOAD_CONST R4, 1
loop:
PUSH R1
ADD R5, R1, R2
ADD R1, R2, R0
ADD R2, R5, R0
SUB R3, R3, R4
JNZ loop
HALT
