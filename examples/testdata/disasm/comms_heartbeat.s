; NEXUS program: 123 instructions, 1 data segments, 18 metadata records
; sha256 28036978082aee1ea9487efb9e8b97798db3b18e3e40d593cc564918aab01d9f

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
        LOAD_REG     R1, R0, 4
        LOAD_CONST   R2, 6554
        ADD          R1, R1, R2
        LOAD_REG     R2, R0
        LOAD_CONST   R3, 65536
        ADD          R2, R2, R3
        CMP          R13, R1, R2, GT
        JZ           L_0068
        ADD          R1, R2, R0
L_0068:
        STORE_REG    R1, R0, 4
        JMP          L_00D0
L_0078:
        LOAD_REG     R2, R0, 8
        LOAD_CONST   R3, 1
        ADD          R2, R2, R3
        CMP          R13, R1, R2, NE
        JZ           L_00B8
        LOAD_REG     R2, R0, 12
        ADD          R2, R2, R3
        STORE_REG    R2, R0, 12
L_00B8:
        STORE_REG    R1, R0, 8
        STORE_REG    R0, R0, 4
        ADD          R1, R0, R0
L_00D0:
        LOAD_REG     R2, R0
        CMP          R13, R1, R2, GE
        JNZ          L_0128
        LOAD_REG     R1, R0, 16
        CMP          R1, R0
        JZ           L_0170
        LOAD_CONST   R1, 1
        SEND         3, R1
        STORE_REG    R0, R0, 16
        ADD          R1, R0, R0
        JMP          L_0170
L_0128:
        LOAD_REG     R2, R0, 16
        LOAD_CONST   R3, 1
        XOR          R2, R2, R3
        JZ           L_0158
        SEND         3, R0
        EXPLAIN_FAILURE R1, R0, 7
L_0158:
        STORE_REG    R3, R0, 16
        ADD          R1, R3, R0
        JMP          L_0198
L_0170:
        READ_IO      R1, R16
        READ_IO      R2, R17
        ADD          R3, R0, R0
        ADD          R4, R0, R0
        JMP          L_01C8
L_0198:
        READ_IO      R1, R18
        LOAD_CONST   R2, 65536
        CMP          R3, R1, R2, GT
        ADD          R1, R0, R0
        LOAD_CONST   R2, -1310720
        LOAD_CONST   R4, 1
L_01C8:
        LOAD_REG     R5, R0, 44
        LOAD_CONST   R6, 1
        SUB          R5, R5, R6
        CMP          R13, R5, R0, LE
        JZ           L_0208
        LOAD_REG     R5, R0, 12
        REPORT_STATUS R5, R0, 7
        LOAD_CONST   R5, 100
L_0208:
        STORE_REG    R5, R0, 44
        LOAD_REG     R5, R0, 24
        LOAD_CONST   R6, 327680
        ADD          R7, R5, R6
        CMP          R13, R1, R7, GT
        JZ           L_0240
        ADD          R1, R7, R0
L_0240:
        SUB          R5, R5, R6
        CMP          R13, R1, R5, LT
        JZ           L_0260
        ADD          R1, R5, R0
L_0260:
        LOAD_CONST   R5, 6553600
        CMP          R13, R1, R5, GT
        JZ           L_0280
        ADD          R1, R5, R0
L_0280:
        LOAD_CONST   R5, -6553600
        CMP          R13, R1, R5, LT
        JZ           L_02A0
        ADD          R1, R5, R0
L_02A0:
        WRITE_IO     R20, R1
        STORE_REG    R1, R0, 24
        LOAD_REG     R1, R0, 32
        LOAD_CONST   R5, 131072
        ADD          R6, R1, R5
        CMP          R13, R2, R6, GT
        JZ           L_02E0
        ADD          R2, R6, R0
L_02E0:
        SUB          R1, R1, R5
        CMP          R13, R2, R1, LT
        JZ           L_0300
        ADD          R2, R1, R0
L_0300:
        LOAD_CONST   R1, 1310720
        CMP          R13, R2, R1, GT
        JZ           L_0320
        ADD          R2, R1, R0
L_0320:
        LOAD_CONST   R1, -1310720
        CMP          R13, R2, R1, LT
        JZ           L_0340
        ADD          R2, R1, R0
L_0340:
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
