; NEXUS program: 97 instructions, 1 data segments, 12 metadata records
; sha256 03d82d7b8e66cce4c437c7ecd64fde4a996a846cf31fb9fc5cbc64cf5cc00604

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "hold the commanded heading with a PID on the rudder, turning the short way"
.meta narrative        "Heading hold for a surface vessel or AUV.\n\nA PID loop on the rudder. The heading error is wrapped to -180..180 deg so\nthe vessel always turns the short way round (350 deg to 10 deg is +20 deg,\nnot -340 deg). The integral term is clamped (anti-windup) and frozen\nwhile the rudder is saturated, and the derivative uses the gyro's yaw\nrate rather than differentiating the compass."
.meta trust            1056964608               ; float32 0.5
.meta precondition     "autonomy L2"
.meta capability       "read 16 17 18"
.meta capability       "write 20"
.meta capability       "a2a REPORT_STATUS"
.meta safety           "range 20 -2293760 2293760"
.meta type             "sensor heading 16 num deg range 0 23592960"
.meta type             "sensor yaw_rate 17 num deg/s range -7864320 7864320"
.meta type             "sensor heading_cmd 18 num deg range 0 23592960"
.meta type             "actuator rudder 20 num deg range -2293760 2293760 safe 0 rate 98304"

tick:
        READ_IO      R1, R18
        READ_IO      R2, R16
        SUB          R1, R1, R2
        LOAD_CONST   R2, 11796480
        CMP          R2, R1, R2, GT
        JNZ          L_0060
        LOAD_CONST   R3, -11796480
        CMP          R13, R1, R3, LT
        JZ           L_0078
        LOAD_CONST   R3, 23592960
        ADD          R3, R1, R3
        JMP          L_0080
L_0060:
        LOAD_CONST   R3, 23592960
        SUB          R3, R1, R3
        JMP          L_0080
L_0078:
        ADD          R3, R1, R0
L_0080:
        READ_IO      R4, R17
        LOAD_CONST   R5, 52429
        MUL          R5, R3, R5, 16
        LOAD_CONST   R6, 3277
        LOAD_REG     R7, R0
        MUL          R6, R7, R6, 16
        ADD          R5, R5, R6
        LOAD_CONST   R6, 26214
        MUL          R4, R4, R6, 16
        SUB          R5, R5, R4
        LOAD_CONST   R4, -2293760
        LOAD_CONST   R6, 2293760
        ADD          R8, R5, R0
        CMP          R13, R8, R6, GT
        JZ           L_0100
        ADD          R8, R6, R0
L_0100:
        CMP          R13, R8, R4, LT
        JZ           L_0118
        ADD          R8, R4, R0
L_0118:
        CMP          R13, R8, R5, EQ
        JNZ          L_0148
        CMP          R5, R3, R0, GT
        CMP          R9, R7, R0, GT
        CMP          R13, R5, R9, NE
        JZ           L_01A8
L_0148:
        LOAD_CONST   R5, 1311
        MUL          R3, R3, R5, 16
        ADD          R7, R7, R3
        LOAD_CONST   R3, -13107200
        LOAD_CONST   R5, 13107200
        CMP          R13, R7, R5, GT
        JZ           L_0188
        ADD          R7, R5, R0
L_0188:
        CMP          R13, R7, R3, LT
        JZ           L_01A0
        ADD          R7, R3, R0
L_01A0:
        STORE_REG    R7, R0
L_01A8:
        LOAD_REG     R3, R0, 12
        LOAD_CONST   R5, 1
        SUB          R3, R3, R5
        CMP          R13, R3, R0, LE
        JZ           L_0230
        CMP          R2, R0
        JNZ          L_0210
        LOAD_CONST   R2, -11796480
        CMP          R13, R1, R2, LT
        JZ           L_0220
        LOAD_CONST   R2, 23592960
        ADD          R1, R1, R2
        JMP          L_0220
L_0210:
        LOAD_CONST   R2, 23592960
        SUB          R1, R1, R2
L_0220:
        REPORT_STATUS R1, R0, 3
        LOAD_CONST   R3, 50
L_0230:
        STORE_REG    R3, R0, 12
        LOAD_REG     R1, R0, 8
        LOAD_CONST   R2, 98304
        ADD          R3, R1, R2
        SUB          R1, R1, R2
        CMP          R13, R8, R3, GT
        JZ           L_0290
        ADD          R8, R3, R0
        CMP          R13, R8, R4, LT
        JZ           L_02C0
        ADD          R8, R4, R0
        JMP          L_02C0
L_0290:
        CMP          R13, R8, R1, LT
        JZ           L_02C0
        ADD          R8, R1, R0
        CMP          R13, R8, R6, GT
        JZ           L_02C0
        ADD          R8, R6, R0
L_02C0:
        WRITE_IO     R20, R8
        STORE_REG    R8, R0, 8
        HALT
init:
        STORE_REG    R0, R0
        HALT
failsafe:
        STORE_REG    R0, R0
        WRITE_IO     R20, R0
        STORE_REG    R0, R0, 8
        HALT

.data
.org 0x0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000001
