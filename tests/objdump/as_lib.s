# as_lib.s - second object for the golden test: a function in a color-5
# code section.
    .section    .text.vault, "ax", @progbits, color=5

    .globl      peek
    .type       peek, @function
peek:
    add.i64.w   s5, t3, a7
    load.u8.x   a0, -4000(sp)
    sysread     a0, colorread
    ret
