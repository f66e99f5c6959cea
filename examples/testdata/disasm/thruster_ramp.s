; NEXUS program: 68 instructions, 1 data segments, 14 metadata records
; sha256 99d7a17b9a77071a52ebc11e83826498b772f88453194ca8cf4388d6792bd737

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "follow the thrust command with at most 20 %/s change, backing off on over-current"
.meta narrative        "Rate-limited thruster ramp.\n\nSudden thrust steps stall brushless ESCs, brown out the bus and kick up\nsilt near the seabed. This reflex follows the commanded thrust with a\nramp of at most 20 %/s, soft-starts from zero after init, and backs off\nwhen the motor current exceeds its limit or the motor runs hot. The\nactuator's own rate clause is the last line of defence."
.meta trust            1053609165               ; float32 0.4
.meta precondition     "autonomy L2"
.meta capability       "read 16 17 18"
.meta capability       "write 20"
.meta capability       "a2a RATE_LIMIT"
.meta safety           "range 20 -6553600 6553600"
.meta type             "sensor thrust_cmd 16 num % range -6553600 6553600"
.meta type             "sensor motor_current 17 num A range 0 2621440"
.meta type             "sensor motor_temp 18 num degC range -655360 7864320"
.meta type             "actuator thrust 20 num % range -6553600 6553600 safe 0 rate 32768"
.meta type             "param current_limit @0 default 1638400"
.meta type             "param temp_limit @4 default 5570560"

tick:
        READ_IO      R1, R17
        LOAD_REG     R2, R0
        CMP          R13, R1, R2, GT
        JNZ          L_0048
        READ_IO      R1, R16
        READ_IO      R2, R18
        LOAD_REG     R3, R0, 4
        CMP          R13, R2, R3, GT
        JZ           L_00A8
L_0048:
        LOAD_REG     R1, R0, 8
        LOAD_CONST   R2, 65536
        CMP          R13, R1, R2, GT
        JNZ          L_00A0
        LOAD_CONST   R3, -65536
        CMP          R13, R1, R3, LT
        JNZ          L_0090
        ADD          R1, R0, R0
        JMP          L_00A8
L_0090:
        ADD          R1, R1, R2
        JMP          L_00A8
L_00A0:
        SUB          R1, R1, R2
L_00A8:
        LOAD_CONST   R2, 13107
        LOAD_REG     R3, R0, 8
        SUB          R1, R1, R3
        LOAD_CONST   R4, -13107
        CMP          R13, R1, R2, GT
        JZ           L_00E0
        ADD          R1, R2, R0
L_00E0:
        CMP          R13, R1, R4, LT
        JZ           L_00F8
        ADD          R1, R4, R0
L_00F8:
        ADD          R3, R3, R1
        STORE_REG    R3, R0, 8
        LOAD_REG     R1, R0, 28
        LOAD_CONST   R2, 1
        SUB          R1, R1, R2
        CMP          R13, R1, R0, LE
        JZ           L_0140
        RATE_LIMIT   R3, R0, 20
        LOAD_CONST   R1, 100
L_0140:
        STORE_REG    R1, R0, 28
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R2, 32768
        ADD          R4, R1, R2
        CMP          R13, R3, R4, GT
        JZ           L_0178
        ADD          R3, R4, R0
L_0178:
        SUB          R1, R1, R2
        CMP          R13, R3, R1, LT
        JZ           L_0198
        ADD          R3, R1, R0
L_0198:
        LOAD_CONST   R1, 6553600
        CMP          R13, R3, R1, GT
        JZ           L_01B8
        ADD          R3, R1, R0
L_01B8:
        LOAD_CONST   R1, -6553600
        CMP          R13, R3, R1, LT
        JZ           L_01D8
        ADD          R3, R1, R0
L_01D8:
        WRITE_IO     R20, R3
        STORE_REG    R3, R0, 16
        HALT
init:
        STORE_REG    R0, R0, 8
        HALT
failsafe:
        STORE_REG    R0, R0, 8
        WRITE_IO     R20, R0
        STORE_REG    R0, R0, 16
        HALT

.data
.org 0x0000
        .word        0x00190000, 0x00550000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000001
