    nop
/* never closed
    nop
