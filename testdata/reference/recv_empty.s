; RECV with nothing queued yields 0xFFFFFFFF; RECV does not touch flags.
; args: --max-cycles 20
RECV R1
LOAD_CONST R2, 1
ADD R3, R1, R2                 ; 0 -> Z=1
RECV R4
HALT
