/*
 * exec.c - the core run loop: find the block for (pc, ib), run it,
 * until an event the driver must handle (a syscall, a trap, the end of
 * the instruction budget).  The last few instructions of a budget run
 * one at a time (throw-away single-step blocks); everything else chains
 * from block to block inside the interpreter.  No Linux here: the driver
 * (run.c in user mode) decides what the events mean.
 *
 * With several harts in the address space, the loop runs between
 * emu_exec_enter and emu_exec_leave and checks in at every block
 * boundary: a flush (or any exclusive section, exclusive.c) waits for
 * every running hart to get here.
 */
#include <string.h>

#include "aspace.h"
#include "jit/debug.h"
#include "jit/jit.h"

int emu_aspace_init(emu_aspace *as)
{
    memset(as, 0, sizeof *as);
    if (emu_mem_init(&as->mem) != 0)
        return -1;
    if (emu_cache_init(&as->cache) != 0) {
        emu_mem_free(&as->mem);
        return -1;
    }
    pthread_mutex_init(&as->lock, NULL);
    pthread_cond_init(&as->cond, NULL);
    pthread_mutex_init(&as->cache_lock, NULL);
    return 0;
}

void emu_aspace_free(emu_aspace *as)
{
    emu_jit_free(as->jit);
    as->jit = NULL;
    emu_jit_debug_free(as->jit_debug);
    as->jit_debug = NULL;
    emu_cache_free(&as->cache);
    emu_mem_free(&as->mem);
    pthread_mutex_destroy(&as->lock);
    pthread_cond_destroy(&as->cond);
    pthread_mutex_destroy(&as->cache_lock);
}

void emu_hart_init(emu_hart *h, emu_aspace *as)
{
    memset(h, 0, sizeof *h);
    h->as = as;
}

int emu_exec(emu_hart *h, uint64_t budget)
{
    emu_aspace *const as = h->as;
    const uint64_t limit = budget > UINT64_MAX - h->icount ? UINT64_MAX : h->icount + budget;
    /* A host fault on a guest access lands here (hostfault.c), with the
     * trap recorded and the hart stopped in front of the instruction.
     * The handler runs with SA_NODEFER, so the signal mask never changes
     * and need not be saved: no sigprocmask call per syscall event. */
    if (sigsetjmp(h->fault_jmp, 0)) {
        h->in_guest = 0;
        h->jit_run = NULL;
        h->chain_slot = NULL;
        emu_exec_leave(h);
        return EMU_EV_TRAP;
    }
    /* room for a single-step block: one instruction and its STOP */
    _Alignas(emu_block) uint8_t stepbuf[sizeof(emu_block) + 2 * sizeof(emu_uop)];
    emu_block *const step = (emu_block *)stepbuf;
    uint64_t slot_gen = 0; /* the cache generation chain_slot points into */
    emu_interp_select(as);
    const uint64_t chain_limit = h->single_step ? 0 : limit;
    /* chained code also stops where the JIT wants control back */
    uint64_t jit_at = as->jit ? emu_jit_deadline(as->jit) : UINT64_MAX;
    /* before enter: a kick from an exclusive section comes after it */
    __atomic_store_n(&h->chain_limit, chain_limit < jit_at ? chain_limit : jit_at,
                     __ATOMIC_RELAXED);
    h->chain_slot = NULL;
    emu_exec_enter(h);
    int ev;

    for (;;) {
        int deadline = h->icount + EMU_BLOCK_MAX > jit_at; /* its next block would stop */
        if (deadline || __atomic_load_n(&as->flush_pending, __ATOMIC_RELAXED) ||
            emu_exclusive_wanted(as)) {
            /* check in: out of guest code while the cache changes */
            emu_exec_leave(h);
            if (__atomic_load_n(&as->flush_pending, __ATOMIC_RELAXED)) {
                emu_exclusive_begin(as);
                if (__atomic_load_n(&as->flush_pending, __ATOMIC_RELAXED)) /* not done by another hart */
                    emu_cache_flush(as);
                emu_exclusive_end(as);
            }
            if (deadline) { /* it drops every translation: in a section too */
                emu_exclusive_begin(as);
                emu_jit_deadline_reached(as->jit);
                emu_exclusive_end(as);
            }
            jit_at = as->jit ? emu_jit_deadline(as->jit) : UINT64_MAX;
            __atomic_store_n(&h->chain_limit, chain_limit < jit_at ? chain_limit : jit_at,
                             __ATOMIC_RELAXED);
            h->chain_slot = NULL;
            emu_exec_enter(h);
        }
        if (__atomic_load_n(&h->interrupt, __ATOMIC_RELAXED)) {
            ev = EMU_EV_INTERRUPT;
            break;
        }
        if (h->icount >= limit) {
            ev = EMU_EV_LIMIT;
            break;
        }
        uint64_t pc = h->pc, ib = h->ib;
        emu_block *b = emu_block_get(as, pc, ib);
        if (!b) { /* the block arena is full: flush at the check-in above */
            __atomic_store_n(&as->flush_pending, 1, __ATOMIC_RELAXED);
            continue;
        }
        if (as->mem.caps.xfer_on && !emu_colors_enter(h, b)) { /* colormatexec */
            ev = EMU_EV_TRAP;
            break;
        }
        int why = -1;
        if (h->single_step || h->icount + b->n > limit) {
            emu_block_step(as, pc, ib, step);
            b = step;
        } else if (as->jit && (as->interp == emu_interp_plain || as->interp == emu_interp_colors)) {
            /* (the colors variant: translations check every access) */
            /* translated, or -1: interpret it (and then it may be chained
             * to; a translated block never is, so it always runs here),
             * or -2: interpret it, not chained to (its next run comes
             * here again, counted towards the JIT's threshold) */
            h->in_guest = 1;
            why = as->jit_debug ? emu_jit_debug_run(as->jit_debug, h, as, b)
                                : emu_jit_run(h, as, b);
            h->in_guest = 0;
        }
        if (why == -1 && b != step && h->chain_slot && slot_gen == as->cache.gen)
            __atomic_store_n(h->chain_slot, b, __ATOMIC_RELEASE);
        h->chain_slot = NULL;
        slot_gen = as->cache.gen;
        if (why < 0) {
            h->in_guest = 1;
            why = as->interp(h, as, b);
            h->in_guest = 0;
        }
        if (b == step)
            h->chain_slot = NULL;
        if (why == EMU_EXIT_SYSCALL) {
            ev = EMU_EV_SYSCALL;
            break;
        }
        if (why == EMU_EXIT_TRAP) {
            ev = EMU_EV_TRAP;
            break;
        }
    }
    emu_exec_leave(h);
    return ev;
}
