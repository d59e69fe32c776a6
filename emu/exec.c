/*
 * exec.c - the core run loop: find the block for (pc, ib), run it,
 * until an event the driver must handle (a syscall, a trap, the end of
 * the instruction budget).  The last few instructions of a budget run
 * one at a time (throw-away single-step blocks); everything else chains
 * from block to block inside the interpreter.  No Linux here: the driver
 * (run.c in user mode) decides what the events mean.
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
    h->chain_limit = chain_limit < jit_at ? chain_limit : jit_at;
    h->chain_slot = NULL;

    for (;;) {
        if (as->flush_pending) {
            emu_cache_flush(as);
            h->chain_limit = chain_limit < jit_at ? chain_limit : jit_at;
        }
        if (h->icount + EMU_BLOCK_MAX > jit_at) { /* its next block would stop */
            emu_jit_deadline_reached(as->jit);
            jit_at = emu_jit_deadline(as->jit);
            h->chain_limit = chain_limit < jit_at ? chain_limit : jit_at;
        }
        if (h->interrupt)
            return EMU_EV_INTERRUPT;
        if (h->icount >= limit)
            return EMU_EV_LIMIT;
        uint64_t pc = h->pc, ib = h->ib;
        emu_block *b = emu_block_get(as, pc, ib);
        if (as->mem.caps.xfer_on && !emu_colors_enter(h, b)) /* colormatexec */
            return EMU_EV_TRAP;
        int why = -1;
        if (h->single_step || h->icount + b->n > limit) {
            emu_block_step(as, pc, ib, step);
            b = step;
        } else if (as->jit && (as->interp == emu_interp_plain || as->interp == emu_interp_colors)) {
            /* (the colors variant: translations check every access) */
            /* translated, or -1: interpret it (and then it may be chained
             * to; a translated block never is, so it always runs here) */
            h->in_guest = 1;
            why = as->jit_debug ? emu_jit_debug_run(as->jit_debug, h, as, b)
                                : emu_jit_run(h, as, b);
            h->in_guest = 0;
        }
        if (why < 0 && b != step && h->chain_slot && slot_gen == as->cache.gen)
            *h->chain_slot = b;
        h->chain_slot = NULL;
        slot_gen = as->cache.gen;
        if (why < 0) {
            h->in_guest = 1;
            why = as->interp(h, as, b);
            h->in_guest = 0;
        }
        if (b == step)
            h->chain_slot = NULL;
        switch (why) {
        case EMU_EXIT_SYSCALL:
            return EMU_EV_SYSCALL;
        case EMU_EXIT_TRAP:
            return EMU_EV_TRAP;
        }
    }
}
