    .string "abc
    nop
