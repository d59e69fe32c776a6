/*
 * codebuf.c - the JIT's code buffer (see codebuf.h): reservation near
 * the emulator's code, dual memfd views or mprotect toggling, growth by
 * doubling (toggle), pages populated ahead, flush.
 */
#include "codebuf.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096u

static size_t page_up(size_t n)
{
    return (n + PAGE - 1) & ~(size_t)(PAGE - 1);
}

/* A PROT_NONE range of n bytes, below this code when the host allows it
 * (so that rel32 calls reach the emulator), anywhere otherwise. */
static uint8_t *reserve(size_t n)
{
    uintptr_t text = (uintptr_t)&reserve;
    const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    for (uintptr_t gap = (uintptr_t)64 << 20; gap < ((uintptr_t)1 << 31) - n; gap <<= 1) {
        if (text < gap + n)
            break;
        void *hint = (void *)((text - gap - n) & ~(uintptr_t)(PAGE - 1));
        void *p = mmap(hint, n, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == hint)
            return p;
        if (p != MAP_FAILED) /* an old kernel took the flag as a hint */
            munmap(p, n);
    }
    void *p = mmap(NULL, n, PROT_NONE, flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Commit [from, to) of a toggled buffer. */
static int commit(jit_codebuf *c, size_t from, size_t to)
{
    int prot = c->open ? PROT_READ | PROT_WRITE : PROT_READ | PROT_EXEC;
    return mprotect(c->w + from, to - from, prot);
}

static void unmap(jit_codebuf *c)
{
    if (c->w)
        munmap(c->w, c->max);
    if (c->x && c->x != c->w)
        munmap(c->x, c->max);
    c->w = c->x = NULL;
}

/* Both views of all max bytes at once: the file is sparse, so a page
 * costs only when code is written to it, and the descriptor can go at
 * once (the mappings hold the file), so the guest never sees it and
 * growing needs no call. */
static int init_dual(jit_codebuf *c)
{
    int fd = memfd_create("glyph-jit", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    const int flags = MAP_SHARED | MAP_FIXED | MAP_NORESERVE;
    c->x = reserve(c->max);
    c->w = reserve(c->max);
    int ok = c->x && c->w && ftruncate(fd, (off_t)c->max) == 0 &&
             mmap(c->w, c->max, PROT_READ | PROT_WRITE, flags, fd, 0) != MAP_FAILED &&
             mmap(c->x, c->max, PROT_READ | PROT_EXEC, flags, fd, 0) != MAP_FAILED;
    int e = errno;
    close(fd);
    if (!ok) {
        unmap(c);
        errno = e;
        return -1;
    }
    c->dual = true;
    c->size = c->max;
    return 0;
}

int jit_codebuf_init(jit_codebuf *c, size_t initial, size_t max, int mode)
{
    *c = (jit_codebuf){0};
    c->max = page_up(max);
    initial = page_up(initial ? initial : PAGE);
    if (initial > c->max) {
        errno = EINVAL;
        return -1;
    }
    if (mode != JIT_CODEBUF_TOGGLE && init_dual(c) == 0)
        return 0;
    if (mode == JIT_CODEBUF_DUAL)
        return -1;
    c->w = c->x = reserve(c->max);
    if (!c->w || commit(c, 0, initial) != 0) {
        int e = errno;
        unmap(c);
        errno = e;
        return -1;
    }
    c->size = initial;
    return 0;
}

void jit_codebuf_free(jit_codebuf *c)
{
    unmap(c);
    c->size = c->used = c->ready = 0;
}

bool jit_codebuf_reserve(jit_codebuf *c, size_t n)
{
    if (n > c->max - c->used)
        return false;
    if (c->used + n <= c->size)
        return true;
    size_t want = c->size;
    while (want < c->used + n)
        want *= 2;
    if (want > c->max)
        want = c->max;
    if (commit(c, c->size, want) != 0)
        return false;
    c->size = want;
    return true;
}

void jit_codebuf_open(jit_codebuf *c)
{
    if (!c->dual && !c->open) {
        c->open = true;
        mprotect(c->w, c->size, PROT_READ | PROT_WRITE);
    }
}

void jit_codebuf_close(jit_codebuf *c)
{
    if (!c->dual && c->open) {
        c->open = false;
        mprotect(c->w, c->size, PROT_READ | PROT_EXEC);
    }
    /* x86 keeps instruction fetch coherent with stores; this is a
     * compiler barrier for the code just written. */
    __builtin___clear_cache((char *)c->x, (char *)c->x + c->size);
}

/* The pages after those populated, when the next translation may need
 * one of them (docs/run.md, "Translation and start-up"; a kernel
 * without MADV_POPULATE_WRITE faults them in as before). */
static void ready(jit_codebuf *c)
{
    if (c->used + JIT_CODEBUF_AHEAD / 4 <= c->ready)
        return;
    size_t from = c->ready > c->used ? c->ready : c->used & ~(size_t)(PAGE - 1);
    size_t to = from + JIT_CODEBUF_AHEAD < c->size ? from + JIT_CODEBUF_AHEAD : c->size;
    if (to > from)
        madvise(c->w + from, to - from, MADV_POPULATE_WRITE);
    c->ready = to; /* not again, if it failed */
}

void jit_codebuf_begin(jit_codebuf *c, x64_asm *a)
{
    jit_codebuf_open(c);
    ready(c);
    x64_init(a, c->w + c->used, c->size - c->used, (uint64_t)(uintptr_t)(c->x + c->used));
}

uint64_t jit_codebuf_commit(jit_codebuf *c, x64_asm *a)
{
    uint64_t start = a->pc;
    if (!a->overflow)
        c->used += a->len;
    jit_codebuf_close(c);
    return a->overflow ? 0 : start;
}

void *jit_codebuf_wptr(jit_codebuf *c, uint64_t xaddr)
{
    return c->w + (xaddr - (uint64_t)(uintptr_t)c->x);
}

void jit_codebuf_flush(jit_codebuf *c, bool fresh)
{
    if (!fresh || c->max - c->used < c->max / 2)
        c->used = 0;
}

bool jit_codebuf_reaches(const jit_codebuf *c, uint64_t addr)
{
    uint64_t lo = (uint64_t)(uintptr_t)c->x, hi = lo + c->max;
    uint64_t far = addr > lo ? addr - lo : hi - addr;
    return far < ((uint64_t)1 << 31) - 16;
}
