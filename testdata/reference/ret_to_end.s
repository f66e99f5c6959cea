; The last instruction is a CALL; its subroutine (placed earlier and jumped
; over) returns to pc+8 = the code length, which ends the program.
; args: --max-cycles 100
JMP main
sub:
LOAD_CONST R2, 8
ADD R3, R3, R2
RET
main:
LOAD_CONST R1, 1
CALL sub
