/*
 * signal.c - guest signals in user mode (docs/abi.md "Signals").
 *
 * A signal is delivered by writing a frame (siginfo, ucontext with the
 * interrupted registers, pc, ib, flag and the old mask) below the
 * guest's sp, 64-byte aligned (or at the top of the alternate stack),
 * and entering the handler like a call: a0 = signal, a1 = &siginfo,
 * a2 = &ucontext, ra = a link vector whose `ret` lands on the
 * trampoline page (`movi.i64 t0, 139; syscall`: rt_sigreturn), which
 * reloads everything from the frame at sp.
 *
 * Synchronous faults arrive as trap events (run.c).  Signals sent by the
 * guest to itself are queued here; host signals for which the guest has
 * a handler are caught by on_host, queued in hostpend and the hart is
 * told to leave the interpreter at the next block boundary; a blocking
 * host syscall returns EINTR, restarted when the handler has SA_RESTART
 * and Linux would restart the call.  Guest masks are mirrored to the
 * host thread, so a blocked host signal stays pending in the kernel.
 */
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "sys.h"

#define G_SIG_DFL 0
#define G_SIG_IGN 1
/* sa_flags (asm-generic) */
#define G_SA_SIGINFO   0x00000004u
#define G_SA_ONSTACK   0x08000000u
#define G_SA_RESTART   0x10000000u
#define G_SA_NODEFER   0x40000000u
#define G_SA_RESETHAND 0x80000000u
#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_MINSIGSTKSZ 2048

/* The frame (docs/abi.md "Signal frame"), offsets from the handler's sp. */
enum {
    SF_INFO = 0,           /* siginfo_t, 128 bytes */
    SF_UC = 128,           /* ucontext */
    SF_UC_FLAGS = 128,
    SF_UC_LINK = 136,
    SF_UC_STACK = 144,     /* ss_sp, ss_flags (+4 pad), ss_size */
    SF_UC_SIGMASK = 168,
    SF_MC = 192,           /* mcontext: r0..r63 */
    SF_MC_PC = SF_MC + 8 * EMU_NREGS,
    SF_MC_IB = SF_MC_PC + 8,
    SF_MC_FLAG = SF_MC_PC + 16,
    SF_MC_FPCONTROL = SF_MC_PC + 24,
    SF_MC_FPSTATUS = SF_MC_PC + 32,
    SF_SIZE = 768
};

#define BIT(sig) (1ull << ((sig) - 1))
/* never blocked, never caught */
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
/* raised by the emulator's own faults: never blocked on the host */
#define SYNC_SIGS (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGILL) | BIT(SIGFPE) | BIT(SIGTRAP))

static _Thread_local emu_sigthread *host_st; /* for on_host */

int emu_trap_signal(const emu_ctx *ctx, const emu_trap *t, int *code, uint64_t *addr)
{
    const emu_mem *m = &ctx->as->mem;
    *addr = t->addr;
    switch (t->kind) {
    case EMU_T_BREAK:
        *code = 1; /* TRAP_BRKPT */
        *addr = t->pc;
        return SIGTRAP;
    case EMU_T_ILLEGAL:
        *code = 4; /* ILL_ILLTRP: `illegal n` */
        *addr = t->pc;
        return SIGILL;
    case EMU_T_PRIV:
        *code = 5; /* ILL_PRVOPC */
        *addr = t->pc;
        return SIGILL;
    case EMU_T_FETCH_ALIGN:
        *code = 1; /* BUS_ADRALN */
        return SIGBUS;
    case EMU_T_BUS:
        *code = 2; /* BUS_ADRERR */
        return SIGBUS;
    case EMU_T_FETCH:
    case EMU_T_LOAD:
    case EMU_T_STORE:
        /* SEGV_MAPERR for an unmapped page, SEGV_ACCERR for a protection */
        *code = emu_mem_perm(m, t->addr) & EMU_P_MAPPED ? 2 : 1;
        return SIGSEGV;
    case EMU_T_CAP_FETCH:
    case EMU_T_CAP_LOAD:
    case EMU_T_CAP_STORE:
        *code = 4; /* SEGV_PKUERR: colors are glyph's protection keys */
        return SIGSEGV;
    default: /* EMU_T_INVALID and anything new */
        *code = 1; /* ILL_ILLOPC */
        *addr = t->pc;
        return SIGILL;
    }
}

/* ---- the host side ---- */

int emu_sig_on_host(int sig)
{
    return (sig >= 1 && sig < 32) || (sig >= SIGRTMIN && sig < SIGRTMAX && sig <= EMU_SIG_NSIG);
}

static void on_host(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    emu_sigthread *st = host_st;
    if (!st || sig < 1 || sig > EMU_SIG_NSIG)
        return;
    emu_siginfo hi = {.code = si->si_code, .pid = si->si_pid, .uid = si->si_uid,
                      .value = (uint64_t)(uintptr_t)si->si_value.sival_ptr};
    if (sig >= EMU_SIG_RTMIN) {
        /* every instance: the kernel queued them, so does the ring (this
         * handler never nests: its mask is full) */
        unsigned h = atomic_load(&st->hrt_head);
        if (h - atomic_load(&st->hrt_tail) < EMU_SIG_RTQ) {
            st->hrt[h % EMU_SIG_RTQ] = hi;
            st->hrt_sig[h % EMU_SIG_RTQ] = (uint8_t)sig;
            atomic_store(&st->hrt_head, h + 1);
        }
    } else {
        st->hinfo[sig] = hi;
        atomic_fetch_or(&st->hostpend, BIT(sig));
    }
    if (st->hart) {
        __atomic_store_n(&st->hart->interrupt, 1, __ATOMIC_RELAXED);
        emu_hart_kick(st->hart); /* leave guest code at the block's end */
    }
}

void emu_sig_setmask(emu_ctx *ctx, uint64_t mask)
{
    emu_sigthread *st = &ctx->sig;
    /* other threads read it to pick a thread for a process signal */
    __atomic_store_n(&st->mask, mask & ~UNBLOCKABLE, __ATOMIC_RELAXED);
    sigset_t hs;
    sigemptyset(&hs);
    for (int s = 1; s <= EMU_SIG_NSIG; s++)
        if ((st->mask & BIT(s)) && !(SYNC_SIGS & BIT(s)) && emu_sig_on_host(s))
            sigaddset(&hs, s);
    pthread_sigmask(SIG_SETMASK, &hs, NULL);
}

void emu_sig_host_action(emu_ctx *ctx, int sig)
{
    if (!emu_sig_on_host(sig) || (BIT(sig) & (SYNC_SIGS | UNBLOCKABLE)))
        return; /* 32, 33, 64 stay inside; faults are the emulator's */
    const emu_sigact *sa = &ctx->as->sigact[sig];
    struct sigaction h;
    memset(&h, 0, sizeof h);
    sigfillset(&h.sa_mask);
    if (sa->handler == G_SIG_IGN) {
        h.sa_handler = SIG_IGN;
    } else if (sa->handler == G_SIG_DFL) {
        h.sa_handler = SIG_DFL;
    } else {
        h.sa_sigaction = on_host;
        /* no SA_RESTART: blocking calls see EINTR; on the signal stack, not
         * the JIT's stack of return entries (jit/translate.h) */
        h.sa_flags = SA_SIGINFO | SA_ONSTACK;
    }
    sigaction(sig, &h, NULL);
}

/* ---- the trampoline ---- */

void emu_sig_thread_init(emu_ctx *ctx)
{
    emu_sigthread *st = &ctx->sig;
    pthread_mutex_init(&st->xlock, NULL);
    st->hart = ctx->hart;
    st->ss_disabled = 1;
    host_st = st;
}

void emu_sig_thread_fini(emu_ctx *ctx)
{
    host_st = NULL;
    pthread_mutex_destroy(&ctx->sig.xlock);
}

int emu_sig_init(emu_ctx *ctx)
{
    emu_mem *m = &ctx->as->mem;
    emu_sig_thread_init(ctx);
    /* what execve keeps: signals ignored before stay ignored (and a
     * handler there is the default here, as the kernel resets it) */
    for (int s = 1; s <= EMU_SIG_NSIG; s++) {
        struct sigaction h;
        if (emu_sig_on_host(s) && !(BIT(s) & (SYNC_SIGS | UNBLOCKABLE)) &&
            sigaction(s, NULL, &h) == 0 &&
            !(h.sa_flags & SA_SIGINFO) && h.sa_handler == SIG_IGN)
            ctx->as->sigact[s].handler = G_SIG_IGN;
    }
    sigset_t hs; /* ... and so does the mask */
    if (pthread_sigmask(SIG_SETMASK, NULL, &hs) == 0)
        for (int s = 1; s <= EMU_SIG_NSIG; s++)
            if (emu_sig_on_host(s) && sigismember(&hs, s) && !(BIT(s) & (SYNC_SIGS | UNBLOCKABLE)))
                ctx->sig.mask |= BIT(s);
    uint8_t code[8];
    gl_insn li = {.op = GL_OP_MOVI, .len = 4, .rc = EMU_REG_T0, .imm = SYS_NR_rt_sigreturn};
    gl_insn sc = {.op = GL_OP_SYSCALL, .len = 4};
    if (gl_encode(&li, code) != 4 || gl_encode(&sc, code + 4) != 4)
        return -1;
    uint64_t a = emu_mem_find_free(m, EMU_PAGE_SIZE);
    if (!a || emu_mem_map(m, a, EMU_PAGE_SIZE, EMU_P_R | EMU_P_W, 0, -1, 0, 0) != 0)
        return -1;
    if (emu_copy_out(m, a, code, sizeof code, -1) != 0 ||
        emu_mem_protect(m, a, EMU_PAGE_SIZE, EMU_P_R | EMU_P_X) != 0)
        return -1;
    ctx->sig_tramp = a;
    return 0;
}

void emu_sig_fini(emu_ctx *ctx)
{
    emu_sig_thread_fini(ctx);
}

/* ---- delivery ---- */

static int ignored_by_default(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

int emu_sig_discarded(const emu_ctx *ctx, int sig)
{
    const emu_sigact *sa = &ctx->as->sigact[sig];
    return sig != SIGKILL && sig != SIGSTOP &&
           (sa->handler == G_SIG_IGN || (sa->handler == G_SIG_DFL && ignored_by_default(sig)));
}

/* The default action of sig: nothing, stop, or the end of the process. */
static void default_action(emu_ctx *ctx, int sig)
{
    if (emu_sig_discarded(ctx, sig))
        return;
    if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
        kill(getpid(), sig);
        return;
    }
    ctx->exited = 1;
    ctx->exit_status = EMU_STATUS_SIGNAL + sig;
    ctx->term_sig = sig;
}

/* A frame could not be written or read: Linux kills with SIGSEGV. */
static void force_segv(emu_ctx *ctx, const char *why, uint64_t a)
{
    fprintf(ctx->log, EMU_NAME ": %s: segmentation fault: %s 0x%" PRIx64 " at pc=0x%" PRIx64
            " ib=0x%" PRIx64 "\n", ctx->prog, why, a, ctx->hart->pc, ctx->hart->ib);
    fflush(ctx->log);
    ctx->exited = 1;
    ctx->exit_status = EMU_STATUS_SIGNAL + SIGSEGV;
    ctx->term_sig = SIGSEGV;
}

void emu_die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    struct rlimit no_core = {0, 0}; /* the emulator's image is no core of the guest */
    setrlimit(RLIMIT_CORE, &no_core);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    kill(getpid(), sig);
}

static int on_altstack(const emu_sigthread *st, uint64_t sp)
{
    return !st->ss_disabled && sp > st->ss_sp && sp - st->ss_sp <= st->ss_size;
}

/* Enter the guest handler of sig: 0, or -1 when the process ended. */
static int setup_frame(emu_ctx *ctx, int sig, const emu_siginfo *si)
{
    emu_hart *h = ctx->hart;
    emu_sigthread *st = &ctx->sig;
    emu_mem *m = &ctx->as->mem;
    emu_sigact *sa = &ctx->as->sigact[sig];
    uint64_t old_mask = st->has_saved ? st->saved_mask : st->mask;
    st->has_saved = 0;

    uint64_t desc[2];
    if (emu_copy_in(m, desc, sa->handler, sizeof desc, -1) != 0) {
        force_segv(ctx, "signal handler descriptor unreadable at", sa->handler);
        return -1;
    }
    uint64_t sp = h->r[EMU_REG_SP];
    int was_on = on_altstack(st, sp);
    if ((sa->flags & G_SA_ONSTACK) && !st->ss_disabled && !was_on)
        sp = st->ss_sp + st->ss_size;
    sp = (sp - SF_SIZE) & ~(uint64_t)63;

    uint8_t f[SF_SIZE];
    memset(f, 0, sizeof f);
    sys_put32(f + SF_INFO, (uint32_t)sig);
    sys_put32(f + SF_INFO + 8, (uint32_t)si->code);
    if (si->addr || sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP ||
        sig == SIGFPE) {
        sys_put64(f + SF_INFO + 16, si->addr);
    } else {
        sys_put32(f + SF_INFO + 16, (uint32_t)si->pid);
        sys_put32(f + SF_INFO + 20, si->uid);
        sys_put64(f + SF_INFO + 24, si->value);
    }
    sys_put64(f + SF_UC_STACK, st->ss_sp);
    sys_put32(f + SF_UC_STACK + 8, st->ss_disabled ? G_SS_DISABLE : was_on ? G_SS_ONSTACK : 0);
    sys_put64(f + SF_UC_STACK + 16, st->ss_size);
    sys_put64(f + SF_UC_SIGMASK, old_mask);
    for (int i = 0; i < EMU_NREGS; i++)
        sys_put64(f + SF_MC + 8 * i, h->r[i]);
    sys_put64(f + SF_MC_PC, h->pc);
    sys_put64(f + SF_MC_IB, h->ib);
    sys_put64(f + SF_MC_FLAG, h->flag);
    sys_put64(f + SF_MC_FPCONTROL, h->fpcontrol);
    sys_put64(f + SF_MC_FPSTATUS, h->fpstatus);
    if (!emu_mem_check(m, sp, SF_SIZE, EMU_P_W, -1)) {
        force_segv(ctx, "cannot write a signal frame at", sp);
        return -1;
    }
    emu_cache_invalidate(ctx->as, sp, SF_SIZE);
    emu_copy_out(m, sp, f, SF_SIZE, -1);

    /* the handler: entered like a call whose `ret` lands on the trampoline */
    uint64_t t = ctx->sig_tramp, entry = desc[0], eib = desc[1];
    uint32_t lpc = (uint32_t)(entry - (t - 2)), lib = (uint32_t)(eib - t);
    h->r[EMU_REG_SP] = sp;
    h->r[EMU_REG_A0] = (uint64_t)sig;
    h->r[EMU_REG_A1] = sp + SF_INFO;
    h->r[EMU_REG_A2] = sp + SF_UC;
    h->r[EMU_REG_RA] = (uint64_t)lib << 32 | lpc;
    h->pc = entry;
    h->ib = eib;

    uint64_t mask = st->mask | sa->mask;
    if (!(sa->flags & G_SA_NODEFER))
        mask |= BIT(sig);
    if (sa->flags & G_SA_RESETHAND) {
        sa->handler = G_SIG_DFL;
        sa->flags &= ~G_SA_SIGINFO;
        emu_sig_host_action(ctx, sig);
    }
    emu_sig_setmask(ctx, mask);
    return 0;
}

static int has_handler(const emu_ctx *ctx, int sig)
{
    uint64_t hd = ctx->as->sigact[sig].handler;
    return hd != G_SIG_DFL && hd != G_SIG_IGN;
}

int emu_sig_trap(emu_ctx *ctx, const emu_trap *t)
{
    emu_siginfo si = {0};
    int sig = emu_trap_signal(ctx, t, &si.code, &si.addr);
    /* a blocked or ignored fault is fatal, as on Linux */
    if (!has_handler(ctx, sig) || (ctx->sig.mask & BIT(sig)))
        return 0;
    setup_frame(ctx, sig, &si);
    return 1;
}

/* Make sig pending for st (its own thread): 0 or -EAGAIN. */
static int make_pending(emu_sigthread *st, int sig, const emu_siginfo *si)
{
    if (sig >= EMU_SIG_RTMIN) { /* real-time: one more instance in the queue */
        if (st->rtq_n == EMU_SIG_RTQ)
            return -EAGAIN;
        st->rtq[st->rtq_n] = *si;
        st->rtq_sig[st->rtq_n++] = (uint8_t)sig;
    } else if (st->pend & BIT(sig)) {
        return 0; /* one instance of a standard signal */
    }
    st->pend |= BIT(sig);
    st->info[sig] = *si;
    return 0;
}

int emu_sig_raise(emu_ctx *ctx, int sig, const emu_siginfo *si)
{
    emu_sigthread *st = &ctx->sig;
    if (!(st->mask & BIT(sig)) && emu_sig_discarded(ctx, sig))
        return 0;
    return make_pending(st, sig, si);
}

int emu_sig_post(emu_sigthread *st, int sig, const emu_siginfo *si)
{
    int r = 0;
    pthread_mutex_lock(&st->xlock);
    if (st->xn == EMU_SIG_RTQ) {
        r = -EAGAIN;
    } else {
        st->xinfo[st->xn] = *si;
        st->xsig[st->xn++] = (uint8_t)sig;
        atomic_store(&st->xn_any, 1);
    }
    pthread_mutex_unlock(&st->xlock);
    return r;
}

/* Take one pending instance of sig off the thread: its siginfo in *si.
 * A real-time signal stays pending while more instances are queued. */
static void take(emu_sigthread *st, int sig, emu_siginfo *si)
{
    *si = st->info[sig];
    st->pend &= ~BIT(sig);
    if (sig < EMU_SIG_RTMIN)
        return;
    int left = 0, found = 0;
    for (unsigned i = 0; i < st->rtq_n; i++) {
        if (st->rtq_sig[i] != sig)
            continue;
        if (!found) {
            *si = st->rtq[i];
            memmove(&st->rtq[i], &st->rtq[i + 1], (st->rtq_n - i - 1) * sizeof st->rtq[0]);
            memmove(&st->rtq_sig[i], &st->rtq_sig[i + 1], st->rtq_n - i - 1);
            st->rtq_n--;
            found = 1;
            i--;
        } else {
            left = 1;
        }
    }
    if (left)
        st->pend |= BIT(sig);
}

void emu_sig_drop(emu_ctx *ctx, int sig)
{
    emu_sigthread *st = &ctx->sig;
    emu_siginfo si;
    while (st->pend & BIT(sig))
        take(st, sig, &si);
}

/* Move what the host caught and other threads sent into pend. */
static void collect_host(emu_sigthread *st)
{
    if (st->hart)
        __atomic_store_n(&st->hart->interrupt, 0, __ATOMIC_RELAXED);
    uint64_t hp = atomic_exchange(&st->hostpend, 0);
    for (; hp; hp &= hp - 1) {
        int sig = __builtin_ctzll(hp) + 1;
        st->pend |= BIT(sig);
        st->info[sig] = st->hinfo[sig];
    }
    unsigned t = atomic_load(&st->hrt_tail), h = atomic_load(&st->hrt_head);
    for (; t != h; t++) /* (a handler may add more meanwhile: taken next time) */
        make_pending(st, st->hrt_sig[t % EMU_SIG_RTQ], &st->hrt[t % EMU_SIG_RTQ]);
    atomic_store(&st->hrt_tail, t);
    if (atomic_load(&st->xn_any)) {
        pthread_mutex_lock(&st->xlock);
        for (unsigned i = 0; i < st->xn; i++)
            make_pending(st, st->xsig[i], &st->xinfo[i]); /* a full queue drops, as -EAGAIN would */
        st->xn = 0;
        atomic_store(&st->xn_any, 0);
        pthread_mutex_unlock(&st->xlock);
    }
}

void emu_sig_deliver(emu_ctx *ctx)
{
    emu_sigthread *st = &ctx->sig;
    collect_host(st);
    uint64_t ready;
    while (!ctx->exited && (ready = st->pend & ~st->mask)) {
        /* synchronous signals first, then the lowest number */
        uint64_t pick = ready & SYNC_SIGS ? ready & SYNC_SIGS : ready;
        int sig = __builtin_ctzll(pick) + 1;
        emu_siginfo si;
        take(st, sig, &si);
        if (has_handler(ctx, sig)) {
            if (setup_frame(ctx, sig, &si) != 0)
                return;
        } else if (ctx->as->sigact[sig].handler == G_SIG_DFL) {
            default_action(ctx, sig);
        }
    }
    if (st->has_saved) { /* rt_sigsuspend woke without a handler to run */
        st->has_saved = 0;
        emu_sig_setmask(ctx, st->saved_mask);
    }
}

/* Has socket fd a send or receive timeout (SO_SNDTIMEO / SO_RCVTIMEO)?
 * Then the kernel's sock_intr_errno gives EINTR, not a restart. */
static int sock_timeout(uint64_t fd, int opt)
{
    struct timeval tv;
    socklen_t len = sizeof tv;
    if (getsockopt(sys_int(fd), SOL_SOCKET, opt, &tv, &len) != 0)
        return 0; /* not a socket */
    return tv.tv_sec != 0 || tv.tv_usec != 0;
}

/* Calls Linux never restarts once a handler has run, whatever
 * SA_RESTART says (signal(7); in the kernel they return -EINTR,
 * -ERESTARTNOHAND or -ERESTART_RESTARTBLOCK, never -ERESTARTSYS). */
static int never_restarted(uint64_t nr, const uint64_t *a)
{
    switch (nr) {
    case SYS_NR_nanosleep: case SYS_NR_clock_nanosleep:           /* sleeps */
    case SYS_NR_rt_sigsuspend: case SYS_NR_rt_sigtimedwait:       /* waits for signals */
    case SYS_NR_ppoll: case SYS_NR_pselect6:                      /* multiplexing */
    case SYS_NR_epoll_pwait: case SYS_NR_epoll_pwait2:
        return 1;
    case SYS_NR_futex: { /* a wait with a timeout (futex_wait's restart block) */
        int cmd = sys_int(a[1]) & 0x7f; /* FUTEX_CMD_MASK */
        return (cmd == 0 /* FUTEX_WAIT */ || cmd == 9 /* FUTEX_WAIT_BITSET */) && a[3] != 0;
    }
    /* sockets with a timeout set: input calls SO_RCVTIMEO, output SO_SNDTIMEO */
    case SYS_NR_accept: case SYS_NR_accept4: case SYS_NR_recvfrom: case SYS_NR_recvmsg:
    case SYS_NR_recvmmsg: case SYS_NR_read: case SYS_NR_readv:
        return sock_timeout(a[0], SO_RCVTIMEO);
    case SYS_NR_connect: case SYS_NR_sendto: case SYS_NR_sendmsg: case SYS_NR_sendmmsg:
    case SYS_NR_write: case SYS_NR_writev:
        return sock_timeout(a[0], SO_SNDTIMEO);
    }
    return 0;
}

int emu_sig_restart(emu_ctx *ctx, uint64_t nr, const uint64_t *a)
{
    emu_sigthread *st = &ctx->sig;
    collect_host(st);
    uint64_t ready = st->pend & ~st->mask;
    if (!ready)
        return 1; /* nothing to run: Linux restarts transparently */
    if (never_restarted(nr, a))
        return 0;
    int sig = __builtin_ctzll(ready) + 1;
    return has_handler(ctx, sig) && (ctx->as->sigact[sig].flags & G_SA_RESTART);
}

/* ---- the system calls ---- */

int64_t sys_rt_sigreturn(emu_ctx *ctx, const uint64_t *a)
{
    (void)a;
    emu_hart *h = ctx->hart;
    uint64_t sp = h->r[EMU_REG_SP];
    uint8_t f[SF_SIZE];
    if (emu_copy_in(&ctx->as->mem, f, sp, SF_SIZE, -1) != 0) {
        force_segv(ctx, "rt_sigreturn: unreadable signal frame at", sp);
        return 0;
    }
    for (int i = 0; i < EMU_NREGS; i++)
        h->r[i] = sys_get64(f + SF_MC + 8 * i);
    h->pc = sys_get64(f + SF_MC_PC);
    h->ib = sys_get64(f + SF_MC_IB);
    h->flag = sys_get64(f + SF_MC_FLAG) & 1;
    h->fpcontrol = sys_get64(f + SF_MC_FPCONTROL);
    h->fpstatus = sys_get64(f + SF_MC_FPSTATUS);
    emu_sig_setmask(ctx, sys_get64(f + SF_UC_SIGMASK));
    return (int64_t)h->r[EMU_REG_A0]; /* the syscall result is a0 as it was */
}

int64_t sys_sigaltstack(emu_ctx *ctx, const uint64_t *a)
{
    emu_sigthread *st = &ctx->sig;
    uint8_t *old = NULL;
    if (a[1] && !(old = sys_out(ctx, a[1], 24)))
        return -EFAULT;
    int on = on_altstack(st, ctx->hart->r[EMU_REG_SP]);
    uint64_t osp = st->ss_sp, osize = st->ss_size;
    int odis = st->ss_disabled;
    if (a[0]) {
        const uint8_t *g = sys_in(ctx, a[0], 24);
        if (!g)
            return -EFAULT;
        if (on)
            return -EPERM;
        uint32_t fl;
        memcpy(&fl, g + 8, 4);
        if (fl & ~(uint32_t)G_SS_DISABLE)
            return -EINVAL;
        if (fl & G_SS_DISABLE) {
            st->ss_disabled = 1;
            st->ss_sp = st->ss_size = 0;
        } else {
            uint64_t size = sys_get64(g + 16);
            if (size < G_MINSIGSTKSZ)
                return -ENOMEM;
            st->ss_disabled = 0;
            st->ss_sp = sys_get64(g);
            st->ss_size = size;
        }
    }
    if (old) {
        sys_put64(old, osp);
        sys_put32(old + 8, odis ? G_SS_DISABLE : on ? G_SS_ONSTACK : 0);
        sys_put32(old + 12, 0);
        sys_put64(old + 16, osize);
    }
    return 0;
}

int64_t sys_rt_sigpending(emu_ctx *ctx, const uint64_t *a)
{
    if (a[1] != 8)
        return -EINVAL;
    collect_host(&ctx->sig);
    sigset_t hs;
    uint64_t set = ctx->sig.pend;
    if (sigpending(&hs) == 0)
        for (int s = 1; s <= EMU_SIG_NSIG; s++)
            if (emu_sig_on_host(s) && sigismember(&hs, s))
                set |= BIT(s);
    set &= ctx->sig.mask;
    return sys_copy_out(ctx, a[0], &set, 8);
}

int64_t sys_rt_sigsuspend(emu_ctx *ctx, const uint64_t *a)
{
    if (a[1] != 8)
        return -EINVAL;
    uint64_t mask;
    if (sys_copy_in(ctx, &mask, a[0], 8) != 0)
        return -EFAULT;
    emu_sigthread *st = &ctx->sig;
    st->saved_mask = st->mask;
    st->has_saved = 1;
    emu_sig_setmask(ctx, mask);
    /* block everything while checking, so no signal slips in between
     * the check and sigsuspend, which unblocks atomically */
    sigset_t hs, all;
    pthread_sigmask(SIG_SETMASK, NULL, &hs);
    sigfillset(&all);
    for (int s = 1; s < 32; s++)
        if (SYNC_SIGS & BIT(s))
            sigdelset(&all, s);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    collect_host(st);
    while (!(st->pend & ~st->mask) && !emu_proc_stopping(ctx)) {
        sigsuspend(&hs); /* returns after a host handler ran */
        collect_host(st);
    }
    pthread_sigmask(SIG_SETMASK, &hs, NULL);
    return -EINTR;
}

/* ---- calls that wait with a temporary mask (ppoll, pselect6, epoll_pwait) ---- */

int emu_sig_wait_enter(emu_ctx *ctx, uint64_t mask, sigset_t *callmask)
{
    emu_sigthread *st = &ctx->sig;
    st->saved_mask = st->mask;
    st->has_saved = 1;
    sigset_t all;
    sigfillset(&all);
    for (int s = 1; s < 32; s++)
        if (SYNC_SIGS & BIT(s))
            sigdelset(&all, s);
    pthread_sigmask(SIG_BLOCK, &all, NULL); /* nothing slips in before the call */
    st->mask = mask & ~UNBLOCKABLE;
    sigemptyset(callmask);
    for (int s = 1; s <= EMU_SIG_NSIG; s++)
        if ((st->mask & BIT(s)) && !(SYNC_SIGS & BIT(s)) && emu_sig_on_host(s))
            sigaddset(callmask, s);
    collect_host(st);
    return st->pend & ~st->mask ? -EINTR : 0;
}

void emu_sig_wait_leave(emu_ctx *ctx, int interrupted)
{
    emu_sigthread *st = &ctx->sig;
    if (!interrupted) {
        st->mask = st->saved_mask;
        st->has_saved = 0;
    }
    /* interrupted: the handler runs under the temporary mask and its
     * frame restores the old one (as after rt_sigsuspend) */
    emu_sig_setmask(ctx, st->mask);
}

/* rt_sigtimedwait(set, info, timeout, size): a pending signal of set
 * taken without running its handler: the emulator's (raised by the
 * program, real-time ones in order), else the host's, waited for with
 * the host's sigtimedwait (signals the program waits for are blocked,
 * so they stay pending in the host kernel). */
int64_t sys_rt_sigtimedwait(emu_ctx *ctx, const uint64_t *a)
{
    if (a[3] != 8)
        return -EINVAL;
    uint64_t set;
    if (sys_copy_in(ctx, &set, a[0], 8) != 0)
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    if (a[1] && !sys_out(ctx, a[1], 128))
        return -EFAULT;
    struct timespec ts, *tp = NULL;
    if (a[2]) {
        int r = sys_timespec_in(ctx, a[2], &ts);
        if (r)
            return r;
        tp = &ts;
    }
    emu_sigthread *st = &ctx->sig;
    collect_host(st);
    emu_siginfo si = {0};
    int sig;
    if (st->pend & set) {
        sig = __builtin_ctzll(st->pend & set) + 1;
        take(st, sig, &si);
    } else {
        sigset_t hs;
        sigemptyset(&hs);
        for (int s = 1; s <= EMU_SIG_NSIG; s++)
            if ((set & BIT(s)) && !(SYNC_SIGS & BIT(s)) && emu_sig_on_host(s))
                sigaddset(&hs, s);
        siginfo_t hi;
        sig = sigtimedwait(&hs, &hi, tp);
        if (sig < 0)
            return -errno; /* EAGAIN at the timeout, EINTR for a handler */
        si.code = hi.si_code;
        si.pid = hi.si_pid;
        si.uid = hi.si_uid;
        si.value = (uint64_t)(uintptr_t)hi.si_value.sival_ptr;
    }
    if (a[1]) {
        uint8_t g[128];
        memset(g, 0, sizeof g);
        sys_put32(g, (uint32_t)sig);
        sys_put32(g + 8, (uint32_t)si.code);
        sys_put32(g + 16, (uint32_t)si.pid);
        sys_put32(g + 20, si.uid);
        sys_put64(g + 24, si.value);
        sys_copy_out(ctx, a[1], g, sizeof g);
    }
    return sig;
}

/* rt_sigqueueinfo(pid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig,
 * info): si_code and si_value from the guest's siginfo; to ourselves
 * the signal is queued here (every real-time instance kept), to another
 * process the host queues it (the signals emu_sig_on_host names). */
static int64_t queue_common(emu_ctx *ctx, int pid, int self, int sig, uint64_t ginfo)
{
    if (sig < 0 || sig > EMU_SIG_NSIG)
        return -EINVAL;
    uint8_t g[128];
    if (sys_copy_in(ctx, g, ginfo, sizeof g) != 0)
        return -EFAULT;
    int32_t code;
    memcpy(&code, g + 8, 4);
    if (!self && code >= 0) /* only the kernel sends SI_USER and up to others */
        return -EPERM;
    if (!self) {
        if (sig && !emu_sig_on_host(sig))
            return -EINVAL;
        siginfo_t hi;
        memset(&hi, 0, sizeof hi);
        hi.si_signo = sig;
        hi.si_code = code;
        hi.si_pid = getpid();
        hi.si_uid = getuid();
        hi.si_value.sival_ptr = (void *)(uintptr_t)sys_get64(g + 24);
        return sys_err(syscall(SYS_rt_sigqueueinfo, pid, sig, &hi));
    }
    if (sig == 0)
        return 0;
    emu_siginfo si = {.code = code, .value = sys_get64(g + 24)};
    memcpy(&si.pid, g + 16, 4);
    memcpy(&si.uid, g + 20, 4);
    return emu_sig_raise(ctx, sig, &si);
}

/* rt_tgsigqueueinfo to another thread of this process: into its queue
 * (thread.c), every real-time instance kept */
static int64_t queue_thread(emu_ctx *ctx, int tid, int sig, uint64_t ginfo)
{
    if (sig < 0 || sig > EMU_SIG_NSIG)
        return -EINVAL;
    uint8_t g[128];
    if (sys_copy_in(ctx, g, ginfo, sizeof g) != 0)
        return -EFAULT;
    emu_siginfo si = {.value = sys_get64(g + 24)};
    memcpy(&si.code, g + 8, 4);
    memcpy(&si.pid, g + 16, 4);
    memcpy(&si.uid, g + 20, 4);
    return emu_thread_signal(ctx, tid, sig, &si);
}

int64_t sys_rt_sigqueueinfo(emu_ctx *ctx, const uint64_t *a)
{
    int pid = sys_int(a[0]);
    return queue_common(ctx, pid, pid == (int)getpid(), sys_int(a[1]), a[2]);
}

int64_t sys_rt_tgsigqueueinfo(emu_ctx *ctx, const uint64_t *a)
{
    int tgid = sys_int(a[0]), tid = sys_int(a[1]);
    if (tgid <= 0 || tid <= 0)
        return -EINVAL;
    if (tgid == (int)getpid() && tid != (int)gettid())
        return queue_thread(ctx, tid, sys_int(a[2]), a[3]);
    return queue_common(ctx, tgid, tgid == (int)getpid(), sys_int(a[2]), a[3]);
}

/* tkill/tgkill: to a thread of this process (thread.c) */
static int64_t kill_thread(emu_ctx *ctx, int tid, int sig)
{
    if (sig < 0 || sig > EMU_SIG_NSIG)
        return -EINVAL;
    if (tid <= 0)
        return -EINVAL;
    if (!ctx->proc && tid != (int)gettid())
        return -ESRCH;
    emu_siginfo si = {.code = -6 /* SI_TKILL */, .pid = (int)getpid(), .uid = (uint32_t)getuid()};
    return emu_thread_signal(ctx, ctx->proc ? tid : ctx->tid, sig, &si);
}

/* struct itimerval: two struct timeval, the host's layout on x86-64 */
static int64_t itimer_out(emu_ctx *ctx, uint64_t a, const struct itimerval *v)
{
    uint64_t g[4] = {(uint64_t)v->it_interval.tv_sec, (uint64_t)v->it_interval.tv_usec,
                     (uint64_t)v->it_value.tv_sec, (uint64_t)v->it_value.tv_usec};
    return sys_copy_out(ctx, a, g, sizeof g);
}

int64_t sys_getitimer(emu_ctx *ctx, const uint64_t *a)
{
    struct itimerval v;
    if (getitimer(sys_int(a[0]), &v) != 0)
        return -errno;
    return itimer_out(ctx, a[1], &v);
}

int64_t sys_setitimer(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t g[4] = {0};
    if (a[1] && sys_copy_in(ctx, g, a[1], sizeof g) != 0)
        return -EFAULT;
    if (a[2] && !sys_out(ctx, a[2], 32))
        return -EFAULT;
    struct itimerval n = {{(time_t)g[0], (suseconds_t)g[1]}, {(time_t)g[2], (suseconds_t)g[3]}}, o;
    if (setitimer(sys_int(a[0]), &n, &o) != 0)
        return -errno;
    return a[2] ? itimer_out(ctx, a[2], &o) : 0;
}

int64_t sys_tkill(emu_ctx *ctx, const uint64_t *a)
{
    return kill_thread(ctx, sys_int(a[0]), sys_int(a[1]));
}

int64_t sys_tgkill(emu_ctx *ctx, const uint64_t *a)
{
    if (sys_int(a[0]) != (int)getpid())
        return sys_int(a[0]) <= 0 ? -EINVAL : -ESRCH;
    return kill_thread(ctx, sys_int(a[1]), sys_int(a[2]));
}
