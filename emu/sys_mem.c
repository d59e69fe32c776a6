/*
 * sys_mem.c - brk, mmap, munmap, mremap, mprotect, madvise.  The guest's memory
 * map lives in emu_mem (page permissions and colors); host mappings go
 * into the reserved region at exactly the guest's place.  Any change to
 * pages that blocks were decoded from flushes the block cache first.
 */
#include <sys/mman.h>

#include "sys.h"

#define G_PROT_READ 1
#define G_PROT_WRITE 2
#define G_PROT_EXEC 4
#define G_MAP_SHARED 0x01
#define G_MAP_PRIVATE 0x02
#define G_MAP_SHARED_VALIDATE 0x03
#define G_MAP_FIXED 0x10
#define G_MAP_FIXED_NOREPLACE 0x100000
#define G_MADV_DONTNEED 4

static unsigned prot_of(uint64_t g)
{
    return (g & G_PROT_READ ? EMU_P_R : 0) | (g & G_PROT_WRITE ? EMU_P_W : 0) |
           (g & G_PROT_EXEC ? EMU_P_X : 0);
}

int64_t sys_brk(emu_ctx *ctx, const uint64_t *a)
{
    emu_mem *m = &ctx->as->mem;
    uint64_t want = a[0];
    if (want < m->brk_start || want > m->brk_max)
        return (int64_t)m->brk_cur;
    uint64_t old_top = emu_page_up(m->brk_cur), new_top = emu_page_up(want);
    if (new_top > old_top) {
        if (!emu_mem_is_free(m, old_top, new_top - old_top))
            return (int64_t)m->brk_cur;
        if (emu_mem_map(m, old_top, new_top - old_top, EMU_P_R | EMU_P_W, 0, -1, 0, 0) != 0)
            return (int64_t)m->brk_cur;
    } else if (new_top < old_top) {
        emu_cache_invalidate(ctx->as, new_top, old_top - new_top);
        emu_mem_unmap(m, new_top, old_top - new_top);
    }
    m->brk_cur = want;
    return (int64_t)want;
}

int64_t sys_mmap(emu_ctx *ctx, const uint64_t *a)
{
    emu_mem *m = &ctx->as->mem;
    uint64_t addr = a[0], len = a[1], prot = a[2], flags = a[3], off = a[5];
    int fd = sys_int(a[4]);
    uint64_t type = flags & 3;
    if (len == 0 || (off & (EMU_PAGE_SIZE - 1)) || prot & ~(uint64_t)7)
        return -EINVAL;
    if (type != G_MAP_SHARED && type != G_MAP_PRIVATE && type != G_MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (len > EMU_GUEST_SIZE)
        return -ENOMEM;
    len = emu_page_up(len);
    int anon = (flags & G_MAP_ANONYMOUS) != 0;
    int fixed = (flags & (G_MAP_FIXED | G_MAP_FIXED_NOREPLACE)) != 0;
    if (fixed) {
        if (addr & (EMU_PAGE_SIZE - 1))
            return -EINVAL;
        if (!emu_mem_in_range(addr, len) || addr < EMU_PAGE_SIZE)
            return -ENOMEM;
        if ((flags & G_MAP_FIXED_NOREPLACE) && !emu_mem_is_free(m, addr, len))
            return -EEXIST;
    } else {
        /* a hint is taken when the range is free, like Linux */
        addr = emu_page_down(addr);
        if (!(addr >= EMU_PAGE_SIZE && emu_mem_in_range(addr, len) && emu_mem_is_free(m, addr, len)))
            addr = emu_mem_find_free(m, len);
        if (!addr)
            return -ENOMEM;
    }
    emu_cache_invalidate(ctx->as, addr, len);
    int r = emu_mem_map(m, addr, len, prot_of(prot), 0, anon ? -1 : fd, anon ? 0 : off,
                        type != G_MAP_PRIVATE);
    if (r < 0)
        return r;
    emu_note_prot(ctx, prot_of(prot));
    return (int64_t)addr;
}

int64_t sys_munmap(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t addr = a[0], len = emu_page_up(a[1]);
    if ((addr & (EMU_PAGE_SIZE - 1)) || a[1] == 0 || !emu_mem_in_range(addr, len))
        return -EINVAL;
    emu_cache_invalidate(ctx->as, addr, len);
    return emu_mem_unmap(&ctx->as->mem, addr, len);
}

#define G_MREMAP_MAYMOVE 1
#define G_MREMAP_FIXED 2

/* mremap(old, old_size, new_size, flags, new): translated code of both
 * ranges is invalidated first, as for munmap */
int64_t sys_mremap(emu_ctx *ctx, const uint64_t *a)
{
    emu_mem *m = &ctx->as->mem;
    uint64_t old = a[0], olen = emu_page_up(a[1]), nlen = emu_page_up(a[2]), fl = a[3], na = a[4];
    if ((old & (EMU_PAGE_SIZE - 1)) || (fl & ~(uint64_t)(G_MREMAP_MAYMOVE | G_MREMAP_FIXED)) ||
        ((fl & G_MREMAP_FIXED) && !(fl & G_MREMAP_MAYMOVE)) || nlen == 0 || a[2] > EMU_GUEST_SIZE)
        return -EINVAL; /* MREMAP_DONTUNMAP is not offered: -EINVAL */
    if (olen == 0)
        return -EINVAL; /* (Linux duplicates a shared mapping then; not here) */
    if (!emu_mem_check(m, old, olen, 0, -1))
        return -EFAULT;
    if (fl & G_MREMAP_FIXED) {
        if ((na & (EMU_PAGE_SIZE - 1)) || !emu_mem_in_range(na, nlen) ||
            (na < old + olen && old < na + nlen))
            return -EINVAL;
        emu_cache_invalidate(ctx->as, na, nlen);
        emu_mem_unmap(m, na, nlen);
    } else if (nlen <= olen || (emu_mem_in_range(old, nlen) &&
                                emu_mem_is_free(m, old + olen, nlen - olen))) {
        na = old; /* shrink, or grow in place */
    } else if (fl & G_MREMAP_MAYMOVE) {
        if (!(na = emu_mem_find_free(m, nlen)))
            return -ENOMEM;
    } else {
        return -ENOMEM;
    }
    emu_cache_invalidate(ctx->as, old, olen);
    int r = emu_mem_remap(m, old, olen, na, nlen);
    return r ? r : (int64_t)na;
}

int64_t sys_mprotect(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t addr = a[0], len = emu_page_up(a[1]);
    if ((addr & (EMU_PAGE_SIZE - 1)) || a[2] & ~(uint64_t)7)
        return -EINVAL;
    if (!emu_mem_in_range(addr, len))
        return -ENOMEM;
    emu_cache_invalidate(ctx->as, addr, len);
    int r = emu_mem_protect(&ctx->as->mem, addr, len, prot_of(a[2]));
    if (r == 0)
        emu_note_prot(ctx, prot_of(a[2]));
    return r;
}

int64_t sys_madvise(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t addr = a[0], len = emu_page_up(a[1]);
    if (addr & (EMU_PAGE_SIZE - 1))
        return -EINVAL;
    if (!emu_mem_in_range(addr, len))
        return -ENOMEM;
    if (a[2] != G_MADV_DONTNEED)
        return 0; /* advice only */
    if (!emu_mem_check(&ctx->as->mem, addr, len, 0, -1))
        return -ENOMEM;
    emu_cache_invalidate(ctx->as, addr, len);
    return emu_mem_discard(&ctx->as->mem, addr, len);
}

/* The range of msync, mlock, munlock, mincore: page-aligned start,
 * every page mapped (-ENOMEM otherwise, as Linux). */
static int mapped_range(emu_ctx *ctx, uint64_t addr, uint64_t len)
{
    if (addr & (EMU_PAGE_SIZE - 1))
        return -EINVAL;
    len = emu_page_up(len);
    if (!emu_mem_in_range(addr, len) || (len && !emu_mem_check(&ctx->as->mem, addr, len, 0, -1)))
        return -ENOMEM;
    return 0;
}

#define G_MS_ASYNC 1
#define G_MS_INVALIDATE 2
#define G_MS_SYNC 4

int64_t sys_msync(emu_ctx *ctx, const uint64_t *a)
{
    if (a[2] & ~(uint64_t)7 || (a[2] & G_MS_ASYNC && a[2] & G_MS_SYNC))
        return -EINVAL;
    int r = mapped_range(ctx, a[0], a[1]);
    if (r || !a[1])
        return r;
    uint64_t len = emu_page_up(a[1]);
    void *p = emu_mem_ptr(&ctx->as->mem, a[0], len, 0, -1);
    int fl = (a[2] & G_MS_ASYNC ? MS_ASYNC : 0) | (a[2] & G_MS_SYNC ? MS_SYNC : 0) |
             (a[2] & G_MS_INVALIDATE ? MS_INVALIDATE : 0);
    return p && msync(p, len, fl) != 0 ? -errno : 0;
}

/* Locking guest memory: the host pages behind it */
int64_t sys_mlock(emu_ctx *ctx, const uint64_t *a)
{
    int r = mapped_range(ctx, emu_page_down(a[0]), a[1] + (a[0] & (EMU_PAGE_SIZE - 1)));
    if (r || !a[1])
        return r;
    void *p = emu_mem_ptr(&ctx->as->mem, a[0], a[1], 0, -1);
    return p && mlock(p, a[1]) != 0 ? -errno : 0;
}

int64_t sys_munlock(emu_ctx *ctx, const uint64_t *a)
{
    int r = mapped_range(ctx, emu_page_down(a[0]), a[1] + (a[0] & (EMU_PAGE_SIZE - 1)));
    if (r || !a[1])
        return r;
    void *p = emu_mem_ptr(&ctx->as->mem, a[0], a[1], 0, -1);
    return p && munlock(p, a[1]) != 0 ? -errno : 0;
}

/* mlockall would lock the whole 64 GiB reservation: accepted, a no-op
 * (MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4) */
int64_t sys_mlockall(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return !a[0] || (a[0] & ~(uint64_t)7) || a[0] == 4 ? -EINVAL : 0;
}

int64_t sys_munlockall(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    (void)a;
    return 0;
}

/* mincore(addr, len, vec): one byte per page, the host's residency */
int64_t sys_mincore(emu_ctx *ctx, const uint64_t *a)
{
    int r = mapped_range(ctx, a[0], a[1]);
    if (r)
        return r;
    uint64_t len = emu_page_up(a[1]), pages = len >> EMU_PAGE_SHIFT;
    unsigned char *vec = sys_out(ctx, a[2], pages);
    if (!vec)
        return -EFAULT;
    void *p = emu_mem_ptr(&ctx->as->mem, a[0], len, 0, -1);
    if (!pages)
        return 0;
    return p && mincore(p, len, vec) != 0 ? -errno : 0;
}
