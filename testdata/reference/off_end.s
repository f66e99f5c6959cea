; No HALT: running past the last instruction stops without costing a
; cycle, pc = code length (32).
; args: --max-cycles 100
LOAD_CONST R1, 5
LOAD_CONST R2, 6
MUL R3, R1, R2
PUSH R3
