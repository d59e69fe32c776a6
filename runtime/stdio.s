# stdio.s - buffered FILE streams (docs/runtime.md, "Streams"): stdin,
# stdout, stderr, fopen/fdopen/fclose, fread/fwrite, fgetc/getc/getchar,
# ungetc, fgets, fputc/putc/putchar, fputs/puts, fflush, setvbuf, feof,
# ferror, clearerr, fileno, isatty.  printf.s formats into these streams.
#
# A FILE (96 bytes, malloc'd by fopen; the three standard ones are static):
#    0 fd           8 flags        16 buffer (0: not allocated yet)
#   24 buffer size 32 read index   40 read end (bytes in the buffer)
#   48 write count (bytes buffered for output)
#   56 pushed-back byte (-1: none)  64 next fopen'd stream  72 1-byte buffer
# A stream is idle, reading or writing (flags); switching direction
# flushes the output or gives back unread input with lseek.  Output is
# written when the buffer fills, at a newline in line-buffered mode, at
# once when unbuffered, by fflush, and at exit (__grt_flushall, called by
# exit).  After a failed write the buffered bytes are dropped and the
# error flag stays set until clearerr.

    .include    "sysnum.inc"            # .LO_* open(2) flags (lib/oflags.def)

    .equ        F_FD, 0
    .equ        F_FLAGS, 8
    .equ        F_BUF, 16
    .equ        F_SIZE, 24
    .equ        F_RPOS, 32
    .equ        F_REND, 40
    .equ        F_WPOS, 48
    .equ        F_UNGOT, 56
    .equ        F_NEXT, 64
    .equ        F_ONE, 72
    .equ        FILE_SIZE, 96
    # flags
    .equ        S_READ, 1               # opened for reading
    .equ        S_WRITE, 2              # opened for writing
    .equ        S_EOF, 4                # end of file seen (sticky until clearerr)
    .equ        S_ERR, 8                # an error happened
    .equ        S_LBF, 16               # line buffered
    .equ        S_NBF, 32               # unbuffered
    .equ        S_OWNBUF, 64            # the buffer was malloc'd here
    .equ        S_AUTO, 128             # line buffered if a terminal (decided at first use)
    .equ        S_WRITING, 256          # the buffer holds output
    .equ        S_READING, 512          # the buffer holds input
    .equ        S_STATIC, 1024          # stdin/stdout/stderr: never freed
    .equ        BUFSIZ, 4096
    .equ        EBADF, 9
    .equ        EAGAIN, 11
    .equ        EINVAL, 22

    .data

    .balign     8
    .globl      stdin
    .type       stdin, @object
stdin:
    .quad       __grt_stdin

    .globl      stdout
    .type       stdout, @object
stdout:
    .quad       __grt_stdout

    .globl      stderr
    .type       stderr, @object
stderr:
    .quad       __grt_stderr
__grt_stdin:
    .quad       0, S_READ | S_STATIC, __grt_inbuf, BUFSIZ, 0, 0, 0, -1, 0, 0, 0, 0
__grt_stdout:
    .quad       1, S_WRITE | S_AUTO | S_STATIC, __grt_outbuf, BUFSIZ, 0, 0, 0, -1, 0, 0, 0, 0
__grt_stderr:
    .quad       2, S_WRITE | S_NBF | S_STATIC, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0
__grt_files:                            # fopen'd streams, newest first
    .quad       0

    .bss
    .balign     64
__grt_inbuf:
    .zero       BUFSIZ
__grt_outbuf:
    .zero       BUFSIZ

    .text

# enter F, DIR, FAIL: unless stream F (an s-register) is in mode DIR
# (S_READING or S_WRITING) already, __grt_setup(F, DIR), on to FAIL when
# that fails (a macro: a0, a1, t1..t3)
    .macro      enter f, dir, fail
    load.i64    t1, F_FLAGS(\f)
    li          t2, \dir
    and.i64     t1, t1, t2
    movi.i64    t3, 0
    cmp.ne.i64  t1, t3
    b           .Lin\@
    mov.i64     a0, \f
    li          a1, \dir
    call        __grt_setup
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           \fail
.Lin\@:
    .endm

# seterr(f, errno): set S_ERR and errno; returns -1 (a macro: t1, t2)
    .macro      seterr f, e
    load.i64    t1, F_FLAGS(\f)
    li          t2, S_ERR
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(\f)
    li          t1, \e
    la          t2, errno
    store.i32   t1, 0(t2)
    .endm

# int isatty(int fd): 1 for a terminal, else 0 (errno ENOTTY or EBADF)
    .globl      isatty
    .type       isatty, @function
isatty:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          a1, 0x5401              # TCGETS; the termios lands at 8..44(sp)
    mov.i64     a2, sp
    addi.i64    a2, 8
    call        ioctl
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    movi.i64    a0, 1
    b           1f
    movi.i64    a0, 0
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       isatty, .-isatty

# long __grt_writeall(int fd, const void *p, long n): write all n bytes,
# again after partial writes; returns the bytes written (< n after an
# error, errno set; EINTR is an error, as in C's stdio)
    .globl      __grt_writeall
    .type       __grt_writeall, @function
__grt_writeall:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    movi.i64    s3, 0                   # written so far
1:  cmp.geu.i64 s3, s2
    b           9f
    mov.i64     a0, s0
    add.i64     a1, s1, s3
    sub.i64     a2, s2, s3
    call        write
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           9f                      # an error (EINTR too) or nothing written: give up
    add.i64     s3, s3, a0
    j           1b
9:  mov.i64     a0, s3
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_writeall, .-__grt_writeall

# int __grt_unread(FILE *f): leave reading mode; unread input (and a
# pushed-back byte) is given back to the file with lseek
    .type       __grt_unread, @function
__grt_unread:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    load.i64    t1, F_FLAGS(s0)
    li          t2, ~S_READING
    and.i64     t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
    load.i64    t1, F_REND(s0)
    load.i64    t2, F_RPOS(s0)
    sub.i64     a1, t1, t2              # a1: bytes read ahead
    load.i64    t3, F_UNGOT(s0)
    movi.i64    t4, 0
    cmp.lt.i64  t3, t4
    b           1f
    addi.i64    a1, 1
1:  store.i64   t4, F_RPOS(s0)
    store.i64   t4, F_REND(s0)
    li          t3, -1
    store.i64   t3, F_UNGOT(s0)
    cmp.eq.i64  a1, t4
    b           9f
    neg.i64     a1, a1
    load.i64    a0, F_FD(s0)
    movi.i64    a2, 1                   # SEEK_CUR; fails harmlessly on pipes
    call        lseek
9:  movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_unread, .-__grt_unread

# int __grt_setup(FILE *f, long dir): enter writing (dir = S_WRITING) or
# reading (S_READING) mode: check the stream was opened for it (else
# EBADF), decide line buffering on a terminal, allocate the buffer,
# finish the other direction.  0, or -1
# s0 f, s1 dir
    .type       __grt_setup, @function
__grt_setup:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    load.i64    t1, F_FLAGS(s0)
    li          t2, S_WRITE
    li          t3, S_READ
    li          t4, S_WRITING
    cmp.eq.i64  s1, t4
    ncmov.i64   t2, t3                  # t2: the permission needed
    and.i64     t3, t1, t2
    movi.i64    t4, 0
    cmp.ne.i64  t3, t4
    b           1f
    seterr      s0, EBADF
    li          a0, -1
    j           99f
1:  li          t2, S_WRITING           # first output: a terminal is line buffered
    cmp.ne.i64  s1, t2
    b           2f
    li          t2, S_AUTO
    and.i64     t3, t1, t2
    cmp.eq.i64  t3, t4
    b           2f
    not.i64     t2, t2
    and.i64     t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
    la          t1, errno               # isatty's ENOTTY is not the caller's business
    load.i32    t2, 0(t1)
    store.i64   t2, 24(sp)
    load.i64    a0, F_FD(s0)
    call        isatty
    la          t1, errno
    load.i64    t2, 24(sp)
    store.i32   t2, 0(t1)
    movi.i64    t4, 0
    cmp.eq.i64  a0, t4
    b           2f
    load.i64    t1, F_FLAGS(s0)
    li          t2, S_LBF
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
2:  load.i64    t1, F_FLAGS(s0)         # leave the other direction
    li          t2, S_READING
    and.i64     t3, t1, t2
    movi.i64    t4, 0
    cmp.eq.i64  t3, t4
    b           3f
    mov.i64     a0, s0
    call        __grt_unread
3:  load.i64    t1, F_FLAGS(s0)
    li          t2, S_WRITING
    and.i64     t3, t1, t2
    movi.i64    t4, 0
    cmp.eq.i64  t3, t4
    b           4f
    mov.i64     a0, s0
    call        fflush
    load.i64    t1, F_FLAGS(s0)
    li          t2, ~S_WRITING
    and.i64     t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
    movi.i64    t4, 0
    cmp.ne.i64  a0, t4
    b           98f
4:  load.i64    t1, F_FLAGS(s0)         # a buffer
    li          t2, S_NBF
    and.i64     t3, t1, t2
    cmp.eq.i64  t3, t4
    b           5f
    mov.i64     t3, s0                  # unbuffered: reads go through 1 byte
    addi.i64    t3, F_ONE
    store.i64   t3, F_BUF(s0)
    movi.i64    t3, 1
    store.i64   t3, F_SIZE(s0)
    j           7f
5:  load.i64    t3, F_BUF(s0)
    cmp.ne.i64  t3, t4
    b           7f
    load.i64    a0, F_SIZE(s0)
    call        malloc
    load.i64    t1, F_FLAGS(s0)
    movi.i64    t4, 0
    cmp.ne.i64  a0, t4
    b           6f
    li          t2, S_NBF               # no memory: unbuffered
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
    mov.i64     a0, s0
    mov.i64     a1, s1
    call        __grt_setup
    j           99f
6:  store.i64   a0, F_BUF(s0)
    li          t2, S_OWNBUF
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
7:  load.i64    t1, F_FLAGS(s0)
    or.i64      t1, t1, s1
    store.i64   t1, F_FLAGS(s0)
    movi.i64    a0, 0
    j           99f
98: li          a0, -1
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_setup, .-__grt_setup

# int fflush(FILE *f): write out f's buffer; NULL: every stream.  0 or EOF
    .globl      fflush
    .type       fflush, @function
fflush:
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           1f
    tail        __grt_flushall
1:  addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    load.i64    t1, F_FLAGS(s0)
    li          t2, S_WRITING
    and.i64     t1, t1, t2
    movi.i64    a0, 0
    cmp.eq.i64  t1, a0
    b           9f                      # no output held
    load.i64    a2, F_WPOS(s0)
    cmp.eq.i64  a2, a0
    b           9f
    movi.i64    t1, 0
    store.i64   t1, F_WPOS(s0)
    store.i64   a2, 16(sp)
    load.i64    a0, F_FD(s0)
    load.i64    a1, F_BUF(s0)
    call        __grt_writeall
    load.i64    t1, 16(sp)
    cmp.eq.i64  a0, t1
    movi.i64    a0, 0
    b           9f
    load.i64    t1, F_FLAGS(s0)         # a write failed: errno is set
    li          t2, S_ERR
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
    li          a0, -1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       fflush, .-fflush

# int __grt_flushall(void): fflush stdout, stderr and every fopen'd
# stream (exit calls it); 0, or EOF when one failed
    .globl      __grt_flushall
    .type       __grt_flushall, @function
__grt_flushall:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    la          a0, __grt_stdout
    call        fflush
    mov.i64     s1, a0
    la          a0, __grt_stderr
    call        fflush
    or.i64      s1, s1, a0
    la          t1, __grt_files
    load.i64    s0, 0(t1)
1:  movi.i64    t1, 0
    cmp.eq.i64  s0, t1
    b           9f
    mov.i64     a0, s0
    call        fflush
    or.i64      s1, s1, a0
    load.i64    s0, F_NEXT(s0)
    j           1b
9:  mov.i64     a0, s1
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_flushall, .-__grt_flushall

# size_t fwrite(const void *p, size_t size, size_t n, FILE *f): the
# elements written (fewer after an error)
# s0 p, s1 size, s2 total bytes, s3 f
    .globl      fwrite
    .type       fwrite, @function
fwrite:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mul.i64     s2, a1, a2
    mov.i64     s3, a3
    movi.i64    a0, 0
    cmp.eq.i64  s2, a0
    b           99f
    enter       s3, S_WRITING, 98f
    load.i64    t1, F_FLAGS(s3)
    li          t2, S_NBF
    and.i64     t2, t1, t2
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           5f                      # unbuffered: straight out
    load.i64    t4, F_SIZE(s3)
    load.i64    t5, F_WPOS(s3)
    sub.i64     t6, t4, t5              # room
    cmp.geu.i64 t6, s2
    b           3f                      # fits
    mov.i64     a0, s3                  # make room
    call        fflush
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           98f
    load.i64    t4, F_SIZE(s3)
    cmp.geu.i64 s2, t4
    b           5f                      # as big as the buffer: straight out
3:  load.i64    a0, F_BUF(s3)           # into the buffer
    load.i64    t5, F_WPOS(s3)
    add.i64     a0, a0, t5
    add.i64     t5, t5, s2
    store.i64   t5, F_WPOS(s3)
    mov.i64     a1, s0
    mov.i64     a2, s2
    call        memcpy
    load.i64    t1, F_FLAGS(s3)
    li          t2, S_LBF
    and.i64     t1, t1, t2
    movi.i64    t3, 0
    cmp.eq.i64  t1, t3
    b           97f                     # fully buffered: done
    mov.i64     a0, s0                  # line buffered: flush at a newline
    li          a1, '\n'
    mov.i64     a2, s2
    call        memchr
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           97f
    mov.i64     a0, s3
    call        fflush
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           98f
    j           97f
5:  load.i64    a0, F_FD(s3)            # write p directly
    mov.i64     a1, s0
    mov.i64     a2, s2
    call        __grt_writeall
    cmp.eq.i64  a0, s2
    b           6f
    load.i64    t1, F_FLAGS(s3)
    li          t2, S_ERR
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s3)
6:  divu.i64    a0, a0, s1
    j           99f
97: divu.i64    a0, s2, s1
    j           99f
98: movi.i64    a0, 0
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
    .size       fwrite, .-fwrite

# __grt_fbuf_reserve(FILE *f): for printf, which formats straight into a
# fully buffered stream: a0 = the free part of f's buffer, a1 = its size;
# a0 = 0 when f is line buffered, unbuffered or not writable (printf then
# goes through fwrite)
    .globl      __grt_fbuf_reserve
    .type       __grt_fbuf_reserve, @function
__grt_fbuf_reserve:
    load.i64    t1, F_FLAGS(a0)
    li          t2, S_WRITING
    and.i64     t2, t1, t2
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           1f
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a0, 8(sp)
    li          a1, S_WRITING
    call        __grt_setup
    mov.i64     t4, a0
    load.i64    a0, 8(sp)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    movi.i64    t3, 0
    cmp.ne.i64  t4, t3
    b           2f
    load.i64    t1, F_FLAGS(a0)
1:  li          t2, S_LBF | S_NBF
    and.i64     t2, t1, t2
    cmp.ne.i64  t2, t3
    b           2f
    load.i64    t1, F_BUF(a0)
    load.i64    t2, F_WPOS(a0)
    load.i64    a1, F_SIZE(a0)
    sub.i64     a1, a1, t2
    add.i64     a0, t1, t2
    ret
2:  movi.i64    a0, 0
    movi.i64    a1, 0
    ret
    .size       __grt_fbuf_reserve, .-__grt_fbuf_reserve

# int __grt_fbuf_commit(FILE *f, long n): n bytes were placed where
# __grt_fbuf_reserve said; a full buffer is flushed.  0, or EOF
    .globl      __grt_fbuf_commit
    .type       __grt_fbuf_commit, @function
__grt_fbuf_commit:
    load.i64    t1, F_WPOS(a0)
    add.i64     t1, t1, a1
    store.i64   t1, F_WPOS(a0)
    load.i64    t2, F_SIZE(a0)
    cmp.geu.i64 t1, t2
    b           1f
    movi.i64    a0, 0
    ret
1:  tail        fflush
    .size       __grt_fbuf_commit, .-__grt_fbuf_commit

# int fputc(int c, FILE *f): c as an unsigned char, or EOF
    .globl      fputc
    .type       fputc, @function
fputc:
    li          t1, 255
    and.i64     a0, a0, t1
    load.i64    t1, F_FLAGS(a1)         # fast path: writing, fully buffered, room
    li          t2, S_WRITING | S_NBF | S_LBF
    and.i64     t1, t1, t2
    li          t2, S_WRITING
    cmp.ne.i64  t1, t2
    b           1f
    load.i64    t3, F_WPOS(a1)
    load.i64    t4, F_SIZE(a1)
    cmp.geu.i64 t3, t4
    b           1f
    load.i64    t4, F_BUF(a1)
    add.i64     t4, t4, t3
    store.i8    a0, 0(t4)
    addi.i64    t3, 1
    store.i64   t3, F_WPOS(a1)
    ret
1:  addi.i64    sp, -64                 # otherwise through fwrite
    store.i64   ra, 0(sp)
    store.i64   a0, 8(sp)
    mov.i64     a3, a1
    mov.i64     a0, sp
    addi.i64    a0, 8
    movi.i64    a1, 1
    movi.i64    a2, 1
    call        fwrite
    movi.i64    t1, 1
    cmp.eq.i64  a0, t1
    load.i64    a0, 8(sp)
    b           2f
    li          a0, -1
2:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       fputc, .-fputc

# int putc(int c, FILE *f): fputc
    .globl      putc
    .type       putc, @function
putc:
    tail        fputc
    .size       putc, .-putc

# int putchar(int c): fputc(c, stdout)
    .globl      putchar
    .type       putchar, @function
putchar:
    la          t1, stdout
    load.i64    a1, 0(t1)
    tail        fputc
    .size       putchar, .-putchar

# int fputs(const char *s, FILE *f): 0, or EOF
    .globl      fputs
    .type       fputs, @function
fputs:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    call        strlen
    mov.i64     s2, a0
    mov.i64     a0, s0
    movi.i64    a1, 1
    mov.i64     a2, s2
    mov.i64     a3, s1
    call        fwrite
    cmp.eq.i64  a0, s2
    movi.i64    a0, 0
    b           1f
    li          a0, -1
1:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       fputs, .-fputs

# int puts(const char *s): s and a newline on stdout; 0, or EOF
    .globl      puts
    .type       puts, @function
puts:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, stdout
    load.i64    a1, 0(t1)
    call        fputs
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           1f
    li          a0, '\n'
    la          t1, stdout
    load.i64    a1, 0(t1)
    call        fputc
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           1f
    movi.i64    a0, 0
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       puts, .-puts

# long __grt_rawread(FILE *f, void *p, long n): read up to n bytes of f's
# file: first flush a line-buffered stdout (so a prompt shows before the
# program waits for input); sets S_EOF at the end of the file (which
# stays until clearerr), S_ERR on errors (EINTR too, as in C's stdio);
# > 0, or -1
# s0 f, s1 p, s2 n
    .type       __grt_rawread, @function
__grt_rawread:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    load.i64    t1, F_FLAGS(s0)
    li          t2, S_EOF
    and.i64     t1, t1, t2
    movi.i64    t3, 0
    cmp.ne.i64  t1, t3
    b           8f
    la          a0, __grt_stdout
    load.i64    t1, F_FLAGS(a0)
    li          t2, S_LBF | S_WRITING
    and.i64     t1, t1, t2
    cmp.ne.i64  t1, t2
    b           1f
    call        fflush
1:  load.i64    a0, F_FD(s0)
    mov.i64     a1, s1
    mov.i64     a2, s2
    call        read
    movi.i64    t1, 0
    cmp.lt.i64  t1, a0
    b           9f                      # got bytes
    cmp.eq.i64  a0, t1
    b           7f
    load.i64    t1, F_FLAGS(s0)         # an error, EINTR included
    li          t2, S_ERR
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
    j           8f
7:  load.i64    t1, F_FLAGS(s0)         # end of file
    li          t2, S_EOF
    or.i64      t1, t1, t2
    store.i64   t1, F_FLAGS(s0)
8:  li          a0, -1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_rawread, .-__grt_rawread

# int __grt_refill(FILE *f): enter reading mode and fill an empty buffer;
# 0, or -1 (end of file, error, not readable)
    .type       __grt_refill, @function
__grt_refill:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    enter       s0, S_READING, 9f
    mov.i64     a0, s0
    load.i64    a1, F_BUF(s0)
    load.i64    a2, F_SIZE(s0)
    call        __grt_rawread
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           9f
    store.i64   t1, F_RPOS(s0)
    store.i64   a0, F_REND(s0)
    movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_refill, .-__grt_refill

# int fgetc(FILE *f): the next byte, or EOF
    .globl      fgetc
    .type       fgetc, @function
fgetc:
    load.i64    t1, F_UNGOT(a0)
    movi.i64    t2, 0
    cmp.lt.i64  t1, t2
    b           1f
    li          t3, -1                  # the pushed-back byte
    store.i64   t3, F_UNGOT(a0)
    mov.i64     a0, t1
    ret
1:  load.i64    t1, F_FLAGS(a0)
    li          t3, S_READING
    and.i64     t1, t1, t3
    cmp.eq.i64  t1, t2
    b           2f
    load.i64    t1, F_RPOS(a0)
    load.i64    t3, F_REND(a0)
    cmp.geu.i64 t1, t3
    b           2f
    load.i64    t3, F_BUF(a0)           # from the buffer
    add.i64     t3, t3, t1
    addi.i64    t1, 1
    store.i64   t1, F_RPOS(a0)
    load.u8     a0, 0(t3)
    ret
2:  addi.i64    sp, -64                 # refill, then take the first byte
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    call        __grt_refill
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    li          a0, -1
    b           3f
    load.i64    t3, F_BUF(s0)
    load.u8     a0, 0(t3)
    movi.i64    t1, 1
    store.i64   t1, F_RPOS(s0)
3:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       fgetc, .-fgetc

# int getc(FILE *f): fgetc
    .globl      getc
    .type       getc, @function
getc:
    tail        fgetc
    .size       getc, .-getc

# int getchar(void): fgetc(stdin)
    .globl      getchar
    .type       getchar, @function
getchar:
    la          t1, stdin
    load.i64    a0, 0(t1)
    tail        fgetc
    .size       getchar, .-getchar

# int ungetc(int c, FILE *f): push one byte back (one at a time; clears
# S_EOF); c as an unsigned char, or EOF
    .globl      ungetc
    .type       ungetc, @function
ungetc:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    li          t1, -1
    slli.i64    a0, 32
    srai.i64    a0, 32
    cmp.eq.i64  a0, t1
    b           8f                      # ungetc(EOF) fails
    load.i64    t2, F_UNGOT(s1)
    movi.i64    t3, 0
    cmp.ge.i64  t2, t3
    b           8f                      # one byte is already pushed back
    enter       s1, S_READING, 8f
    li          t1, 255
    and.i64     a0, s0, t1
    store.i64   a0, F_UNGOT(s1)
    load.i64    t1, F_FLAGS(s1)
    li          t2, ~S_EOF
    and.i64     t1, t1, t2
    store.i64   t1, F_FLAGS(s1)
    j           9f
8:  li          a0, -1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       ungetc, .-ungetc

# size_t fread(void *p, size_t size, size_t n, FILE *f): the elements
# read (fewer at the end of the file or after an error)
# s0 p, s1 size, s2 total, s3 f, s4 got
    .globl      fread
    .type       fread, @function
fread:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mul.i64     s2, a1, a2
    mov.i64     s3, a3
    movi.i64    s4, 0
    movi.i64    t1, 0
    cmp.eq.i64  s2, t1
    b           90f
    enter       s3, S_READING, 90f
    load.i64    t1, F_UNGOT(s3)         # the pushed-back byte first
    movi.i64    t2, 0
    cmp.lt.i64  t1, t2
    b           2f
    store.i8    t1, 0(s0)
    li          t1, -1
    store.i64   t1, F_UNGOT(s3)
    movi.i64    s4, 1
2:  cmp.geu.i64 s4, s2
    b           90f
    load.i64    t1, F_RPOS(s3)
    load.i64    t2, F_REND(s3)
    sub.i64     a2, t2, t1              # a2: buffered bytes
    movi.i64    t3, 0
    cmp.eq.i64  a2, t3
    b           3f
    sub.i64     t4, s2, s4
    cmp.ltu.i64 t4, a2
    cmov.i64    a2, t4
    add.i64     t1, t1, a2
    store.i64   t1, F_RPOS(s3)
    sub.i64     t1, t1, a2
    load.i64    a1, F_BUF(s3)
    add.i64     a1, a1, t1
    add.i64     a0, s0, s4
    add.i64     s4, s4, a2
    call        memcpy
    j           2b
3:  sub.i64     a2, s2, s4              # empty: big rests go straight to p
    load.i64    t1, F_SIZE(s3)
    cmp.ltu.i64 a2, t1
    b           4f
    mov.i64     a0, s3
    add.i64     a1, s0, s4
    call        __grt_rawread
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           90f
    add.i64     s4, s4, a0
    j           2b
4:  mov.i64     a0, s3
    call        __grt_refill
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           2b
90: divu.i64    a0, s4, s1
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       fread, .-fread

# char *fgets(char *s, int n, FILE *f): up to n - 1 bytes, through the
# first newline, and a NUL; NULL when nothing was read (end of file or
# error), when a read error happened during the call (as C says; like
# glibc, EAGAIN keeps the bytes read), or n <= 0
# s0 s, s1 limit (n - 1), s2 f, s3 count, s4 the newline found (or 0);
# 64(sp) the error flag from before the call
    .globl      fgets
    .type       fgets, @function
fgets:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    mov.i64     s0, a0
    slli.i64    a1, 32
    srai.i64    a1, 32
    mov.i64     s1, a1
    addi.i64    s1, -1
    mov.i64     s2, a2
    movi.i64    s3, 0
    movi.i64    t1, 0
    cmp.lt.i64  s1, t1
    b           80f                     # n <= 0
    enter       s2, S_READING, 80f
    load.i64    t1, F_FLAGS(s2)         # note only errors of this call
    li          t2, S_ERR
    and.i64     t3, t1, t2
    store.i64   t3, 64(sp)
    li          t2, ~S_ERR
    and.i64     t1, t1, t2
    store.i64   t1, F_FLAGS(s2)
1:  cmp.geu.i64 s3, s1
    b           70f                     # full
    load.i64    t1, F_UNGOT(s2)
    movi.i64    t2, 0
    cmp.lt.i64  t1, t2
    b           2f
    add.i64     t3, s0, s3              # the pushed-back byte
    store.i8    t1, 0(t3)
    addi.i64    s3, 1
    li          t3, -1
    store.i64   t3, F_UNGOT(s2)
    li          t3, '\n'
    cmp.eq.i64  t1, t3
    b           70f
    j           1b
2:  load.i64    t1, F_RPOS(s2)
    load.i64    t2, F_REND(s2)
    cmp.ltu.i64 t1, t2
    b           3f
    mov.i64     a0, s2
    call        __grt_refill
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1b
    j           70f                     # end of file or error
3:  sub.i64     a2, t2, t1              # scan the buffered bytes for a newline
    sub.i64     t3, s1, s3
    cmp.ltu.i64 t3, a2
    cmov.i64    a2, t3
    store.i64   a2, 48(sp)
    load.i64    a0, F_BUF(s2)
    add.i64     a0, a0, t1
    store.i64   a0, 56(sp)
    li          a1, '\n'
    call        memchr
    mov.i64     s4, a0
    load.i64    a2, 48(sp)
    load.i64    a1, 56(sp)
    movi.i64    t1, 0
    cmp.eq.i64  s4, t1
    b           4f
    sub.i64     a2, s4, a1              # through the newline
    addi.i64    a2, 1
4:  load.i64    t1, F_RPOS(s2)
    add.i64     t1, t1, a2
    store.i64   t1, F_RPOS(s2)
    add.i64     a0, s0, s3
    add.i64     s3, s3, a2
    call        memcpy
    movi.i64    t1, 0
    cmp.eq.i64  s4, t1
    b           1b
70: load.i64    t1, F_FLAGS(s2)         # the old error flag back
    load.i64    t2, 64(sp)
    or.i64      t3, t1, t2
    store.i64   t3, F_FLAGS(s2)
    li          t2, S_ERR
    and.i64     t1, t1, t2
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           73f                     # no new error
    la          t1, errno
    load.i32    t1, 0(t1)
    li          t2, EAGAIN
    cmp.ne.i64  t1, t2
    b           80f                     # a read error: NULL
73: movi.i64    t1, 0
    cmp.eq.i64  s3, t1
    b           71f
    add.i64     t2, s0, s3
    store.i8    t1, 0(t2)
    mov.i64     a0, s0
    j           99f
71: cmp.eq.i64  s1, t1                  # n == 1: the empty string
    b           72f
80: movi.i64    a0, 0
    j           99f
72: store.i8    t1, 0(s0)
    mov.i64     a0, s0
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 128
    ret
    .size       fgets, .-fgets

# int setvbuf(FILE *f, char *buf, int mode, size_t size): _IOFBF (0),
# _IOLBF (1) or _IONBF (2); buf NULL: a buffer of size bytes (4096 when
# 0) is malloc'd at first use.  Pending output is flushed first.  0, or
# -1 with EINVAL for another mode
# s0 f, s1 buf, s2 mode, s3 size
    .globl      setvbuf
    .type       setvbuf, @function
setvbuf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    slli.i64    a2, 32
    srai.i64    a2, 32
    mov.i64     s2, a2
    mov.i64     s3, a3
    movi.i64    t1, 2
    cmp.ltu.i64 t1, s2
    b           8f                      # not 0, 1 or 2
    mov.i64     a0, s0
    call        fflush
    load.i64    t1, F_FLAGS(s0)
    li          t2, S_READING
    and.i64     t1, t1, t2
    movi.i64    t3, 0
    cmp.eq.i64  t1, t3
    b           1f
    mov.i64     a0, s0
    call        __grt_unread
1:  load.i64    t1, F_FLAGS(s0)
    li          t2, S_OWNBUF
    and.i64     t2, t1, t2
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           2f
    load.i64    a0, F_BUF(s0)
    call        free
2:  load.i64    t1, F_FLAGS(s0)
    li          t2, ~(S_OWNBUF | S_LBF | S_NBF | S_AUTO | S_WRITING | S_READING)
    and.i64     t1, t1, t2
    movi.i64    t3, 0
    store.i64   t3, F_WPOS(s0)
    movi.i64    t4, 2
    cmp.ne.i64  s2, t4
    b           3f
    li          t2, S_NBF
    or.i64      t1, t1, t2
    store.i64   t3, F_BUF(s0)
    store.i64   t3, F_SIZE(s0)
    j           7f
3:  movi.i64    t4, 1
    cmp.ne.i64  s2, t4
    b           4f
    li          t2, S_LBF
    or.i64      t1, t1, t2
4:  store.i64   s1, F_BUF(s0)
    li          t4, BUFSIZ
    cmp.eq.i64  s3, t3
    cmov.i64    s3, t4
    store.i64   s3, F_SIZE(s0)
7:  store.i64   t1, F_FLAGS(s0)
    movi.i64    a0, 0
    j           9f
8:  li          t1, EINVAL
    la          t2, errno
    store.i32   t1, 0(t2)
    li          a0, -1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
    .size       setvbuf, .-setvbuf

# int feof(FILE *f), int ferror(FILE *f): the flags; void clearerr(FILE *f)
    .globl      feof
    .type       feof, @function
feof:
    load.i64    t1, F_FLAGS(a0)
    li          t2, S_EOF
    and.i64     t1, t1, t2
    movi.i64    a0, 0
    cmp.ne.i64  t1, a0
    b           1f
    ret
1:  movi.i64    a0, 1
    ret
    .size       feof, .-feof

    .globl      ferror
    .type       ferror, @function
ferror:
    load.i64    t1, F_FLAGS(a0)
    li          t2, S_ERR
    and.i64     t1, t1, t2
    movi.i64    a0, 0
    cmp.ne.i64  t1, a0
    b           1f
    ret
1:  movi.i64    a0, 1
    ret
    .size       ferror, .-ferror

    .globl      clearerr
    .type       clearerr, @function
clearerr:
    load.i64    t1, F_FLAGS(a0)
    li          t2, ~(S_EOF | S_ERR)
    and.i64     t1, t1, t2
    store.i64   t1, F_FLAGS(a0)
    ret
    .size       clearerr, .-clearerr

# int fileno(FILE *f)
    .globl      fileno
    .type       fileno, @function
fileno:
    load.i64    a0, F_FD(a0)
    ret
    .size       fileno, .-fileno

# __grt_fmode(mode): parse an fopen mode; a0 = open flags, a1 = stream
# flags, or a0 = -1 (errno EINVAL).  r, w, a, then any of + b x e
    .type       __grt_fmode, @function
__grt_fmode:
    load.u8     t1, 0(a0)
    li          t2, 'r'
    cmp.eq.i64  t1, t2
    b           1f
    li          t2, 'w'
    cmp.eq.i64  t1, t2
    b           2f
    li          t2, 'a'
    cmp.eq.i64  t1, t2
    b           3f
    li          t1, EINVAL
    la          t2, errno
    store.i32   t1, 0(t2)
    li          a0, -1
    ret
1:  movi.i64    t3, 0                   # O_RDONLY
    li          t4, S_READ
    j           4f
2:  li          t3, .LO_WRONLY | .LO_CREAT | .LO_TRUNC
    li          t4, S_WRITE
    j           4f
3:  li          t3, .LO_WRONLY | .LO_CREAT | .LO_APPEND
    li          t4, S_WRITE
4:  addi.i64    a0, 1
    load.u8     t1, 0(a0)
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           9f
    li          t2, '+'
    cmp.ne.i64  t1, t2
    b           5f
    li          t2, ~(.LO_WRONLY | .LO_RDWR) # the access mode becomes O_RDWR
    and.i64     t3, t3, t2
    li          t2, .LO_RDWR
    or.i64      t3, t3, t2
    li          t4, S_READ | S_WRITE
    j           4b
5:  li          t2, 'x'
    cmp.ne.i64  t1, t2
    b           6f
    li          t2, .LO_EXCL
    or.i64      t3, t3, t2
    j           4b
6:  li          t2, 'e'
    cmp.ne.i64  t1, t2
    b           4b                      # b and anything else: ignored
    li          t2, .LO_CLOEXEC
    or.i64      t3, t3, t2
    j           4b
9:  mov.i64     a0, t3
    mov.i64     a1, t4
    ret
    .size       __grt_fmode, .-__grt_fmode

# FILE *__grt_fnew(int fd, long flags): a malloc'd stream on the list
    .type       __grt_fnew, @function
__grt_fnew:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    li          a0, FILE_SIZE
    movi.i64    a1, 1
    call        calloc
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           9f
    store.i64   s0, F_FD(a0)
    li          t1, S_AUTO
    or.i64      s1, s1, t1
    store.i64   s1, F_FLAGS(a0)
    li          t1, BUFSIZ
    store.i64   t1, F_SIZE(a0)
    li          t1, -1
    store.i64   t1, F_UNGOT(a0)
    la          t1, __grt_files
    load.i64    t2, 0(t1)
    store.i64   t2, F_NEXT(a0)
    store.i64   a0, 0(t1)
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_fnew, .-__grt_fnew

# FILE *fopen(const char *path, const char *mode): files are created
# with mode 0666 (less the umask); NULL with errno on failure
# s0 path, s1 stream flags, s2 fd
    .globl      fopen
    .type       fopen, @function
fopen:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     a0, a1
    call        __grt_fmode
    li          t1, -1
    cmp.eq.i64  a0, t1
    b           8f
    mov.i64     s1, a1
    mov.i64     a1, a0
    mov.i64     a0, s0
    li          a2, 0666
    call        open
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           8f
    mov.i64     s2, a0
    mov.i64     a1, s1
    call        __grt_fnew
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           9f
    mov.i64     a0, s2                  # no memory for the FILE
    call        close
    li          t1, 12
    la          t2, errno
    store.i32   t1, 0(t2)
8:  movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       fopen, .-fopen

# FILE *fdopen(int fd, const char *mode): a stream on an open fd (EBADF
# when fd is not open)
    .globl      fdopen
    .type       fdopen, @function
fdopen:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     a0, a1
    call        __grt_fmode
    li          t1, -1
    cmp.eq.i64  a0, t1
    b           8f
    mov.i64     s1, a1
    mov.i64     a0, s0
    movi.i64    a1, 3                   # F_GETFL: is fd open?
    movi.i64    a2, 0
    call        fcntl
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           8f
    mov.i64     a0, s0
    mov.i64     a1, s1
    call        __grt_fnew
    j           9f
8:  movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       fdopen, .-fdopen

# int fclose(FILE *f): flush, close the fd, free the stream (the standard
# streams stay allocated but closed: later use fails with EBADF); 0, or
# EOF when the flush or the close failed
# s0 f, s1 result
    .globl      fclose
    .type       fclose, @function
fclose:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    call        fflush
    mov.i64     s1, a0
    load.i64    a0, F_FD(s0)
    call        close
    or.i64      s1, s1, a0
    la          t1, __grt_files         # off the list
1:  load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           3f
    cmp.eq.i64  t2, s0
    b           2f
    mov.i64     t1, t2
    addi.i64    t1, F_NEXT
    j           1b
2:  load.i64    t2, F_NEXT(s0)
    store.i64   t2, 0(t1)
3:  load.i64    t1, F_FLAGS(s0)
    li          t2, S_OWNBUF
    and.i64     t2, t1, t2
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           4f
    load.i64    a0, F_BUF(s0)
    call        free
4:  load.i64    t1, F_FLAGS(s0)
    li          t2, S_STATIC
    and.i64     t2, t1, t2
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           5f
    mov.i64     a0, s0
    call        free
    j           6f
5:  li          t2, S_STATIC | S_NBF    # a closed standard stream
    store.i64   t2, F_FLAGS(s0)
    store.i64   t3, F_BUF(s0)
    store.i64   t3, F_WPOS(s0)
    store.i64   t3, F_RPOS(s0)
    store.i64   t3, F_REND(s0)
6:  movi.i64    a0, 0
    movi.i64    t1, 0
    cmp.eq.i64  s1, t1
    b           9f
    li          a0, -1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       fclose, .-fclose
