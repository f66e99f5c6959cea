; A subroutine that halts without returning leaves the return addresses of
; the active calls on the stack (bottom first).
; args: --max-cycles 50
PUSH R0
CALL first
HALT
first:
LOAD_CONST R1, 11
CALL second
HALT
second:
LOAD_CONST R2, 22
HALT
