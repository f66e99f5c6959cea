; READ_IO from several channels (an unset channel reads 0) and WRITE_IO to
; several, recorded in order; the IO registers themselves stay 0.
; args: --io 16=1000 --io 20=-5 --io 31=0x7FFFFFFF --max-cycles 100
READ_IO R1, R16
READ_IO R2, R20
READ_IO R3, R31
READ_IO R4, R25                ; not set: 0
ADD R5, R1, R2
WRITE_IO R17, R5
WRITE_IO R31, R3
WRITE_IO R16, R2
WRITE_IO R17, R4
READ_IO R6, R16                ; reading is not affected by writes
HALT
