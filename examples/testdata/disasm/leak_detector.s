; NEXUS program: 105 instructions, 1 data segments, 18 metadata records
; sha256 8e50b77b09d1fdabf461bff3153cb7a84d6b4298b5493296a9abba4c35ce9141

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "on a confirmed hull leak drop the weight, surface and cut payload power"
.meta narrative        "Leak detector for a pressure-housing AUV.\n\nTwo conductivity leak probes (fore and aft) and the housing's internal\npressure watch for water ingress. A probe must read wet on five\nconsecutive ticks before the reflex acts, so a splash of condensation\ndoes not abort a dive. On a confirmed leak it drops the drop-weight,\ndrives the vertical thruster up, cuts the payload power and tells the\nfleet. A rising internal pressure on its own raises a warning first."
.meta trust            1050253722               ; float32 0.3
.meta precondition     "autonomy L1"
.meta capability       "read 16 17 18 19"
.meta capability       "write 20 21 22"
.meta capability       "send 12"
.meta capability       "a2a REPORT_STATUS EMERGENCY_CLAIM"
.meta safety           "range 21 0 6553600"
.meta type             "sensor leak_fore 16 bool"
.meta type             "sensor leak_aft 17 bool"
.meta type             "sensor housing_pressure 18 num dbar range 0 327680"
.meta type             "sensor housing_temp 19 num degC range -327680 5242880"
.meta type             "actuator drop_weight 20 bool safe 1"
.meta type             "actuator thrust_up 21 num % range 0 6553600 safe 0 rate 655360"
.meta type             "actuator payload_power 22 bool safe 0"
.meta type             "param pressure_warn @0 default 85197"
.meta type             "param temp_warn @4 default 3932160"

tick:
        READ_IO      R1, R16
        CMP          R13, R1, R0, NE
        JNZ          L_0048
        READ_IO      R1, R17
        CMP          R13, R1, R0, NE
        JNZ          L_0048
        STORE_REG    R0, R0, 8
        ADD          R1, R0, R0
        JMP          L_00E0
L_0048:
        LOAD_REG     R1, R0, 8
        LOAD_CONST   R2, 1
        ADD          R1, R1, R2
        LOAD_CONST   R2, 5
        CMP          R13, R1, R2, GT
        JZ           L_0080
        ADD          R1, R2, R0
L_0080:
        STORE_REG    R1, R0, 8
        LOAD_CONST   R2, 5
        CMP          R13, R1, R2, GE
        JZ           L_00E0
        LOAD_REG     R2, R0, 12
        LOAD_CONST   R3, 1
        XOR          R2, R2, R3
        JZ           L_00D8
        LOAD_CONST   R2, 2
        SEND         12, R2
        EMERGENCY_CLAIM R3, R0, 1
L_00D8:
        STORE_REG    R3, R0, 12
L_00E0:
        LOAD_REG     R2, R0, 12
        CMP          R2, R0
        JNZ          L_0188
        LOAD_CONST   R3, 1
        LOAD_REG     R4, R0, 16
        XOR          R4, R4, R3
        JZ           L_01A8
        READ_IO      R4, R18
        LOAD_REG     R5, R0
        CMP          R13, R4, R5, GT
        JNZ          L_0158
        READ_IO      R4, R19
        LOAD_REG     R5, R0, 4
        CMP          R13, R4, R5, GT
        JZ           L_01C8
L_0158:
        SEND         12, R3
        STORE_REG    R3, R0, 16
        ADD          R4, R0, R0
        ADD          R5, R3, R0
        ADD          R3, R0, R0
        JMP          L_01E0
L_0188:
        LOAD_CONST   R3, 1
        LOAD_CONST   R4, 6553600
        ADD          R5, R0, R0
        JMP          L_01E0
L_01A8:
        ADD          R4, R0, R0
        ADD          R5, R3, R0
        ADD          R3, R0, R0
        JMP          L_01E0
L_01C8:
        ADD          R4, R0, R0
        ADD          R5, R3, R0
        ADD          R3, R0, R0
L_01E0:
        LOAD_REG     R6, R0, 36
        LOAD_CONST   R7, 1
        SUB          R6, R6, R7
        CMP          R13, R6, R0, LE
        JZ           L_0238
        CMP          R2, R0
        JZ           L_0230
        REPORT_STATUS R1, R0, 2
        LOAD_CONST   R6, 20
        JMP          L_0238
L_0230:
        LOAD_CONST   R6, 20
L_0238:
        STORE_REG    R6, R0, 36
        WRITE_IO     R20, R3
        LOAD_REG     R1, R0, 28
        LOAD_CONST   R2, 655360
        ADD          R3, R1, R2
        SUB          R1, R1, R2
        CMP          R13, R4, R3, GT
        JZ           L_02A0
        ADD          R4, R3, R0
        CMP          R13, R4, R0, LT
        JZ           L_02D8
        ADD          R4, R0, R0
        JMP          L_02D8
L_02A0:
        CMP          R13, R4, R1, LT
        JZ           L_02D8
        ADD          R4, R1, R0
        LOAD_CONST   R15, 6553600
        CMP          R13, R4, R15, GT
        JZ           L_02D8
        ADD          R4, R15, R0
L_02D8:
        WRITE_IO     R21, R4
        STORE_REG    R4, R0, 28
        WRITE_IO     R22, R5
        HALT
init:
        STORE_REG    R0, R0, 8
        STORE_REG    R0, R0, 12
        STORE_REG    R0, R0, 16
        HALT
failsafe:
        LOAD_CONST   R1, 1
        WRITE_IO     R20, R1
        WRITE_IO     R21, R0
        STORE_REG    R0, R0, 28
        WRITE_IO     R22, R0
        HALT

.data
.org 0x0000
        .word        0x00014CCD, 0x003C0000, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000001, 0x00000000, 0x00000000
        .word        0x00000000, 0x00000001
