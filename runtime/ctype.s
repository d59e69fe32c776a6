# ctype.s - character classes for the C locale (int argument, int result).

    .text

# int isdigit(int c)
    .globl      isdigit
    .type       isdigit, @function
isdigit:
    addi.i64    a0, -48
    li          t1, 10
    cmp.ltu.i64 a0, t1
    movi.i64    a0, 0
    movi.i64    t1, 1
    cmov.i64    a0, t1
    ret
    .size       isdigit, .-isdigit

# int isspace(int c): ' ' \t \n \v \f \r
    .globl      isspace
    .type       isspace, @function
isspace:
    li          t1, ' '
    cmp.eq.i64  a0, t1
    b           1f
    addi.i64    a0, -9
    li          t1, 5
    cmp.ltu.i64 a0, t1
    b           1f
    movi.i64    a0, 0
    ret
1:  movi.i64    a0, 1
    ret
    .size       isspace, .-isspace

# int isalpha(int c)
    .globl      isalpha
    .type       isalpha, @function
isalpha:
    li          t1, 32
    or.i64      a0, a0, t1
    addi.i64    a0, -97
    li          t1, 26
    cmp.ltu.i64 a0, t1
    movi.i64    a0, 0
    movi.i64    t1, 1
    cmov.i64    a0, t1
    ret
    .size       isalpha, .-isalpha

# int toupper(int c)
    .globl      toupper
    .type       toupper, @function
toupper:
    mov.i64     t1, a0
    addi.i64    t1, -97
    li          t2, 26
    cmp.ltu.i64 t1, t2
    b           1f
    ret
1:  addi.i64    a0, -32
    ret
    .size       toupper, .-toupper

# int tolower(int c)
    .globl      tolower
    .type       tolower, @function
tolower:
    mov.i64     t1, a0
    addi.i64    t1, -65
    li          t2, 26
    cmp.ltu.i64 t1, t2
    b           1f
    ret
1:  addi.i64    a0, 32
    ret
    .size       tolower, .-tolower
