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
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jit/jit.h"
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
int sys_timespec_in(emu_ctx *ctx, uint64_t ga, struct timespec *ts)
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


int64_t sys_clock_gettime(emu_ctx *ctx, const uint64_t *a)
{
    if (!sys_clock_ok(a[0]))
        return -EINVAL;
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) != 0)
        return -errno;
    return put_pair(ctx, a[1], ts.tv_sec, ts.tv_nsec);
}

int64_t sys_clock_getres(emu_ctx *ctx, const uint64_t *a)
{
    if (!sys_clock_ok(a[0]))
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
    int r = sys_timespec_in(ctx, req, &ts);
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
    if (!sys_clock_ok(a[0]))
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
            emu_sig_drop(ctx, sig);
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
    if (as->jit)
        as->jit = emu_jit_renew(as->jit);
}

/* clone(flags, newsp, parent_tid, tls, child_tid), the asm-generic
 * (riscv64) argument order: a new process, or with CLONE_THREAD or
 * CLONE_VM (without CLONE_VFORK) a thread (thread.c checks its flags). */
int64_t sys_clone(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t fl = a[0];
    if ((fl & G_CLONE_THREAD) || ((fl & G_CLONE_VM) && !(fl & G_CLONE_VFORK)))
        return emu_thread_clone(ctx, a[0], a[1], a[2], a[3], a[4]);
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
    emu_proc_fork_lock(ctx);
    pid_t pid = exit_sig == SIGCHLD ? fork()
                                    : (pid_t)syscall(SYS_clone, (unsigned long)exit_sig, 0, 0, 0, 0);
    if (pid != 0)
        emu_proc_fork_unlock(ctx);
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
        emu_proc_after_fork(ctx); /* the forking thread is the only one */
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

/* clone3(args, size): struct clone_args (flags, pidfd, child_tid,
 * parent_tid, exit_signal, stack, stack_size, tls, set_tid,
 * set_tid_size, cgroup; 64 bytes at least, 88 known) as the clone above:
 * the stack is its lowest address and its size, the exit signal a field */
#define CLONE_ARGS_MIN 64
#define CLONE_ARGS_KNOWN 88
int64_t sys_clone3(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t size = a[1], g[CLONE_ARGS_KNOWN / 8] = {0};
    if (size < CLONE_ARGS_MIN || size > EMU_PAGE_SIZE)
        return -EINVAL;
    if (sys_copy_in(ctx, g, a[0], size < sizeof g ? size : sizeof g) != 0)
        return -EFAULT;
    for (uint64_t off = sizeof g; off < size; off++) { /* a newer struct: unknown fields zero */
        uint8_t b;
        if (sys_copy_in(ctx, &b, a[0] + off, 1) != 0)
            return -EFAULT;
        if (b)
            return -E2BIG;
    }
    uint64_t flags = g[0], exit_sig = g[4], stack = g[5], stack_size = g[6];
    if ((flags & G_CSIGNAL) || exit_sig > SYS_NSIG || g[8] || g[9] || g[10] ||
        (!stack != !stack_size) || ((flags & G_CLONE_THREAD) && exit_sig))
        return -EINVAL; /* set_tid and cgroup are not offered */
    uint64_t ca[6] = {flags | exit_sig, stack ? stack + stack_size : 0, g[3], g[7], g[2], 0};
    return sys_clone(ctx, ca);
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
 * (--strace, --trace, --jit/--no-jit, --jit-threshold) and the program's own argv[0]. */
int64_t sys_execve(emu_ctx *ctx, const uint64_t *a)
{
    const char *path = sys_path(ctx, a[0]);
    if (!path)
        return sys_bad(ctx);
    enum { EXTRA = 9 };
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
    char thr[32]; /* --jit-threshold=N, until execve */
    if (got > 0 && emu_is_glyph_exe(hdr, (size_t)got) && access(path, X_OK) == 0) {
        int k = EXTRA;
        argv[--k] = (char *)path;
        argv[--k] = (char *)"--";
        if (argc > 0) {
            argv[--k] = argv[EXTRA];
            argv[--k] = (char *)"--argv0";
        }
        argv[--k] = (char *)(ctx->opt.no_jit ? "--no-jit" : "--jit");
        if (ctx->opt.jit_threshold) { /* the JIT's threshold kept too, when one was set */
            snprintf(thr, sizeof thr, "--jit-threshold=%u", ctx->opt.jit_threshold);
            argv[--k] = thr;
        }
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

/* ---- identity, sessions, priorities, scheduling ---- */

int64_t sys_setpgid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(setpgid(sys_int(a[0]), sys_int(a[1]))); }
int64_t sys_getpgid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(getpgid(sys_int(a[0]))); }
int64_t sys_getsid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(getsid(sys_int(a[0]))); }
int64_t sys_setsid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; (void)a; return sys_err(setsid()); }
/* the raw calls: glibc's wrappers would change every thread of the emulator */
int64_t sys_setuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(syscall(SYS_setuid, (uid_t)a[0])); }
int64_t sys_setgid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(syscall(SYS_setgid, (gid_t)a[0])); }
int64_t sys_setreuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(syscall(SYS_setreuid, (uid_t)a[0], (uid_t)a[1])); }
int64_t sys_setregid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(syscall(SYS_setregid, (gid_t)a[0], (gid_t)a[1])); }
int64_t sys_setresuid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(syscall(SYS_setresuid, (uid_t)a[0], (uid_t)a[1], (uid_t)a[2])); }
int64_t sys_setresgid(emu_ctx *ctx, const uint64_t *a) { (void)ctx; return sys_err(syscall(SYS_setresgid, (gid_t)a[0], (gid_t)a[1], (gid_t)a[2])); }

/* getresuid/getresgid: three u32 */
static int64_t put3(emu_ctx *ctx, const uint64_t *a, unsigned x, unsigned y, unsigned z)
{
    uint32_t v[3] = {x, y, z};
    for (int i = 0; i < 3; i++)
        if (sys_copy_out(ctx, a[i], &v[i], 4) != 0)
            return -EFAULT;
    return 0;
}

int64_t sys_getresuid(emu_ctx *ctx, const uint64_t *a)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) != 0)
        return -errno;
    return put3(ctx, a, r, e, s);
}

int64_t sys_getresgid(emu_ctx *ctx, const uint64_t *a)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) != 0)
        return -errno;
    return put3(ctx, a, r, e, s);
}

int64_t sys_getgroups(emu_ctx *ctx, const uint64_t *a)
{
    int n = sys_int(a[0]);
    if (n < 0 || n > 65536)
        return -EINVAL;
    gid_t *g = calloc(n ? (size_t)n : 1, sizeof *g);
    if (!g)
        return -ENOMEM;
    int got = getgroups(n, n ? g : NULL);
    if (got < 0) {
        free(g);
        return -errno;
    }
    for (int i = 0; n && i < got; i++) {
        uint32_t v = g[i];
        if (sys_copy_out(ctx, a[1] + 4 * (uint64_t)i, &v, 4) != 0) {
            free(g);
            return -EFAULT;
        }
    }
    free(g);
    return got;
}

/* times(buf): struct tms, four longs (clock ticks); the result in ticks */
int64_t sys_times(emu_ctx *ctx, const uint64_t *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (a[0]) {
        int64_t v[4] = {t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime};
        if (sys_copy_out(ctx, a[0], v, sizeof v) != 0)
            return -EFAULT;
    }
    return r;
}

int64_t sys_getpriority(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    /* the kernel's convention: 20 - nice, never negative */
    return sys_err(syscall(SYS_getpriority, sys_int(a[0]), (id_t)a[1]));
}

int64_t sys_setpriority(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(setpriority((__priority_which_t)sys_int(a[0]), (id_t)a[1], sys_int(a[2])));
}

static int own_pid(uint64_t v) { int p = sys_int(v); return p == 0 || p == (int)getpid(); }

/* CPU masks: a byte string of the size the guest gives, the host's bits */
int64_t sys_sched_getaffinity(emu_ctx *ctx, const uint64_t *a)
{
    if (a[1] < 8 || (a[1] & 7))
        return -EINVAL;
    uint64_t n = a[1] > sizeof(cpu_set_t) ? sizeof(cpu_set_t) : a[1];
    if (!sys_out(ctx, a[2], n))
        return -EFAULT;
    cpu_set_t set;
    long r = syscall(SYS_sched_getaffinity, own_pid(a[0]) ? 0 : sys_int(a[0]), n, &set);
    if (r < 0)
        return -errno;
    sys_copy_out(ctx, a[2], &set, (size_t)r);
    return r;
}

int64_t sys_sched_setaffinity(emu_ctx *ctx, const uint64_t *a)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    uint64_t n = a[1] > sizeof set ? sizeof set : a[1];
    if (sys_copy_in(ctx, &set, a[2], (size_t)n) != 0)
        return -EFAULT;
    return sys_err(sched_setaffinity(own_pid(a[0]) ? 0 : sys_int(a[0]), sizeof set, &set));
}

int64_t sys_sched_getscheduler(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(sched_getscheduler(sys_int(a[0]))); /* SCHED_* numbers are the same */
}

int64_t sys_sched_getparam(emu_ctx *ctx, const uint64_t *a)
{
    struct sched_param p;
    if (sched_getparam(sys_int(a[0]), &p) != 0)
        return -errno;
    uint32_t v = (uint32_t)p.sched_priority;
    return sys_copy_out(ctx, a[1], &v, 4);
}

int64_t sys_sched_get_priority_max(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(sched_get_priority_max(sys_int(a[0])));
}

int64_t sys_sched_get_priority_min(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(sched_get_priority_min(sys_int(a[0])));
}

/* getcpu(cpu, node, cache): two optional u32 */
int64_t sys_getcpu(emu_ctx *ctx, const uint64_t *a)
{
    unsigned cpu = 0, node = 0;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0)
        return -errno;
    if (a[0] && sys_copy_out(ctx, a[0], &cpu, 4) != 0)
        return -EFAULT;
    if (a[1] && sys_copy_out(ctx, a[1], &node, 4) != 0)
        return -EFAULT;
    return 0;
}

/* personality(p): the Linux personality (0) is the only one; 0xffffffff queries */
int64_t sys_personality(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    uint32_t p = (uint32_t)a[0];
    if (p != 0xffffffffu && (p & 0xff) != 0)
        return -EINVAL;
    return 0;
}

/* struct sysinfo, asm-generic 64-bit: 112 bytes */
int64_t sys_sysinfo(emu_ctx *ctx, const uint64_t *a)
{
    uint8_t *g = sys_out(ctx, a[0], 112);
    if (!g)
        return -EFAULT;
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        return -errno;
    memset(g, 0, 112);
    sys_put64(g + 0, (uint64_t)si.uptime);
    for (int i = 0; i < 3; i++)
        sys_put64(g + 8 + 8 * i, si.loads[i]);
    sys_put64(g + 32, si.totalram);
    sys_put64(g + 40, si.freeram);
    sys_put64(g + 48, si.sharedram);
    sys_put64(g + 56, si.bufferram);
    sys_put64(g + 64, si.totalswap);
    sys_put64(g + 72, si.freeswap);
    memcpy(g + 80, &si.procs, 2);
    sys_put64(g + 88, si.totalhigh);
    sys_put64(g + 96, si.freehigh);
    sys_put32(g + 104, si.mem_unit);
    return 0;
}

/* prctl: the process-level basics; others -EINVAL */
#define G_PR_SET_PDEATHSIG 1
#define G_PR_GET_PDEATHSIG 2
#define G_PR_GET_DUMPABLE 3
#define G_PR_SET_DUMPABLE 4
#define G_PR_SET_NAME 15
#define G_PR_GET_NAME 16
#define G_PR_SET_NO_NEW_PRIVS 38
#define G_PR_GET_NO_NEW_PRIVS 39
#define G_PR_SET_CHILD_SUBREAPER 36
#define G_PR_GET_CHILD_SUBREAPER 37

int64_t sys_prctl(emu_ctx *ctx, const uint64_t *a)
{
    int opt = sys_int(a[0]);
    switch (opt) {
    case G_PR_SET_PDEATHSIG:
        if (a[1] > SYS_NSIG)
            return -EINVAL;
        return sys_err(prctl(PR_SET_PDEATHSIG, (unsigned long)a[1]));
    case G_PR_GET_PDEATHSIG: {
        int s = 0;
        if (prctl(PR_GET_PDEATHSIG, &s) != 0)
            return -errno;
        uint32_t v = (uint32_t)s;
        return sys_copy_out(ctx, a[1], &v, 4);
    }
    case G_PR_GET_DUMPABLE: case G_PR_GET_NO_NEW_PRIVS:
        return sys_err(prctl(opt, 0, 0, 0, 0));
    case G_PR_SET_DUMPABLE: case G_PR_SET_NO_NEW_PRIVS: case G_PR_SET_CHILD_SUBREAPER:
        return sys_err(prctl(opt, (unsigned long)a[1], 0, 0, 0));
    case G_PR_GET_CHILD_SUBREAPER: {
        int s = 0;
        if (prctl(PR_GET_CHILD_SUBREAPER, &s) != 0)
            return -errno;
        uint32_t v = (uint32_t)s;
        return sys_copy_out(ctx, a[1], &v, 4);
    }
    case G_PR_SET_NAME: { /* 16 bytes, NUL-terminated by the kernel */
        char name[16];
        long n = emu_mem_strlen(&ctx->as->mem, a[1], 15);
        if (n < 0 && !sys_in(ctx, a[1], 16))
            return -EFAULT;
        if (n < 0)
            n = 15;
        if (sys_copy_in(ctx, name, a[1], (size_t)n) != 0)
            return -EFAULT;
        name[n] = 0;
        return sys_err(prctl(PR_SET_NAME, name, 0, 0, 0));
    }
    case G_PR_GET_NAME: {
        char name[16] = {0};
        if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0)
            return -errno;
        return sys_copy_out(ctx, a[1], name, 16);
    }
    }
    return -EINVAL;
}
