; Three-operand CMP (rd, rs1, rs2): flags from rs1 - rs2. Count up to a
; limit and exit with JZ when the counter reaches it.
; args: --max-cycles 1000
LOAD_CONST R1, 0               ; i
LOAD_CONST R2, 7               ; limit
LOAD_CONST R3, 1
LOAD_CONST R4, 0               ; sum of squares
top:
CMP R0, R1, R2
JZ done
MUL R5, R1, R1
ADD R4, R4, R5
ADD R1, R1, R3
JMP top
done:
HALT
