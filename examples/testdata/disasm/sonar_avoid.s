; NEXUS program: 138 instructions, 1 data segments, 19 metadata records
; sha256 6a04100bec4e0fca81a0be235c65eb35ab8d9c90363ebe03a5796e27feae367e

.entry tick     tick
.entry failsafe failsafe

.meta intent           "steer around obstacles seen by the forward sonar and stop short of anything within 3 m"
.meta narrative        "Obstacle avoidance from a three-beam forward sonar.\n\nThe port, centre and starboard beams each report the range to the\nnearest return. The reflex slows down in proportion to the closest\nreturn, turns toward the side with more room, and reverses briefly when\nsomething is inside the stop distance. Between obstacles it passes the\nplanner's rudder command through."
.meta trust            1058642330               ; float32 0.6
.meta precondition     "autonomy L3"
.meta capability       "read 16 17 18 19 21"
.meta capability       "write 22 23"
.meta capability       "send 40"
.meta capability       "a2a EMERGENCY_CLAIM"
.meta safety           "range 22 -3276800 6553600"
.meta safety           "range 23 -1966080 1966080"
.meta type             "sensor range_port 16 num m range 0 3932160"
.meta type             "sensor range_centre 17 num m range 0 3932160"
.meta type             "sensor range_stbd 18 num m range 0 3932160"
.meta type             "sensor rudder_cmd 19 num deg range -1966080 1966080"
.meta type             "sensor speed_cmd 21 num % range 0 6553600"
.meta type             "actuator thrust 22 num % range -3276800 6553600 safe 0 rate 327680"
.meta type             "actuator rudder 23 num deg range -1966080 1966080 safe 0 rate 196608"
.meta type             "param stop_dist @0 default 196608"
.meta type             "param avoid_dist @4 default 983040"

tick:
        READ_IO      R1, R16
        STORE_REG    R1, R0, 32
        READ_IO      R2, R17
        STORE_REG    R2, R0, 28
        READ_IO      R3, R18
        STORE_REG    R3, R0, 36
        READ_IO      R4, R21
        READ_IO      R5, R19
        ADD          R6, R1, R0
        CMP          R13, R6, R2, GT
        JZ           L_0060
        ADD          R6, R2, R0
L_0060:
        CMP          R13, R6, R3, GT
        JZ           L_0078
        ADD          R6, R3, R0
L_0078:
        LOAD_REG     R7, R0, 8
        CMP          R13, R7, R0, GT
        JNZ          L_01F0
        LOAD_REG     R8, R0
        CMP          R13, R6, R8, LT
        JNZ          L_01A0
        LOAD_CONST   R9, 436907
        SUB          R8, R6, R8
        MUL          R8, R8, R9, 16
        CMP          R13, R4, R8, GT
        JZ           L_00D8
        ADD          R4, R8, R0
L_00D8:
        STORE_REG    R4, R0, 12
        LOAD_REG     R8, R0, 4
        CMP          R13, R6, R8, LT
        JNZ          L_0108
        STORE_REG    R5, R0, 20
        JMP          L_0230
L_0108:
        LOAD_CONST   R8, 1966080
        LOAD_CONST   R9, 1
        SHL          R2, R2, R9
        SUB          R2, R8, R2
        LOAD_CONST   R9, 655360
        CMP          R13, R2, R8, GT
        JZ           L_0148
        ADD          R2, R8, R0
L_0148:
        CMP          R13, R2, R9, LT
        JZ           L_0160
        ADD          R2, R9, R0
L_0160:
        CMP          R13, R1, R3, GT
        JZ           L_0180
        SUB          R1, R0, R2
        JMP          L_0188
L_0180:
        ADD          R1, R2, R0
L_0188:
        STORE_REG    R1, R0, 20
        ADD          R5, R1, R0
        JMP          L_0230
L_01A0:
        LOAD_CONST   R1, 10
        STORE_REG    R1, R0, 8
        SEND         40, R6
        EMERGENCY_CLAIM R6, R0, 3
        LOAD_CONST   R1, -1966080
        STORE_REG    R1, R0, 12
        STORE_REG    R0, R0, 20
        ADD          R4, R1, R0
        ADD          R5, R0, R0
        JMP          L_0230
L_01F0:
        LOAD_CONST   R1, 1
        SUB          R7, R7, R1
        STORE_REG    R7, R0, 8
        LOAD_CONST   R1, -1966080
        STORE_REG    R1, R0, 12
        STORE_REG    R0, R0, 20
        ADD          R4, R1, R0
        ADD          R5, R0, R0
L_0230:
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R2, 327680
        ADD          R3, R1, R2
        CMP          R13, R4, R3, GT
        JZ           L_0260
        ADD          R4, R3, R0
L_0260:
        SUB          R1, R1, R2
        CMP          R13, R4, R1, LT
        JZ           L_0280
        ADD          R4, R1, R0
L_0280:
        LOAD_CONST   R1, 6553600
        CMP          R13, R4, R1, GT
        JZ           L_02A0
        ADD          R4, R1, R0
L_02A0:
        LOAD_CONST   R1, -3276800
        CMP          R13, R4, R1, LT
        JZ           L_02C0
        ADD          R4, R1, R0
L_02C0:
        WRITE_IO     R22, R4
        STORE_REG    R4, R0, 16
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R2, 196608
        ADD          R3, R1, R2
        CMP          R13, R5, R3, GT
        JZ           L_0300
        ADD          R5, R3, R0
L_0300:
        SUB          R1, R1, R2
        CMP          R13, R5, R1, LT
        JZ           L_0320
        ADD          R5, R1, R0
L_0320:
        LOAD_CONST   R1, 1966080
        CMP          R13, R5, R1, GT
        JZ           L_0340
        ADD          R5, R1, R0
L_0340:
        LOAD_CONST   R1, -1966080
        CMP          R13, R5, R1, LT
        JZ           L_0360
        ADD          R5, R1, R0
L_0360:
        WRITE_IO     R23, R5
        STORE_REG    R5, R0, 24
        HALT
failsafe:
        STORE_REG    R0, R0, 12
        STORE_REG    R0, R0, 20
        WRITE_IO     R22, R0
        STORE_REG    R0, R0, 16
        WRITE_IO     R23, R0
        STORE_REG    R0, R0, 24
        HALT
        LOAD_CONST   R1, 1966080
        LOAD_REG     R2, R0, 28
        LOAD_CONST   R3, 1
        SHL          R2, R2, R3
        SUB          R2, R1, R2
        LOAD_CONST   R3, 655360
        CMP          R13, R2, R1, GT
        JZ           L_03F8
        ADD          R2, R1, R0
L_03F8:
        ADD          R1, R2, R0
        CMP          R13, R1, R3, LT
        JZ           L_0418
        ADD          R1, R3, R0
L_0418:
        LOAD_REG     R2, R0, 32
        LOAD_REG     R3, R0, 36
        CMP          R13, R2, R3, GT
        JNZ          L_0440
        RET
L_0440:
        SUB          R1, R0, R1
        RET

.data
.org 0x0000
        .word        0x00030000, 0x000F0000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000
