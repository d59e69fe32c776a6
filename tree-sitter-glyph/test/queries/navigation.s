# navigation.s - input of tests/treesitter/queries.sh (tags, locals, folds)
    .globl main
    .type main, @function
main:
    call printf
.Lx:
    j .Lx
    .macro m reg, n=1
    addi.i64 \reg, \n
    .endm
    .irp r, a0, a1
    m \r
    .endr
    .if 1
    nop
    .endif
/* two
   lines */
