/*
 * hart.h - one glyph hart: its architectural state (registers, pc, ib,
 * flag, system registers), the trap it stopped on, and the bookkeeping
 * the core needs while it runs (instruction count, block being run,
 * chain slot, host-fault return point).  Nothing here knows about Linux,
 * ELF or the policy of a driver.
 *
 * A hart runs in one address space (aspace.h), which other harts (guest
 * threads) may share; everything per-thread lives here.  emu_exec runs a
 * hart until an event (a syscall, a trap, the instruction budget) and
 * returns it to the driver, which handles it and calls emu_exec again:
 * a trap is resumable by construction.
 */
#ifndef EMU_HART_H
#define EMU_HART_H

#include <setjmp.h>
#include <stdint.h>

#include "trap.h"

#define EMU_NREGS 64

struct emu_aspace;
struct emu_block;
struct emu_uop;

typedef struct emu_hart {
    /* architectural state */
    uint64_t r[EMU_NREGS]; /* r0 (sp) .. r63 */
    uint64_t pc;           /* address of the next instruction */
    uint64_t ib;           /* immediate base of the current block */
    uint64_t flag;         /* predicate / carry: always 0 or 1 */
    uint64_t fpcontrol;    /* user system registers 0x00/0x01 (no FPU yet) */
    uint64_t fpstatus;
    emu_trap trap;         /* the pending trap after EMU_EV_TRAP */

    /* where it runs */
    struct emu_aspace *as;
    struct emu_hart *as_next; /* the address space's harts (exclusive.c) */
    int running;              /* inside guest code (emu_exec_enter/leave) */

    /* execution */
    int single_step;       /* one instruction per block, no chaining (--trace) */
    uint64_t icount;       /* guest instructions completed */
    uint64_t chain_limit;  /* blocks chain only while icount stays below */
    uint64_t jit_frame[12]; /* translated code's own words while it runs (jit/translate.h) */
    unsigned from_color;   /* color of the code that ran last: where a fetch came from */
    struct emu_block *cur_blk;     /* block being executed */
    const struct emu_uop *cur;     /* memory uop being executed (fault attribution) */
    const void *jit_run;   /* translation of cur_blk being run (jit/jit.c), or NULL */
    struct emu_block **chain_slot; /* where to link the next block */
    volatile int in_guest; /* host faults in guest memory are guest faults */
    sigjmp_buf fault_jmp;  /* ... and return here (exec.c) */
    void *altstack;        /* host signal stack of this thread (hostfault.c) */
    volatile int interrupt; /* set asynchronously (a host signal for the guest):
                             * emu_exec returns EMU_EV_INTERRUPT at the next
                             * block boundary; the driver clears it */
} emu_hart;

/* Registers the ABI gives a role the emulator itself relies on. */
enum {
    EMU_REG_SP = 0, /* stack pointer at start-up */
    EMU_REG_A0 = 4, /* syscall argument 0 and result */
    EMU_REG_A1 = 5,
    EMU_REG_T0 = 6, /* syscall number */
    EMU_REG_RA = 7, /* link vector (signal handlers return through it) */
    EMU_REG_A2 = 8, /* syscall arguments 2..5 are r8..r11 */
    EMU_REG_A3 = 9,
    EMU_REG_A4 = 10,
    EMU_REG_A5 = 11
};

/* What emu_exec returns. */
enum emu_event {
    EMU_EV_SYSCALL, /* syscall: pc already past it */
    EMU_EV_TRAP,    /* h->trap filled; pc, ib at the trapping instruction */
    EMU_EV_LIMIT,   /* the instruction budget is used up */
    EMU_EV_INTERRUPT /* h->interrupt was set: pc, ib at a block boundary */
};

/* A fresh hart (all registers 0) in address space as. */
void emu_hart_init(emu_hart *h, struct emu_aspace *as);
/* exec.c: run h for at most budget more instructions (UINT64_MAX: no
 * limit) and return the event that stopped it.  Call again to resume:
 * after a trap, at h->pc/h->ib (the trapping instruction, or where the
 * driver redirected it). */
int emu_exec(emu_hart *h, uint64_t budget);
/* colors.c: may code of the color that ran last enter block b
 * (colormatexec, a project extension)?  0 with h->trap filled when not. */
int emu_colors_enter(emu_hart *h, const struct emu_block *b);

/* hostfault.c: host SIGSEGV/SIGBUS inside guest memory become traps of
 * the hart running on this thread.  0, or -1 with errno set. */
int emu_hostfault_init(emu_hart *h);
void emu_hostfault_fini(emu_hart *h);
/* ... for a second host thread running hart h (the handlers are the
 * process's; each thread has its own signal stack and hart). */
int emu_hostfault_thread_init(emu_hart *h);
void emu_hostfault_thread_fini(emu_hart *h);

#endif
