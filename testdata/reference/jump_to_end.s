; A jump to the label after the last instruction (= code length) ends the
; program like running off the end.
; args: --max-cycles 100
LOAD_CONST R1, 9
JMP end
LOAD_CONST R1, 99
HALT
end:
