; NEXUS program: 158 instructions, 1 data segments, 24 metadata records
; sha256 fa91161fbde2891c9ca58ee8083446575a374bf36b48f67293d2c6456ff5cebd

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "return home while the battery still covers the distance plus a 10% reserve"
.meta narrative        "Battery-aware return home for a long-range AUV.\n\nEvery tick the reflex estimates the charge needed to get home: the\ndistance to the recovery point times the measured consumption per metre,\nplus a fixed reserve. When the battery falls to that level it takes over\nthe mission: it turns toward home at cruise speed and asks the fleet for\na recovery. Below a hard floor, or when the pack voltage sags, it stops\ndriving and surfaces on positive buoyancy alone."
.meta trust            1060320051               ; float32 0.7
.meta precondition     "autonomy L3"
.meta capability       "read 16 17 18 19 20 21 22"
.meta capability       "write 24 25 26"
.meta capability       "send 30 31"
.meta capability       "a2a REQUEST_OVERRIDE DECLARE_SENSOR_NEED"
.meta safety           "range 24 0 6553600"
.meta safety           "range 25 -1966080 1966080"
.meta type             "sensor battery 16 num % range 0 6553600"
.meta type             "sensor pack_voltage 17 num V range 0 3932160"
.meta type             "sensor dist_home 18 num m range 0 1310720000"
.meta type             "sensor bearing_home 19 num deg range 0 23592960"
.meta type             "sensor heading 20 num deg range 0 23592960"
.meta type             "sensor speed 21 num kn range 0 524288"
.meta type             "sensor mission_thrust 22 num % range 0 6553600"
.meta type             "actuator thrust 24 num % range 0 6553600 safe 0 rate 131072"
.meta type             "actuator rudder 25 num deg range -1966080 1966080 safe 0 rate 131072"
.meta type             "actuator ballast_blow 26 bool safe 1"
.meta type             "param use_per_km @0 default 117965"
.meta type             "param reserve @4 default 655360"
.meta type             "param floor @8 default 327680"
.meta type             "param min_voltage @12 default 2752512"

tick:
        READ_IO      R1, R18
        READ_IO      R2, R16
        READ_IO      R3, R17
        READ_IO      R4, R19
        READ_IO      R5, R20
        READ_IO      R6, R22
        READ_IO      R7, R21
        LOAD_REG     R8, R0
        LOAD_CONST   R9, 1000
        DIV          R1, R1, R9
        MUL          R8, R8, R1, 16
        LOAD_REG     R9, R0, 4
        ADD          R8, R8, R9
        LOAD_REG     R9, R0, 8
        CMP          R9, R2, R9, LT
        LOAD_REG     R10, R0, 12
        CMP          R3, R3, R10, LT
        OR           R9, R9, R3
        JNZ          L_0200
        LOAD_REG     R3, R0, 16
        LOAD_CONST   R9, 1
        XOR          R10, R3, R9
        CMP          R8, R2, R8, LE
        AND          R10, R10, R8
        JZ           L_00F0
        STORE_REG    R9, R0, 16
        LOAD_CONST   R8, 2
        SEND         30, R8
        REQUEST_OVERRIDE R2, R0, 2
        JMP          L_00F8
L_00F0:
        ADD          R9, R3, R0
L_00F8:
        CMP          R9, R0
        JZ           L_01E0
        LOAD_CONST   R2, 3932160
        LOAD_CONST   R3, 39322
        SUB          R4, R4, R5
        LOAD_CONST   R5, 11796480
        CMP          R13, R4, R5, GT
        JNZ          L_0168
        LOAD_CONST   R5, -11796480
        CMP          R13, R4, R5, LT
        JZ           L_0188
        LOAD_CONST   R5, 23592960
        ADD          R5, R4, R5
        JMP          L_0190
L_0168:
        LOAD_CONST   R8, 23592960
        SUB          R8, R4, R8
        ADD          R5, R8, R0
        JMP          L_0190
L_0188:
        ADD          R5, R4, R0
L_0190:
        MUL          R5, R5, R3, 16
        LOAD_CONST   R3, -1966080
        LOAD_CONST   R4, 1966080
        CMP          R13, R5, R4, GT
        JZ           L_01C0
        ADD          R5, R4, R0
L_01C0:
        CMP          R13, R5, R3, LT
        JZ           L_01F0
        ADD          R5, R3, R0
        JMP          L_01F0
L_01E0:
        ADD          R2, R6, R0
        ADD          R5, R0, R0
L_01F0:
        ADD          R3, R0, R0
        JMP          L_0220
L_0200:
        LOAD_CONST   R4, 1
        ADD          R2, R0, R0
        ADD          R5, R0, R0
        ADD          R3, R4, R0
L_0220:
        LOAD_REG     R4, R0, 40
        LOAD_CONST   R6, 1
        SUB          R4, R4, R6
        CMP          R13, R4, R0, LE
        JNZ          L_0258
        STORE_REG    R4, R0, 40
        JMP          L_02E8
L_0258:
        LOAD_CONST   R4, 50
        STORE_REG    R4, R0, 40
        LOAD_CONST   R4, 32768
        CMP          R13, R7, R4, LT
        JZ           L_0288
        ADD          R7, R4, R0
L_0288:
        CMP          R13, R7, R0, GT
        JZ           L_02A8
        DIV          R1, R1, R7, 16
        JMP          L_02D0
L_02A8:
        CMP          R13, R7, R0, LT
        JZ           L_02C8
        DIV          R1, R1, R7, 16
        JMP          L_02D0
L_02C8:
        ADD          R1, R0, R0
L_02D0:
        LOAD_CONST   R4, 1087076631
        MUL          R1, R1, R4, 25
        SEND         31, R1
L_02E8:
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R4, 131072
        ADD          R6, R1, R4
        CMP          R13, R2, R6, GT
        JZ           L_0318
        ADD          R2, R6, R0
L_0318:
        SUB          R1, R1, R4
        CMP          R13, R2, R1, LT
        JZ           L_0338
        ADD          R2, R1, R0
L_0338:
        LOAD_CONST   R1, 6553600
        CMP          R13, R2, R1, GT
        JZ           L_0358
        ADD          R2, R1, R0
L_0358:
        CMP          R13, R2, R0, LT
        JZ           L_0370
        ADD          R2, R0, R0
L_0370:
        WRITE_IO     R24, R2
        STORE_REG    R2, R0, 24
        LOAD_REG     R1, R0, 32
        ADD          R2, R1, R4
        CMP          R13, R5, R2, GT
        JZ           L_03A8
        ADD          R5, R2, R0
L_03A8:
        SUB          R1, R1, R4
        CMP          R13, R5, R1, LT
        JZ           L_03C8
        ADD          R5, R1, R0
L_03C8:
        LOAD_CONST   R1, 1966080
        CMP          R13, R5, R1, GT
        JZ           L_03E8
        ADD          R5, R1, R0
L_03E8:
        LOAD_CONST   R1, -1966080
        CMP          R13, R5, R1, LT
        JZ           L_0408
        ADD          R5, R1, R0
L_0408:
        WRITE_IO     R25, R5
        STORE_REG    R5, R0, 32
        WRITE_IO     R26, R3
        HALT
init:
        READ_IO      R1, R16
        STORE_REG    R0, R0, 16
        DECLARE_SENSOR_NEED R1, R0, 16
        HALT
failsafe:
        LOAD_CONST   R1, 1
        WRITE_IO     R24, R0
        STORE_REG    R0, R0, 24
        WRITE_IO     R25, R0
        STORE_REG    R0, R0, 32
        WRITE_IO     R26, R1
        HALT
        LOAD_CONST   R2, 11796480
        CMP          R13, R1, R2, GT
        JNZ          L_04D8
        LOAD_CONST   R2, -11796480
        CMP          R13, R1, R2, LT
        JNZ          L_04B8
        RET
L_04B8:
        LOAD_CONST   R2, 23592960
        ADD          R2, R1, R2
        ADD          R1, R2, R0
        RET
L_04D8:
        LOAD_CONST   R2, 23592960
        SUB          R1, R1, R2
        RET

.data
.org 0x0000
        .word        0x0001CCCD, 0x000A0000, 0x00050000, 0x002A0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000001, 0x00000001
