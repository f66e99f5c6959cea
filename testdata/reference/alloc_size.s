; ALLOC checks base + R[rs1] against memory; with the two-operand syntax
; rs1 is R0, here holding a size that still fits.
; args: --max-cycles 20
LOAD_CONST R0, 1000
ALLOC R5, 64000                ; 64000 + 1000 <= 65536
ALLOC R6, 64536                ; 64536 + 1000 = 65536: exactly fits
HALT
