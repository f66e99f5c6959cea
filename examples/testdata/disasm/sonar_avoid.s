; NEXUS program: 101 instructions, 1 data segments, 19 metadata records
; sha256 66afde9e3bc44545e2cce7823879c6b8a667fea55deb99bd6bea5c9eb234796f

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
        JNZ          L_0190
        READ_IO      R1, R16
        READ_IO      R2, R17
        READ_IO      R3, R18
        ADD          R4, R1, R0
        CMP          R13, R4, R2, GT
        JZ           L_0050
        ADD          R4, R2, R0
L_0050:
        CMP          R13, R4, R3, GT
        JZ           L_0068
        ADD          R4, R3, R0
L_0068:
        LOAD_REG     R5, R0
        CMP          R13, R4, R5, LT
        JNZ          L_0158
        READ_IO      R6, R21
        READ_IO      R7, R19
        LOAD_CONST   R8, 436907
        SUB          R5, R4, R5
        MUL          R5, R5, R8, 16
        CMP          R13, R6, R5, GT
        JZ           L_00C0
        ADD          R6, R5, R0
L_00C0:
        LOAD_REG     R5, R0, 4
        CMP          R13, R4, R5, LT
        JZ           L_01B8
        LOAD_CONST   R4, 1966080
        LOAD_CONST   R5, 1
        SHL          R2, R2, R5
        SUB          R2, R4, R2
        LOAD_CONST   R5, 655360
        CMP          R13, R2, R4, GT
        JZ           L_0118
        ADD          R2, R4, R0
L_0118:
        ADD          R7, R2, R0
        CMP          R13, R7, R5, LT
        JZ           L_0138
        ADD          R7, R5, R0
L_0138:
        CMP          R13, R1, R3, GT
        JZ           L_01B8
        SUB          R7, R0, R7
        JMP          L_01B8
L_0158:
        LOAD_CONST   R1, 10
        STORE_REG    R1, R0, 8
        SEND         40, R4
        EMERGENCY_CLAIM R4, R0, 3
        LOAD_CONST   R6, -1966080
        ADD          R7, R0, R0
        JMP          L_01B8
L_0190:
        LOAD_CONST   R2, 1
        SUB          R1, R1, R2
        STORE_REG    R1, R0, 8
        LOAD_CONST   R6, -1966080
        ADD          R7, R0, R0
L_01B8:
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R2, 327680
        ADD          R3, R1, R2
        CMP          R13, R6, R3, GT
        JZ           L_01E8
        ADD          R6, R3, R0
L_01E8:
        SUB          R1, R1, R2
        CMP          R13, R6, R1, LT
        JZ           L_0208
        ADD          R6, R1, R0
L_0208:
        LOAD_CONST   R1, 6553600
        CMP          R13, R6, R1, GT
        JZ           L_0228
        ADD          R6, R1, R0
L_0228:
        LOAD_CONST   R1, -3276800
        CMP          R13, R6, R1, LT
        JZ           L_0248
        ADD          R6, R1, R0
L_0248:
        WRITE_IO     R22, R6
        STORE_REG    R6, R0, 16
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R2, 196608
        ADD          R3, R1, R2
        CMP          R13, R7, R3, GT
        JZ           L_0288
        ADD          R7, R3, R0
L_0288:
        SUB          R1, R1, R2
        CMP          R13, R7, R1, LT
        JZ           L_02A8
        ADD          R7, R1, R0
L_02A8:
        LOAD_CONST   R1, 1966080
        CMP          R13, R7, R1, GT
        JZ           L_02C8
        ADD          R7, R1, R0
L_02C8:
        LOAD_CONST   R1, -1966080
        CMP          R13, R7, R1, LT
        JZ           L_02E8
        ADD          R7, R1, R0
L_02E8:
        WRITE_IO     R23, R7
        STORE_REG    R7, R0, 24
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
