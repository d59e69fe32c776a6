    .file "x.s"
    .section .note.GNU-stack, "", @progbits
    .section "quoted name", "aw", @progbits
    .section .text.vault, "ax", @progbits, color=3
    .color 5
    .compartment parser
    .compartment "vault-2"
    .compartment my-name
    .text
    .type f, %function
    .type g, "function"
    .type h, STT_FUNC
    .globl f, f.blk
f:
g:
h:  nop
    .p2align 4,,15
    .octa -1
    .byte 'a', '\n', '\'', '\\', '\x41', '\101'
    .string "a\"b\x41\101\e"
    .set i, 0
    .set i, i + 1
    x = 5
    y=x*2+(3<<1)|~1&!0
    .equiv z, 052 + 0b101 - 0x2a
    .balign 2
1:  b 1b
    j 1f
1:  j .+8
    j .-4
    load.i64 s0, 16(sp)
    load.u8 a0, (a1)
    lea.i64 a0, ib32(2)(pc)
    movq.i64 a0, ib64(3)
    j.i64 ra, ib64(3)
    cas.i64 a0, a1, (s0)
    sysread a0, colorread
    syswrite a0, 0x43
    add.i64.w a0, a1, r40
    compare.i64 a0, a1, lt
    .macro m p, q=3
    add.i64 \p, \p, \p
    \p\()0: nop
    lbl\@: nop
    .endm
    .macro n, a b
    .exitm
    .endm
    m a0, q=t0
    .rept 3
    nop
    .endr
    .irp r, a0, a1
    mov.i64 \r, \r
    .endr
    .ifdef x
    nop
    .elseif x == 5
    nop
    .else
    nop
    .endif
x2: .rept 2
    nop
    .endr
a: b: nop; nop ; nop
    /* a
       block */ nop
    // c++ comment
    ret
    .size f, . - f
    .long f - .
    .weak hook
    .common buf, 64, 8
    .end
