/*
 * sys_thread.c - the thread syscalls: clone (threads only: thread.c),
 * exit (this thread) and exit_group (every thread), set_tid_address,
 * gettid, and futex on the host's futexes at the guest word's host
 * address.  Every guest pointer is checked against the guest's page
 * permissions first (-EFAULT, never a host fault); the host kernel then
 * reads the word itself.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

int64_t sys_exit(emu_ctx *ctx, const uint64_t *a)
{
    ctx->exited = 1;
    ctx->thread_exit = 1;
    ctx->exit_status = (int)(a[0] & 0xff);
    return 0;
}

int64_t sys_exit_group(emu_ctx *ctx, const uint64_t *a)
{
    sys_exit(ctx, a);
    ctx->thread_exit = 0;
    return 0;
}

static int my_tid(const emu_ctx *ctx)
{
    return ctx->tid ? ctx->tid : (int)getpid();
}

int64_t sys_gettid(emu_ctx *ctx, const uint64_t *a)
{
    (void)a;
    return my_tid(ctx);
}

int64_t sys_set_tid_address(emu_ctx *ctx, const uint64_t *a)
{
    ctx->clear_tid = a[0];
    return my_tid(ctx);
}

/* A futex word: 4-byte aligned, readable (writable for FUTEX_WAKE_OP,
 * whose cached pages are flushed first); its host address or NULL with
 * *err set. */
static uint32_t *futex_word(emu_ctx *ctx, uint64_t a, int write, int64_t *err)
{
    if (a & 3) {
        *err = -EINVAL;
        return NULL;
    }
    void *p = write ? sys_out(ctx, a, 4) : (void *)(uintptr_t)sys_in(ctx, a, 4);
    if (!p)
        *err = -EFAULT;
    return p;
}

/* struct timespec: two i64 (asm-generic), validated */
static int64_t timespec_in(emu_ctx *ctx, uint64_t a, struct timespec *ts)
{
    int64_t g[2];
    if (sys_copy_in(ctx, g, a, sizeof g) != 0)
        return -EFAULT;
    if (g[0] < 0 || g[1] < 0 || g[1] >= 1000000000)
        return -EINVAL;
    ts->tv_sec = g[0];
    ts->tv_nsec = g[1];
    return 0;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3): the operation
 * and its flags (FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME) have the
 * same values everywhere and go to the host as they are */
int64_t sys_futex(emu_ctx *ctx, const uint64_t *a)
{
    int op = sys_int(a[1]);
    int cmd = op & FUTEX_CMD_MASK;
    uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
    int64_t err = 0;
    uint32_t *w = futex_word(ctx, a[0], cmd == FUTEX_WAKE_OP, &err);
    if (!w)
        return err;
    long r;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        /* FUTEX_WAIT: relative; FUTEX_WAIT_BITSET: absolute */
        struct timespec ts, *tp = NULL;
        if (a[3]) {
            if ((err = timespec_in(ctx, a[3], &ts)) != 0)
                return err;
            tp = &ts;
        }
        if (cmd == FUTEX_WAIT_BITSET && val3 == 0)
            return -EINVAL;
        r = syscall(SYS_futex, w, op, val, tp, NULL, val3);
        break;
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        if (cmd == FUTEX_WAKE_BITSET && val3 == 0)
            return -EINVAL;
        r = syscall(SYS_futex, w, op, val, NULL, NULL, val3);
        break;
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP: {
        /* the timeout argument is the second count, val2 */
        uint32_t *w2 = futex_word(ctx, a[4], cmd == FUTEX_WAKE_OP, &err);
        if (!w2)
            return err;
        r = syscall(SYS_futex, w, op, val, (void *)(uintptr_t)(uint32_t)a[3], w2, val3);
        break;
    }
    default: /* priority-inheritance and FUTEX_WAIT_REQUEUE_PI ops */
        return -ENOSYS;
    }
    return r < 0 ? -errno : r;
}
