/*
 * exclusive.c - several harts in one address space (aspace.h): who is
 * running guest code, and the exclusive section in which the block
 * cache, the JIT's code buffer and the memory map may change under
 * nobody's feet (docs/run.md, "Threads").
 *
 * A hart runs guest code only between emu_exec_enter and emu_exec_leave
 * (emu_exec brackets its loop with them and checks in at every block
 * boundary).  emu_exclusive_begin marks the section wanted, kicks every
 * running hart out of the interpreter (and translated code) at its next
 * block end, and waits until none runs; harts in system calls or
 * blocked in the host kernel are not running, so they never hold a
 * flush up.  emu_exclusive_end lets them back in.  Like QEMU's
 * start_exclusive, but nesting on the owning thread, so a syscall that
 * already holds the section (mmap) may flush the cache inside it.
 */
#include "aspace.h"

void emu_aspace_attach(emu_aspace *as, emu_hart *h)
{
    pthread_mutex_lock(&as->lock);
    h->as_next = as->harts;
    as->harts = h;
    as->nharts++;
    pthread_mutex_unlock(&as->lock);
}

void emu_aspace_detach(emu_aspace *as, emu_hart *h)
{
    pthread_mutex_lock(&as->lock);
    for (emu_hart **p = &as->harts; *p; p = &(*p)->as_next)
        if (*p == h) {
            *p = h->as_next;
            as->nharts--;
            break;
        }
    pthread_mutex_unlock(&as->lock);
}

static int owns(const emu_aspace *as)
{
    return as->excl_depth && pthread_equal(as->excl_owner, pthread_self());
}

void emu_exec_enter(emu_hart *h)
{
    emu_aspace *as = h->as;
    pthread_mutex_lock(&as->lock);
    while (as->excl && !owns(as))
        pthread_cond_wait(&as->cond, &as->lock);
    h->running = 1;
    as->nrunning++;
    pthread_mutex_unlock(&as->lock);
}

void emu_exec_leave(emu_hart *h)
{
    emu_aspace *as = h->as;
    pthread_mutex_lock(&as->lock);
    h->running = 0;
    as->nrunning--;
    if (as->excl)
        pthread_cond_broadcast(&as->cond);
    pthread_mutex_unlock(&as->lock);
}

void emu_hart_kick(emu_hart *h)
{
    /* the interpreter chains only while icount stays below chain_limit;
     * translated blocks return after each block today (a chaining JIT
     * must zero its budget here too) */
    __atomic_store_n(&h->chain_limit, 0, __ATOMIC_RELAXED);
}

void emu_exclusive_begin(emu_aspace *as)
{
    pthread_mutex_lock(&as->lock);
    if (owns(as)) {
        as->excl_depth++;
        pthread_mutex_unlock(&as->lock);
        return;
    }
    while (as->excl) /* another thread's section first */
        pthread_cond_wait(&as->cond, &as->lock);
    __atomic_store_n(&as->excl, 1, __ATOMIC_RELEASE);
    as->excl_owner = pthread_self();
    as->excl_depth = 1;
    for (emu_hart *h = as->harts; h; h = h->as_next)
        if (h->running)
            emu_hart_kick(h);
    while (as->nrunning)
        pthread_cond_wait(&as->cond, &as->lock);
    pthread_mutex_unlock(&as->lock);
}

void emu_exclusive_end(emu_aspace *as)
{
    pthread_mutex_lock(&as->lock);
    if (--as->excl_depth == 0) {
        __atomic_store_n(&as->excl, 0, __ATOMIC_RELEASE);
        pthread_cond_broadcast(&as->cond);
    }
    pthread_mutex_unlock(&as->lock);
}

void emu_cache_lock(emu_aspace *as)
{
    pthread_mutex_lock(&as->cache_lock);
}

void emu_cache_unlock(emu_aspace *as)
{
    pthread_mutex_unlock(&as->cache_lock);
}

void emu_cache_flush_sync(emu_aspace *as)
{
    emu_exclusive_begin(as);
    emu_cache_flush(as);
    emu_exclusive_end(as);
}
