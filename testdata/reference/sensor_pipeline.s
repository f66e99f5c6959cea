; A small reflex: read two sensors, average them, clamp at 500, store the
; history in memory, send the result, write an actuator.
; args: --io 16=410 --io 18=730 --max-cycles 200
READ_IO R1, R16
READ_IO R2, R18
ADD R3, R1, R2
LOAD_CONST R4, 2
DIV R3, R3, R4                 ; average = 570
LOAD_CONST R5, 500
SUB R6, R5, R3                 ; 500 - avg
LOAD_CONST R7, 31
SHR R6, R6, R7                 ; 1 when avg > 500
JZ noclamp
ADD R3, R5, R0
noclamp:
LOAD_CONST R8, 0x8000
STORE_REG R1, R8, 0
STORE_REG R2, R8, 4
STORE_REG R3, R8, 8
LOAD_REG R9, R8, 8
SEND R2, R9
WRITE_IO R20, R9
SLEEP 1
HALT
