; SEND's first operand is a channel number (written as a register name in
; the reference syntax), not a register: R20 means channel 20.
; args: --max-cycles 100
LOAD_CONST R1, 7
LOAD_CONST R2, -1
SEND R20, R1
SEND R31, R2
SEND R1, R1
SEND R16, R0
HALT
