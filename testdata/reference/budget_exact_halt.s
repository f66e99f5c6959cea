; A budget exactly large enough to execute the final HALT: halted.
; args: --max-cycles 4
LOAD_CONST R1, 1
LOAD_CONST R2, 2
ADD R3, R1, R2
HALT
