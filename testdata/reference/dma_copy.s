; DMA_COPY rd, rs1, n copies n bytes from address R[rs1] to address R[rd].
; args: --max-cycles 100
LOAD_CONST R1, 0x1000          ; source
LOAD_CONST R2, 0x11111111
STORE_REG R2, R1, 0
LOAD_CONST R2, 0x22222222
STORE_REG R2, R1, 4
LOAD_CONST R2, 0x33333333
STORE_REG R2, R1, 8
LOAD_CONST R3, 0x2000          ; destination
DMA_COPY R3, R1, 10            ; 10 bytes: two words and a half
LOAD_REG R4, R3, 0
LOAD_REG R5, R3, 4
LOAD_REG R6, R3, 8             ; 0x00003333
LOAD_CONST R7, 0x3000
DMA_COPY R7, R1, 0             ; zero length: nothing
LOAD_REG R8, R7, 0
HALT
