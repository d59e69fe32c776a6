    .byte 1 +
