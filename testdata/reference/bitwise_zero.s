; AND of disjoint masks is zero and sets Z.
; args: --max-cycles 20
LOAD_CONST R1, 0x55555555
LOAD_CONST R2, 0x2AAAAAAA
AND R3, R1, R2
HALT
