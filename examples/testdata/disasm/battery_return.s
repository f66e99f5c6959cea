; NEXUS program: 139 instructions, 1 data segments, 24 metadata records
; sha256 cb3b6e990b14317f400bf438595254c2ae6057bf2297599f7acc850ed552056b

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
        LOAD_REG     R3, R0
        LOAD_CONST   R4, 1000
        DIV          R1, R1, R4
        LOAD_REG     R4, R0, 4
        LOAD_REG     R5, R0, 8
        CMP          R13, R2, R5, LT
        JNZ          L_01C8
        READ_IO      R5, R17
        LOAD_REG     R6, R0, 12
        CMP          R13, R5, R6, LT
        JNZ          L_01C8
        LOAD_REG     R5, R0, 16
        LOAD_CONST   R6, 1
        XOR          R7, R5, R6
        JZ           L_00D0
        MUL          R3, R3, R1, 16
        ADD          R3, R3, R4
        CMP          R13, R2, R3, LE
        JZ           L_00D0
        STORE_REG    R6, R0, 16
        LOAD_CONST   R3, 2
        SEND         30, R3
        REQUEST_OVERRIDE R2, R0, 2
        ADD          R5, R6, R0
L_00D0:
        READ_IO      R2, R22
        CMP          R5, R0
        JZ           L_01E8
        READ_IO      R2, R19
        READ_IO      R3, R20
        SUB          R2, R2, R3
        LOAD_CONST   R3, 11796480
        CMP          R13, R2, R3, GT
        JNZ          L_0148
        LOAD_CONST   R3, -11796480
        CMP          R13, R2, R3, LT
        JZ           L_0158
        LOAD_CONST   R3, 23592960
        ADD          R2, R2, R3
        JMP          L_0158
L_0148:
        LOAD_CONST   R3, 23592960
        SUB          R2, R2, R3
L_0158:
        LOAD_CONST   R3, 39322
        MUL          R2, R2, R3, 16
        LOAD_CONST   R3, -1966080
        LOAD_CONST   R4, 1966080
        CMP          R13, R2, R4, GT
        JZ           L_0190
        ADD          R2, R4, R0
L_0190:
        ADD          R4, R2, R0
        CMP          R13, R4, R3, LT
        JZ           L_01B0
        ADD          R4, R3, R0
L_01B0:
        LOAD_CONST   R2, 3932160
        ADD          R3, R0, R0
        JMP          L_01F8
L_01C8:
        ADD          R2, R0, R0
        ADD          R4, R0, R0
        LOAD_CONST   R3, 1
        JMP          L_01F8
L_01E8:
        ADD          R4, R0, R0
        ADD          R3, R0, R0
L_01F8:
        LOAD_REG     R5, R0, 40
        LOAD_CONST   R6, 1
        SUB          R5, R5, R6
        CMP          R13, R5, R0, LE
        JZ           L_02B0
        READ_IO      R5, R21
        LOAD_CONST   R6, 32768
        CMP          R13, R5, R6, LT
        JZ           L_0248
        ADD          R5, R6, R0
L_0248:
        CMP          R13, R5, R0, GT
        JZ           L_0268
        DIV          R1, R1, R5, 16
        JMP          L_0290
L_0268:
        CMP          R13, R5, R0, LT
        JZ           L_0288
        DIV          R1, R1, R5, 16
        JMP          L_0290
L_0288:
        ADD          R1, R0, R0
L_0290:
        LOAD_CONST   R5, 1087076631
        MUL          R1, R1, R5, 25
        SEND         31, R1
        LOAD_CONST   R5, 50
L_02B0:
        STORE_REG    R5, R0, 40
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R5, 131072
        ADD          R6, R1, R5
        CMP          R13, R2, R6, GT
        JZ           L_02E8
        ADD          R2, R6, R0
L_02E8:
        SUB          R1, R1, R5
        CMP          R13, R2, R1, LT
        JZ           L_0308
        ADD          R2, R1, R0
L_0308:
        LOAD_CONST   R1, 6553600
        CMP          R13, R2, R1, GT
        JZ           L_0328
        ADD          R2, R1, R0
L_0328:
        CMP          R13, R2, R0, LT
        JZ           L_0340
        ADD          R2, R0, R0
L_0340:
        WRITE_IO     R24, R2
        STORE_REG    R2, R0, 24
        LOAD_REG     R1, R0, 32
        ADD          R2, R1, R5
        SUB          R1, R1, R5
        CMP          R13, R4, R2, GT
        JZ           L_03A8
        ADD          R4, R2, R0
        LOAD_CONST   R15, -1966080
        CMP          R13, R4, R15, LT
        JZ           L_03E0
        ADD          R4, R15, R0
        JMP          L_03E0
L_03A8:
        CMP          R13, R4, R1, LT
        JZ           L_03E0
        ADD          R4, R1, R0
        LOAD_CONST   R15, 1966080
        CMP          R13, R4, R15, GT
        JZ           L_03E0
        ADD          R4, R15, R0
L_03E0:
        WRITE_IO     R25, R4
        STORE_REG    R4, R0, 32
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

.data
.org 0x0000
        .word        0x0001CCCD, 0x000A0000, 0x00050000, 0x002A0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000001, 0x00000001
