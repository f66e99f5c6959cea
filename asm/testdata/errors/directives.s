; Directives.
    .dat                   ; ERROR A004 col=5 len=4 "unknown directive .dat" hint="did you mean .data?"
    .frobnicate            ; ERROR A004 col=5 "unknown directive .frobnicate" hint="directives are"
    .code 1                ; ERROR A005 col=11 "wrong number of operands for .code" hint=".code takes .code"
    .equ X                 ; ERROR A005 col=5 "expected 2" hint=".equ NAME, VALUE"
    .word                  ; ERROR A005 col=5 "expected at least 1" hint=".word v[, v...]"
    .insn 1, 2, 3          ; ERROR A005 col=5 "expected 5, found 3"
---
    .word 5                ; ERROR A019 col=5 ".word outside the .data section" hint=".data"
    .byte 5                ; ERROR A019 col=5 ".byte outside"
    .space 5               ; ERROR A019 col=5 ".space outside"
    .org 5                 ; ERROR A019 col=5 ".org outside"
.data
    HALT                   ; ERROR A019 col=5 "instruction HALT in the .data section" hint=".code"
    .insn 0, 0, 0, 0, 0    ; ERROR A019 col=5 ".insn in the .data section"
---
.data
    .org 0x10000           ; fine: nothing placed there yet
    .byte 1                ; ERROR A020 col=5 "1 bytes of data at 0x10000 do not fit" hint="65536 bytes"
    .org 0x10001           ; ERROR A010 col=10 "data address 0x10001 is out of range"
    .org 0xFFFE
    .word 1                ; ERROR A020 col=5 "4 bytes of data at 0xfffe do not fit"
    .org 0
    .word 1, 2
    .org 4
    .byte 1                ; ERROR A020 col=5 "data at 0x4 overlaps data defined on line 24"
    .space 70000           ; ERROR A010 col=12 ".space size 70000 is out of range"
---
.data
    .byte 256, -129        ; ERROR A010 col=11 "byte 256 is out of range" hint="-128 to 255"
; ERROR^ A010 col=16 "byte -129"
    .word 4294967296       ; ERROR A010 col=11 "immediate 4294967296"
    1, 2, x                ; ERROR A011 col=11 "undefined name x"
---
main: HALT
    .entry tik main        ; ERROR A022 col=12 len=3 "unknown entry kind tik" hint="did you mean tick?"
    .entry tick 4          ; ERROR A022 col=17 "tick entry 4 is not the address of an instruction" hint="multiples of 8"
    .entry init 8          ; ERROR A022 col=17 "init entry 8"
    .entry failsafe main
    .entry failsafe main   ; ERROR A022 col=12 len=13 "duplicate failsafe entry"
    .entry 1 main          ; ERROR A022 col=12 "unknown entry kind 1"
---
    .meta colour "red"     ; ERROR A023 col=11 len=6 "unknown metadata tag colour" hint="tags are"
    .meta intnet "go"      ; ERROR A023 col=11 "intnet" hint="did you mean intent?"
    .meta 0 "x"            ; ERROR A023 col=11 "metadata tag 0 is out of range" hint="1..255"
    .meta 256 "x"          ; ERROR A023 col=11 "metadata tag 256"
    .meta "intent" "x"     ; ERROR A023 col=11 "expected a metadata tag name or number, found string"
    .meta intent 0x100000000 ; ERROR A010 col=18 "immediate 0x100000000"
---
    .insn HLT, 0, 0, 0, 0  ; ERROR A003 col=11 "unknown mnemonic \"HLT\"" hint="did you mean HALT?"
    .insn 256, 0, 0, 0, 0  ; ERROR A010 col=11 "opcode 256 is out of range" hint="0..255"
    .insn 0, 256, 0, 0, 0  ; ERROR A010 col=14 "rd field 256" hint="0..255"
    .insn 0, 0, -1, 0, 0   ; ERROR A010 col=17 "rs1 field -1"
    .insn 0, 0, 0, 0, 1x   ; ERROR A002 col=23 "malformed number 1x"
