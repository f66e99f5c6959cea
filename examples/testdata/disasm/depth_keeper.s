; NEXUS program: 132 instructions, 1 data segments, 18 metadata records
; sha256 51782f260ef7cff93e23f25d6988293a9863ed49a65399a597916df63eafcb84

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "maintain 2 m depth, avoid obstacles, surface if battery < 15%"
.meta narrative        "Depth keeper for a small survey AUV.\n\nHolds the vehicle at a commanded depth (2 m by default) with a PI loop on\nthe vertical thruster, steers away from obstacles reported by the forward\nsonar, and surfaces when the battery falls below 15 %. A surface buoy may\nsend a new target depth; the reflex reports its depth every second and\ntells the fleet when it aborts the dive."
.meta trust            1058642330               ; float32 0.6
.meta precondition     "autonomy L3"
.meta capability       "read 16 17 18"
.meta capability       "write 20 21"
.meta capability       "send 7 8"
.meta capability       "a2a DECLARE_INTENT EXPLAIN_FAILURE REPORT_STATUS"
.meta safety           "range 20 -6553600 6553600"
.meta safety           "range 21 -1966080 1966080"
.meta type             "sensor depth 16 num m range 0 6553600"
.meta type             "sensor battery 17 num % range 0 6553600"
.meta type             "sensor obstacle 18 num m range 0 3276800"
.meta type             "actuator thrust 20 num % range -6553600 6553600 safe 0 rate 327680"
.meta type             "actuator rudder 21 num deg range -1966080 1966080 safe 0 rate 131072"
.meta type             "param target_default @0 default 131072"
.meta type             "param low_battery @4 default 983040"
.meta type             "param clearance @8 default 327680"

tick:
        RECV         R1
        LOAD_CONST   R2, -1
        CMP          R13, R1, R2, NE
        JZ           L_0068
        LOAD_CONST   R2, 32768
        LOAD_CONST   R3, 1966080
        CMP          R13, R1, R3, GT
        JZ           L_0048
        ADD          R1, R3, R0
L_0048:
        CMP          R13, R1, R2, LT
        JZ           L_0060
        ADD          R1, R2, R0
L_0060:
        STORE_REG    R1, R0, 12
L_0068:
        READ_IO      R1, R17
        READ_IO      R2, R16
        LOAD_REG     R3, R0, 4
        CMP          R3, R1, R3, LT
        LOAD_REG     R4, R0, 20
        OR           R3, R3, R4
        JNZ          L_01E8
        READ_IO      R3, R18
        LOAD_REG     R4, R0, 12
        SUB          R4, R4, R2
        LOAD_REG     R5, R0, 16
        LOAD_CONST   R6, 655
        MUL          R6, R4, R6, 16
        ADD          R5, R5, R6
        LOAD_CONST   R6, -327680
        LOAD_CONST   R7, 327680
        CMP          R13, R5, R7, GT
        JZ           L_0100
        ADD          R5, R7, R0
L_0100:
        CMP          R13, R5, R6, LT
        JZ           L_0118
        ADD          R5, R6, R0
L_0118:
        STORE_REG    R5, R0, 16
        LOAD_CONST   R6, 40
        MUL          R4, R4, R6
        LOAD_CONST   R6, 2
        SHL          R5, R5, R6
        ADD          R4, R4, R5
        LOAD_CONST   R5, -6553600
        LOAD_CONST   R6, 6553600
        CMP          R13, R4, R6, GT
        JZ           L_0170
        ADD          R4, R6, R0
L_0170:
        CMP          R13, R4, R5, LT
        JZ           L_0188
        ADD          R4, R5, R0
L_0188:
        LOAD_REG     R5, R0, 8
        CMP          R13, R3, R5, LT
        JNZ          L_01B0
        ADD          R3, R0, R0
        JMP          L_0228
L_01B0:
        LOAD_CONST   R5, 131072
        CMP          R13, R3, R5, LT
        JNZ          L_01D8
        LOAD_CONST   R3, 983040
        JMP          L_0228
L_01D8:
        LOAD_CONST   R3, 1966080
        JMP          L_0228
L_01E8:
        LOAD_CONST   R3, 1
        XOR          R4, R4, R3
        JZ           L_0210
        SEND         7, R3
        EXPLAIN_FAILURE R1, R0, 2
L_0210:
        STORE_REG    R3, R0, 20
        LOAD_CONST   R4, -6553600
        ADD          R3, R0, R0
L_0228:
        LOAD_REG     R5, R0, 40
        LOAD_CONST   R6, 1
        SUB          R5, R5, R6
        CMP          R13, R5, R0, LE
        JZ           L_0268
        SEND         8, R2
        REPORT_STATUS R1, R0, 2
        LOAD_CONST   R5, 100
L_0268:
        STORE_REG    R5, R0, 40
        LOAD_REG     R1, R0, 28
        LOAD_CONST   R2, 327680
        ADD          R5, R1, R2
        SUB          R1, R1, R2
        CMP          R13, R4, R5, GT
        JZ           L_02D0
        ADD          R4, R5, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R4, R15, LT
        JZ           L_0308
        ADD          R4, R15, R0
        JMP          L_0308
L_02D0:
        CMP          R13, R4, R1, LT
        JZ           L_0308
        ADD          R4, R1, R0
        LOAD_CONST   R15, 6553600
        CMP          R13, R4, R15, GT
        JZ           L_0308
        ADD          R4, R15, R0
L_0308:
        WRITE_IO     R20, R4
        STORE_REG    R4, R0, 28
        LOAD_REG     R1, R0, 36
        LOAD_CONST   R2, 131072
        ADD          R4, R1, R2
        SUB          R1, R1, R2
        CMP          R13, R3, R4, GT
        JZ           L_0378
        ADD          R3, R4, R0
        LOAD_CONST   R15, -1966080
        CMP          R13, R3, R15, LT
        JZ           L_03B0
        ADD          R3, R15, R0
        JMP          L_03B0
L_0378:
        CMP          R13, R3, R1, LT
        JZ           L_03B0
        ADD          R3, R1, R0
        LOAD_CONST   R15, 1966080
        CMP          R13, R3, R15, GT
        JZ           L_03B0
        ADD          R3, R15, R0
L_03B0:
        WRITE_IO     R21, R3
        STORE_REG    R3, R0, 36
        HALT
init:
        LOAD_REG     R1, R0
        STORE_REG    R1, R0, 12
        STORE_REG    R0, R0, 16
        STORE_REG    R0, R0, 20
        DECLARE_INTENT R1, R0, 1
        HALT
failsafe:
        WRITE_IO     R20, R0
        STORE_REG    R0, R0, 28
        WRITE_IO     R21, R0
        STORE_REG    R0, R0, 36
        HALT

.data
.org 0x0000
        .word        0x00020000, 0x000F0000, 0x00050000, 0x00020000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000001
