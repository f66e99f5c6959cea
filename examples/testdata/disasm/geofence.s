; NEXUS program: 188 instructions, 1 data segments, 20 metadata records
; sha256 8337a315c27810ca2982d7a799efdf0b6cc7df471ff851a54dfd6d015b4c6e2a

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
        JMP          L_0040
L_0030:
        LOAD_CONST   R2, -1310720
        ADD          R1, R2, R0
L_0040:
        READ_IO      R2, R16
        READ_IO      R3, R17
        SUB          R4, R0, R2
        ADD          R5, R2, R0
        CMP          R13, R5, R4, LT
        JZ           L_0078
        ADD          R5, R4, R0
L_0078:
        LOAD_CONST   R4, 26214400
        CMP          R4, R5, R4, GT
        SUB          R6, R0, R3
        ADD          R7, R3, R0
        CMP          R13, R7, R6, LT
        JZ           L_00B0
        ADD          R7, R6, R0
L_00B0:
        LOAD_CONST   R6, 19660800
        CMP          R6, R7, R6, GT
        OR           R4, R4, R6
        LOAD_CONST   R6, 17694720
        CMP          R4, R0
        JNZ          L_0180
        LOAD_REG     R4, R0
        CMP          R4, R0
        JZ           L_0108
        SEND         20, R0
        STORE_REG    R0, R0
L_0108:
        READ_IO      R4, R22
        LOAD_CONST   R8, 24248320
        CMP          R8, R5, R8, GT
        CMP          R9, R7, R6, GT
        OR           R8, R8, R9
        JZ           L_0168
        LOAD_CONST   R8, 1966080
        ADD          R9, R4, R0
        CMP          R13, R9, R8, GT
        JZ           L_0170
        ADD          R9, R8, R0
        JMP          L_0170
L_0168:
        ADD          R9, R4, R0
L_0170:
        READ_IO      R4, R23
        JMP          L_03C0
L_0180:
        LOAD_REG     R8, R0
        LOAD_CONST   R10, 1
        XOR          R8, R8, R10
        JZ           L_01B0
        SEND         20, R10
        SAFE_BOUNDARY R2, R0, 1
L_01B0:
        STORE_REG    R10, R0
        CMP          R2, R2, R0, LT
        SHL          R8, R7, R10
        CMP          R13, R5, R8, GT
        JNZ          L_02A8
        CMP          R3, R3, R0, LT
        SHL          R5, R5, R10
        CMP          R13, R7, R5, GT
        JNZ          L_0280
        CMP          R2, R0
        JNZ          L_0240
        CMP          R3, R0
        JNZ          L_0228
        LOAD_CONST   R5, 14745600
        JMP          L_02E8
L_0228:
        LOAD_CONST   R7, 8847360
        ADD          R5, R7, R0
        JMP          L_02E8
L_0240:
        CMP          R3, R0
        JNZ          L_0268
        LOAD_CONST   R7, 20643840
        ADD          R5, R7, R0
        JMP          L_02E8
L_0268:
        LOAD_CONST   R7, 2949120
        ADD          R5, R7, R0
        JMP          L_02E8
L_0280:
        CMP          R3, R0
        JZ           L_02D0
        LOAD_CONST   R3, 5898240
        ADD          R5, R3, R0
        JMP          L_02E8
L_02A8:
        CMP          R2, R0
        JNZ          L_02E0
        LOAD_CONST   R2, 11796480
        ADD          R5, R2, R0
        JMP          L_02E8
L_02D0:
        ADD          R5, R6, R0
        JMP          L_02E8
L_02E0:
        ADD          R5, R0, R0
L_02E8:
        READ_IO      R2, R19
        SUB          R5, R5, R2
        LOAD_CONST   R2, 11796480
        CMP          R13, R5, R2, GT
        JNZ          L_0340
        LOAD_CONST   R2, -11796480
        CMP          R13, R5, R2, LT
        JZ           L_0360
        LOAD_CONST   R2, 23592960
        ADD          R2, R5, R2
        JMP          L_0368
L_0340:
        LOAD_CONST   R3, 23592960
        SUB          R3, R5, R3
        ADD          R2, R3, R0
        JMP          L_0368
L_0360:
        ADD          R2, R5, R0
L_0368:
        SHR          R2, R2, R10, ASR
        LOAD_CONST   R3, -1966080
        LOAD_CONST   R5, 1966080
        CMP          R13, R2, R5, GT
        JZ           L_0398
        ADD          R2, R5, R0
L_0398:
        CMP          R13, R2, R3, LT
        JZ           L_03B0
        ADD          R2, R3, R0
L_03B0:
        ADD          R9, R5, R0
        ADD          R4, R2, R0
L_03C0:
        LOAD_REG     R2, R0, 8
        LOAD_CONST   R3, 262144
        ADD          R5, R2, R3
        CMP          R13, R9, R5, GT
        JZ           L_03F0
        ADD          R9, R5, R0
L_03F0:
        SUB          R2, R2, R3
        CMP          R13, R9, R2, LT
        JZ           L_0410
        ADD          R9, R2, R0
L_0410:
        LOAD_CONST   R2, 6553600
        CMP          R13, R9, R2, GT
        JZ           L_0430
        ADD          R9, R2, R0
L_0430:
        CMP          R13, R9, R0, LT
        JZ           L_0448
        ADD          R9, R0, R0
L_0448:
        WRITE_IO     R20, R9
        STORE_REG    R9, R0, 8
        LOAD_REG     R2, R0, 16
        LOAD_CONST   R3, 196608
        ADD          R5, R2, R3
        CMP          R13, R4, R5, GT
        JZ           L_0488
        ADD          R4, R5, R0
L_0488:
        SUB          R2, R2, R3
        CMP          R13, R4, R2, LT
        JZ           L_04A8
        ADD          R4, R2, R0
L_04A8:
        LOAD_CONST   R2, 1966080
        CMP          R13, R4, R2, GT
        JZ           L_04C8
        ADD          R4, R2, R0
L_04C8:
        LOAD_CONST   R2, -1966080
        CMP          R13, R4, R2, LT
        JZ           L_04E8
        ADD          R4, R2, R0
L_04E8:
        WRITE_IO     R21, R4
        STORE_REG    R4, R0, 16
        LOAD_REG     R2, R0, 24
        LOAD_CONST   R3, 131072
        ADD          R4, R2, R3
        CMP          R13, R1, R4, GT
        JZ           L_0528
        ADD          R1, R4, R0
L_0528:
        SUB          R2, R2, R3
        CMP          R13, R1, R2, LT
        JZ           L_0548
        ADD          R1, R2, R0
L_0548:
        LOAD_CONST   R2, 1310720
        CMP          R13, R1, R2, GT
        JZ           L_0568
        ADD          R1, R2, R0
L_0568:
        LOAD_CONST   R2, -1310720
        CMP          R13, R1, R2, LT
        JZ           L_0588
        ADD          R1, R2, R0
L_0588:
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
