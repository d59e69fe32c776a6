/*
 * thread.c - guest threads in user mode (docs/run.md, "Threads").
 *
 * clone with the thread flags starts a host thread (pthread) that runs
 * its own hart and emu_ctx in the shared address space: registers as
 * the parent had them at the syscall but a0 = 0 and sp = the new stack.
 * The process (emu_proc) lists the live threads.  exit ends one thread
 * (its clear-tid word is zeroed and futex-woken, so joiners wake);
 * exit_group, or a signal that kills, ends them all: every other thread
 * is kicked out of guest code (emu_hart_kick) and out of a blocking
 * host call (a host signal without SA_RESTART, re-sent until it has
 * gone), and the main thread waits for the last one before it returns
 * the process's status.  Signals sent to a thread (tgkill,
 * rt_tgsigqueueinfo) go into its queue (emu_sig_post), every real-time
 * instance kept.  A fork leaves the child with the forking thread only
 * (emu_proc_after_fork).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "jit/jit.h"
#include "sys.h"

/* clone flags (the same on every Linux) */
#define G_CLONE_VM             0x00000100u
#define G_CLONE_FS             0x00000200u
#define G_CLONE_FILES          0x00000400u
#define G_CLONE_SIGHAND        0x00000800u
#define G_CLONE_THREAD         0x00010000u
#define G_CLONE_SYSVSEM        0x00040000u
#define G_CLONE_SETTLS         0x00080000u
#define G_CLONE_PARENT_SETTID  0x00100000u
#define G_CLONE_CHILD_CLEARTID 0x00200000u
#define G_CLONE_DETACHED       0x00400000u
#define G_CLONE_CHILD_SETTID   0x01000000u

#define THREAD_NEEDS (G_CLONE_VM | G_CLONE_FS | G_CLONE_FILES | G_CLONE_SIGHAND | G_CLONE_THREAD)
#define THREAD_MAY (THREAD_NEEDS | G_CLONE_SYSVSEM | G_CLONE_SETTLS | G_CLONE_PARENT_SETTID | \
                    G_CLONE_CHILD_CLEARTID | G_CLONE_DETACHED | G_CLONE_CHILD_SETTID)

static void on_kick(int sig)
{
    (void)sig; /* only there to make a blocking host call return EINTR */
}

int emu_proc_init(emu_ctx *ctx)
{
    emu_proc *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    /* the host's last real-time signal is the emulator's own (guest
     * signal 64 stays inside: emu_sig_on_host) */
    p->kick_sig = SIGRTMAX;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_kick;
    sa.sa_flags = SA_ONSTACK; /* not on the JIT's stack of return entries */
    sigemptyset(&sa.sa_mask);
    if (sigaction(p->kick_sig, &sa, NULL) != 0) {
        free(p);
        return -1;
    }
    ctx->proc = p;
    ctx->tid = (int)gettid();
    ctx->thread = pthread_self();
    ctx->next = NULL;
    p->threads = ctx;
    p->nthreads = 1;
    emu_aspace_attach(ctx->as, ctx->hart);
    return 0;
}

int emu_strace_tid(const emu_ctx *ctx)
{
    return ctx->proc && __atomic_load_n(&ctx->proc->multi, __ATOMIC_RELAXED) ? ctx->tid : 0;
}

/* Out of guest code and out of a blocking call (with p->lock held). */
static void kick(emu_proc *p, emu_ctx *t)
{
    __atomic_store_n(&t->hart->interrupt, 1, __ATOMIC_RELAXED);
    emu_hart_kick(t->hart);
    pthread_kill(t->thread, p->kick_sig);
}

/* CLONE_CHILD_CLEARTID / set_tid_address: zero the word and wake a joiner. */
static void clear_tid(emu_ctx *ctx)
{
    uint64_t a = ctx->clear_tid;
    emu_mem *m = &ctx->as->mem;
    if (!a || (a & 3) || !emu_mem_check(m, a, 4, EMU_P_W, -1))
        return;
    emu_cache_invalidate(ctx->as, a, 4);
    uint32_t *w = emu_mem_ptr(m, a, 4, EMU_P_W, -1);
    __atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
    /* the kernel wakes without FUTEX_PRIVATE_FLAG; wake private waiters too */
    syscall(SYS_futex, w, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

/* Wait 10 ms for a thread to end (with p->lock held). */
static void wait_a_little(emu_proc *p)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 10 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&p->cond, &p->lock, &ts);
}

/* The process is ending: kick the others again and again (a kick may
 * land just before a blocking call) while the main thread, which waits
 * for everyone else, is still there (with p->lock held). */
static void linger(emu_proc *p)
{
    for (;;) {
        int main_there = 0;
        for (emu_ctx *t = p->threads; t; t = t->next) {
            main_there |= t->tid == (int)getpid();
            kick(p, t);
        }
        if (!main_there)
            return;
        wait_a_little(p);
    }
}

/* This thread is done (emu_run returned status): leave the process. */
static void thread_end(emu_ctx *ctx, int status, int is_main)
{
    emu_proc *p = ctx->proc;
    emu_aspace_detach(ctx->as, ctx->hart);
    /* the process's end first: a joiner woken below must not get on */
    pthread_mutex_lock(&p->lock);
    if (!ctx->thread_exit && !p->group_exit) {
        p->status = status;
        p->term_sig = ctx->term_sig;
        __atomic_store_n(&p->group_exit, 1, __ATOMIC_RELEASE);
        for (emu_ctx *t = p->threads; t; t = t->next)
            if (t != ctx)
                kick(p, t);
    }
    pthread_mutex_unlock(&p->lock);
    emu_robust_exit(ctx); /* before the clear-tid word, as Linux */
    clear_tid(ctx);
    pthread_mutex_lock(&p->lock);
    if (p->group_exit && !is_main)
        linger(p); /* the main thread may be about to block: until it is out */
    if (is_main)
        p->leader_status = status;
    for (emu_ctx **q = &p->threads; *q; q = &(*q)->next)
        if (*q == ctx) {
            *q = ctx->next;
            p->nthreads--;
            break;
        }
    p->icount += ctx->hart->icount;
    if (p->group_exit)
        for (emu_ctx *t = p->threads; t; t = t->next)
            kick(p, t);
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

int emu_proc_finish(emu_ctx *ctx, int status)
{
    emu_proc *p = ctx->proc;
    if (!p)
        return status;
    thread_end(ctx, status, 1);
    pthread_mutex_lock(&p->lock);
    while (p->nthreads) {
        if (p->group_exit) /* a kick may land just before a blocking call: again */
            for (emu_ctx *t = p->threads; t; t = t->next)
                kick(p, t);
        wait_a_little(p);
    }
    int st = p->group_exit ? p->status : p->leader_status;
    if (p->group_exit)
        ctx->term_sig = p->term_sig;
    ctx->hart->icount = p->icount; /* --stats counts every thread's */
    pthread_mutex_unlock(&p->lock);
    pthread_cond_destroy(&p->cond);
    pthread_mutex_destroy(&p->lock);
    free(p);
    ctx->proc = NULL;
    return st;
}

/* Handshake of a starting thread with the clone that made it. */
typedef struct start {
    emu_ctx *child;
    uint64_t flags, ptid, ctid;
    pthread_mutex_t m;
    pthread_cond_t c;
    int done, err, tid;
} start;

static void *thread_main(void *arg)
{
    start *s = arg;
    emu_ctx *ctx = s->child;
    emu_proc *p = ctx->proc;
    ctx->tid = (int)gettid();
    ctx->thread = pthread_self();
    int err = emu_hostfault_thread_init(ctx->hart) != 0 ? -EAGAIN : 0;
    if (!err) {
        emu_sig_thread_init(ctx);
        uint32_t tid = (uint32_t)ctx->tid;
        /* before the parent's clone returns, before the child runs */
        if (s->flags & G_CLONE_PARENT_SETTID)
            sys_copy_out(ctx, s->ptid, &tid, 4);
        if (s->flags & G_CLONE_CHILD_SETTID)
            sys_copy_out(ctx, s->ctid, &tid, 4);
        emu_aspace_attach(ctx->as, ctx->hart);
        pthread_mutex_lock(&p->lock);
        ctx->next = p->threads;
        p->threads = ctx;
        p->nthreads++;
        __atomic_store_n(&p->multi, 1, __ATOMIC_RELAXED);
        pthread_mutex_unlock(&p->lock);
    }
    pthread_mutex_lock(&s->m);
    s->err = err;
    s->tid = ctx->tid;
    s->done = 1;
    pthread_cond_signal(&s->c);
    pthread_mutex_unlock(&s->m); /* s is gone from here on */
    if (!err) {
        emu_sig_setmask(ctx, ctx->sig.mask); /* the inherited mask, on the host too */
        int status = emu_run(ctx);
        if (ctx->tid == (int)getpid()) {
            /* this thread forked and is the child's only thread: it
             * ends the process as the main thread would */
            status = emu_proc_finish(ctx, status);
            fflush(NULL);
            if (ctx->term_sig)
                emu_die_by_signal(ctx->term_sig);
            /* _exit: what main owns (the address space, its caches) is
             * reachable only from the main thread's stack, which this
             * process does not have; the kernel reclaims it */
            _exit(status);
        }
        thread_end(ctx, status, 0);
        emu_sig_thread_fini(ctx);
    }
    emu_hostfault_thread_fini(ctx->hart);
    free(ctx->hart);
    free(ctx);
    return NULL;
}

int64_t emu_thread_clone(emu_ctx *ctx, uint64_t flags, uint64_t sp, uint64_t ptid,
                         uint64_t tls, uint64_t ctid)
{
    (void)tls; /* no thread pointer in the ABI yet (docs/abi.md, "Threads") */
    if (!ctx->proc)
        return -EAGAIN;
    /* a new process (fork-like clone) is not a thread: not here */
    if ((flags & THREAD_NEEDS) != THREAD_NEEDS || (flags & ~(uint64_t)THREAD_MAY))
        return -EINVAL;
    if (emu_proc_stopping(ctx))
        return -EAGAIN;
    if (ctx->opt.jit_audit && ctx->as->jit_debug) {
        /* the audit replays a block and compares memory: another
         * thread's stores would be reported as differences */
        fprintf(ctx->log, EMU_NAME ": %s: --jit-audit supports one thread only; the program "
                "starts a second one (clone at pc=0x%" PRIx64 "): stopped\n", ctx->prog,
                ctx->hart->pc - 4);
        fflush(ctx->log);
        ctx->exited = 1;
        ctx->exit_status = EMU_STATUS_USAGE;
        return -EAGAIN;
    }
    emu_ctx *c = malloc(sizeof *c);
    emu_hart *h = malloc(sizeof *h);
    if (!c || !h) {
        free(c);
        free(h);
        return -EAGAIN;
    }
    *c = *ctx;
    c->cloned = 1;
    emu_hart_init(h, ctx->as);
    memcpy(h->r, ctx->hart->r, sizeof h->r);
    h->pc = ctx->hart->pc;
    h->ib = ctx->hart->ib;
    h->flag = ctx->hart->flag;
    h->fpcontrol = ctx->hart->fpcontrol;
    h->fpstatus = ctx->hart->fpstatus;
    h->single_step = ctx->hart->single_step;
    h->from_color = ctx->hart->from_color;
    h->r[EMU_REG_A0] = 0;
    if (sp)
        h->r[EMU_REG_SP] = sp;
    c->hart = h;
    c->next = NULL;
    c->exited = c->thread_exit = 0;
    c->clear_tid = flags & G_CLONE_CHILD_CLEARTID ? ctid : 0;
    c->robust_head = 0; /* each thread registers its own */
    /* signals: the mask is inherited; nothing pending; no altstack */
    uint64_t mask = ctx->sig.mask;
    memset(&c->sig, 0, sizeof c->sig);
    c->sig.mask = mask;
    c->sig.ss_disabled = 1;

    /* translated code for several harts: no chaining, no jump cache, no
     * register profile (they keep one hart's state); flushed so no code
     * made with them survives (docs/run.md, "Threads") */
    if (ctx->as->jit && !emu_jit_threaded(ctx->as->jit)) {
        emu_exclusive_begin(ctx->as);
        emu_jit_set_threaded(ctx->as->jit);
        emu_cache_flush(ctx->as);
        emu_exclusive_end(ctx->as);
    }
    start s = {.child = c, .flags = flags, .ptid = ptid, .ctid = ctid};
    pthread_mutex_init(&s.m, NULL);
    pthread_cond_init(&s.c, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* the new host thread starts with every signal blocked until its
     * signal state is set up, so none is caught without a thread to queue it */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t t;
    int e = pthread_create(&t, &attr, thread_main, &s);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    int64_t r;
    if (e != 0) {
        free(h);
        free(c);
        r = -EAGAIN;
    } else {
        pthread_mutex_lock(&s.m);
        while (!s.done)
            pthread_cond_wait(&s.c, &s.m);
        pthread_mutex_unlock(&s.m);
        r = s.err ? s.err : s.tid; /* c may be gone already */
    }
    pthread_cond_destroy(&s.c);
    pthread_mutex_destroy(&s.m);
    return r;
}

/* Queue sig for thread t and make t look (with p->lock held): 0 or -EAGAIN. */
static int post(emu_proc *p, emu_ctx *t, int sig, const emu_siginfo *si)
{
    int r = emu_sig_post(&t->sig, sig, si);
    if (r == 0)
        kick(p, t);
    return r;
}

int emu_thread_signal(emu_ctx *ctx, int tid, int sig, const emu_siginfo *si)
{
    if (tid == ctx->tid)
        return sig ? emu_sig_raise(ctx, sig, si) : 0;
    emu_proc *p = ctx->proc;
    if (!p)
        return -ESRCH;
    int r = -ESRCH;
    pthread_mutex_lock(&p->lock);
    for (emu_ctx *t = p->threads; t; t = t->next)
        if (t->tid == tid) {
            r = sig ? post(p, t, sig, si) : 0;
            break;
        }
    pthread_mutex_unlock(&p->lock);
    return r;
}

void emu_proc_signal(emu_ctx *ctx, int sig, const emu_siginfo *si)
{
    emu_proc *p = ctx->proc;
    uint64_t bit = 1ull << (sig - 1);
    if (p && (ctx->sig.mask & bit)) {
        pthread_mutex_lock(&p->lock);
        for (emu_ctx *t = p->threads; t; t = t->next)
            if (t != ctx && !(__atomic_load_n(&t->sig.mask, __ATOMIC_RELAXED) & bit)) {
                post(p, t, sig, si);
                pthread_mutex_unlock(&p->lock);
                return;
            }
        pthread_mutex_unlock(&p->lock);
    }
    emu_sig_raise(ctx, sig, si);
}

void emu_proc_after_fork(emu_ctx *ctx)
{
    emu_proc *p = ctx->proc;
    ctx->tid = (int)getpid();
    ctx->thread = pthread_self();
    ctx->robust_head = 0; /* the kernel clears it in a new process */
    /* a new process has no pending signals */
    ctx->sig.pend = 0;
    ctx->sig.rtq_n = 0;
    atomic_store(&ctx->sig.hostpend, 0);
    atomic_store(&ctx->sig.hrt_tail, atomic_load(&ctx->sig.hrt_head));
    if (!p)
        return;
    /* the other threads are not in this process: free the records of
     * those clone made (the main thread's belongs to main); the list
     * and the exclusive section were held across the fork by this
     * thread (emu_proc_fork_lock) */
    for (emu_ctx *t = p->threads, *next; t; t = next) {
        next = t->next;
        if (t == ctx || !t->cloned)
            continue;
        free(t->hart->altstack);
        free(t->hart);
        free(t);
    }
    p->threads = ctx;
    ctx->next = NULL;
    p->nthreads = 1;
    p->multi = 0;
    p->icount = 0;
    emu_aspace *as = ctx->as;
    as->harts = ctx->hart;
    ctx->hart->as_next = NULL;
    as->nharts = 1;
    /* the parent's threads may have waited on these: fresh ones (a
     * condition variable with waiters cannot be destroyed) */
    pthread_cond_init(&as->cond, NULL);
    pthread_cond_init(&p->cond, NULL);
    emu_proc_fork_unlock(ctx);
    /* what other threads sent this one stays theirs */
    pthread_mutex_init(&ctx->sig.xlock, NULL);
    ctx->sig.xn = 0;
    ctx->sig.xn_any = 0;
}

void emu_proc_fork_lock(emu_ctx *ctx)
{
    if (!ctx->proc)
        return;
    /* as QEMU's fork_start: no other hart in guest code (nor decoding,
     * translating or changing the map) and the thread list still, so
     * the child's copies are consistent and no lock is held in it */
    emu_exclusive_begin(ctx->as);
    pthread_mutex_lock(&ctx->proc->lock);
}

void emu_proc_fork_unlock(emu_ctx *ctx)
{
    if (!ctx->proc)
        return;
    pthread_mutex_unlock(&ctx->proc->lock);
    emu_exclusive_end(ctx->as); /* the same owner (pthread_self) in the child */
}
