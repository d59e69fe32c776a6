/*
 * hostfault.c - host signals on guest accesses of the flat mapping.
 *
 * Guest loads and stores of the fast path are plain host accesses into
 * the reserved region (mem.h).  When one faults, the SIGSEGV/SIGBUS
 * handler (on its own alternate stack) checks that the address lies in
 * the region and that the interpreter was running; it then records the
 * trap (cause from the uop being executed, the guest address, its pc and
 * ib, the instruction count rolled back to the instructions completed)
 * and siglongjmps back to emu_exec, which returns it as an event.  A
 * fault anywhere else is a bug in the emulator: the handler restores the
 * default action and returns, so the fault repeats and kills the process
 * with the real signal.
 *
 * A store to a writable page from which blocks were decoded is not a
 * fault: the page gets its write permission back and the block cache is
 * flushed at the next block boundary.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "aspace.h"
#include "jit/jit.h"

/* Signal handlers take no user argument: the hart running on this
 * thread, set while it is live. */
static _Thread_local emu_hart *fault_hart;

static int is_store(unsigned op)
{
    return gl_op_class(op) == GL_CLASS_STORE;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    emu_hart *h = fault_hart;
    uint64_t ga;
    if (h && h->jit_run && sig == SIGSEGV && emu_jit_stack_fault(h, si->si_addr, uc))
        return; /* the JIT's return entries: dropped, the call runs again */
    if (h && h->in_guest && (h->cur || h->jit_run) &&
        emu_mem_host_to_guest(&h->as->mem, si->si_addr, &ga)) {
        emu_aspace *as = h->as;
        if (sig == SIGSEGV && emu_mem_write_fault(&as->mem, ga)) {
            __atomic_store_n(&as->flush_pending, 1, __ATOMIC_RELAXED);
            emu_hart_kick(h); /* leave guest code at the next block end */
            return;
        }
        /* translated code: its side table names the uop */
        const emu_uop *u = h->jit_run ? emu_jit_fault(h, uc) : h->cur;
        const emu_block *b = h->cur_blk;
        if (u) {
            uint8_t e = emu_mem_perm(&as->mem, ga);
            emu_trap *t = &h->trap;
            if (sig == SIGBUS)
                t->kind = EMU_T_BUS;
            else if (is_store(u->op))
                t->kind = EMU_T_STORE;
            else if (gl_op_class(u->op) == GL_CLASS_ATOMIC)
                t->kind = e & EMU_P_R ? EMU_T_STORE : EMU_T_LOAD;
            else
                t->kind = EMU_T_LOAD;
            t->addr = ga;
            t->value = 0;
            t->scolor = t->dcolor = 0;
            t->pc = h->pc = u->pc;
            t->ib = h->ib = b->ib;
            h->icount -= b->n - (uint64_t)(u - b->u);
            siglongjmp(h->fault_jmp, 1);
        }
    }
    /* not a guest access: let the default action happen */
    signal(sig, SIG_DFL);
}

int emu_hostfault_thread_init(emu_hart *h)
{
    size_t sz = 64 * 1024;
    h->altstack = malloc(sz);
    if (!h->altstack)
        return -1;
    stack_t ss = {.ss_sp = h->altstack, .ss_size = sz, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0)
        return -1;
    fault_hart = h;
    return 0;
}

void emu_hostfault_thread_fini(emu_hart *h)
{
    stack_t ss = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    free(h->altstack);
    h->altstack = NULL;
    fault_hart = NULL;
}

int emu_hostfault_init(emu_hart *h)
{
    if (emu_hostfault_thread_init(h) != 0)
        return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) != 0 || sigaction(SIGBUS, &sa, NULL) != 0)
        return -1;
    return 0;
}

void emu_hostfault_fini(emu_hart *h)
{
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    emu_hostfault_thread_fini(h);
}
