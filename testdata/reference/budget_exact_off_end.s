; No HALT and a budget equal to the instruction count. Running past the end
; costs no cycle, so NEXUS halts here within the budget; the reference stops
; on its budget first and reports halted = false (deliberate difference 10:
; every other key is the reference's).
; args: --max-cycles 3
LOAD_CONST R1, 5
LOAD_CONST R2, 6
MUL R3, R1, R2
