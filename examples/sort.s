# sort.s - sort the lines of stdin (or of the files named) bytewise, like
# `LC_ALL=C sort`: the text grows with realloc, the lines are an array of
# pointers sorted by the libc qsort through a function pointer.

    .data
    .balign     8
by_line:
    .quad       cmp_line, cmp_line.const # function pointer: { entry, block }

    .section    .rodata
fmt_err:
    .string     "sort: %s: cannot open\n"

    .text

# int cmp_line(char *const *a, char *const *b)
    .type       cmp_line, @function
cmp_line:
    load.i64    a0, 0(a0)
    load.i64    a1, 0(a1)
    tail        strcmp

# char *slurp(int fd, char *text, long *len): append all of fd to the
# malloc'd text (length *len); returns the new text or NULL
    .type       slurp, @function
slurp:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0                  # s0: fd
    mov.i64     s1, a1                  # s1: text
    mov.i64     s2, a2                  # s2: &len
1:  mov.i64     a0, s1                  # room for 4096 more bytes and a NUL
    load.i64    a1, 0(s2)
    li          t1, 4097
    add.i64     a1, a1, t1
    call        realloc
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           9f
    mov.i64     s1, a0
    mov.i64     a0, s0
    load.i64    a1, 0(s2)
    add.i64     a1, a1, s1
    li          a2, 4096
    call        read
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           2f                      # end of file (or error)
    load.i64    t1, 0(s2)
    add.i64     t1, t1, a0
    store.i64   t1, 0(s2)
    j           1b
2:  mov.i64     a0, s1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    mov.i64     s0, a0                  # s0: argc
    mov.i64     s1, a1                  # s1: argv
    movi.i64    s2, 0                   # s2: text
    movi.i64    t1, 0
    store.i64   t1, 64(sp)              # 64(sp): text length
    movi.i64    s4, 0                   # s4: exit status
    movi.i64    t1, 2
    cmp.ge.i64  s0, t1
    b           1f
    movi.i64    a0, 0
    mov.i64     a1, s2
    mov.i64     a2, sp
    addi.i64    a2, 64
    call        slurp
    mov.i64     s2, a0
    j           4f
1:  movi.i64    s3, 1                   # s3: argument index
2:  cmp.ge.i64  s3, s0
    b           4f
    mov.i64     t1, s3
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a0, 0(t1)
    movi.i64    a1, 0
    movi.i64    a2, 0
    call        open
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           3f
    mov.i64     t1, s3
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a2, 0(t1)
    movi.i64    a0, 2
    la          a1, fmt_err
    call        dprintf
    li          s4, 2
    j           5f
3:  store.i64   a0, 72(sp)
    mov.i64     a1, s2
    mov.i64     a2, sp
    addi.i64    a2, 64
    call        slurp
    mov.i64     s2, a0
    load.i64    a0, 72(sp)
    call        close
    movi.i64    t1, 0                   # a file without a final newline still
    load.i64    t2, 64(sp)              # ends its last line
    cmp.eq.i64  t2, t1
    b           5f
    add.i64     t3, s2, t2
    load.u8     t4, -1(t3)
    li          t5, '\n'
    cmp.eq.i64  t4, t5
    b           5f
    store.i8    t5, 0(t3)
    addi.i64    t2, 1
    store.i64   t2, 64(sp)
    mov.i64     a0, s2
    mov.i64     a1, t2
    li          t1, 4097
    add.i64     a1, a1, t1
    call        realloc
    mov.i64     s2, a0
5:  addi.i64    s3, 1
    j           2b
4:  movi.i64    t1, 0
    cmp.eq.i64  s2, t1
    b           20f                     # no text at all
    # cut the text into lines: every '\n' becomes a NUL and the line
    # starts go to a pointer array (at most len + 1 lines)
    load.i64    t2, 64(sp)
    add.i64     t3, s2, t2
    movi.i64    t4, 0
    store.i8    t4, 0(t3)               # a NUL after the text
    mov.i64     a0, t2
    addi.i64    a0, 1
    slli.i64    a0, 3
    call        malloc
    mov.i64     s3, a0                  # s3: line pointers
    movi.i64    s0, 0                   # s0: lines
    mov.i64     t1, s2                  # t1: cursor, t6: end
    load.i64    t6, 64(sp)
    add.i64     t6, t6, s2
    li          t5, '\n'
    movi.i64    t7, 0
10: cmp.geu.i64 t1, t6
    b           13f
    mov.i64     t2, s0                  # a line starts at t1
    slli.i64    t2, 3
    add.i64     t2, t2, s3
    store.i64   t1, 0(t2)
    addi.i64    s0, 1
11: cmp.geu.i64 t1, t6
    b           13f                     # last line without a newline
    load.u8     t3, 0(t1)
    cmp.eq.i64  t3, t5
    b           12f
    addi.i64    t1, 1
    j           11b
12: store.i8    t7, 0(t1)
    addi.i64    t1, 1
    j           10b
13: mov.i64     a0, s3
    mov.i64     a1, s0
    li          a2, 8
    la          a3, by_line
    call        qsort
    movi.i64    s1, 0
14: cmp.ge.i64  s1, s0
    b           20f
    mov.i64     t1, s1
    slli.i64    t1, 3
    add.i64     t1, t1, s3
    load.i64    a0, 0(t1)
    call        puts
    addi.i64    s1, 1
    j           14b
20: mov.i64     a0, s4
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 128
    ret
