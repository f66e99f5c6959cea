; thruster_ramp, written by hand: the same behaviour as
; examples/thruster_ramp.reflex, as an expert would write it for the VM.
; It keeps state in registers within the tick, reads a sensor only on the
; path that needs it, and branches on each CMP's result directly.
.meta intent "follow the thrust command with at most 20 %/s change, backing off on over-current"
.meta capability "read 16 17 18"
.meta capability "write 20"
.meta capability "a2a RATE_LIMIT"
.meta safety "range 20 -6553600 6553600"
.entry tick tick
.entry init init
.entry failsafe failsafe

.data
out:        .word 0
prev:       .word 0
cur_limit:  .word 1638400          ; 25 A
temp_limit: .word 5570560          ; 85 degC
evcnt:      .word 1                ; every 1 s = 100 ticks of 10 ms

.code
tick:   LOAD_REG   R1, R0, out
        READ_IO    R2, R17            ; motor_current
        LOAD_REG   R3, R0, cur_limit
        CMP        R4, R2, R3, GT
        JNZ        over
        READ_IO    R2, R18            ; motor_temp
        LOAD_REG   R3, R0, temp_limit
        CMP        R4, R2, R3, GT
        JNZ        over
        READ_IO    R2, R16            ; goal = thrust_cmd
        JMP        step
over:   LOAD_CONST R3, 65536          ; backoff 1 %
        CMP        R4, R1, R3, GT
        JZ         notabove
        SUB        R2, R1, R3
        JMP        step
notabove:
        SUB        R5, R0, R3
        CMP        R4, R1, R5, LT
        JZ         zero
        ADD        R2, R1, R3
        JMP        step
zero:   ADD        R2, R0, R0
step:   SUB        R2, R2, R1         ; goal - out
        LOAD_CONST R3, 13107          ; step = 20 %/s * 10 ms = 0.2 %
        CMP        R4, R2, R3, GT
        JZ         s1
        ADD        R2, R3, R0
s1:     SUB        R3, R0, R3
        CMP        R4, R2, R3, LT
        JZ         s2
        ADD        R2, R3, R0
s2:     ADD        R1, R1, R2
        STORE_REG  R1, R0, out
        LOAD_REG   R2, R0, evcnt
        LOAD_CONST R3, 1
        SUB        R2, R2, R3
        CMP        R4, R2, R0, LE
        JZ         noevery
        LOAD_CONST R2, 100
        RATE_LIMIT R1, R0, 20
noevery:
        STORE_REG  R2, R0, evcnt
        LOAD_REG   R2, R0, prev       ; thrust: rate 0.5 %, range -100 % .. 100 %
        LOAD_CONST R3, 32768
        ADD        R5, R2, R3
        CMP        R4, R1, R5, GT
        JZ         rl1
        ADD        R1, R5, R0
rl1:     SUB        R5, R2, R3
        CMP        R4, R1, R5, LT
        JZ         rl2
        ADD        R1, R5, R0
rl2:     LOAD_CONST R3, 6553600
        CMP        R4, R1, R3, GT
        JZ         c1
        ADD        R1, R3, R0
c1:     SUB        R3, R0, R3
        CMP        R4, R1, R3, LT
        JZ         c2
        ADD        R1, R3, R0
c2:     WRITE_IO   R20, R1
        STORE_REG  R1, R0, prev
        HALT

init:   STORE_REG  R0, R0, out
        HALT

failsafe:
        STORE_REG  R0, R0, out
        WRITE_IO   R20, R0
        STORE_REG  R0, R0, prev
        HALT
