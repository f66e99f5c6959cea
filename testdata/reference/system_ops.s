; SLEEP, NOP, INTERRUPT, ALLOC and FREE: each costs one cycle; ALLOC
; returns its base address in rd; none touches the flags.
; args: --max-cycles 100
LOAD_CONST R1, -1
ADD R2, R1, R0                 ; N=1
NOP
SLEEP 100
SLEEP 0
INTERRUPT 5
INTERRUPT 0
ALLOC R3, 4096
ALLOC R4, 0
FREE R3
NOP
HALT
