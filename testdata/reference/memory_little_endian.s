; Words are little-endian: overlapping unaligned stores and loads show the
; byte order.
; args: --max-cycles 100
LOAD_CONST R1, 0x2000
LOAD_CONST R2, 0x04030201
LOAD_CONST R3, 0x0D0C0B0A
STORE_REG R2, R1, 0
STORE_REG R3, R1, 4
LOAD_REG R4, R1, 1             ; 0x0A040302
LOAD_REG R5, R1, 3             ; 0x0C0B0A04
LOAD_CONST R6, 0x000000EE
STORE_REG R6, R1, 2            ; overwrite bytes 2..5
LOAD_REG R7, R1, 0             ; 0x00EE0201
LOAD_REG R8, R1, 4             ; 0x0D0C0000
HALT
