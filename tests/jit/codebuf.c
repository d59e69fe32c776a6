/*
 * codebuf.c - the JIT's code buffer, in both W^X modes (dual memfd
 * views, mprotect toggling): code emitted with x64emit runs and returns
 * the right values; no page is ever writable and executable (checked in
 * /proc/self/maps); a patchable jump is re-pointed while the code stays
 * mapped; a dual buffer maps all of its size at once and keeps no
 * descriptor open, a toggled one grows past its first size; the pages
 * ahead of the code are in memory before it is written there; a flush
 * reuses the space (a fresh one only once less than half is free);
 * calls from translated code reach C helpers; an emitter that overflows
 * the free space commits nothing.  Prints TAP.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "codebuf.h"

typedef long (*fn2)(long, long);

static int n, failed;

static void check(int ok, const char *what, const char *mode)
{
    printf("%s %d - %s: %s\n", ok ? "ok" : "not ok", ++n, mode, what);
    failed |= !ok;
}

/* The permissions of the mapping holding p ("rwxp"), from /proc. */
static int perms(const void *p, char out[5])
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    uintptr_t a = (uintptr_t)p;
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char pr[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, pr) == 3 && a >= lo && a < hi) {
            memcpy(out, pr, 5);
            found = 0;
            break;
        }
    }
    fclose(f);
    return found;
}

/* Never writable and executable at once, anywhere in the buffer. */
static int wx_clean(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return 0;
    char line[512];
    int ok = 1;
    while (fgets(line, sizeof line, f)) {
        char pr[5];
        if (sscanf(line, "%*x-%*x %4s", pr) == 1 && pr[1] == 'w' && pr[2] == 'x')
            ok = 0;
    }
    fclose(f);
    return ok;
}

static long helper(long a, long b)
{
    return a * 1000 + b;
}

static fn2 as_fn(uint64_t x)
{
    fn2 f;
    memcpy(&f, &x, sizeof f);
    return f;
}

/* long f(long a, long b) = a + b, then sum of 1..a with a backward jcc. */
static uint64_t emit_sum(jit_codebuf *c)
{
    x64_asm a;
    jit_codebuf_begin(c, &a);
    x64_mov_rr(&a, 8, X64_RAX, X64_RSI);       /* rax = b */
    x64_alu_rr(&a, X64_ADD, 8, X64_RAX, X64_RDI); /* rax += a */
    uint64_t loop = x64_here(&a);
    x64_test_rr(&a, 8, X64_RDI, X64_RDI);
    size_t done = x64_jcc8(&a, X64_CC_E, x64_here(&a));
    x64_alu_rr(&a, X64_ADD, 8, X64_RAX, X64_RDI);
    x64_alu_ri(&a, X64_SUB, 8, X64_RDI, 1);
    x64_jmp8(&a, loop);
    x64_patch_rel8(&a, done, x64_here(&a));
    x64_ret(&a);
    return jit_codebuf_commit(c, &a);
}

/* True when every page of [p, p + n) is in memory (mincore). */
static int resident(const uint8_t *p, size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uintptr_t lo = (uintptr_t)p & ~(uintptr_t)(page - 1);
    size_t pages = ((uintptr_t)p + n - lo + page - 1) / page;
    unsigned char v[256];
    if (pages > sizeof v || mincore((void *)lo, pages * page, v) != 0)
        return 0;
    for (size_t i = 0; i < pages; i++)
        if (!(v[i] & 1))
            return 0;
    return 1;
}

/* Descriptors open now. */
static int open_fds(void)
{
    int k = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    while (readdir(d))
        k++;
    closedir(d);
    return k;
}

static void run_mode(int mode, const char *name)
{
    jit_codebuf c;
    int fds = open_fds();
    if (jit_codebuf_init(&c, 4096, 8u << 20, mode) != 0) {
        printf("ok %d # SKIP %s: %s\n", ++n, name, strerror(errno));
        return;
    }
    check(mode == JIT_CODEBUF_DUAL ? c.dual && c.w != c.x : !c.dual && c.w == c.x,
          "views as the mode says", name);
    check(open_fds() == fds, "no descriptor left open (the guest's are its own)", name);

    uint64_t f = emit_sum(&c);
    check(f != 0 && as_fn(f)(10, 7) == 17 + 55, "emitted code runs: 10 + 7 + (1..10)", name);
    char pw[5] = "", px[5] = "";
    perms((void *)(uintptr_t)f, px);
    perms(jit_codebuf_wptr(&c, f), pw);
    if (mode == JIT_CODEBUF_DUAL)
        check(strncmp(px, "r-x", 3) == 0 && strncmp(pw, "rw-", 3) == 0,
              "execute view r-x, write view rw-", name);
    else
        check(strncmp(px, "r-x", 3) == 0, "r-x while closed", name);
    jit_codebuf_open(&c);
    if (mode == JIT_CODEBUF_TOGGLE) {
        perms((void *)(uintptr_t)f, px);
        check(strncmp(px, "rw-", 3) == 0, "rw- while open for writing", name);
    }
    check(wx_clean(), "no mapping is writable and executable", name);
    jit_codebuf_close(&c);

    /* chaining: A jumps to ret1, patched to ret2 */
    x64_asm a;
    jit_codebuf_begin(&c, &a);
    uint64_t ret1 = x64_here(&a);
    x64_mov_ri(&a, X64_RAX, 1);
    x64_ret(&a);
    uint64_t ret2 = x64_here(&a);
    x64_mov_ri(&a, X64_RAX, 2);
    x64_ret(&a);
    uint64_t entry = x64_here(&a);
    size_t site = x64_jmp_patchable(&a, ret1);
    uint64_t xsite = a.pc + site;
    uint64_t base = jit_codebuf_commit(&c, &a);
    long before = as_fn(entry)(0, 0);
    jit_codebuf_open(&c);
    int patched = x64_chain_patch(jit_codebuf_wptr(&c, xsite), xsite, ret2);
    jit_codebuf_close(&c);
    check(base != 0 && before == 1 && patched && as_fn(entry)(0, 0) == 2,
          "a patchable jump re-pointed in place", name);

    /* calls into C: by register always, by rel32 when it reaches */
    jit_codebuf_begin(&c, &a);
    uint64_t caller = x64_here(&a);
    uint64_t h = (uint64_t)(uintptr_t)&helper;
    x64_push(&a, X64_RBX); /* keeps rsp 16-byte aligned at the call */
    x64_movabs(&a, X64_RAX, h);
    x64_call_r(&a, X64_RAX);
    x64_mov_rr(&a, 8, X64_RBX, X64_RAX);
    x64_mov_ri(&a, X64_RDI, 4);
    x64_mov_ri(&a, X64_RSI, 5);
    int near = jit_codebuf_reaches(&c, h);
    if (near)
        x64_call32(&a, h);
    else
        x64_call_r(&a, X64_RAX);
    x64_alu_rr(&a, X64_ADD, 8, X64_RAX, X64_RBX);
    x64_pop(&a, X64_RBX);
    x64_ret(&a);
    jit_codebuf_commit(&c, &a);
    check(as_fn(caller)(1, 2) == 1002 + 4005, near ? "calls C by register and by rel32"
                                                   : "calls C by register (rel32 out of reach)",
          name);

    /* growth: 40000 adds and a ret need more than the first page (a
     * dual buffer has all of max from the start) */
    size_t size0 = c.size;
    int grew = jit_codebuf_reserve(&c, 40000 * 4 + 16);
    jit_codebuf_begin(&c, &a);
    uint64_t big = x64_here(&a);
    x64_mov_rr(&a, 8, X64_RAX, X64_RDI);
    for (int i = 0; i < 40000; i++)
        x64_alu_ri(&a, X64_ADD, 8, X64_RAX, 3);
    x64_ret(&a);
    uint64_t got = jit_codebuf_commit(&c, &a);
    check(grew && (c.dual ? size0 == c.max : c.size > size0) && got == big &&
              as_fn(big)(5, 0) == 5 + 120000,
          c.dual ? "all of max mapped at once, and code past the first page runs"
                 : "grows past its first size and the code runs",
          name);

    /* the pages after the code are in memory before any is written */
    jit_codebuf_begin(&c, &a);
    jit_codebuf_commit(&c, &a);
    check(c.size - c.used > JIT_CODEBUF_AHEAD && resident(c.w + c.used, JIT_CODEBUF_AHEAD / 2),
          "the pages ahead of the code are populated before it is written there", name);

    /* overflow: an emitter over too little room commits nothing */
    size_t used = c.used;
    jit_codebuf_begin(&c, &a);
    a.cap = 8; /* pretend the buffer ends here */
    x64_movabs(&a, X64_RAX, 1);
    check(jit_codebuf_commit(&c, &a) == 0 && c.used == used,
          "an overflowed emitter commits nothing", name);

    /* flush: the space is reused and the new code runs */
    jit_codebuf_flush(&c, false);
    uint64_t again = emit_sum(&c);
    check(again == (uint64_t)(uintptr_t)c.x && as_fn(again)(3, 1) == 4 + 6,
          "after a flush new code runs from the start", name);
    check(!jit_codebuf_reserve(&c, c.max), "a request beyond max fails (the caller flushes)",
          name);

    /* a fresh flush (--perf-map): new code after the old, until less
     * than half of the buffer is free; then from the start again */
    uint64_t end = (uint64_t)(uintptr_t)c.x + c.used;
    jit_codebuf_flush(&c, true);
    uint64_t after = emit_sum(&c);
    check(after == end && as_fn(after)(3, 1) == 4 + 6,
          "after a fresh flush new code runs where the old ended", name);
    size_t fill = c.max / 2 - c.used + 1;
    jit_codebuf_reserve(&c, fill);
    jit_codebuf_begin(&c, &a);
    x64_nop(&a, fill);
    jit_codebuf_commit(&c, &a);
    jit_codebuf_flush(&c, true);
    uint64_t wrapped = emit_sum(&c);
    check(c.used < c.max / 2 && wrapped == (uint64_t)(uintptr_t)c.x &&
              as_fn(wrapped)(3, 1) == 4 + 6,
          "a fresh flush with less than half free starts again", name);
    jit_codebuf_free(&c);
}

int main(void)
{
    run_mode(JIT_CODEBUF_DUAL, "dual");
    run_mode(JIT_CODEBUF_TOGGLE, "toggle");
    printf("1..%d\n", n);
    return failed;
}
