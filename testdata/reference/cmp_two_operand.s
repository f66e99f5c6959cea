; DELIBERATE DIFFERENCE (see README.md). The expectation in
; cmp_two_operand.json is NEXUS's result, not the reference's.
; NEXUS: `CMP R1, R2` sets the flags from R1 - R2 (5 - 5 = 0: Z=1), so JZ is
; taken and R3 = 1; final flags Z=1 N=0, pc 56, 6 cycles.
; The reference assembles a two-operand CMP as rd=R1, rs1=R2, rs2=R0 and so
; compares R2 - R0 (5 - 0): Z=0, JZ falls through, R3 = 2, pc 40, 6 cycles.
; args: --max-cycles 100
LOAD_CONST R1, 5
LOAD_CONST R2, 5
CMP R1, R2
JZ equal
LOAD_CONST R3, 2
HALT
equal:
LOAD_CONST R3, 1
HALT
