; leak_detector, written by hand: the same behaviour as
; examples/leak_detector.reflex.
.meta intent "on a confirmed hull leak drop the weight, surface and cut payload power"
.meta capability "read 16 17 18 19"
.meta capability "write 20 21 22"
.meta capability "send 12"
.meta capability "a2a EMERGENCY_CLAIM REPORT_STATUS"
.meta safety "range 21 0 6553600"
.entry tick tick
.entry init init
.entry failsafe failsafe

.data
pw:         .word 85197            ; 1.3 dbar
tw:         .word 3932160          ; 60 degC
wet:        .word 0
confirmed:  .word 0
warned:     .word 0
prev:       .word 0                ; thrust_up last written
evcnt:      .word 1                ; every 1 s = 20 ticks of 50 ms

.code
tick:   LOAD_REG   R1, R0, wet
        LOAD_REG   R5, R0, confirmed
        READ_IO    R2, R16
        READ_IO    R3, R17
        OR         R2, R2, R3
        JNZ        wetpath
        ADD        R1, R0, R0
        STORE_REG  R0, R0, wet
        JMP        decide
wetpath:
        LOAD_CONST R3, 1
        ADD        R1, R1, R3
        LOAD_CONST R3, 5
        CMP        R4, R1, R3, LT
        JNZ        storewet
        ADD        R1, R3, R0
        STORE_REG  R1, R0, wet
        CMP        R5, R0
        JNZ        decide
        LOAD_CONST R3, 2
        SEND       12, R3
        LOAD_CONST R3, 1
        EMERGENCY_CLAIM R3, R0, 1
        ADD        R5, R3, R0
        STORE_REG  R5, R0, confirmed
        JMP        decide
storewet:
        STORE_REG  R1, R0, wet
decide: CMP        R5, R0
        JZ         normal
        LOAD_CONST R6, 1               ; drop_weight
        LOAD_CONST R7, 6553600         ; thrust_up 100 %
        ADD        R8, R0, R0          ; payload_power
        JMP        every
normal: ADD        R6, R0, R0
        ADD        R7, R0, R0
        LOAD_CONST R8, 1
        LOAD_REG   R2, R0, warned
        CMP        R2, R0
        JNZ        every
        READ_IO    R2, R18
        LOAD_REG   R3, R0, pw
        CMP        R4, R2, R3, GT
        JNZ        warn
        READ_IO    R2, R19
        LOAD_REG   R3, R0, tw
        CMP        R4, R2, R3, GT
        JZ         every
warn:   LOAD_CONST R3, 1
        SEND       12, R3
        STORE_REG  R3, R0, warned
every:  LOAD_REG   R2, R0, evcnt
        LOAD_CONST R3, 1
        SUB        R2, R2, R3
        CMP        R4, R2, R0, LE
        JZ         evstore
        LOAD_CONST R2, 20
        CMP        R5, R0
        JZ         evstore
        REPORT_STATUS R1, R0, 2
evstore:
        STORE_REG  R2, R0, evcnt
        WRITE_IO   R20, R6
        LOAD_REG   R2, R0, prev        ; thrust_up: rate 10 %, range 0 .. 100 %
        LOAD_CONST R3, 655360
        ADD        R4, R2, R3
        CMP        R9, R7, R4, GT
        JZ         a1
        ADD        R7, R4, R0
a1:     SUB        R4, R2, R3
        CMP        R9, R7, R4, LT
        JZ         a2
        ADD        R7, R4, R0
a2:     LOAD_CONST R3, 6553600
        CMP        R9, R7, R3, GT
        JZ         a3
        ADD        R7, R3, R0
a3:     CMP        R9, R7, R0, LT
        JZ         a4
        ADD        R7, R0, R0
a4:     WRITE_IO   R21, R7
        STORE_REG  R7, R0, prev
        WRITE_IO   R22, R8
        HALT

init:   STORE_REG  R0, R0, wet
        STORE_REG  R0, R0, confirmed
        STORE_REG  R0, R0, warned
        HALT

failsafe:
        LOAD_CONST R1, 1
        WRITE_IO   R20, R1
        WRITE_IO   R21, R0
        STORE_REG  R0, R0, prev
        WRITE_IO   R22, R0
        HALT
