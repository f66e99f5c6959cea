; Sum 10 + 9 + ... + 1 with a countdown loop; SUB sets Z for JNZ.
; args: --max-cycles 1000
LOAD_CONST R1, 10              ; counter
LOAD_CONST R2, 1
LOAD_CONST R3, 0               ; sum
loop:
ADD R3, R3, R1
SUB R1, R1, R2
JNZ loop
HALT
