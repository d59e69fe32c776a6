/*
 * audit.c - --jit-audit: every run of a translated block is checked
 * against the interpreter (rv8's --audit, box64's DYNAREC_TEST).
 *
 * For a block about to run natively:
 *
 *   1. save the hart's state S (registers, pc, ib, flag, count, trap);
 *   2. the interpreter runs the block's own uops from S, one uop at a
 *      time (a one-uop block with its handler, then a STOP), so that
 *      before each store, cas or swap the page(s) it will write are
 *      copied (their contents before the block); for a superblock
 *      (translate.h) it goes on into the next of its blocks while the
 *      path does;
 *   3. its result I is kept: the state, the trap record, and a copy of
 *      each page it wrote; the pages get their old contents back and
 *      the hart gets S back;
 *   4. the translation runs from S for real (host faults included: they
 *      land here, not in emu_exec) and its result J is compared with I:
 *      r0..r63, pc, ib, flag, the instruction count, the exit (next
 *      block, trap, ...), the trap record when it trapped, and every
 *      byte of every page the interpreter wrote.
 *
 * Pages rather than a list of stores: a store of the wrong width, to a
 * wrong offset in the page, or one too many onto the same page shows up
 * as a differing byte, and nothing has to be recorded on the JIT's side.
 * What a whole-page copy cannot see is a store the translation makes to
 * a page the interpreter does not write at all; the registers it would
 * take its address from are compared, which narrows that to a wrong
 * address computed and used inside one uop.
 *
 * The interpreter's run is throw-away, so it may leave side effects only
 * the real run would: a store to a page blocks were decoded from makes
 * the page writable and asks for a flush (hostfault.c), which the real
 * run would have done too.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "aspace.h"
#include "debug.h"
#include "insntext.h"
#include "jit.h"

#define PAGE EMU_PAGE_SIZE
/* a block's stores touch at most two pages each */
#define MAX_PAGES (2 * EMU_BLOCK_MAX)

/* The state the two runs are compared on. */
typedef struct result {
    uint64_t r[EMU_NREGS], pc, ib, flag, icount;
    emu_trap trap;
    int why;
} result;

struct jit_audit {
    emu_jit_debug_opts o;
    uint64_t blocks; /* runs audited */
    unsigned npages;
    uint64_t page[MAX_PAGES];      /* guest address of each page written */
    uint8_t *host[MAX_PAGES];      /* ... its host memory (emu_mem_page_host) */
    uint8_t (*before)[PAGE];       /* its contents before the block */
    uint8_t (*interp)[PAGE];       /* ... and after the interpreter's run */
    _Alignas(emu_block) uint8_t step[sizeof(emu_block) + 2 * sizeof(emu_uop)];
};

jit_audit *jit_audit_new(const emu_jit_debug_opts *o)
{
    jit_audit *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->o = *o;
    a->before = malloc(MAX_PAGES * PAGE);
    a->interp = malloc(MAX_PAGES * PAGE);
    if (!a->before || !a->interp) {
        jit_audit_free(a);
        return NULL;
    }
    return a;
}

void jit_audit_free(jit_audit *a)
{
    if (!a)
        return;
    free(a->before);
    free(a->interp);
    free(a);
}

uint64_t jit_audit_count(const jit_audit *a)
{
    return a->blocks;
}

/* r0..r63, pc, ib, flag: the words emu_hart opens with */
#define ARCH_BYTES (offsetof(emu_hart, flag) + sizeof(uint64_t))
_Static_assert(offsetof(emu_hart, r) == 0 && offsetof(emu_hart, pc) == 8 * EMU_NREGS &&
                   offsetof(emu_hart, flag) == 8 * EMU_NREGS + 16,
               "emu_hart opens with r, pc, ib, flag");
_Static_assert(offsetof(result, r) == 0 && offsetof(result, flag) == offsetof(emu_hart, flag),
               "result opens like emu_hart");

static void save(const emu_hart *h, result *s, int why)
{
    memcpy(s, h, ARCH_BYTES);
    s->icount = h->icount;
    s->trap = h->trap;
    s->why = why;
}

static void restore(emu_hart *h, const result *s)
{
    memcpy(h, s, ARCH_BYTES);
    h->icount = s->icount;
    h->trap = s->trap;
}

/* Before a uop that writes memory: copy the pages it will write. */
static void note_store(jit_audit *a, emu_aspace *as, const emu_hart *h, const emu_uop *u)
{
    unsigned cls = gl_op_class(u->op), n = gl_op_mem_size(u->op);
    if ((cls != GL_CLASS_STORE && cls != GL_CLASS_ATOMIC) || n == 0)
        return;
    uint64_t ea = u->op == GL_OP_STOREPC ? (uint64_t)u->imm
                  : cls == GL_CLASS_ATOMIC ? h->r[u->rb] : h->r[u->rb] + (uint64_t)u->imm;
    for (uint64_t p = emu_page_down(ea); p <= emu_page_down(ea + n - 1); p += PAGE) {
        /* an unmapped or inaccessible page traps, unchanged; every
         * other one the host can read (a write-only page still marked
         * for the block cache faults once and is given write access
         * back, as the store itself would: hostfault.c) */
        uint8_t *host = emu_mem_page_host(&as->mem, p);
        if (!(emu_mem_perm(&as->mem, p) & (EMU_P_R | EMU_P_W | EMU_P_X)) || !host ||
            a->npages == MAX_PAGES)
            continue;
        unsigned i = 0;
        while (i < a->npages && a->page[i] != p)
            i++;
        if (i < a->npages)
            continue;
        a->page[i] = p;
        a->host[i] = host;
        memcpy(a->before[i], host, PAGE);
        a->npages++;
    }
}

/* The interpreter over the uops of seg[0..nseg) from the hart's state,
 * from one block into the next while pc and ib lead there; returns its
 * exit. */
static int interpret(jit_audit *a, emu_hart *h, emu_aspace *as, emu_block *const *seg,
                     unsigned nseg)
{
    emu_block *s = (emu_block *)a->step;
    int why = EMU_EXIT_LOOKUP;
    const emu_block *b = seg[0];
    for (unsigned k = 0, i = 0; k < b->nuops; k++) {
        const emu_uop *u = &b->u[k];
        *s = (emu_block){.pc = u->pc, .ib = b->ib, .color = b->color};
        s->n = u->op < EMU_UOP_NEXT; /* pseudo uops are no instruction */
        s->nuops = 2;
        s->u[0] = *u;
        s->u[1] = (emu_uop){.op = EMU_UOP_STOP,
                            .h = as->cache.labels[EMU_UOP_STOP],
                            .pc = k + 1 < b->nuops ? b->u[k + 1].pc : u->pc};
        h->cur = &s->u[0]; /* a host fault while copying is this uop's */
        note_store(a, as, h, u);
        why = jit_run_guarded(h, as, s, 0);
        if (why != EMU_EXIT_LOOKUP)
            break;
        if (u->op >= EMU_UOP_NEXT || gl_op_ends_block(u->op)) {
            if (++i == nseg || h->pc != seg[i]->pc || h->ib != seg[i]->ib)
                break;
            b = seg[i];
            k = (unsigned)-1; /* its first uop next */
        }
    }
    h->chain_slot = NULL; /* it pointed into the step block */
    return why;
}

/* Copy the pages' contents after the interpreter's run, give them their
 * old contents back. */
static void rewind_pages(jit_audit *a)
{
    for (unsigned i = 0; i < a->npages; i++) {
        uint8_t *host = a->host[i];
        memcpy(a->interp[i], host, PAGE);
        if (memcmp(a->before[i], host, PAGE) != 0)
            memcpy(host, a->before[i], PAGE); /* written: writable */
    }
}

static const char *exit_name(int why)
{
    switch (why) {
    case EMU_EXIT_LOOKUP: return "next block";
    case EMU_EXIT_SYSCALL: return "syscall";
    case EMU_EXIT_TRAP: return "trap";
    default: return "not translated";
    }
}

/* Report every difference between I (interpreter) and J (jit); the
 * number of them. */
static unsigned compare(jit_audit *a, emu_aspace *as, const emu_jit_code *c, const result *s,
                        const result *I, const result *J)
{
    FILE *f = a->o.log;
    unsigned nd = 0;
#define HEAD()                                                                              \
    do {                                                                                    \
        if (nd++ == 0)                                                                      \
            fprintf(f,                                                                      \
                    "%s: %s: jit audit: translated block at pc=0x%" PRIx64 " ib=0x%" PRIx64 \
                    " differs from the interpreter (run %" PRIu64 ", after %" PRIu64        \
                    " instructions):\n",                                                    \
                    a->o.name, a->o.prog, c->seg[0]->pc, c->seg[0]->ib, a->blocks,         \
                    s->icount);                                                             \
    } while (0)
#define FIELD(what, x, y)                                                                   \
    do {                                                                                    \
        if ((x) != (y)) {                                                                   \
            HEAD();                                                                         \
            fprintf(f, "  %-9s interpreter 0x%016" PRIx64 "  jit 0x%016" PRIx64 "\n", what, \
                    (uint64_t)(x), (uint64_t)(y));                                          \
        }                                                                                   \
    } while (0)
    if (I->why != J->why) {
        HEAD();
        fprintf(f, "  exit      interpreter %s  jit %s\n", exit_name(I->why), exit_name(J->why));
    }
    for (unsigned r = 0; r < EMU_NREGS; r++) {
        char name[16];
        snprintf(name, sizeof name, "r%u/%s", r, gl_reg_name(r));
        FIELD(name, I->r[r], J->r[r]);
    }
    FIELD("pc", I->pc, J->pc);
    FIELD("ib", I->ib, J->ib);
    FIELD("flag", I->flag, J->flag);
    FIELD("icount", I->icount, J->icount);
    if (I->why == EMU_EXIT_TRAP && J->why == EMU_EXIT_TRAP) {
        FIELD("trap", I->trap.kind, J->trap.kind);
        FIELD("trap.addr", I->trap.addr, J->trap.addr);
        FIELD("trap.pc", I->trap.pc, J->trap.pc);
        FIELD("trap.ib", I->trap.ib, J->trap.ib);
        FIELD("trap.value", I->trap.value, J->trap.value);
        FIELD("trap.scolor", I->trap.scolor, J->trap.scolor);
        FIELD("trap.dcolor", I->trap.dcolor, J->trap.dcolor);
    }
    for (unsigned i = 0; i < a->npages; i++) {
        const uint8_t *host = a->host[i];
        for (unsigned o = 0; o < PAGE; o += 8) {
            uint64_t x, y;
            memcpy(&x, a->interp[i] + o, 8);
            memcpy(&y, host + o, 8);
            if (x != y) {
                char name[40];
                snprintf(name, sizeof name, "[0x%" PRIx64 "]", a->page[i] + o);
                HEAD();
                fprintf(f, "  %-9s interpreter 0x%016" PRIx64 "  jit 0x%016" PRIx64
                        " (memory, 8 bytes little-endian)\n", name, x, y);
            }
        }
    }
#undef FIELD
#undef HEAD
    if (nd) {
        fprintf(f, "  the block (%u instructions):\n", c->n);
        for (unsigned i = 0; i < c->nseg; i++) {
            for (unsigned k = 0; k < c->seg[i]->n; k++) {
                char text[96];
                emu_insn_text(&as->mem, c->seg[i]->u[k].pc, text, sizeof text);
                fprintf(f, "    0x%08" PRIx64 "  %s\n", c->seg[i]->u[k].pc, text);
            }
        }
    }
    return nd;
}

/* EMU_JIT_BREAK_*: change the uop the test breaks in the uops about to
 * be translated (emu_jit_set_tamper). */
static void tamper(void *arg, emu_block *b, const unsigned *start, unsigned nseg)
{
    const jit_audit *a = arg;
    unsigned from = 0;
    if (a->o.break_op == EMU_JIT_BREAK_TAIL) {
        if (nseg < 2)
            return;
        from = start[1];
    }
    for (unsigned k = from; k + 1 < b->nuops; k++) {
        emu_uop *u = &b->u[k];
        if (a->o.break_op != EMU_JIT_BREAK_STORE && (u->op == GL_OP_MOVI || u->op == GL_OP_ADDI)) {
            u->imm += 1;
            return;
        }
        if (a->o.break_op == EMU_JIT_BREAK_STORE && gl_op_class(u->op) == GL_CLASS_STORE &&
            u->op != GL_OP_STOREPC) {
            u->imm += 8;
            return;
        }
    }
}

int jit_audit_run(jit_audit *a, emu_hart *h, emu_aspace *as, emu_block *b)
{
    emu_jit_code code;
    if (!b->jit) {
        /* translated now, before it runs: the interpreter runs the
         * blocks the translation covers; the test's deliberate error
         * goes into the translation only */
        if (a->o.break_op)
            emu_jit_set_tamper(as->jit, tamper, a);
        emu_jit_prepare(as, b);
        emu_jit_set_tamper(as->jit, NULL, NULL);
    }
    if (!emu_jit_code_of(b, &code))
        return emu_jit_run(h, as, b); /* not translatable: -1 */
    result s, I, J;
    const uint64_t chain_limit = h->chain_limit;
    emu_block **const chain_slot = h->chain_slot;
    const emu_uop *const cur = h->cur;
    save(h, &s, 0);

    a->npages = 0;
    int why = interpret(a, h, as, code.seg, code.nseg);
    save(h, &I, why);
    rewind_pages(a);
    restore(h, &s);
    /* a store into cached code ends a superblock at its next block
     * (translate.h), but the translation's own run would not fault
     * again now: such a run is the interpreter's, not compared */
    const int kicked = __atomic_load_n(&h->chain_limit, __ATOMIC_RELAXED) < chain_limit;
    if (kicked && code.nseg > 1) {
        h->chain_slot = chain_slot;
        h->cur = cur;
        return -1;
    }
    h->chain_limit = chain_limit;
    h->chain_slot = chain_slot;
    h->cur = cur;
    h->cur_blk = b;

    why = jit_run_guarded(h, as, b, 1);
    if (why < 0) /* not translated: nothing ran, the interpreter runs it */
        return why;
    if (why == EMU_EXIT_LOOKUP && h->icount == s.icount)
        return why; /* the budget check at its entry left at once: nothing ran */
    a->blocks++;
    save(h, &J, why);
    if (compare(a, as, &code, &s, &I, &J)) {
        fflush(a->o.log);
        exit(a->o.status);
    }
    return why;
}
