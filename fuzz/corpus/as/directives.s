# A seed touching most of the language: macros, repetition, conditions,
# weak and named blocks, every pseudo-instruction, colors, data.
    .macro      push r
    addi.i64    sp, -64
    store.i64   \r, 0(sp)
    .endm
    .set        N, 3
    .section    .text.v, "ax", @progbits, color=2

    .weak       hook
    .globl      entry, entry_blk
entry:
    push        ra
    .rept       N
    li          a0, 0x123456789
    .endr
    .if         N > 2
    la          a1, table
    .else
    la          a1, 0
    .endif
    call        hook
    call        other
1:  j           2f
2:  tail        other

    .type       other, @function
other:
    ibj         64
    ibj         -64
    movq.i64    a0, ib64(0)
    ret
    .data
    .balign     8
table:
    .quad       entry, entry.const, hook
    .long       table - .
    .byte       1, 'a', '\n'
    .string     "x\ty"
    .bss
    .zero       16
    .comm       buf, 32, 8
