/*
 * sys_file.c - file and descriptor syscalls.  Paths and buffers are
 * checked guest memory (sys.h); struct stat, iovec, termios and winsize
 * are converted explicitly to the asm-generic layouts.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sys.h"

#define IO_MAX SYS_IO_MAX

static const struct { uint64_t g; int h; } oflag_map[] = {
#define GL_OFLAG(g, name, host, strace) {g, host},
#include "oflags.def"
#undef GL_OFLAG
};
#define NOFLAGS (sizeof oflag_map / sizeof oflag_map[0])

int sys_oflags_to_host(uint64_t g)
{
    int h = 0;
    for (size_t i = 0; i < NOFLAGS; i++)
        if (g & oflag_map[i].g)
            h |= oflag_map[i].h;
    return h;
}

uint64_t sys_oflags_to_guest(int h)
{
    uint64_t g = 0;
    for (size_t i = 0; i < NOFLAGS; i++)
        if ((h & oflag_map[i].h) == oflag_map[i].h && oflag_map[i].h)
            g |= oflag_map[i].g;
    return g;
}


/* AT_* flags: asm-generic values equal the host's; pass only known ones. */
static int at_flags(uint64_t v)
{
    return (int)(v & (AT_SYMLINK_NOFOLLOW | AT_REMOVEDIR | AT_SYMLINK_FOLLOW |
                      AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_EACCESS));
}

int64_t sys_read(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    void *p = sys_out(ctx, a[1], n);
    if (!p)
        return -EFAULT;
    return sys_err(read(sys_int(a[0]), p, n));
}

int64_t sys_write(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    const void *p = sys_in(ctx, a[1], n);
    if (!p)
        return -EFAULT;
    return sys_err(write(sys_int(a[0]), p, n));
}

int64_t sys_pread64(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    void *p = sys_out(ctx, a[1], n);
    if (!p)
        return -EFAULT;
    return sys_err(pread(sys_int(a[0]), p, n, (off_t)a[3]));
}

int64_t sys_pwrite64(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    const void *p = sys_in(ctx, a[1], n);
    if (!p)
        return -EFAULT;
    return sys_err(pwrite(sys_int(a[0]), p, n, (off_t)a[3]));
}

int64_t sys_iov_in(emu_ctx *ctx, uint64_t ga, uint64_t cnt, int out, struct iovec **res)
{
    if (cnt > SYS_IOV_MAX)
        return -EINVAL;
    const uint8_t *g = sys_in(ctx, ga, cnt * 16);
    if (!g)
        return -EFAULT;
    struct iovec *v = calloc(cnt ? cnt : 1, sizeof *v);
    if (!v)
        return -ENOMEM;
    uint64_t total = 0;
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = sys_get64(g + 16 * i), len = sys_get64(g + 16 * i + 8);
        if (len > IO_MAX - total) {
            free(v);
            return -EINVAL;
        }
        total += len;
        void *p = out ? sys_out(ctx, base, len) : (void *)sys_in(ctx, base, len);
        if (!p) {
            free(v);
            return -EFAULT;
        }
        v[i].iov_base = p;
        v[i].iov_len = len;
    }
    *res = v;
    return 0;
}

int64_t sys_readv(emu_ctx *ctx, const uint64_t *a)
{
    struct iovec *v;
    int64_t r = sys_iov_in(ctx, a[1], a[2], 1, &v);
    if (r < 0)
        return r;
    r = sys_err(readv(sys_int(a[0]), v, (int)a[2]));
    free(v);
    return r;
}

int64_t sys_writev(emu_ctx *ctx, const uint64_t *a)
{
    struct iovec *v;
    int64_t r = sys_iov_in(ctx, a[1], a[2], 0, &v);
    if (r < 0)
        return r;
    r = sys_err(writev(sys_int(a[0]), v, (int)a[2]));
    free(v);
    return r;
}

int64_t sys_openat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(openat(sys_dirfd(a[0]), path, sys_oflags_to_host(a[2]), (mode_t)a[3]));
}

int64_t sys_close(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(close(sys_int(a[0])));
}

int64_t sys_lseek(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    int whence = sys_int(a[2]);
    if (whence < 0 || whence > 4) /* SEEK_SET..SEEK_HOLE: same numbers */
        return -EINVAL;
    return sys_err(lseek(sys_int(a[0]), (off_t)a[1], whence));
}

int64_t sys_ftruncate(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(ftruncate(sys_int(a[0]), (off_t)a[1]));
}

int64_t sys_fsync(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(fsync(sys_int(a[0])));
}

/* struct stat, asm-generic (riscv64) layout: 128 bytes. */
static void put_stat(uint8_t *g, const struct stat *st)
{
    memset(g, 0, 128);
    sys_put64(g + 0, st->st_dev);
    sys_put64(g + 8, st->st_ino);
    sys_put32(g + 16, st->st_mode);
    sys_put32(g + 20, (uint32_t)st->st_nlink);
    sys_put32(g + 24, st->st_uid);
    sys_put32(g + 28, st->st_gid);
    sys_put64(g + 32, st->st_rdev);
    sys_put64(g + 48, (uint64_t)st->st_size);
    sys_put32(g + 56, (uint32_t)st->st_blksize);
    sys_put64(g + 64, (uint64_t)st->st_blocks);
    sys_put64(g + 72, (uint64_t)st->st_atim.tv_sec);
    sys_put64(g + 80, (uint64_t)st->st_atim.tv_nsec);
    sys_put64(g + 88, (uint64_t)st->st_mtim.tv_sec);
    sys_put64(g + 96, (uint64_t)st->st_mtim.tv_nsec);
    sys_put64(g + 104, (uint64_t)st->st_ctim.tv_sec);
    sys_put64(g + 112, (uint64_t)st->st_ctim.tv_nsec);
}

int64_t sys_fstat(emu_ctx *ctx, const uint64_t *a)
{
    uint8_t *g = sys_out(ctx, a[1], 128);
    if (!g)
        return -EFAULT;
    struct stat st;
    if (fstat(sys_int(a[0]), &st) != 0)
        return -errno;
    put_stat(g, &st);
    return 0;
}

int64_t sys_newfstatat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    uint8_t *g = sys_out(ctx, a[2], 128);
    if (!path || !g)
        return sys_bad(ctx);
    struct stat st;
    if (fstatat(sys_dirfd(a[0]), path, &st, at_flags(a[3])) != 0)
        return -errno;
    put_stat(g, &st);
    return 0;
}

int64_t sys_faccessat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(faccessat(sys_dirfd(a[0]), path, sys_int(a[2]), 0));
}

/* struct linux_dirent64 has one layout on every architecture
 * (u64 ino, i64 off, u16 reclen, u8 type, name). */
int64_t sys_getdents64(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    void *p = sys_out(ctx, a[1], n);
    if (!p)
        return -EFAULT;
    return sys_err(syscall(SYS_getdents64, sys_int(a[0]), p, (size_t)n));
}

int64_t sys_mkdirat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(mkdirat(sys_dirfd(a[0]), path, (mode_t)a[2]));
}

int64_t sys_unlinkat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    if (a[2] & ~(uint64_t)AT_REMOVEDIR)
        return -EINVAL;
    return sys_err(unlinkat(sys_dirfd(a[0]), path, (int)a[2]));
}

int64_t sys_renameat2(emu_ctx *ctx, const uint64_t *a)
{
    const char *from = sys_path(ctx, a[1]);
    const char *to = sys_path(ctx, a[3]);
    if (!from || !to)
        return sys_bad(ctx);
    if (a[4] & ~(uint64_t)7) /* NOREPLACE, EXCHANGE, WHITEOUT */
        return -EINVAL;
    return sys_err(syscall(SYS_renameat2, sys_dirfd(a[0]), from, sys_dirfd(a[2]), to,
                           (unsigned)a[4]));
}

int64_t sys_renameat(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t b[6] = {a[0], a[1], a[2], a[3], 0, 0};
    return sys_renameat2(ctx, b);
}

int64_t sys_readlinkat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    if (sys_int(a[3]) <= 0)
        return -EINVAL;
    char *buf = sys_out(ctx, a[2], a[3]);
    if (!buf)
        return -EFAULT;
    /* /proc/self/exe is the guest program, not the emulator */
    if (strcmp(path, "/proc/self/exe") == 0 && ctx->exe_path) {
        size_t n = strlen(ctx->exe_path);
        if (n > a[3])
            n = a[3];
        memcpy(buf, ctx->exe_path, n);
        return (int64_t)n;
    }
    return sys_err(readlinkat(sys_dirfd(a[0]), path, buf, a[3]));
}

int64_t sys_getcwd(emu_ctx *ctx, const uint64_t *a)
{
    char tmp[PATH_MAX];
    if (!getcwd(tmp, sizeof tmp))
        return -errno;
    size_t n = strlen(tmp) + 1;
    if (n > a[1])
        return -ERANGE;
    if (sys_copy_out(ctx, a[0], tmp, n) != 0)
        return -EFAULT;
    return (int64_t)n;
}

int64_t sys_chdir(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[0]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(chdir(path));
}

int64_t sys_fchdir(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(fchdir(sys_int(a[0])));
}

int64_t sys_fchmod(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(fchmod(sys_int(a[0]), (mode_t)(a[1] & 07777)));
}

int64_t sys_fchmodat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(fchmodat(sys_dirfd(a[0]), path, (mode_t)(a[2] & 07777), 0));
}

int64_t sys_symlinkat(emu_ctx *ctx, const uint64_t *a)
{
    const char *target = sys_path(ctx, a[0]);
    const char *path = sys_path(ctx, a[2]);
    if (!target || !path)
        return sys_bad(ctx);
    return sys_err(symlinkat(target, sys_dirfd(a[1]), path));
}

int64_t sys_linkat(emu_ctx *ctx, const uint64_t *a)
{
    const char *from = sys_path(ctx, a[1]);
    const char *to = sys_path(ctx, a[3]);
    if (!from || !to)
        return sys_bad(ctx);
    if (a[4] & ~(uint64_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    return sys_err(linkat(sys_dirfd(a[0]), from, sys_dirfd(a[2]), to, (int)a[4]));
}

int64_t sys_dup(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(dup(sys_int(a[0])));
}

int64_t sys_dup3(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    if (a[2] & ~(uint64_t)02000000)
        return -EINVAL;
    return sys_err(dup3(sys_int(a[0]), sys_int(a[1]), a[2] ? O_CLOEXEC : 0));
}

int64_t sys_pipe2(emu_ctx *ctx, const uint64_t *a)
{
    uint8_t *g = sys_out(ctx, a[0], 8);
    if (!g)
        return -EFAULT;
    if (a[1] & ~(uint64_t)(02000000 | 04000 | 040000))
        return -EINVAL;
    int fds[2];
    if (pipe2(fds, sys_oflags_to_host(a[1])) != 0)
        return -errno;
    sys_put32(g, (uint32_t)fds[0]);
    sys_put32(g + 4, (uint32_t)fds[1]);
    return 0;
}

int64_t sys_fcntl(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    int fd = sys_int(a[0]);
    switch (sys_int(a[1])) {
    case 0: /* F_DUPFD */
        return sys_err(fcntl(fd, F_DUPFD, sys_int(a[2])));
    case 1030: /* F_DUPFD_CLOEXEC */
        return sys_err(fcntl(fd, F_DUPFD_CLOEXEC, sys_int(a[2])));
    case 1: /* F_GETFD */
        return sys_err(fcntl(fd, F_GETFD));
    case 2: /* F_SETFD: only FD_CLOEXEC (1) exists */
        return sys_err(fcntl(fd, F_SETFD, (int)(a[2] & 1)));
    case 3: { /* F_GETFL */
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)sys_oflags_to_guest(r);
    }
    case 4: /* F_SETFL */
        return sys_err(fcntl(fd, F_SETFL, sys_oflags_to_host(a[2])));
    }
    return -EINVAL;
}

/* Terminal ioctls: kernel termios (36 bytes: 4 x u32, c_line, c_cc[19])
 * and winsize (4 x u16) have the same layout on asm-generic and x86-64,
 * so the bytes pass through, sized explicitly. */
#define G_TCGETS 0x5401
#define G_TCSETS 0x5402
#define G_TCSETSW 0x5403
#define G_TCSETSF 0x5404
#define G_TIOCGPGRP 0x540F
#define G_TIOCGWINSZ 0x5413
#define G_TIOCSWINSZ 0x5414
#define G_FIONREAD 0x541B
#define G_FIONBIO 0x5421
#define TERMIOS_SIZE 36
#define WINSIZE_SIZE 8

int64_t sys_ioctl(emu_ctx *ctx, const uint64_t *a)
{
    int fd = sys_int(a[0]);
    unsigned long req = (unsigned long)(uint32_t)a[1];
    uint8_t buf[64];
    void *g;
    switch (req) {
    case G_TCGETS:
        if (!(g = sys_out(ctx, a[2], TERMIOS_SIZE)))
            return -EFAULT;
        if (ioctl(fd, TCGETS, buf) != 0)
            return -errno;
        memcpy(g, buf, TERMIOS_SIZE);
        return 0;
    case G_TCSETS: case G_TCSETSW: case G_TCSETSF:
        if (sys_copy_in(ctx, buf, a[2], TERMIOS_SIZE) != 0)
            return -EFAULT;
        return sys_err(ioctl(fd, req == G_TCSETS ? TCSETS : req == G_TCSETSW ? TCSETSW : TCSETSF, buf));
    case G_TIOCGWINSZ:
        if (!(g = sys_out(ctx, a[2], WINSIZE_SIZE)))
            return -EFAULT;
        if (ioctl(fd, TIOCGWINSZ, buf) != 0)
            return -errno;
        memcpy(g, buf, WINSIZE_SIZE);
        return 0;
    case G_TIOCSWINSZ:
        if (sys_copy_in(ctx, buf, a[2], WINSIZE_SIZE) != 0)
            return -EFAULT;
        return sys_err(ioctl(fd, TIOCSWINSZ, buf));
    case G_TIOCGPGRP:
    case G_FIONREAD: {
        int v;
        if (!(g = sys_out(ctx, a[2], 4)))
            return -EFAULT;
        if (ioctl(fd, req == G_FIONREAD ? FIONREAD : TIOCGPGRP, &v) != 0)
            return -errno;
        sys_put32(g, (uint32_t)v);
        return 0;
    }
    case G_FIONBIO: {
        const uint8_t *p = sys_in(ctx, a[2], 4);
        if (!p)
            return -EFAULT;
        int v = p[0] | p[1] << 8 | p[2] << 16 | p[3] << 24;
        return sys_err(ioctl(fd, FIONBIO, &v));
    }
    }
    return -ENOTTY;
}
