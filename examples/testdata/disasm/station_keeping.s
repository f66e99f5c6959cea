; NEXUS program: 232 instructions, 1 data segments, 17 metadata records
; sha256 34b3ea2f5d31d849c007bd40504608bb8e4854b38ab24e45204800414ff5b095

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
        ADD          R8, R4, R0
        CMP          R13, R8, R0, LT
        JZ           L_00A8
        SUB          R8, R0, R8
L_00A8:
        LOAD_CONST   R9, 65536
        ADD          R10, R5, R0
        CMP          R13, R10, R0, LT
        JZ           L_00D0
        SUB          R10, R0, R10
L_00D0:
        CMP          R13, R8, R9, LT
        JZ           L_00F0
        CMP          R13, R10, R9, LT
        JNZ          L_0490
L_00F0:
        CMP          R13, R2, R3, GT
        JNZ          L_0130
        LOAD_CONST   R3, -11796480
        CMP          R13, R2, R3, LT
        JZ           L_0140
        LOAD_CONST   R3, 23592960
        ADD          R2, R2, R3
        JMP          L_0140
L_0130:
        LOAD_CONST   R3, 23592960
        SUB          R2, R2, R3
L_0140:
        LOAD_CONST   R3, 37480660
        MUL          R2, R2, R3, 31
        SUB          R3, R0, R2
        MUL          R3, R3, R2, 16
        LOAD_CONST   R11, 2
        DIV          R11, R3, R11
        ADD          R9, R9, R11
        SUB          R11, R0, R11
        MUL          R11, R11, R2, 16
        MUL          R11, R11, R2, 16
        LOAD_CONST   R12, 12
        DIV          R11, R11, R12
        ADD          R9, R9, R11
        SUB          R11, R0, R11
        MUL          R11, R11, R2, 16
        MUL          R11, R11, R2, 16
        LOAD_CONST   R6, 30
        DIV          R6, R11, R6
        ADD          R9, R9, R6
        SUB          R6, R0, R6
        MUL          R6, R6, R2, 16
        MUL          R6, R6, R2, 16
        LOAD_CONST   R11, 56
        DIV          R6, R6, R11
        ADD          R9, R9, R6
        SUB          R6, R0, R6
        MUL          R6, R6, R2, 16
        MUL          R6, R6, R2, 16
        LOAD_CONST   R11, 90
        DIV          R6, R6, R11
        ADD          R9, R9, R6
        SUB          R6, R0, R6
        MUL          R6, R6, R2, 16
        MUL          R6, R6, R2, 16
        LOAD_CONST   R11, 132
        DIV          R6, R6, R11
        ADD          R9, R9, R6
        SUB          R6, R0, R6
        MUL          R6, R6, R2, 16
        MUL          R6, R6, R2, 16
        LOAD_CONST   R11, 182
        DIV          R6, R6, R11
        ADD          R9, R9, R6
        MUL          R3, R3, R2, 16
        LOAD_CONST   R6, 6
        DIV          R3, R3, R6
        ADD          R6, R2, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R11, 20
        DIV          R3, R3, R11
        ADD          R6, R6, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R11, 42
        DIV          R3, R3, R11
        ADD          R6, R6, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R11, 72
        DIV          R3, R3, R11
        ADD          R6, R6, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R11, 110
        DIV          R3, R3, R11
        ADD          R6, R6, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R11, 156
        DIV          R3, R3, R11
        ADD          R6, R6, R3
        SUB          R3, R0, R3
        MUL          R3, R3, R2, 16
        MUL          R3, R3, R2, 16
        LOAD_CONST   R2, 210
        DIV          R2, R3, R2
        ADD          R6, R6, R2
        MUL          R2, R4, R9, 16
        MUL          R3, R5, R6, 16
        ADD          R2, R2, R3
        MUL          R5, R5, R9, 16
        MUL          R4, R4, R6, 16
        SUB          R5, R5, R4
        MUL          R2, R2, R12
        CMP          R13, R2, R7, GT
        JZ           L_0428
        ADD          R2, R7, R0
L_0428:
        LOAD_CONST   R15, -6553600
        CMP          R13, R2, R15, LT
        JZ           L_0448
        ADD          R2, R15, R0
L_0448:
        MUL          R5, R5, R12
        CMP          R13, R5, R7, GT
        JZ           L_0468
        ADD          R5, R7, R0
L_0468:
        LOAD_CONST   R15, -6553600
        CMP          R13, R5, R15, LT
        JZ           L_04A0
        ADD          R5, R15, R0
        JMP          L_04A0
L_0490:
        ADD          R2, R0, R0
        ADD          R5, R0, R0
L_04A0:
        LOAD_REG     R3, R0, 24
        LOAD_CONST   R4, 1
        SUB          R3, R3, R4
        CMP          R13, R3, R0, LE
        JZ           L_04E0
        ADD          R8, R8, R10
        REPORT_STATUS R8, R0, 5
        LOAD_CONST   R3, 20
L_04E0:
        LOAD_CONST   R4, 98304
        MUL          R1, R1, R4, 16
        CMP          R13, R1, R7, GT
        JZ           L_0508
        ADD          R1, R7, R0
L_0508:
        LOAD_CONST   R15, -6553600
        CMP          R13, R1, R15, LT
        JZ           L_0528
        ADD          R1, R15, R0
L_0528:
        STORE_REG    R3, R0, 24
        LOAD_REG     R3, R0, 4
        LOAD_CONST   R4, 262144
        ADD          R6, R3, R4
        SUB          R3, R3, R4
        CMP          R13, R2, R6, GT
        JZ           L_0590
        ADD          R2, R6, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R2, R15, LT
        JZ           L_05C0
        ADD          R2, R15, R0
        JMP          L_05C0
L_0590:
        CMP          R13, R2, R3, LT
        JZ           L_05C0
        ADD          R2, R3, R0
        CMP          R13, R2, R7, GT
        JZ           L_05C0
        ADD          R2, R7, R0
L_05C0:
        WRITE_IO     R20, R2
        STORE_REG    R2, R0, 4
        LOAD_REG     R2, R0, 12
        ADD          R3, R2, R4
        SUB          R2, R2, R4
        CMP          R13, R5, R3, GT
        JZ           L_0628
        ADD          R5, R3, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R5, R15, LT
        JZ           L_0658
        ADD          R5, R15, R0
        JMP          L_0658
L_0628:
        CMP          R13, R5, R2, LT
        JZ           L_0658
        ADD          R5, R2, R0
        CMP          R13, R5, R7, GT
        JZ           L_0658
        ADD          R5, R7, R0
L_0658:
        WRITE_IO     R21, R5
        STORE_REG    R5, R0, 12
        LOAD_REG     R2, R0, 20
        ADD          R3, R2, R4
        SUB          R2, R2, R4
        CMP          R13, R1, R3, GT
        JZ           L_06C0
        ADD          R1, R3, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R1, R15, LT
        JZ           L_06F0
        ADD          R1, R15, R0
        JMP          L_06F0
L_06C0:
        CMP          R13, R1, R2, LT
        JZ           L_06F0
        ADD          R1, R2, R0
        CMP          R13, R1, R7, GT
        JZ           L_06F0
        ADD          R1, R7, R0
L_06F0:
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
