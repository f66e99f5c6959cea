; Shift counts far beyond 31 and negative counts are masked to 5 bits.
; args: --max-cycles 100
LOAD_CONST R1, 0x12345678
LOAD_CONST R2, 100             ; & 31 = 4
LOAD_CONST R3, -1              ; & 31 = 31
LOAD_CONST R4, 64              ; & 31 = 0
SHL R5, R1, R2
SHR R6, R1, R2
SHL R7, R1, R3
SHR R8, R1, R3
SHL R9, R1, R4
SHR R10, R1, R4
LOAD_CONST R11, -2147483648   
SHL R12, R11, R2               ; shifted out -> 0 (sets Z)
HALT
