; NEXUS program: 237 instructions, 1 data segments, 17 metadata records
; sha256 4f47679679003f00a1b26822ba36cf3f5cc57c96d49bbd0e6342e30881678dae

.entry tick     tick
.entry failsafe failsafe

.meta intent           "hold position within 1 m of the station point with surge, sway and bow thrusters"
.meta narrative        "Dynamic station keeping for a survey USV.\n\nGNSS gives the vessel's north/east offset from the station point. The\nreflex turns the position error into surge and sway demands in the\nvessel's body frame (a rotation by the heading, computed with short\nTaylor series since the VM has no trigonometry) and drives the surge and\nsway thrusters with a proportional law. Inside a 1 m deadband it lets the\nvessel drift, saving power; the bow thruster holds the heading into the\ncurrent."
.meta trust            1058642330               ; float32 0.6
.meta precondition     "autonomy L3"
.meta capability       "read 16 17 18 19"
.meta capability       "write 20 21 22"
.meta capability       "a2a REPORT_STATUS"
.meta safety           "range 20 -6553600 6553600"
.meta safety           "range 21 -6553600 6553600"
.meta safety           "range 22 -6553600 6553600"
.meta type             "sensor north_err 16 num m range -6553600 6553600"
.meta type             "sensor east_err 17 num m range -6553600 6553600"
.meta type             "sensor heading 18 num deg range 0 23592960"
.meta type             "sensor heading_goal 19 num deg range 0 23592960"
.meta type             "actuator surge 20 num % range -6553600 6553600 safe 0 rate 262144"
.meta type             "actuator sway 21 num % range -6553600 6553600 safe 0 rate 262144"
.meta type             "actuator bow 22 num % range -6553600 6553600 safe 0 rate 262144"

tick:
        READ_IO      R1, R19
        READ_IO      R2, R18
        SUB          R1, R1, R2
        LOAD_CONST   R3, 11796480
        CMP          R13, R1, R3, GT
        JNZ          L_0060
        LOAD_CONST   R4, -11796480
        CMP          R13, R1, R4, LT
        JZ           L_0070
        LOAD_CONST   R4, 23592960
        ADD          R1, R1, R4
        JMP          L_0070
L_0060:
        LOAD_CONST   R4, 23592960
        SUB          R1, R1, R4
L_0070:
        READ_IO      R4, R16
        READ_IO      R5, R17
        LOAD_CONST   R7, 6553600
        SUB          R8, R0, R4
        ADD          R9, R4, R0
        CMP          R13, R9, R8, LT
        JZ           L_00B0
        ADD          R9, R8, R0
L_00B0:
        LOAD_CONST   R8, 65536
        SUB          R10, R0, R5
        ADD          R11, R5, R0
        CMP          R13, R11, R10, LT
        JZ           L_00E0
        ADD          R11, R10, R0
L_00E0:
        CMP          R13, R9, R8, LT
        JZ           L_0100
        CMP          R13, R11, R8, LT
        JNZ          L_04B8
L_0100:
        CMP          R13, R2, R3, GT
        JNZ          L_0140
        LOAD_CONST   R3, -11796480
        CMP          R13, R2, R3, LT
        JZ           L_0150
        LOAD_CONST   R3, 23592960
        ADD          R2, R2, R3
        JMP          L_0150
L_0140:
        LOAD_CONST   R3, 23592960
        SUB          R2, R2, R3
L_0150:
        LOAD_CONST   R3, 37480660
        MUL          R2, R2, R3, 31
        LOAD_CONST   R3, -1
        MUL          R3, R2, R3
        MUL          R3, R3, R2, 16
        LOAD_CONST   R10, 2
        DIV          R3, R3, R10
        ADD          R8, R8, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R10, 12
        DIV          R3, R3, R10
        ADD          R8, R8, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R12, 30
        DIV          R3, R3, R12
        ADD          R8, R8, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R12, 56
        DIV          R3, R3, R12
        ADD          R8, R8, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R12, 90
        DIV          R3, R3, R12
        ADD          R8, R8, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R12, 132
        DIV          R3, R3, R12
        ADD          R8, R8, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R12, 182
        DIV          R3, R3, R12
        ADD          R8, R8, R3
        SUB          R3, R0, R2
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R12, 6
        DIV          R3, R3, R12
        ADD          R12, R2, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R6, 20
        DIV          R3, R3, R6
        ADD          R12, R12, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R6, 42
        DIV          R3, R3, R6
        ADD          R12, R12, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R6, 72
        DIV          R3, R3, R6
        ADD          R12, R12, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R6, 110
        DIV          R3, R3, R6
        ADD          R12, R12, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R6, 156
        DIV          R3, R3, R6
        ADD          R12, R12, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R2, 210
        DIV          R2, R3, R2
        ADD          R12, R12, R2
        MUL          R2, R4, R8, 16
        MUL          R3, R5, R12, 16
        ADD          R2, R2, R3
        MUL          R5, R5, R8, 16
        MUL          R4, R4, R12, 16
        SUB          R5, R5, R4
        MUL          R2, R2, R10
        CMP          R13, R2, R7, GT
        JZ           L_0450
        ADD          R2, R7, R0
L_0450:
        LOAD_CONST   R15, -6553600
        CMP          R13, R2, R15, LT
        JZ           L_0470
        ADD          R2, R15, R0
L_0470:
        MUL          R5, R5, R10
        CMP          R13, R5, R7, GT
        JZ           L_0490
        ADD          R5, R7, R0
L_0490:
        LOAD_CONST   R15, -6553600
        CMP          R13, R5, R15, LT
        JZ           L_04C8
        ADD          R5, R15, R0
        JMP          L_04C8
L_04B8:
        ADD          R2, R0, R0
        ADD          R5, R0, R0
L_04C8:
        LOAD_REG     R3, R0, 24
        LOAD_CONST   R4, 1
        SUB          R3, R3, R4
        CMP          R13, R3, R0, LE
        JZ           L_0508
        ADD          R9, R9, R11
        REPORT_STATUS R9, R0, 5
        LOAD_CONST   R3, 20
L_0508:
        LOAD_CONST   R4, 98304
        MUL          R1, R1, R4, 16
        CMP          R13, R1, R7, GT
        JZ           L_0530
        ADD          R1, R7, R0
L_0530:
        LOAD_CONST   R15, -6553600
        CMP          R13, R1, R15, LT
        JZ           L_0550
        ADD          R1, R15, R0
L_0550:
        STORE_REG    R3, R0, 24
        LOAD_REG     R3, R0, 4
        LOAD_CONST   R4, 262144
        ADD          R6, R3, R4
        SUB          R3, R3, R4
        CMP          R13, R2, R6, GT
        JZ           L_05B8
        ADD          R2, R6, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R2, R15, LT
        JZ           L_05E8
        ADD          R2, R15, R0
        JMP          L_05E8
L_05B8:
        CMP          R13, R2, R3, LT
        JZ           L_05E8
        ADD          R2, R3, R0
        CMP          R13, R2, R7, GT
        JZ           L_05E8
        ADD          R2, R7, R0
L_05E8:
        WRITE_IO     R20, R2
        STORE_REG    R2, R0, 4
        LOAD_REG     R2, R0, 12
        ADD          R3, R2, R4
        SUB          R2, R2, R4
        CMP          R13, R5, R3, GT
        JZ           L_0650
        ADD          R5, R3, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R5, R15, LT
        JZ           L_0680
        ADD          R5, R15, R0
        JMP          L_0680
L_0650:
        CMP          R13, R5, R2, LT
        JZ           L_0680
        ADD          R5, R2, R0
        CMP          R13, R5, R7, GT
        JZ           L_0680
        ADD          R5, R7, R0
L_0680:
        WRITE_IO     R21, R5
        STORE_REG    R5, R0, 12
        LOAD_REG     R2, R0, 20
        ADD          R3, R2, R4
        SUB          R2, R2, R4
        CMP          R13, R1, R3, GT
        JZ           L_06E8
        ADD          R1, R3, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R1, R15, LT
        JZ           L_0718
        ADD          R1, R15, R0
        JMP          L_0718
L_06E8:
        CMP          R13, R1, R2, LT
        JZ           L_0718
        ADD          R1, R2, R0
        CMP          R13, R1, R7, GT
        JZ           L_0718
        ADD          R1, R7, R0
L_0718:
        WRITE_IO     R22, R1
        STORE_REG    R1, R0, 20
        HALT
failsafe:
        WRITE_IO     R20, R0
        STORE_REG    R0, R0, 4
        WRITE_IO     R21, R0
        STORE_REG    R0, R0, 12
        WRITE_IO     R22, R0
        STORE_REG    R0, R0, 20
        HALT

.data
.org 0x0000
        .word        0x00000000, 0x00000000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000000, 0x00000001
