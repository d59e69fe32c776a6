# syscalls.s - the system call wrappers: open/write/lseek/read/close on a
# file named by argv[1], fstat, errno after failures, getpid, __syscall.

    .section    .rodata
fmt:
    .string     "%s %ld\n"
n_open:
    .string     "open-ok"
n_write:
    .string     "write"
n_lseek:
    .string     "lseek"
n_read:
    .string     "read"
n_data:
    .string     "data-equal"
n_size:
    .string     "fstat-size"
n_close:
    .string     "close"
n_enoent:
    .string     "missing-open"
n_errno:
    .string     "missing-errno"
n_ebadf:
    .string     "close-bad"
n_ebadf2:
    .string     "close-bad-errno"
n_pid:
    .string     "getpid-positive"
n_sys:
    .string     "__syscall-write"
n_unlink:
    .string     "unlink"
s_data:
    .string     "0123456789abcdef"
s_missing:
    .string     "/nonexistent/dir/file"
s_sys:
    .string     "raw\n"

    .bss
    .balign     64
buf:
    .zero       64
st: .zero       128                     # struct stat (asm-generic: st_size at 48)

    .text

    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt
    tail        printf

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    load.i64    s1, 8(a1)               # s1: the file name
    mov.i64     a0, s1
    li          a1, 0x242               # O_RDWR | O_CREAT | O_TRUNC
    li          a2, 0644
    call        open
    mov.i64     s0, a0
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_open
    call        report
    mov.i64     a0, s0
    la          a1, s_data
    li          a2, 16
    call        write
    mov.i64     a1, a0
    la          a0, n_write
    call        report
    mov.i64     a0, s0
    li          a1, 4
    movi.i64    a2, 0                   # SEEK_SET
    call        lseek
    mov.i64     a1, a0
    la          a0, n_lseek
    call        report
    mov.i64     a0, s0
    la          a1, buf
    li          a2, 64
    call        read
    mov.i64     a1, a0
    la          a0, n_read
    call        report
    la          a0, buf
    la          a1, s_data
    addi.i64    a1, 4
    li          a2, 12
    call        memcmp
    mov.i64     a1, a0
    la          a0, n_data
    call        report
    mov.i64     a0, s0
    la          a1, st
    call        fstat
    la          t1, st
    load.i64    a1, 48(t1)
    la          a0, n_size
    call        report
    mov.i64     a0, s0
    call        close
    mov.i64     a1, a0
    la          a0, n_close
    call        report
    la          a0, s_missing
    movi.i64    a1, 0
    movi.i64    a2, 0
    call        open
    mov.i64     a1, a0
    la          a0, n_enoent
    call        report
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_errno
    call        report
    li          a0, 999
    call        close
    mov.i64     a1, a0
    la          a0, n_ebadf
    call        report
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_ebadf2
    call        report
    call        getpid
    movi.i64    t1, 0
    cmp.lt.i64  t1, a0
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_pid
    call        report
    movi.i64    a0, 0                   # the report lines so far, before the raw write
    call        fflush
    li          a0, 64                  # __syscall(SYS_write, 1, "raw\n", 4)
    movi.i64    a1, 1
    la          a2, s_sys
    li          a3, 4
    call        __syscall
    mov.i64     a1, a0
    la          a0, n_sys
    call        report
    mov.i64     a0, s1
    call        unlink
    mov.i64     a1, a0
    la          a0, n_unlink
    call        report
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
