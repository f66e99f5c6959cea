; Rule 6: capability manifest. Accepted: every use declared.
.meta capability "read 16 17"
.meta capability "write R18"
.meta capability "send 3"
.meta capability "a2a TELL declare_intent"
        READ_IO    R1, R16
        READ_IO    R2, R17
        WRITE_IO   R18, R1
        SEND       3, R2
        TELL       R1
        DECLARE_INTENT
        HALT
---
; Without capability records nothing is enforced.
        READ_IO    R1, R16
        WRITE_IO   R20, R1
        HALT
---
; An undeclared actuator write.
.meta capability "read 16"
.meta capability "write 17"
        READ_IO    R1, R16
        WRITE_IO   R17, R1
        WRITE_IO   R18, R1          ; ERROR V603 "writes IO channel 18, which the capability manifest does not declare"
        SEND       4, R1            ; ERROR V603 "sends on channel 4"
        ASK                         ; ERROR V603 "uses A2A opcode ASK"
        READ_IO    R1, R19          ; ERROR V603 "reads IO channel 19"
        HALT
---
; Unreachable uses need no declaration.
.meta capability "write 17"
        HALT
        WRITE_IO   R18, R1          ; WARNING V206 "WRITE_IO at 0x0008 is unreachable"
---
; Malformed records.
.meta capability "write 40"         ; ERROR* V601 "IO channel \"40\" is not 16..31"
.meta capability "a2a TEL"          ; ERROR* V601 "did you mean TELL?"
.meta capability "read"             ; ERROR* V601 "read needs at least one operand"
.meta safety "range 17 100 -100"    ; ERROR* V601 "lower bound 100 is above upper bound -100"
.meta safety "range 17 1"           ; ERROR* V601 "range needs a channel and two bounds"
.meta safety "max_speed 2.0"        ; WARNING* V602 "not understood by the validator"
.meta capability 7                  ; ERROR* V601 "is not text"
        HALT
---
; Malformed records are warnings under the budget policy.
; policy: budget
.meta capability "write 40"         ; WARNING* V601 "IO channel"
        HALT
