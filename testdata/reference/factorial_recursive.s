; Recursive factorial with the call stack and PUSH/POP for saved values.
; args: --max-cycles 1000
LOAD_CONST R1, 10
LOAD_CONST R3, 1
CALL fact                      ; R2 = 10! = 3628800
HALT
fact:
CMP R0, R1, R0
JNZ recurse
LOAD_CONST R2, 1
RET
recurse:
PUSH R1
SUB R1, R1, R3
CALL fact
POP R1
MUL R2, R2, R1
RET
