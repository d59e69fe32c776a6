# vault.s - the color-3 half of colors-vault: the secret and the only
# code allowed to read it.  Both sections carry color 3; the assembler
# gives reveal's immediate block the color of its code.

    .section    .data.secret, "aw", @progbits, color=3

    .globl      secret
secret:
    .string     "the owl flies at midnight"

    .section    .text.vault, "ax", @progbits, color=3

# long reveal(char *dst, long n): copy at most n - 1 bytes of the secret
# and a NUL to dst (color-0 memory); returns the length copied
    .globl      reveal
    .type       reveal, @function
reveal:
    la          t1, secret
    mov.i64     t5, a0
    movi.i64    t4, 0
    addi.i64    a1, -1
1:  cmp.ge.i64  t4, a1
    b           2f
    load.u8     t3, 0(t1)               # color 3 code reading color 3 data
    movi.i64    t2, 0
    cmp.eq.i64  t3, t2
    b           2f
    store.i8    t3, 0(t5)               # ... and writing color 0 memory
    addi.i64    t1, 1
    addi.i64    t5, 1
    addi.i64    t4, 1
    j           1b
2:  movi.i64    t2, 0
    store.i8    t2, 0(t5)
    mov.i64     a0, t4
    ret
    .size       reveal, .-reveal
