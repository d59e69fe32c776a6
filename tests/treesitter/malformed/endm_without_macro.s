    .endm
