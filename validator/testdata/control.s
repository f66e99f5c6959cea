; Rule 2: control flow. Accepted: two functions, tick calls both.
        CALL       f
        CALL       g
        HALT
f:      LOAD_CONST R1, 1
        RET
g:      CALL       f
        RET
; wcet: 9
; stack: 2
---
; A jump into the middle of a function.
        CALL       f
        JMP        inside           ; ERROR V201 "JMP at 0x0008 in tick jumps into the body of function fn_0010"
f:      LOAD_CONST R1, 1
inside: LOAD_CONST R2, 2
        RET
---
; Falling into another function's entry.
        CALL       f
        LOAD_CONST R1, 1            ; ERROR V201 "control flows from LOAD_CONST at 0x0008 in tick into the entry of function fn_0010"
f:      RET
---
; A call into a loop: the CALL target is inside tick's body.
; policy: budget
        LOAD_CONST R1, 3
        LOAD_CONST R2, 1
top:    SUB        R1, R1, R2
        JNZ        top
        CALL       top              ; ERROR V202 "CALL target 0x0010 is inside the body of function tick"
        HALT
---
; Direct recursion.
        CALL       f
        HALT
f:      CALL       f                ; ERROR V203 "recursion: fn_0010 calls fn_0010"
        RET
---
; Mutual recursion.
        CALL       f
        HALT
f:      CALL       g
        RET
g:      CALL       f                ; ERROR V203 "recursion: fn_0010 calls fn_0020 calls fn_0010"
        RET
---
; RET in the tick entry.
        LOAD_CONST R1, 1
        RET                         ; ERROR V204 "RET in tick, an entry point"
---
; RET in the failsafe entry.
.entry failsafe safe
        HALT
safe:   RET                         ; ERROR V204 "RET in failsafe"
---
; Falling off the end is a warning; so is a jump to the end.
        LOAD_CONST R1, 1
        JZ         end              ; WARNING V205 "jumps to the end of the code"
        LOAD_CONST R1, 2            ; WARNING V205 "runs past the end of the code"
end:
; wcet: 3
---
; Unreachable code is a warning.
        HALT
        LOAD_CONST R1, 1            ; WARNING V206 "2 instructions at 0x0008..0x0010 are unreachable"
        HALT
---
; Init and failsafe entries are functions too.
.entry tick main
.entry init setup
.entry failsafe safe
main:   CALL       f
        HALT
setup:  CALL       f
        HALT
safe:   HALT
f:      RET
; wcet: 3
