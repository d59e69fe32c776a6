/*
 * translate.c - the block translator (see translate.h): moves and
 * constants, add/sub/adc/sbc with their carry, logic, shifts, multiply
 * (low and high), divide and remainder with the spec's results for a
 * zero divisor and INT64_MIN / -1 (never a host #DE), bit counts,
 * compares, conditional moves, pin, bswap, loads and stores of every
 * width, cas and swap, fence/wfi, and every block end: j, b, ibj, the
 * link sequences (direct ones chained, jtl/jala through the jump cache)
 * and syscall.  Flag liveness writes only a flag some later uop, a
 * successor or a trap can see; a compare directly before `b` is fused
 * with it (the jcc tests the compare's own x86 flags).  A live flag of
 * a compare, add, addi or sub whose operands stay is kept as a
 * description (jit_flagfix: "cmp x, y gives cc") instead of a setcc:
 * written only where something reads it or control leaves, by the trap
 * stubs and the host-fault handler (jit_code.fix) when a later access
 * faults, and by the side exits that need it.
 *
 * Superblocks (translate.h): an earlier segment's `b` is a side exit
 * (its stub takes back the instructions counted for the rest), its `j`
 * nothing.  An edge back to the code's own entry (a loop closing on
 * itself, when chaining is on) is the loop path: it counts and checks
 * the next run and jumps to the body; its budget exit writes the flag
 * from the description, so the flag need not be written per iteration.
 *
 * A load or store whose base is in a host register compares that base
 * with the limit (kept in the frame) the first time the translation
 * uses it since it was written (but by an addi), and addresses
 * [r15 + base + offset]: the guards around the guest memory catch any
 * offset under jit_env.reach / 2 (address()); a loop checks the bases
 * only addis write once, at its entry (plan_carry).  Other accesses
 * compute the address in rax and compare it.  Out of range leaves for a
 * cold stub after the body.  Successor exits are stubs too, reached by
 * rel32 jumps with 4-byte aligned displacements that jit.c re-points
 * at the successor's code once it exists (chaining).
 *
 * Host registers (docs/run.md, "JIT design"): rbp = state + 128, so
 * [rbp + disp8] reaches r0..r31; nine guest registers (r0..r8, or the
 * ones a profile chose) live in rbx, r12, r13, r14, rsi, rdi, r8, r9,
 * r10 for the whole run; r11 is the instruction count; rax, rcx, rdx are
 * scratch; r15 is the guest memory base; the limit and the jit_io
 * pointer are frame words in the state (translate.h, JIT_FR_*), since
 * rsp moves with return prediction.  An operation on a guest register
 * kept in a host one computes there directly; the others are memory
 * operands.
 *
 * Return prediction (jit_env.ras, translate.h): `jal` is a host `call`
 * whose rel32 is the chained exit to the callee, followed by the
 * continuation (a chained exit to the return point and its pc and ib);
 * `jtl` compares its target with the continuation at [rsp] and `ret`s
 * to it when they match, else looks up the jump cache.
 */
#include "translate.h"

#include <stddef.h>
#include <string.h>

#define NMAPPED JIT_NMAPPED
#define FRAME 8 /* keeps rsp 16-aligned (the frame's words are in the state) */

/* The host registers that hold guest registers, in slot order. */
static const x64_reg SLOT[NMAPPED] = {X64_RBX, X64_R12, X64_R13, X64_R14, X64_RSI,
                                      X64_RDI, X64_R8,  X64_R9,  X64_R10};
/* The instruction count, in a register while translated code runs: the
 * budget check at every block entry is then not a chain of loads and
 * stores through memory. */
#define ICOUNT X64_R11

/* Callee-saved host registers the code uses. */
static const x64_reg SAVED[] = {X64_RBX, X64_RBP, X64_R12, X64_R13, X64_R14, X64_R15};
#define NSAVED (sizeof SAVED / sizeof *SAVED)

static x64_mem slot(unsigned word)
{
    return x64_at(X64_RBP, (int32_t)(8 * word) - 128);
}

/* Frame word w (JIT_FR_*) of the state, whose words are at frame_off. */
static x64_mem frame_word(int32_t frame_off, unsigned w)
{
    return x64_at(X64_RBP, frame_off - 128 + (int32_t)(8 * w));
}
#define FR(t, w) frame_word((t)->e->frame_off, (w))

/* Functions that emit guest register accesses have the host map hm in
 * scope (hm[g]: the host register holding guest g, or -1). */
#define mapped(g) (hm[g] >= 0)
#define HOST(g) ((x64_reg)hm[g])

/* dst = guest register g */
static void get_(const int8_t *hm, x64_asm *a, x64_reg dst, unsigned g)
{
    if (mapped(g)) {
        if (HOST(g) != dst)
            x64_mov_rr(a, 8, dst, HOST(g));
    } else {
        x64_load(a, 8, dst, slot(g));
    }
}

static void put_(const int8_t *hm, x64_asm *a, unsigned g, x64_reg src)
{
    if (mapped(g)) {
        if (HOST(g) != src)
            x64_mov_rr(a, 8, HOST(g), src);
    } else {
        x64_store(a, 8, slot(g), src);
    }
}

/* The host register holding guest g, loading it into scratch when it
 * lives in memory. */
static x64_reg src_(const int8_t *hm, x64_asm *a, unsigned g, x64_reg scratch)
{
    if (mapped(g))
        return HOST(g);
    x64_load(a, 8, scratch, slot(g));
    return scratch;
}

/* dst OP= guest register g (register or memory operand) */
static void alu_guest_(const int8_t *hm, x64_asm *a, x64_alu op, x64_reg dst, unsigned g)
{
    if (mapped(g))
        x64_alu_rr(a, op, 8, dst, HOST(g));
    else
        x64_alu_rm(a, op, 8, dst, slot(g));
}

#define get(...) get_(hm, __VA_ARGS__)
#define put(...) put_(hm, __VA_ARGS__)
#define src(...) src_(hm, __VA_ARGS__)
#define alu_guest(...) alu_guest_(hm, __VA_ARGS__)

/* flag = condition of the last x86 flag-setting instruction (flag is
 * always 0 or 1, so its upper bytes stay 0).  Translated code reads the
 * flag back as that byte too: a wider load than the setcc's store
 * could not take its value from the store buffer, and would wait for
 * the store to reach the cache. */
static void set_flag(x64_asm *a, x64_cc cc)
{
    x64_setcc_m(a, cc, slot(JIT_STATE_FLAG));
}

static bool fits32(int64_t v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

/* r += v (64-bit), with rcx as a temporary for wide values */
static void add_const(x64_asm *a, x64_reg r, int64_t v)
{
    if (fits32(v)) {
        if (v)
            x64_alu_ri(a, X64_ADD, 8, r, (int32_t)v);
    } else {
        x64_mov_ri(a, X64_RCX, v);
        x64_alu_rr(a, X64_ADD, 8, r, X64_RCX);
    }
}

/* A branch to a cold trap exit, fixed once the stubs are placed. */
typedef struct tr_exit {
    size_t site;   /* rel32 of the branch to the stub */
    unsigned code; /* JIT_X_LOAD/STORE | uop index */
    jit_flagfix f; /* the flag not yet written (translate.h) */
    int base;      /* a base register found not below the limit (address()), or -1 */
    int32_t off;   /* ... the uop's offset from it */
} tr_exit;

static const jit_flagfix NOFLAG = {.cc = -1};

/* A successor exit: where the block goes after its end. */
typedef struct tr_succ {
    size_t site;  /* rel32 of the (patchable) branch to the stub */
    uint64_t pc, ib;
    unsigned seg; /* the segment it leaves from */
} tr_succ;

/* A superblock's side exit: a `b` taken before the last segment. */
typedef struct tr_side {
    size_t site;     /* rel32 of its jcc */
    uint64_t pc, ib; /* the branch target */
    uint32_t undo;   /* instructions counted at the entry that it skips */
    unsigned seg;
    int setcc;       /* the flag to write from the x86 flags first, or -1 */
    bool self;       /* to the entry: the loop path (self_edge) */
    jit_flagfix f;   /* ... with the flag not yet written */
} tr_side;



/* Cold exits of a translation at most: a memory uop of the checked
 * variant has five (the range check, a page crossed, no read
 * permission, and the color of a load and of a store: cas, swap), and
 * a peeled loop's first uops have theirs twice. */
#define EXITS_MAX ((EMU_BLOCK_MAX + JIT_PEEL_MAX) * 5)

/* The block being emitted. */
typedef struct tr {
    x64_asm *a;
    const jit_env *e;
    const emu_block *b;
    int8_t hm[64]; /* guest register -> host register, or -1 */
    uint64_t known; /* bit g: guest g holds kval[g], a movi of this block (fits an imm32) */
    uint64_t based; /* bit g: guest g (mapped) is within slack[g] of the guest space (address()) */
    uint64_t carry; /* bit g: guest g is checked at the entry and stays based in the loop (plan_carry) */
    bool carry_bad; /* ... but an edge back to the entry has it further out than carry_h says */
    int fuse_cc; /* the x86 flags hold this compare's result (b fuses), or -1 */
    unsigned nexits, nsucc;
    size_t miss[2]; /* rel32s of the jump-cache misses */
    unsigned nmiss;
    size_t budget;  /* rel32 of the budget check's exit */
    /* superblocks (translate.h) */
    unsigned seg;   /* the segment being emitted */
    bool mid_end;   /* the uop being emitted ends a segment before the last */
    bool livein;    /* the flag is live at the entry */
    unsigned cur;   /* the uop being emitted */
    bool cmp;       /* ... is a compare (its b needs the description) */
    jit_flagfix lazy; /* the flag is this compare of guest registers, not yet written */
    uint64_t body;  /* where the code after the entry's budget check starts */
    /* loops (self edges) and peeling (translate.h) */
    unsigned nself; /* edges to the entry emitted */
    bool peel;      /* the entry runs the first iteration's prefix, the body starts
                     * with the flag described as peel_f */
    bool peel_bad;  /* ... but an edge to the entry has another description */
    jit_flagfix peel_f;
    unsigned nside;
    size_t check[JIT_SEGS_MAX]; /* rel32 of segment s's chain-limit test, or 0 */
    /* from here on not zeroed (tr_init): read only below the counts
     * above, where check[] is set, or where known has the bit */
    int64_t kval[64];
    uint32_t slack[64];   /* where based has the bit: base in [-slack, limit + slack) */
    uint32_t carry_h[64]; /* where carry has the bit: its slack at the body's start */
    tr_exit exit[EXITS_MAX];
    tr_succ succ[JIT_SUCC_MAX];
    jit_flagfix checkf[JIT_SEGS_MAX];
    tr_side side[JIT_SEGS_MAX];
} tr;

/* The fields before kval zeroed, the tables after it left as they are
 * (several KiB: clearing them cost more than some translations). */
static void tr_init(tr *t, x64_asm *a, const jit_env *e, const emu_block *b)
{
    memset(t, 0, offsetof(tr, kval));
    t->a = a;
    t->e = e;
    t->b = b;
    t->fuse_cc = -1;
}

static bool known(const tr *t, unsigned g)
{
    return t->known >> (g & 63) & 1;
}

/* A direct edge (b's ib) to the entry of this code: a loop path. */
static bool is_self(const tr *t, uint64_t pc)
{
    return t->e->loops && pc == t->b->pc;
}

/* Whether the loop path writes the flag before it jumps back: when the
 * flag is live at the entry, unless the loop is peeled (its body then
 * starts with the flag described as it is on the loop path). */
static bool loop_writes_flag(const tr *t)
{
    return t->livein && !t->peel;
}

static bool same_flag(jit_flagfix f, jit_flagfix g)
{
    return f.cc == g.cc && (f.cc < 0 || (f.x == g.x && f.yimm == g.yimm &&
                                         (f.yimm ? f.imm == g.imm : f.y == g.y)));
}

/* An edge to the entry with the flag f not yet written. */
static void note_self(tr *t, jit_flagfix f)
{
    t->nself++;
    if (t->peel && !same_flag(f, t->peel_f))
        t->peel_bad = true;
    /* the body starts with the carried registers based, carry_h out */
    if (t->carry & ~t->based)
        t->carry_bad = true;
    for (uint64_t m = t->carry; m; m &= m - 1) {
        unsigned g = (unsigned)__builtin_ctzll(m);
        if (t->slack[g] > t->carry_h[g])
            t->carry_bad = true;
    }
}

/* flag = f (rcx is scratch; rax is kept) */
static void emit_fix(tr *t, jit_flagfix f)
{
    x64_asm *a = t->a;
    const int8_t *hm = t->hm;
    if (f.cc < 0)
        return;
    x64_reg r = src(a, f.x, X64_RCX);
    if (f.yimm)
        x64_alu_ri(a, X64_CMP, 8, r, f.imm);
    else
        alu_guest(a, X64_CMP, r, f.y);
    set_flag(a, (x64_cc)f.cc);
}

static void materialize(tr *t);
static void self_edge(tr *t, uint32_t undo, jit_flagfix f);
static void direct(tr *t, int cc, uint64_t pc, uint64_t ib);

/* The end of the code, straight on to pc (b's ib). */
static void end_edge(tr *t, uint64_t pc)
{
    bool self = is_self(t, pc);
    if (self)
        note_self(t, t->lazy);
    if (self && !loop_writes_flag(t)) {
        self_edge(t, 0, t->lazy); /* the loop path's exit writes the flag */
    } else {
        materialize(t);
        if (self)
            self_edge(t, 0, NOFLAG);
        else
            direct(t, -1, pc, t->b->ib);
    }
    t->lazy = NOFLAG;
}

/* Write the flag that is still only a description. */
static void materialize(tr *t)
{
    emit_fix(t, t->lazy);
    t->lazy = NOFLAG;
}

static bool writes_reg(unsigned op);
static bool is_memory(unsigned op);
static bool writes_flag(unsigned op);
static bool reads_flag(unsigned op);

/* Whether a description (x, y) of the flag written by uop k is never
 * written out after all: the flag is overwritten before anything reads
 * it, changes x or y or leaves (but through the loop path, whose exit
 * writes it).  Else setcc now is cheaper. */
static bool desc_pays(const tr *t, unsigned k, unsigned x, unsigned y, bool yimm)
{
    const emu_uop *u = t->b->u;
    if (t->b->nuops == 0)
        return false;
    unsigned end = t->b->nuops - 1;
    for (unsigned j = k + 1; j < end; j++) {
        unsigned op = u[j].op;
        if (writes_flag(op) && !reads_flag(op) && !is_memory(op))
            return true;
        if (reads_flag(op) || (writes_flag(op) && is_memory(op)))
            return false;
        if (writes_reg(op) && (u[j].rc == x || (!yimm && u[j].rc == y)))
            return false;
        if (op == GL_OP_J && j + 1 == end)
            return is_self(t, u[j].pc + (uint64_t)u[j].imm) && !loop_writes_flag(t);
        if (gl_op_ends_block(op) && op != GL_OP_J)
            return false;
    }
    return is_self(t, u[end].pc) && !loop_writes_flag(t);
}

/* The flag of a writer (live): a description if one fits, else setcc
 * from the x86 flags the writer just set. */
static void flag_of(tr *t, x64_cc cc, unsigned x, unsigned y, bool yimm, int64_t imm,
                    bool ok)
{
    if (ok && (!yimm || fits32(imm)) && (t->cmp || desc_pays(t, t->cur, x, y, yimm))) {
        t->lazy = (jit_flagfix){.cc = (int8_t)cc, .x = (uint8_t)x, .y = (uint8_t)y,
                                .yimm = yimm, .imm = (int32_t)imm};
    } else {
        set_flag(t->a, cc);
        t->lazy = NOFLAG;
    }
}

/* An edge back to the entry, with undo of the instructions counted
 * skipped: count the next run and, within the budget, jump to the body
 * directly, not through a chained exit; else (falling through) leave in
 * front of the block as its entry's budget check does, with the flag
 * written from f. */
static void self_edge(tr *t, uint32_t undo, jit_flagfix f)
{
    x64_asm *a = t->a;
    x64_alu_ri(a, X64_ADD, 8, ICOUNT, (int32_t)(t->b->n - undo));
    x64_alu_rm(a, X64_CMP, 8, ICOUNT, x64_at(X64_RBP, t->e->climit_off - 128));
    x64_jcc32(a, X64_CC_BE, t->body);
    x64_alu_ri(a, X64_SUB, 8, ICOUNT, (int32_t)t->b->n);
    emit_fix(t, f);
    x64_movabs(a, X64_RDX, t->e->tag);
    x64_mov_ri32(a, X64_RAX, JIT_X_BUDGET);
    x64_jmp32(a, t->e->leave);
}

static void successor(tr *t, size_t site, uint64_t pc, uint64_t ib)
{
    t->succ[t->nsucc++] = (tr_succ){site, pc, ib, t->seg};
}

/* A jump back to code emitted before: a short one when it reaches. */
static void jump_to(x64_asm *a, uint64_t back)
{
    if ((int64_t)(back - (x64_here(a) + 2)) >= -128)
        x64_jmp8(a, back);
    else
        x64_jmp32(a, back);
}

/* eax = code, then the translation's common tail (rdx = its tag, to
 * the exit trampoline). */
static void leave_via(x64_asm *a, unsigned code, uint64_t tail)
{
    x64_mov_ri32(a, X64_RAX, code);
    jump_to(a, tail);
}

/* The x86 condition of a compare uop, or -1. */
static int compare_cc(unsigned op)
{
    switch (op) {
    case GL_OP_CMP_LT: return X64_CC_L;
    case GL_OP_CMP_GE: return X64_CC_GE;
    case GL_OP_CMP_EQ: return X64_CC_E;
    case GL_OP_CMP_NE: return X64_CC_NE;
    case GL_OP_CMP_LTU: return X64_CC_B;
    case GL_OP_CMP_GEU: return X64_CC_AE;
    default: return -1;
    }
}

/* The branch at site to a cold exit; a table too small (which EXITS_MAX
 * rules out) fails the translation rather than leave a branch unset. */
static void cold_exit(tr *t, size_t site, unsigned code)
{
    if (t->nexits < EXITS_MAX)
        t->exit[t->nexits++] = (tr_exit){site, code, t->lazy, -1, 0};
    else
        t->a->overflow = true;
}

/* Bytes a memory uop accesses. */
static unsigned access_size(unsigned op)
{
    switch (op) {
    case GL_OP_LOAD_I8: case GL_OP_LOAD_U8: case GL_OP_STORE_I8: return 1;
    case GL_OP_LOAD_I16: case GL_OP_LOAD_U16: case GL_OP_STORE_I16: return 2;
    case GL_OP_LOAD_I32: case GL_OP_LOAD_U32: case GL_OP_STORE_I32: return 4;
    default: return 8;
    }
}

/* The checked variant, rax = an address in range: what the checking
 * interpreter checks (interp_body.h LDCHK/STCHK), in its order: the
 * page's read permission (loads), then its color against the block's
 * masks.  An access that crosses a page leaves for the caller to step
 * it in the interpreter. */
static void check(tr *t, const emu_uop *u, unsigned k, unsigned kind)
{
    x64_asm *a = t->a;
    const jit_env *e = t->e;
    bool load = kind == JIT_X_LOAD || u->op == GL_OP_CAS || u->op == GL_OP_SWAP;
    bool store = kind == JIT_X_STORE;
    unsigned n = access_size(u->op);
    if (n > 1) {
        x64_lea(a, 8, X64_RCX, x64_at(X64_RAX, (int32_t)n - 1));
        x64_alu_rr(a, X64_XOR, 8, X64_RCX, X64_RAX);
        x64_shift_ri(a, X64_SHR, 8, X64_RCX, 12);
        cold_exit(t, x64_jcc32(a, X64_CC_NE, x64_here(a)), JIT_X_STEP | k);
    }
    x64_mov_rr(a, 8, X64_RCX, X64_RAX);
    x64_shift_ri(a, X64_SHR, 8, X64_RCX, 12);
    if (load) {
        x64_movabs(a, X64_RDX, e->perm);
        x64_movzx(a, 1, X64_RDX, x64_at_index(X64_RDX, X64_RCX, 1, 0));
        x64_test_ri(a, 4, X64_RDX, 1 /* EMU_P_R */);
        cold_exit(t, x64_jcc32(a, X64_CC_E, x64_here(a)), JIT_X_RDFAULT | k);
    }
    x64_movabs(a, X64_RDX, e->color);
    x64_movzx(a, 1, X64_RCX, x64_at_index(X64_RDX, X64_RCX, 1, 0)); /* cl = the page's color */
    for (int st = 0; st < 2; st++) {
        if (st ? !store : !load)
            continue;
        x64_mov_ri32(a, X64_RDX, st ? e->wmask : e->rmask);
        x64_shift_rcl(a, X64_SHR, 4, X64_RDX);
        x64_test_ri(a, 4, X64_RDX, 1);
        cold_exit(t, x64_jcc32(a, X64_CC_E, x64_here(a)), (st ? JIT_X_CAP_STORE : JIT_X_CAP_LOAD) | k);
    }
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

/* Whether address() gives u (a load or store) as [r15 + base + offset],
 * its base checked only while not based (below). */
static bool base_access(const tr *t, const emu_uop *u)
{
    const int8_t *hm = t->hm;
    return u->op != GL_OP_LOADPC && u->op != GL_OP_STOREPC && u->op != GL_OP_CAS &&
           u->op != GL_OP_SWAP && mapped(u->rb) && !t->e->checked &&
           magnitude(u->imm) < (uint64_t)(t->e->reach / 2);
}

/* rax = the effective address of a load or store, checked: out of
 * range goes to the uop's cold exit.  Returns the host operand.
 *
 * A base register in a host register is based once a check found it
 * below the limit, and stays so, with a slack, until a uop other than
 * an addi writes it: base in [-slack, limit + slack), where an addi adds
 * its constant's magnitude and an access that did not fault shows
 * base + offset in the guest space (slack at most |offset|).  An access
 * with slack + |offset| under jit_env.reach / 2 needs no check: it is
 * in the guest space or a guard, which faults (mem.h). */
static x64_mem address(tr *t, const emu_uop *u, unsigned k, unsigned kind)
{
    x64_asm *a = t->a;
    const int8_t *hm = t->hm;
    if (u->op == GL_OP_LOADPC || u->op == GL_OP_STOREPC) { /* known now */
        uint64_t ea = (uint64_t)u->imm;
        if (ea >= t->e->limit) {
            x64_mov_ri(a, X64_RAX, u->imm);
            cold_exit(t, x64_jmp32(a, x64_here(a)), kind | k);
            return x64_at(X64_R15, 0);
        }
        if (t->e->checked) {
            x64_mov_ri(a, X64_RAX, u->imm);
            check(t, u, k, kind);
            return x64_at_index(X64_R15, X64_RAX, 1, 0);
        }
        if (ea <= INT32_MAX)
            return x64_at(X64_R15, (int32_t)ea);
        x64_mov_ri(a, X64_RAX, u->imm);
        return x64_at_index(X64_R15, X64_RAX, 1, 0);
    }
    int64_t reach = t->e->reach / 2; /* an access's bytes fit in the other half */
    if (base_access(t, u)) {
        /* base + offset, the base checked below the limit once until it
         * changes: the offset stays within the guards, which fault
         * (jit_env.reach, mem.h).  A base not below the limit goes to a
         * stub that checks the address itself: out of range, the trap;
         * else (a negative offset) the interpreter steps the uop. */
        unsigned g = u->rb & 63;
        uint64_t bit = (uint64_t)1 << g, off = magnitude(u->imm);
        if (!(t->based & bit) || t->slack[g] + off >= (uint64_t)reach) {
            x64_alu_rm(a, X64_CMP, 8, HOST(u->rb), FR(t, JIT_FR_LIMIT));
            cold_exit(t, x64_jcc32(a, X64_CC_AE, x64_here(a)), kind | k);
            if (t->nexits) {
                t->exit[t->nexits - 1].base = HOST(u->rb);
                t->exit[t->nexits - 1].off = (int32_t)u->imm;
            }
            t->based |= bit;
            t->slack[g] = 0;
        }
        /* it did not fault: base + offset is in the guest space */
        if (t->slack[g] > off)
            t->slack[g] = (uint32_t)off;
        return x64_at_index(X64_R15, HOST(u->rb), 1, (int32_t)u->imm);
    }
    if (mapped(u->rb) && fits32(u->imm)) {
        x64_lea(a, 8, X64_RAX, x64_at(HOST(u->rb), (int32_t)u->imm));
    } else {
        get(a, X64_RAX, u->rb);
        add_const(a, X64_RAX, u->imm);
    }
    x64_alu_rm(a, X64_CMP, 8, X64_RAX, FR(t, JIT_FR_LIMIT));
    cold_exit(t, x64_jcc32(a, X64_CC_AE, x64_here(a)), kind | k);
    if (t->e->checked)
        check(t, u, k, kind);
    return x64_at_index(X64_R15, X64_RAX, 1, 0);
}

/* Does the uop touch data memory (isa.def's mem column)? */
static bool is_memory(unsigned op)
{
    return gl_op_mem_size(op) != 0;
}

/* What a uop does with the flag (isa.def's flags column). */
static bool writes_flag(unsigned op)
{
    return gl_op_flags(op) & GL_FLAG_W;
}

static bool reads_flag(unsigned op)
{
    return gl_op_flags(op) & GL_FLAG_R;
}

/* A forward rel8 branch, fixed by here(). */
static size_t fwd8(x64_asm *a, int cc)
{
    return cc < 0 ? x64_jmp8(a, x64_here(a)) : x64_jcc8(a, (x64_cc)cc, x64_here(a));
}

static void here(x64_asm *a, size_t site)
{
    x64_patch_rel8(a, site, x64_here(a));
}

/* div, divu, rem, remu: the guards keep x86 from #DE (docs/isa.md:
 * x / 0 = 0 and x % 0 = x with flag 1; INT64_MIN / -1 = INT64_MIN,
 * INT64_MIN % -1 = 0). */
static void divide(const int8_t *hm, x64_asm *a, const emu_uop *u, bool flag_live)
{
    bool sign = u->op == GL_OP_DIV || u->op == GL_OP_REM;
    bool rem = u->op == GL_OP_REM || u->op == GL_OP_REMU;
    get(a, X64_RCX, u->ra);
    get(a, X64_RAX, u->rb);
    x64_test_rr(a, 8, X64_RCX, X64_RCX);
    size_t zero = fwd8(a, X64_CC_E), minus = 0;
    if (sign) {
        x64_alu_ri(a, X64_CMP, 8, X64_RCX, -1);
        minus = fwd8(a, X64_CC_E);
        x64_cqo(a);
        x64_unary_r(a, X64_IDIV, 8, X64_RCX);
    } else {
        x64_alu_rr(a, X64_XOR, 4, X64_RDX, X64_RDX);
        x64_unary_r(a, X64_DIV, 8, X64_RCX);
    }
    if (rem)
        x64_mov_rr(a, 8, X64_RAX, X64_RDX);
    size_t done = fwd8(a, -1), done2 = 0;
    if (sign) {
        here(a, minus);
        if (rem)
            x64_alu_rr(a, X64_XOR, 4, X64_RAX, X64_RAX);
        else
            x64_unary_r(a, X64_NEG, 8, X64_RAX);
        done2 = fwd8(a, -1);
    }
    here(a, zero); /* rem: rax is still x */
    if (!rem)
        x64_alu_rr(a, X64_XOR, 4, X64_RAX, X64_RAX);
    if (sign)
        here(a, done2);
    here(a, done);
    if (flag_live) {
        x64_test_rr(a, 8, X64_RCX, X64_RCX);
        set_flag(a, X64_CC_E);
    }
    put(a, u->rc, X64_RAX);
}

/* rc = rb OP ra for the two-operand x86 ALU ops; carry for add/sub */
static void alu3(tr *t, const emu_uop *u, x64_alu op, bool flag_live)
{
    x64_asm *a = t->a;
    const int8_t *hm = t->hm;
    bool commutes = op != X64_SUB;
    x64_reg d = X64_RAX;
    unsigned other = u->ra;
    if (mapped(u->rc) && u->rc != u->ra) {
        d = HOST(u->rc);
        get(a, d, u->rb);
    } else if (mapped(u->rc) && commutes) { /* rc == ra: rc OP= rb */
        d = HOST(u->rc);
        other = u->rb;
    } else {
        get(a, X64_RAX, u->rb);
    }
    if (known(t, other))
        x64_alu_ri(a, op, 8, d, (int32_t)t->kval[other]);
    else
        alu_guest(a, op, d, other);
    /* carry: sum <u either addend; no borrow: rb >=u ra */
    if (flag_live && op == X64_ADD)
        flag_of(t, X64_CC_B, u->rc, u->rc != u->rb ? u->rb : u->ra, false, 0,
                u->rc != u->rb || u->rc != u->ra);
    if (flag_live && op == X64_SUB)
        flag_of(t, X64_CC_AE, u->rb, u->ra, false, 0, u->rc != u->rb && u->rc != u->ra);
    put(a, u->rc, d);
}

/* The direct successor exit at a patchable jump (cc < 0) or jcc. */
static void direct(tr *t, int cc, uint64_t pc, uint64_t ib)
{
    x64_asm *a = t->a;
    size_t site;
    if (cc < 0) {
        site = x64_jmp_patchable(a, x64_here(a));
    } else {
        x64_nop(a, (4 - ((x64_here(a) + 2) & 3)) & 3); /* 0f 8x: rel32 aligned */
        site = x64_jcc32(a, (x64_cc)cc, x64_here(a));
    }
    successor(t, site, pc, ib);
}

/* rax = pc, rdx = ib of an indirect jump.  A return (ret) with return
 * prediction first compares them with the continuation the top entry
 * points at (match: pop it with `ret`; the continuation's code is
 * chained, and its exit stores its own pc and ib).  Then store them and
 * look up the jump cache (hit: jump there; miss: the stub leaves). */
static void indirect(tr *t, bool ret)
{
    x64_asm *a = t->a;
    if (ret && t->e->ras && t->e->jc) {
        /* with no entry [rsp] is the sentinel, whose pc no jump reaches */
        x64_load(a, 8, X64_RCX, x64_at(X64_RSP, 0));
        x64_alu_rm(a, X64_CMP, 8, X64_RAX, x64_at(X64_RCX, JIT_RAS_PC));
        size_t miss = fwd8(a, X64_CC_NE);
        x64_alu_rm(a, X64_CMP, 8, X64_RDX, x64_at(X64_RCX, JIT_RAS_IB));
        size_t miss2 = fwd8(a, X64_CC_NE);
        if (t->e->hits) /* the counters are for --stats (jit_env.hits) */
            x64_alu_mi(a, X64_ADD, 8, FR(t, JIT_FR_RAS_HIT), 1);
        x64_ret(a);
        here(a, miss);
        here(a, miss2);
        if (t->e->hits) {
            x64_alu_rm(a, X64_CMP, 8, X64_RSP, FR(t, JIT_FR_SP));
            size_t empty = fwd8(a, X64_CC_AE);
            x64_alu_mi(a, X64_ADD, 8, FR(t, JIT_FR_RAS_MISS), 1);
            size_t lookup = fwd8(a, -1);
            here(a, empty);
            x64_alu_mi(a, X64_ADD, 8, FR(t, JIT_FR_RAS_EMPTY), 1);
            here(a, lookup);
        }
    }
    x64_store(a, 8, slot(JIT_STATE_PC), X64_RAX);
    x64_store(a, 8, slot(JIT_STATE_IB), X64_RDX);
    if (!t->e->jc) {
        t->miss[t->nmiss++] = x64_jmp32(a, x64_here(a));
        return;
    }
    /* rcx = jit_jc_index(pc, ib) * 32 */
    x64_mov_rr(a, 8, X64_RCX, X64_RDX);
    x64_shift_ri(a, X64_SHR, 8, X64_RCX, 5);
    x64_alu_rr(a, X64_XOR, 8, X64_RCX, X64_RAX);
    x64_shift_ri(a, X64_SHR, 8, X64_RCX, 1);
    x64_alu_ri(a, X64_AND, 4, X64_RCX, JIT_JC_SIZE - 1);
    x64_shift_ri(a, X64_SHL, 4, X64_RCX, 5);
    x64_movabs(a, X64_RDX, t->e->jc);
    x64_alu_rr(a, X64_ADD, 8, X64_RCX, X64_RDX);
    x64_alu_rm(a, X64_CMP, 8, X64_RAX, x64_at(X64_RCX, offsetof(jit_jc_entry, pc)));
    t->miss[t->nmiss++] = x64_jcc32(a, X64_CC_NE, x64_here(a));
    x64_load(a, 8, X64_RAX, slot(JIT_STATE_IB));
    x64_alu_rm(a, X64_CMP, 8, X64_RAX, x64_at(X64_RCX, offsetof(jit_jc_entry, ib)));
    t->miss[t->nmiss++] = x64_jcc32(a, X64_CC_NE, x64_here(a));
    if (t->e->hits) /* a read-modify-write per jump: only when asked */
        x64_alu_mi(a, X64_ADD, 8, x64_at(X64_RDX, offsetof(jit_jc, hits)), 1);
    x64_jmp_m(a, x64_at(X64_RCX, offsetof(jit_jc_entry, code)));
}

/* A call (jal) to (pc, ib) with return prediction, returning to
 * (rpc, rib) by the ABI: `call` the chained exit to the callee (past the
 * depth bound the push faults in the guard page, translate.h); the
 * continuation it pushes is a chained exit to the return point with rpc
 * and rib after it, as the immediates of two movabs (never run: the
 * disassembly stays clean). */
static void call(tr *t, uint64_t pc, uint64_t ib, uint64_t rpc, uint64_t rib)
{
    x64_asm *a = t->a;
    successor(t, x64_call_patchable(a, x64_here(a)), pc, ib);
    /* cont is 4-aligned: a 3-byte nop aligns the jmp's rel32, then rpc
     * at cont + 8 + 2 */
    uint64_t cont = x64_here(a);
    x64_nop_one(a, 3);
    successor(t, x64_jmp32(a, x64_here(a)), rpc, rib);
    if (x64_here(a) != cont + JIT_RAS_PC - 2)
        a->overflow = true; /* (cannot happen) */
    x64_movabs(a, X64_RAX, rpc);
    x64_movabs(a, X64_RAX, rib); /* rib at cont + 18 + 2 */
}

/* Emit uop k (false: not handled). */
static bool uop(tr *t, const emu_uop *u, unsigned k, bool flag_live)
{
    x64_asm *a = t->a;
    const int8_t *hm = t->hm;
    const emu_block *b = t->b;
    x64_cc cc;
    x64_shift sh;
    x64_mem m;
    x64_reg d, s;
    int w;
    switch (u->op) {
    case GL_OP_LOAD: case GL_OP_LOADPC:
        m = address(t, u, k, JIT_X_LOAD);
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        x64_load(a, 8, d, m);
        put(a, u->rc, d);
        return true;
    case GL_OP_LOAD_U8: case GL_OP_LOAD_U16:
        m = address(t, u, k, JIT_X_LOAD);
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        x64_movzx(a, u->op == GL_OP_LOAD_U8 ? 1 : 2, d, m);
        put(a, u->rc, d);
        return true;
    case GL_OP_LOAD_U32:
        m = address(t, u, k, JIT_X_LOAD);
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        x64_load(a, 4, d, m); /* zero-extends */
        put(a, u->rc, d);
        return true;
    case GL_OP_LOAD_I8: case GL_OP_LOAD_I16: case GL_OP_LOAD_I32:
        m = address(t, u, k, JIT_X_LOAD);
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        x64_movsx(a, u->op == GL_OP_LOAD_I8 ? 1 : u->op == GL_OP_LOAD_I16 ? 2 : 4, d, m);
        put(a, u->rc, d);
        return true;
    case GL_OP_STORE: case GL_OP_STOREPC: w = 8; goto store;
    case GL_OP_STORE_I8: w = 1; goto store;
    case GL_OP_STORE_I16: w = 2; goto store;
    case GL_OP_STORE_I32: w = 4;
    store:
        m = address(t, u, k, JIT_X_STORE);
        x64_store(a, w, m, src(a, u->rc, X64_RCX));
        return true;
    case GL_OP_CAS: case GL_OP_SWAP:
        /* the address has no offset; both check as a load and a store
         * (in range: the same check) */
        m = address(t, u, k, JIT_X_STORE);
        x64_mov_rr(a, 8, X64_RDX, X64_RAX);
        m = x64_at_index(X64_R15, X64_RDX, 1, 0);
        get(a, X64_RCX, u->ra);
        if (u->op == GL_OP_SWAP) {
            x64_xchg_mr(a, 8, m, X64_RCX);
            put(a, u->rc, X64_RCX);
        } else {
            get(a, X64_RAX, u->rc);
            x64_lock_cmpxchg(a, 8, m, X64_RCX);
            set_flag(a, X64_CC_E);
            put(a, u->rc, X64_RAX);
        }
        return true;
    case GL_OP_MOVI: case GL_OP_MOVD: case GL_OP_MOVQ: case GL_OP_LEAPC:
        if (mapped(u->rc)) {
            x64_mov_ri(a, HOST(u->rc), u->imm);
        } else if (fits32(u->imm)) {
            x64_store_i(a, 8, slot(u->rc), (int32_t)u->imm);
        } else {
            x64_mov_ri(a, X64_RAX, u->imm);
            put(a, u->rc, X64_RAX);
        }
        return true;
    case GL_OP_ADDI: case GL_OP_ADDD:
        if (fits32(u->imm) && !mapped(u->rc)) {
            x64_alu_mi(a, X64_ADD, 8, slot(u->rc), (int32_t)u->imm);
            if (flag_live) /* carry: sum <u the constant */
                flag_of(t, X64_CC_B, u->rc, 0, true, u->imm, true);
            return true;
        }
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rc);
        if (fits32(u->imm)) {
            x64_alu_ri(a, X64_ADD, 8, d, (int32_t)u->imm);
        } else {
            x64_mov_ri(a, X64_RCX, u->imm);
            x64_alu_rr(a, X64_ADD, 8, d, X64_RCX);
        }
        if (flag_live)
            flag_of(t, X64_CC_B, u->rc, 0, true, u->imm, true);
        put(a, u->rc, d);
        return true;
    case GL_OP_SRLI: sh = X64_SHR; goto shift_imm;
    case GL_OP_SRAI: sh = X64_SAR; goto shift_imm;
    case GL_OP_SLLI: sh = X64_SHL;
    shift_imm:
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rc);
        x64_shift_ri(a, sh, 8, d, (uint8_t)(u->imm & 63));
        put(a, u->rc, d);
        return true;
    case GL_OP_MOV: case GL_OP_SEXT:
        if (mapped(u->rc)) {
            get(a, HOST(u->rc), u->rb);
        } else {
            s = src(a, u->rb, X64_RAX);
            put(a, u->rc, s);
        }
        return true;
    case GL_OP_NOT: case GL_OP_NEG:
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rb);
        x64_unary_r(a, u->op == GL_OP_NOT ? X64_NOT : X64_NEG, 8, d);
        put(a, u->rc, d);
        return true;
    case GL_OP_BSWAP:
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rb);
        x64_bswap(a, 8, d);
        put(a, u->rc, d);
        return true;
    case GL_OP_CTZ: case GL_OP_CLZ: case GL_OP_CTPOP: /* tzcnt/lzcnt of 0 = 64 */
        s = src(a, u->rb, X64_RCX);
        x64_bitcount_rr(a, u->op == GL_OP_CTZ ? X64_TZCNT : u->op == GL_OP_CLZ ? X64_LZCNT
                                                                               : X64_POPCNT,
                        8, X64_RAX, s);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_AND: alu3(t, u, X64_AND, false); return true;
    case GL_OP_OR: alu3(t, u, X64_OR, false); return true;
    case GL_OP_XOR: alu3(t, u, X64_XOR, false); return true;
    case GL_OP_ADD: alu3(t, u, X64_ADD, flag_live); return true;
    case GL_OP_SUB: alu3(t, u, X64_SUB, flag_live); return true;
    case GL_OP_ADC: case GL_OP_SBC:
        get(a, X64_RAX, u->rb);
        if (u->op == GL_OP_ADC) { /* CF = carry in */
            x64_movzx(a, 1, X64_RCX, slot(JIT_STATE_FLAG));
            x64_bt_ri(a, 4, X64_RCX, 0);
        } else {
            x64_alu_mi(a, X64_CMP, 1, slot(JIT_STATE_FLAG), 1); /* CF = flag == 0: borrow in */
        }
        alu_guest(a, u->op == GL_OP_ADC ? X64_ADC : X64_SBB, X64_RAX, u->ra);
        if (flag_live)
            set_flag(a, u->op == GL_OP_ADC ? X64_CC_B : X64_CC_AE);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_MUL:
        d = mapped(u->rc) && u->rc != u->ra ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rb);
        if (mapped(u->ra))
            x64_imul_rr(a, 8, d, HOST(u->ra));
        else
            x64_imul_rm(a, 8, d, slot(u->ra));
        put(a, u->rc, d);
        return true;
    case GL_OP_MULH: case GL_OP_MULHU:
        get(a, X64_RAX, u->rb);
        if (mapped(u->ra))
            x64_unary_r(a, u->op == GL_OP_MULH ? X64_IMUL1 : X64_MUL, 8, HOST(u->ra));
        else
            x64_unary_m(a, u->op == GL_OP_MULH ? X64_IMUL1 : X64_MUL, 8, slot(u->ra));
        put(a, u->rc, X64_RDX);
        return true;
    case GL_OP_DIV: case GL_OP_DIVU: case GL_OP_REM: case GL_OP_REMU:
        divide(hm, a, u, flag_live);
        return true;
    case GL_OP_SRL: sh = X64_SHR; goto shift_reg;
    case GL_OP_SRA: sh = X64_SAR; goto shift_reg;
    case GL_OP_SLL: sh = X64_SHL;
    shift_reg: /* x86 masks the count by 63, as glyph does */
        get(a, X64_RCX, u->ra);
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rb);
        x64_shift_rcl(a, sh, 8, d);
        put(a, u->rc, d);
        return true;
    case GL_OP_PIN: /* (u32)(pc - ra) | (u32)(ib - rb) << 32 */
        x64_mov_ri32(a, X64_RCX, (uint32_t)b->ib);
        alu_guest(a, X64_SUB, X64_RCX, u->rb);
        x64_mov_rr(a, 4, X64_RCX, X64_RCX);
        x64_shift_ri(a, X64_SHL, 8, X64_RCX, 32);
        x64_mov_ri32(a, X64_RAX, (uint32_t)u->pc);
        if (mapped(u->ra))
            x64_alu_rr(a, X64_SUB, 4, X64_RAX, HOST(u->ra));
        else
            x64_alu_rm(a, X64_SUB, 4, X64_RAX, slot(u->ra));
        x64_alu_rr(a, X64_OR, 8, X64_RAX, X64_RCX);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_CMP_LT: case GL_OP_CMP_GE: case GL_OP_CMP_EQ: case GL_OP_CMP_NE:
    case GL_OP_CMP_LTU: case GL_OP_CMP_GEU:
        cc = (x64_cc)compare_cc(u->op);
        if (flag_live) {
            s = src(a, u->rc, X64_RAX);
            if (known(t, u->rb))
                x64_alu_ri(a, X64_CMP, 8, s, (int32_t)t->kval[u->rb]);
            else
                alu_guest(a, X64_CMP, s, u->rb);
            t->cmp = true;
            flag_of(t, cc, u->rc, u->rb, false, 0, true); /* the x86 flags stay */
            t->cmp = false;
            t->fuse_cc = (int)cc;
        }
        return true;
    case GL_OP_CMOV: case GL_OP_NCMOV:
        d = mapped(u->rc) ? HOST(u->rc) : X64_RAX;
        get(a, d, u->rc);
        s = src(a, u->rb, X64_RCX);
        x64_alu_mi(a, X64_CMP, 1, slot(JIT_STATE_FLAG), 0);
        x64_cmovcc(a, u->op == GL_OP_CMOV ? X64_CC_NE : X64_CC_E, 8, d, s);
        put(a, u->rc, d);
        return true;
    case GL_OP_FENCE: /* harts are host threads (cas and swap are locked already) */
        x64_mfence(a);
        return true;
    case GL_OP_WFI: /* a no-op in user mode */
        return true;
    case GL_OP_J:
        if (!t->mid_end) /* else the next segment is its target */
            end_edge(t, u->pc + (uint64_t)u->imm);
        return true;
    case GL_OP_IBJ:
        direct(t, -1, u->pc + u->len, b->ib + (uint64_t)u->imm);
        return true;
    case GL_OP_B: {
        /* fused: the compare before it left its x86 flags, and the flag
         * only as a description (t->lazy), written on the edges that
         * need it; else the flag is in memory */
        bool fused = t->fuse_cc >= 0;
        if (fused) {
            cc = (x64_cc)t->fuse_cc;
        } else {
            x64_alu_mi(a, X64_CMP, 1, slot(JIT_STATE_FLAG), 0);
            cc = X64_CC_NE;
        }
        jit_flagfix f = fused ? t->lazy : NOFLAG;
        uint64_t taken = u->pc + (uint64_t)u->imm, fall = u->pc + u->len;
        bool st = is_self(t, taken), sf = is_self(t, fall);
        if (st)
            note_self(t, f);
        if (sf && !t->mid_end)
            note_self(t, f);
        bool lw = loop_writes_flag(t);
        if (t->mid_end) { /* taken: a side exit; not taken: the next segment */
            t->side[t->nside++] = (tr_side){x64_jcc32(a, cc, x64_here(a)), taken, b->ib,
                                            b->n - (uint32_t)(k + 1), t->seg,
                                            fused && (!st || lw) ? (int)cc : -1, st, f};
            return true;
        }
        if (!st && !sf) {
            if (fused)
                set_flag(a, cc); /* setcc: the x86 flags stay */
            direct(t, (int)cc, taken, b->ib);
            direct(t, -1, fall, b->ib);
            t->lazy = NOFLAG;
            return true;
        }
        if (st && !sf) { /* a loop's end: leave when not taken, else the loop path inline */
            t->side[t->nside++] = (tr_side){x64_jcc32(a, X64_CC_INVERT(cc), x64_here(a)), fall,
                                            b->ib, 0, t->seg,
                                            fused ? (int)cc : -1, false, f};
            if (fused && lw)
                set_flag(a, cc);
            self_edge(t, 0, f);
            t->lazy = NOFLAG;
            return true;
        }
        if (st || fused) /* through a stub: the loop path, or setcc first */
            t->side[t->nside++] = (tr_side){x64_jcc32(a, cc, x64_here(a)), taken, b->ib, 0,
                                            t->seg, fused && (!st || lw) ? (int)cc : -1,
                                            st, f};
        else
            direct(t, (int)cc, taken, b->ib);
        if (fused && (!sf || lw))
            set_flag(a, cc);
        if (sf)
            self_edge(t, 0, f);
        else
            direct(t, -1, fall, b->ib);
        t->lazy = NOFLAG;
        return true;
    }
    case GL_OP_LJ: case GL_OP_LJAL: { /* docs/isa.md 3.1: constant vector */
        uint64_t c = (uint64_t)u->imm;
        int64_t dp = (int32_t)(uint32_t)c, di = (int32_t)(uint32_t)(c >> 32);
        if (u->op == GL_OP_LJAL) {
            if (mapped(u->rc)) {
                x64_mov_ri(a, HOST(u->rc), (int64_t)c);
            } else {
                x64_mov_ri(a, X64_RAX, (int64_t)c);
                put(a, u->rc, X64_RAX);
            }
        }
        if (u->op == GL_OP_LJAL && t->e->ras)
            call(t, u->pc + (uint64_t)dp, b->ib + (uint64_t)di, u->pc + 2, b->ib);
        else
            direct(t, -1, u->pc + (uint64_t)dp, b->ib + (uint64_t)di);
        return true;
    }
    case GL_OP_LJTL: { /* pc - sext(lr.lo), ib - sext(lr.hi), plus the vector */
        uint64_t c = (uint64_t)u->imm;
        int64_t dp = (int32_t)(uint32_t)c, di = (int32_t)(uint32_t)(c >> 32);
        get(a, X64_RDX, u->rc);
        x64_movsx_rr(a, 4, X64_RAX, X64_RDX);
        x64_shift_ri(a, X64_SAR, 8, X64_RDX, 32);
        x64_unary_r(a, X64_NEG, 8, X64_RAX);
        x64_unary_r(a, X64_NEG, 8, X64_RDX);
        add_const(a, X64_RAX, (int64_t)(u->pc + (uint64_t)dp));
        add_const(a, X64_RDX, (int64_t)(b->ib + (uint64_t)di));
        indirect(t, u->rc == GL_REG_RA); /* jtl t0: the ABI's indirect jump (__grt_icall) */
        return true;
    }
    case GL_OP_LJALA: { /* lanes of lr added to the vector's, 32-bit wrap */
        uint64_t c = (uint64_t)u->imm;
        get(a, X64_RDX, u->rc);
        x64_mov_rr(a, 4, X64_RAX, X64_RDX);
        x64_alu_ri(a, X64_ADD, 4, X64_RAX, (int32_t)(uint32_t)c);
        x64_shift_ri(a, X64_SHR, 8, X64_RDX, 32);
        x64_alu_ri(a, X64_ADD, 4, X64_RDX, (int32_t)(uint32_t)(c >> 32));
        x64_mov_rr(a, 8, X64_RCX, X64_RDX);
        x64_shift_ri(a, X64_SHL, 8, X64_RCX, 32);
        x64_alu_rr(a, X64_OR, 8, X64_RCX, X64_RAX);
        put(a, u->rc, X64_RCX);
        x64_movsx_rr(a, 4, X64_RAX, X64_RAX);
        x64_movsx_rr(a, 4, X64_RDX, X64_RDX);
        add_const(a, X64_RAX, (int64_t)u->pc);
        add_const(a, X64_RDX, (int64_t)b->ib);
        indirect(t, false);
        return true;
    }
    case GL_OP_SYSCALL: /* the block's last instruction (pc: jit_exit_target) */
        x64_movabs(a, X64_RDX, t->e->tag);
        x64_mov_ri32(a, X64_RAX, JIT_X_SYSCALL);
        x64_jmp32(a, t->e->leave);
        return true;
    default:
        return false;
    }
}

x64_reg jit_slot_reg(unsigned i)
{
    return SLOT[i];
}

/* The default assignment: r0..r8 */
static const uint8_t DEFAULT_GUEST[NMAPPED] = {0, 1, 2, 3, 4, 5, 6, 7, 8};

static void host_map(int8_t *hm, const uint8_t *guest)
{
    if (!guest)
        guest = DEFAULT_GUEST;
    for (unsigned g = 0; g < 64; g++)
        hm[g] = -1;
    for (unsigned i = 0; i < NMAPPED; i++)
        hm[guest[i] & 63] = (int8_t)SLOT[i];
}

bool jit_supported(unsigned op, unsigned features)
{
    if (op == GL_OP_CTZ && !(features & JIT_F_BMI1))
        return false;
    if (op == GL_OP_CLZ && !(features & JIT_F_LZCNT))
        return false;
    if (op == GL_OP_CTPOP && !(features & JIT_F_POPCNT))
        return false;
    uint8_t code[512];
    x64_asm a;
    x64_init(&a, code, sizeof code, 0);
    jit_env e = {.limit = 1};
    emu_block b = {0};
    tr t;
    tr_init(&t, &a, &e, &b);
    host_map(t.hm, NULL);
    emu_uop u = {.op = (uint16_t)op};
    return op != EMU_UOP_NEXT && uop(&t, &u, 0, true);
}

int jit_unsupported(const emu_block *b, unsigned features)
{
    if (b->nuops == 0 || b->u[b->nuops - 1].op != EMU_UOP_NEXT)
        return 0;
    for (unsigned k = 0; k + 1 < b->nuops; k++)
        if (!jit_supported(b->u[k].op, features))
            return (int)k;
    return -1;
}

size_t jit_emit_trampolines(x64_asm *a, uint64_t limit, const uint8_t *guest, int32_t icount_off,
                            int32_t frame_off, size_t *enter)
{
    if (!guest)
        guest = DEFAULT_GUEST;
    /* the sentinel return entry: a continuation's layout (translate.h)
     * with pc JIT_JC_EMPTY, which no jump reaches; never run */
    uint64_t sentinel = x64_here(a);
    x64_ud2(a);
    x64_nop(a, JIT_RAS_PC - 2 - 2);
    x64_movabs(a, X64_RAX, JIT_JC_EMPTY);
    x64_movabs(a, X64_RAX, 0);
    x64_nop(a, (16 - (x64_here(a) & 15)) & 15);
    *enter = a->len;
    /* enter: rdi = state, rsi = guest memory, rdx = io, rcx = code */
    for (size_t i = 0; i < NSAVED; i++)
        x64_push(a, SAVED[i]);
    x64_alu_ri(a, X64_SUB, 8, X64_RSP, FRAME);
    x64_mov_rr(a, 8, X64_R15, X64_RSI);
    x64_lea(a, 8, X64_RBP, x64_at(X64_RDI, 128));
    x64_mov_ri(a, X64_RAX, (int64_t)limit);
    x64_store(a, 8, frame_word(frame_off, JIT_FR_LIMIT), X64_RAX);
    x64_store(a, 8, frame_word(frame_off, JIT_FR_IO), X64_RDX);
    x64_store(a, 8, frame_word(frame_off, JIT_FR_HOST), X64_RSP);
    x64_load(a, 8, X64_RAX, frame_word(frame_off, JIT_FR_STACK));
    x64_test_rr(a, 8, X64_RAX, X64_RAX);
    size_t keep = fwd8(a, X64_CC_E); /* 0: the entries go on the host stack */
    x64_mov_rr(a, 8, X64_RSP, X64_RAX);
    here(a, keep);
    x64_store(a, 8, frame_word(frame_off, JIT_FR_SP), X64_RSP);
    x64_movabs(a, X64_RAX, sentinel); /* [rsp] with no entry pushed */
    x64_store(a, 8, x64_at(X64_RSP, 0), X64_RAX);
    for (unsigned i = 0; i < NMAPPED; i++)
        x64_load(a, 8, SLOT[i], slot(guest[i]));
    x64_load(a, 8, ICOUNT, x64_at(X64_RBP, icount_off - 128));
    x64_jmp_r(a, X64_RCX);

    /* leave: eax = the code, rdx = the tag; from any depth of calls */
    x64_nop(a, (16 - (x64_here(a) & 15)) & 15);
    size_t leave = a->len;
    x64_load(a, 8, X64_RSP, frame_word(frame_off, JIT_FR_HOST));
    x64_load(a, 8, X64_RCX, frame_word(frame_off, JIT_FR_IO));
    x64_store(a, 8, x64_at(X64_RCX, offsetof(jit_io, tag)), X64_RDX);
    for (unsigned i = 0; i < NMAPPED; i++)
        x64_store(a, 8, slot(guest[i]), SLOT[i]);
    x64_store(a, 8, x64_at(X64_RBP, icount_off - 128), ICOUNT);
    x64_alu_ri(a, X64_ADD, 8, X64_RSP, FRAME);
    for (size_t i = NSAVED; i-- > 0;)
        x64_pop(a, SAVED[i]);
    x64_ret(a);
    return leave;
}

/* Whether a uop writes its rc (conservatively: all but these). */
static bool writes_reg(unsigned op)
{
    switch (op) {
    case GL_OP_STORE: case GL_OP_STORE_I8: case GL_OP_STORE_I16: case GL_OP_STORE_I32:
    case GL_OP_STOREPC: case GL_OP_CMP_LT: case GL_OP_CMP_GE: case GL_OP_CMP_EQ:
    case GL_OP_CMP_NE: case GL_OP_CMP_LTU: case GL_OP_CMP_GEU: case GL_OP_B: case GL_OP_J:
    case GL_OP_IBJ: case GL_OP_FENCE: case GL_OP_WFI: case GL_OP_SYSCALL: case GL_OP_LJ:
        return false;
    default:
        return true;
    }
}

static bool writes_memory(unsigned op)
{
    switch (op) {
    case GL_OP_STORE: case GL_OP_STORE_I8: case GL_OP_STORE_I16: case GL_OP_STORE_I32:
    case GL_OP_STOREPC: case GL_OP_CAS: case GL_OP_SWAP:
        return true;
    default:
        return false;
    }
}

/* Whether u is an addi of its based register that keeps it based
 * (address()): slack[rc] grows by the constant's magnitude. */
static bool grows(tr *t, const emu_uop *u)
{
    unsigned g = u->rc & 63;
    uint64_t c = magnitude(u->imm), reach = (uint64_t)(t->e->reach / 2);
    if ((u->op != GL_OP_ADDI && u->op != GL_OP_ADDD) || !(t->based >> g & 1) || c >= reach ||
        t->slack[g] + c >= reach)
        return false;
    t->slack[g] += (uint32_t)c;
    return true;
}

/* Uop k of the code (the flag's description kept or written, then its
 * code); *fix: the flag at a host fault in it.  True when it ends the
 * code (a branch, link or syscall). */
static bool step(tr *t, const emu_uop *u, unsigned k, const unsigned *seg, unsigned nseg,
                 const bool *chk, const bool *live, jit_flagfix *fix)
{
    x64_asm *a = t->a;
    const jit_env *e = t->e;
    const emu_uop *v = &u[k];
    t->cur = k;
    int cc = t->fuse_cc;
    t->fuse_cc = -1;
    if (t->seg + 1 < nseg && k == seg[t->seg + 1]) {
        t->seg++;
        cc = -1; /* no fusion across segments */
        if (chk[k]) { /* a store into cached code stops here (translate.h) */
            x64_alu_rm(a, X64_CMP, 8, ICOUNT, x64_at(X64_RBP, e->climit_off - 128));
            t->check[t->seg] = x64_jcc32(a, X64_CC_A, x64_here(a));
            t->checkf[t->seg] = t->lazy;
        }
    }
    t->mid_end = t->seg + 1 < nseg && k + 1 == seg[t->seg + 1];
    bool fused = v->op == GL_OP_B && k > seg[t->seg] && compare_cc(u[k - 1].op) >= 0 &&
                 cc >= 0;
    if (fused)
        t->fuse_cc = cc; /* the compare just before: its x86 flags */
    /* the flag still only described: written before a uop reads it
     * (but a fused b), changes what it is computed from, or leaves
     * (but to this code's entry: end_edge, self_edge) */
    if (t->lazy.cc >= 0) {
        bool ends = gl_op_ends_block(v->op) && v->op != GL_OP_B && v->op != GL_OP_J;
        bool clobbers = v->rc == t->lazy.x || (!t->lazy.yimm && v->rc == t->lazy.y);
        /* overwritten without being read, and nothing traps first */
        bool dead = writes_flag(v->op) && !reads_flag(v->op) && !is_memory(v->op);
        /* ... or changes x or y when nothing after it needs the
         * flag (it is overwritten before a read, trap or exit) */
        bool unneeded = clobbers && writes_reg(v->op) && !live[k] && !reads_flag(v->op) &&
                        !is_memory(v->op) && !ends;
        if (dead || unneeded)
            t->lazy = NOFLAG;
        else if ((reads_flag(v->op) && !fused) || ends || (is_memory(v->op) && writes_flag(v->op)) ||
                 (clobbers && writes_reg(v->op)))
            materialize(t);
    }
    if (writes_flag(v->op))
        t->lazy = NOFLAG;
    *fix = t->lazy; /* a host fault in this uop: the flag */
    uop(t, v, k, live[k]);
    /* every uop writes at most rc (docs/isa.md); an addi keeps a based
     * register based, further out by its constant (address()), and one
     * that only reads rc (a compare, a store) keeps it as it is */
    t->known &= ~((uint64_t)1 << (v->rc & 63));
    if (writes_reg(v->op) && !grows(t, v))
        t->based &= ~((uint64_t)1 << (v->rc & 63));
    if (v->op == GL_OP_MOVI && fits32(v->imm)) {
        t->known |= (uint64_t)1 << (v->rc & 63);
        t->kval[v->rc & 63] = v->imm;
    }
    return gl_op_ends_block(v->op);
}

/* The profile's count of entries (jit_env.count), at the body's start. */
static void count_entry(x64_asm *a, const jit_env *e)
{
    if (e->count) {
        x64_movabs(a, X64_RDX, e->count);
        x64_alu_mi(a, X64_ADD, 8, x64_at(X64_RDX, 0), 1);
    }
}

/* What jit_translate asks of emit(): peel npre uops of the first
 * iteration with the loop path's flag f (npre 0: none); emit() sets bad
 * when the peeled code's edges back were not one with that flag. */
typedef struct peel_plan {
    unsigned npre;
    jit_flagfix f;
    bool bad;
    bool nocarry;   /* no registers carried based (plan_carry) */
    bool carry_bad; /* emit() found an edge back without them as planned */
} peel_plan;

/* Loops: the mapped registers a loop may carry based (address()) from
 * one run of its body to the next, with each one's slack at the body's
 * start in t->carry_h.  Such a register is written only by addis (none
 * in the peeled prefix, npre uops) and used as a base: the entry checks
 * it once (emit()) and the body's accesses check it no more, where
 * per iteration they checked it after its addi.  The slack at the
 * body's start is the most it has at an edge back, found by running
 * address()'s and grows()'s rules over the body (a few rounds, until
 * it stays); a branch or the end is taken as an edge back (more slack
 * than needed is only less exact).  note_self() checks the code did
 * as planned. */
static uint64_t plan_carry(tr *t, const emu_uop *u, unsigned end, unsigned npre)
{
    uint64_t use = 0, bad = 0, reach = (uint64_t)(t->e->reach / 2);
    bool loop = is_self(t, u[end].pc);
    for (unsigned k = 0; k < end; k++) {
        const emu_uop *v = &u[k];
        if (is_memory(v->op) && base_access(t, v))
            use |= (uint64_t)1 << (v->rb & 63);
        if (writes_reg(v->op) && ((v->op != GL_OP_ADDI && v->op != GL_OP_ADDD) || k < npre ||
                                  magnitude(v->imm) >= reach))
            bad |= (uint64_t)1 << (v->rc & 63);
        if (v->op == GL_OP_B)
            loop |= is_self(t, v->pc + (uint64_t)v->imm) || is_self(t, v->pc + v->len);
        else if (v->op == GL_OP_J)
            loop |= is_self(t, v->pc + (uint64_t)v->imm);
    }
    uint64_t m = use & ~bad;
    if (!loop || !m)
        return 0;
    uint64_t s[64];
    for (uint64_t r = m; r; r &= r - 1)
        t->carry_h[__builtin_ctzll(r)] = 0;
    for (int round = 0; round < 4; round++) {
        bool grew = false;
        for (uint64_t r = m; r; r &= r - 1) {
            unsigned g = (unsigned)__builtin_ctzll(r);
            s[g] = t->carry_h[g];
        }
        for (unsigned k = 0; k <= end; k++) {
            const emu_uop *v = &u[k];
            unsigned b = v->rb & 63, c = v->rc & 63;
            if (k == end || v->op == GL_OP_B || v->op == GL_OP_J) {
                for (uint64_t r = m; r; r &= r - 1) {
                    unsigned g = (unsigned)__builtin_ctzll(r);
                    if (s[g] > t->carry_h[g]) {
                        if (s[g] >= reach)
                            return 0;
                        t->carry_h[g] = (uint32_t)s[g];
                        grew = true;
                    }
                }
            } else if (m >> b & 1 && is_memory(v->op) && base_access(t, v)) {
                uint64_t off = magnitude(v->imm);
                if (s[b] + off >= reach)
                    s[b] = 0;
                if (s[b] > off)
                    s[b] = off;
            } else if (m >> c & 1 && writes_reg(v->op)) {
                s[c] += magnitude(v->imm); /* an addi, by m */
            }
        }
        if (!grew)
            return m;
    }
    return 0;
}

static bool emit(x64_asm *a, const emu_block *b, const unsigned *seg, unsigned nseg,
                 const jit_env *e, jit_code *out, peel_plan *pp)
{
    const emu_uop *u = b->u;
    unsigned end = b->nuops - 1; /* the EMU_UOP_NEXT */
    tr t;
    tr_init(&t, a, e, b);
    if (nseg < 1 || nseg > JIT_SEGS_MAX)
        return false;
    host_map(t.hm, e->guest);

    /* where a segment starts with the chain-limit test: after one that
     * stored (the limit a store into cached code set to 0 stays so,
     * and that test sees it, so a later segment needs none of its own) */
    bool chk[EMU_BLOCK_MAX + 1] = {false};
    for (unsigned i = 1; i < nseg; i++) {
        bool stored = false;
        for (unsigned k = seg[i - 1]; k < seg[i]; k++)
            stored |= writes_memory(u[k].op);
        chk[seg[i]] = stored;
    }
    /* flag liveness.  At the entry: the loop path (self_edge) need not
     * write the flag when the code writes it before any read, trap or
     * test of the chain limit */
    t.livein = true;
    for (unsigned k = 0; k < end; k++) {
        if (reads_flag(u[k].op) || is_memory(u[k].op) || chk[k])
            break;
        if (writes_flag(u[k].op)) {
            t.livein = false;
            break;
        }
    }
    /* backwards: successors see the flag at the end, so do a trap
     * report and the exit of a chain-limit test */
    bool live[EMU_BLOCK_MAX + 1];
    bool flag = true;
    if (end > 0 && u[end - 1].op == GL_OP_J)
        flag = !is_self(&t, u[end - 1].pc + (uint64_t)u[end - 1].imm) || t.livein;
    else if (end > 0 && !gl_op_ends_block(u[end - 1].op))
        flag = !is_self(&t, u[end].pc) || t.livein;
    for (unsigned k = end; k-- > 0;) {
        live[k] = flag;
        if (writes_flag(u[k].op))
            flag = false;
        if (reads_flag(u[k].op) || is_memory(u[k].op) || chk[k])
            flag = true;
    }

    /* the budget check: icount + n <= chain limit, else leave in front */
    x64_alu_ri(a, X64_ADD, 8, ICOUNT, (int32_t)b->n);
    x64_alu_rm(a, X64_CMP, 8, ICOUNT, x64_at(X64_RBP, e->climit_off - 128));
    t.budget = x64_jcc32(a, X64_CC_A, x64_here(a));
    t.lazy = NOFLAG;
    /* the carried registers' one check for every run of the body: out
     * of range, the interpreter steps the first uop */
    t.carry = pp->nocarry ? 0 : plan_carry(&t, u, end, pp->npre);
    for (uint64_t m = t.carry; m; m &= m - 1) {
        unsigned g = (unsigned)__builtin_ctzll(m);
        x64_alu_rm(a, X64_CMP, 8, (x64_reg)t.hm[g], FR(&t, JIT_FR_LIMIT));
        cold_exit(&t, x64_jcc32(a, X64_CC_AE, x64_here(a)), JIT_X_STEP);
        t.slack[g] = t.carry_h[g];
    }
    t.based = t.carry;
    t.body = x64_here(a);
    count_entry(a, e);

    t.lazy = NOFLAG;
    out->npre = 0;
    size_t mid = 0;
    if (pp->npre) {
        /* peeled (translate.h): the first iteration's uops up to the
         * first that writes the flag, with the flag as the entry has
         * it, then on into the loop's body after those */
        for (unsigned k = 0; k < pp->npre; k++) {
            out->pre_at[k] = (uint32_t)a->len;
            jit_flagfix f;
            step(&t, u, k, seg, nseg, chk, live, &f);
        }
        out->pre_at[pp->npre] = (uint32_t)a->len;
        out->npre = (uint8_t)pp->npre;
        mid = x64_jmp32(a, x64_here(a));
        /* the body's loop at a 64-byte boundary (the padding is never
         * run): where its branches and lines fall changed its speed by
         * a third (docs/run.md, "Loops") */
        x64_nop(a, (64 - (x64_here(a) & 63)) & 63);
        t.known = 0; /* as at the entry */
        t.based = t.carry;
        for (uint64_t m = t.carry; m; m &= m - 1)
            t.slack[__builtin_ctzll(m)] = t.carry_h[__builtin_ctzll(m)];
        t.fuse_cc = -1;
        t.body = x64_here(a);
        count_entry(a, e);
        t.peel = true;
        t.peel_f = t.lazy = pp->f;
    }
    bool ended = false;
    for (unsigned k = 0; k < end; k++) {
        if (t.peel && k == pp->npre)
            x64_patch_rel32(a, mid, x64_here(a)); /* the first iteration joins here */
        out->uop_at[k] = (uint32_t)a->len;
        ended = step(&t, u, k, seg, nseg, chk, live, &out->fix[k]);
    }
    if (!ended)
        end_edge(&t, u[end].pc);
    out->uop_at[end] = (uint32_t)a->len; /* the body ends here */
    out->end = end;
    for (unsigned i = 0; i < nseg; i++)
        out->seg_at[i] = (uint8_t)seg[i];
    /* the stubs below leave through this tail, the trap exits through
     * the part in front of it (rax = the address, ecx = the code) */
    uint64_t trap_tail = x64_here(a);
    if (t.nexits) {
        x64_load(a, 8, X64_RDX, FR(&t, JIT_FR_IO));
        x64_store(a, 8, x64_at(X64_RDX, offsetof(jit_io, fault)), X64_RAX);
        x64_mov_rr(a, 4, X64_RAX, X64_RCX);
    }
    uint64_t tail = x64_here(a);
    x64_movabs(a, X64_RDX, e->tag);
    x64_jmp32(a, e->leave);

    /* side exits: take back what they skip, then a chained jump */
    for (unsigned i = 0; i < t.nside; i++) {
        x64_patch_rel32(a, t.side[i].site, x64_here(a));
        if (t.side[i].setcc >= 0)
            set_flag(a, (x64_cc)t.side[i].setcc);
        if (t.side[i].self) {
            self_edge(&t, t.side[i].undo, t.side[i].setcc >= 0 ? NOFLAG : t.side[i].f);
            continue;
        }
        if (t.side[i].undo)
            x64_alu_ri(a, X64_SUB, 8, ICOUNT, (int32_t)t.side[i].undo);
        t.seg = t.side[i].seg;
        successor(&t, x64_jmp_patchable(a, x64_here(a)), t.side[i].pc, t.side[i].ib);
    }
    /* successor exits: pc and ib of the successor */
    out->nsucc = t.nsucc;
    for (unsigned i = 0; i < t.nsucc; i++) {
        x64_patch_rel32(a, t.succ[i].site, x64_here(a));
        out->site[i] = (uint32_t)t.succ[i].site;
        out->site_seg[i] = (uint8_t)t.succ[i].seg;
        out->succ_pc[i] = t.succ[i].pc;
        out->succ_ib[i] = t.succ[i].ib;
        leave_via(a, JIT_X_CHAIN | i, tail);
    }
    if (t.nmiss) { /* jump-cache miss: pc, ib stored */
        for (unsigned i = 0; i < t.nmiss; i++)
            x64_patch_rel32(a, t.miss[i], x64_here(a));
        leave_via(a, JIT_X_INDIRECT, tail);
    }
    /* budget: in front of the block */
    x64_patch_rel32(a, t.budget, x64_here(a));
    x64_alu_ri(a, X64_SUB, 8, ICOUNT, (int32_t)b->n);
    leave_via(a, JIT_X_BUDGET, tail);
    /* the chain limit fell in a superblock: leave in front of segment s */
    for (unsigned s = 1; s < nseg; s++) {
        if (!t.check[s])
            continue;
        x64_patch_rel32(a, t.check[s], x64_here(a));
        x64_alu_ri(a, X64_SUB, 8, ICOUNT, (int32_t)(b->n - seg[s]));
        emit_fix(&t, t.checkf[s]);
        leave_via(a, JIT_X_BUDGET | s, tail);
    }

    /* cold trap exits: io->fault = rax; pc, ib are the caller's */
    for (unsigned i = 0; i < t.nexits; i++) {
        x64_patch_rel32(a, t.exit[i].site, x64_here(a));
        emit_fix(&t, t.exit[i].f); /* rcx is its scratch (rax is kept): the code after */
        if (t.exit[i].base >= 0) { /* address(): the base is out of range, the address may not be */
            x64_lea(a, 8, X64_RAX, x64_at((x64_reg)t.exit[i].base, t.exit[i].off));
            x64_alu_rm(a, X64_CMP, 8, X64_RAX, FR(&t, JIT_FR_LIMIT));
            size_t out = fwd8(a, X64_CC_AE);
            leave_via(a, JIT_X_STEP | (t.exit[i].code & 0xffff), tail);
            here(a, out);
        }
        x64_mov_ri32(a, X64_RCX, t.exit[i].code);
        jump_to(a, trap_tail);
    }
    pp->bad = t.peel && (t.peel_bad || t.nself != 1);
    pp->carry_bad = t.carry_bad;
    return !a->overflow;
}

/* The plan for b (translate.h, "Loops"): the uops before the first
 * that writes the flag (which neither reads it nor traps), when one of
 * them traps (so the entry needs the flag), all are in its first block
 * and none branches or reads the flag, and the code ends with a compare
 * and the b that closes the loop on either side, which leaves the flag
 * described as that compare (emit() checks that it did). */
static unsigned plan_peel(const emu_block *b, const unsigned *seg, unsigned nseg,
                          const jit_env *e, jit_flagfix *f)
{
    const emu_uop *u = b->u;
    unsigned end = b->nuops - 1;
    if (!e->loops || end < 3 || u[end - 1].op != GL_OP_B || compare_cc(u[end - 2].op) < 0 ||
        end - 2 < seg[nseg - 1])
        return 0;
    const emu_uop *c = &u[end - 1];
    if (c->pc + (uint64_t)c->imm != b->pc && c->pc + c->len != b->pc)
        return 0;
    unsigned lim = nseg > 1 ? seg[1] : end;
    bool traps = false;
    for (unsigned k = 0; k < lim && k <= JIT_PEEL_MAX; k++) {
        unsigned op = u[k].op;
        if (writes_flag(op)) {
            if (k == 0 || !traps || reads_flag(op) || is_memory(op))
                return 0;
            *f = (jit_flagfix){.cc = (int8_t)compare_cc(u[end - 2].op), .x = u[end - 2].rc,
                               .y = u[end - 2].rb};
            return k;
        }
        if (reads_flag(op) || gl_op_ends_block(op))
            return 0;
        traps |= is_memory(op);
    }
    return 0;
}

jit_code jit_code_in(jit_tables *r)
{
    return (jit_code){.uop_at = r->uop_at, .fix = r->fix, .site = r->site,
                      .site_seg = r->site_seg, .succ_pc = r->succ_pc, .succ_ib = r->succ_ib,
                      .pre_at = r->pre_at};
}

bool jit_translate(x64_asm *a, const emu_block *b, const unsigned *seg, unsigned nseg,
                   const jit_env *e, jit_code *out)
{
    peel_plan p = {0};
    if (nseg >= 1 && nseg <= JIT_SEGS_MAX)
        p.npre = plan_peel(b, seg, nseg, e, &p.f);
    for (;;) {
        size_t len = a->len;
        bool ok = emit(a, b, seg, nseg, e, out, &p);
        if (ok && !p.bad && !p.carry_bad)
            return true;
        if (!ok && !p.npre)
            return false; /* no room: the caller asks for more */
        a->len = len;
        a->overflow = false;
        if (ok && p.carry_bad) /* not as planned: without carried registers */
            p.nocarry = true;
        else /* the edge back did not leave the flag the peeled body
              * starts with (or there was no room): unpeeled */
            p.npre = 0;
    }
}

bool jit_exit_target(emu_block *const *seg, unsigned nseg, const jit_code *c, unsigned r,
                     uint64_t *pc, uint64_t *ib)
{
    unsigned k = r & 0xffff;
    switch (r & ~0xffffu) {
    case JIT_X_CHAIN:
        if (k >= c->nsucc)
            return false;
        *pc = c->succ_pc[k];
        *ib = c->succ_ib[k];
        return true;
    case JIT_X_BUDGET:
        *pc = seg[k < nseg ? k : 0]->pc; /* in front of segment k */
        *ib = seg[0]->ib;
        return true;
    case JIT_X_SYSCALL: /* past the last instruction: where its NEXT goes */
        *pc = seg[nseg - 1]->u[seg[nseg - 1]->n].pc;
        *ib = seg[0]->ib;
        return true;
    default:
        return false;
    }
}

bool jit_chain(void *w, uint64_t site, uint64_t target)
{
    return x64_chain_patch(w, site, target);
}
