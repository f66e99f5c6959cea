; NEXUS program: 242 instructions, 1 data segments, 17 metadata records
; sha256 78b9b90147731a78346b62f872ea9cdc0593a51967bdcc038e25fd74b0a6abd3

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
        JZ           L_0080
        LOAD_CONST   R4, 23592960
        ADD          R4, R1, R4
        JMP          L_0088
L_0060:
        LOAD_CONST   R5, 23592960
        SUB          R5, R1, R5
        ADD          R4, R5, R0
        JMP          L_0088
L_0080:
        ADD          R4, R1, R0
L_0088:
        READ_IO      R1, R16
        READ_IO      R5, R17
        LOAD_CONST   R7, 6553600
        SUB          R8, R0, R1
        ADD          R9, R1, R0
        CMP          R13, R9, R8, LT
        JZ           L_00C8
        ADD          R9, R8, R0
L_00C8:
        LOAD_CONST   R8, 65536
        CMP          R10, R9, R8, LT
        SUB          R11, R0, R5
        ADD          R12, R5, R0
        CMP          R13, R12, R11, LT
        JZ           L_0100
        ADD          R12, R11, R0
L_0100:
        CMP          R11, R12, R8, LT
        AND          R10, R10, R11
        JNZ          L_04E8
        CMP          R13, R2, R3, GT
        JNZ          L_0158
        LOAD_CONST   R3, -11796480
        CMP          R13, R2, R3, LT
        JZ           L_0178
        LOAD_CONST   R3, 23592960
        ADD          R3, R2, R3
        JMP          L_0180
L_0158:
        LOAD_CONST   R10, 23592960
        SUB          R10, R2, R10
        ADD          R3, R10, R0
        JMP          L_0180
L_0178:
        ADD          R3, R2, R0
L_0180:
        LOAD_CONST   R2, 37480660
        MUL          R3, R3, R2, 31
        LOAD_CONST   R2, -1
        MUL          R2, R3, R2
        MUL          R2, R2, R3, 16
        LOAD_CONST   R10, 2
        DIV          R2, R2, R10
        ADD          R8, R8, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R10, 12
        DIV          R2, R2, R10
        ADD          R8, R8, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R11, 30
        DIV          R2, R2, R11
        ADD          R8, R8, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R11, 56
        DIV          R2, R2, R11
        ADD          R8, R8, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R11, 90
        DIV          R2, R2, R11
        ADD          R8, R8, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R11, 132
        DIV          R2, R2, R11
        ADD          R8, R8, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R11, 182
        DIV          R2, R2, R11
        ADD          R8, R8, R2
        SUB          R2, R0, R3
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R11, 6
        DIV          R2, R2, R11
        ADD          R11, R3, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R6, 20
        DIV          R2, R2, R6
        ADD          R11, R11, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R6, 42
        DIV          R2, R2, R6
        ADD          R11, R11, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R6, 72
        DIV          R2, R2, R6
        ADD          R11, R11, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R6, 110
        DIV          R2, R2, R6
        ADD          R11, R11, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R6, 156
        DIV          R2, R2, R6
        ADD          R11, R11, R2
        SUB          R2, R0, R2
        MUL          R2, R2, R3, 16
        MUL          R2, R2, R3, 16
        LOAD_CONST   R3, 210
        DIV          R2, R2, R3
        ADD          R11, R11, R2
        MUL          R2, R1, R8, 16
        MUL          R3, R5, R11, 16
        ADD          R2, R2, R3
        MUL          R5, R5, R8, 16
        MUL          R1, R1, R11, 16
        SUB          R5, R5, R1
        MUL          R2, R2, R10
        CMP          R13, R2, R7, GT
        JZ           L_0480
        ADD          R2, R7, R0
L_0480:
        LOAD_CONST   R15, -6553600
        CMP          R13, R2, R15, LT
        JZ           L_04A0
        ADD          R2, R15, R0
L_04A0:
        MUL          R5, R5, R10
        CMP          R13, R5, R7, GT
        JZ           L_04C0
        ADD          R5, R7, R0
L_04C0:
        LOAD_CONST   R15, -6553600
        CMP          R13, R5, R15, LT
        JZ           L_04F8
        ADD          R5, R15, R0
        JMP          L_04F8
L_04E8:
        ADD          R2, R0, R0
        ADD          R5, R0, R0
L_04F8:
        LOAD_REG     R1, R0, 24
        LOAD_CONST   R3, 1
        SUB          R1, R1, R3
        CMP          R13, R1, R0, LE
        JNZ          L_0530
        STORE_REG    R1, R0, 24
        JMP          L_0550
L_0530:
        LOAD_CONST   R1, 20
        STORE_REG    R1, R0, 24
        ADD          R9, R9, R12
        REPORT_STATUS R9, R0, 5
L_0550:
        LOAD_CONST   R1, 98304
        MUL          R4, R4, R1, 16
        CMP          R13, R4, R7, GT
        JZ           L_0578
        ADD          R4, R7, R0
L_0578:
        LOAD_CONST   R15, -6553600
        CMP          R13, R4, R15, LT
        JZ           L_0598
        ADD          R4, R15, R0
L_0598:
        LOAD_REG     R1, R0, 4
        LOAD_CONST   R3, 262144
        ADD          R6, R1, R3
        CMP          R13, R2, R6, GT
        JZ           L_05C8
        ADD          R2, R6, R0
L_05C8:
        SUB          R1, R1, R3
        CMP          R13, R2, R1, LT
        JZ           L_05E8
        ADD          R2, R1, R0
L_05E8:
        CMP          R13, R2, R7, GT
        JZ           L_0600
        ADD          R2, R7, R0
L_0600:
        LOAD_CONST   R15, -6553600
        CMP          R13, R2, R15, LT
        JZ           L_0620
        ADD          R2, R15, R0
L_0620:
        WRITE_IO     R20, R2
        STORE_REG    R2, R0, 4
        LOAD_REG     R1, R0, 12
        ADD          R2, R1, R3
        CMP          R13, R5, R2, GT
        JZ           L_0658
        ADD          R5, R2, R0
L_0658:
        SUB          R1, R1, R3
        CMP          R13, R5, R1, LT
        JZ           L_0678
        ADD          R5, R1, R0
L_0678:
        CMP          R13, R5, R7, GT
        JZ           L_0690
        ADD          R5, R7, R0
L_0690:
        LOAD_CONST   R15, -6553600
        CMP          R13, R5, R15, LT
        JZ           L_06B0
        ADD          R5, R15, R0
L_06B0:
        WRITE_IO     R21, R5
        STORE_REG    R5, R0, 12
        LOAD_REG     R1, R0, 20
        ADD          R2, R1, R3
        CMP          R13, R4, R2, GT
        JZ           L_06E8
        ADD          R4, R2, R0
L_06E8:
        SUB          R1, R1, R3
        CMP          R13, R4, R1, LT
        JZ           L_0708
        ADD          R4, R1, R0
L_0708:
        CMP          R13, R4, R7, GT
        JZ           L_0720
        ADD          R4, R7, R0
L_0720:
        LOAD_CONST   R15, -6553600
        CMP          R13, R4, R15, LT
        JZ           L_0740
        ADD          R4, R15, R0
L_0740:
        WRITE_IO     R22, R4
        STORE_REG    R4, R0, 20
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
