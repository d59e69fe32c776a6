    .globl      f
f:  j           x
    .zero       300000
x:  j           f
    nop
