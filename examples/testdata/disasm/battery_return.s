; NEXUS program: 166 instructions, 1 data segments, 24 metadata records
; sha256 fa2251ee5615284292923a9c8e3cd71c7be191e6015bff581d0a8cb6fa59558f

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
        JNZ          L_0230
        STORE_REG    R0, R0, 36
        LOAD_REG     R3, R0, 16
        LOAD_CONST   R9, 1
        XOR          R10, R3, R9
        CMP          R8, R2, R8, LE
        AND          R10, R10, R8
        JZ           L_00F8
        STORE_REG    R9, R0, 16
        LOAD_CONST   R8, 2
        SEND         30, R8
        REQUEST_OVERRIDE R2, R0, 2
        JMP          L_0100
L_00F8:
        ADD          R9, R3, R0
L_0100:
        CMP          R9, R0
        JNZ          L_0130
        STORE_REG    R6, R0, 20
        STORE_REG    R0, R0, 28
        ADD          R2, R0, R0
        JMP          L_0220
L_0130:
        LOAD_CONST   R3, 3932160
        STORE_REG    R3, R0, 20
        LOAD_CONST   R8, 39322
        SUB          R4, R4, R5
        LOAD_CONST   R5, 11796480
        CMP          R13, R4, R5, GT
        JNZ          L_0198
        LOAD_CONST   R5, -11796480
        CMP          R13, R4, R5, LT
        JZ           L_01B8
        LOAD_CONST   R5, 23592960
        ADD          R5, R4, R5
        JMP          L_01C0
L_0198:
        LOAD_CONST   R9, 23592960
        SUB          R9, R4, R9
        ADD          R5, R9, R0
        JMP          L_01C0
L_01B8:
        ADD          R5, R4, R0
L_01C0:
        MUL          R5, R5, R8, 16
        LOAD_CONST   R4, -1966080
        LOAD_CONST   R8, 1966080
        CMP          R13, R5, R8, GT
        JZ           L_01F0
        ADD          R5, R8, R0
L_01F0:
        CMP          R13, R5, R4, LT
        JZ           L_0208
        ADD          R5, R4, R0
L_0208:
        STORE_REG    R5, R0, 28
        ADD          R6, R3, R0
        ADD          R2, R5, R0
L_0220:
        ADD          R3, R0, R0
        JMP          L_0268
L_0230:
        STORE_REG    R0, R0, 20
        STORE_REG    R0, R0, 28
        LOAD_CONST   R4, 1
        STORE_REG    R4, R0, 36
        ADD          R6, R0, R0
        ADD          R2, R0, R0
        ADD          R3, R4, R0
L_0268:
        LOAD_REG     R4, R0, 40
        LOAD_CONST   R5, 1
        SUB          R4, R4, R5
        CMP          R13, R4, R0, LE
        JNZ          L_02A0
        STORE_REG    R4, R0, 40
        JMP          L_0310
L_02A0:
        LOAD_CONST   R4, 50
        STORE_REG    R4, R0, 40
        LOAD_CONST   R4, 32768
        CMP          R13, R7, R4, LT
        JZ           L_02D0
        ADD          R7, R4, R0
L_02D0:
        CMP          R7, R0
        JZ           L_02F0
        DIV          R1, R1, R7, 16
        JMP          L_02F8
L_02F0:
        ADD          R1, R0, R0
L_02F8:
        LOAD_CONST   R4, 1087076631
        MUL          R1, R1, R4, 25
        SEND         31, R1
L_0310:
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R4, 131072
        ADD          R5, R1, R4
        CMP          R13, R6, R5, GT
        JZ           L_0340
        ADD          R6, R5, R0
L_0340:
        SUB          R1, R1, R4
        CMP          R13, R6, R1, LT
        JZ           L_0360
        ADD          R6, R1, R0
L_0360:
        LOAD_CONST   R1, 6553600
        CMP          R13, R6, R1, GT
        JZ           L_0380
        ADD          R6, R1, R0
L_0380:
        CMP          R13, R6, R0, LT
        JZ           L_0398
        ADD          R6, R0, R0
L_0398:
        WRITE_IO     R24, R6
        STORE_REG    R6, R0, 24
        LOAD_REG     R1, R0, 32
        ADD          R5, R1, R4
        CMP          R13, R2, R5, GT
        JZ           L_03D0
        ADD          R2, R5, R0
L_03D0:
        SUB          R1, R1, R4
        CMP          R13, R2, R1, LT
        JZ           L_03F0
        ADD          R2, R1, R0
L_03F0:
        LOAD_CONST   R1, 1966080
        CMP          R13, R2, R1, GT
        JZ           L_0410
        ADD          R2, R1, R0
L_0410:
        LOAD_CONST   R1, -1966080
        CMP          R13, R2, R1, LT
        JZ           L_0430
        ADD          R2, R1, R0
L_0430:
        WRITE_IO     R25, R2
        STORE_REG    R2, R0, 32
        WRITE_IO     R26, R3
        HALT
init:
        READ_IO      R1, R16
        STORE_REG    R0, R0, 16
        DECLARE_SENSOR_NEED R1, R0, 16
        HALT
failsafe:
        LOAD_CONST   R1, 1
        STORE_REG    R0, R0, 20
        STORE_REG    R0, R0, 28
        STORE_REG    R1, R0, 36
        WRITE_IO     R24, R0
        STORE_REG    R0, R0, 24
        WRITE_IO     R25, R0
        STORE_REG    R0, R0, 32
        WRITE_IO     R26, R1
        HALT
        LOAD_CONST   R2, 11796480
        CMP          R13, R1, R2, GT
        JNZ          L_0518
        LOAD_CONST   R2, -11796480
        CMP          R13, R1, R2, LT
        JNZ          L_04F8
        RET
L_04F8:
        LOAD_CONST   R2, 23592960
        ADD          R2, R1, R2
        ADD          R1, R2, R0
        RET
L_0518:
        LOAD_CONST   R2, 23592960
        SUB          R1, R1, R2
        RET

.data
.org 0x0000
        .word        0x0001CCCD, 0x000A0000, 0x00050000, 0x002A0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000001, 0x00000001
