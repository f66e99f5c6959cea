; PUSH and POP share one LIFO stack; what is left is reported bottom first.
; args: --max-cycles 100
LOAD_CONST R1, 10
LOAD_CONST R2, -20
LOAD_CONST R3, 30
PUSH R1
PUSH R2
PUSH R3
POP R4                         ; 30
PUSH R4
PUSH R4
POP R5                         ; 30
POP R6                         ; 30
POP R7                         ; -20
PUSH R7
PUSH R1
HALT
