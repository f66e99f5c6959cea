; Rule 3: stack. Accepted: balanced pushes on both branches.
        READ_IO    R1, R16
        CMP        R1, R0
        JZ         zero
        PUSH       R1
        JMP        join
zero:   PUSH       R0
join:   POP        R2
        HALT
; stack: 1
; wcet: 7
---
; A PUSH on one branch only.
        READ_IO    R1, R16
        CMP        R1, R0
        JZ         join
        PUSH       R1
join:   HALT                        ; ERROR V301 "stack depth differs between paths"
---
; POP on an empty frame.
        POP        R1               ; ERROR V302 "POP at 0x0000 in tick pops below the function's stack frame"
        HALT
---
; A function that pops its return address.
        CALL       f
        HALT
f:      POP        R1               ; ERROR V302 "in fn_0010 pops below"
        PUSH       R1
        RET
---
; RET with a value left on the stack.
        CALL       f
        HALT
f:      PUSH       R1
        RET                         ; ERROR V303 "RET at 0x0018 in fn_0010 with 1 values left"
---
; The maximum depth counts return addresses and the callee's pushes at the call's depth.
        PUSH       R1
        CALL       f
        POP        R1
        HALT
f:      PUSH       R1
        PUSH       R2
        POP        R2
        POP        R1
        RET
; stack: 4
