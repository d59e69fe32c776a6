    .macro m a
    nop
