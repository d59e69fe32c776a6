/*
 * sys_proc.c - process, time, identity, limits, randomness and signal
 * syscalls.  Dispositions and masks are kept here and in signal.c,
 * which delivers signals (guest handlers, default actions) and mirrors
 * dispositions and masks to the host: an ignored SIGPIPE turns into
 * EPIPE as the program expects, a host signal the guest handles is
 * caught and queued.
 */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

#define G_RLIMIT_STACK 3
#define G_RLIM_NLIMITS 16
#define STACK_LIMIT ((uint64_t)8 << 20)

int64_t sys_getpid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getpid(); }
int64_t sys_getppid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getppid(); }
int64_t sys_getuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getuid(); }
int64_t sys_geteuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return geteuid(); }
int64_t sys_getgid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getgid(); }
int64_t sys_getegid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getegid(); }
int64_t sys_sched_yield(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return sys_err(sched_yield()); }

/* struct timespec / timeval: two i64 on asm-generic 64-bit. */
static int get_ts(emu_ctx *ctx, uint64_t ga, struct timespec *ts)
{
    const uint8_t *g = sys_in(ctx, ga, 16);
    if (!g)
        return -EFAULT;
    int64_t s = (int64_t)sys_get64(g), ns = (int64_t)sys_get64(g + 8);
    if (s < 0 || ns < 0 || ns >= 1000000000)
        return -EINVAL;
    ts->tv_sec = s;
    ts->tv_nsec = ns;
    return 0;
}

static int put_pair(emu_ctx *ctx, uint64_t ga, int64_t x, int64_t y)
{
    uint8_t *g = sys_out(ctx, ga, 16);
    if (!g)
        return -EFAULT;
    sys_put64(g, (uint64_t)x);
    sys_put64(g + 8, (uint64_t)y);
    return 0;
}

static int clock_ok(uint64_t c) { return c <= 11; } /* REALTIME .. TAI: same ids */

int64_t sys_clock_gettime(emu_ctx *ctx, const uint64_t *a)
{
    if (!clock_ok(a[0]))
        return -EINVAL;
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) != 0)
        return -errno;
    return put_pair(ctx, a[1], ts.tv_sec, ts.tv_nsec);
}

int64_t sys_clock_getres(emu_ctx *ctx, const uint64_t *a)
{
    if (!clock_ok(a[0]))
        return -EINVAL;
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) != 0)
        return -errno;
    return a[1] ? put_pair(ctx, a[1], ts.tv_sec, ts.tv_nsec) : 0;
}

int64_t sys_gettimeofday(emu_ctx *ctx, const uint64_t *a)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (a[0] && put_pair(ctx, a[0], tv.tv_sec, tv.tv_usec) != 0)
        return -EFAULT;
    if (a[1]) { /* struct timezone: two ints, always zero */
        uint8_t *g = sys_out(ctx, a[1], 8);
        if (!g)
            return -EFAULT;
        memset(g, 0, 8);
    }
    return 0;
}

static int64_t sleep_common(emu_ctx *ctx, clockid_t clk, int flags, uint64_t req, uint64_t rem)
{
    struct timespec ts, left = {0, 0};
    int r = get_ts(ctx, req, &ts);
    if (r)
        return r;
    r = clock_nanosleep(clk, flags, &ts, &left);
    if (r == EINTR && rem && !(flags & TIMER_ABSTIME))
        put_pair(ctx, rem, left.tv_sec, left.tv_nsec);
    return -r;
}

int64_t sys_nanosleep(emu_ctx *ctx, const uint64_t *a)
{
    return sleep_common(ctx, CLOCK_MONOTONIC, 0, a[0], a[1]);
}

int64_t sys_clock_nanosleep(emu_ctx *ctx, const uint64_t *a)
{
    if (!clock_ok(a[0]))
        return -EINVAL;
    return sleep_common(ctx, (clockid_t)a[0], (int)(a[1] & TIMER_ABSTIME), a[2], a[3]);
}

int64_t sys_uname(emu_ctx *ctx, const uint64_t *a)
{
    enum { F = 65 }; /* struct new_utsname: 6 fields of 65 bytes */
    char *g = sys_out(ctx, a[0], 6 * F);
    if (!g)
        return -EFAULT;
    struct utsname u;
    if (uname(&u) != 0)
        return -errno;
    const char *f[6] = {"Linux", u.nodename, u.release, u.version, "glyph", u.domainname};
    memset(g, 0, 6 * F);
    for (int i = 0; i < 6; i++)
        snprintf(g + i * F, F, "%s", f[i]);
    return 0;
}

int64_t sys_umask(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return umask((mode_t)(a[0] & 0777));
}

/* struct rusage, asm-generic 64-bit: two timevals, then 14 longs. */
int64_t sys_getrusage(emu_ctx *ctx, const uint64_t *a)
{
    int who = sys_int(a[0]);
    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
        return -EINVAL;
    uint8_t *g = sys_out(ctx, a[1], 144);
    if (!g)
        return -EFAULT;
    struct rusage ru;
    if (getrusage(who, &ru) != 0)
        return -errno;
    const long rest[14] = {ru.ru_maxrss, ru.ru_ixrss, ru.ru_idrss, ru.ru_isrss,
                           ru.ru_minflt, ru.ru_majflt, ru.ru_nswap, ru.ru_inblock,
                           ru.ru_oublock, ru.ru_msgsnd, ru.ru_msgrcv, ru.ru_nsignals,
                           ru.ru_nvcsw, ru.ru_nivcsw};
    sys_put64(g, (uint64_t)ru.ru_utime.tv_sec);
    sys_put64(g + 8, (uint64_t)ru.ru_utime.tv_usec);
    sys_put64(g + 16, (uint64_t)ru.ru_stime.tv_sec);
    sys_put64(g + 24, (uint64_t)ru.ru_stime.tv_usec);
    for (int i = 0; i < 14; i++)
        sys_put64(g + 32 + 8 * i, (uint64_t)rest[i]);
    return 0;
}

int64_t sys_getrandom(emu_ctx *ctx, const uint64_t *a)
{
    if (a[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | 4 /* GRND_INSECURE */))
        return -EINVAL;
    uint64_t n = a[1] > 0x2000000 ? 0x2000000 : a[1];
    void *g = sys_out(ctx, a[0], n);
    if (!g)
        return -EFAULT;
    return sys_err(getrandom(g, n, (unsigned)a[2]));
}

int64_t sys_prlimit64(emu_ctx *ctx, const uint64_t *a)
{
    int pid = sys_int(a[0]);
    if (pid != 0 && pid != getpid())
        return -EPERM;
    if (a[1] >= G_RLIM_NLIMITS)
        return -EINVAL;
    int res = (int)a[1]; /* asm-generic numbering is the host's on x86-64 */
    uint8_t *old = NULL;
    if (a[3] && !(old = sys_out(ctx, a[3], 16)))
        return -EFAULT;
    struct rlimit cur;
    if (res == G_RLIMIT_STACK) {
        cur.rlim_cur = cur.rlim_max = STACK_LIMIT; /* the guest stack is fixed */
    } else if (getrlimit(res, &cur) != 0) {
        return -errno;
    }
    if (a[2]) {
        const uint8_t *g = sys_in(ctx, a[2], 16);
        if (!g)
            return -EFAULT;
        struct rlimit nl = {sys_get64(g), sys_get64(g + 8)};
        if (nl.rlim_cur > nl.rlim_max)
            return -EINVAL;
        /* stack, data and address-space limits describe emulator memory: ignored */
        if (res != G_RLIMIT_STACK && res != RLIMIT_DATA && res != RLIMIT_AS &&
            setrlimit(res, &nl) != 0)
            return -errno;
    }
    if (old) {
        sys_put64(old, cur.rlim_cur);
        sys_put64(old + 8, cur.rlim_max);
    }
    return 0;
}

/* struct sigaction, asm-generic without SA_RESTORER: handler (a
 * function descriptor, docs/abi.md "Signals"), flags, mask. */
int64_t sys_rt_sigaction(emu_ctx *ctx, const uint64_t *a)
{
    int sig = sys_int(a[0]);
    if (a[3] != 8 || sig < 1 || sig > SYS_NSIG)
        return -EINVAL;
    uint8_t *old = NULL;
    if (a[2] && !(old = sys_out(ctx, a[2], 24)))
        return -EFAULT;
    emu_sigact prev = ctx->as->sigact[sig];
    if (a[1]) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
        const uint8_t *g = sys_in(ctx, a[1], 24);
        if (!g)
            return -EFAULT;
        emu_sigact n = {sys_get64(g), sys_get64(g + 8), sys_get64(g + 16)};
        ctx->as->sigact[sig] = n;
        if (emu_sig_discarded(ctx, sig))
            ctx->sig.pend &= ~(1ull << (sig - 1));
        emu_sig_host_action(ctx, sig);
    }
    if (old) {
        sys_put64(old, prev.handler);
        sys_put64(old + 8, prev.flags);
        sys_put64(old + 16, prev.mask);
    }
    return 0;
}

int64_t sys_rt_sigprocmask(emu_ctx *ctx, const uint64_t *a)
{
    if (a[3] != 8)
        return -EINVAL;
    uint8_t *old = NULL;
    if (a[2] && !(old = sys_out(ctx, a[2], 8)))
        return -EFAULT;
    uint64_t prev = ctx->sig.mask, m = prev;
    if (a[1]) {
        const uint8_t *g = sys_in(ctx, a[1], 8);
        if (!g)
            return -EFAULT;
        uint64_t set = sys_get64(g);
        switch (a[0]) {
        case 0: m |= set; break;  /* SIG_BLOCK */
        case 1: m &= ~set; break; /* SIG_UNBLOCK */
        case 2: m = set; break;   /* SIG_SETMASK */
        default: return -EINVAL;
        }
        emu_sig_setmask(ctx, m);
    }
    if (old)
        sys_put64(old, prev);
    /* what is unblocked while pending is delivered on the way out (run.c) */
    return 0;
}

int64_t sys_kill(emu_ctx *ctx, const uint64_t *a)
{
    int pid = sys_int(a[0]), sig = sys_int(a[1]);
    if (sig < 0 || sig > SYS_NSIG)
        return -EINVAL;
    if (pid != getpid() && pid != 0)
        return sys_err(kill(pid, sig));
    if (sig == 0)
        return 0;
    /* pending for this thread, or one that does not block it (thread.c);
     * delivered when the call returns, or once unblocked */
    emu_siginfo si = {.code = 0 /* SI_USER */, .pid = (int)getpid(), .uid = (uint32_t)getuid()};
    emu_proc_signal(ctx, sig, &si);
    return 0;
}
