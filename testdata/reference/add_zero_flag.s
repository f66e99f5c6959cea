; An ALU result of zero sets Z; a negative result sets N and clears Z.
; args: --max-cycles 20
LOAD_CONST R1, -7
LOAD_CONST R2, 7
ADD R3, R1, R2                 ; 0 -> Z=1 N=0
HALT
