; NEXUS program: 95 instructions, 1 data segments, 16 metadata records
; sha256 792356d6a42ab99f20ac42aa783bd48e25c83cb0790516c2225bb357ada41d0c

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
        CMP          R3, R2, R0, EQ
        LOAD_REG     R4, R0
        CMP          R4, R1, R4, GE
        AND          R3, R3, R4
        JNZ          L_0098
        LOAD_CONST   R3, 1
        CMP          R3, R2, R3, EQ
        LOAD_CONST   R4, 65536
        CMP          R4, R1, R4, LT
        AND          R3, R3, R4
        JZ           L_0088
        LOAD_CONST   R3, 2
        STORE_REG    R3, R0, 8
        SEND         9, R3
        JMP          L_00B8
L_0088:
        ADD          R3, R2, R0
        JMP          L_00B8
L_0098:
        LOAD_CONST   R2, 1
        STORE_REG    R2, R0, 8
        SEND         9, R2
        ADD          R3, R2, R0
L_00B8:
        CMP          R13, R3, R0, EQ
        JNZ          L_0168
        LOAD_CONST   R2, 1
        CMP          R13, R3, R2, EQ
        JNZ          L_00F0
        LOAD_CONST   R2, 6553600
        JMP          L_0178
L_00F0:
        READ_IO      R4, R18
        LOAD_REG     R5, R0, 4
        SUB          R5, R5, R4
        LOAD_CONST   R4, 400
        MUL          R5, R5, R4
        LOAD_CONST   R4, -6553600
        LOAD_CONST   R6, 6553600
        CMP          R13, R5, R6, GT
        JZ           L_0140
        ADD          R5, R6, R0
L_0140:
        CMP          R13, R5, R4, LT
        JZ           L_0158
        ADD          R5, R4, R0
L_0158:
        ADD          R2, R5, R0
        JMP          L_0178
L_0168:
        LOAD_CONST   R4, -3932160
        ADD          R2, R4, R0
L_0178:
        READ_IO      R4, R17
        LOAD_CONST   R5, 65536
        CMP          R13, R4, R5, LT
        JZ           L_01A8
        ADD          R4, R0, R0
        JMP          L_01B0
L_01A8:
        ADD          R4, R2, R0
L_01B0:
        LOAD_CONST   R2, 1
        LOAD_REG     R5, R0, 24
        SUB          R5, R5, R2
        CMP          R13, R5, R0, LE
        JNZ          L_01E8
        STORE_REG    R5, R0, 24
        JMP          L_0200
L_01E8:
        LOAD_CONST   R5, 4
        STORE_REG    R5, R0, 24
        REPORT_STATUS R1, R0, 9
L_0200:
        CMP          R1, R3, R2, EQ
        LOAD_REG     R2, R0, 16
        LOAD_CONST   R3, 655360
        ADD          R5, R2, R3
        CMP          R13, R4, R5, GT
        JZ           L_0238
        ADD          R4, R5, R0
L_0238:
        SUB          R2, R2, R3
        CMP          R13, R4, R2, LT
        JZ           L_0258
        ADD          R4, R2, R0
L_0258:
        LOAD_CONST   R2, 6553600
        CMP          R13, R4, R2, GT
        JZ           L_0278
        ADD          R4, R2, R0
L_0278:
        LOAD_CONST   R2, -6553600
        CMP          R13, R4, R2, LT
        JZ           L_0298
        ADD          R4, R2, R0
L_0298:
        WRITE_IO     R20, R4
        STORE_REG    R4, R0, 16
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
