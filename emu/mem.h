/*
 * mem.h - the guest-memory layer: every access the emulator makes to
 * guest memory goes through the helpers here (interpreter loads and
 * stores, code fetch, constant-stream fetch, syscall copy-in/copy-out,
 * the loader and the initial stack), and so do the permission and color
 * checks.  Nothing outside mem.h/mem.c computes a host address from a
 * guest one.
 *
 * Fast path (user mode): the whole guest address space [0,
 * EMU_GUEST_SIZE) is one host region reserved at start-up (PROT_NONE,
 * MAP_NORESERVE); guest address a lives at host address base + a.  Host
 * page protections mirror the guest's, so an access is a plain host load
 * or store and a host fault inside the region is a guest fault
 * (hostfault.c).  Guards of EMU_GUARD bytes below and past the end
 * (reserved, never mapped) catch accesses that straddle the top, and
 * let translated code check a base register once for many accesses
 * at offsets within the guard (emu/jit/translate.c): base + offset then
 * always lands in the reservation, and beyond the guest's part faults.
 *
 * Slow path (full-system mode): a machine installs xlate, which
 * translates a guest range to host memory (its soft-MMU/TLB) or returns
 * NULL, which the caller raises as a trap.  Hot loops copy the pair
 * (base, xlate) into an emu_gmem held in locals; the interpreter is
 * built with the slow path compiled out for the flat mapping and in for
 * a translating memory (interp.c), so the fast path costs what a plain
 * host access does.
 *
 * Beside the host mapping each guest page has a byte of permissions and
 * a byte of color (the capability extension), and the memory carries
 * the capability policy in force, so every check is made here.
 */
#ifndef EMU_MEM_H
#define EMU_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "glyph_elf.h"
#include "trap.h"

#define EMU_PAGE_SHIFT 12
#define EMU_PAGE_SIZE ((uint64_t)1 << EMU_PAGE_SHIFT)
#define EMU_GUEST_BITS 36
#define EMU_GUEST_SIZE ((uint64_t)1 << EMU_GUEST_BITS) /* 64 GiB */
#define EMU_GUARD ((uint64_t)1 << 31) /* 2 GiB on each side */

/* Per-page permission bits (also the access kinds of emu_mem_xlate_fn). */
enum {
    EMU_P_R = 1,      /* readable */
    EMU_P_W = 2,      /* writable */
    EMU_P_X = 4,      /* executable */
    EMU_P_MAPPED = 8, /* page exists */
    EMU_P_CACHED = 16 /* decoded blocks or constants were taken from it */
};

typedef struct emu_mem emu_mem;

/* The translating memory's TLB (full-system mode), probed inline by the
 * translating interpreter before it calls the slow path: per access
 * kind (loads, stores) EMU_TLB_SIZE entries by virtual page number.  An
 * entry holds a RAM page that an access by code of one context (role
 * and code colour, emu_tlb_ctx) may reach without a further check; the
 * machine fills it from its slow path and empties it (tag 0) whenever
 * that could change (emu/system/mmu.c). */
#define EMU_TLB_SIZE 256
typedef struct emu_tlb_entry {
    uint64_t tag;     /* emu_tlb_tag of the page; 0: empty */
    uintptr_t addend; /* host address = addend + guest address */
} emu_tlb_entry;
/* The context of an access: by user-role code (user = 1) or not, whose
 * code page has capability colour color. */
static inline uint64_t emu_tlb_ctx(int user, unsigned color)
{
    return (uint64_t)(user != 0) << 5 | (uint64_t)(color & 15) << 1 | 1;
}
static inline uint64_t emu_tlb_tag(uint64_t a, uint64_t ctx)
{
    return (a >> 12) << 6 | ctx;
}
/* The colour of the code page at pc, for a translating memory (the
 * machine's translation decides); see emu_mem_code_color. */
typedef unsigned (*emu_mem_color_fn)(emu_mem *m, uint64_t pc);

/* The translating slow path: host memory for [a, a+n) (n <= 8, within
 * one page) accessed as acc (EMU_P_R, W or X; with EMU_P_CACHED when the
 * block decoder reads constants, so the slow path can mark the page as
 * a source of blocks, as it does for every X fetch; EMU_P_X with
 * EMU_P_CACHED: the rest of an instruction that straddles into this
 * page, not an instruction of its own), or NULL for a trap. */
typedef uint8_t *(*emu_mem_xlate_fn)(emu_mem *m, uint64_t a, unsigned n, unsigned acc);

/* The capability policy in force: code of color s may load from color d
 * when bit d of rmask[s] is set, store when bit d of wmask[s] is, run
 * code of color c when bit c of exec is.  on is 0 for the all-allowed
 * policy: then nothing is checked at all. */
typedef struct emu_caps {
    int on;
    uint16_t rmask[GL_COLORS]; /* colorread & colormatread[s] */
    uint16_t wmask[GL_COLORS]; /* colorwrite & colormatwrite[s] */
    uint16_t exec;             /* colorexec */
    int xfer_on;               /* NT_GLYPH_XFER present: check transfers between colors */
    uint16_t xmask[GL_COLORS]; /* colormatexec[s] (project extension, docs/isa.md) */
} emu_caps;

struct emu_mem {
    uint8_t *base;          /* fast path: host address of guest address 0 */
    emu_mem_xlate_fn xlate; /* slow path when set (full-system mode) */
    void *xlate_arg;        /* the machine behind it */
    emu_tlb_entry (*tlb)[EMU_TLB_SIZE]; /* with xlate: [0] loads, [1] stores */
    emu_mem_color_fn xcolor; /* with xlate: the colour of a code page */
    uint8_t fetch_buf[8];   /* with xlate: an instruction across a page boundary */
    uint8_t *perm;          /* EMU_GUEST_SIZE >> 12 entries of EMU_P_* */
    uint8_t *color;         /* page colors 0..15 */
    emu_caps caps;
    int unreadable;         /* a page is W or X but not R (host cannot mirror that) */
    uint64_t host_protects; /* host mprotect calls made (--stats) */
    /* the Linux process layout (user mode) */
    uint64_t brk_start, brk_cur, brk_max;
    uint64_t mmap_top;  /* mmap places mappings below this */
    uint64_t mmap_near; /* ... preferably below this: within call reach of
                         * the image, so generated code can be called */
    uint64_t mmap_hint; /* ... starting below the previous one */
    uint64_t stack_lo, stack_hi;
};

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
/* Is [a, a+len) inside the guest space?  (len may be 0.) */
static inline int emu_mem_in_range(uint64_t a, uint64_t len)
{
    return a <= EMU_GUEST_SIZE && len <= EMU_GUEST_SIZE - a;
}

/* ---- the access helpers of the interpreter (and the JIT's helpers) ---- */

/* What an access needs, kept in locals by hot loops. */
typedef struct emu_gmem {
    uint8_t *base;
    emu_mem_xlate_fn xlate;
    emu_mem *m;
    emu_tlb_entry (*tlb)[EMU_TLB_SIZE];
} emu_gmem;

static inline emu_gmem emu_gmem_of(emu_mem *m)
{
    emu_gmem g = {m->base, m->xlate, m, m->tlb};
    return g;
}

/* Host memory for an n-byte access at a (a < EMU_GUEST_SIZE, checked by
 * the caller): the slow path when there is one (NULL: trap), else the
 * flat mapping.  may_xlate is a constant of the caller's variant: 0 in
 * the user-mode interpreters, so their access is base + a and nothing
 * else; the variant for a translating memory passes 1. */
static inline uint8_t *emu_gmem_host(emu_gmem g, uint64_t a, unsigned n, unsigned acc,
                                     int may_xlate)
{
    if (may_xlate && g.xlate)
        return g.xlate(g.m, a, n, acc);
    return g.base + a;
}

/* The translating interpreter's load or store (acc EMU_P_R or EMU_P_W)
 * of n bytes at a by code of context ctx: a TLB hit is host memory at
 * once, anything else (a miss, a page crossing) asks the slow path. */
static inline uint8_t *emu_gmem_host_tlb(emu_gmem g, uint64_t a, unsigned n, unsigned acc,
                                         uint64_t ctx)
{
    if (__builtin_expect(g.tlb != NULL, 1)) {
        const emu_tlb_entry *e =
            &g.tlb[acc & EMU_P_W ? 1 : 0][(a >> EMU_PAGE_SHIFT) & (EMU_TLB_SIZE - 1)];
        if (__builtin_expect(e->tag == emu_tlb_tag(a, ctx) &&
                             (a & (EMU_PAGE_SIZE - 1)) <= EMU_PAGE_SIZE - n, 1))
            return (uint8_t *)(e->addend + (uintptr_t)a);
    }
    return g.xlate(g.m, a, n, acc);
}

static inline uint64_t emu_get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint32_t emu_get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint16_t emu_get16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline uint8_t emu_get8(const uint8_t *p) { return *p; }
static inline void emu_put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline void emu_put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void emu_put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void emu_put8(uint8_t *p, uint8_t v) { *p = v; }

#define EMU_CAP_OK 0xffu

/* May code whose allowed-data mask is mask touch [a, a+n) (n <= 8)?
 * EMU_CAP_OK, or the offending page's color. */
static inline unsigned emu_mem_cap_check(const emu_mem *m, unsigned mask, uint64_t a,
                                         unsigned n)
{
    unsigned d = m->color[a >> EMU_PAGE_SHIFT];
    if (!(mask >> d & 1))
        return d;
    uint64_t e = a + n - 1;
    if ((e ^ a) >> EMU_PAGE_SHIFT && e < EMU_GUEST_SIZE) {
        d = m->color[e >> EMU_PAGE_SHIFT];
        if (!(mask >> d & 1))
            return d;
    }
    return EMU_CAP_OK;
}

/* After a failed cap or read check: the first byte of [a, a+n) on the
 * page that failed (a's page, else the next). */
static inline uint64_t emu_mem_cap_addr(const emu_mem *m, unsigned mask, uint64_t a)
{
    if (!(mask >> m->color[a >> EMU_PAGE_SHIFT] & 1))
        return a;
    return emu_page_down(a) + EMU_PAGE_SIZE;
}

/* May [a, a+n) be read?  Every page it touches must carry EMU_P_R in the
 * page table (the host mapping of an execute-only or write-only page is
 * readable, so the checking interpreter asks this). */
static inline int emu_mem_read_ok(const emu_mem *m, uint64_t a, unsigned n)
{
    if (!(m->perm[a >> EMU_PAGE_SHIFT] & EMU_P_R))
        return 0;
    uint64_t e = a + n - 1;
    return !((e ^ a) >> EMU_PAGE_SHIFT) || e >= EMU_GUEST_SIZE ||
           (m->perm[e >> EMU_PAGE_SHIFT] & EMU_P_R);
}

static inline uint64_t emu_mem_read_addr(const emu_mem *m, uint64_t a)
{
    if (!(m->perm[a >> EMU_PAGE_SHIFT] & EMU_P_R))
        return a;
    return emu_page_down(a) + EMU_PAGE_SIZE;
}

/* The guest address of host address p if it lies in the flat mapping
 * (including the guard): 1 and *ga, else 0.  For the host fault handler. */
static inline int emu_mem_host_to_guest(const emu_mem *m, const void *p, uint64_t *ga)
{
    const uint8_t *h = p;
    if (!m->base || h < m->base - EMU_GUARD || h >= m->base + EMU_GUEST_SIZE + EMU_GUARD)
        return 0; /* (below the base: a negative offset wrapped the address) */
    *ga = (uint64_t)(h - m->base);
    return 1;
}

/* The host memory of the mapped guest page holding a, whatever its
 * guest permissions, or NULL (unmapped, or a translating memory): the
 * page snapshots of --jit-audit, which compare and restore whole pages. */
static inline uint8_t *emu_mem_page_host(const emu_mem *m, uint64_t a)
{
    if (m->xlate || !(emu_mem_perm(m, a) & EMU_P_MAPPED))
        return NULL;
    return m->base + emu_page_down(a);
}

/* ---- fetch: code and the constant stream (the block decoder) ---- */

/* Executable bytes at pc, at most 8 (the longest instruction): the host
 * pointer and their count in *avail; NULL when pc itself is not
 * executable.  What a decoder may look at. */
const uint8_t *emu_mem_fetch(const emu_mem *m, uint64_t pc, size_t *avail);
/* The capability colour of the code page at pc (what a block records):
 * the page's colour, or the translating memory's answer (xcolor). */
unsigned emu_mem_code_color(emu_mem *m, uint64_t pc);
/* Check that code of color s may run the bytes [pc, pc+len): 0, or the
 * trap (EMU_T_CAP_FETCH, address and colors) in *t. */
int emu_mem_fetch_check(const emu_mem *m, uint64_t pc, unsigned len, unsigned s, emu_trap *t);
/* The n-byte (4 or 8) little-endian constant at a of the immediate
 * stream, read by code of color s: 0 and *v, or -1 and the trap
 * (EMU_T_LOAD or EMU_T_CAP_LOAD) in *t. */
int emu_mem_const(const emu_mem *m, uint64_t a, unsigned n, unsigned s, uint64_t *v,
                  emu_trap *t);

/* ---- syscalls: checked guest ranges, copy-in and copy-out ---- */

/* Has every page of [a, a+len) all of need (EMU_P_*), and may code of
 * color s (ignored when scolor < 0 or caps are off) access it (a store
 * when need has EMU_P_W)? */
int emu_mem_check(const emu_mem *m, uint64_t a, uint64_t len, unsigned need, int scolor);
/* Host memory for the checked range [a, a+len), or NULL.  Zero-copy
 * syscall buffers.  Before writing through it, flush blocks decoded
 * from those pages (emu_cache_invalidate; sys_out does): a cached
 * writable page is read-only on the host. */
void *emu_mem_ptr(const emu_mem *m, uint64_t a, uint64_t len, unsigned need, int scolor);
/* Copy len bytes from guest a (readable, color-checked) to dst: 0 or -EFAULT. */
int emu_copy_in(const emu_mem *m, void *dst, uint64_t a, size_t len, int scolor);
/* Copy len bytes to guest a (writable, color-checked; cached pages must
 * have been invalidated): 0 or -EFAULT. */
int emu_copy_out(const emu_mem *m, uint64_t a, const void *src, size_t len, int scolor);
/* Length of the NUL-terminated string at a (at most max bytes scanned,
 * all readable); -1 if it runs into an unreadable page or exceeds max. */
long emu_mem_strlen(const emu_mem *m, uint64_t a, size_t max);
/* Initialise mapped guest memory, whatever its guest permissions (the
 * loader and the initial stack): 0, or -EFAULT if a page is unmapped. */
int emu_mem_write(emu_mem *m, uint64_t a, const void *src, size_t len);

/* ---- the memory map ---- */

/* Reserve the region; 0 on success, -1 with errno set. */
int emu_mem_init(emu_mem *m);
void emu_mem_free(emu_mem *m);
/* Map fresh zero pages (page-aligned range) with guest permissions
 * prot (EMU_P_R|W|X) and a color; replaces what was there.  Returns 0 or
 * -errno.  If fd >= 0 the pages map that file at offset off instead
 * (shared when shared is set). */
int emu_mem_map(emu_mem *m, uint64_t a, uint64_t len, unsigned prot,
                unsigned color, int fd, uint64_t off, int shared);
/* Unmap (page-aligned range; unmapped pages in it are fine). */
int emu_mem_unmap(emu_mem *m, uint64_t a, uint64_t len);
/* mremap: move the mapped pages [a, a+len) to [na, na+nlen) with their
 * contents, permissions and colors (na == a: shrink or grow in place;
 * pages past len get the last page's permissions; the host's own
 * mremap keeps file and shared mappings what they are).  Blocks decoded
 * from the range must have been invalidated and [na, na+nlen) must be
 * free (beyond [a, a+len) when na == a).  0 or -errno. */
int emu_mem_remap(emu_mem *m, uint64_t a, uint64_t len, uint64_t na, uint64_t nlen);
/* Change permissions; -ENOMEM if a page in the range is unmapped.  One
 * host mprotect per run of pages with equal host protection. */
int emu_mem_protect(emu_mem *m, uint64_t a, uint64_t len, unsigned prot);
/* Drop the contents of mapped pages (madvise MADV_DONTNEED): 0 or -errno. */
int emu_mem_discard(emu_mem *m, uint64_t a, uint64_t len);
/* Is every page of [a, a+len) unmapped? */
int emu_mem_is_free(const emu_mem *m, uint64_t a, uint64_t len);
/* Does any page of [a, a+len) carry EMU_P_CACHED? */
int emu_mem_any_cached(const emu_mem *m, uint64_t a, uint64_t len);
/* Mark the page holding a as a source of cached blocks (returns 1 if
 * it was not yet); a writable one becomes read-only on the host so a
 * store to it can invalidate the cache.  uncache undoes it. */
int emu_mem_set_cached(emu_mem *m, uint64_t a);
void emu_mem_uncache(emu_mem *m, uint64_t a);
/* A host write fault at guest address ga: if its page is writable (so
 * only read-only for the block cache, or another hart just gave the
 * write back), make it writable, unmark the page and return 1 (the
 * caller flushes the cache and retries the store); else 0. */
int emu_mem_write_fault(emu_mem *m, uint64_t ga);
/* Find a free page-aligned range of len bytes below mmap_top; 0 if none. */
uint64_t emu_mem_find_free(emu_mem *m, uint64_t len);
/* Program the capability policy. */
void emu_mem_set_caps(emu_mem *m, const gl_color_policy *p);
/* NT_GLYPH_XFER: before emu_mem_set_caps, which then turns checks on. */
void emu_mem_set_xfer(emu_mem *m, const gl_color_xfer *x);

#endif
