/*
 * sys.h - the Linux syscall layer shared by syscall.c (dispatch, guest
 * pointer checks, --strace) and the sys_*.c handler files.
 *
 * Handlers take the six argument registers and return the result, a
 * negative errno on failure.  Every guest pointer goes through
 * sys_in/sys_out/sys_path, which check the guest's page permissions (and
 * the color policy) and give -EFAULT instead of a host crash.  Guest
 * structures use the asm-generic 64-bit layouts (riscv64's) and are
 * converted field by field; no host struct is copied to the guest.
 */
#ifndef EMU_SYS_H
#define EMU_SYS_H

#include <errno.h>
#include <stdint.h>

#include "emu.h"

typedef int64_t (*sys_fn)(emu_ctx *ctx, const uint64_t *a);

typedef struct sys_entry {
    const char *name;
    const char *fmt; /* --strace argument kinds, one char each (syscall.c) */
    sys_fn fn;
} sys_entry;

#define SYS_MAX 512

/* Readable guest memory [a, a+len) as a host pointer, or NULL. */
const void *sys_in(emu_ctx *ctx, uint64_t a, uint64_t len);
/* Writable guest memory; flushes blocks decoded from it first. */
void *sys_out(emu_ctx *ctx, uint64_t a, uint64_t len);
/* A NUL-terminated guest string (at most PATH_MAX), or NULL; then
 * sys_bad gives the error Linux would (-ENAMETOOLONG when PATH_MAX bytes
 * are readable without a NUL). */
const char *sys_path(emu_ctx *ctx, uint64_t a);
/* The error for a failed pointer check in this syscall: the first bad
 * path's, else -EFAULT. */
static inline int64_t sys_bad(const emu_ctx *ctx) { return ctx->path_err ? ctx->path_err : -EFAULT; }

static inline int64_t sys_err(int64_t r) { return r < 0 ? -errno : r; }
static inline int sys_int(uint64_t v) { return (int)(int32_t)(uint32_t)v; }
static inline void sys_put64(void *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static inline void sys_put32(void *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline uint64_t sys_get64(const void *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }

/* Guest (asm-generic) open flags to host and back. */
int sys_oflags_to_host(uint64_t g);
uint64_t sys_oflags_to_guest(int h);

/* The syscalls: asm-generic number, name (handler sys_NAME in one of
 * sys_file.c, sys_mem.c, sys_proc.c) and --strace argument kinds:
 *   d int  u unsigned  l long  x hex  p pointer  f fd  F dirfd
 *   s path string  w buffer the call reads (length = next argument)
 *   r buffer the call fills (length = result)  o open flags  m mode
 *   P mmap prot  M mmap flags  S signal number  O pipe2 flags
 *   W lseek whence  U unlinkat flags  A madvise advice */
#define SYS_LIST(X)                         \
    X(17, getcwd, "pu")                     \
    X(23, dup, "f")                         \
    X(24, dup3, "ffo")                      \
    X(25, fcntl, "fdx")                     \
    X(29, ioctl, "fxp")                     \
    X(34, mkdirat, "Fsm")                   \
    X(35, unlinkat, "FsU")                  \
    X(36, symlinkat, "sFs")                 \
    X(37, linkat, "FsFsx")                  \
    X(38, renameat, "FsFs")                 \
    X(46, ftruncate, "fl")                  \
    X(48, faccessat, "Fsx")                 \
    X(49, chdir, "s")                       \
    X(50, fchdir, "f")                      \
    X(52, fchmod, "fm")                     \
    X(53, fchmodat, "Fsm")                  \
    X(56, openat, "Fsom")                   \
    X(57, close, "f")                       \
    X(59, pipe2, "pO")                      \
    X(61, getdents64, "fpu")                \
    X(62, lseek, "flW")                     \
    X(63, read, "fru")                      \
    X(64, write, "fwu")                     \
    X(65, readv, "fpd")                     \
    X(66, writev, "fpd")                    \
    X(67, pread64, "frul")                  \
    X(68, pwrite64, "fwul")                 \
    X(78, readlinkat, "Fsru")               \
    X(79, newfstatat, "Fspx")               \
    X(80, fstat, "fp")                      \
    X(82, fsync, "f")                       \
    X(93, exit, "d")                        \
    X(94, exit_group, "d")                  \
    X(96, set_tid_address, "p")             \
    X(101, nanosleep, "pp")                 \
    X(113, clock_gettime, "dp")             \
    X(114, clock_getres, "dp")              \
    X(115, clock_nanosleep, "dxpp")         \
    X(124, sched_yield, "")                 \
    X(129, kill, "dS")                      \
    X(134, rt_sigaction, "Sppu")            \
    X(135, rt_sigprocmask, "dppu")          \
    X(160, uname, "p")                      \
    X(165, getrusage, "dp")                 \
    X(166, umask, "m")                      \
    X(169, gettimeofday, "pp")              \
    X(172, getpid, "")                      \
    X(173, getppid, "")                     \
    X(174, getuid, "")                      \
    X(175, geteuid, "")                     \
    X(176, getgid, "")                      \
    X(177, getegid, "")                     \
    X(178, gettid, "")                      \
    X(214, brk, "p")                        \
    X(215, munmap, "pu")                    \
    X(222, mmap, "puPMfx")                  \
    X(226, mprotect, "puP")                 \
    X(233, madvise, "puA")                  \
    X(261, prlimit64, "ddpp")               \
    X(276, renameat2, "FsFsx")              \
    X(278, getrandom, "pux")

#define SYS_DECL(nr, name, fmt) int64_t sys_##name(emu_ctx *ctx, const uint64_t *a);
SYS_LIST(SYS_DECL)
#undef SYS_DECL

/* Guest signal numbers are the asm-generic ones (same as the host's). */
#define SYS_NSIG 64

#endif
