; AND, OR, XOR, NOT, with hexadecimal, binary and signed literals.
; args: --max-cycles 100
LOAD_CONST R1, 0x0F0F00FF
LOAD_CONST R2, 0b1010101010101010
LOAD_CONST R3, -16
AND R4, R1, R2
OR R5, R1, R2
XOR R6, R1, R2
NOT R7, R1
NOT R8, R3                     ; ~-16 = 15
AND R9, R3, R1
XOR R10, R1, R1                ; 0
OR R11, R3, R2
NOT R12, R0                    ; 0xFFFFFFFF (last: N=1)
HALT
