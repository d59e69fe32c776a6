/*
 * aspace.h - one address space: a guest process in user mode, the
 * machine's physical memory in full-system mode.  It owns guest memory
 * (mem.h: mapping, page permissions and colors, the capability policy),
 * the block cache decoded from it and the page marks that keep the cache
 * honest (block.h), and the process's signal dispositions.  Every hart
 * (thread) running in it shares all of this; a hart's own state is in
 * hart.h.
 *
 * The interpreter comes in three variants (interp.c): plain, checking
 * (capability colors, and read permission from the page table on every
 * load), and translating (every access through the memory's slow path,
 * which makes the checks).  Decoded blocks hold the handlers of one variant, so the
 * variant belongs to the address space, chosen by emu_interp_select.
 */
#ifndef EMU_ASPACE_H
#define EMU_ASPACE_H

#include <pthread.h>
#include <stdint.h>

#include "block.h"
#include "hart.h"
#include "mem.h"

#define EMU_NSIG 64

/* A signal disposition (rt_sigaction), kept for the process. */
typedef struct emu_sigact {
    uint64_t handler, flags, mask;
} emu_sigact;

typedef int (*emu_interp_fn)(emu_hart *h, struct emu_aspace *as, emu_block *b);

typedef struct emu_aspace {
    emu_mem mem;
    emu_cache cache;
    emu_interp_fn interp;       /* the variant in use */
    struct emu_jit *jit;        /* translations (jit/jit.h); NULL: interpret only */
    struct emu_jit_debug *jit_debug; /* --jit-audit, --jit-dump, --perf-map (jit/debug.h) */
    volatile int flush_pending; /* a store hit a cached page: flush at block exit */
    emu_sigact sigact[EMU_NSIG + 1];

    /* Several harts (threads): the exclusive section (docs/run.md,
     * "Threads").  lock guards the fields below; harts run guest code
     * only between emu_exec_enter and emu_exec_leave, and never while
     * an exclusive section is held, which is when the block cache, the
     * JIT's code and the memory map change. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    emu_hart *harts;            /* attached harts (h->as_next) */
    unsigned nharts, nrunning;  /* attached; inside guest code */
    int excl;                   /* an exclusive section is wanted or held (atomic) */
    unsigned excl_depth;        /* its nesting on the owning thread */
    pthread_t excl_owner;
    pthread_mutex_t cache_lock; /* decoding and inserting blocks, translating them */
} emu_aspace;

/* Reserve guest memory and the block cache: 0, or -1 with errno set. */
int emu_aspace_init(emu_aspace *as);
void emu_aspace_free(emu_aspace *as);

/* exclusive.c: the threads of an address space.
 *
 * attach/detach: h is one of the harts an exclusive section stops.
 * enter/leave: h starts or stops running guest code (emu_exec does it;
 * enter waits while an exclusive section is held).
 * exclusive_begin/end: stop every running hart at its next block
 * boundary and keep them out until end; nests on the owning thread.
 * The caller must not be running guest code itself (leave first).
 * kick: make h leave guest code at its next block boundary; the one
 * place that stops a running hart (the JIT's budget belongs here too).
 * cache_lock/unlock: decoding a block, inserting it, translating it;
 * never held across waiting for an exclusive section. */
void emu_aspace_attach(emu_aspace *as, emu_hart *h);
void emu_aspace_detach(emu_aspace *as, emu_hart *h);
void emu_exec_enter(emu_hart *h);
void emu_exec_leave(emu_hart *h);
void emu_exclusive_begin(emu_aspace *as);
void emu_exclusive_end(emu_aspace *as);
void emu_hart_kick(emu_hart *h);
void emu_cache_lock(emu_aspace *as);
void emu_cache_unlock(emu_aspace *as);
/* Is an exclusive section wanted?  (A hart checks in at block boundaries.) */
static inline int emu_exclusive_wanted(emu_aspace *as)
{
    return __atomic_load_n(&as->excl, __ATOMIC_ACQUIRE);
}
/* Flush the block cache (and translations) from outside guest code, in
 * an exclusive section: what syscalls and other threads call. */
void emu_cache_flush_sync(emu_aspace *as);

/* interp.c: the two variants.  Called with b == NULL a variant stores
 * its handler table in as->cache.labels; otherwise it runs b (and the
 * blocks chained from it) on h and returns an EMU_EXIT_* code. */
int emu_interp_plain(emu_hart *h, emu_aspace *as, emu_block *b);
int emu_interp_colors(emu_hart *h, emu_aspace *as, emu_block *b);
int emu_interp_xlate(emu_hart *h, emu_aspace *as, emu_block *b);
/* What the interpreter returns to emu_exec. */
enum {
    EMU_EXIT_LOOKUP,  /* next block needed: pc/ib set, chain_slot may be set */
    EMU_EXIT_SYSCALL, /* pc already past the syscall */
    EMU_EXIT_TRAP     /* h->trap filled */
};
/* Pick the variant: the translating one when the memory has a slow
 * path; else the checking one when the capability policy is on or a
 * page is mapped without read permission; else the plain one.  Call after loading and
 * after any mapping change (emu_exec does at every entry); switching
 * flushes the block cache. */
void emu_interp_select(emu_aspace *as);

#endif
