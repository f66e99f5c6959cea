; Rule 5: termination and time. Accepted: the longest path is counted,
; including callees (CALL 1 + callee) and HALT.
        READ_IO    R1, R16          ; 1
        CMP        R1, R0           ; 2
        JZ         short            ; 3
        CALL       f                ; 4 + 3
        NOP                         ; 8
short:  HALT                        ; 9
f:      NOP
        NOP
        RET
; wcet: 9
---
; A loop is rejected under the strict policy.
        LOAD_CONST R1, 3
        LOAD_CONST R2, 1
top:    SUB        R1, R1, R2
        JNZ        top              ; ERROR V501 "JNZ at 0x0018 jumps back to 0x0010, forming a loop in tick"
        HALT
---
; Under the budget policy the same loop is accepted and the WCET is unbounded.
; policy: budget
        LOAD_CONST R1, 3
        LOAD_CONST R2, 1
top:    SUB        R1, R1, R2
        JNZ        top
        HALT
; wcet: unbounded
---
; A loop in a callee makes its callers unbounded too.
; policy: budget
        CALL       f
        HALT
f:      JMP        f
; wcet: unbounded
---
; WCET over the budget: an error under the strict policy.
; budget: 5
        NOP                         ; ERROR V502 "tick may take 6 cycles on its longest path; the budget is 5"
        NOP
        NOP
        NOP
        NOP
        HALT
---
; ... a warning under the budget policy, where the VM's budget is the guard.
; policy: budget
; budget: 5
        NOP                         ; WARNING V502 "tick may take 6 cycles"
        NOP
        NOP
        NOP
        NOP
        HALT
; wcet: 6
---
; Exactly the budget is fine; running off the end costs nothing.
; budget: 2
        NOP
        NOP                         ; WARNING V205 "runs past the end"
; wcet: 2
