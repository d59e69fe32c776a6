/*
 * sig.h - guest signals in user mode (docs/abi.md "Signals",
 * docs/run.md "Signals"): the per-thread signal state, delivery of
 * synchronous faults (trap events) and of queued signals through a
 * signal frame on the guest stack, rt_sigreturn, and the host handlers
 * that queue host-originated signals for delivery at the next block
 * boundary (signal.c).
 */
#ifndef EMU_SIG_H
#define EMU_SIG_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "trap.h"

struct emu_ctx;
struct emu_hart;

/* What a pending signal carries into its siginfo. */
typedef struct emu_siginfo {
    int32_t code;    /* si_code */
    int32_t pid;     /* sender (SI_USER, SI_TKILL) */
    uint32_t uid;
    uint64_t addr;   /* faults: si_addr */
    uint64_t value;  /* si_value */
} emu_siginfo;

#define EMU_SIG_NSIG 64
#define EMU_SIG_RTMIN 32
#define EMU_SIG_RTQ 64 /* queued real-time signals per thread (RLIMIT_SIGPENDING here) */

/* One thread's signals: its mask, what is pending for it, its
 * alternate stack.  hostpend/hinfo are written by host signal handlers. */
typedef struct emu_sigthread {
    uint64_t mask;             /* blocked (bit sig-1) */
    uint64_t pend;             /* pending, raised by the emulator */
    emu_siginfo info[EMU_SIG_NSIG + 1];
    _Atomic uint64_t hostpend; /* pending, caught on the host */
    emu_siginfo hinfo[EMU_SIG_NSIG + 1];
    /* real-time signals caught on the host: every instance, in order; a
     * ring written by the host handler and read by the thread itself */
    emu_siginfo hrt[EMU_SIG_RTQ];
    uint8_t hrt_sig[EMU_SIG_RTQ];
    _Atomic unsigned hrt_head, hrt_tail;
    /* real-time signals (32-64) queue: every instance is kept, in order */
    emu_siginfo rtq[EMU_SIG_RTQ];
    uint8_t rtq_sig[EMU_SIG_RTQ];
    unsigned rtq_n;
    /* sent by other threads (tgkill, rt_tgsigqueueinfo): queued under
     * xlock, every instance kept, moved into pend/rtq by this thread */
    pthread_mutex_t xlock;
    _Atomic int xn_any;        /* xn != 0, read without the lock */
    unsigned xn;
    emu_siginfo xinfo[EMU_SIG_RTQ];
    uint8_t xsig[EMU_SIG_RTQ];
    uint64_t ss_sp, ss_size;   /* sigaltstack */
    int ss_disabled;
    int has_saved;             /* rt_sigsuspend: mask to restore after delivery */
    uint64_t saved_mask;
    struct emu_hart *hart;     /* interrupted at the next block boundary */
} emu_sigthread;

/* Is guest signal sig also a host signal, caught, masked and sent by
 * the host under its own number?  1-31, and the real-time signals the
 * host's libc leaves free but the last (the emulator's kick):
 * SIGRTMIN..SIGRTMAX-1, 34-63 with glibc (docs/run.md "Signals").  The
 * others (32, 33, 64) stay inside the emulator. */
int emu_sig_on_host(int sig);

/* Map the handlers' return path, one page of code near the image
 * (`movi.i64 t0, 139; syscall`), and catch host signals for this
 * thread: 0 or -1. */
int emu_sig_init(struct emu_ctx *ctx);
void emu_sig_fini(struct emu_ctx *ctx);
/* The per-thread part, for a second thread: its host signals queue here. */
void emu_sig_thread_init(struct emu_ctx *ctx);
void emu_sig_thread_fini(struct emu_ctx *ctx);

/* A trap event: delivered to the guest handler (1), or not (0: the
 * caller reports it and ends the process, the default action). */
int emu_sig_trap(struct emu_ctx *ctx, const emu_trap *t);
/* The signal and si_code a trap raises; *addr gets si_addr. */
int emu_trap_signal(const struct emu_ctx *ctx, const emu_trap *t, int *code, uint64_t *addr);

/* Make sig pending for the calling thread (kill/tgkill to itself): 0,
 * or -EAGAIN when the queue of real-time signals is full. */
int emu_sig_raise(struct emu_ctx *ctx, int sig, const emu_siginfo *si);
/* Queue sig for thread st from another thread (st's hart is then
 * kicked by the caller): 0, or -EAGAIN when its queue is full. */
int emu_sig_post(emu_sigthread *st, int sig, const emu_siginfo *si);
/* Forget every pending instance of sig (its disposition became "ignore"). */
void emu_sig_drop(struct emu_ctx *ctx, int sig);
/* Deliver what is pending and not blocked: frames for handlers, the
 * default action otherwise (which may end the process: ctx->exited). */
void emu_sig_deliver(struct emu_ctx *ctx);
/* Syscall nr (arguments a) returned -EINTR: restart it (SA_RESTART and
 * a call Linux restarts, or nothing to run)? */
int emu_sig_restart(struct emu_ctx *ctx, uint64_t nr, const uint64_t *a);
/* Set the thread's guest mask and mirror it to the host thread. */
void emu_sig_setmask(struct emu_ctx *ctx, uint64_t mask);
/* A disposition changed: install the host handler it needs. */
void emu_sig_host_action(struct emu_ctx *ctx, int sig);
/* A blocking call that takes a signal mask for its duration (ppoll,
 * pselect6, epoll_pwait): set the guest mask to mask and block the host
 * thread; *callmask is the host mask the call must install atomically
 * while it waits.  -EINTR when a signal is already pending (then call
 * leave with interrupted = 1 and return -EINTR).  leave restores the
 * old mask, or, after an interruption, keeps the temporary one until
 * the handler's frame (which records the old mask) has been set up. */
#include <signal.h>
int emu_sig_wait_enter(struct emu_ctx *ctx, uint64_t mask, sigset_t *callmask);
void emu_sig_wait_leave(struct emu_ctx *ctx, int interrupted);
/* Would sig be thrown away (SIG_IGN, or a default action of nothing)? */
int emu_sig_discarded(const struct emu_ctx *ctx, int sig);

#endif
