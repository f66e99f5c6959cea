; NEXUS program: 101 instructions, 1 data segments, 19 metadata records
; sha256 f8ae7ba257cdb91003d80c352aeaa4cb0c5da520a53ff760d6452b05c699d695

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
        CMP          R2, R2, R0, NE
        READ_IO      R3, R16
        READ_IO      R4, R19
        LOAD_CONST   R5, 66827
        MUL          R1, R1, R5, 16
        CMP          R2, R0
        JNZ          L_0070
        LOAD_REG     R5, R0, 16
        SUB          R6, R5, R1
        LOAD_CONST   R7, 6
        MUL          R6, R6, R7
        JMP          L_00D8
L_0070:
        STORE_REG    R1, R0, 16
        LOAD_REG     R7, R0
        SUB          R7, R3, R7
        LOAD_CONST   R8, 6
        MUL          R7, R7, R8
        LOAD_REG     R8, R0, 4
        CMP          R13, R3, R8, LT
        JZ           L_00C0
        LOAD_CONST   R3, -1638400
        JMP          L_00C8
L_00C0:
        ADD          R3, R7, R0
L_00C8:
        ADD          R5, R1, R0
        ADD          R6, R3, R0
L_00D8:
        LOAD_REG     R3, R0, 8
        CMP          R13, R1, R3, GT
        JZ           L_0100
        LOAD_CONST   R1, -1638400
        JMP          L_0108
L_0100:
        ADD          R1, R6, R0
L_0108:
        LOAD_CONST   R3, 19661
        MUL          R4, R4, R3, 16
        SUB          R1, R1, R4
        LOAD_CONST   R3, -1638400
        LOAD_CONST   R4, 1638400
        CMP          R13, R1, R4, GT
        JZ           L_0148
        ADD          R1, R4, R0
L_0148:
        CMP          R13, R1, R3, LT
        JZ           L_0160
        ADD          R1, R3, R0
L_0160:
        LOAD_REG     R6, R0, 12
        LOAD_REG     R7, R0, 36
        LOAD_CONST   R8, 1
        SUB          R7, R7, R8
        CMP          R13, R7, R0, LE
        JNZ          L_01A0
        STORE_REG    R7, R0, 36
        JMP          L_01C8
L_01A0:
        LOAD_CONST   R7, 25
        STORE_REG    R7, R0, 36
        XOR          R2, R2, R8
        JZ           L_01C8
        REPORT_STATUS R5, R0, 4
L_01C8:
        LOAD_REG     R2, R0, 24
        LOAD_CONST   R5, 65536
        ADD          R7, R2, R5
        CMP          R13, R1, R7, GT
        JZ           L_01F8
        ADD          R1, R7, R0
L_01F8:
        SUB          R2, R2, R5
        CMP          R13, R1, R2, LT
        JZ           L_0218
        ADD          R1, R2, R0
L_0218:
        CMP          R13, R1, R4, GT
        JZ           L_0230
        ADD          R1, R4, R0
L_0230:
        CMP          R13, R1, R3, LT
        JZ           L_0248
        ADD          R1, R3, R0
L_0248:
        WRITE_IO     R20, R1
        STORE_REG    R1, R0, 24
        LOAD_REG     R1, R0, 32
        LOAD_CONST   R2, 196608
        ADD          R3, R1, R2
        CMP          R13, R6, R3, GT
        JZ           L_0288
        ADD          R6, R3, R0
L_0288:
        SUB          R1, R1, R2
        CMP          R13, R6, R1, LT
        JZ           L_02A8
        ADD          R6, R1, R0
L_02A8:
        LOAD_CONST   R1, 6553600
        CMP          R13, R6, R1, GT
        JZ           L_02C8
        ADD          R6, R1, R0
L_02C8:
        CMP          R13, R6, R0, LT
        JZ           L_02E0
        ADD          R6, R0, R0
L_02E0:
        WRITE_IO     R21, R6
        STORE_REG    R6, R0, 32
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
