; The seed's bytecode playground: read a sensor, add a calibration
; constant, write the result to an actuator, and keep a copy on the stack.
;
;   go run ./cmd/nexusc run examples/playground.s --io 16=42 --state json
;
; Expected: R2 = 142, one IO write (17, 142), stack [142], 6 cycles, pc 40.

READ_IO   R0, R16        ; R0 = sensor on channel 16
LOAD_CONST R1, 100       ; calibration offset
ADD       R2, R0, R1     ; R2 = reading + offset
WRITE_IO  R17, R2        ; actuator on channel 17
PUSH      R2             ; keep a copy for the host
HALT
