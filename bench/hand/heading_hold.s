; heading_hold, written by hand: the same behaviour as
; examples/heading_hold.reflex.
.meta intent "hold the commanded heading with a PID on the rudder, turning the short way"
.meta capability "read 16 17 18"
.meta capability "write 20"
.meta capability "a2a REPORT_STATUS"
.meta safety "range 20 -2293760 2293760"
.entry tick tick
.entry init init
.entry failsafe failsafe

.data
integ:      .word 0
prev:       .word 0                ; rudder last written
evcnt:      .word 1                ; every 1 s = 50 ticks of 20 ms

.code
tick:   READ_IO    R1, R18            ; heading_cmd
        READ_IO    R2, R16            ; heading
        SUB        R1, R1, R2
        LOAD_CONST R3, 11796480       ; wrap: 180 deg
        CMP        R4, R1, R3, GT
        JZ         w1
        LOAD_CONST R3, 23592960       ; 360 deg
        SUB        R1, R1, R3
        JMP        w2
w1:     SUB        R5, R0, R3
        CMP        R4, R1, R5, LT
        JZ         w2
        LOAD_CONST R3, 23592960
        ADD        R1, R1, R3
w2:     LOAD_REG   R6, R0, integ      ; R1 = err
        LOAD_CONST R3, 52429          ; kp 0.8
        MUL        R7, R3, R1, 16
        LOAD_CONST R3, 3277           ; ki 0.05 1/s
        MUL        R8, R3, R6, 16
        ADD        R7, R7, R8
        READ_IO    R2, R17            ; yaw_rate
        LOAD_CONST R3, 26214          ; kd 0.4 s
        MUL        R8, R3, R2, 16
        SUB        R7, R7, R8         ; unclamped
        ADD        R9, R7, R0
        LOAD_CONST R3, 2293760        ; rudder_max 35 deg
        CMP        R4, R9, R3, GT
        JZ         k1
        ADD        R9, R3, R0
k1:     SUB        R3, R0, R3
        CMP        R4, R9, R3, LT
        JZ         k2
        ADD        R9, R3, R0
k2:     CMP        R4, R9, R7, EQ
        JNZ        integrate
        CMP        R4, R1, R0, GT
        CMP        R5, R6, R0, GT
        CMP        R4, R4, R5, NE
        JZ         skipint
integrate:
        LOAD_CONST R3, 1311           ; dt 0.02 s
        MUL        R8, R1, R3, 16
        ADD        R6, R6, R8
        LOAD_CONST R3, 13107200       ; integ_max 200 deg*s
        CMP        R4, R6, R3, GT
        JZ         i1
        ADD        R6, R3, R0
i1:     SUB        R3, R0, R3
        CMP        R4, R6, R3, LT
        JZ         i2
        ADD        R6, R3, R0
i2:     STORE_REG  R6, R0, integ
skipint:
        LOAD_REG   R2, R0, evcnt
        LOAD_CONST R3, 1
        SUB        R2, R2, R3
        CMP        R4, R2, R0, LE
        JZ         evstore
        LOAD_CONST R2, 50
        REPORT_STATUS R1, R0, 3
evstore:
        STORE_REG  R2, R0, evcnt
        LOAD_REG   R2, R0, prev       ; rudder: rate 1.5 deg, range -35 .. 35 deg
        LOAD_CONST R3, 98304
        ADD        R5, R2, R3
        CMP        R4, R9, R5, GT
        JZ         f1
        ADD        R9, R5, R0
f1:     SUB        R5, R2, R3
        CMP        R4, R9, R5, LT
        JZ         f2
        ADD        R9, R5, R0
f2:     LOAD_CONST R3, 2293760
        CMP        R4, R9, R3, GT
        JZ         f3
        ADD        R9, R3, R0
f3:     SUB        R3, R0, R3
        CMP        R4, R9, R3, LT
        JZ         f4
        ADD        R9, R3, R0
f4:     WRITE_IO   R20, R9
        STORE_REG  R9, R0, prev
        HALT

init:   STORE_REG  R0, R0, integ
        HALT

failsafe:
        STORE_REG  R0, R0, integ
        WRITE_IO   R20, R0
        STORE_REG  R0, R0, prev
        HALT
