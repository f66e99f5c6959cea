; No HALT and a budget equal to the instruction count: the budget runs out
; before the VM notices it is past the end, so it is not halted.
; args: --max-cycles 3
LOAD_CONST R1, 5
LOAD_CONST R2, 6
MUL R3, R1, R2
