# relaxation: short, .w and far forms of j and b
    .text

    .globl      f
f:
    j           near                    # 16-bit: within 512 bytes
    b           near
    j           mid                     # 32-bit twin: beyond 512 bytes
    b           mid
    j.w         near                    # forced lengths stay
    b.w         near
near:
    .zero       1000
mid:
    j           f                       # backwards, 16-bit? no: 1000+ bytes -> .w
    j           other                   # another function -> far link form
    j           undefined_fn            # undefined -> far link form
    b           mid

    .globl      other
other:
    ret
    .balign     8
    .data
    .byte       1
    .balign     4
    .long       0x11223344
    .align      3, 0xaa
    .quad       -1
    .short      1, 2
    .octa       1
    .ascii      "ab", "c"
    .asciz      "d"
    .zero       3
    .zero       2, 0x55
    .long       other - f
    .section    .text.vault, "ax", @progbits, color=5

    .globl      v, v_block
v:  ret
    .color      6
    .section    .data.secret, "aw"
    .color      9
    .byte       7
    .bss
    .zero       16
    .common     cbuf, 32, 16
    .equ        ANSWER, 42
    .globl      ANSWER
