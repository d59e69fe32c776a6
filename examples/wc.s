# wc.s - count lines, words and bytes of files (or stdin, also for "-"),
# printed as "lines words bytes [name]" (the POSIX format), with a
# "total" line for several files.  A file that cannot be read is reported
# on stderr and makes the exit status 1.
# A word is a maximal run of bytes other than space, \t \n \v \f \r.

    .bss
    .balign     64
buf:
    .zero       4096
counts:                                 # lines, words, bytes of the last count_fd
    .zero       24

    .section    .rodata
fmt_file:
    .string     "%ld %ld %ld %s\n"
fmt_stdin:
    .string     "%ld %ld %ld\n"
total:
    .string     "total"
dash:
    .string     "-"
fmt_err:
    .string     "wc: %s: cannot open\n"
fmt_rerr:
    .string     "wc: %s: read error\n"

    .text

# int count_fd(int fd): fill counts; 0, or -1 on a read error
    .globl      count_fd
    .type       count_fd, @function
count_fd:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    store.i64   s6, 56(sp)
    store.i64   s7, 64(sp)
    mov.i64     s0, a0                  # s0: fd
    movi.i64    s2, 0                   # s2: inside a word
    movi.i64    s3, 0                   # s3: lines
    movi.i64    s4, 0                   # s4: words
    movi.i64    s5, 0                   # s5: bytes
1:  mov.i64     a0, s0
    la          a1, buf
    li          a2, 4096
    call        read
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           8f
    cmp.eq.i64  a0, t1
    b           7f
    add.i64     s5, s5, a0
    la          s6, buf                 # s6: cursor, s7: end
    add.i64     s7, s6, a0
2:  cmp.geu.i64 s6, s7
    b           1b
    load.u8     t2, 0(s6)
    addi.i64    s6, 1
    li          t3, '\n'
    cmp.ne.i64  t2, t3
    b           3f
    addi.i64    s3, 1
3:  li          t3, ' '
    cmp.eq.i64  t2, t3
    b           4f
    addi.i64    t2, -9
    li          t3, 5
    cmp.ltu.i64 t2, t3
    b           4f
    movi.i64    t3, 0                   # not white space
    cmp.ne.i64  s2, t3
    b           2b
    movi.i64    s2, 1
    addi.i64    s4, 1
    j           2b
4:  movi.i64    s2, 0
    j           2b
7:  la          t1, counts
    store.i64   s3, 0(t1)
    store.i64   s4, 8(t1)
    store.i64   s5, 16(t1)
    movi.i64    a0, 0
    j           9f
8:  li          a0, -1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    load.i64    s6, 56(sp)
    load.i64    s7, 64(sp)
    addi.i64    sp, 128
    ret
    .size       count_fd, .-count_fd

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
    store.i64   s5, 48(sp)
    store.i64   s6, 56(sp)
    mov.i64     s0, a0                  # s0: argc
    mov.i64     s1, a1                  # s1: argv
    movi.i64    s3, 0                   # s3: exit status
    movi.i64    s4, 0                   # s4..s6: total lines, words, bytes
    movi.i64    s5, 0
    movi.i64    s6, 0
    movi.i64    t1, 2
    cmp.ge.i64  a0, t1
    b           1f
    movi.i64    a0, 0                   # no arguments: stdin
    call        count_fd
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           11f
    movi.i64    a0, 2
    la          a1, fmt_rerr
    la          a2, dash
    call        dprintf
    movi.i64    s3, 1
    j           9f
11: la          t1, counts
    la          a0, fmt_stdin
    load.i64    a1, 0(t1)
    load.i64    a2, 8(t1)
    load.i64    a3, 16(t1)
    call        printf
    j           9f
1:  movi.i64    s2, 1                   # s2: argument index
2:  cmp.ge.i64  s2, s0
    b           6f
    mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a0, 0(t1)
    store.i64   a0, 64(sp)              # 64(sp): the name
    la          a1, dash
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           3f                      # "-": stdin (a0 = 0)
    load.i64    a0, 64(sp)
    movi.i64    a1, 0
    movi.i64    a2, 0
    call        open
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           3f
    movi.i64    a0, 2
    la          a1, fmt_err
    load.i64    a2, 64(sp)
    call        dprintf
    movi.i64    s3, 1
    j           5f
3:  store.i64   a0, 72(sp)
    call        count_fd
    store.i64   a0, 80(sp)
    load.i64    a0, 72(sp)
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           31f                     # stdin stays open for another "-"
    call        close
31: load.i64    t1, 80(sp)
    movi.i64    t2, 0
    cmp.ge.i64  t1, t2
    b           4f
    movi.i64    a0, 2                   # a read error (a directory, say)
    la          a1, fmt_rerr
    load.i64    a2, 64(sp)
    call        dprintf
    movi.i64    s3, 1
    j           5f
4:  la          t1, counts
    load.i64    a1, 0(t1)
    load.i64    a2, 8(t1)
    load.i64    a3, 16(t1)
    add.i64     s4, s4, a1
    add.i64     s5, s5, a2
    add.i64     s6, s6, a3
    la          a0, fmt_file
    load.i64    a4, 64(sp)
    call        printf
5:  addi.i64    s2, 1
    j           2b
6:  li          t1, 3                   # several files: a total line
    cmp.lt.i64  s0, t1
    b           9f
    la          a0, fmt_file
    mov.i64     a1, s4
    mov.i64     a2, s5
    mov.i64     a3, s6
    la          a4, total
    call        printf
9:  mov.i64     a0, s3
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    load.i64    s6, 56(sp)
    addi.i64    sp, 128
    ret
    .size       main, .-main
