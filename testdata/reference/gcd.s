; Euclid's GCD with remainder = a - (a / b) * b.
; args: --max-cycles 1000
LOAD_CONST R1, 1071
LOAD_CONST R2, 462
loop:
CMP R0, R2, R0
JZ done
DIV R3, R1, R2
MUL R4, R3, R2
SUB R5, R1, R4                 ; a mod b
ADD R1, R2, R0
ADD R2, R5, R0
JMP loop
done:
HALT
