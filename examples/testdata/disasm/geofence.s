; NEXUS program: 171 instructions, 1 data segments, 20 metadata records
; sha256 ec96b4031c95f3c7a3bebf290efe0da9fc18c9d48457948b83a64c881992fe02

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
        READ_IO      R1, R18
        LOAD_CONST   R2, 3276800
        CMP          R13, R1, R2, GT
        JNZ          L_0030
        ADD          R1, R0, R0
        JMP          L_0038
L_0030:
        LOAD_CONST   R1, -1310720
L_0038:
        READ_IO      R2, R16
        READ_IO      R3, R17
        ADD          R4, R2, R0
        CMP          R13, R4, R0, LT
        JZ           L_0068
        SUB          R4, R0, R4
L_0068:
        LOAD_CONST   R5, 26214400
        ADD          R6, R3, R0
        CMP          R13, R6, R0, LT
        JZ           L_0090
        SUB          R6, R0, R6
L_0090:
        LOAD_CONST   R7, 17694720
        CMP          R13, R4, R5, GT
        JNZ          L_0148
        LOAD_CONST   R5, 19660800
        CMP          R13, R6, R5, GT
        JNZ          L_0148
        LOAD_REG     R2, R0
        CMP          R2, R0
        JZ           L_00E8
        SEND         20, R0
        STORE_REG    R0, R0
L_00E8:
        READ_IO      R2, R23
        READ_IO      R3, R22
        CMP          R13, R6, R7, GT
        JNZ          L_0120
        LOAD_CONST   R5, 24248320
        CMP          R13, R4, R5, GT
        JZ           L_0330
L_0120:
        LOAD_CONST   R4, 1966080
        CMP          R13, R3, R4, GT
        JZ           L_0330
        ADD          R3, R4, R0
        JMP          L_0330
L_0148:
        LOAD_REG     R5, R0
        LOAD_CONST   R8, 1
        XOR          R5, R5, R8
        JZ           L_0178
        SEND         20, R8
        SAFE_BOUNDARY R2, R0, 1
L_0178:
        STORE_REG    R8, R0
        CMP          R2, R2, R0, LT
        SHL          R5, R6, R8
        CMP          R13, R4, R5, GT
        JNZ          L_0250
        CMP          R3, R3, R0, LT
        SHL          R4, R4, R8
        CMP          R13, R6, R4, GT
        JNZ          L_0230
        CMP          R2, R0
        JNZ          L_0200
        CMP          R3, R0
        JNZ          L_01F0
        LOAD_CONST   R7, 14745600
        JMP          L_0278
L_01F0:
        LOAD_CONST   R7, 8847360
        JMP          L_0278
L_0200:
        CMP          R3, R0
        JNZ          L_0220
        LOAD_CONST   R7, 20643840
        JMP          L_0278
L_0220:
        LOAD_CONST   R7, 2949120
        JMP          L_0278
L_0230:
        CMP          R3, R0
        JZ           L_0278
        LOAD_CONST   R7, 5898240
        JMP          L_0278
L_0250:
        CMP          R2, R0
        JNZ          L_0270
        LOAD_CONST   R7, 11796480
        JMP          L_0278
L_0270:
        ADD          R7, R0, R0
L_0278:
        READ_IO      R2, R19
        SUB          R7, R7, R2
        LOAD_CONST   R2, 11796480
        CMP          R13, R7, R2, GT
        JNZ          L_02D0
        LOAD_CONST   R2, -11796480
        CMP          R13, R7, R2, LT
        JZ           L_02E0
        LOAD_CONST   R2, 23592960
        ADD          R7, R7, R2
        JMP          L_02E0
L_02D0:
        LOAD_CONST   R2, 23592960
        SUB          R7, R7, R2
L_02E0:
        SHR          R2, R7, R8, ASR
        LOAD_CONST   R3, -1966080
        LOAD_CONST   R4, 1966080
        CMP          R13, R2, R4, GT
        JZ           L_0310
        ADD          R2, R4, R0
L_0310:
        CMP          R13, R2, R3, LT
        JZ           L_0328
        ADD          R2, R3, R0
L_0328:
        ADD          R3, R4, R0
L_0330:
        LOAD_REG     R4, R0, 8
        LOAD_CONST   R5, 262144
        ADD          R6, R4, R5
        CMP          R13, R3, R6, GT
        JZ           L_0360
        ADD          R3, R6, R0
L_0360:
        SUB          R4, R4, R5
        CMP          R13, R3, R4, LT
        JZ           L_0380
        ADD          R3, R4, R0
L_0380:
        LOAD_CONST   R4, 6553600
        CMP          R13, R3, R4, GT
        JZ           L_03A0
        ADD          R3, R4, R0
L_03A0:
        CMP          R13, R3, R0, LT
        JZ           L_03B8
        ADD          R3, R0, R0
L_03B8:
        WRITE_IO     R20, R3
        STORE_REG    R3, R0, 8
        LOAD_REG     R3, R0, 16
        LOAD_CONST   R4, 196608
        ADD          R5, R3, R4
        CMP          R13, R2, R5, GT
        JZ           L_03F8
        ADD          R2, R5, R0
L_03F8:
        SUB          R3, R3, R4
        CMP          R13, R2, R3, LT
        JZ           L_0418
        ADD          R2, R3, R0
L_0418:
        LOAD_CONST   R3, 1966080
        CMP          R13, R2, R3, GT
        JZ           L_0438
        ADD          R2, R3, R0
L_0438:
        LOAD_CONST   R3, -1966080
        CMP          R13, R2, R3, LT
        JZ           L_0458
        ADD          R2, R3, R0
L_0458:
        WRITE_IO     R21, R2
        STORE_REG    R2, R0, 16
        LOAD_REG     R2, R0, 24
        LOAD_CONST   R3, 131072
        ADD          R4, R2, R3
        SUB          R2, R2, R3
        CMP          R13, R1, R4, GT
        JZ           L_04C8
        ADD          R1, R4, R0
        LOAD_CONST   R15, -1310720
        CMP          R13, R1, R15, LT
        JZ           L_0500
        ADD          R1, R15, R0
        JMP          L_0500
L_04C8:
        CMP          R13, R1, R2, LT
        JZ           L_0500
        ADD          R1, R2, R0
        LOAD_CONST   R15, 1310720
        CMP          R13, R1, R15, GT
        JZ           L_0500
        ADD          R1, R15, R0
L_0500:
        WRITE_IO     R24, R1
        STORE_REG    R1, R0, 24
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

.data
.org 0x0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0xFFF60000, 0xFFF60000, 0x00000000
        .word        0x00000000
