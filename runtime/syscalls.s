# syscalls.s - Linux system call wrappers (docs/abi.md, docs/runtime.md).
#
# Each wrapper puts the asm-generic number in t0 and executes `syscall`;
# the arguments are already where the kernel wants them (a0, a1, a2..a5
# are the same registers for calls and system calls).  A result in
# -4095..-1 is -errno: the wrapper stores errno and returns -1, like C.
# Leaf functions: no frame; t0, t1 (getcwd: t2) and flag are clobbered.

    .bss
    .balign 8
    .globl errno
    .type errno, @object
errno:
    .zero 8
    .size errno, 8

# sysret: after `syscall`, turn -errno into errno and -1, and return
    .macro sysret
    li t1, -4096
    cmp.ltu.i64 t1, a0          # -4096 <u a0: a0 is -errno
    b 1f
    ret
1:  neg.i64 a0, a0
    la t1, errno
    store.i32 a0, 0(t1)
    movi.i64 a0, -1
    ret
    .endm

# wrapper NAME, NR: a function NAME that makes system call NR
    .macro wrapper name, nr
    .globl \name
    .type \name, @function
\name:
    li t0, \nr
    syscall
    sysret
    .size \name, .-\name
    .endm

    .text

    wrapper read, 63            # ssize_t read(int fd, void *buf, size_t n)
    wrapper write, 64           # ssize_t write(int fd, const void *buf, size_t n)
    wrapper openat, 56          # int openat(int dirfd, const char *path, int flags, int mode)
    wrapper close, 57           # int close(int fd)
    wrapper lseek, 62           # off_t lseek(int fd, off_t off, int whence)
    wrapper fstat, 80           # int fstat(int fd, struct stat *st)  (asm-generic layout)
    wrapper mmap, 222           # void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
    wrapper munmap, 215         # int munmap(void *addr, size_t len)
    wrapper getpid, 172         # pid_t getpid(void)
    wrapper kill, 129           # int kill(pid_t pid, int sig)
    wrapper dup, 23             # int dup(int fd)
    wrapper dup3, 24            # int dup3(int oldfd, int newfd, int flags)
    wrapper pipe2, 59           # int pipe2(int fds[2], int flags)
    wrapper unlinkat, 35        # int unlinkat(int dirfd, const char *path, int flags)
    wrapper ioctl, 29           # int ioctl(int fd, unsigned long req, void *arg)
    wrapper clock_gettime, 113  # int clock_gettime(int clk, struct timespec *ts)
    wrapper nanosleep, 101      # int nanosleep(const struct timespec *req, struct timespec *rem)
    wrapper mkdirat, 34         # int mkdirat(int dirfd, const char *path, int mode)
    wrapper renameat, 38        # int renameat(int olddirfd, const char *old, int newdirfd, const char *new)
    wrapper ftruncate, 46       # int ftruncate(int fd, off_t len)
    wrapper chdir, 49           # int chdir(const char *path)
    wrapper fcntl, 25           # int fcntl(int fd, int cmd, long arg)
    wrapper pread, 67           # ssize_t pread(int fd, void *buf, size_t n, off_t off)
    wrapper pwrite, 68          # ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
    wrapper mprotect, 226       # int mprotect(void *addr, size_t len, int prot)
    wrapper getppid, 173        # pid_t getppid(void)
    wrapper getuid, 174         # uid_t getuid(void)
    wrapper uname, 160          # int uname(struct utsname *u)  (6 fields of 65 bytes)
    wrapper gettimeofday, 169   # int gettimeofday(struct timeval *tv, void *tz)
    wrapper getrandom, 278      # ssize_t getrandom(void *buf, size_t n, unsigned flags)

# int open(const char *path, int flags, int mode) = openat(AT_FDCWD, ...)
    .globl open
    .type open, @function
open:
    mov.i64 a3, a2
    mov.i64 a2, a1
    mov.i64 a1, a0
    li a0, -100                 # AT_FDCWD
    li t0, 56
    syscall
    sysret
    .size open, .-open

# int mkdir(const char *path, int mode) = mkdirat(AT_FDCWD, path, mode)
    .globl mkdir
    .type mkdir, @function
mkdir:
    mov.i64 a2, a1
    mov.i64 a1, a0
    li a0, -100
    li t0, 34
    syscall
    sysret
    .size mkdir, .-mkdir

# int rename(const char *old, const char *new) = renameat(AT_FDCWD, old, AT_FDCWD, new)
    .globl rename
    .type rename, @function
rename:
    mov.i64 a3, a1
    mov.i64 a1, a0
    li a0, -100
    li a2, -100
    li t0, 38
    syscall
    sysret
    .size rename, .-rename

# char *getcwd(char *buf, size_t size): buf, or NULL with errno
    .globl getcwd
    .type getcwd, @function
getcwd:
    mov.i64 t2, a0              # the kernel returns a length; C wants buf
    li t0, 17
    syscall
    li t1, -4096
    cmp.ltu.i64 t1, a0
    b 1f
    mov.i64 a0, t2
    ret
1:  neg.i64 a0, a0
    la t1, errno
    store.i32 a0, 0(t1)
    movi.i64 a0, 0
    ret
    .size getcwd, .-getcwd

# int unlink(const char *path) = unlinkat(AT_FDCWD, path, 0)
    .globl unlink
    .type unlink, @function
unlink:
    mov.i64 a1, a0
    li a0, -100
    movi.i64 a2, 0
    li t0, 35
    syscall
    sysret
    .size unlink, .-unlink

# long __syscall(long nr, long a, long b, long c, long d, long e, long f)
    .globl __syscall
    .type __syscall, @function
__syscall:
    mov.i64 t0, a0
    mov.i64 a0, a1
    mov.i64 a1, a2
    mov.i64 a2, a3
    mov.i64 a3, a4
    mov.i64 a4, a5
    mov.i64 a5, a6
    syscall
    sysret
    .size __syscall, .-__syscall

# long __grt_brk(void *addr): the raw brk system call, for malloc; returns
# the new break (the kernel's convention: the old one when it cannot
# move), never -1, and leaves errno alone.
    .globl __grt_brk
    .type __grt_brk, @function
__grt_brk:
    li t0, 214
    syscall
    ret
    .size __grt_brk, .-__grt_brk

# void _exit(int status): exit_group, never returns.
    .globl _exit
    .type _exit, @function
_exit:
    li t0, 94
    syscall
    li t0, 93                   # exit, should exit_group be missing
    syscall
1:  j 1b
    .size _exit, .-_exit
