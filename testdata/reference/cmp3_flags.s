; CMP sets Z and N from rs1 - rs2 (wrapping) without writing a register.
; args: --max-cycles 100
LOAD_CONST R1, 5
LOAD_CONST R2, 9
LOAD_CONST R9, 0
CMP R0, R1, R2                 ; 5 - 9 < 0: N=1
JZ fail
LOAD_CONST R9, 1
CMP R0, R2, R1                 ; 9 - 5 > 0: Z=0 N=0
JZ fail
LOAD_CONST R9, 2
CMP R7, R1, R1                 ; equal: Z=1 (R7 untouched)
JNZ fail
LOAD_CONST R9, 3
LOAD_CONST R3, -2147483648
LOAD_CONST R4, 1
CMP R0, R3, R4                 ; INT_MIN - 1 wraps to 0x7FFFFFFF: N=0
LOAD_CONST R9, 4
HALT
fail:
LOAD_CONST R10, 99
HALT
