; NEXUS program: 89 instructions, 1 data segments, 16 metadata records
; sha256 c58e92ec520397b230c413d2eea35d8adccf90f6cefa4022f8d04caf4a567d29

.entry tick     tick
.entry init     init
.entry failsafe failsafe

.meta intent           "profile from 500 dbar to the surface at 0.1 m/s, stop pumping below 1 degC"
.meta narrative        "CTD profiler for a buoyancy-driven float.\n\nThe float dives to a target pressure by pumping oil out of its external\nbladder, samples the water column on the way up at a fixed ascent rate,\nand parks at the surface. The pump is rate-limited to spare the motor;\nwater colder than the oil's pour point blocks the pump, so the reflex\nstops pumping below 1 degC."
.meta trust            1056964608               ; float32 0.5
.meta precondition     "autonomy L4"
.meta capability       "read 16 17 18"
.meta capability       "write 20 21"
.meta capability       "send 9"
.meta capability       "a2a REPORT_STATUS"
.meta safety           "range 20 -6553600 6553600"
.meta type             "sensor pressure 16 num dbar range 0 131072000"
.meta type             "sensor water_temp 17 num degC range -131072 2293760"
.meta type             "sensor rise_rate 18 num m/s range -65536 65536"
.meta type             "actuator pump 20 num % range -6553600 6553600 safe 6553600 rate 655360"
.meta type             "actuator sampler 21 bool safe 0"
.meta type             "param park_pressure @0 default 32768000"
.meta type             "param ascent @4 default 6554"

tick:
        READ_IO      R1, R16
        LOAD_REG     R2, R0, 8
        CMP          R13, R2, R0, EQ
        JZ           L_0038
        LOAD_REG     R3, R0
        CMP          R13, R1, R3, GE
        JNZ          L_0088
L_0038:
        LOAD_CONST   R3, 65536
        CMP          R13, R1, R3, LT
        JZ           L_00A8
        LOAD_CONST   R3, 1
        CMP          R13, R2, R3, EQ
        JZ           L_00A8
        LOAD_CONST   R2, 2
        STORE_REG    R2, R0, 8
        SEND         9, R2
        JMP          L_00B8
L_0088:
        LOAD_CONST   R2, 1
        STORE_REG    R2, R0, 8
        SEND         9, R2
        JMP          L_00B8
L_00A8:
        CMP          R13, R2, R0, EQ
        JNZ          L_0158
L_00B8:
        LOAD_CONST   R3, 1
        CMP          R13, R2, R3, EQ
        JNZ          L_00E0
        LOAD_CONST   R3, 6553600
        JMP          L_0160
L_00E0:
        READ_IO      R3, R18
        LOAD_REG     R4, R0, 4
        SUB          R4, R4, R3
        LOAD_CONST   R3, 400
        MUL          R4, R4, R3
        LOAD_CONST   R5, -6553600
        LOAD_CONST   R3, 6553600
        CMP          R13, R4, R3, GT
        JZ           L_0130
        ADD          R4, R3, R0
L_0130:
        ADD          R3, R4, R0
        CMP          R13, R3, R5, LT
        JZ           L_0160
        ADD          R3, R5, R0
        JMP          L_0160
L_0158:
        LOAD_CONST   R3, -3932160
L_0160:
        READ_IO      R4, R17
        LOAD_CONST   R5, 65536
        CMP          R13, R4, R5, LT
        JZ           L_0188
        ADD          R3, R0, R0
L_0188:
        LOAD_CONST   R4, 1
        LOAD_REG     R5, R0, 24
        SUB          R5, R5, R4
        CMP          R13, R5, R0, LE
        JZ           L_01C0
        REPORT_STATUS R1, R0, 9
        LOAD_CONST   R5, 4
L_01C0:
        CMP          R1, R2, R4, EQ
        STORE_REG    R5, R0, 24
        LOAD_REG     R2, R0, 16
        LOAD_CONST   R4, 655360
        ADD          R5, R2, R4
        SUB          R2, R2, R4
        CMP          R13, R3, R5, GT
        JZ           L_0230
        ADD          R3, R5, R0
        LOAD_CONST   R15, -6553600
        CMP          R13, R3, R15, LT
        JZ           L_0268
        ADD          R3, R15, R0
        JMP          L_0268
L_0230:
        CMP          R13, R3, R2, LT
        JZ           L_0268
        ADD          R3, R2, R0
        LOAD_CONST   R15, 6553600
        CMP          R13, R3, R15, GT
        JZ           L_0268
        ADD          R3, R15, R0
L_0268:
        WRITE_IO     R20, R3
        STORE_REG    R3, R0, 16
        WRITE_IO     R21, R1
        HALT
init:
        STORE_REG    R0, R0, 8
        SEND         9, R0
        HALT
failsafe:
        LOAD_CONST   R1, 6553600
        WRITE_IO     R20, R1
        STORE_REG    R1, R0, 16
        WRITE_IO     R21, R0
        HALT

.data
.org 0x0000
        .word        0x01F40000, 0x0000199A, 0x00000000, 0x00640000
        .word        0x00640000, 0x00000000, 0x00000001
