; Jump targets written as absolute byte addresses.
; args: --max-cycles 100
LOAD_CONST R1, 1               ; 0
JMP 24                         ; 8
LOAD_CONST R2, 99              ; 16 (skipped)
LOAD_CONST R3, 3               ; 24
SUB R4, R1, R1                 ; 32: Z=1
JZ 56                          ; 40
LOAD_CONST R5, 99              ; 48 (skipped)
LOAD_CONST R6, 6               ; 56
JNZ 80                         ; 64: Z still set, not taken
LOAD_CONST R7, 7               ; 72
HALT                           ; 80
