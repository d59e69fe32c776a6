    .macro m
    nop
    .endm
    .endm
    \@: nop ; ; ;
