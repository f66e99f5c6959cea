; An endless loop stops when the cycle budget runs out: not halted, no
; trap, pc on the next instruction to run.
; args: --max-cycles 50
LOAD_CONST R1, 1
loop:
ADD R2, R2, R1
JMP loop
