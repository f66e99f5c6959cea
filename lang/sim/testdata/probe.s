; A hand-written stand-in for a compiled reflex, to exercise the simulator.
; Sensors: depth (num, m) on 16, armed (bool) on 17. Actuator: thrust on 20
; (num, %), twice the depth. Every activation adds to a counter in data
; memory and sends it on channel 9 (outbox count, int): the tick adds 1,
; the failsafe 100, so the trace shows memory surviving the hand-over
; between machines. A received message is echoed on channel 7 (outbox echo,
; num). depth = 13 m traps (DIV_BY_ZERO); depth = 14 m loops until the
; budget runs out. init sends 1.0 on channel 8 (outbox hello).
.entry tick tick
.entry init init
.entry failsafe fs

tick:   READ_IO    R0, R16
        LOAD_CONST R3, 851968          ; 13 m
        CMP        R0, R3
        JNZ        notrap
        DIV        R4, R0, R15         ; R15 is 0: DIV_BY_ZERO
notrap: LOAD_CONST R3, 917504          ; 14 m
        CMP        R0, R3
        JNZ        go
spin:   JMP        spin
go:     ADD        R1, R0, R0
        WRITE_IO   R20, R1
        LOAD_REG   R5, R15, count
        LOAD_CONST R6, 1
        ADD        R5, R5, R6
        STORE_REG  R5, R15, count
        SEND       9, R5
        RECV       R6
        LOAD_CONST R7, -1
        CMP        R6, R7
        JZ         done
        SEND       7, R6
done:   HALT

init:   LOAD_CONST R1, 65536
        SEND       8, R1
        HALT

fs:     LOAD_CONST R1, 0
        WRITE_IO   R20, R1
        LOAD_REG   R5, R15, count
        LOAD_CONST R6, 100
        ADD        R5, R5, R6
        STORE_REG  R5, R15, count
        SEND       9, R5
        HALT

.data
count:  .word 0
