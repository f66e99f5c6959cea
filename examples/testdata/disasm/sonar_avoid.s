; NEXUS program: 126 instructions, 1 data segments, 19 metadata records
; sha256 886127f7aa1cd739f9dd3ea24986a29bcb3bcd3e86f5413afc37caad711ab677

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
        READ_IO      R2, R17
        READ_IO      R3, R18
        READ_IO      R4, R21
        READ_IO      R5, R19
        ADD          R6, R1, R0
        CMP          R13, R6, R2, GT
        JZ           L_0048
        ADD          R6, R2, R0
L_0048:
        CMP          R13, R6, R3, GT
        JZ           L_0060
        ADD          R6, R3, R0
L_0060:
        LOAD_REG     R7, R0, 8
        CMP          R13, R7, R0, GT
        JNZ          L_01B0
        LOAD_REG     R8, R0
        CMP          R13, R6, R8, LT
        JNZ          L_0170
        LOAD_CONST   R9, 436907
        SUB          R8, R6, R8
        MUL          R8, R8, R9, 16
        CMP          R13, R4, R8, GT
        JZ           L_00C0
        ADD          R4, R8, R0
L_00C0:
        LOAD_REG     R8, R0, 4
        CMP          R13, R6, R8, LT
        JZ           L_0160
        LOAD_CONST   R8, 1966080
        LOAD_CONST   R9, 1
        SHL          R2, R2, R9
        SUB          R2, R8, R2
        LOAD_CONST   R9, 655360
        CMP          R13, R2, R8, GT
        JZ           L_0118
        ADD          R2, R8, R0
L_0118:
        CMP          R13, R2, R9, LT
        JZ           L_0130
        ADD          R2, R9, R0
L_0130:
        CMP          R13, R1, R3, GT
        JZ           L_0150
        SUB          R1, R0, R2
        JMP          L_01E0
L_0150:
        ADD          R1, R2, R0
        JMP          L_01E0
L_0160:
        ADD          R1, R5, R0
        JMP          L_01E0
L_0170:
        LOAD_CONST   R2, 10
        STORE_REG    R2, R0, 8
        SEND         40, R6
        EMERGENCY_CLAIM R6, R0, 3
        LOAD_CONST   R2, -1966080
        ADD          R4, R2, R0
        ADD          R1, R0, R0
        JMP          L_01E0
L_01B0:
        LOAD_CONST   R2, 1
        SUB          R7, R7, R2
        STORE_REG    R7, R0, 8
        LOAD_CONST   R2, -1966080
        ADD          R4, R2, R0
        ADD          R1, R0, R0
L_01E0:
        LOAD_REG     R2, R0, 16
        LOAD_CONST   R3, 327680
        ADD          R5, R2, R3
        CMP          R13, R4, R5, GT
        JZ           L_0210
        ADD          R4, R5, R0
L_0210:
        SUB          R2, R2, R3
        CMP          R13, R4, R2, LT
        JZ           L_0230
        ADD          R4, R2, R0
L_0230:
        LOAD_CONST   R2, 6553600
        CMP          R13, R4, R2, GT
        JZ           L_0250
        ADD          R4, R2, R0
L_0250:
        LOAD_CONST   R2, -3276800
        CMP          R13, R4, R2, LT
        JZ           L_0270
        ADD          R4, R2, R0
L_0270:
        WRITE_IO     R22, R4
        STORE_REG    R4, R0, 16
        LOAD_REG     R2, R0, 24
        LOAD_CONST   R3, 196608
        ADD          R4, R2, R3
        CMP          R13, R1, R4, GT
        JZ           L_02B0
        ADD          R1, R4, R0
L_02B0:
        SUB          R2, R2, R3
        CMP          R13, R1, R2, LT
        JZ           L_02D0
        ADD          R1, R2, R0
L_02D0:
        LOAD_CONST   R2, 1966080
        CMP          R13, R1, R2, GT
        JZ           L_02F0
        ADD          R1, R2, R0
L_02F0:
        LOAD_CONST   R2, -1966080
        CMP          R13, R1, R2, LT
        JZ           L_0310
        ADD          R1, R2, R0
L_0310:
        WRITE_IO     R23, R1
        STORE_REG    R1, R0, 24
        HALT
failsafe:
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
        JZ           L_0398
        ADD          R2, R1, R0
L_0398:
        ADD          R1, R2, R0
        CMP          R13, R1, R3, LT
        JZ           L_03B8
        ADD          R1, R3, R0
L_03B8:
        LOAD_REG     R2, R0, 32
        LOAD_REG     R3, R0, 36
        CMP          R13, R2, R3, GT
        JNZ          L_03E0
        RET
L_03E0:
        SUB          R1, R0, R1
        RET

.data
.org 0x0000
        .word        0x00030000, 0x000F0000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000
