/*
 * mem.c - the guest-memory layer (see mem.h): the reserved region, its
 * page table, and the checked accesses of the block decoder, the
 * syscalls, the loader and the stack.
 *
 * Mapping a guest page replaces the reserved PROT_NONE pages with a real
 * mapping (MAP_FIXED inside our own reservation, never outside it);
 * unmapping puts a fresh PROT_NONE reservation back so the contents are
 * dropped and the host address stays ours.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "isa.h"
#include "mem.h"

#define NPAGES (EMU_GUEST_SIZE >> EMU_PAGE_SHIFT)

int emu_mem_init(emu_mem *m)
{
    memset(m, 0, sizeof *m);
    const size_t span = EMU_GUARD + EMU_GUEST_SIZE + EMU_GUARD;
    uint8_t *p = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    /* The page tables are large but touched sparsely: mmap'd zero pages. */
    void *t = mmap(NULL, 2 * NPAGES, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (t == MAP_FAILED) {
        munmap(p, span);
        return -1;
    }
    m->base = p + EMU_GUARD;
    m->perm = t;
    m->color = (uint8_t *)t + NPAGES;
    return 0;
}

void emu_mem_free(emu_mem *m)
{
    if (m->base)
        munmap(m->base - EMU_GUARD, EMU_GUARD + EMU_GUEST_SIZE + EMU_GUARD);
    if (m->perm)
        munmap(m->perm, 2 * NPAGES);
    m->base = m->perm = m->color = NULL;
}

/* Host protection for a guest page: the decoder reads executable pages,
 * so X implies host read; a cached writable page is read-only on the
 * host until a store to it flushes the block cache. */
static int host_prot(unsigned perm)
{
    int p = PROT_NONE;
    if (perm & (EMU_P_R | EMU_P_X))
        p |= PROT_READ;
    if ((perm & EMU_P_W) && !(perm & EMU_P_CACHED))
        p |= PROT_READ | PROT_WRITE;
    return p;
}

/* W or X without R: the host cannot map that, the checking interpreter
 * must ask the page table on loads. */
static void note_prot(emu_mem *m, unsigned prot)
{
    if ((prot & (EMU_P_W | EMU_P_X)) && !(prot & EMU_P_R))
        m->unreadable = 1;
}

int emu_mem_map(emu_mem *m, uint64_t a, uint64_t len, unsigned prot,
                unsigned color, int fd, uint64_t off, int shared)
{
    if (!emu_mem_in_range(a, len) || (a | len) & (EMU_PAGE_SIZE - 1))
        return -EINVAL;
    if (len == 0)
        return 0;
    int flags = MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE);
    if (fd < 0)
        flags |= MAP_ANONYMOUS;
    prot &= EMU_P_R | EMU_P_W | EMU_P_X;
    void *p = mmap(m->base + a, len, host_prot(prot), flags, fd, (off_t)off);
    if (p == MAP_FAILED) {
        int e = errno;
        /* leave a clean reservation behind */
        mmap(m->base + a, len, PROT_NONE,
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        memset(m->perm + (a >> EMU_PAGE_SHIFT), 0, len >> EMU_PAGE_SHIFT);
        return -e;
    }
    memset(m->perm + (a >> EMU_PAGE_SHIFT), (int)(prot | EMU_P_MAPPED),
           len >> EMU_PAGE_SHIFT);
    note_prot(m, prot);
    memset(m->color + (a >> EMU_PAGE_SHIFT), (int)(color & 15),
           len >> EMU_PAGE_SHIFT);
    return 0;
}

int emu_mem_unmap(emu_mem *m, uint64_t a, uint64_t len)
{
    if (!emu_mem_in_range(a, len) || (a | len) & (EMU_PAGE_SIZE - 1))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (mmap(m->base + a, len, PROT_NONE,
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
             0) == MAP_FAILED)
        return -errno;
    memset(m->perm + (a >> EMU_PAGE_SHIFT), 0, len >> EMU_PAGE_SHIFT);
    memset(m->color + (a >> EMU_PAGE_SHIFT), 0, len >> EMU_PAGE_SHIFT);
    return 0;
}

/* Put the PROT_NONE reservation back over a hole the host left. */
static void reserve(emu_mem *m, uint64_t a, uint64_t len)
{
    mmap(m->base + a, len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
         -1, 0);
}

int emu_mem_remap(emu_mem *m, uint64_t a, uint64_t len, uint64_t na, uint64_t nlen)
{
    if (!emu_mem_in_range(a, len) || !emu_mem_in_range(na, nlen) || !len || !nlen ||
        (a | len | na | nlen) & (EMU_PAGE_SIZE - 1))
        return -EINVAL;
    uint64_t pg = a >> EMU_PAGE_SHIFT, npg = na >> EMU_PAGE_SHIFT;
    uint64_t n = len >> EMU_PAGE_SHIFT, nn = nlen >> EMU_PAGE_SHIFT;
    /* the pages keep their permissions and color; new ones get the last page's */
    uint8_t last = m->perm[pg + n - 1] & (uint8_t)~EMU_P_CACHED, lastc = m->color[pg + n - 1];
    for (uint64_t i = 0; i < n; i++)
        if (m->perm[pg + i] & EMU_P_CACHED)
            emu_mem_uncache(m, a + (i << EMU_PAGE_SHIFT));
    if (na == a) {
        if (nlen <= len)
            return emu_mem_unmap(m, a + nlen, len - nlen);
        /* grow in place: the host's mremap needs a hole there */
        if (munmap(m->base + a + len, nlen - len) != 0)
            return -errno;
        if (mremap(m->base + a, len, nlen, 0) == MAP_FAILED) {
            int e = errno;
            reserve(m, a + len, nlen - len);
            return -e;
        }
        memset(m->perm + pg + n, last, nn - n);
        memset(m->color + pg + n, lastc, nn - n);
        return 0;
    }
    if (na < a + len && a < na + nlen)
        return -EINVAL; /* the caller unmapped the destination, which may not overlap */
    if (mremap(m->base + a, len, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, m->base + na) == MAP_FAILED) {
        int e = errno;
        reserve(m, na, nlen); /* the destination may have been unmapped */
        return -e;
    }
    reserve(m, a, len);
    uint64_t keep = n < nn ? n : nn;
    memcpy(m->perm + npg, m->perm + pg, keep);
    memcpy(m->color + npg, m->color + pg, keep);
    for (uint64_t i = 0; i < keep; i++)
        m->perm[npg + i] &= (uint8_t)~EMU_P_CACHED;
    if (nn > n) {
        memset(m->perm + npg + n, last, nn - n);
        memset(m->color + npg + n, lastc, nn - n);
    }
    memset(m->perm + pg, 0, n);
    memset(m->color + pg, 0, n);
    return 0;
}

/* Set the host protection of the pages [a, a+len) to what their
 * entries say: one mprotect per run of pages with equal protection, so
 * a large segment or a guest mprotect of gigabytes is one host call
 * (and a scan of its page bytes), not one call per page. */
static int host_sync(emu_mem *m, uint64_t a, uint64_t len)
{
    uint64_t end = a + len;
    while (a < end) {
        int hp = host_prot(m->perm[a >> EMU_PAGE_SHIFT]);
        uint64_t e = a + EMU_PAGE_SIZE;
        while (e < end && host_prot(m->perm[e >> EMU_PAGE_SHIFT]) == hp)
            e += EMU_PAGE_SIZE;
        m->host_protects++;
        if (mprotect(m->base + a, e - a, hp) != 0)
            return -errno;
        a = e;
    }
    return 0;
}

int emu_mem_protect(emu_mem *m, uint64_t a, uint64_t len, unsigned prot)
{
    if (!emu_mem_in_range(a, len) || a & (EMU_PAGE_SIZE - 1))
        return -EINVAL;
    len = emu_page_up(len);
    for (uint64_t p = a; p < a + len; p += EMU_PAGE_SIZE)
        if (!(m->perm[p >> EMU_PAGE_SHIFT] & EMU_P_MAPPED))
            return -ENOMEM;
    prot &= EMU_P_R | EMU_P_W | EMU_P_X;
    for (uint64_t p = a; p < a + len; p += EMU_PAGE_SIZE) {
        uint8_t *e = &m->perm[p >> EMU_PAGE_SHIFT];
        *e = (uint8_t)(prot | EMU_P_MAPPED | (*e & EMU_P_CACHED));
    }
    note_prot(m, prot);
    return host_sync(m, a, len);
}

int emu_mem_discard(emu_mem *m, uint64_t a, uint64_t len)
{
    if (!emu_mem_in_range(a, len))
        return -ENOMEM;
    for (uint64_t p = a; p < a + len; p += EMU_PAGE_SIZE)
        if (!(emu_mem_perm(m, p) & EMU_P_MAPPED))
            return -ENOMEM;
    return madvise(m->base + a, len, MADV_DONTNEED) != 0 ? -errno : 0;
}

int emu_mem_is_free(const emu_mem *m, uint64_t a, uint64_t len)
{
    if (!emu_mem_in_range(a, len))
        return 0;
    for (uint64_t p = emu_page_down(a); p < a + len; p += EMU_PAGE_SIZE)
        if (m->perm[p >> EMU_PAGE_SHIFT] & EMU_P_MAPPED)
            return 0;
    return 1;
}

int emu_mem_any_cached(const emu_mem *m, uint64_t a, uint64_t len)
{
    if (!emu_mem_in_range(a, len))
        len = EMU_GUEST_SIZE - (a < EMU_GUEST_SIZE ? a : EMU_GUEST_SIZE);
    for (uint64_t p = emu_page_down(a); p < a + len; p += EMU_PAGE_SIZE)
        if (m->perm[p >> EMU_PAGE_SHIFT] & EMU_P_CACHED)
            return 1;
    return 0;
}

int emu_mem_set_cached(emu_mem *m, uint64_t a)
{
    if (m->xlate)
        return 0; /* the slow path marks the pages it translates for the decoder */
    uint8_t *e = &m->perm[a >> EMU_PAGE_SHIFT];
    /* atomic: another hart's write fault may clear the bit meanwhile */
    uint8_t old = __atomic_fetch_or(e, EMU_P_CACHED, __ATOMIC_RELAXED);
    if (old & EMU_P_CACHED)
        return 0;
    if (old & EMU_P_W) {
        __atomic_fetch_add(&m->host_protects, 1, __ATOMIC_RELAXED);
        mprotect(m->base + emu_page_down(a), EMU_PAGE_SIZE, host_prot(old | EMU_P_CACHED));
    }
    return 1;
}

void emu_mem_uncache(emu_mem *m, uint64_t a)
{
    uint8_t *e = &m->perm[a >> EMU_PAGE_SHIFT];
    if (!(*e & EMU_P_CACHED))
        return;
    *e &= (uint8_t)~EMU_P_CACHED;
    if (*e & EMU_P_W) {
        m->host_protects++;
        mprotect(m->base + emu_page_down(a), EMU_PAGE_SIZE, host_prot(*e));
    }
}

int emu_mem_write_fault(emu_mem *m, uint64_t ga)
{
    if (ga >= EMU_GUEST_SIZE)
        return 0;
    uint8_t *e = &m->perm[ga >> EMU_PAGE_SHIFT];
    const unsigned wm = EMU_P_W | EMU_P_MAPPED;
    if ((*e & wm) != wm)
        return 0;
    /* a writable page faults only while it is read-only for the cache;
     * two harts may fault on it at once: the second finds the bit clear
     * already and makes sure the page is writable, so both retry */
    __atomic_fetch_and(e, (uint8_t)~EMU_P_CACHED, __ATOMIC_RELAXED);
    __atomic_fetch_add(&m->host_protects, 1, __ATOMIC_RELAXED);
    mprotect(m->base + emu_page_down(ga), EMU_PAGE_SIZE, PROT_READ | PROT_WRITE);
    return 1;
}

/* Highest free range of len bytes whose top is at most top; 0 if none. */
static uint64_t find_below(const emu_mem *m, uint64_t top, uint64_t len)
{
    if (len > top)
        return 0;
    uint64_t a = top - len;
    while (a >= m->brk_max && a > EMU_PAGE_SIZE) {
        /* scan the candidate downwards; jump below the first used page */
        uint64_t used = 0;
        int found = 0;
        for (uint64_t p = a + len; p > a; p -= EMU_PAGE_SIZE)
            if (m->perm[(p - EMU_PAGE_SIZE) >> EMU_PAGE_SHIFT] & EMU_P_MAPPED) {
                used = p - EMU_PAGE_SIZE;
                found = 1;
                break;
            }
        if (!found)
            return a;
        if (used < len)
            return 0;
        a = used - len;
    }
    return 0;
}

uint64_t emu_mem_find_free(emu_mem *m, uint64_t len)
{
    len = emu_page_up(len);
    if (len == 0)
        return 0;
    /* continue below the last placement (mappings pile up downwards, so
     * this stays short); start again from the top when that runs out */
    uint64_t a = 0, h = m->mmap_hint;
    /* first within the image's call reach (docs/abi.md), then above it */
    if (h && h <= m->mmap_near)
        a = find_below(m, h, len);
    if (!a)
        a = find_below(m, m->mmap_near, len);
    if (!a && h > m->mmap_near && h <= m->mmap_top)
        a = find_below(m, h, len);
    if (!a)
        a = find_below(m, m->mmap_top, len);
    if (a)
        m->mmap_hint = a;
    return a;
}

/* May code of color s access page color d (a store when write)? */
static int cap_allows(const emu_mem *m, unsigned s, unsigned d, int write)
{
    return ((write ? m->caps.wmask : m->caps.rmask)[s & 15] >> d & 1) != 0;
}

int emu_mem_check(const emu_mem *m, uint64_t a, uint64_t len, unsigned need, int scolor)
{
    if (!emu_mem_in_range(a, len))
        return 0;
    if (len == 0)
        return 1;
    need |= EMU_P_MAPPED;
    int caps = m->caps.on && scolor >= 0;
    for (uint64_t p = emu_page_down(a); p < a + len; p += EMU_PAGE_SIZE) {
        if ((m->perm[p >> EMU_PAGE_SHIFT] & need) != need)
            return 0;
        if (caps && !cap_allows(m, (unsigned)scolor, m->color[p >> EMU_PAGE_SHIFT],
                                (need & EMU_P_W) != 0))
            return 0;
    }
    return 1;
}

void *emu_mem_ptr(const emu_mem *m, uint64_t a, uint64_t len, unsigned need, int scolor)
{
    return emu_mem_check(m, a, len, need, scolor) ? m->base + a : NULL;
}

int emu_copy_in(const emu_mem *m, void *dst, uint64_t a, size_t len, int scolor)
{
    if (!emu_mem_check(m, a, len, EMU_P_R, scolor))
        return -EFAULT;
    if (len)
        memcpy(dst, m->base + a, len);
    return 0;
}

int emu_copy_out(const emu_mem *m, uint64_t a, const void *src, size_t len, int scolor)
{
    if (!emu_mem_check(m, a, len, EMU_P_W, scolor))
        return -EFAULT;
    if (len)
        memcpy(m->base + a, src, len);
    return 0;
}

int emu_mem_write(emu_mem *m, uint64_t a, const void *src, size_t len)
{
    if (!emu_mem_check(m, a, len, 0, -1))
        return -EFAULT;
    if (len)
        memcpy(m->base + a, src, len);
    return 0;
}

/* The slow path's fetch: up to 8 bytes of pc's page; an instruction
 * whose first packet announces more than the page holds also needs the
 * next page, fetched on its own (translated, checked) and joined with
 * the first part in fetch_buf.  When that fails only the first page's
 * bytes are available, and the decoder faults at the next page's address
 * (the slow path recorded why). */
static const uint8_t *fetch_xlate(const emu_mem *m, uint64_t pc, size_t *avail)
{
    size_t n = 8, left = (size_t)(emu_page_down(pc) + EMU_PAGE_SIZE - pc);
    if (left < n)
        n = left;
    const uint8_t *p = m->xlate((emu_mem *)m, pc, (unsigned)n, EMU_P_X);
    *avail = p ? n : 0;
    if (!p || n == 8)
        return p;
    unsigned len = gl_insn_length((uint16_t)(p[0] | p[1] << 8));
    if (len <= n)
        return p;
    uint8_t *buf = ((emu_mem *)m)->fetch_buf;
    memcpy(buf, p, n);
    /* EMU_P_CACHED: the rest of an instruction, not one of its own */
    const uint8_t *q =
        m->xlate((emu_mem *)m, pc + n, (unsigned)(len - n), EMU_P_X | EMU_P_CACHED);
    if (!q)
        return p;
    memcpy(buf + n, q, len - n);
    *avail = len;
    return buf;
}

const uint8_t *emu_mem_fetch(const emu_mem *m, uint64_t pc, size_t *avail)
{
    *avail = 0;
    if (m->xlate)
        return fetch_xlate(m, pc, avail);
    if (!emu_mem_check(m, pc, 2, EMU_P_X, -1))
        return NULL;
    size_t n = 2;
    while (n < 8 && emu_mem_check(m, pc, n + 2, EMU_P_X, -1))
        n += 2;
    *avail = n;
    return m->base + pc;
}

unsigned emu_mem_code_color(emu_mem *m, uint64_t pc)
{
    return m->xlate && m->xcolor ? m->xcolor(m, pc) : emu_mem_color(m, pc);
}

int emu_mem_fetch_check(const emu_mem *m, uint64_t pc, unsigned len, unsigned s, emu_trap *t)
{
    if (!m->caps.on)
        return 0;
    for (uint64_t p = pc; p < pc + len; p = emu_page_down(p) + EMU_PAGE_SIZE) {
        unsigned d = emu_mem_color(m, p);
        if (!(m->caps.exec >> d & 1)) {
            t->kind = EMU_T_CAP_FETCH;
            t->addr = p;
            t->scolor = s;
            t->dcolor = d;
            return -1;
        }
    }
    return 0;
}

int emu_mem_const(const emu_mem *m, uint64_t a, unsigned n, unsigned s, uint64_t *v,
                  emu_trap *t)
{
    t->scolor = t->dcolor = 0;
    uint64_t x = 0;
    if (m->xlate) {
        /* byte by byte: a constant may straddle two pages; the slow path
         * checks everything (EMU_P_CACHED: the decoder is reading) */
        for (unsigned i = 0; i < n; i++) {
            const uint8_t *p = m->xlate((emu_mem *)m, a + i, 1, EMU_P_R | EMU_P_CACHED);
            if (!p) {
                t->kind = EMU_T_LOAD;
                t->addr = a + i;
                return -1;
            }
            x |= (uint64_t)*p << 8 * i;
        }
        *v = x;
        return 0;
    }
    if (!emu_mem_check(m, a, n, EMU_P_R, -1)) {
        t->kind = EMU_T_LOAD;
        t->addr = emu_mem_check(m, a, 1, EMU_P_R, -1) ? emu_page_up(a + 1) : a;
        return -1;
    }
    if (m->caps.on) {
        for (uint64_t p = a; p < a + n; p = emu_page_down(p) + EMU_PAGE_SIZE) {
            unsigned d = emu_mem_color(m, p);
            if (!cap_allows(m, s, d, 0)) {
                t->kind = EMU_T_CAP_LOAD;
                t->addr = p;
                t->scolor = s;
                t->dcolor = d;
                return -1;
            }
        }
    }
    memcpy(&x, m->base + a, n);
    *v = x;
    return 0;
}

long emu_mem_strlen(const emu_mem *m, uint64_t a, size_t max)
{
    for (size_t n = 0; n < max; n++) {
        uint64_t p = a + n;
        if (p >= EMU_GUEST_SIZE)
            return -1;
        if (n == 0 || (p & (EMU_PAGE_SIZE - 1)) == 0) {
            uint8_t e = m->perm[p >> EMU_PAGE_SHIFT];
            if ((e & (EMU_P_MAPPED | EMU_P_R)) != (EMU_P_MAPPED | EMU_P_R))
                return -1;
        }
        if (m->base[p] == 0)
            return (long)n;
    }
    return -1;
}
