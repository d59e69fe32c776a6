/*
 * sys_proc.c - process, time, identity, limits, randomness and signal
 * syscalls.  A process clone (fork, vfork) is a host fork of the whole
 * emulator; execve of a glyph executable starts a new glyph-run on it
 * (/proc/self/exe), of anything else the host program; wait4/waitid
 * report the host's statuses, which are the guest's because a guest
 * killed by a signal ends its emulator by that signal (main.c).  Dispositions and masks are kept here and in signal.c,
 * which delivers signals (guest handlers, default actions) and mirrors
 * dispositions and masks to the host: an ignored SIGPIPE turns into
 * EPIPE as the program expects, a host signal the guest handles is
 * caught and queued.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jit/jit.h"
#include "sys.h"

#define G_RLIMIT_STACK 3
#define G_RLIM_NLIMITS 16
#define STACK_LIMIT ((uint64_t)8 << 20)

int64_t sys_exit(emu_ctx *ctx, const uint64_t *a)
{
    ctx->exited = 1;
    ctx->exit_status = (int)(a[0] & 0xff);
    return 0;
}

int64_t sys_exit_group(emu_ctx *ctx, const uint64_t *a)
{
    return sys_exit(ctx, a);
}

int64_t sys_getpid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getpid(); }
int64_t sys_getppid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getppid(); }
int64_t sys_gettid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getpid(); }
int64_t sys_getuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getuid(); }
int64_t sys_geteuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return geteuid(); }
int64_t sys_getgid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getgid(); }
int64_t sys_getegid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getegid(); }
int64_t sys_set_tid_address(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return getpid(); }
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
static void put_rusage(uint8_t *g, const struct rusage *ru)
{
    const long rest[14] = {ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss,
                           ru->ru_minflt, ru->ru_majflt, ru->ru_nswap, ru->ru_inblock,
                           ru->ru_oublock, ru->ru_msgsnd, ru->ru_msgrcv, ru->ru_nsignals,
                           ru->ru_nvcsw, ru->ru_nivcsw};
    sys_put64(g, (uint64_t)ru->ru_utime.tv_sec);
    sys_put64(g + 8, (uint64_t)ru->ru_utime.tv_usec);
    sys_put64(g + 16, (uint64_t)ru->ru_stime.tv_sec);
    sys_put64(g + 24, (uint64_t)ru->ru_stime.tv_usec);
    for (int i = 0; i < 14; i++)
        sys_put64(g + 32 + 8 * i, (uint64_t)rest[i]);
}

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
    put_rusage(g, &ru);
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
    /* pending for the (one) thread; delivered when the call returns,
     * or once unblocked */
    emu_siginfo si = {.code = 0 /* SI_USER */, .pid = (int)getpid(), .uid = (uint32_t)getuid()};
    emu_sig_raise(ctx, sig, &si);
    return 0;
}

/* ---- processes ---- */

/* clone flags (asm-generic values are the host's) */
#define G_CSIGNAL 0xff
#define G_CLONE_VM 0x100
#define G_CLONE_FS 0x200
#define G_CLONE_FILES 0x400
#define G_CLONE_SIGHAND 0x800
#define G_CLONE_PIDFD 0x1000
#define G_CLONE_VFORK 0x4000
#define G_CLONE_PARENT 0x8000
#define G_CLONE_THREAD 0x10000
#define G_CLONE_SETTLS 0x80000
#define G_CLONE_PARENT_SETTID 0x100000
#define G_CLONE_CHILD_CLEARTID 0x200000
#define G_CLONE_CHILD_SETTID 0x1000000

/* In a forked child: its own code buffer (the parent's is a shared
 * memfd both would write) and no blocks of the parent's. */
static void child_after_fork(emu_ctx *ctx)
{
    emu_aspace *as = ctx->as;
    emu_cache_flush(as);
    if (as->jit) {
        emu_jit_free(as->jit);
        as->jit = emu_jit_new(); /* NULL: the child interprets */
    }
}

/* clone(flags, newsp, parent_tid, tls, child_tid): a new process.
 * Threads (CLONE_VM without CLONE_VFORK, CLONE_THREAD) are not made here. */
int64_t sys_clone(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t fl = a[0];
    if ((fl & G_CLONE_THREAD) || ((fl & G_CLONE_VM) && !(fl & G_CLONE_VFORK)))
        return -ENOSYS; /* a thread: not supported by this process clone */
    /* a copy of the emulator shares nothing else with its parent */
    if (fl & (G_CLONE_FS | G_CLONE_FILES | G_CLONE_SIGHAND | G_CLONE_PIDFD | G_CLONE_PARENT))
        return -EINVAL;
    int exit_sig = (int)(fl & G_CSIGNAL);
    if (exit_sig > SYS_NSIG)
        return -EINVAL;
    uint8_t *ptid = NULL;
    if ((fl & G_CLONE_PARENT_SETTID) && !(ptid = sys_out(ctx, a[2], 4)))
        return -EFAULT;
    /* vfork: the parent waits until the child has exec'd or exited, told
     * by the end of a close-on-exec pipe kept far above the guest's fds */
    int vp[2] = {-1, -1};
    if ((fl & G_CLONE_VFORK) && pipe2(vp, O_CLOEXEC) == 0) {
        struct rlimit rl;
        int top = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 128 && rl.rlim_cur < 65536
                  ? (int)rl.rlim_cur - 48 : 64;
        int hi = fcntl(vp[1], F_DUPFD_CLOEXEC, top);
        if (hi >= 0) {
            close(vp[1]);
            vp[1] = hi;
        }
    }
    fflush(stdout);
    fflush(ctx->log);
    pid_t pid = exit_sig == SIGCHLD ? fork()
                                    : (pid_t)syscall(SYS_clone, (unsigned long)exit_sig, 0, 0, 0, 0);
    if (pid < 0) {
        int e = errno;
        if (vp[0] >= 0) {
            close(vp[0]);
            close(vp[1]);
        }
        return -e;
    }
    if (pid == 0) {
        if (vp[0] >= 0)
            close(vp[0]);
        child_after_fork(ctx);
        if (a[1])
            ctx->hart->r[EMU_REG_SP] = a[1];
        if (fl & G_CLONE_CHILD_SETTID) {
            uint32_t me = (uint32_t)getpid();
            sys_copy_out(ctx, a[4], &me, 4);
        }
        return 0;
    }
    if (vp[0] >= 0) {
        char c;
        close(vp[1]);
        while (read(vp[0], &c, 1) < 0 && errno == EINTR)
            ;
        close(vp[0]);
    }
    if (ptid)
        sys_put32(ptid, (uint32_t)pid);
    return pid;
}

#define ARG_MAX_STR (128 * 1024) /* MAX_ARG_STRLEN */
#define ARG_MAX_N 65536

/* A guest NULL-terminated vector of strings as a host one (NULL entries
 * appended at *extra before it, for the emulator's own arguments):
 * *out or -EFAULT / -E2BIG.  A NULL vector is empty, as Linux takes it. */
static int64_t str_vec(emu_ctx *ctx, uint64_t ga, int extra, char ***out, int *n_out)
{
    int n = 0;
    while (ga) {
        uint64_t p;
        if (sys_copy_in(ctx, &p, ga + 8 * (uint64_t)n, 8) != 0)
            return -EFAULT;
        if (!p)
            break;
        if (++n > ARG_MAX_N)
            return -E2BIG;
    }
    char **v = calloc((size_t)(n + extra + 1), sizeof *v);
    if (!v)
        return -ENOMEM;
    for (int i = 0; i < n; i++) {
        uint64_t p;
        sys_copy_in(ctx, &p, ga + 8 * (uint64_t)i, 8);
        long len = emu_mem_strlen(&ctx->as->mem, p, ARG_MAX_STR);
        const char *str = len < 0 ? NULL : sys_in(ctx, p, (uint64_t)len + 1);
        if (!str) {
            free(v);
            return len < 0 && sys_in(ctx, p, 1) ? -E2BIG : -EFAULT;
        }
        v[extra + i] = (char *)str;
    }
    *out = v;
    *n_out = n;
    return 0;
}

/* execve(path, argv, envp).  A glyph executable runs in a new glyph-run
 * with the options that describe how to run rather than what happened
 * (--strace, --trace, --jit/--no-jit) and the program's own argv[0]. */
int64_t sys_execve(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[0]);
    if (!path)
        return sys_bad(ctx);
    enum { EXTRA = 8 };
    char **argv = NULL, **envp = NULL;
    int argc = 0, envc = 0;
    int64_t r = str_vec(ctx, a[1], EXTRA, &argv, &argc);
    if (r == 0)
        r = str_vec(ctx, a[2], 0, &envp, &envc);
    if (r != 0) {
        free(argv);
        return r;
    }
    /* /proc/self/exe is the guest program, not the emulator */
    if (strcmp(path, "/proc/self/exe") == 0 && ctx->exe_path)
        path = ctx->exe_path;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    uint8_t hdr[20];
    ssize_t got = fd >= 0 ? read(fd, hdr, sizeof hdr) : -1;
    if (fd >= 0)
        close(fd);
    char **hargv = argv + EXTRA;
    const char *run = path;
    if (got > 0 && emu_is_glyph_exe(hdr, (size_t)got) && access(path, X_OK) == 0) {
        int k = EXTRA;
        argv[--k] = (char *)path;
        argv[--k] = (char *)"--";
        if (argc > 0) {
            argv[--k] = argv[EXTRA];
            argv[--k] = (char *)"--argv0";
        }
        argv[--k] = (char *)(ctx->opt.no_jit ? "--no-jit" : "--jit");
        if (ctx->opt.trace)
            argv[--k] = (char *)"--trace";
        if (ctx->opt.strace)
            argv[--k] = (char *)"--strace";
        argv[--k] = (char *)EMU_NAME;
        hargv = argv + k;
        /* the path after "--" replaces the program's argv[0] */
        if (argc > 0)
            memmove(&argv[EXTRA], &argv[EXTRA + 1], (size_t)argc * sizeof *argv);
        run = "/proc/self/exe";
    }
    fflush(stdout);
    fflush(ctx->log);
    execve(run, hargv, envp);
    r = -errno;
    free(argv);
    free(envp);
    return r;
}

/* wait options: the asm-generic values are the host's */
#define WAIT_OPTS (WNOHANG | WUNTRACED | WCONTINUED | WEXITED | WNOWAIT | __WNOTHREAD | \
                   __WALL | __WCLONE)

int64_t sys_wait4(emu_ctx *ctx, const uint64_t *a)
{
    if (a[2] & ~(uint64_t)(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
        return -EINVAL;
    uint8_t *st = NULL, *ru = NULL;
    if (a[1] && !(st = sys_out(ctx, a[1], 4)))
        return -EFAULT;
    if (a[3] && !(ru = sys_out(ctx, a[3], 144)))
        return -EFAULT;
    int status = 0;
    struct rusage hru;
    memset(&hru, 0, sizeof hru);
    pid_t r = wait4((pid_t)sys_int(a[0]), &status, (int)a[2], &hru);
    if (r < 0)
        return -errno;
    if (r > 0 && st)
        sys_put32(st, (uint32_t)status); /* wait status words are the same on every Linux */
    if (r > 0 && ru)
        put_rusage(ru, &hru);
    return r;
}

/* waitid(idtype, id, infop, options, rusage): the SIGCHLD siginfo,
 * asm-generic layout: signo, errno, code, then pid, uid, status at 16. */
int64_t sys_waitid(emu_ctx *ctx, const uint64_t *a)
{
    int idtype = sys_int(a[0]);
    if (idtype < P_ALL || idtype > 3 /* P_PIDFD */ || (a[3] & ~(uint64_t)WAIT_OPTS))
        return -EINVAL;
    uint8_t *gi = NULL, *ru = NULL;
    if (a[2] && !(gi = sys_out(ctx, a[2], 128)))
        return -EFAULT;
    if (a[4] && !(ru = sys_out(ctx, a[4], 144)))
        return -EFAULT;
    siginfo_t si;
    struct rusage hru;
    memset(&si, 0, sizeof si);
    memset(&hru, 0, sizeof hru);
    if (syscall(SYS_waitid, idtype, (id_t)a[1], &si, (int)a[3], &hru) != 0)
        return -errno;
    if (gi) {
        memset(gi, 0, 128);
        sys_put32(gi, (uint32_t)si.si_signo);
        sys_put32(gi + 4, (uint32_t)si.si_errno);
        sys_put32(gi + 8, (uint32_t)si.si_code);
        sys_put32(gi + 16, (uint32_t)si.si_pid);
        sys_put32(gi + 20, (uint32_t)si.si_uid);
        sys_put32(gi + 24, (uint32_t)si.si_status);
    }
    if (ru)
        put_rusage(ru, &hru);
    return 0;
}
