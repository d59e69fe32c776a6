/*
 * mem.h - guest memory for user mode.
 *
 * The whole guest address space [0, EMU_GUEST_SIZE) is one host region
 * reserved at start-up (PROT_NONE, MAP_NORESERVE); guest address a lives
 * at host address base + a.  Host page protections mirror the guest's, so
 * the interpreter accesses memory with plain loads and stores and a host
 * fault inside the region is a guest fault (fault.c).  A guard of
 * EMU_GUARD bytes past the end catches accesses that straddle the top.
 *
 * Beside the host mapping each guest page has a byte of permissions and
 * a byte of color (the capability extension), which syscalls, the block
 * builder and fault reports consult.  Full-system mode will put a softmmu
 * behind the same access helpers.
 */
#ifndef EMU_MEM_H
#define EMU_MEM_H

#include <stddef.h>
#include <stdint.h>

#define EMU_PAGE_SHIFT 12
#define EMU_PAGE_SIZE ((uint64_t)1 << EMU_PAGE_SHIFT)
#define EMU_GUEST_BITS 36
#define EMU_GUEST_SIZE ((uint64_t)1 << EMU_GUEST_BITS) /* 64 GiB */
#define EMU_GUARD (2 * EMU_PAGE_SIZE)

/* Per-page permission bits. */
enum {
    EMU_P_R = 1,      /* readable */
    EMU_P_W = 2,      /* writable */
    EMU_P_X = 4,      /* executable */
    EMU_P_MAPPED = 8, /* page exists */
    EMU_P_CACHED = 16 /* decoded blocks or constants were taken from it */
};

typedef struct emu_mem {
    uint8_t *base;   /* host address of guest address 0 */
    uint8_t *perm;   /* EMU_GUEST_SIZE >> 12 entries of EMU_P_* */
    uint8_t *color;  /* page colors 0..15 */
    uint64_t brk_start, brk_cur, brk_max;
    uint64_t mmap_top;  /* mmap places mappings below this */
    uint64_t mmap_near; /* ... preferably below this: within call reach of
                         * the image, so generated code can be called */
    uint64_t mmap_hint; /* ... starting below the previous one */
    uint64_t stack_lo, stack_hi;
} emu_mem;

static inline uint64_t emu_page_down(uint64_t a) { return a & ~(EMU_PAGE_SIZE - 1); }
static inline uint64_t emu_page_up(uint64_t a)
{
    return (a + EMU_PAGE_SIZE - 1) & ~(EMU_PAGE_SIZE - 1);
}
static inline uint8_t emu_mem_perm(const emu_mem *m, uint64_t a)
{
    return a < EMU_GUEST_SIZE ? m->perm[a >> EMU_PAGE_SHIFT] : 0;
}
static inline unsigned emu_mem_color(const emu_mem *m, uint64_t a)
{
    return a < EMU_GUEST_SIZE ? m->color[a >> EMU_PAGE_SHIFT] : 0;
}

/* Reserve the region; 0 on success, -1 with errno set. */
int emu_mem_init(emu_mem *m);
void emu_mem_free(emu_mem *m);

/* Is [a, a+len) inside the guest space?  (len may be 0.) */
static inline int emu_mem_in_range(uint64_t a, uint64_t len)
{
    return a <= EMU_GUEST_SIZE && len <= EMU_GUEST_SIZE - a;
}

/* Map fresh zero pages (page-aligned range) with guest permissions
 * prot (EMU_P_R|W|X) and a color; replaces what was there.  Returns 0 or
 * -errno.  If fd >= 0 the pages map that file at offset off instead
 * (shared when shared is set). */
int emu_mem_map(emu_mem *m, uint64_t a, uint64_t len, unsigned prot,
                unsigned color, int fd, uint64_t off, int shared);
/* Unmap (page-aligned range; unmapped pages in it are fine). */
int emu_mem_unmap(emu_mem *m, uint64_t a, uint64_t len);
/* Change permissions; -ENOMEM if a page in the range is unmapped. */
int emu_mem_protect(emu_mem *m, uint64_t a, uint64_t len, unsigned prot);
/* Is every page of [a, a+len) unmapped? */
int emu_mem_is_free(const emu_mem *m, uint64_t a, uint64_t len);
/* Does any page of [a, a+len) carry EMU_P_CACHED? */
int emu_mem_any_cached(const emu_mem *m, uint64_t a, uint64_t len);
/* Mark the page holding a as a source of cached blocks (returns 1 if
 * it was not yet); a writable one becomes read-only on the host so a
 * store to it can invalidate the cache.  uncache undoes it. */
int emu_mem_set_cached(emu_mem *m, uint64_t a);
void emu_mem_uncache(emu_mem *m, uint64_t a);
/* Find a free page-aligned range of len bytes below mmap_top; 0 if none. */
uint64_t emu_mem_find_free(emu_mem *m, uint64_t len);

/* Host pointer to [a, a+len) if every page has all of need (EMU_P_*),
 * else NULL.  Before writing through it, flush blocks decoded from those
 * pages (emu_cache_invalidate; the syscall layer's sys_out does): a
 * cached writable page is read-only on the host. */
void *emu_mem_ptr(const emu_mem *m, uint64_t a, uint64_t len, unsigned need);
/* Executable bytes from pc on, at most 8 (the longest instruction): 0
 * when pc itself is not executable.  What a decoder may look at. */
size_t emu_mem_exec_avail(const emu_mem *m, uint64_t pc);
/* Length of the NUL-terminated string at a (at most max bytes scanned,
 * all readable); -1 if it runs into an unreadable page or exceeds max. */
long emu_mem_strlen(const emu_mem *m, uint64_t a, size_t max);

#endif
