; Rule 6, safety ranges. A value range proven by a CMP+JZ guard.
.meta capability "read 16"
.meta capability "write 17"
.meta safety "range 17 -100 100"
        READ_IO    R1, R16
        LOAD_CONST R2, 100
        LOAD_CONST R3, -100
        CMP        R4, R1, R2, GT
        JZ         notHigh
        LOAD_CONST R1, 100
notHigh:
        CMP        R4, R1, R3, LT
        JZ         ok
        LOAD_CONST R1, -100
ok:     WRITE_IO   R17, R1
        HALT
---
; An out-of-range actuator value.
.meta safety "range 17 -100 100"
        LOAD_CONST R1, 150
        WRITE_IO   R17, R1          ; ERROR V604 "may write 150 to channel 17; safety record 0 allows only [-100, 100]"
        HALT
---
; An unguarded sensor value.
.meta safety "range 17 0 1000"
        READ_IO    R1, R16
        WRITE_IO   R17, R1          ; ERROR V604 "may write any to channel 17"
        HALT
---
; Only the upper bound guarded.
.meta safety "range 17 -100 100"
        READ_IO    R1, R16
        LOAD_CONST R2, 100
        CMP        R4, R1, R2, GT
        JZ         ok
        LOAD_CONST R1, 100
ok:     WRITE_IO   R17, R1          ; ERROR V604 "may write [-2147483648, 100] to channel 17"
        HALT
---
; A range violation is an error under the budget policy too: nothing checks it at run time.
; policy: budget
.meta safety "range 18 0 10"
        LOAD_CONST R1, 11
        WRITE_IO   R18, R1          ; ERROR V604 "may write 11"
        HALT
---
; Ranges on channels without writes are fine; writes on other channels are not constrained.
.meta safety "range 18 0 10"
        LOAD_CONST R1, 11
        WRITE_IO   R17, R1
        HALT
