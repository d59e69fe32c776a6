/*
 * sys_thread.c - the thread syscalls: clone (threads only: thread.c),
 * exit (this thread) and exit_group (every thread), set_tid_address,
 * gettid, set/get_robust_list and the walk of the robust list at a
 * thread's end, and futex on the host's futexes at the guest word's
 * host address.  Every guest pointer is checked against the guest's page
 * permissions first (-EFAULT, never a host fault); the host kernel then
 * reads the word itself.
 */
#include <linux/futex.h>
#include <string.h>
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

/* struct robust_list_head: list.next, futex_offset, list_op_pending */
#define G_ROBUST_HEAD 24
#define ROBUST_LIMIT 2048 /* ROBUST_LIST_LIMIT: a looped list ends here */

int64_t sys_set_robust_list(emu_ctx *ctx, const uint64_t *a)
{
    if (a[1] != G_ROBUST_HEAD)
        return -EINVAL;
    ctx->robust_head = a[0]; /* read at the thread's end, as the kernel does */
    return 0;
}

/* get_robust_list(tid, &head, &len): this thread's (tid 0 or its own) */
int64_t sys_get_robust_list(emu_ctx *ctx, const uint64_t *a)
{
    int tid = sys_int(a[0]);
    if (tid != 0 && tid != my_tid(ctx))
        return tid < 0 ? -EINVAL : -ESRCH;
    uint64_t len = G_ROBUST_HEAD;
    if (sys_copy_out(ctx, a[1], &ctx->robust_head, 8) != 0 ||
        sys_copy_out(ctx, a[2], &len, 8) != 0)
        return -EFAULT;
    return 0;
}

/* The kernel's handle_futex_death for the futex word at a: if tid owns
 * it, mark it FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and wake one
 * waiter; a pending one nobody owns yet gets its waiter woken. */
static void futex_death(emu_ctx *ctx, uint64_t a, int pi, int pending)
{
    emu_mem *m = &ctx->as->mem;
    if ((a & 3) || !emu_mem_check(m, a, 4, EMU_P_R | EMU_P_W, -1))
        return;
    emu_cache_invalidate(ctx->as, a, 4);
    uint32_t *w = emu_mem_ptr(m, a, 4, EMU_P_W, -1);
    uint32_t v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    for (;;) {
        if (pending && !pi && v == 0) {
            syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
            return;
        }
        if ((v & FUTEX_TID_MASK) != (uint32_t)my_tid(ctx))
            return;
        uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        if (__atomic_compare_exchange_n(w, &v, nv, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
    }
    if (!pi && (v & FUTEX_WAITERS))
        syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* A list pointer: bit 0 marks a priority-inheritance futex */
static int robust_fetch(emu_ctx *ctx, uint64_t a, uint64_t *entry, int *pi)
{
    uint64_t v;
    if (emu_copy_in(&ctx->as->mem, &v, a, 8, -1) != 0)
        return -1;
    *entry = v & ~(uint64_t)1;
    *pi = (int)(v & 1);
    return 0;
}

void emu_robust_exit(emu_ctx *ctx)
{
    uint64_t head = ctx->robust_head, entry, pending;
    int64_t off;
    int pi, ppi;
    ctx->robust_head = 0;
    if (!head || robust_fetch(ctx, head, &entry, &pi) != 0 ||
        emu_copy_in(&ctx->as->mem, &off, head + 8, 8, -1) != 0 ||
        robust_fetch(ctx, head + 16, &pending, &ppi) != 0)
        return;
    for (unsigned limit = ROBUST_LIMIT; entry != head && limit; limit--) {
        uint64_t next;
        int npi;
        /* the next entry first: waking may let another thread free this one */
        int bad = robust_fetch(ctx, entry, &next, &npi);
        if (entry != pending)
            futex_death(ctx, entry + (uint64_t)off, pi, 0);
        if (bad)
            return;
        entry = next;
        pi = npi;
    }
    if (pending)
        futex_death(ctx, pending + (uint64_t)off, ppi, 1);
}
