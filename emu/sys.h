/*
 * sys.h - the Linux syscall layer shared by syscall.c (dispatch, guest
 * pointer checks, --strace) and the sys_*.c handler files.
 *
 * Handlers take the six argument registers and return the result, a
 * negative errno on failure.  Every guest pointer goes through
 * sys_in/sys_out/sys_path or sys_copy_in/sys_copy_out, thin wrappers of
 * the memory layer (mem.h) that check the guest's page permissions and
 * the color policy for the calling code's color, and give -EFAULT
 * instead of a host crash.  Guest
 * structures use the asm-generic 64-bit layouts (riscv64's) and are
 * converted field by field; no host struct is copied to the guest.
 */
#ifndef EMU_SYS_H
#define EMU_SYS_H

#include <errno.h>
#include <stdint.h>

#include "user.h"

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
/* Copy from/to guest memory (checked like sys_in/sys_out): 0 or -EFAULT. */
int sys_copy_in(emu_ctx *ctx, void *dst, uint64_t a, size_t len);
int sys_copy_out(emu_ctx *ctx, uint64_t a, const void *src, size_t len);
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

#define SYS_IO_MAX 0x7ffff000u /* Linux caps one read/write at this */
#define SYS_IOV_MAX 1024       /* UIO_MAXIOV */
/* A dirfd argument: the guest's AT_FDCWD (-100) is the host's */
static inline int sys_dirfd(uint64_t v) { return sys_int(v) == -100 ? -100 /* AT_FDCWD */ : sys_int(v); }
/* Clock ids REALTIME .. TAI: the same numbers */
static inline int sys_clock_ok(uint64_t c) { return c <= 11; }

struct timespec;
struct iovec;
/* A guest struct timespec (two i64), validated: 0, -EFAULT or -EINVAL. */
int sys_timespec_in(emu_ctx *ctx, uint64_t ga, struct timespec *ts);
/* A guest iovec array {u64 base, u64 len} of cnt entries as host iovecs
 * (each buffer checked, writable when out): 0 and *res (free it), or
 * -EINVAL (more than SYS_IOV_MAX, a total beyond SYS_IO_MAX), -EFAULT. */
int64_t sys_iov_in(emu_ctx *ctx, uint64_t ga, uint64_t cnt, int out, struct iovec **res);

/* SYS_G_O_CREAT ...: the guest's open flags (lib/oflags.def) */
enum {
#define GL_OFLAG(g, name, host, strace) SYS_G_##name = g,
#include "oflags.def"
#undef GL_OFLAG
};

/* Guest (asm-generic) open flags to host and back. */
/* mmap flag of the guest ABI (asm-generic) that more than one file needs */
#define G_MAP_ANONYMOUS 0x20

int sys_oflags_to_host(uint64_t g);
uint64_t sys_oflags_to_guest(int h);

/* The syscalls: lib/syscalls.def (asm-generic number, name, --strace
 * argument kinds); handler sys_NAME in one of sys_file.c, sys_mem.c,
 * sys_proc.c, and SYS_NR_<name> its number. */
enum {
#define GL_SYSCALL(nr, name, fmt) SYS_NR_##name = nr,
#include "syscalls.def"
#undef GL_SYSCALL
};

#define GL_SYSCALL(nr, name, fmt) int64_t sys_##name(emu_ctx *ctx, const uint64_t *a);
#include "syscalls.def"
#undef GL_SYSCALL

/* Guest signal numbers are the asm-generic ones (same as the host's). */
#define SYS_NSIG EMU_NSIG

#endif
