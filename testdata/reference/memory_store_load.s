; STORE_REG then LOAD_REG round-trips words at several addresses, with
; positive and negative offsets; memory never written reads as zero.
; args: --max-cycles 100
LOAD_CONST R1, 0x1000
LOAD_CONST R2, 0x11223344
LOAD_CONST R3, -2
STORE_REG R2, R1, 0
STORE_REG R3, R1, 4
STORE_REG R2, R1, -8           ; 0x0FF8
LOAD_REG R4, R1, 0
LOAD_REG R5, R1, 4
LOAD_REG R6, R1, -8
LOAD_REG R7, R1, 2             ; unaligned: bytes 0x1002..0x1005
LOAD_REG R8, R1, 100           ; never written: 0
LOAD_CONST R9, 0x3000
STORE_REG R4, R9, 0x100
LOAD_REG R10, R9, 0x100
HALT
