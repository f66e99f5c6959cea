; Only ALU ops and CMP touch the flags: after SUB gives zero, LOAD_CONST,
; PUSH, POP, NOP, STORE_REG and LOAD_REG leave Z set, so JZ is taken.
; args: --max-cycles 100
LOAD_CONST R1, 3
SUB R2, R1, R1
LOAD_CONST R3, -5
PUSH R3
POP R4
NOP
LOAD_CONST R5, 4096
STORE_REG R3, R5, 0
LOAD_REG R6, R5, 0
JZ taken
LOAD_CONST R7, 1
HALT
taken:
LOAD_CONST R7, 2
HALT
