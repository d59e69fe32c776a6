/*
 * jit.c - translated blocks in the run loop (jit.h): translation on a
 * block's Nth run (the threshold; the interpreter runs it before), the
 * code buffer made on the first translation, the trampoline call into
 * the code, the exits turned
 * into what the interpreter would have left, chaining (patching a
 * direct exit once its successor is translated) and the jump cache, the
 * fault lookup the host-fault handler consults, and the counters of
 * --stats.
 *
 * Translations are laid out in the code buffer in the order they are
 * made, so the table of them is sorted by address: a host fault's RIP
 * finds its block by binary search.  A flush drops the code, the table,
 * the jump cache and any pending patch at once; nothing is unlinked one
 * by one because nothing survives a flush (flushes happen only between
 * blocks, in emu_exec or a syscall, never while translated code runs).
 * Harts share the translations: translating takes the address space's
 * cache lock, and flushes happen only in an exclusive section, when no
 * hart runs translated code.  Chaining, the jump cache and the register
 * profile keep per-hart state here, so a process's second thread turns
 * them off for good (emu_jit_set_threaded; docs/run.md, "Threads").
 */
#include "jit.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>

#include "aspace.h"
#include "codebuf.h"
#include "translate.h"

_Static_assert(EMU_JIT_NOPS >= EMU_UOP_COUNT, "EMU_JIT_NOPS too small");

/* A translation: its block, code and where each uop's code starts. */
typedef struct jit_tb {
    uint64_t code;      /* execution address of its entry */
    uint64_t count;     /* entries while profiling */
    emu_block *head;    /* the cached block whose ->jit this is */
    uint32_t size;      /* bytes of code, stubs included */
    uint32_t n;         /* guest instructions of all its segments */
    unsigned nseg;
    jit_code at;        /* its tables, after seg[] (tb_keep) */
    /* the cached blocks it covers, in order: the code runs their uops
     * one after the other (uop k of the code: tb_seg_of, tb_uop) */
    emu_block *seg[];
} jit_tb;

/* Translations' records are carved from chunks, kept from one flush to
 * the next (the pages a record touched are reused rather than new
 * ones).  They grow from TB_FIRST bytes to TB_CHUNK: a program of a
 * few translations keeps them in pages malloc has already touched. */
#define TB_FIRST ((size_t)2 << 10)
#define TB_CHUNK ((size_t)64 << 10)
typedef struct tb_chunk {
    struct tb_chunk *next;
    size_t size, used;  /* bytes of mem */
    _Alignas(uint64_t) uint8_t mem[];
} tb_chunk;
/* A record at its largest: its tables as jit_tables holds them. */
#define TB_MAX (sizeof(jit_tb) + JIT_SEGS_MAX * sizeof(emu_block *) + sizeof(jit_tables) + 8)
_Static_assert(TB_MAX <= TB_FIRST - sizeof(tb_chunk), "TB_FIRST too small");

typedef unsigned (*jit_enter_fn)(uint64_t *state, uint8_t *mem, jit_io *io, uint64_t code);

struct emu_jit {
    unsigned threshold; /* runs of a block that make it translated (>= 1) */
    int made;           /* code buffer, trampolines, jump cache: 1 made, -1 failed */
    jit_codebuf cb;
    jit_enter_fn enter;
    uint64_t leave;
    jit_tb **tbs;       /* by address */
    size_t ntbs, cap;
    tb_chunk *chunks;   /* the records' chunks, the one in use last of those used */
    tb_chunk *chunk;
    jit_jc *jc;         /* NULL until made */
    unsigned features;
    /* jit_supported(op, features), found on the op's first use (a
     * trial translation each: only the ops a program runs pay) */
    uint8_t ok[EMU_UOP_COUNT]; /* OP_UNKNOWN, OP_YES, OP_NO */
    uint8_t guest[JIT_NMAPPED]; /* the guest registers kept in host ones */
    int profile;        /* translations count their entries, until profile_end */
    uint64_t profile_end; /* instruction count at which remap() chooses guest[] */
    int nochain;        /* no chaining, no jump cache: one block per run */
    int nosuper;        /* one block per translation (GLYPH_JIT_SUPERBLOCKS=0) */
    int noras;          /* no return prediction (GLYPH_JIT_RAS=0) */
    emu_jit_tamper_fn *tamper; /* emu_jit_set_tamper */
    void *tamper_arg;
    int threaded;       /* emu_jit_set_threaded was called: for good */
    int count_hits;     /* emu_jit_count_hits */
    int anon_code;      /* emu_jit_use_anon_code: make() maps one anonymous buffer */
    uint8_t *stack;     /* the return entries' stack: JIT_RAS_GUARD, then JIT_RAS_STACK
                         * bytes (one hart's: not used once threaded), or NULL */
    /* the chain exit taken last: patched when its successor runs */
    uint64_t pend_site, pend_pc, pend_ib;
    unsigned pend_color;
    int pend_jc;        /* the last exit missed the jump cache */
    emu_jit_stats st;
};

#define ICOUNT_OFF ((int32_t)(offsetof(emu_hart, icount) - offsetof(emu_hart, r)))
#define FRAME_OFF ((int32_t)(offsetof(emu_hart, jit_frame) - offsetof(emu_hart, r)))
_Static_assert(sizeof ((emu_hart *)0)->jit_frame >= JIT_FR_WORDS * sizeof(uint64_t),
               "emu_hart.jit_frame too small");

enum { OP_UNKNOWN, OP_YES, OP_NO };

/* b->jit of a block that is not translatable: interpret it */
static const char not_translatable; /* only its address is used */
#define JIT_NO ((void *)&not_translatable)
/* what tb_of gives for a block below the threshold (never in b->jit) */
static const char not_yet;
#define JIT_LATER ((void *)&not_yet)

/* Guest instructions run with r0..r8 in host registers while
 * translations count their entries; then remap() picks the nine. */
#define PROFILE_INSNS ((uint64_t)32 << 20)

/* counters are bumped by every hart */
#define COUNT(j, field, n) __atomic_fetch_add(&(j)->st.field, (n), __ATOMIC_RELAXED)

#define CODE_INITIAL (256u << 10)
#define CODE_MAX (64u << 20)
#define CODE_PER_UOP 96 /* room asked for before emitting; retried larger */
#define TRAMPOLINES 512 /* room for the enter and leave trampolines */

static unsigned cpu_features(void)
{
    __builtin_cpu_init();
    unsigned f = 0;
    if (__builtin_cpu_supports("bmi"))
        f |= JIT_F_BMI1;
    if (__builtin_cpu_supports("abm") || __builtin_cpu_supports("lzcnt"))
        f |= JIT_F_LZCNT;
    if (__builtin_cpu_supports("popcnt"))
        f |= JIT_F_POPCNT;
    return f;
}

/* The trampolines at the start of an empty buffer. */
static int start(emu_jit *j)
{
    if (!jit_codebuf_reserve(&j->cb, TRAMPOLINES))
        return -1;
    x64_asm a;
    jit_codebuf_begin(&j->cb, &a);
    size_t enter;
    size_t leave = jit_emit_trampolines(&a, EMU_GUEST_SIZE, j->guest, ICOUNT_OFF, FRAME_OFF, &enter);
    uint64_t x = jit_codebuf_commit(&j->cb, &a);
    if (!x)
        return -1;
    j->enter = (jit_enter_fn)(uintptr_t)(x + enter);
    j->leave = x + leave;
    return 0;
}

/* Every entry empty (translate.h): zeros but for the entry of (0, 0).
 * A new cache comes zeroed from calloc, so it costs no page until a
 * block lands in it. */
static void jc_clear(jit_jc *c, bool zeroed)
{
    if (!zeroed)
        memset(c->e, 0, sizeof c->e);
    c->e[jit_jc_index(0, 0)].pc = JIT_JC_EMPTY;
}

/* The code buffer with its trampolines and the jump cache, at the first
 * translation (under the cache lock): a program whose blocks never reach
 * the threshold makes no system call and touches no page for them.
 * 0, or -1 for good: then every block is interpreted. */
static int make(emu_jit *j)
{
    if (j->made)
        return j->made > 0 ? 0 : -1;
    j->made = -1;
    j->jc = calloc(1, sizeof *j->jc);
    if (!j->jc)
        return -1;
    int mode = j->anon_code ? JIT_CODEBUF_TOGGLE : JIT_CODEBUF_AUTO;
    if (jit_codebuf_init(&j->cb, CODE_INITIAL, CODE_MAX, mode) != 0) {
        free(j->jc);
        j->jc = NULL;
        return -1;
    }
    if (start(j) != 0) {
        jit_codebuf_free(&j->cb);
        free(j->jc);
        j->jc = NULL;
        return -1;
    }
    jc_clear(j->jc, true);
    /* no stack: no return prediction */
    void *st = mmap(NULL, JIT_RAS_GUARD + JIT_RAS_STACK, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (st != MAP_FAILED && mprotect(st, JIT_RAS_GUARD, PROT_NONE) != 0) {
        munmap(st, JIT_RAS_GUARD + JIT_RAS_STACK);
        st = MAP_FAILED;
    }
    j->stack = st == MAP_FAILED ? NULL : st;
    j->made = 1;
    return 0;
}

emu_jit *emu_jit_new(unsigned threshold)
{
#ifndef __x86_64__
    errno = ENOSYS; /* the translator emits x86-64 */
    return NULL;
#endif
    emu_jit *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->threshold = threshold ? threshold : EMU_JIT_THRESHOLD;
    for (unsigned i = 0; i < JIT_NMAPPED; i++)
        j->guest[i] = (uint8_t)i;
    j->features = cpu_features(); /* cpuid: no system call */
    j->profile = 1;
    j->profile_end = PROFILE_INSNS;
    /* for tests: a profile of N instructions (GLYPH_JIT_PROFILE=N) */
    const char *p = getenv("GLYPH_JIT_PROFILE");
    if (p && *p)
        j->profile_end = strtoull(p, NULL, 10);
    /* for tests and measurements: no superblocks */
    const char *sb = getenv("GLYPH_JIT_SUPERBLOCKS");
    j->nosuper = sb && !strcmp(sb, "0");
    /* for tests and measurements: no return prediction */
    const char *ras = getenv("GLYPH_JIT_RAS");
    j->noras = ras && !strcmp(ras, "0");
    return j;
}

/* Room for the largest record at the end of the chunks in use, or NULL. */
static jit_tb *tb_room(emu_jit *j)
{
    tb_chunk *c = j->chunk;
    if (c && c->size - c->used >= TB_MAX)
        return (jit_tb *)(c->mem + c->used);
    tb_chunk *n = c ? c->next : NULL;
    if (!n) { /* a new one, last */
        size_t size = !c ? TB_FIRST : c->size < TB_CHUNK / 4 ? 4 * (c->size + sizeof *c) : TB_CHUNK;
        n = malloc(size);
        if (!n)
            return NULL;
        n->next = NULL;
        n->size = size - sizeof *n;
        if (c)
            c->next = n;
        else
            j->chunks = n;
    }
    n->used = 0;
    j->chunk = n;
    return (jit_tb *)n->mem;
}

static uint8_t *keep(uint8_t **p, const void *from, size_t n)
{
    uint8_t *q = memcpy(*p, from, n);
    *p += n;
    return q;
}

/* Keep t (made at tb_room) with copies of the tables of c, sized to
 * their counts, after its seg[]. */
static void tb_keep(emu_jit *j, jit_tb *t, const jit_code *c)
{
    jit_code *a = &t->at;
    *a = *c;
    uint8_t *p = (uint8_t *)&t->seg[t->nseg];
    size_t ns = c->nsucc, np = c->npre ? c->npre + 1u : 0;
    /* widest first: each table stays aligned */
    a->succ_pc = (uint64_t *)keep(&p, c->succ_pc, ns * sizeof *c->succ_pc);
    a->succ_ib = (uint64_t *)keep(&p, c->succ_ib, ns * sizeof *c->succ_ib);
    a->fix = (jit_flagfix *)keep(&p, c->fix, c->end * sizeof *c->fix);
    a->uop_at = (uint32_t *)keep(&p, c->uop_at, (c->end + 1) * sizeof *c->uop_at);
    a->pre_at = (uint32_t *)keep(&p, c->pre_at, np * sizeof *c->pre_at);
    a->site = (uint32_t *)keep(&p, c->site, ns * sizeof *c->site);
    a->site_seg = keep(&p, c->site_seg, ns * sizeof *c->site_seg);
    size_t size = ((size_t)(p - (uint8_t *)t) + 7) & ~(size_t)7;
    j->chunk->used += size;
}

/* The segment of t that uop k of its code is in. */
static unsigned tb_seg_of(const jit_tb *t, unsigned k)
{
    unsigned s = t->nseg - 1;
    while (s > 0 && t->at.seg_at[s] > k)
        s--;
    return s;
}

/* Uop k of t's code, in its segment s = tb_seg_of(t, k). */
static const emu_uop *tb_uop(const jit_tb *t, unsigned s, unsigned k)
{
    return &t->seg[s]->u[k - t->at.seg_at[s]];
}

/* Every record dropped; the chunks are kept for the next ones. */
static void tbs_free(emu_jit *j)
{
    j->ntbs = 0;
    j->chunk = j->chunks;
    if (j->chunk)
        j->chunk->used = 0;
}

void emu_jit_flush(emu_jit *j)
{
    COUNT(j, flushes, 1);
    if (j->made <= 0)
        return; /* no code yet: nothing translated to drop */
    tbs_free(j);
    j->st.jc_hits += j->jc->hits;
    j->jc->hits = 0;
    jc_clear(j->jc, false);
    j->pend_site = 0;
    /* the perf map names code by address: none is used twice */
    jit_codebuf_flush(&j->cb, j->anon_code);
    if (start(j) != 0)
        abort(); /* the first bytes of a buffer that held them before, or
                  * half of it free */
}

void emu_jit_free(emu_jit *j)
{
    if (!j)
        return;
    while (j->chunks) {
        tb_chunk *n = j->chunks->next;
        free(j->chunks);
        j->chunks = n;
    }
    jit_codebuf_free(&j->cb);
    if (j->stack)
        munmap(j->stack, JIT_RAS_GUARD + JIT_RAS_STACK);
    free(j->tbs);
    free(j->jc);
    free(j);
}

const emu_jit_stats *emu_jit_stats_of(const emu_jit *j)
{
    return &j->st; /* jc_hits: without the count since the last flush */
}

void emu_jit_set_nochain(emu_jit *j, int on)
{
    j->nochain = on;
    j->pend_site = 0;
    j->pend_jc = 0;
    if (j->jc)
        jc_clear(j->jc, false);
}

void emu_jit_set_tamper(emu_jit *j, emu_jit_tamper_fn *fn, void *arg)
{
    j->tamper = fn;
    j->tamper_arg = arg;
}

void emu_jit_set_threaded(emu_jit *j)
{
    emu_jit_set_nochain(j, 1);
    j->profile = 0; /* entry counts and the remap flush are one hart's */
    j->threaded = 1;
}

int emu_jit_threaded(const emu_jit *j)
{
    return j->threaded;
}

void emu_jit_use_anon_code(emu_jit *j)
{
    j->anon_code = 1; /* make() maps it so */
}

void emu_jit_count_hits(emu_jit *j, int on)
{
    j->count_hits = on;
}

emu_jit *emu_jit_renew(emu_jit *j)
{
    emu_jit *n = emu_jit_new(j->threshold);
    if (n) {
        n->count_hits = j->count_hits;
        n->anon_code = j->anon_code;
    }
    emu_jit_free(j);
    return n;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Whether op is in the subset.  Harts may race to fill ok[op]: they
 * store the same answer. */
static bool supported(emu_jit *j, unsigned op)
{
    uint8_t v = __atomic_load_n(&j->ok[op], __ATOMIC_RELAXED);
    if (v == OP_UNKNOWN) {
        v = jit_supported(op, j->features) ? OP_YES : OP_NO;
        __atomic_store_n(&j->ok[op], v, __ATOMIC_RELAXED);
    }
    return v == OP_YES;
}

/* The first uop of b outside the subset, or -1. */
static int untranslatable(emu_jit *j, const emu_block *b)
{
    if (b->nuops == 0 || b->u[b->nuops - 1].op != EMU_UOP_NEXT)
        return EMU_UOP_NEXT;
    for (unsigned k = 0; k + 1 < b->nuops; k++)
        if (!supported(j, b->u[k].op))
            return b->u[k].op;
    return -1;
}

/* Where the straight path goes after block b (its `j`, its `b` not
 * taken, its end), or 0 when it ends otherwise (its ib stays). */
static uint64_t fall_through(const emu_block *b)
{
    if (b->nuops < 2)
        return 0;
    const emu_uop *u = &b->u[b->nuops - 2]; /* its last instruction */
    if (u->op == GL_OP_J)
        return u->pc + (uint64_t)u->imm;
    if (u->op == GL_OP_B)
        return u->pc + u->len;
    if (!gl_op_ends_block(u->op))
        return b->u[b->nuops - 1].pc;
    return 0;
}

/* The segments of b's superblock (translate.h): b, then while the path
 * goes straight on into a translatable block of b's ib and color not
 * already in it, within JIT_SEGS_MAX blocks and EMU_BLOCK_MAX
 * instructions.  Decoding the next blocks marks their pages for the
 * cache like any block's, so writing to any of them flushes this one.
 * Called without the cache lock (emu_block_get takes it). */
static unsigned gather(emu_jit *j, emu_aspace *as, emu_block *b, emu_block **seg)
{
    unsigned nseg = 1, n = b->n;
    seg[0] = b;
    if (j->nosuper || b->nuops != b->n + 1)
        return 1;
    while (nseg < JIT_SEGS_MAX) {
        const emu_block *last = seg[nseg - 1];
        uint64_t pc = fall_through(last);
        if (!pc)
            break;
        const emu_uop *e = &last->u[last->nuops - 2];
        if (e->op == GL_OP_B && e->pc + (uint64_t)e->imm == b->pc)
            break; /* a loop's closing branch: what follows is its exit */
        bool seen = false;
        for (unsigned i = 0; i < nseg; i++)
            seen |= seg[i]->pc == pc;
        if (seen)
            break; /* a loop: its back edge chains to the entry */
        emu_block *nb = emu_block_get(as, pc, b->ib);
        if (!nb || nb->color != b->color || nb->nuops != nb->n + 1 ||
            n + nb->n > EMU_BLOCK_MAX || untranslatable(j, nb) >= 0)
            break;
        seg[nseg++] = nb;
        n += nb->n;
    }
    return nseg;
}

/* The uops of a superblock's translation, in the translator's stack:
 * kept only while it translates (the code's tables name uops by their
 * index in it, which tb_uop finds in the segments). */
typedef union jit_merged {
    emu_block b;
    uint8_t room[sizeof(emu_block) + (EMU_BLOCK_MAX + 1) * sizeof(emu_uop)];
} jit_merged;

/* seg[0..nseg)'s instructions (the NEXT of the last one) as one block
 * in *mb, with the uop index each starts at. */
static emu_block *merge(emu_block *const *seg, unsigned nseg, unsigned *start, jit_merged *mb)
{
    unsigned n = 0;
    for (unsigned i = 0; i < nseg; i++)
        n += seg[i]->n;
    emu_block *m = &mb->b;
    *m = *seg[0];
    m->hnext = m->link[0] = m->link[1] = NULL;
    m->jit = NULL;
    m->n = n;
    m->nuops = n + 1;
    unsigned k = 0;
    for (unsigned i = 0; i < nseg; i++) {
        start[i] = k;
        memcpy(&m->u[k], seg[i]->u, seg[i]->n * sizeof(emu_uop));
        k += seg[i]->n;
    }
    m->u[n] = seg[nseg - 1]->u[seg[nseg - 1]->n]; /* the NEXT */
    return m;
}

/* Translate b (its superblock seg[0..nseg), seg[0] = b), or NULL when
 * it has a uop outside the subset or the code buffer is full (then the
 * whole cache is flushed at the next lookup). */
static jit_tb *translate(emu_jit *j, emu_aspace *as, emu_block *b, emu_block **seg,
                         unsigned nseg)
{
    int bad = untranslatable(j, b);
    if (bad == EMU_UOP_NEXT)
        return NULL;
    if (bad >= 0) {
        COUNT(j, fallback_op[bad], 1);
        return NULL;
    }
    if (make(j) != 0)
        return NULL; /* no code buffer: interpreted, as without a JIT */
    if (j->ntbs == j->cap) {
        size_t cap = j->cap ? 2 * j->cap : 1024;
        jit_tb **p = realloc(j->tbs, cap * sizeof *p);
        if (!p)
            return NULL;
        j->tbs = p;
        j->cap = cap;
    }
    uint64_t t0 = now_ns();
    unsigned start[JIT_SEGS_MAX] = {0};
    /* a superblock's uops are copied together for the translator; so
     * are a block's that the audit's test changes (this translation
     * only) */
    jit_merged mb;
    emu_block *tb = nseg > 1 || j->tamper ? merge(seg, nseg, start, &mb) : b;
    if (j->tamper)
        j->tamper(j->tamper_arg, tb, start, nseg);
    jit_tb *t = tb_room(j);
    if (!t)
        return NULL;
    t->head = b;
    t->n = tb->n;
    t->nseg = nseg;
    memcpy(t->seg, seg, nseg * sizeof *seg);
    jit_tables tables; /* copied to t, sized to their counts */
    jit_code at = jit_code_in(&tables);
    jit_env e = {
        .limit = EMU_GUEST_SIZE,
        .reach = (int64_t)EMU_GUARD,
        .leave = j->leave,
        .jc = j->nochain ? 0 : (uint64_t)(uintptr_t)j->jc,
        .hits = j->count_hits,
        .tag = (uint64_t)(uintptr_t)t,
        .icount_off = ICOUNT_OFF,
        .climit_off = (int32_t)(offsetof(emu_hart, chain_limit) - offsetof(emu_hart, r)),
        .frame_off = FRAME_OFF,
        /* a return across colors must reach the run loop's check */
        .ras = !j->nochain && !as->mem.caps.xfer_on && !j->noras && j->stack,
        .features = j->features,
        .guest = j->guest,
        .count = j->profile ? (uint64_t)(uintptr_t)&t->count : 0,
        .loops = !j->nochain,
        .checked = as->interp == emu_interp_colors,
        .perm = (uint64_t)(uintptr_t)as->mem.perm,
        .color = (uint64_t)(uintptr_t)as->mem.color,
        .rmask = as->mem.caps.on ? as->mem.caps.rmask[b->color & 15] : 0xffff,
        .wmask = as->mem.caps.on ? as->mem.caps.wmask[b->color & 15] : 0xffff,
    };
    t->count = 0;
    size_t room = 512 + (size_t)tb->nuops * CODE_PER_UOP;
    for (int tries = 0; tries < 3; tries++, room *= 4) {
        if (!jit_codebuf_reserve(&j->cb, room)) {
            __atomic_store_n(&as->flush_pending, 1, __ATOMIC_RELAXED);
            break;
        }
        x64_asm a;
        jit_codebuf_begin(&j->cb, &a);
        bool ok = jit_translate(&a, tb, start, t->nseg, &e, &at);
        uint64_t x = jit_codebuf_commit(&j->cb, &a);
        if (!ok || !x)
            continue; /* overflowed: more room */
        t->code = x;
        t->size = (uint32_t)a.len;
        tb_keep(j, t, &at);
        j->tbs[j->ntbs++] = t;
        COUNT(j, translated, 1);
        COUNT(j, segments, t->nseg);
        COUNT(j, host_bytes, a.len);
        COUNT(j, translate_ns, now_ns() - t0);
        return t;
    }
    return NULL; /* t's room is the next one's */
}

/* Guest register fields uop u reads or writes (docs/isa.md forms). */
static unsigned reg_fields(const emu_uop *u, uint8_t *r)
{
    switch (u->op) {
    case GL_OP_J: case GL_OP_B: case GL_OP_IBJ: case GL_OP_FENCE: case GL_OP_WFI:
    case GL_OP_SYSCALL: case EMU_UOP_NEXT:
        return 0;
    case GL_OP_MOVI: case GL_OP_ADDI: case GL_OP_SRLI: case GL_OP_SRAI: case GL_OP_SLLI:
    case GL_OP_LOADPC: case GL_OP_STOREPC: case GL_OP_LJ: case GL_OP_LJAL: case GL_OP_LJTL:
    case GL_OP_LJALA:
        r[0] = u->rc;
        return 1;
    case GL_OP_LOAD: case GL_OP_LOAD_I8: case GL_OP_LOAD_U8: case GL_OP_LOAD_I16:
    case GL_OP_LOAD_U16: case GL_OP_LOAD_I32: case GL_OP_LOAD_U32: case GL_OP_STORE:
    case GL_OP_STORE_I8: case GL_OP_STORE_I16: case GL_OP_STORE_I32: case GL_OP_MOV:
    case GL_OP_NOT: case GL_OP_NEG: case GL_OP_BSWAP: case GL_OP_CTZ: case GL_OP_CLZ:
    case GL_OP_CTPOP: case GL_OP_SEXT: case GL_OP_CMOV: case GL_OP_NCMOV:
    case GL_OP_CMP_LT: case GL_OP_CMP_GE: case GL_OP_CMP_EQ: case GL_OP_CMP_NE:
    case GL_OP_CMP_LTU: case GL_OP_CMP_GEU:
        r[0] = u->rc;
        r[1] = u->rb;
        return 2;
    default:
        r[0] = u->rc;
        r[1] = u->rb;
        r[2] = u->ra;
        return 3;
    }
}

/* After the profile: keep the guest registers the translated code used
 * most (each block's register references times its entries) in host
 * registers, ties to the lower register, and translate everything again
 * with that assignment. */
static void remap(emu_jit *j)
{
    uint64_t use[64] = {0};
    for (size_t i = 0; i < j->ntbs; i++) {
        const jit_tb *t = j->tbs[i];
        for (unsigned s = 0; s < t->nseg; s++) {
            for (unsigned k = 0; k < t->seg[s]->n; k++) {
                uint8_t r[3];
                for (unsigned f = reg_fields(&t->seg[s]->u[k], r); f-- > 0;)
                    use[r[f] & 63] += t->count;
            }
        }
    }
    bool taken[64] = {0};
    for (unsigned i = 0; i < JIT_NMAPPED; i++) {
        unsigned best = 64;
        for (unsigned g = 0; g < 64; g++)
            if (!taken[g] && (best == 64 || use[g] > use[best]))
                best = g;
        taken[best] = true;
    }
    unsigned n = 0;
    for (unsigned g = 0; g < 64 && n < JIT_NMAPPED; g++)
        if (taken[g])
            j->guest[n++] = (uint8_t)g;
    for (size_t i = 0; i < j->ntbs; i++)
        j->tbs[i]->head->jit = NULL;
    j->profile = 0;
    COUNT(j, remaps, 1);
    emu_jit_flush(j); /* the trampolines too: they load and store guest[] */
}

uint64_t emu_jit_deadline(const emu_jit *j)
{
    return j->profile ? j->profile_end : UINT64_MAX;
}

void emu_jit_deadline_reached(emu_jit *j)
{
    if (j->profile)
        remap(j);
}

/* b's translation, made now if needed (at once with now, else on its
 * threshold-th run), or JIT_NO, or JIT_LATER for a run below the
 * threshold. */
static jit_tb *tb_of(emu_jit *j, emu_aspace *as, emu_block *b, bool now)
{
    jit_tb *t = __atomic_load_n((jit_tb **)&b->jit, __ATOMIC_ACQUIRE);
    if (t)
        return t;
    if (!now && j->threshold > 1) {
        /* Harts running b at once may both read the same count and
         * store the same next one: a run is lost and b is translated a
         * run later.  Nothing else depends on the count (translating
         * takes the lock and checks b->jit again), so a plain load and
         * store do, without a locked add on every interpreted run. */
        uint32_t runs = __atomic_load_n(&b->runs, __ATOMIC_RELAXED) + 1;
        if (runs < j->threshold) {
            __atomic_store_n(&b->runs, runs, __ATOMIC_RELAXED);
            return JIT_LATER;
        }
    }
    emu_block *seg[JIT_SEGS_MAX] = {b};
    unsigned nseg = untranslatable(j, b) < 0 ? gather(j, as, b, seg) : 1;
    /* one translator at a time: the code buffer is the address space's */
    emu_cache_lock(as);
    t = b->jit;
    if (!t) {
        jit_tb *n = translate(j, as, b, seg, nseg);
        t = n ? n : JIT_NO;
        COUNT(j, fallback, !n);
        __atomic_store_n((jit_tb **)&b->jit, t, __ATOMIC_RELEASE);
    }
    emu_cache_unlock(as);
    return t;
}

int emu_jit_prepare(emu_aspace *as, emu_block *b)
{
    return (void *)tb_of(as->jit, as, b, true) == JIT_NO ? -1 : 0;
}

/* The return-prediction counters the code bumped in h's frame. */
static void fold_ras(emu_jit *j, emu_hart *h)
{
    uint64_t *w = h->jit_frame;
    if (!(w[JIT_FR_RAS_HIT] | w[JIT_FR_RAS_MISS] | w[JIT_FR_RAS_EMPTY] | w[JIT_FR_RAS_DROP]))
        return;
    COUNT(j, ras_hits, w[JIT_FR_RAS_HIT]);
    COUNT(j, ras_misses, w[JIT_FR_RAS_MISS]);
    COUNT(j, ras_empty, w[JIT_FR_RAS_EMPTY]);
    COUNT(j, ras_drops, w[JIT_FR_RAS_DROP]);
    w[JIT_FR_RAS_HIT] = w[JIT_FR_RAS_MISS] = w[JIT_FR_RAS_EMPTY] = w[JIT_FR_RAS_DROP] = 0;
}

int emu_jit_run(emu_hart *h, emu_aspace *as, emu_block *b)
{
    emu_jit *j = as->jit;
    jit_tb *t = tb_of(j, as, b, false);
    if ((void *)t == JIT_NO || (void *)t == JIT_LATER) {
        if (j->pend_site) /* never set once threaded: no store other harts race with */
            j->pend_site = 0;
        return (void *)t == JIT_NO ? -1 : -2;
    }
    /* a superblock counts more instructions at its entry than b has:
     * when they are not all within the budget (emu_exec made sure of
     * b's), the interpreter runs b, so --max-insns stays exact */
    if (t->n > b->n &&
        h->icount + t->n > __atomic_load_n(&h->chain_limit, __ATOMIC_RELAXED)) {
        j->pend_site = 0;
        return -1;
    }
    const emu_caps *caps = &as->mem.caps;
    /* chain the exit that led here; with transfer checks only along
     * edges the policy allows (emu_colors_enter just checked this one) */
    if (j->pend_site && j->pend_pc == b->pc && j->pend_ib == b->ib &&
        (!caps->xfer_on || j->pend_color == b->color)) {
        emu_cache_lock(as); /* the code buffer's writer, as translate() */
        jit_codebuf_open(&j->cb);
        COUNT(j, chained, jit_chain(jit_codebuf_wptr(&j->cb, j->pend_site), j->pend_site, t->code));
        jit_codebuf_close(&j->cb);
        emu_cache_unlock(as);
    }
    if (j->pend_site)
        j->pend_site = 0;
    /* the target of an indirect jump that missed the jump cache: the
     * next one hits (only these go in: each entry written is a page of
     * the cache touched) */
    if (j->pend_jc && !caps->xfer_on) {
        j->pend_jc = 0;
        jit_jc_entry *c = &j->jc->e[jit_jc_index(b->pc, b->ib)];
        c->pc = b->pc;
        c->ib = b->ib;
        c->code = t->code;
    }

    /* the guest memory seen from the host: where guest address 0 is */
    uint8_t *mem = emu_gmem_host(emu_gmem_of(&as->mem), 0, 0, 0, 0);
    jit_io io = {0};
    h->jit_frame[JIT_FR_STACK] =
        j->stack && !j->threaded ? (uint64_t)(uintptr_t)(j->stack + JIT_RAS_GUARD + JIT_RAS_STACK - 8)
                                 : 0;
    h->jit_run = j;
    unsigned r = j->enter(h->r, mem, &io, t->code);
    h->jit_run = NULL;
    fold_ras(j, h);
    jit_tb *x = (jit_tb *)(uintptr_t)io.tag;
    /* the block that ran last (colormatexec reports a transfer from its
     * end): the last segment, unless an exit names another */
    h->cur_blk = x->seg[x->nseg - 1];
    h->from_color = x->head->color;
    jit_exit_target(x->seg, x->nseg, &x->at, r, &h->pc, &h->ib); /* the exits that left them */
    unsigned k = r & 0xffff;
    switch (r & ~0xffffu) {
    case JIT_X_CHAIN:
        COUNT(j, exit_chain, 1);
        k = k < x->at.nsucc ? k : 0;
        h->cur_blk = x->seg[x->at.site_seg[k]];
        if (!j->nochain) {
            j->pend_site = x->code + x->at.site[k];
            j->pend_pc = h->pc;
            j->pend_ib = h->ib;
            j->pend_color = x->head->color;
        }
        return EMU_EXIT_LOOKUP;
    case JIT_X_INDIRECT:
        COUNT(j, jc_misses, 1);
        j->pend_jc = !j->nochain;
        return EMU_EXIT_LOOKUP;
    case JIT_X_BUDGET:
        COUNT(j, exit_budget, 1);
        h->cur_blk = x->seg[k && k <= x->nseg ? k - 1 : 0];
        return EMU_EXIT_LOOKUP;
    case JIT_X_SYSCALL:
        COUNT(j, exit_syscall, 1);
        return EMU_EXIT_SYSCALL;
    }
    /* a trap (or a page-crossing access of the checked variant) in
     * front of uop k: that uop and the rest did not run */
    unsigned s = tb_seg_of(x, k);
    h->cur_blk = x->seg[s];
    unsigned why = r & ~0xffffu;
    h->pc = tb_uop(x, s, k)->pc;
    h->ib = x->head->ib;
    h->icount -= x->n - k;
    if (why == JIT_X_STEP) { /* the checking interpreter runs that one */
        COUNT(j, exit_step, 1);
        _Alignas(emu_block) uint8_t buf[sizeof(emu_block) + 2 * sizeof(emu_uop)];
        emu_block *step = (emu_block *)buf;
        emu_block_step(as, h->pc, h->ib, step);
        return as->interp(h, as, step);
    }
    emu_trap *tr = &h->trap;
    tr->addr = io.fault;
    tr->value = 0;
    tr->scolor = tr->dcolor = 0;
    tr->pc = h->pc;
    tr->ib = h->ib;
    switch (why) {
    case JIT_X_LOAD: tr->kind = EMU_T_LOAD; COUNT(j, exit_load, 1); break;
    case JIT_X_STORE: tr->kind = EMU_T_STORE; COUNT(j, exit_store, 1); break;
    case JIT_X_RDFAULT: tr->kind = EMU_T_LOAD; COUNT(j, exit_check, 1); break;
    default: /* JIT_X_CAP_LOAD, JIT_X_CAP_STORE */
        tr->kind = why == JIT_X_CAP_LOAD ? EMU_T_CAP_LOAD : EMU_T_CAP_STORE;
        tr->scolor = x->head->color;
        tr->dcolor = emu_mem_color(&as->mem, io.fault);
        COUNT(j, exit_check, 1);
        break;
    }
    return EMU_EXIT_TRAP;
}

int emu_jit_stack_fault(emu_hart *h, const void *addr, void *ucontext)
{
    const emu_jit *j = h->as->jit;
    const uint8_t *p = addr;
    if (!j || !j->stack || p < j->stack || p >= j->stack + JIT_RAS_GUARD)
        return 0;
    /* a call's push: drop every entry, and the call runs again */
    ((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_RSP] = (greg_t)h->jit_frame[JIT_FR_SP];
    h->jit_frame[JIT_FR_RAS_DROP]++;
    return 1;
}

/* The translation whose code holds at, or NULL. */
static const jit_tb *find_tb(const emu_jit *j, uint64_t at)
{
    /* the last translation starting at or below at */
    size_t lo = 0, hi = j->ntbs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (j->tbs[mid]->code <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const jit_tb *t = j->tbs[lo - 1];
    uint64_t off = at - t->code;
    bool body = off >= t->at.uop_at[0] && off < t->at.uop_at[t->at.end];
    bool pre = t->at.npre && off >= t->at.pre_at[0] && off < t->at.pre_at[t->at.npre];
    return body || pre ? t : NULL;
}

/* x86 condition cc after cmp x, y */
static uint64_t flag_holds(x64_cc cc, uint64_t x, uint64_t y)
{
    switch (cc) {
    case X64_CC_L: return (int64_t)x < (int64_t)y;
    case X64_CC_GE: return (int64_t)x >= (int64_t)y;
    case X64_CC_E: return x == y;
    case X64_CC_NE: return x != y;
    case X64_CC_B: return x < y;
    case X64_CC_AE: return x >= y;
    default: abort(); /* translate.c describes no other */
    }
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
    const emu_jit *j = h->as->jit;
    greg_t *g = ((ucontext_t *)ucontext)->uc_mcontext.gregs;
    uint64_t at = (uint64_t)g[REG_RIP];
    /* another hart may be translating (and growing tbs); this one, in
     * translated code, holds no lock */
    emu_cache_lock(h->as);
    const jit_tb *t = find_tb(j, at);
    emu_cache_unlock(h->as);
    if (!t)
        return NULL;
    uint64_t off = at - t->code;
    unsigned k = 0;
    const jit_flagfix *f = NULL; /* the flag not yet written */
    if (off < t->at.uop_at[0]) { /* the peeled prefix: the flag is in the state */
        while (k + 1 < t->at.npre && t->at.pre_at[k + 1] <= off)
            k++;
    } else {
        while (k + 1 < t->at.end && t->at.uop_at[k + 1] <= off)
            k++;
        f = &t->at.fix[k];
    }
    for (unsigned i = 0; i < JIT_NMAPPED; i++)
        h->r[j->guest[i]] = (uint64_t)g[greg[jit_slot_reg(i)]];
    h->icount = (uint64_t)g[greg[JIT_ICOUNT_REG]];
    if (f && f->cc >= 0)
        h->flag = flag_holds((x64_cc)f->cc, h->r[f->x],
                             f->yimm ? (uint64_t)(int64_t)f->imm : h->r[f->y]);
    /* the caller takes the uop's block to be the one running: the
     * count it undoes is that block's rest, so the segments after it,
     * counted at the entry, come off here */
    unsigned s = tb_seg_of(t, k);
    h->icount -= t->n - t->at.seg_at[s] - t->seg[s]->n;
    h->cur_blk = t->seg[s];
    COUNT(h->as->jit, exit_hostfault, 1);
    fold_ras(h->as->jit, h); /* siglongjmp skips emu_jit_run's */
    return tb_uop(t, s, k);
}

void emu_jit_print_stats(const emu_jit *j, FILE *f)
{
    const emu_jit_stats *s = emu_jit_stats_of(j);
    uint64_t hits = s->jc_hits + (j->jc ? j->jc->hits : 0); /* not yet folded in by a flush */
    fprintf(f, EMU_JIT_NAME ": jit: %" PRIu64 " blocks translated, %" PRIu64
            " guest blocks in them, %" PRIu64 " host bytes, %.2f us per translation (%.2f per"
            " guest block), %" PRIu64 " fallback blocks, %" PRIu64 " code flushes, %" PRIu64
            " chained edges, jump cache %" PRIu64 " hits %" PRIu64 " misses\n",
            s->translated, s->segments, s->host_bytes,
            s->translated ? (double)s->translate_ns / 1e3 / (double)s->translated : 0.0,
            s->segments ? (double)s->translate_ns / 1e3 / (double)s->segments : 0.0,
            s->fallback, s->flushes, s->chained, hits, s->jc_misses);
    fprintf(f, EMU_JIT_NAME ": jit exits: %" PRIu64 " unchained, %" PRIu64 " jump-cache misses, %"
            PRIu64 " budget, %" PRIu64 " syscalls, %" PRIu64 " load traps, %" PRIu64
            " store traps, %" PRIu64 " host faults, %" PRIu64 " checked-access traps, %" PRIu64
            " interpreter steps\n",
            s->exit_chain, s->jc_misses, s->exit_budget, s->exit_syscall, s->exit_load,
            s->exit_store, s->exit_hostfault, s->exit_check, s->exit_step);
    fprintf(f, EMU_JIT_NAME ": jit returns: %" PRIu64 " predicted, %" PRIu64 " mispredicted, %"
            PRIu64 " with no call entry, %" PRIu64 " depth resets\n",
            s->ras_hits, s->ras_misses, s->ras_empty, s->ras_drops);
    fprintf(f, EMU_JIT_NAME ": jit host registers hold");
    for (unsigned i = 0; i < JIT_NMAPPED; i++)
        fprintf(f, " %s", gl_reg_name(j->guest[i]));
    fputc('\n', f);
    if (s->fallback) {
        fprintf(f, EMU_JIT_NAME ": jit fallback blocks by first unsupported op:");
        for (unsigned op = 0; op < EMU_JIT_NOPS; op++) {
            if (!s->fallback_op[op])
                continue;
            if (op < GL_OP_COUNT)
                fprintf(f, " %s %" PRIu64, gl_opinfo_get(op)->mnemonic, s->fallback_op[op]);
            else
                fprintf(f, " %s %" PRIu64, op == EMU_UOP_FAULT ? "(trap)" : "(other)",
                        s->fallback_op[op]);
        }
        fputc('\n', f);
    }
}

int emu_jit_code_of(const emu_block *b, emu_jit_code *c)
{
    const jit_tb *t = b->jit;
    if (!t || b->jit == JIT_NO) /* (JIT_LATER is never stored) */
        return 0;
    c->n = t->n;
    c->nseg = t->nseg;
    c->seg = t->seg;
    c->code = (const uint8_t *)(uintptr_t)t->code;
    c->len = t->size;
    c->uop_at = t->at.uop_at;
    c->nuops = t->at.end;
    c->pre_at = t->at.pre_at;
    c->npre = t->at.npre;
    return 1;
}
