; NEXUS program: 95 instructions, 1 data segments, 16 metadata records
; sha256 72f180d3720fe59db96799b87ff7d24b93d486e906e46709bf303bd25d437dd7

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
        READ_IO      R2, R18
        READ_IO      R3, R17
        LOAD_REG     R4, R0, 8
        CMP          R5, R4, R0, EQ
        LOAD_REG     R6, R0
        CMP          R6, R1, R6, GE
        AND          R5, R5, R6
        JNZ          L_00A8
        LOAD_CONST   R5, 1
        CMP          R5, R4, R5, EQ
        LOAD_CONST   R6, 65536
        CMP          R6, R1, R6, LT
        AND          R5, R5, R6
        JZ           L_0098
        LOAD_CONST   R5, 2
        STORE_REG    R5, R0, 8
        SEND         9, R5
        JMP          L_00C8
L_0098:
        ADD          R5, R4, R0
        JMP          L_00C8
L_00A8:
        LOAD_CONST   R4, 1
        STORE_REG    R4, R0, 8
        SEND         9, R4
        ADD          R5, R4, R0
L_00C8:
        CMP          R13, R5, R0, EQ
        JNZ          L_0170
        LOAD_CONST   R4, 1
        CMP          R13, R5, R4, EQ
        JNZ          L_0100
        LOAD_CONST   R4, 6553600
        JMP          L_0180
L_0100:
        LOAD_REG     R6, R0, 4
        SUB          R6, R6, R2
        LOAD_CONST   R2, 400
        MUL          R6, R6, R2
        LOAD_CONST   R2, -6553600
        LOAD_CONST   R7, 6553600
        CMP          R13, R6, R7, GT
        JZ           L_0148
        ADD          R6, R7, R0
L_0148:
        CMP          R13, R6, R2, LT
        JZ           L_0160
        ADD          R6, R2, R0
L_0160:
        ADD          R4, R6, R0
        JMP          L_0180
L_0170:
        LOAD_CONST   R2, -3932160
        ADD          R4, R2, R0
L_0180:
        LOAD_CONST   R2, 65536
        CMP          R13, R3, R2, LT
        JZ           L_01A8
        ADD          R2, R0, R0
        JMP          L_01B0
L_01A8:
        ADD          R2, R4, R0
L_01B0:
        LOAD_CONST   R3, 1
        CMP          R4, R5, R3, EQ
        LOAD_REG     R5, R0, 24
        SUB          R5, R5, R3
        CMP          R13, R5, R0, LE
        JNZ          L_01F0
        STORE_REG    R5, R0, 24
        JMP          L_0208
L_01F0:
        LOAD_CONST   R3, 4
        STORE_REG    R3, R0, 24
        REPORT_STATUS R1, R0, 9
L_0208:
        LOAD_REG     R1, R0, 16
        LOAD_CONST   R3, 655360
        ADD          R5, R1, R3
        CMP          R13, R2, R5, GT
        JZ           L_0238
        ADD          R2, R5, R0
L_0238:
        SUB          R1, R1, R3
        CMP          R13, R2, R1, LT
        JZ           L_0258
        ADD          R2, R1, R0
L_0258:
        LOAD_CONST   R1, 6553600
        CMP          R13, R2, R1, GT
        JZ           L_0278
        ADD          R2, R1, R0
L_0278:
        LOAD_CONST   R1, -6553600
        CMP          R13, R2, R1, LT
        JZ           L_0298
        ADD          R2, R1, R0
L_0298:
        WRITE_IO     R20, R2
        STORE_REG    R2, R0, 16
        WRITE_IO     R21, R4
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
