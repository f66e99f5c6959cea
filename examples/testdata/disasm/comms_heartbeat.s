; NEXUS program: 131 instructions, 1 data segments, 18 metadata records
; sha256 d810d7f81ae9a3500b7c96b555fca16c8c6d1b7adfa3960f57325bebc16cc62f

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "surface and hold still if the surface heartbeat is silent for 10 s"
.meta narrative        "Comms-loss failsafe with a message heartbeat.\n\nThe surface station sends a heartbeat message (its sequence number) at\n1 Hz over the acoustic link. If no heartbeat arrives for 10 s the reflex\nassumes the link is lost: it stops the mission thrusters, points the\nvehicle up and blows the ballast so it can be found on the surface.\nWhen heartbeats resume it hands control back. Sequence gaps are counted\nand reported, so the fleet can tell a noisy link from a dead one."
.meta trust            1056964608               ; float32 0.5
.meta precondition     "autonomy L2"
.meta capability       "read 16 17 18"
.meta capability       "write 20 21 22 23"
.meta capability       "send 3"
.meta capability       "a2a EXPLAIN_FAILURE REPORT_STATUS DECLARE_ACTUATOR_USE"
.meta safety           "range 20 -6553600 6553600"
.meta safety           "range 21 -1310720 1310720"
.meta type             "sensor mission_thrust 16 num % range -6553600 6553600"
.meta type             "sensor mission_planes 17 num deg range -1310720 1310720"
.meta type             "sensor depth 18 num m range 0 19660800"
.meta type             "actuator thrust 20 num % range -6553600 6553600 safe 0 rate 327680"
.meta type             "actuator planes 21 num deg range -1310720 1310720 safe -1310720 rate 131072"
.meta type             "actuator ballast_blow 22 bool safe 1"
.meta type             "actuator strobe 23 bool safe 1"
.meta type             "param timeout @0 default 655360"

tick:
        RECV         R1
        LOAD_CONST   R2, -1
        CMP          R13, R1, R2, NE
        JNZ          L_0078
        LOAD_REG     R2, R0, 4
        LOAD_CONST   R3, 6554
        ADD          R2, R2, R3
        LOAD_REG     R3, R0
        LOAD_CONST   R4, 65536
        ADD          R3, R3, R4
        CMP          R13, R2, R3, GT
        JZ           L_0068
        ADD          R2, R3, R0
L_0068:
        STORE_REG    R2, R0, 4
        JMP          L_00D0
L_0078:
        LOAD_REG     R3, R0, 8
        LOAD_CONST   R4, 1
        ADD          R3, R3, R4
        CMP          R13, R1, R3, NE
        JZ           L_00B8
        LOAD_REG     R3, R0, 12
        ADD          R3, R3, R4
        STORE_REG    R3, R0, 12
L_00B8:
        STORE_REG    R1, R0, 8
        STORE_REG    R0, R0, 4
        ADD          R2, R0, R0
L_00D0:
        LOAD_REG     R1, R0
        CMP          R13, R2, R1, GE
        JNZ          L_0138
        LOAD_REG     R1, R0, 16
        CMP          R1, R0
        JZ           L_0128
        LOAD_CONST   R3, 1
        SEND         3, R3
        STORE_REG    R0, R0, 16
        ADD          R3, R0, R0
        JMP          L_0178
L_0128:
        ADD          R3, R1, R0
        JMP          L_0178
L_0138:
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R4, 1
        XOR          R1, R1, R4
        JZ           L_0168
        SEND         3, R0
        EXPLAIN_FAILURE R2, R0, 7
L_0168:
        STORE_REG    R4, R0, 16
        ADD          R3, R4, R0
L_0178:
        CMP          R3, R0
        JNZ          L_01B0
        READ_IO      R1, R16
        READ_IO      R2, R17
        ADD          R3, R0, R0
        ADD          R4, R0, R0
        JMP          L_01F8
L_01B0:
        READ_IO      R5, R18
        LOAD_CONST   R6, -1310720
        LOAD_CONST   R7, 65536
        CMP          R5, R5, R7, GT
        LOAD_CONST   R7, 1
        ADD          R1, R0, R0
        ADD          R2, R6, R0
        ADD          R3, R5, R0
        ADD          R4, R7, R0
L_01F8:
        LOAD_REG     R5, R0, 44
        LOAD_CONST   R6, 1
        SUB          R5, R5, R6
        CMP          R13, R5, R0, LE
        JNZ          L_0230
        STORE_REG    R5, R0, 44
        JMP          L_0250
L_0230:
        LOAD_CONST   R5, 100
        STORE_REG    R5, R0, 44
        LOAD_REG     R5, R0, 12
        REPORT_STATUS R5, R0, 7
L_0250:
        LOAD_REG     R5, R0, 24
        LOAD_CONST   R6, 327680
        ADD          R7, R5, R6
        CMP          R13, R1, R7, GT
        JZ           L_0280
        ADD          R1, R7, R0
L_0280:
        SUB          R5, R5, R6
        CMP          R13, R1, R5, LT
        JZ           L_02A0
        ADD          R1, R5, R0
L_02A0:
        LOAD_CONST   R5, 6553600
        CMP          R13, R1, R5, GT
        JZ           L_02C0
        ADD          R1, R5, R0
L_02C0:
        LOAD_CONST   R5, -6553600
        CMP          R13, R1, R5, LT
        JZ           L_02E0
        ADD          R1, R5, R0
L_02E0:
        WRITE_IO     R20, R1
        STORE_REG    R1, R0, 24
        LOAD_REG     R1, R0, 32
        LOAD_CONST   R5, 131072
        ADD          R6, R1, R5
        CMP          R13, R2, R6, GT
        JZ           L_0320
        ADD          R2, R6, R0
L_0320:
        SUB          R1, R1, R5
        CMP          R13, R2, R1, LT
        JZ           L_0340
        ADD          R2, R1, R0
L_0340:
        LOAD_CONST   R1, 1310720
        CMP          R13, R2, R1, GT
        JZ           L_0360
        ADD          R2, R1, R0
L_0360:
        LOAD_CONST   R1, -1310720
        CMP          R13, R2, R1, LT
        JZ           L_0380
        ADD          R2, R1, R0
L_0380:
        WRITE_IO     R21, R2
        STORE_REG    R2, R0, 32
        WRITE_IO     R22, R3
        WRITE_IO     R23, R4
        HALT
init:
        STORE_REG    R0, R0, 4
        STORE_REG    R0, R0, 16
        LOAD_CONST   R1, 1
        DECLARE_ACTUATOR_USE R1, R0, 20
        HALT
failsafe:
        LOAD_CONST   R1, -1310720
        LOAD_CONST   R2, 1
        WRITE_IO     R20, R0
        STORE_REG    R0, R0, 24
        WRITE_IO     R21, R1
        STORE_REG    R1, R0, 32
        WRITE_IO     R22, R2
        WRITE_IO     R23, R2
        HALT

.data
.org 0x0000
        .word        0x000A0000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000000, 0xFFEC0000
        .word        0xFFEC0000, 0x00000001, 0x00000001, 0x00000001
