    nop
    .endif
