; RECV takes queued values in order, then 0xFFFFFFFF once the queue is
; empty; SEND queues (channel, value) pairs in order.
; args: --recv 5,6,-7 --max-cycles 100
RECV R1
RECV R2
RECV R3
RECV R4                        ; empty: 0xFFFFFFFF
RECV R5                        ; still empty
ADD R6, R1, R2
SEND R3, R6                    ; channel 3, value 11
SEND R0, R3                    ; channel 0, value -7
SEND R15, R4                   ; channel 15
HALT
