/*
 * sys_poll.c - waiting on descriptors: ppoll, pselect6, epoll
 * (create1, ctl, pwait, pwait2), eventfd2 and signalfd4.  struct pollfd
 * and fd_set have one layout everywhere and are used in place (checked
 * guest memory); struct epoll_event is 16 bytes for glyph (asm-generic:
 * u32 events, 4 bytes of padding, u64 data) but packed into 12 on
 * x86-64, so it is converted.  Calls that take a signal mask wait under
 * it as Linux does (signal.c: emu_sig_wait_enter).
 */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

#define G_EPOLL_EVENT 16
#define EPOLL_MAX_EVENTS 4096 /* per call: bounds the host buffer */
#define G_O_CLOEXEC 02000000
#define G_O_NONBLOCK 04000


/* The guest sigset for a call (8 bytes, sigsetsize must be 8): 1 and
 * *mask when given, 0 when NULL, or -errno. */
static int mask_in(emu_ctx *ctx, uint64_t ga, uint64_t size, uint64_t *mask)
{
    if (!ga)
        return 0;
    if (size != 8)
        return -EINVAL;
    return sys_copy_in(ctx, mask, ga, 8) != 0 ? -EFAULT : 1;
}

int64_t sys_ppoll(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[1];
    if (n > 1048576) /* RLIMIT_NOFILE's ceiling: EINVAL like Linux */
        return -EINVAL;
    struct pollfd *fds = n ? sys_out(ctx, a[0], n * 8) : NULL;
    if (n && !fds)
        return -EFAULT;
    struct timespec ts, *tp = NULL;
    if (a[2]) {
        int r = sys_timespec_in(ctx, a[2], &ts);
        if (r)
            return r;
        tp = &ts;
    }
    uint64_t mask;
    int hm = mask_in(ctx, a[3], a[4], &mask);
    if (hm < 0)
        return hm;
    int64_t r;
    if (hm) {
        sigset_t cm;
        r = emu_sig_wait_enter(ctx, mask, &cm);
        if (r == 0)
            r = sys_err(ppoll(fds, (nfds_t)n, tp, &cm));
        emu_sig_wait_leave(ctx, r == -EINTR);
    } else {
        r = sys_err(ppoll(fds, (nfds_t)n, tp, NULL));
    }
    if (tp && r != -EFAULT) { /* the time left, as Linux writes it back */
        int64_t v[2] = {ts.tv_sec, ts.tv_nsec};
        sys_copy_out(ctx, a[2], v, 16);
    }
    return r;
}

int64_t sys_pselect6(emu_ctx *ctx, const uint64_t *a)
{
    int n = sys_int(a[0]);
    if (n < 0)
        return -EINVAL;
    if (n > 1048576)
        n = 1048576;
    uint64_t bytes = ((uint64_t)n + 63) / 64 * 8;
    void *set[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++)
        if (a[1 + i] && !(set[i] = sys_out(ctx, a[1 + i], bytes)))
            return -EFAULT;
    struct timespec ts, *tp = NULL;
    if (a[4]) {
        int r = sys_timespec_in(ctx, a[4], &ts);
        if (r)
            return r;
        tp = &ts;
    }
    /* the sixth argument: {const sigset_t *ss; size_t ss_len} */
    uint64_t sm[2] = {0, 0}, mask;
    if (a[5] && sys_copy_in(ctx, sm, a[5], 16) != 0)
        return -EFAULT;
    int hm = mask_in(ctx, sm[0], sm[1], &mask);
    if (hm < 0)
        return hm;
    int64_t r;
    /* the kernel's pselect6: fd_set bitmaps of n bits, used in place */
    if (hm) {
        sigset_t cm;
        r = emu_sig_wait_enter(ctx, mask, &cm);
        if (r == 0) {
            struct { const sigset_t *ss; size_t len; } k = {&cm, 8};
            r = sys_err(syscall(SYS_pselect6, n, set[0], set[1], set[2], tp, &k));
        }
        emu_sig_wait_leave(ctx, r == -EINTR);
    } else {
        r = sys_err(syscall(SYS_pselect6, n, set[0], set[1], set[2], tp, NULL));
    }
    if (tp) {
        int64_t v[2] = {ts.tv_sec, ts.tv_nsec};
        sys_copy_out(ctx, a[4], v, 16);
    }
    return r;
}

int64_t sys_epoll_create1(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    if (a[0] & ~(uint64_t)G_O_CLOEXEC)
        return -EINVAL;
    return sys_err(epoll_create1(a[0] ? EPOLL_CLOEXEC : 0));
}

int64_t sys_epoll_ctl(emu_ctx *ctx, const uint64_t *a)
{
    int op = sys_int(a[1]);
    struct epoll_event ev = {0};
    if (op != EPOLL_CTL_DEL || a[3]) {
        uint8_t g[G_EPOLL_EVENT];
        if (op != EPOLL_CTL_DEL || a[3]) {
            if (sys_copy_in(ctx, g, a[3], sizeof g) != 0)
                return -EFAULT;
            uint32_t e;
            memcpy(&e, g, 4);
            ev.events = e; /* EPOLLIN..EPOLLET: the asm-generic bits are the host's */
            ev.data.u64 = sys_get64(g + 8);
        }
    }
    return sys_err(epoll_ctl(sys_int(a[0]), op, sys_int(a[2]), &ev));
}

/* epoll_pwait and epoll_pwait2: timeout in ms (tsp NULL) or a timespec */
static int64_t epoll_wait_common(emu_ctx *ctx, const uint64_t *a, const struct timespec *tsp,
                                 int ms)
{
    int max = sys_int(a[2]);
    if (max <= 0)
        return -EINVAL;
    if (max > EPOLL_MAX_EVENTS)
        max = EPOLL_MAX_EVENTS;
    uint8_t *g = sys_out(ctx, a[1], (uint64_t)max * G_EPOLL_EVENT);
    if (!g)
        return -EFAULT;
    uint64_t mask;
    int hm = mask_in(ctx, a[4], a[5], &mask);
    if (hm < 0)
        return hm;
    struct epoll_event *ev = calloc((size_t)max, sizeof *ev);
    if (!ev)
        return -ENOMEM;
    sigset_t cm;
    int64_t r = hm ? emu_sig_wait_enter(ctx, mask, &cm) : 0;
    if (r == 0) {
        if (tsp)
            r = sys_err(syscall(SYS_epoll_pwait2, sys_int(a[0]), ev, max, tsp, hm ? &cm : NULL,
                                (size_t)8));
        else
            r = sys_err(epoll_pwait(sys_int(a[0]), ev, max, ms, hm ? &cm : NULL));
    }
    if (hm)
        emu_sig_wait_leave(ctx, r == -EINTR);
    for (int64_t i = 0; i < r; i++) {
        uint8_t *o = g + i * G_EPOLL_EVENT;
        sys_put32(o, ev[i].events);
        sys_put32(o + 4, 0);
        sys_put64(o + 8, ev[i].data.u64);
    }
    free(ev);
    return r;
}

int64_t sys_epoll_pwait(emu_ctx *ctx, const uint64_t *a)
{
    return epoll_wait_common(ctx, a, NULL, sys_int(a[3]));
}

int64_t sys_epoll_pwait2(emu_ctx *ctx, const uint64_t *a)
{
    struct timespec ts;
    if (a[3]) {
        int r = sys_timespec_in(ctx, a[3], &ts);
        if (r)
            return r;
    }
    if (!a[3])
        return epoll_wait_common(ctx, a, NULL, -1);
    return epoll_wait_common(ctx, a, &ts, 0);
}

int64_t sys_eventfd2(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    if (a[1] & ~(uint64_t)(G_O_CLOEXEC | G_O_NONBLOCK | EFD_SEMAPHORE))
        return -EINVAL;
    int fl = (a[1] & G_O_CLOEXEC ? EFD_CLOEXEC : 0) | (a[1] & G_O_NONBLOCK ? EFD_NONBLOCK : 0) |
             (int)(a[1] & EFD_SEMAPHORE);
    return sys_err(eventfd((unsigned)a[0], fl));
}

/* signalfd4(fd, mask, size, flags): the host's signalfd for signals
 * 1-31 (struct signalfd_siginfo has one layout everywhere); the guest
 * blocks them first, as it must on Linux, and the mask mirrors that. */
int64_t sys_signalfd4(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t mask;
    if (a[2] != 8)
        return -EINVAL;
    if (sys_copy_in(ctx, &mask, a[1], 8) != 0)
        return -EFAULT;
    if (a[3] & ~(uint64_t)(G_O_CLOEXEC | G_O_NONBLOCK))
        return -EINVAL;
    sigset_t hs;
    sigemptyset(&hs);
    for (int s = 1; s <= EMU_SIG_NSIG; s++)
        if ((mask >> (s - 1) & 1) && emu_sig_on_host(s))
            sigaddset(&hs, s);
    int fl = (a[3] & G_O_CLOEXEC ? SFD_CLOEXEC : 0) | (a[3] & G_O_NONBLOCK ? SFD_NONBLOCK : 0);
    return sys_err(signalfd(sys_int(a[0]), &hs, fl));
}
