; NEXUS program: 250 instructions, 1 data segments, 20 metadata records
; sha256 0f83a4201663fdc5f50f19e6ab49ae513700b3cc7d4e6e9e84f459a57c61cad5

.entry tick     tick
.entry failsafe failsafe

.meta intent           "keep the vessel inside a 800 m by 600 m box around launch and above 50 m depth"
.meta narrative        "Geofence for a survey vessel.\n\nPosition comes from the navigation filter as north/east offsets from the\nlaunch point. The operating area is a box of +-400 m north and +-300 m\neast with a 30 m warning margin, and a depth ceiling of 50 m. Inside the\nmargin the reflex caps speed; outside the box it takes over the rudder,\nsteers back toward the launch point and tells the supervisor."
.meta trust            1060320051               ; float32 0.7
.meta precondition     "autonomy L3"
.meta capability       "read 16 17 18 19 22 23"
.meta capability       "write 20 21 24"
.meta capability       "send 20"
.meta capability       "a2a SAFE_BOUNDARY"
.meta safety           "range 20 0 6553600"
.meta safety           "range 21 -1966080 1966080"
.meta safety           "range 24 -1310720 1310720"
.meta type             "sensor north 16 num m range -131072000 131072000"
.meta type             "sensor east 17 num m range -131072000 131072000"
.meta type             "sensor depth 18 num m range 0 13107200"
.meta type             "sensor heading 19 num deg range 0 23592960"
.meta type             "sensor speed_cmd 22 num % range 0 6553600"
.meta type             "sensor rudder_cmd 23 num deg range -1966080 1966080"
.meta type             "actuator thrust 20 num % range 0 6553600 safe 0 rate 262144"
.meta type             "actuator rudder 21 num deg range -1966080 1966080 safe 0 rate 196608"
.meta type             "actuator dive_planes 24 num deg range -1310720 1310720 safe -655360 rate 131072"

tick:
        READ_IO      R1, R16
        READ_IO      R2, R17
        READ_IO      R3, R18
        READ_IO      R4, R19
        READ_IO      R5, R23
        READ_IO      R6, R22
        SUB          R7, R0, R1
        ADD          R8, R1, R0
        CMP          R13, R8, R7, LT
        JZ           L_0058
        ADD          R8, R7, R0
L_0058:
        LOAD_CONST   R7, 26214400
        CMP          R7, R8, R7, GT
        SUB          R9, R0, R2
        ADD          R10, R2, R0
        CMP          R13, R10, R9, LT
        JZ           L_0090
        ADD          R10, R9, R0
L_0090:
        LOAD_CONST   R9, 19660800
        CMP          R9, R10, R9, GT
        OR           R7, R7, R9
        LOAD_CONST   R9, 24248320
        CMP          R9, R8, R9, GT
        LOAD_CONST   R11, 17694720
        CMP          R12, R10, R11, GT
        OR           R9, R9, R12
        LOAD_CONST   R12, 3276800
        CMP          R13, R3, R12, GT
        JNZ          L_00F8
        ADD          R3, R0, R0
        JMP          L_0108
L_00F8:
        LOAD_CONST   R12, -1310720
        ADD          R3, R12, R0
L_0108:
        CMP          R7, R0
        JNZ          L_0190
        LOAD_REG     R7, R0
        CMP          R7, R0
        JZ           L_0140
        SEND         20, R0
        STORE_REG    R0, R0
L_0140:
        CMP          R9, R0
        JZ           L_0180
        LOAD_CONST   R7, 1966080
        ADD          R9, R6, R0
        CMP          R13, R9, R7, GT
        JZ           L_03D0
        ADD          R9, R7, R0
        JMP          L_03D0
L_0180:
        ADD          R9, R6, R0
        JMP          L_03D0
L_0190:
        LOAD_REG     R6, R0
        LOAD_CONST   R7, 1
        XOR          R6, R6, R7
        JZ           L_01C0
        SEND         20, R7
        SAFE_BOUNDARY R1, R0, 1
L_01C0:
        STORE_REG    R7, R0
        CMP          R1, R1, R0, LT
        CMP          R2, R2, R0, LT
        SHL          R6, R10, R7
        SHL          R12, R8, R7
        CMP          R10, R10, R12, GT
        CMP          R13, R8, R6, GT
        JNZ          L_02C0
        CMP          R10, R0
        JNZ          L_0298
        CMP          R1, R0
        JNZ          L_0258
        CMP          R2, R0
        JNZ          L_0240
        LOAD_CONST   R6, 14745600
        JMP          L_0300
L_0240:
        LOAD_CONST   R8, 8847360
        ADD          R6, R8, R0
        JMP          L_0300
L_0258:
        CMP          R2, R0
        JNZ          L_0280
        LOAD_CONST   R8, 20643840
        ADD          R6, R8, R0
        JMP          L_0300
L_0280:
        LOAD_CONST   R8, 2949120
        ADD          R6, R8, R0
        JMP          L_0300
L_0298:
        CMP          R2, R0
        JZ           L_02E8
        LOAD_CONST   R2, 5898240
        ADD          R6, R2, R0
        JMP          L_0300
L_02C0:
        CMP          R1, R0
        JNZ          L_02F8
        LOAD_CONST   R1, 11796480
        ADD          R6, R1, R0
        JMP          L_0300
L_02E8:
        ADD          R6, R11, R0
        JMP          L_0300
L_02F8:
        ADD          R6, R0, R0
L_0300:
        SUB          R6, R6, R4
        LOAD_CONST   R1, 11796480
        CMP          R13, R6, R1, GT
        JNZ          L_0350
        LOAD_CONST   R1, -11796480
        CMP          R13, R6, R1, LT
        JZ           L_0370
        LOAD_CONST   R1, 23592960
        ADD          R1, R6, R1
        JMP          L_0378
L_0350:
        LOAD_CONST   R2, 23592960
        SUB          R2, R6, R2
        ADD          R1, R2, R0
        JMP          L_0378
L_0370:
        ADD          R1, R6, R0
L_0378:
        SHR          R1, R1, R7, ASR
        LOAD_CONST   R2, -1966080
        LOAD_CONST   R4, 1966080
        CMP          R13, R1, R4, GT
        JZ           L_03A8
        ADD          R1, R4, R0
L_03A8:
        CMP          R13, R1, R2, LT
        JZ           L_03C0
        ADD          R1, R2, R0
L_03C0:
        ADD          R9, R4, R0
        ADD          R5, R1, R0
L_03D0:
        LOAD_REG     R1, R0, 8
        LOAD_CONST   R2, 262144
        ADD          R4, R1, R2
        CMP          R13, R9, R4, GT
        JZ           L_0400
        ADD          R9, R4, R0
L_0400:
        SUB          R1, R1, R2
        CMP          R13, R9, R1, LT
        JZ           L_0420
        ADD          R9, R1, R0
L_0420:
        LOAD_CONST   R1, 6553600
        CMP          R13, R9, R1, GT
        JZ           L_0440
        ADD          R9, R1, R0
L_0440:
        CMP          R13, R9, R0, LT
        JZ           L_0458
        ADD          R9, R0, R0
L_0458:
        WRITE_IO     R20, R9
        STORE_REG    R9, R0, 8
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R2, 196608
        ADD          R4, R1, R2
        CMP          R13, R5, R4, GT
        JZ           L_0498
        ADD          R5, R4, R0
L_0498:
        SUB          R1, R1, R2
        CMP          R13, R5, R1, LT
        JZ           L_04B8
        ADD          R5, R1, R0
L_04B8:
        LOAD_CONST   R1, 1966080
        CMP          R13, R5, R1, GT
        JZ           L_04D8
        ADD          R5, R1, R0
L_04D8:
        LOAD_CONST   R1, -1966080
        CMP          R13, R5, R1, LT
        JZ           L_04F8
        ADD          R5, R1, R0
L_04F8:
        WRITE_IO     R21, R5
        STORE_REG    R5, R0, 16
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R2, 131072
        ADD          R4, R1, R2
        CMP          R13, R3, R4, GT
        JZ           L_0538
        ADD          R3, R4, R0
L_0538:
        SUB          R1, R1, R2
        CMP          R13, R3, R1, LT
        JZ           L_0558
        ADD          R3, R1, R0
L_0558:
        LOAD_CONST   R1, 1310720
        CMP          R13, R3, R1, GT
        JZ           L_0578
        ADD          R3, R1, R0
L_0578:
        LOAD_CONST   R1, -1310720
        CMP          R13, R3, R1, LT
        JZ           L_0598
        ADD          R3, R1, R0
L_0598:
        WRITE_IO     R24, R3
        STORE_REG    R3, R0, 24
        HALT
failsafe:
        LOAD_CONST   R1, -655360
        WRITE_IO     R20, R0
        STORE_REG    R0, R0, 8
        WRITE_IO     R21, R0
        STORE_REG    R0, R0, 16
        WRITE_IO     R24, R1
        STORE_REG    R1, R0, 24
        HALT
        LOAD_REG     R1, R0, 28
        CMP          R2, R1, R0, LT
        LOAD_REG     R3, R0, 32
        CMP          R4, R3, R0, LT
        SUB          R5, R0, R1
        CMP          R13, R1, R5, LT
        JZ           L_0630
        ADD          R1, R5, R0
L_0630:
        SUB          R5, R0, R3
        CMP          R13, R3, R5, LT
        JZ           L_0650
        ADD          R3, R5, R0
L_0650:
        LOAD_CONST   R5, 1
        SHL          R6, R3, R5
        SHL          R5, R1, R5
        CMP          R3, R3, R5, GT
        CMP          R13, R1, R6, GT
        JNZ          L_0730
        CMP          R3, R0
        JNZ          L_0700
        CMP          R2, R0
        JNZ          L_06D0
        CMP          R4, R0
        JNZ          L_06C0
        LOAD_CONST   R1, 14745600
        RET
L_06C0:
        LOAD_CONST   R1, 8847360
        RET
L_06D0:
        CMP          R4, R0
        JNZ          L_06F0
        LOAD_CONST   R1, 20643840
        RET
L_06F0:
        LOAD_CONST   R1, 2949120
        RET
L_0700:
        CMP          R4, R0
        JNZ          L_0720
        LOAD_CONST   R1, 17694720
        RET
L_0720:
        LOAD_CONST   R1, 5898240
        RET
L_0730:
        CMP          R2, R0
        JNZ          L_0750
        LOAD_CONST   R1, 11796480
        RET
L_0750:
        ADD          R1, R0, R0
        RET
        LOAD_CONST   R2, 11796480
        CMP          R13, R1, R2, GT
        JNZ          L_07B8
        LOAD_CONST   R2, -11796480
        CMP          R13, R1, R2, LT
        JNZ          L_0798
        RET
L_0798:
        LOAD_CONST   R2, 23592960
        ADD          R2, R1, R2
        ADD          R1, R2, R0
        RET
L_07B8:
        LOAD_CONST   R2, 23592960
        SUB          R1, R1, R2
        RET

.data
.org 0x0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0xFFF60000, 0xFFF60000, 0x00000000
        .word        0x00000000
