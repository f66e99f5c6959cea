; NEXUS program: 74 instructions, 1 data segments, 14 metadata records
; sha256 eb31c9aad2bf793c8ca21680d5f57924a59db84612cdd9c526443df21288c708

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
        READ_IO      R1, R16
        READ_IO      R2, R17
        READ_IO      R3, R18
        LOAD_REG     R4, R0
        CMP          R2, R2, R4, GT
        LOAD_REG     R4, R0, 4
        CMP          R3, R3, R4, GT
        OR           R2, R2, R3
        JZ           L_00C0
        LOAD_REG     R2, R0, 8
        LOAD_CONST   R3, 65536
        CMP          R13, R2, R3, GT
        JNZ          L_00A8
        LOAD_CONST   R4, -65536
        CMP          R13, R2, R4, LT
        JNZ          L_0090
        ADD          R4, R0, R0
        JMP          L_00C8
L_0090:
        ADD          R5, R2, R3
        ADD          R4, R5, R0
        JMP          L_00C8
L_00A8:
        SUB          R2, R2, R3
        ADD          R4, R2, R0
        JMP          L_00C8
L_00C0:
        ADD          R4, R1, R0
L_00C8:
        LOAD_CONST   R1, 13107
        LOAD_REG     R2, R0, 8
        SUB          R4, R4, R2
        LOAD_CONST   R3, -13107
        CMP          R13, R4, R1, GT
        JZ           L_0100
        ADD          R4, R1, R0
L_0100:
        CMP          R13, R4, R3, LT
        JZ           L_0118
        ADD          R4, R3, R0
L_0118:
        ADD          R2, R2, R4
        STORE_REG    R2, R0, 8
        LOAD_REG     R1, R0, 28
        LOAD_CONST   R3, 1
        SUB          R1, R1, R3
        CMP          R13, R1, R0, LE
        JNZ          L_0160
        STORE_REG    R1, R0, 28
        JMP          L_0178
L_0160:
        LOAD_CONST   R1, 100
        STORE_REG    R1, R0, 28
        RATE_LIMIT   R2, R0, 20
L_0178:
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R3, 32768
        ADD          R4, R1, R3
        CMP          R13, R2, R4, GT
        JZ           L_01A8
        ADD          R2, R4, R0
L_01A8:
        SUB          R1, R1, R3
        CMP          R13, R2, R1, LT
        JZ           L_01C8
        ADD          R2, R1, R0
L_01C8:
        LOAD_CONST   R1, 6553600
        CMP          R13, R2, R1, GT
        JZ           L_01E8
        ADD          R2, R1, R0
L_01E8:
        LOAD_CONST   R1, -6553600
        CMP          R13, R2, R1, LT
        JZ           L_0208
        ADD          R2, R1, R0
L_0208:
        WRITE_IO     R20, R2
        STORE_REG    R2, R0, 16
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
