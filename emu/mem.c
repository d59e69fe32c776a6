/*
 * mem.c - the reserved guest region and its page table (see mem.h).
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

#include "mem.h"

#define NPAGES (EMU_GUEST_SIZE >> EMU_PAGE_SHIFT)

int emu_mem_init(emu_mem *m)
{
    memset(m, 0, sizeof *m);
    void *p = mmap(NULL, EMU_GUEST_SIZE + EMU_GUARD, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    /* The page tables are large but touched sparsely: mmap'd zero pages. */
    void *t = mmap(NULL, 2 * NPAGES, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (t == MAP_FAILED) {
        munmap(p, EMU_GUEST_SIZE + EMU_GUARD);
        return -1;
    }
    m->base = p;
    m->perm = t;
    m->color = (uint8_t *)t + NPAGES;
    return 0;
}

void emu_mem_free(emu_mem *m)
{
    if (m->base)
        munmap(m->base, EMU_GUEST_SIZE + EMU_GUARD);
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
        if (mprotect(m->base + p, EMU_PAGE_SIZE, host_prot(*e)) != 0)
            return -errno;
    }
    return 0;
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
    uint8_t *e = &m->perm[a >> EMU_PAGE_SHIFT];
    if (*e & EMU_P_CACHED)
        return 0;
    *e |= EMU_P_CACHED;
    if (*e & EMU_P_W)
        mprotect(m->base + emu_page_down(a), EMU_PAGE_SIZE, host_prot(*e));
    return 1;
}

void emu_mem_uncache(emu_mem *m, uint64_t a)
{
    uint8_t *e = &m->perm[a >> EMU_PAGE_SHIFT];
    if (!(*e & EMU_P_CACHED))
        return;
    *e &= (uint8_t)~EMU_P_CACHED;
    if (*e & EMU_P_W)
        mprotect(m->base + emu_page_down(a), EMU_PAGE_SIZE, host_prot(*e));
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

void *emu_mem_ptr(const emu_mem *m, uint64_t a, uint64_t len, unsigned need)
{
    if (!emu_mem_in_range(a, len))
        return NULL;
    need |= EMU_P_MAPPED;
    if (len == 0)
        return m->base + a;
    for (uint64_t p = emu_page_down(a); p < a + len; p += EMU_PAGE_SIZE)
        if ((m->perm[p >> EMU_PAGE_SHIFT] & need) != need)
            return NULL;
    return m->base + a;
}

size_t emu_mem_exec_avail(const emu_mem *m, uint64_t pc)
{
    if (!emu_mem_ptr(m, pc, 2, EMU_P_X))
        return 0;
    size_t avail = 2;
    while (avail < 8 && emu_mem_ptr(m, pc, avail + 2, EMU_P_X))
        avail += 2;
    return avail;
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
