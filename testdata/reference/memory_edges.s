; The last word of the 64 KiB memory, and an address that wraps modulo
; 2^32 (base 0xFFFFFFF0 + offset 0x4010 = 0x4000).
; args: --max-cycles 100
LOAD_CONST R1, 65532
LOAD_CONST R2, 0x5A5A5A5A
STORE_REG R2, R1, 0
LOAD_REG R3, R1, 0
LOAD_CONST R4, 65000
LOAD_REG R5, R4, 532           ; same word via base + offset
LOAD_CONST R6, -16             ; 0xFFFFFFF0
LOAD_CONST R7, 777
STORE_REG R7, R6, 0x4010       ; address 0x4000
LOAD_CONST R8, 0x4000
LOAD_REG R9, R8, 0
LOAD_REG R10, R6, 0x4010
HALT
