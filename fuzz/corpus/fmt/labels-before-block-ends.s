    .text
    .if 1
    nop
x:  .else  # c
    nop
y:  .endif
    .macro m
    nop
z:  .endm
    .rept 2
    nop
1:  .endr
    m
    j x
    .if 0
    nop
a: b: .elseif 1
    nop
longlabelname: .else
longername:   .endif
