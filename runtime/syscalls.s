# syscalls.s - Linux system call wrappers (docs/abi.md, docs/runtime.md).
#
# Each wrapper puts the asm-generic number in t0 (.LSYS_<name>, from
# lib/syscalls.def through sysnum.inc) and executes `syscall`; the
# arguments are already where the kernel wants them (a0, a1, a2..a5
# are the same registers for calls and system calls).  A result in
# -4095..-1 is -errno: the wrapper stores errno and returns -1, like C.
# Leaf functions: no frame; t0, t1 (getcwd: t2) and flag are clobbered.

    .include    "sysnum.inc"

    .bss

    .balign     8
    .globl      errno
    .type       errno, @object
errno:
    .zero       8
    .size       errno, 8

# sysret: after `syscall`, turn -errno into errno and -1, and return
    .macro      sysret
    li          t1, -4096
    cmp.ltu.i64 t1, a0                  # -4096 <u a0: a0 is -errno
    b           1f
    ret
1:  neg.i64     a0, a0
    la          t1, errno
    store.i32   a0, 0(t1)
    movi.i64    a0, -1
    ret
    .endm

# wrapper NAME, NR: a function NAME that makes system call NR
    .macro      wrapper name, nr
    .globl      \name
    .type       \name, @function
\name:
    li          t0, \nr
    syscall
    sysret
    .size       \name, .-\name
    .endm

    .text

    wrapper     read, .LSYS_read        # ssize_t read(int fd, void *buf, size_t n)
    wrapper     write, .LSYS_write      # ssize_t write(int fd, const void *buf, size_t n)
    wrapper     openat, .LSYS_openat    # int openat(int dirfd, const char *path, int flags, int mode)
    wrapper     close, .LSYS_close      # int close(int fd)
    wrapper     lseek, .LSYS_lseek      # off_t lseek(int fd, off_t off, int whence)
    wrapper     fstat, .LSYS_fstat      # int fstat(int fd, struct stat *st)  (asm-generic layout)
    wrapper     mmap, .LSYS_mmap        # void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
    wrapper     munmap, .LSYS_munmap    # int munmap(void *addr, size_t len)
    wrapper     getpid, .LSYS_getpid    # pid_t getpid(void)
    wrapper     kill, .LSYS_kill        # int kill(pid_t pid, int sig)
    wrapper     dup, .LSYS_dup          # int dup(int fd)
    wrapper     dup3, .LSYS_dup3        # int dup3(int oldfd, int newfd, int flags)
    wrapper     pipe2, .LSYS_pipe2      # int pipe2(int fds[2], int flags)
    wrapper     unlinkat, .LSYS_unlinkat # int unlinkat(int dirfd, const char *path, int flags)
    wrapper     ioctl, .LSYS_ioctl      # int ioctl(int fd, unsigned long req, void *arg)
    wrapper     clock_gettime, .LSYS_clock_gettime # int clock_gettime(int clk, struct timespec *ts)
    wrapper     nanosleep, .LSYS_nanosleep # int nanosleep(const struct timespec *req, struct timespec *rem)
    wrapper     mkdirat, .LSYS_mkdirat  # int mkdirat(int dirfd, const char *path, int mode)
    wrapper     renameat, .LSYS_renameat # int renameat(int olddirfd, const char *old, int newdirfd, const char *new)
    wrapper     ftruncate, .LSYS_ftruncate # int ftruncate(int fd, off_t len)
    wrapper     chdir, .LSYS_chdir      # int chdir(const char *path)
    wrapper     fcntl, .LSYS_fcntl      # int fcntl(int fd, int cmd, long arg)
    wrapper     pread, .LSYS_pread64    # ssize_t pread(int fd, void *buf, size_t n, off_t off)
    wrapper     pwrite, .LSYS_pwrite64  # ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
    wrapper     mprotect, .LSYS_mprotect # int mprotect(void *addr, size_t len, int prot)
    wrapper     getppid, .LSYS_getppid  # pid_t getppid(void)
    wrapper     getuid, .LSYS_getuid    # uid_t getuid(void)
    wrapper     uname, .LSYS_uname      # int uname(struct utsname *u)  (6 fields of 65 bytes)
    wrapper     gettimeofday, .LSYS_gettimeofday # int gettimeofday(struct timeval *tv, void *tz)
    wrapper     getrandom, .LSYS_getrandom # ssize_t getrandom(void *buf, size_t n, unsigned flags)
    wrapper     sigaltstack, .LSYS_sigaltstack # int sigaltstack(const stack_t *ss, stack_t *old)
    wrapper     setitimer, .LSYS_setitimer # int setitimer(int which, const struct itimerval *v, struct itimerval *old)
    wrapper     tgkill, .LSYS_tgkill    # int tgkill(pid_t tgid, pid_t tid, int sig)
    wrapper     gettid, .LSYS_gettid    # pid_t gettid(void)
    wrapper     execve, .LSYS_execve    # int execve(const char *path, char *const argv[], char *const envp[])
    wrapper     wait4, .LSYS_wait4      # pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
    wrapper     socket, .LSYS_socket    # int socket(int domain, int type, int protocol)
    wrapper     socketpair, .LSYS_socketpair # int socketpair(int domain, int type, int protocol, int sv[2])
    wrapper     bind, .LSYS_bind        # int bind(int fd, const struct sockaddr *a, socklen_t len)
    wrapper     listen, .LSYS_listen    # int listen(int fd, int backlog)
    wrapper     accept, .LSYS_accept    # int accept(int fd, struct sockaddr *a, socklen_t *len)
    wrapper     accept4, .LSYS_accept4  # int accept4(int fd, struct sockaddr *a, socklen_t *len, int flags)
    wrapper     connect, .LSYS_connect  # int connect(int fd, const struct sockaddr *a, socklen_t len)
    wrapper     getsockname, .LSYS_getsockname # int getsockname(int fd, struct sockaddr *a, socklen_t *len)
    wrapper     getpeername, .LSYS_getpeername # int getpeername(int fd, struct sockaddr *a, socklen_t *len)
    wrapper     sendto, .LSYS_sendto    # ssize_t sendto(int fd, const void *b, size_t n, int flags, const struct sockaddr *a, socklen_t len)
    wrapper     recvfrom, .LSYS_recvfrom # ssize_t recvfrom(int fd, void *b, size_t n, int flags, struct sockaddr *a, socklen_t *len)
    wrapper     sendmsg, .LSYS_sendmsg  # ssize_t sendmsg(int fd, const struct msghdr *m, int flags)
    wrapper     recvmsg, .LSYS_recvmsg  # ssize_t recvmsg(int fd, struct msghdr *m, int flags)
    wrapper     shutdown, .LSYS_shutdown # int shutdown(int fd, int how)
    wrapper     setsockopt, .LSYS_setsockopt # int setsockopt(int fd, int level, int name, const void *v, socklen_t len)
    wrapper     getsockopt, .LSYS_getsockopt # int getsockopt(int fd, int level, int name, void *v, socklen_t *len)
    wrapper     ppoll, .LSYS_ppoll      # int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *t, const sigset_t *m, size_t size)

# ssize_t send(int fd, const void *b, size_t n, int flags) = sendto(fd, b, n, flags, NULL, 0)
    .globl      send
    .type       send, @function
send:
    movi.i64    a4, 0
    movi.i64    a5, 0
    li          t0, .LSYS_sendto
    syscall
    sysret
    .size       send, .-send

# ssize_t recv(int fd, void *b, size_t n, int flags) = recvfrom(fd, b, n, flags, NULL, NULL)
    .globl      recv
    .type       recv, @function
recv:
    movi.i64    a4, 0
    movi.i64    a5, 0
    li          t0, .LSYS_recvfrom
    syscall
    sysret
    .size       recv, .-recv

# int poll(struct pollfd *fds, nfds_t n, int ms) = ppoll with a timespec
# of ms milliseconds on the stack (NULL when ms < 0: wait forever)
    .globl      poll
    .type       poll, @function
poll:
    addi.i64    sp, -64
    movi.i64    a3, 0                   # no signal mask
    movi.i64    a4, 8
    slli.i64    a2, 32                  # ms is an int
    srai.i64    a2, 32
    movi.i64    t1, 0
    cmp.lt.i64  a2, t1
    b           1f
    li          t1, 1000
    div.i64     t2, a2, t1              # seconds
    store.i64   t2, 0(sp)
    rem.i64     t2, a2, t1
    li          t1, 1000000
    mul.i64     t2, t2, t1              # nanoseconds
    store.i64   t2, 8(sp)
    mov.i64     a2, sp
    j           2f
1:  movi.i64    a2, 0
2:  li          t0, .LSYS_ppoll
    syscall
    addi.i64    sp, 64
    sysret
    .size       poll, .-poll

# unsigned short htons(unsigned short v), ntohs: the two bytes swapped
    .globl      htons
    .type       htons, @function
    .globl      ntohs
    .type       ntohs, @function
htons:

ntohs:
    slli.i64    a0, 48
    bswap.i64   a0, a0
    slli.i64    a0, 48
    srli.i64    a0, 48
    ret
    .size       htons, .-htons

# pid_t fork(void) = clone(SIGCHLD, 0, 0, 0, 0): 0 in the child
    .globl      fork
    .type       fork, @function
fork:
    li          a0, 17                  # SIGCHLD: the exit signal, no sharing flags
    movi.i64    a1, 0
    movi.i64    a2, 0
    movi.i64    a3, 0
    movi.i64    a4, 0
    li          t0, .LSYS_clone
    syscall
    sysret
    .size       fork, .-fork

# pid_t waitpid(pid_t pid, int *status, int options) = wait4(pid, status, options, NULL)
    .globl      waitpid
    .type       waitpid, @function
waitpid:
    movi.i64    a3, 0
    li          t0, .LSYS_wait4
    syscall
    sysret
    .size       waitpid, .-waitpid

# int pipe(int fds[2]) = pipe2(fds, 0)
    .globl      pipe
    .type       pipe, @function
pipe:
    movi.i64    a1, 0
    li          t0, .LSYS_pipe2
    syscall
    sysret
    .size       pipe, .-pipe

# int dup2(int old, int new): dup3(old, new, 0), but new when they are
# equal and old is open (dup3 refuses that case)
    .globl      dup2
    .type       dup2, @function
dup2:
    cmp.eq.i64  a0, a1
    b           1f
    movi.i64    a2, 0
    li          t0, .LSYS_dup3
    syscall
    sysret
1:  mov.i64     t2, a1
    li          a1, 1                   # F_GETFD: is it open?
    li          t0, .LSYS_fcntl
    syscall
    li          t1, -4096
    cmp.ltu.i64 t1, a0
    b           2f
    mov.i64     a0, t2
    ret
2:  sysret
    .size       dup2, .-dup2

# Signal calls that pass the size of sigset_t (8) themselves.

# int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
    .globl      sigaction
    .type       sigaction, @function
sigaction:
    li          a3, 8
    li          t0, .LSYS_rt_sigaction
    syscall
    sysret
    .size       sigaction, .-sigaction

# int sigprocmask(int how, const sigset_t *set, sigset_t *old)
    .globl      sigprocmask
    .type       sigprocmask, @function
sigprocmask:
    li          a3, 8
    li          t0, .LSYS_rt_sigprocmask
    syscall
    sysret
    .size       sigprocmask, .-sigprocmask

# int sigpending(sigset_t *set)
    .globl      sigpending
    .type       sigpending, @function
sigpending:
    li          a1, 8
    li          t0, .LSYS_rt_sigpending
    syscall
    sysret
    .size       sigpending, .-sigpending

# int sigsuspend(const sigset_t *mask): always -1 with errno EINTR
    .globl      sigsuspend
    .type       sigsuspend, @function
sigsuspend:
    li          a1, 8
    li          t0, .LSYS_rt_sigsuspend
    syscall
    sysret
    .size       sigsuspend, .-sigsuspend

# int open(const char *path, int flags, int mode) = openat(AT_FDCWD, ...)
    .globl      open
    .type       open, @function
open:
    mov.i64     a3, a2
    mov.i64     a2, a1
    mov.i64     a1, a0
    li          a0, -100                # AT_FDCWD
    li          t0, .LSYS_openat
    syscall
    sysret
    .size       open, .-open

# int mkdir(const char *path, int mode) = mkdirat(AT_FDCWD, path, mode)
    .globl      mkdir
    .type       mkdir, @function
mkdir:
    mov.i64     a2, a1
    mov.i64     a1, a0
    li          a0, -100
    li          t0, .LSYS_mkdirat
    syscall
    sysret
    .size       mkdir, .-mkdir

# int rename(const char *old, const char *new) = renameat(AT_FDCWD, old, AT_FDCWD, new)
    .globl      rename
    .type       rename, @function
rename:
    mov.i64     a3, a1
    mov.i64     a1, a0
    li          a0, -100
    li          a2, -100
    li          t0, .LSYS_renameat
    syscall
    sysret
    .size       rename, .-rename

# char *getcwd(char *buf, size_t size): buf, or NULL with errno
    .globl      getcwd
    .type       getcwd, @function
getcwd:
    mov.i64     t2, a0                  # the kernel returns a length; C wants buf
    li          t0, .LSYS_getcwd
    syscall
    li          t1, -4096
    cmp.ltu.i64 t1, a0
    b           1f
    mov.i64     a0, t2
    ret
1:  neg.i64     a0, a0
    la          t1, errno
    store.i32   a0, 0(t1)
    movi.i64    a0, 0
    ret
    .size       getcwd, .-getcwd

# int unlink(const char *path) = unlinkat(AT_FDCWD, path, 0)
    .globl      unlink
    .type       unlink, @function
unlink:
    mov.i64     a1, a0
    li          a0, -100
    movi.i64    a2, 0
    li          t0, .LSYS_unlinkat
    syscall
    sysret
    .size       unlink, .-unlink

# long __syscall(long nr, long a, long b, long c, long d, long e, long f)
    .globl      __syscall
    .type       __syscall, @function
__syscall:
    mov.i64     t0, a0
    mov.i64     a0, a1
    mov.i64     a1, a2
    mov.i64     a2, a3
    mov.i64     a3, a4
    mov.i64     a4, a5
    mov.i64     a5, a6
    syscall
    sysret
    .size       __syscall, .-__syscall

# long __grt_brk(void *addr): the raw brk system call, for malloc; returns
# the new break (the kernel's convention: the old one when it cannot
# move), never -1, and leaves errno alone.
    .globl      __grt_brk
    .type       __grt_brk, @function
__grt_brk:
    li          t0, .LSYS_brk
    syscall
    ret
    .size       __grt_brk, .-__grt_brk

# void _exit(int status): exit_group, never returns.
    .globl      _exit
    .type       _exit, @function
_exit:
    li          t0, .LSYS_exit_group
    syscall
    li          t0, .LSYS_exit          # exit, should exit_group be missing
    syscall
1:  j           1b
    .size       _exit, .-_exit
