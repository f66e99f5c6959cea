; A shift that moves a bit into bit 31 sets N.
; args: --max-cycles 20
LOAD_CONST R1, 3
LOAD_CONST R2, 30
SHL R3, R1, R2                 ; 0xC0000000
HALT
