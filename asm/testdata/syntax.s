# The seed reference's syntax and this assembler's extensions.
; Comments start with ';' or '#'.
start:                          # a label on its own line
	load_const r1 5             ; lower case, no commas, a tab before
	Load_Const R2,-0b101        ; mixed case, binary with sign
	LOAD_CONST R3,+0x1f
	LOAD_CONST	R4,	007     ; leading zeros are decimal
	ADD R1,R2,R3
loop: SUB R1, R1, R2 ; label before an instruction
	CMP R1, R0
	JNZ loop
a: b: NOP                       ; two labels on one line
	JMP a
	JMP b
	JMP start
	_x.y_2: HALT            ; names may hold '.', '_' and digits
	JMP _x.y_2
	CMP R3, R1, R2              ; rd ignored: warning
	JMP 4                       ; misaligned: warning
