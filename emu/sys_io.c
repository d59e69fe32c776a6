/*
 * sys_io.c - descriptor and file calls beyond sys_file.c: copies between
 * descriptors (sendfile, copy_file_range, splice, tee), vectors at an
 * offset (preadv, pwritev), statx, statfs/fstatfs, times, owners,
 * truncate, space (fallocate, fadvise64, readahead), syncing, flock,
 * mknodat, faccessat2, close_range, memfd_create.  struct statx (256
 * bytes) and struct statfs (120 bytes, asm-generic 64-bit) are written
 * field by field; offsets are guest u64 (loff_t) read and written back.
 */
#include <fcntl.h>
#include <linux/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sys.h"

#define IO_MAX SYS_IO_MAX

/* An optional guest loff_t: *has, *off */
static int off_in(emu_ctx *ctx, uint64_t ga, int *has, off_t *off)
{
    *has = ga != 0;
    if (!ga)
        return 0;
    int64_t v;
    if (sys_copy_in(ctx, &v, ga, 8) != 0 || !sys_out(ctx, ga, 8))
        return -EFAULT;
    *off = (off_t)v;
    return 0;
}

static void off_out(emu_ctx *ctx, uint64_t ga, off_t off)
{
    int64_t v = off;
    if (ga)
        sys_copy_out(ctx, ga, &v, 8);
}

int64_t sys_sendfile(emu_ctx *ctx, const uint64_t *a)
{
    int has;
    off_t off = 0;
    if (off_in(ctx, a[2], &has, &off) != 0)
        return -EFAULT;
    uint64_t n = a[3] > IO_MAX ? IO_MAX : a[3];
    ssize_t r = sendfile(sys_int(a[0]), sys_int(a[1]), has ? &off : NULL, n);
    if (r < 0)
        return -errno;
    if (has)
        off_out(ctx, a[2], off);
    return r;
}

int64_t sys_copy_file_range(emu_ctx *ctx, const uint64_t *a)
{
    int hi, ho;
    off_t oi = 0, oo = 0;
    if (off_in(ctx, a[1], &hi, &oi) != 0 || off_in(ctx, a[3], &ho, &oo) != 0)
        return -EFAULT;
    uint64_t n = a[4] > IO_MAX ? IO_MAX : a[4];
    ssize_t r = copy_file_range(sys_int(a[0]), hi ? &oi : NULL, sys_int(a[2]), ho ? &oo : NULL,
                                n, (unsigned)a[5]);
    if (r < 0)
        return -errno;
    off_out(ctx, hi ? a[1] : 0, oi);
    off_out(ctx, ho ? a[3] : 0, oo);
    return r;
}

/* splice flags SPLICE_F_MOVE, NONBLOCK, MORE, GIFT: the same values */
#define SPLICE_KNOWN 0xfu

int64_t sys_splice(emu_ctx *ctx, const uint64_t *a)
{
    int hi, ho;
    off_t oi = 0, oo = 0;
    if (off_in(ctx, a[1], &hi, &oi) != 0 || off_in(ctx, a[3], &ho, &oo) != 0)
        return -EFAULT;
    if (a[5] & ~(uint64_t)SPLICE_KNOWN)
        return -EINVAL;
    uint64_t n = a[4] > IO_MAX ? IO_MAX : a[4];
    ssize_t r = splice(sys_int(a[0]), hi ? &oi : NULL, sys_int(a[2]), ho ? &oo : NULL, n,
                       (unsigned)a[5]);
    if (r < 0)
        return -errno;
    off_out(ctx, hi ? a[1] : 0, oi);
    off_out(ctx, ho ? a[3] : 0, oo);
    return r;
}

int64_t sys_tee(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    if (a[3] & ~(uint64_t)SPLICE_KNOWN)
        return -EINVAL;
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    return sys_err(tee(sys_int(a[0]), sys_int(a[1]), n, (unsigned)a[3]));
}

int64_t sys_preadv(emu_ctx *ctx, const uint64_t *a)
{
    struct iovec *v;
    int64_t r = sys_iov_in(ctx, a[1], a[2], 1, &v);
    if (r < 0)
        return r;
    r = sys_err(preadv(sys_int(a[0]), v, (int)a[2], (off_t)a[3]));
    free(v);
    return r;
}

int64_t sys_pwritev(emu_ctx *ctx, const uint64_t *a)
{
    struct iovec *v;
    int64_t r = sys_iov_in(ctx, a[1], a[2], 0, &v);
    if (r < 0)
        return r;
    r = sys_err(pwritev(sys_int(a[0]), v, (int)a[2], (off_t)a[3]));
    free(v);
    return r;
}

/* statx(dirfd, path, flags, mask, buf): struct statx has one layout
 * everywhere; written field by field from the host's. */
int64_t sys_statx(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    uint8_t *g = sys_out(ctx, a[4], 256);
    if (!path || !g)
        return sys_bad(ctx);
    int fl = (int)(a[2] & (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
                           AT_STATX_SYNC_TYPE));
    struct statx sx;
    if (statx(sys_dirfd(a[0]), path, fl, (unsigned)a[3], &sx) != 0)
        return -errno;
    memset(g, 0, 256);
    sys_put32(g + 0, sx.stx_mask);
    sys_put32(g + 4, sx.stx_blksize);
    sys_put64(g + 8, sx.stx_attributes);
    sys_put32(g + 16, sx.stx_nlink);
    sys_put32(g + 20, sx.stx_uid);
    sys_put32(g + 24, sx.stx_gid);
    memcpy(g + 28, &sx.stx_mode, 2);
    sys_put64(g + 32, sx.stx_ino);
    sys_put64(g + 40, sx.stx_size);
    sys_put64(g + 48, sx.stx_blocks);
    sys_put64(g + 56, sx.stx_attributes_mask);
    const struct statx_timestamp *t[4] = {&sx.stx_atime, &sx.stx_btime, &sx.stx_ctime,
                                          &sx.stx_mtime};
    for (int i = 0; i < 4; i++) {
        sys_put64(g + 64 + 16 * i, (uint64_t)t[i]->tv_sec);
        sys_put32(g + 72 + 16 * i, t[i]->tv_nsec);
    }
    sys_put32(g + 128, sx.stx_rdev_major);
    sys_put32(g + 132, sx.stx_rdev_minor);
    sys_put32(g + 136, sx.stx_dev_major);
    sys_put32(g + 140, sx.stx_dev_minor);
    return 0;
}

/* struct statfs, asm-generic 64-bit: 120 bytes, 64-bit fields but
 * f_fsid (two ints) at 56; f_namelen, f_frsize, f_flags after it. */
static void put_statfs(uint8_t *g, const struct statfs *s)
{
    memset(g, 0, 120);
    sys_put64(g + 0, (uint64_t)s->f_type);
    sys_put64(g + 8, (uint64_t)s->f_bsize);
    sys_put64(g + 16, s->f_blocks);
    sys_put64(g + 24, s->f_bfree);
    sys_put64(g + 32, s->f_bavail);
    sys_put64(g + 40, s->f_files);
    sys_put64(g + 48, s->f_ffree);
    memcpy(g + 56, &s->f_fsid, 8);
    sys_put64(g + 64, (uint64_t)s->f_namelen);
    sys_put64(g + 72, (uint64_t)s->f_frsize);
    sys_put64(g + 80, (uint64_t)s->f_flags);
}

int64_t sys_statfs(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[0]);
    uint8_t *g = sys_out(ctx, a[1], 120);
    if (!path || !g)
        return sys_bad(ctx);
    struct statfs s;
    if (statfs(path, &s) != 0)
        return -errno;
    put_statfs(g, &s);
    return 0;
}

int64_t sys_fstatfs(emu_ctx *ctx, const uint64_t *a)
{
    uint8_t *g = sys_out(ctx, a[1], 120);
    if (!g)
        return -EFAULT;
    struct statfs s;
    if (fstatfs(sys_int(a[0]), &s) != 0)
        return -errno;
    put_statfs(g, &s);
    return 0;
}

int64_t sys_truncate(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[0]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(truncate(path, (off_t)a[1]));
}

int64_t sys_fallocate(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(fallocate(sys_int(a[0]), sys_int(a[1]), (off_t)a[2], (off_t)a[3]));
}

int64_t sys_fadvise64(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return -posix_fadvise(sys_int(a[0]), (off_t)a[1], (off_t)a[2], sys_int(a[3]));
}

int64_t sys_readahead(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(readahead(sys_int(a[0]), (off_t)a[1], a[2]));
}

int64_t sys_fdatasync(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(fdatasync(sys_int(a[0])));
}

int64_t sys_sync(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    (void)a;
    sync();
    return 0;
}

int64_t sys_syncfs(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(syncfs(sys_int(a[0])));
}

int64_t sys_sync_file_range(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(sync_file_range(sys_int(a[0]), (off_t)a[1], (off_t)a[2], (unsigned)a[3]));
}

int64_t sys_flock(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    if (a[1] & ~(uint64_t)(LOCK_SH | LOCK_EX | LOCK_NB | LOCK_UN))
        return -EINVAL;
    return sys_err(flock(sys_int(a[0]), (int)a[1]));
}

int64_t sys_fchown(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(fchown(sys_int(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

int64_t sys_fchownat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(fchownat(sys_dirfd(a[0]), path, (uid_t)a[2], (gid_t)a[3],
                            (int)(a[4] & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))));
}

/* utimensat(dirfd, path or NULL, times[2] or NULL, flags) */
int64_t sys_utimensat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = NULL;
    if (a[1] && !(path = sys_path(ctx, a[1])))
        return sys_bad(ctx);
    struct timespec ts[2];
    if (a[2]) {
        int64_t v[4];
        if (sys_copy_in(ctx, v, a[2], sizeof v) != 0)
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            ts[i].tv_sec = v[2 * i];
            ts[i].tv_nsec = v[2 * i + 1]; /* UTIME_NOW and UTIME_OMIT: the same values */
        }
    }
    return sys_err(syscall(SYS_utimensat, sys_dirfd(a[0]), path, a[2] ? ts : NULL,
                           (int)(a[3] & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))));
}

int64_t sys_mknodat(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(mknodat(sys_dirfd(a[0]), path, (mode_t)a[2], (dev_t)a[3]));
}

int64_t sys_faccessat2(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[1]);
    if (!path)
        return sys_bad(ctx);
    return sys_err(syscall(SYS_faccessat2, sys_dirfd(a[0]), path, sys_int(a[2]),
                           (int)(a[3] & (AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))));
}

/* close_range(first, last, flags): never the emulator's own descriptors
 * (a vfork child's status pipe, kept near the top of the table) */
int64_t sys_close_range(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    unsigned first = (unsigned)a[0], last = (unsigned)a[1];
    if (first > last || (a[2] & ~(uint64_t)(CLOSE_RANGE_CLOEXEC | CLOSE_RANGE_UNSHARE)))
        return -EINVAL;
    struct rlimit rl;
    unsigned top = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 64 && rl.rlim_cur < 65536
                   ? (unsigned)rl.rlim_cur - 64 : 1024;
    if (last >= top)
        last = top - 1;
    if (first > last)
        return 0;
    return sys_err(syscall(SYS_close_range, first, last, (unsigned)a[2]));
}

int64_t sys_memfd_create(emu_ctx *ctx, const uint64_t *a)
{
    const char *name = sys_path(ctx, a[0]);
    if (!name)
        return sys_bad(ctx);
    if (a[1] & ~(uint64_t)(MFD_CLOEXEC | MFD_ALLOW_SEALING))
        return -EINVAL;
    return sys_err(memfd_create(name, (unsigned)a[1]));
}
