# cat.s - copy files (or stdin, also for "-") to stdout with read/write.
# An unreadable file is reported on stderr and makes the exit status 1;
# a failed write to stdout (a full disk, say) is reported and ends cat
# with status 1.

    .bss
    .balign     64
buf:
    .zero       4096

    .section    .rodata
dash:
    .string     "-"
fmt_err:
    .string     "cat: %s: cannot open (errno %d)\n"
fmt_rerr:
    .string     "cat: %s: read error (errno %d)\n"
fmt_werr:
    .string     "cat: write error (errno %d)\n"

    .text

# long copy_fd(int fd): copy fd to stdout; 0 at end of file, -1 on a
# read error; a write error does not return (see write_failed)
    .globl      copy_fd
    .type       copy_fd, @function
copy_fd:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
1:  mov.i64     a0, s0
    la          a1, buf
    li          a2, 4096
    call        read
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           9f                      # 0: end of file, < 0: error
    la          s1, buf                 # s1: next byte, s2: bytes left
    mov.i64     s2, a0
2:  movi.i64    a0, 1
    mov.i64     a1, s1
    mov.i64     a2, s2
    call        write
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           8f
    add.i64     s1, s1, a0
    sub.i64     s2, s2, a0
    cmp.lt.i64  t1, s2
    b           2b
    j           1b
8:  call        write_failed
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       copy_fd, .-copy_fd

# write_failed(): report errno on stderr and exit(1)
    .type       write_failed, @function
write_failed:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, errno
    load.i32    a2, 0(t1)
    movi.i64    a0, 2
    la          a1, fmt_werr
    call        dprintf
    movi.i64    a0, 1
    call        exit
    load.i64    ra, 0(sp)               # not reached
    addi.i64    sp, 64
    ret
    .size       write_failed, .-write_failed

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    mov.i64     s0, a0                  # s0: argc
    mov.i64     s1, a1                  # s1: argv
    movi.i64    s3, 0                   # s3: exit status
    movi.i64    t1, 2
    cmp.ge.i64  a0, t1
    b           1f
    la          a0, dash                # no arguments: stdin, named "-"
    store.i64   a0, 40(sp)
    movi.i64    a0, 0
    store.i64   a0, 48(sp)
    j           4f
1:  movi.i64    s2, 1                   # s2: argument index
2:  cmp.ge.i64  s2, s0
    b           9f
    mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a0, 0(t1)
    store.i64   a0, 40(sp)              # 40(sp): the name
    la          a1, dash
    call        strcmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           3f
    movi.i64    a0, 0                   # "-": stdin
    store.i64   a0, 48(sp)
    j           4f
3:  load.i64    a0, 40(sp)
    movi.i64    a1, 0                   # O_RDONLY
    movi.i64    a2, 0
    call        open
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           4f
    la          t1, errno
    load.i32    a3, 0(t1)
    movi.i64    a0, 2
    la          a1, fmt_err
    load.i64    a2, 40(sp)
    call        dprintf
    movi.i64    s3, 1
    j           5f
4:  store.i64   a0, 48(sp)
    call        copy_fd
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           6f
    la          t1, errno               # a read error (a directory, say)
    load.i32    a3, 0(t1)
    movi.i64    a0, 2
    la          a1, fmt_rerr
    load.i64    a2, 40(sp)
    call        dprintf
    movi.i64    s3, 1
6:  load.i64    a0, 48(sp)
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           7f                      # stdin stays open for another "-"
    call        close
7:  movi.i64    t1, 2
    cmp.lt.i64  s0, t1
    b           9f                      # argc < 2: stdin was the only input
5:  addi.i64    s2, 1
    j           2b
9:  mov.i64     a0, s3
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
