; Exactly 1024 pushes fill the stack without overflowing; then pop one.
; args: --max-cycles 10000
LOAD_CONST R1, 1024
LOAD_CONST R2, 1
loop:
PUSH R1
SUB R1, R1, R2
JNZ loop
POP R3
PUSH R3
HALT
