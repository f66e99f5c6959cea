; NEXUS program: 106 instructions, 1 data segments, 19 metadata records
; sha256 0b8a5592fcb6fdfbd676a48ea7e4e7cb875f5d35945a9d3141d18c31a4c01e2b

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
        LOAD_REG     R1, R0, 8
        CMP          R13, R1, R0, GT
        JNZ          L_01B0
        READ_IO      R2, R16
        READ_IO      R3, R17
        READ_IO      R4, R18
        ADD          R5, R2, R0
        CMP          R13, R5, R3, GT
        JZ           L_0050
        ADD          R5, R3, R0
L_0050:
        CMP          R13, R5, R4, GT
        JZ           L_0068
        ADD          R5, R4, R0
L_0068:
        LOAD_REG     R6, R0
        CMP          R13, R5, R6, LT
        JNZ          L_0170
        READ_IO      R7, R19
        LOAD_REG     R8, R0, 4
        CMP          R13, R5, R8, LT
        JZ           L_0128
        LOAD_CONST   R8, 1966080
        LOAD_CONST   R9, 1
        SHL          R3, R3, R9
        SUB          R3, R8, R3
        LOAD_CONST   R9, 655360
        CMP          R13, R3, R8, GT
        JZ           L_00E0
        ADD          R3, R8, R0
L_00E0:
        CMP          R13, R3, R9, LT
        JZ           L_00F8
        ADD          R3, R9, R0
L_00F8:
        CMP          R13, R2, R4, GT
        JZ           L_0118
        SUB          R2, R0, R3
        JMP          L_0130
L_0118:
        ADD          R2, R3, R0
        JMP          L_0130
L_0128:
        ADD          R2, R7, R0
L_0130:
        READ_IO      R3, R21
        LOAD_CONST   R4, 436907
        SUB          R6, R5, R6
        MUL          R6, R6, R4, 16
        CMP          R13, R3, R6, GT
        JZ           L_01E0
        ADD          R3, R6, R0
        JMP          L_01E0
L_0170:
        LOAD_CONST   R4, 10
        STORE_REG    R4, R0, 8
        SEND         40, R5
        EMERGENCY_CLAIM R5, R0, 3
        LOAD_CONST   R4, -1966080
        ADD          R3, R4, R0
        ADD          R2, R0, R0
        JMP          L_01E0
L_01B0:
        LOAD_CONST   R4, 1
        SUB          R1, R1, R4
        STORE_REG    R1, R0, 8
        LOAD_CONST   R1, -1966080
        ADD          R3, R1, R0
        ADD          R2, R0, R0
L_01E0:
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R4, 327680
        ADD          R5, R1, R4
        CMP          R13, R3, R5, GT
        JZ           L_0210
        ADD          R3, R5, R0
L_0210:
        SUB          R1, R1, R4
        CMP          R13, R3, R1, LT
        JZ           L_0230
        ADD          R3, R1, R0
L_0230:
        LOAD_CONST   R1, 6553600
        CMP          R13, R3, R1, GT
        JZ           L_0250
        ADD          R3, R1, R0
L_0250:
        LOAD_CONST   R1, -3276800
        CMP          R13, R3, R1, LT
        JZ           L_0270
        ADD          R3, R1, R0
L_0270:
        WRITE_IO     R22, R3
        STORE_REG    R3, R0, 16
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R3, 196608
        ADD          R4, R1, R3
        CMP          R13, R2, R4, GT
        JZ           L_02B0
        ADD          R2, R4, R0
L_02B0:
        SUB          R1, R1, R3
        CMP          R13, R2, R1, LT
        JZ           L_02D0
        ADD          R2, R1, R0
L_02D0:
        LOAD_CONST   R1, 1966080
        CMP          R13, R2, R1, GT
        JZ           L_02F0
        ADD          R2, R1, R0
L_02F0:
        LOAD_CONST   R1, -1966080
        CMP          R13, R2, R1, LT
        JZ           L_0310
        ADD          R2, R1, R0
L_0310:
        WRITE_IO     R23, R2
        STORE_REG    R2, R0, 24
        HALT
failsafe:
        WRITE_IO     R22, R0
        STORE_REG    R0, R0, 16
        WRITE_IO     R23, R0
        STORE_REG    R0, R0, 24
        HALT

.data
.org 0x0000
        .word        0x00030000, 0x000F0000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000
