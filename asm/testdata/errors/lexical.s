; Lexical errors: characters, numbers, strings, misplaced tokens.
; Sections are separated by lines starting with "---".
    LOAD_CONST R1, $5      ; ERROR A001 col=20 len=1 "unexpected character '$'" hint="no prefix"
    LOAD_REG R1, [R2]      ; ERROR A001 col=18 "unexpected character '['"
; ERROR^ A001 col=21 "unexpected character ']'" hint="LOAD_REG rd, rs1, offset"
---
; A bad character does not hide a later one on the same line.
    ADD R1, @R2, R3 ! x    ; ERROR A001 col=13 "'@'"
; ERROR^ A001 col=21 "'!'"
---
; Non-ASCII characters are reported as whole runes, invalid bytes as bytes.
    NOP é                  ; ERROR A001 col=9 len=2 "'é'"
---
    LOAD_CONST R1, 0x      ; ERROR A002 col=20 len=2 "malformed number 0x" hint="hex"
    LOAD_CONST R1, 0x1G    ; ERROR A002 col=20 "0x1G"
    LOAD_CONST R1, 0b102   ; ERROR A002 col=20 "0b102" hint="binary"
    LOAD_CONST R1, 12ab    ; ERROR A002 col=20 "12ab" hint="decimal"
    LOAD_CONST R1, 1_000   ; ERROR A002 col=20 "1_000"
    LOAD_CONST R1, -x      ; ERROR A001 col=20 "'-'" hint="sign"
---
    .meta intent "open
; ERROR^ A017 col=18 len=5 "unterminated string"
---
    .meta intent "a\qb"    ; ERROR A017 col=20 len=2 "unknown escape \\q"
---
; Operand separators.
    ADD R1,, R2, R3        ; ERROR A025 col=12 len=1 "expected an operand before ','"
    ADD , R1, R2, R3       ; ERROR A025 col=9 "before ','"
    ADD R1, R2, R3,        ; ERROR A025 col=19 "expected an operand after ','"
    ADD R1 R2 : R3         ; ERROR A025 col=15 "unexpected ':'" hint="start of a line"
    5                      ; ERROR A025 col=5 "expected a mnemonic or directive, found number 5" hint=".data"
    "x"                    ; ERROR A025 col=5 "found string"
    : NOP                  ; ERROR A025 col=5 "found ':'"
---
; After a lexical error the rest of the line is not checked again.
    .equ X, $5             ; ERROR A001 col=13 "'$'"
    .insn 1, 2, 3, 4, @    ; ERROR A001 col=23 "'@'"
    LOAD_CONST R1, $       ; ERROR A001 col=20 "'$'"
    JMP after              ; the .insn above still takes 8 bytes
after: HALT
