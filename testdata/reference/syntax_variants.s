# Reference syntax variants: lower-case mnemonics and registers, operands
# separated by spaces only, '#' comments, +/- signs, hex, binary, and a
# case-sensitive label pair.
# args: --max-cycles 100
load_const r1 +25
load_const r2 -0
Load_Const R3 0x7fffffff
load_const r4 0b1111
add r5 r1 r4                   # 40
sub r6 r0 r3
jmp Skip
skip:
load_const r7 1
Skip:
load_const r8 2
halt
