; CALL pushes pc+8, RET pops it; subroutines call subroutines.
; args: --max-cycles 200
LOAD_CONST R1, 3
CALL square                    ; R2 = 9
LOAD_CONST R1, 12
CALL square                    ; R2 = 144
ADD R3, R2, R0
CALL sum_of_cubes              ; R4 = 1 + 8 + 27
HALT
square:
MUL R2, R1, R1
RET
cube:
CALL square
MUL R2, R2, R1
RET
sum_of_cubes:
LOAD_CONST R4, 0
LOAD_CONST R1, 1
CALL cube
ADD R4, R4, R2
LOAD_CONST R1, 2
CALL cube
ADD R4, R4, R2
LOAD_CONST R1, 3
CALL cube
ADD R4, R4, R2
RET
