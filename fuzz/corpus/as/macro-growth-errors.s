# A macro that redefines a macro in each of 35 .irp copies and recurses
# 5 levels: 35^5 expansions, each an error; the error limit stops it.
    .macro      grow d
    .irp        r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35
    .macro      inner
    .endm
    .if         \d < 5
    grow        \d+1
    .endif
    .endr
    .endm
    grow        0
