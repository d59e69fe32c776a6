    .rept 2
    nop
    .endm
