/*
 * jit.c - translated blocks in the run loop (jit.h): translation on a
 * block's first run, the call into its code, its exits and traps turned
 * into what the interpreter would have left, the fault side table the
 * host-fault handler consults, and the counters of --stats.
 *
 * Each translation is a function over the hart (translate.h) that runs
 * one block and returns; chaining translated blocks to each other comes
 * next (docs/run.md, "JIT design").  Harts share the translations:
 * translating takes the address space's cache lock, and flushes happen
 * only in an exclusive section, when no hart runs translated code.
 */
#include "jit.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

#include "aspace.h"
#include "codebuf.h"
#include "translate.h"

/* A translation: its code and where each uop's code starts. */
typedef struct jit_tb {
    unsigned (*fn)(uint64_t *state, uint8_t *mem, uint64_t *fault);
    struct jit_tb *next;             /* all translations, freed at a flush */
    uint32_t end;                    /* uop_at[end]: the end of the body */
    uint32_t uop_at[EMU_BLOCK_MAX + 1];
} jit_tb;

struct emu_jit {
    jit_codebuf cb;
    jit_tb *all;
    emu_jit_stats st;
};

/* b->jit of a block that is not translatable: interpret it */
static char not_translatable;
#define JIT_NO ((void *)&not_translatable)

/* counters are bumped by every hart */
#define COUNT(j, field, n) __atomic_fetch_add(&(j)->st.field, (n), __ATOMIC_RELAXED)

#define CODE_INITIAL (256u << 10)
#define CODE_MAX (64u << 20)
#define CODE_PER_UOP 96 /* room asked for before emitting; retried larger */

emu_jit *emu_jit_new(void)
{
    emu_jit *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    if (jit_codebuf_init(&j->cb, CODE_INITIAL, CODE_MAX, JIT_CODEBUF_AUTO) != 0) {
        int e = errno;
        free(j);
        errno = e;
        return NULL;
    }
    return j;
}

void emu_jit_flush(emu_jit *j)
{
    while (j->all) {
        jit_tb *t = j->all;
        j->all = t->next;
        free(t);
    }
    jit_codebuf_flush(&j->cb);
    j->st.flushes++;
}

void emu_jit_free(emu_jit *j)
{
    if (!j)
        return;
    emu_jit_flush(j);
    jit_codebuf_free(&j->cb);
    free(j);
}

const emu_jit_stats *emu_jit_stats_of(const emu_jit *j)
{
    return &j->st;
}

/* Translate b, or NULL when it has a uop outside the subset or the code
 * buffer is full (then the whole cache is flushed at the next lookup). */
static jit_tb *translate(emu_jit *j, emu_aspace *as, emu_block *b)
{
    if (b->nuops == 0 || b->u[b->nuops - 1].op != EMU_UOP_NEXT)
        return NULL;
    /* every uop before the block's end uop must be in the subset */
    for (unsigned k = 0; k + 1 < b->nuops; k++)
        if (!jit_supported(b->u[k].op))
            return NULL;
    jit_tb *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    size_t room = 256 + (size_t)b->nuops * CODE_PER_UOP;
    for (int tries = 0; tries < 3; tries++, room *= 4) {
        if (!jit_codebuf_reserve(&j->cb, room)) {
            __atomic_store_n(&as->flush_pending, 1, __ATOMIC_RELAXED);
            break;
        }
        x64_asm a;
        jit_codebuf_begin(&j->cb, &a);
        int end = jit_translate(&a, b->u, b->nuops, EMU_GUEST_SIZE, t->uop_at);
        uint64_t x = jit_codebuf_commit(&j->cb, &a);
        if (!x)
            continue; /* overflowed: more room */
        if (end != (int)b->nuops - 1)
            break; /* cannot happen: every uop was supported */
        t->fn = (unsigned (*)(uint64_t *, uint8_t *, uint64_t *))(uintptr_t)x;
        t->end = (uint32_t)end;
        t->next = j->all;
        j->all = t;
        COUNT(j, translated, 1);
        COUNT(j, host_bytes, a.len);
        return t;
    }
    free(t);
    return NULL;
}

int emu_jit_run(emu_hart *h, emu_aspace *as, emu_block *b)
{
    emu_jit *j = as->jit;
    jit_tb *t = __atomic_load_n((jit_tb **)&b->jit, __ATOMIC_ACQUIRE);
    if (!t) {
        /* one translator at a time: the code buffer is the address space's */
        emu_cache_lock(as);
        t = b->jit;
        if (!t) {
            jit_tb *n = translate(j, as, b);
            t = n ? n : JIT_NO;
            COUNT(j, fallback, !n);
            __atomic_store_n((jit_tb **)&b->jit, t, __ATOMIC_RELEASE);
        }
        emu_cache_unlock(as);
    }
    if ((void *)t == JIT_NO)
        return -1;

    /* the guest memory seen from the host: where guest address 0 is */
    uint8_t *mem = emu_gmem_host(emu_gmem_of(&as->mem), 0, 0, 0, 0);
    uint64_t fa = 0;
    h->cur_blk = b;
    h->icount += b->n;
    h->jit_run = t;
    unsigned r = t->fn(h->r, mem, &fa);
    h->jit_run = NULL;
    if (!(r & (JIT_EXIT_LOAD | JIT_EXIT_STORE))) {
        COUNT(j, exit_end, 1);
        return EMU_EXIT_LOOKUP; /* pc (and ib) of the successor are set */
    }
    /* an address out of range: the interpreter's trap, in front of uop k */
    unsigned k = r & 0xffff;
    int load = (r & JIT_EXIT_LOAD) != 0;
    COUNT(j, exit_load, (uint64_t)load);
    COUNT(j, exit_store, (uint64_t)!load);
    emu_trap *tr = &h->trap;
    tr->kind = load ? EMU_T_LOAD : EMU_T_STORE;
    tr->addr = fa;
    tr->value = 0;
    tr->scolor = tr->dcolor = 0;
    tr->pc = h->pc = b->u[k].pc;
    tr->ib = h->ib = b->ib;
    h->icount -= b->n - k;
    return EMU_EXIT_TRAP;
}

const emu_uop *emu_jit_fault(emu_hart *h, void *ucontext)
{
    /* host register -> its slot in the signal context */
    static const int greg[16] = {
        [X64_RAX] = REG_RAX, [X64_RCX] = REG_RCX, [X64_RDX] = REG_RDX, [X64_RBX] = REG_RBX,
        [X64_RSP] = REG_RSP, [X64_RBP] = REG_RBP, [X64_RSI] = REG_RSI, [X64_RDI] = REG_RDI,
        [X64_R8] = REG_R8,   [X64_R9] = REG_R9,   [X64_R10] = REG_R10, [X64_R11] = REG_R11,
        [X64_R12] = REG_R12, [X64_R13] = REG_R13, [X64_R14] = REG_R14, [X64_R15] = REG_R15,
    };
    const jit_tb *t = h->jit_run;
    const emu_block *b = h->cur_blk;
    greg_t *g = ((ucontext_t *)ucontext)->uc_mcontext.gregs;
    uintptr_t at = (uintptr_t)g[REG_RIP], fn = (uintptr_t)t->fn;
    if (at < fn || at >= fn + t->uop_at[t->end])
        return NULL;
    unsigned k = 0;
    while (k + 1 < t->end && t->uop_at[k + 1] <= at - fn)
        k++;
    for (unsigned r = 0; r < JIT_NMAPPED; r++)
        h->r[r] = (uint64_t)g[greg[jit_host_reg(r)]];
    COUNT(h->as->jit, exit_hostfault, 1);
    return &b->u[k];
}
