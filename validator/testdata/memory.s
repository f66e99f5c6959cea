; Rule 4: memory and divisors. Accepted: an address computed by ADD of two constants.
        LOAD_CONST R1, 1000
        LOAD_CONST R2, 24
        ADD        R3, R1, R2
        LOAD_REG   R4, R3, 4
        STORE_REG  R4, R3, 64508    ; 1024 + 64508 = 65532: the last word
        HALT
---
; One byte too far.
        LOAD_CONST R1, 65533
        LOAD_REG   R2, R1           ; ERROR V401 "LOAD_REG at 0x0008 may access address 65533"
        HALT
---
; An address read from a sensor is unknown...
        READ_IO    R1, R16
        STORE_REG  R1, R1           ; ERROR V401 "may access address any"
        HALT
---
; ... unless masked.
        READ_IO    R1, R16
        LOAD_CONST R2, 0xFFFC
        AND        R3, R1, R2
        STORE_REG  R1, R3
        HALT
---
; ... or guarded by CMP and a branch.
        READ_IO    R1, R16
        LOAD_CONST R2, 65532
        CMP        R3, R1, R2, LEU
        JZ         skip
        STORE_REG  R1, R1
skip:   HALT
---
; A guard with the wrong comparison does not prove it.
        READ_IO    R1, R16
        LOAD_CONST R2, 65532
        CMP        R3, R1, R2, LE   ; signed: negative addresses pass
        JZ         skip
        STORE_REG  R1, R1           ; ERROR V401 "[-2147483648, 65532]"
skip:   HALT
---
; Under the budget policy an unproven access is a warning.
; policy: budget
        READ_IO    R1, R16
        LOAD_REG   R2, R1           ; WARNING V401 "may access"
        HALT
---
; A divisor loaded on only one path.
        READ_IO    R1, R16
        CMP        R1, R0
        JZ         skip
        LOAD_CONST R2, 5
skip:   DIV        R3, R1, R2       ; ERROR V404 "DIV at 0x0020 divides by R2, which may be zero (R2 = [0, 5])"
        HALT
---
; A divisor loaded on both paths.
        READ_IO    R1, R16
        LOAD_CONST R2, 3
        CMP        R1, R0
        JZ         skip
        LOAD_CONST R2, 5
skip:   DIV        R3, R1, R2
        HALT
---
; A divisor checked against zero.
        READ_IO    R1, R16
        READ_IO    R2, R17
        CMP        R2, R0
        JZ         skip
        DIV        R3, R1, R2, 8
skip:   HALT
---
; A divisor tested by an ALU result's zero flag.
        READ_IO    R2, R17
        OR         R2, R2, R2
        JNZ        ok
        HALT
ok:     DIV        R3, R2, R2
        HALT
---
; DMA_COPY: both ranges.
        LOAD_CONST R1, 0
        LOAD_CONST R2, 32768
        DMA_COPY   R2, R1, 32768
        DMA_COPY   R1, R2, 32769    ; ERROR V402 "may copy 32769 bytes from address R2 = 32768"
        HALT
---
; ALLOC: imm + R[rs1] must fit.
        LOAD_CONST R1, 60000
        ALLOC      R2, R1, 5536
        ALLOC      R3, R1, 5537     ; ERROR V403 "may reserve 5537 bytes at R1 = 60000"
        HALT
---
; Values returned by a function are known to the caller.
        CALL       base
        LOAD_REG   R2, R1, 8
        HALT
base:   LOAD_CONST R1, 4096
        RET
---
; A function's argument is the join of its call sites.
        LOAD_CONST R1, 16
        CALL       load
        LOAD_CONST R1, 65532
        CALL       load
        LOAD_CONST R1, 65536
        CALL       load
        HALT
load:   LOAD_REG   R2, R1           ; ERROR V401 "may access address [16, 65536]"
        RET
---
; Registers start at zero in every activation.
        LOAD_REG   R1, R0, 65532
        DIV        R2, R1, R0       ; ERROR V404 "R0 = 0"
        HALT
---
; A loop under the budget policy: widening finds the counter's range.
; policy: budget
        LOAD_CONST R1, 0
        LOAD_CONST R2, 4
        LOAD_CONST R3, 400
top:    STORE_REG  R1, R1           ; WARNING V401 "may access"
        ADD        R1, R1, R2
        CMP        R4, R1, R3, LTU
        JNZ        top
        HALT
