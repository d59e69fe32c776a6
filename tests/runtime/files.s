# files.s - the remaining system call wrappers, run inside the test's
# directory: mkdir, chdir, getcwd, openat, rename, pread, pwrite,
# ftruncate, dup, dup3, pipe2, unlinkat, clock_gettime, gettimeofday,
# nanosleep, getrandom, uname, getppid, getuid, mmap/mprotect/munmap.

    .section    .rodata
fmt:
    .string     "%s %ld\n"
fmt_s:
    .string     "%s [%s]\n"
s_d:
    .string     "d"
s_dotdot:
    .string     ".."
s_f1:
    .string     "f1"
s_f2:
    .string     "f2"
s_data:
    .string     "data"
s_xy:
    .string     "XY"
s_pipe:
    .string     "pipe"
n_mkdir:
    .string     "mkdir"
n_chdir:
    .string     "chdir"
n_cwd:
    .string     "getcwd-tail"
n_openat:
    .string     "openat-ok"
n_write:
    .string     "write"
n_rename:
    .string     "rename"
n_gone:
    .string     "old-name-errno"
n_pwrite:
    .string     "pwrite"
n_pread:
    .string     "pread"
n_trunc:
    .string     "ftruncate"
n_size:
    .string     "size-after"
n_dup:
    .string     "dup-new-fd"
n_dup3:
    .string     "dup3"
n_pipe2:
    .string     "pipe2"
n_pipew:
    .string     "pipe-write"
n_piper:
    .string     "pipe-read"
n_unlink:
    .string     "unlinkat"
n_rmdir:
    .string     "rmdir"
n_clock:
    .string     "clock_gettime"
n_recent:
    .string     "time-after-2020"
n_tod:
    .string     "gettimeofday"
n_sleep:
    .string     "nanosleep"
n_rand:
    .string     "getrandom"
n_uname:
    .string     "uname-sysname"
n_ppid:
    .string     "getppid-positive"
n_uid:
    .string     "getuid-nonneg"
n_prot:
    .string     "mprotect"
n_fcntl:
    .string     "fcntl-getfd"
n_ioctl:
    .string     "ioctl-notty-errno"
n_unmap:
    .string     "munmap"

    .bss
    .balign     64
buf:
    .zero       512
st: .zero       128
fds:
    .zero       8
ts: .zero       16

    .text

    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt
    tail        printf

    .type       show, @function
show:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_s
    tail        printf

# directories and names
    .type       t_dirs, @function
t_dirs:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          a0, s_d
    li          a1, 0755
    call        mkdir
    mov.i64     a1, a0
    la          a0, n_mkdir
    call        report
    la          a0, s_d
    call        chdir
    mov.i64     a1, a0
    la          a0, n_chdir
    call        report
    la          a0, buf
    li          a1, 512
    call        getcwd
    li          a1, '/'
    call        strrchr
    mov.i64     a1, a0
    la          a0, n_cwd
    call        show
    li          a0, -100
    la          a1, s_f1
    li          a2, 0x241               # O_WRONLY | O_CREAT | O_TRUNC
    li          a3, 0600
    call        openat
    mov.i64     s0, a0
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_openat
    call        report
    mov.i64     a0, s0
    la          a1, s_data
    li          a2, 4
    call        write
    mov.i64     a1, a0
    la          a0, n_write
    call        report
    mov.i64     a0, s0
    call        close
    la          a0, s_f1
    la          a1, s_f2
    call        rename
    mov.i64     a1, a0
    la          a0, n_rename
    call        report
    la          a0, s_f1
    movi.i64    a1, 0
    movi.i64    a2, 0
    call        open
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_gone
    call        report
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# pread, pwrite, ftruncate, dup, dup3, pipe2
    .type       t_fds, @function
t_fds:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    la          a0, s_f2
    li          a1, 2                   # O_RDWR
    movi.i64    a2, 0
    call        open
    mov.i64     s0, a0
    la          a1, s_xy
    li          a2, 2
    li          a3, 1
    call        pwrite
    mov.i64     a1, a0
    la          a0, n_pwrite
    call        report
    mov.i64     a0, s0
    la          a1, buf
    li          a2, 4
    movi.i64    a3, 0
    call        pread
    la          t1, buf
    movi.i64    t2, 0
    store.i8    t2, 4(t1)
    la          a0, n_pread
    la          a1, buf
    call        show
    mov.i64     a0, s0
    li          a1, 2
    call        ftruncate
    mov.i64     a1, a0
    la          a0, n_trunc
    call        report
    mov.i64     a0, s0
    la          a1, st
    call        fstat
    la          t1, st
    load.i64    a1, 48(t1)
    la          a0, n_size
    call        report
    mov.i64     a0, s0
    movi.i64    a1, 1                   # F_GETFD
    movi.i64    a2, 0
    call        fcntl
    mov.i64     a1, a0
    la          a0, n_fcntl
    call        report
    mov.i64     a0, s0
    li          a1, 0x5401              # TCGETS on a regular file
    la          a2, buf
    call        ioctl
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_ioctl
    call        report
    mov.i64     a0, s0
    call        dup
    mov.i64     s1, a0
    cmp.lt.i64  s0, s1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_dup
    call        report
    mov.i64     a0, s0
    li          a1, 20
    movi.i64    a2, 0
    call        dup3
    mov.i64     a1, a0
    la          a0, n_dup3
    call        report
    li          a0, 20
    call        close
    mov.i64     a0, s1
    call        close
    mov.i64     a0, s0
    call        close
    la          a0, fds
    movi.i64    a1, 0
    call        pipe2
    mov.i64     a1, a0
    la          a0, n_pipe2
    call        report
    la          t1, fds
    load.i32    a0, 4(t1)
    la          a1, s_pipe
    li          a2, 4
    call        write
    mov.i64     a1, a0
    la          a0, n_pipew
    call        report
    la          t1, fds
    load.i32    a0, 0(t1)
    la          a1, buf
    li          a2, 64
    call        read
    mov.i64     a1, a0
    la          a0, n_piper
    call        report
    la          t1, fds
    load.i32    a0, 0(t1)
    call        close
    la          t1, fds
    load.i32    a0, 4(t1)
    call        close
    li          a0, -100
    la          a1, s_f2
    movi.i64    a2, 0
    call        unlinkat
    mov.i64     a1, a0
    la          a0, n_unlink
    call        report
    la          a0, s_dotdot
    call        chdir
    li          a0, -100
    la          a1, s_d
    li          a2, 0x200               # AT_REMOVEDIR
    call        unlinkat
    mov.i64     a1, a0
    la          a0, n_rmdir
    call        report
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret

# time, randomness, identity, memory protection
    .type       t_misc, @function
t_misc:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    movi.i64    a0, 0                   # CLOCK_REALTIME
    la          a1, ts
    call        clock_gettime
    mov.i64     a1, a0
    la          a0, n_clock
    call        report
    la          t1, ts
    load.i64    t1, 0(t1)
    li          t2, 1577836800
    cmp.lt.i64  t2, t1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_recent
    call        report
    la          a0, ts
    movi.i64    a1, 0
    call        gettimeofday
    mov.i64     a1, a0
    la          a0, n_tod
    call        report
    la          a0, ts                  # sleep 1000 ns
    movi.i64    t1, 0
    store.i64   t1, 0(a0)
    li          t1, 1000
    store.i64   t1, 8(a0)
    movi.i64    a1, 0
    call        nanosleep
    mov.i64     a1, a0
    la          a0, n_sleep
    call        report
    la          a0, buf
    li          a1, 16
    movi.i64    a2, 0
    call        getrandom
    mov.i64     a1, a0
    la          a0, n_rand
    call        report
    la          a0, buf
    call        uname
    la          a0, n_uname
    la          a1, buf
    call        show
    call        getppid
    movi.i64    t1, 0
    cmp.lt.i64  t1, a0
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_ppid
    call        report
    call        getuid
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_uid
    call        report
    movi.i64    a0, 0
    li          a1, 8192
    movi.i64    a2, 3
    li          a3, 0x22
    li          a4, -1
    movi.i64    a5, 0
    call        mmap
    mov.i64     s0, a0
    li          a1, 4096
    movi.i64    a2, 1                   # PROT_READ
    call        mprotect
    mov.i64     a1, a0
    la          a0, n_prot
    call        report
    mov.i64     a0, s0
    li          a1, 8192
    call        munmap
    mov.i64     a1, a0
    la          a0, n_unmap
    call        report
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        t_dirs
    call        t_fds
    call        t_misc
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
