; The seed's bytecode playground: read a sensor, add a calibration constant,
; write an actuator, keep the result on the stack.
; args: --io 16=42
READ_IO R0, R16
LOAD_CONST R1, 100
ADD R2, R0, R1
WRITE_IO R17, R2
PUSH R2
HALT
