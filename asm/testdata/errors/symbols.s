; Labels and constants.
start: NOP
    JMP strat              ; ERROR A011 col=9 len=5 "undefined name strat" hint="did you mean start?"
    JMP nowhere_at_all     ; ERROR A011 col=9 "nowhere_at_all"
    LOAD_CONST R1, Start   ; ERROR A011 col=20 "Start" hint="did you mean start?"
---
loop: NOP
loop: HALT                 ; ERROR A012 col=1 len=4 "code label loop is already defined"
.equ loop, 3               ; ERROR A012 col=6 "constant loop is already defined"
.data
loop: .word 1              ; ERROR A012 col=1 "data label loop"
---
.x: NOP                    ; ERROR A018 col=1 len=2 "name .x starts with '.'" hint="reserved for directives"
R3: NOP                    ; ERROR A018 col=1 "name R3 is a register"
r1234: NOP                 ; ERROR A018 col=1 "name r1234 is a register"
5: NOP                     ; ERROR A018 col=1 "expected a name, found number 5"
.equ r0, 1                 ; ERROR A018 col=6 "name r0 is a register"
.equ 7, 1                  ; ERROR A018 col=6 "found number 7"
---
; .org, .space and .equ are evaluated in pass 1: names must come first.
.data
    .space N               ; ERROR A024 col=12 len=1 "constant N is used before its definition on line 24" hint="move the definition"
    .org END               ; ERROR A011 col=10 "undefined name END"
.equ N, 4
.equ M, LATER              ; ERROR A024 col=9 "LATER"
.equ LATER, 1
---
.data
table: .word 1, 2
.code
    JMP table              ; ERROR A026 col=9 len=5 "JMP target table is a data label" hint="separate address spaces"
    CALL table             ; ERROR A026 col=10 "CALL target table"
    .entry tick table      ; ERROR A026 col=17 ".entry target table"
    LOAD_CONST R1, table   ; fine: a data address as an immediate
    HALT
