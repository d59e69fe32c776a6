/*
 * sys_time.c - POSIX timers (timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete), timerfd (create, settime, gettime) and
 * clock_settime.  Timers are the host kernel's, so their ids and
 * descriptors are the host's; struct itimerspec (two timespecs of two
 * i64) and struct sigevent (sigval, signo, notify: the first 16 bytes of
 * 64) are converted explicitly.  A timer's signal is a host signal, which
 * reaches the guest like any other (signal.c), so it must be one the
 * host has under the same number (emu_sig_on_host: 1-31, 34-63).
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

#define G_SIGEV_SIGNAL 0
#define G_SIGEV_NONE 1
#define G_TFD_CLOEXEC 02000000
#define G_TFD_NONBLOCK 04000

/* struct itimerspec: interval, then value; 0, -EFAULT or -EINVAL */
static int its_in(emu_ctx *ctx, uint64_t ga, struct itimerspec *its)
{
    int r = sys_timespec_in(ctx, ga, &its->it_interval);
    return r ? r : sys_timespec_in(ctx, ga + 16, &its->it_value);
}

static int its_out(emu_ctx *ctx, uint64_t ga, const struct itimerspec *its)
{
    int64_t v[4] = {its->it_interval.tv_sec, its->it_interval.tv_nsec, its->it_value.tv_sec,
                    its->it_value.tv_nsec};
    return sys_copy_out(ctx, ga, v, sizeof v);
}

int64_t sys_timer_create(emu_ctx *ctx, const uint64_t *a)
{
    if (!sys_clock_ok(a[0]))
        return -EINVAL;
    if (!sys_out(ctx, a[2], 4))
        return -EFAULT;
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    if (a[1]) {
        uint8_t g[16];
        if (sys_copy_in(ctx, g, a[1], sizeof g) != 0)
            return -EFAULT;
        int32_t signo, notify;
        memcpy(&signo, g + 8, 4);
        memcpy(&notify, g + 12, 4);
        if (notify == G_SIGEV_SIGNAL) {
            if (!emu_sig_on_host(signo))
                return -EINVAL;
            ev.sigev_notify = SIGEV_SIGNAL;
            ev.sigev_signo = signo;
            ev.sigev_value.sival_ptr = (void *)(uintptr_t)sys_get64(g);
        } else if (notify == G_SIGEV_NONE) {
            ev.sigev_notify = SIGEV_NONE;
        } else {
            return -EINVAL; /* SIGEV_THREAD_ID: a thread of the host's */
        }
    } else {
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = SIGALRM;
    }
    int id;
    /* the kernel's call: its ids are small ints, glibc's timer_t is not */
    if (syscall(SYS_timer_create, (clockid_t)a[0], &ev, &id) != 0)
        return -errno;
    uint32_t g = (uint32_t)id;
    sys_copy_out(ctx, a[2], &g, 4);
    return 0;
}

int64_t sys_timer_settime(emu_ctx *ctx, const uint64_t *a)
{
    struct itimerspec n, o;
    int r = its_in(ctx, a[2], &n);
    if (r)
        return r;
    if (a[3] && !sys_out(ctx, a[3], 32))
        return -EFAULT;
    if (syscall(SYS_timer_settime, sys_int(a[0]), (int)(a[1] & TIMER_ABSTIME), &n, &o) != 0)
        return -errno;
    return a[3] ? its_out(ctx, a[3], &o) : 0;
}

int64_t sys_timer_gettime(emu_ctx *ctx, const uint64_t *a)
{
    struct itimerspec c;
    if (!sys_out(ctx, a[1], 32))
        return -EFAULT;
    if (syscall(SYS_timer_gettime, sys_int(a[0]), &c) != 0)
        return -errno;
    return its_out(ctx, a[1], &c);
}

int64_t sys_timer_getoverrun(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(syscall(SYS_timer_getoverrun, sys_int(a[0])));
}

int64_t sys_timer_delete(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(syscall(SYS_timer_delete, sys_int(a[0])));
}

int64_t sys_timerfd_create(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    if (a[1] & ~(uint64_t)(G_TFD_CLOEXEC | G_TFD_NONBLOCK))
        return -EINVAL;
    int fl = (a[1] & G_TFD_CLOEXEC ? TFD_CLOEXEC : 0) | (a[1] & G_TFD_NONBLOCK ? TFD_NONBLOCK : 0);
    return sys_err(timerfd_create(sys_int(a[0]), fl));
}

int64_t sys_timerfd_settime(emu_ctx *ctx, const uint64_t *a)
{
    if (a[1] & ~(uint64_t)(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
        return -EINVAL;
    struct itimerspec n, o;
    int r = its_in(ctx, a[2], &n);
    if (r)
        return r;
    if (a[3] && !sys_out(ctx, a[3], 32))
        return -EFAULT;
    if (timerfd_settime(sys_int(a[0]), (int)a[1], &n, &o) != 0)
        return -errno;
    return a[3] ? its_out(ctx, a[3], &o) : 0;
}

int64_t sys_timerfd_gettime(emu_ctx *ctx, const uint64_t *a)
{
    struct itimerspec c;
    if (!sys_out(ctx, a[1], 32))
        return -EFAULT;
    if (timerfd_gettime(sys_int(a[0]), &c) != 0)
        return -errno;
    return its_out(ctx, a[1], &c);
}

int64_t sys_clock_settime(emu_ctx *ctx, const uint64_t *a)
{
    if (!sys_clock_ok(a[0]))
        return -EINVAL;
    struct timespec ts;
    int r = sys_timespec_in(ctx, a[1], &ts);
    if (r)
        return r;
    return sys_err(clock_settime((clockid_t)a[0], &ts));
}
