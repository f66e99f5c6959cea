; NEXUS program: 98 instructions, 1 data segments, 19 metadata records
; sha256 ca74d2f334a69bf6e8dca22f5044d204fabc7a64f6f2a6266fa761996a06f914

.entry tick     tick
.entry failsafe failsafe

.meta intent           "keep 3 m above the seabed, never below 1.5 m altitude or deeper than 150 m"
.meta narrative        "Altitude-over-seabed keeping for a benthic survey AUV.\n\nThe camera needs the vehicle 3 m above the seabed. The DVL altimeter\nreports altitude; depth comes from the pressure sensor (1 dbar is about\n1.02 m of sea water). The reflex commands the dive planes to hold\naltitude, never lets the vehicle below a minimum altitude or deeper than\nits rated depth, and falls back to holding the last good depth when the\naltimeter loses bottom lock."
.meta trust            1058642330               ; float32 0.6
.meta precondition     "autonomy L3"
.meta capability       "read 16 17 18 19"
.meta capability       "write 20 21"
.meta capability       "a2a REPORT_STATUS"
.meta safety           "range 20 -1638400 1638400"
.meta safety           "range 21 0 6553600"
.meta type             "sensor altitude 16 num m range 0 5242880"
.meta type             "sensor bottom_lock 17 bool"
.meta type             "sensor pressure 18 num dbar range 0 13107200"
.meta type             "sensor pitch 19 num deg range -5898240 5898240"
.meta type             "actuator planes 20 num deg range -1638400 1638400 safe -983040 rate 65536"
.meta type             "actuator thrust 21 num % range 0 6553600 safe 0 rate 196608"
.meta type             "param target_alt @0 default 196608"
.meta type             "param min_alt @4 default 98304"
.meta type             "param max_depth @8 default 9830400"
.meta type             "param survey_speed @12 default 2949120"

tick:
        READ_IO      R1, R18
        READ_IO      R2, R17
        LOAD_CONST   R3, 66827
        MUL          R1, R1, R3, 16
        CMP          R2, R2, R0, NE
        JNZ          L_0058
        LOAD_REG     R3, R0, 16
        SUB          R4, R3, R1
        LOAD_CONST   R5, 6
        MUL          R4, R4, R5
        JMP          L_00C0
L_0058:
        READ_IO      R3, R16
        STORE_REG    R1, R0, 16
        LOAD_REG     R4, R0
        SUB          R4, R3, R4
        LOAD_CONST   R5, 6
        MUL          R4, R4, R5
        LOAD_REG     R5, R0, 4
        CMP          R13, R3, R5, LT
        JZ           L_00B8
        ADD          R3, R1, R0
        LOAD_CONST   R4, -1638400
        JMP          L_00C0
L_00B8:
        ADD          R3, R1, R0
L_00C0:
        LOAD_REG     R5, R0, 8
        CMP          R13, R1, R5, GT
        JZ           L_00E0
        LOAD_CONST   R4, -1638400
L_00E0:
        LOAD_REG     R1, R0, 12
        LOAD_REG     R5, R0, 36
        LOAD_CONST   R6, 1
        SUB          R5, R5, R6
        CMP          R13, R5, R0, LE
        JZ           L_0140
        XOR          R2, R2, R6
        JZ           L_0138
        REPORT_STATUS R3, R0, 4
        LOAD_CONST   R5, 25
        JMP          L_0140
L_0138:
        LOAD_CONST   R5, 25
L_0140:
        READ_IO      R2, R19
        LOAD_CONST   R3, 19661
        MUL          R2, R2, R3, 16
        SUB          R4, R4, R2
        LOAD_CONST   R2, -1638400
        LOAD_CONST   R3, 1638400
        CMP          R13, R4, R3, GT
        JZ           L_0188
        ADD          R4, R3, R0
L_0188:
        CMP          R13, R4, R2, LT
        JZ           L_01A0
        ADD          R4, R2, R0
L_01A0:
        STORE_REG    R5, R0, 36
        LOAD_REG     R5, R0, 24
        LOAD_CONST   R6, 65536
        ADD          R7, R5, R6
        SUB          R5, R5, R6
        CMP          R13, R4, R7, GT
        JZ           L_0200
        ADD          R4, R7, R0
        CMP          R13, R4, R2, LT
        JZ           L_0230
        ADD          R4, R2, R0
        JMP          L_0230
L_0200:
        CMP          R13, R4, R5, LT
        JZ           L_0230
        ADD          R4, R5, R0
        CMP          R13, R4, R3, GT
        JZ           L_0230
        ADD          R4, R3, R0
L_0230:
        WRITE_IO     R20, R4
        STORE_REG    R4, R0, 24
        LOAD_REG     R2, R0, 32
        LOAD_CONST   R3, 196608
        ADD          R4, R2, R3
        CMP          R13, R1, R4, GT
        JZ           L_0270
        ADD          R1, R4, R0
L_0270:
        SUB          R2, R2, R3
        CMP          R13, R1, R2, LT
        JZ           L_0290
        ADD          R1, R2, R0
L_0290:
        LOAD_CONST   R2, 6553600
        CMP          R13, R1, R2, GT
        JZ           L_02B0
        ADD          R1, R2, R0
L_02B0:
        CMP          R13, R1, R0, LT
        JZ           L_02C8
        ADD          R1, R0, R0
L_02C8:
        WRITE_IO     R21, R1
        STORE_REG    R1, R0, 32
        HALT
failsafe:
        LOAD_CONST   R1, -983040
        WRITE_IO     R20, R1
        STORE_REG    R1, R0, 24
        WRITE_IO     R21, R0
        STORE_REG    R0, R0, 32
        HALT

.data
.org 0x0000
        .word        0x00030000, 0x00018000, 0x00960000, 0x002D0000
        .word        0x00000000, 0xFFF10000, 0xFFF10000, 0x00000000
        .word        0x00000000, 0x00000001
