# as_prog.s - glyph-objdump golden test input: calls across objects and
# sections, pc-relative addresses, wide constants, short branches, an
# ibj, tail calls, and a color-3 data section.
    .section    .data.secret, "aw", @progbits, color=3
secret:
    .quad       42

    .section    .rodata
msg:
    .string     "hi\n"

    .text

    .globl      _start
    .type       _start, @function
_start:
    li          a0, 0x123456789
    la          a1, msg
    call        helper
    call        peek
    la          t1, secret
    load.i64    a0, 0(t1)
    li          t0, 93
    syscall

    .type       helper, @function
helper:
    movi.i64    a0, 5
1:  addi.i64    a0, -1
    cmp.eq.i64  a0, a1
    b           1b
    j           done
done:
    ibj         64
    ibj         -64
    ret

# tail calls (docs/abi.md): one the assembler resolves, one left to the
# linker as relocation groups
    .type       bounce, @function
bounce:
    tail        helper

    .type       bounce_far, @function
bounce_far:
    tail        peek
