    .else
    nop
