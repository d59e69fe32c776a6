    .text
    .rept 2
    nop
longlabelname: .endr
    j longlabelname
    .macro m
    nop
anotherlong: .endm
    m
    m
