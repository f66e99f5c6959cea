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
---
; Under the budget policy a stack-discipline violation is a warning: the VM
; traps overflow and underflow at run time.
; policy: budget
        LOAD_CONST R1, 3
        LOAD_CONST R2, 1
top:    PUSH       R1               ; WARNING V301 "stack depth differs between paths"
        SUB        R1, R1, R2
        JNZ        top
        HALT
---
; policy: budget
        CALL       f
        HALT
f:      CALL       f                ; WARNING V203 "recursion: fn_0010 calls fn_0010"
        RET
