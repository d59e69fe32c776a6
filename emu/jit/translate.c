/*
 * translate.c - the block translator's first subset (see translate.h):
 * moves and constants, add/sub with their carry, logic, shifts by
 * constant and by register, multiply, compares, conditional moves,
 * bswap, loads and stores of every width, and the j, b and ibj that end
 * a block, with flag liveness so that only a flag some later uop (or the
 * caller, or a trap) can see is written, and a compare directly before
 * `b` fused with it: the jcc tests the compare's own x86 flags.
 *
 * A load or store computes its address in rax, compares it with the
 * limit (kept in the function's frame) and leaves for a cold stub after
 * the function body when it is out of range; the stub stores the
 * address and the uop's pc and returns through the common epilogue, so
 * the caller sees exactly the state before the uop.
 *
 * Host registers (docs/run.md, "JIT design"): rbp = state + 128, so
 * [rbp + disp8] reaches r0..r31; guest r0..r9 live in rbx, r12, r13,
 * r14, rsi, rdi, r8, r9, r10, r11 for the whole function; rax, rcx, rdx
 * are scratch; r15 is kept for the guest memory base of the memory uops
 * to come.  Each uop computes in rax and writes its result back, which
 * is simple and exact; better code is the next step, not this one.
 */
#include "translate.h"

#include <stddef.h>

#define NMAPPED JIT_NMAPPED
#define FRAME 24 /* [rsp]: the limit, [rsp+8]: the fault pointer; keeps rsp 16-aligned */

static const x64_reg MAP[NMAPPED] = {X64_RBX, X64_R12, X64_R13, X64_R14, X64_RSI,
                                     X64_RDI, X64_R8,  X64_R9,  X64_R10, X64_R11};

/* Callee-saved host registers the function uses. */
static const x64_reg SAVED[] = {X64_RBX, X64_RBP, X64_R12, X64_R13, X64_R14, X64_R15};
#define NSAVED (sizeof SAVED / sizeof *SAVED)

static x64_mem slot(unsigned word)
{
    return x64_at(X64_RBP, (int32_t)(8 * word) - 128);
}

/* rax/rcx/rdx = guest register g */
static void get(x64_asm *a, x64_reg dst, unsigned g)
{
    if (g < NMAPPED)
        x64_mov_rr(a, 8, dst, MAP[g]);
    else
        x64_load(a, 8, dst, slot(g));
}

static void put(x64_asm *a, unsigned g, x64_reg src)
{
    if (g < NMAPPED)
        x64_mov_rr(a, 8, MAP[g], src);
    else
        x64_store(a, 8, slot(g), src);
}

/* rax OP= guest register g (an ALU operation with a register or memory
 * operand) */
static void alu_guest(x64_asm *a, x64_alu op, unsigned g)
{
    if (g < NMAPPED)
        x64_alu_rr(a, op, 8, X64_RAX, MAP[g]);
    else
        x64_alu_rm(a, op, 8, X64_RAX, slot(g));
}

/* flag = condition of the last x86 flag-setting instruction */
static void set_flag(x64_asm *a, x64_cc cc)
{
    x64_setcc(a, cc, X64_RDX);
    x64_movzx_rr(a, 1, X64_RDX, X64_RDX);
    x64_store(a, 8, slot(JIT_STATE_FLAG), X64_RDX);
}

static bool fits32(int64_t v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

/* A branch to a cold exit, fixed once the stubs are placed. */
typedef struct tr_exit {
    size_t site;   /* rel32 of the branch to the stub */
    unsigned uop;  /* index of the memory uop */
    unsigned kind; /* JIT_EXIT_LOAD or JIT_EXIT_STORE */
} tr_exit;

/* The function being emitted. */
/* A successor exit: where the block goes after its branch. */
typedef struct tr_succ {
    size_t site;   /* rel32 of the (patchable) jump to the stub */
    uint64_t pc;   /* the successor */
    int64_t dib;   /* added to ib (ibj) */
} tr_succ;

typedef struct tr {
    x64_asm *a;
    uint64_t limit;
    int fuse_cc;   /* the x86 flags hold this compare's result (b fuses), or -1 */
    unsigned nexits, nsucc;
    tr_exit exit[EMU_BLOCK_MAX];
    tr_succ succ[2];
} tr;

static void successor(tr *t, size_t site, uint64_t pc, int64_t dib)
{
    t->succ[t->nsucc++] = (tr_succ){site, pc, dib};
}

static bool is_branch(unsigned op)
{
    return op == GL_OP_J || op == GL_OP_B || op == GL_OP_IBJ;
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

static void cold_exit(tr *t, size_t site, unsigned k, unsigned kind)
{
    if (t->nexits < EMU_BLOCK_MAX)
        t->exit[t->nexits++] = (tr_exit){site, k, kind};
}

/* rax = the effective address of a load or store, checked: out of
 * range goes to the uop's cold exit.  Returns the host operand. */
static x64_mem address(tr *t, const emu_uop *u, unsigned k, unsigned kind)
{
    x64_asm *a = t->a;
    if (u->op == GL_OP_LOADPC || u->op == GL_OP_STOREPC) { /* known now */
        uint64_t ea = (uint64_t)u->imm;
        if (ea >= t->limit) {
            x64_mov_ri(a, X64_RAX, u->imm);
            cold_exit(t, x64_jmp32(a, x64_here(a)), k, kind);
            return x64_at(X64_R15, 0);
        }
        if (ea <= INT32_MAX)
            return x64_at(X64_R15, (int32_t)ea);
        x64_mov_ri(a, X64_RAX, u->imm);
        return x64_at_index(X64_R15, X64_RAX, 1, 0);
    }
    get(a, X64_RAX, u->rb);
    if (u->imm >= INT32_MIN && u->imm <= INT32_MAX) {
        if (u->imm != 0)
            x64_alu_ri(a, X64_ADD, 8, X64_RAX, (int32_t)u->imm);
    } else {
        x64_mov_ri(a, X64_RCX, u->imm);
        x64_alu_rr(a, X64_ADD, 8, X64_RAX, X64_RCX);
    }
    x64_alu_rm(a, X64_CMP, 8, X64_RAX, x64_at(X64_RSP, 0));
    cold_exit(t, x64_jcc32(a, X64_CC_AE, x64_here(a)), k, kind);
    return x64_at_index(X64_R15, X64_RAX, 1, 0);
}

static bool is_memory(unsigned op)
{
    switch (op) {
    case GL_OP_LOAD: case GL_OP_LOAD_I8: case GL_OP_LOAD_U8: case GL_OP_LOAD_I16:
    case GL_OP_LOAD_U16: case GL_OP_LOAD_I32: case GL_OP_LOAD_U32: case GL_OP_LOADPC:
    case GL_OP_STORE: case GL_OP_STORE_I8: case GL_OP_STORE_I16: case GL_OP_STORE_I32:
    case GL_OP_STOREPC:
        return true;
    default:
        return false;
    }
}

/* What a uop does with the flag. */
static bool writes_flag(unsigned op)
{
    return op == GL_OP_ADD || op == GL_OP_ADDI || op == GL_OP_ADDD || op == GL_OP_SUB ||
           compare_cc(op) >= 0;
}

static bool reads_flag(unsigned op)
{
    return op == GL_OP_CMOV || op == GL_OP_NCMOV || op == GL_OP_B;
}

/* Emit uop k; false when it is not in the subset. */
static bool uop(tr *t, const emu_uop *u, unsigned k, bool flag_live)
{
    x64_asm *a = t->a;
    x64_cc cc;
    x64_alu alu;
    x64_shift sh;
    x64_mem m;
    int w;
    switch (u->op) {
    case GL_OP_LOAD: case GL_OP_LOADPC:
        m = address(t, u, k, JIT_EXIT_LOAD);
        x64_load(a, 8, X64_RAX, m);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_LOAD_U8: case GL_OP_LOAD_U16:
        m = address(t, u, k, JIT_EXIT_LOAD);
        x64_movzx(a, u->op == GL_OP_LOAD_U8 ? 1 : 2, X64_RAX, m);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_LOAD_U32:
        m = address(t, u, k, JIT_EXIT_LOAD);
        x64_load(a, 4, X64_RAX, m); /* zero-extends */
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_LOAD_I8: case GL_OP_LOAD_I16: case GL_OP_LOAD_I32:
        m = address(t, u, k, JIT_EXIT_LOAD);
        x64_movsx(a, u->op == GL_OP_LOAD_I8 ? 1 : u->op == GL_OP_LOAD_I16 ? 2 : 4, X64_RAX, m);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_STORE: case GL_OP_STOREPC: w = 8; goto store;
    case GL_OP_STORE_I8: w = 1; goto store;
    case GL_OP_STORE_I16: w = 2; goto store;
    case GL_OP_STORE_I32: w = 4;
    store:
        m = address(t, u, k, JIT_EXIT_STORE);
        get(a, X64_RCX, u->rc);
        x64_store(a, w, m, X64_RCX);
        return true;
    case GL_OP_MOVI: case GL_OP_MOVD: case GL_OP_MOVQ: case GL_OP_LEAPC:
        if (u->rc < NMAPPED) {
            x64_mov_ri(a, MAP[u->rc], u->imm);
        } else if (fits32(u->imm)) {
            x64_store_i(a, 8, slot(u->rc), (int32_t)u->imm);
        } else {
            x64_mov_ri(a, X64_RAX, u->imm);
            put(a, u->rc, X64_RAX);
        }
        return true;
    case GL_OP_ADDI: case GL_OP_ADDD:
        get(a, X64_RAX, u->rc);
        if (fits32(u->imm)) {
            x64_alu_ri(a, X64_ADD, 8, X64_RAX, (int32_t)u->imm);
        } else {
            x64_mov_ri(a, X64_RCX, u->imm);
            x64_alu_rr(a, X64_ADD, 8, X64_RAX, X64_RCX);
        }
        if (flag_live)
            set_flag(a, X64_CC_B); /* carry: sum <u first operand */
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_SRLI: sh = X64_SHR; goto shift_imm;
    case GL_OP_SRAI: sh = X64_SAR; goto shift_imm;
    case GL_OP_SLLI: sh = X64_SHL;
    shift_imm:
        get(a, X64_RAX, u->rc);
        x64_shift_ri(a, sh, 8, X64_RAX, (uint8_t)(u->imm & 63));
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_MOV: case GL_OP_SEXT:
        get(a, X64_RAX, u->rb);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_NOT: case GL_OP_NEG:
        get(a, X64_RAX, u->rb);
        x64_unary_r(a, u->op == GL_OP_NOT ? X64_NOT : X64_NEG, 8, X64_RAX);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_BSWAP:
        get(a, X64_RAX, u->rb);
        x64_bswap(a, 8, X64_RAX);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_AND: alu = X64_AND; goto alu3;
    case GL_OP_OR: alu = X64_OR; goto alu3;
    case GL_OP_XOR: alu = X64_XOR; goto alu3;
    case GL_OP_ADD: alu = X64_ADD; goto alu3;
    case GL_OP_SUB: alu = X64_SUB;
    alu3:
        get(a, X64_RAX, u->rb);
        alu_guest(a, alu, u->ra);
        if (flag_live && u->op == GL_OP_ADD)
            set_flag(a, X64_CC_B);
        if (flag_live && u->op == GL_OP_SUB)
            set_flag(a, X64_CC_AE); /* no borrow */
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_MUL:
        get(a, X64_RAX, u->rb);
        if (u->ra < NMAPPED)
            x64_imul_rr(a, 8, X64_RAX, MAP[u->ra]);
        else
            x64_imul_rm(a, 8, X64_RAX, slot(u->ra));
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_SRL: sh = X64_SHR; goto shift_reg;
    case GL_OP_SRA: sh = X64_SAR; goto shift_reg;
    case GL_OP_SLL: sh = X64_SHL;
    shift_reg: /* x86 masks the count by 63, as glyph does */
        get(a, X64_RAX, u->rb);
        get(a, X64_RCX, u->ra);
        x64_shift_rcl(a, sh, 8, X64_RAX);
        put(a, u->rc, X64_RAX);
        return true;
    case GL_OP_CMP_LT: case GL_OP_CMP_GE: case GL_OP_CMP_EQ: case GL_OP_CMP_NE:
    case GL_OP_CMP_LTU: case GL_OP_CMP_GEU:
        cc = (x64_cc)compare_cc(u->op);
        if (flag_live) {
            get(a, X64_RAX, u->rc);
            alu_guest(a, X64_CMP, u->rb);
            set_flag(a, cc); /* setcc, movzx, mov: the x86 flags stay */
            t->fuse_cc = (int)cc;
        }
        return true;
    case GL_OP_J:
        successor(t, x64_jmp_patchable(a, x64_here(a)), u->pc + (uint64_t)u->imm, 0);
        return true;
    case GL_OP_IBJ:
        successor(t, x64_jmp_patchable(a, x64_here(a)), u->pc + u->len, u->imm);
        return true;
    case GL_OP_B:
        if (t->fuse_cc >= 0) {
            cc = (x64_cc)t->fuse_cc;
        } else {
            x64_alu_mi(a, X64_CMP, 8, slot(JIT_STATE_FLAG), 0);
            cc = X64_CC_NE;
        }
        successor(t, x64_jcc32(a, cc, x64_here(a)), u->pc + (uint64_t)u->imm, 0);
        successor(t, x64_jmp_patchable(a, x64_here(a)), u->pc + u->len, 0);
        return true;
    case GL_OP_CMOV: case GL_OP_NCMOV:
        get(a, X64_RAX, u->rc);
        get(a, X64_RCX, u->rb);
        x64_alu_mi(a, X64_CMP, 8, slot(JIT_STATE_FLAG), 0);
        x64_cmovcc(a, u->op == GL_OP_CMOV ? X64_CC_NE : X64_CC_E, 8, X64_RAX, X64_RCX);
        put(a, u->rc, X64_RAX);
        return true;
    default:
        return false;
    }
}

x64_reg jit_host_reg(unsigned g)
{
    return MAP[g];
}

bool jit_supported(unsigned op)
{
    uint8_t code[128];
    x64_asm a;
    x64_init(&a, code, sizeof code, 0);
    tr t = {.a = &a, .limit = 1, .fuse_cc = -1};
    emu_uop u = {.op = (uint16_t)op};
    return op != EMU_UOP_NEXT && uop(&t, &u, 0, true);
}

int jit_translate(x64_asm *a, const emu_uop *u, unsigned n, uint64_t limit, uint32_t *uop_at)
{
    tr t = {.a = a, .limit = limit, .fuse_cc = -1};
    unsigned end = 0; /* the first uop not translated (blocks are short) */
    bool branch = false;
    while (!branch && end < n && end < EMU_BLOCK_MAX && u[end].op != EMU_UOP_NEXT &&
           jit_supported(u[end].op))
        branch = is_branch(u[end++].op);

    /* flag liveness, backwards: the caller sees the flag at the end */
    bool live[EMU_BLOCK_MAX];
    bool flag = true;
    for (unsigned k = end; k-- > 0;) {
        live[k] = flag;
        if (writes_flag(u[k].op))
            flag = false;
        if (reads_flag(u[k].op) || is_memory(u[k].op))
            flag = true; /* read, or seen by the trap report */
    }

    /* prologue: rdi = state, rsi = guest memory, rdx = fault pointer */
    for (size_t i = 0; i < NSAVED; i++)
        x64_push(a, SAVED[i]);
    x64_alu_ri(a, X64_SUB, 8, X64_RSP, FRAME);
    x64_mov_ri(a, X64_RAX, (int64_t)limit);
    x64_store(a, 8, x64_at(X64_RSP, 0), X64_RAX);
    x64_store(a, 8, x64_at(X64_RSP, 8), X64_RDX);
    x64_mov_rr(a, 8, X64_R15, X64_RSI);
    x64_lea(a, 8, X64_RBP, x64_at(X64_RDI, 128));
    for (unsigned g = 0; g < NMAPPED; g++)
        x64_load(a, 8, MAP[g], slot(g));

    for (unsigned k = 0; k < end; k++) {
        if (uop_at)
            uop_at[k] = (uint32_t)a->len;
        int cc = t.fuse_cc;
        t.fuse_cc = -1;
        if (u[k].op == GL_OP_B && k > 0 && compare_cc(u[k - 1].op) >= 0)
            t.fuse_cc = cc; /* the compare just before: its x86 flags */
        uop(&t, &u[k], k, live[k]);
    }

    if (!branch) {
        uint64_t pc = end < n ? u[end].pc : end > 0 ? u[end - 1].pc + u[end - 1].len : 0;
        x64_mov_ri(a, X64_RAX, (int64_t)pc);
        x64_store(a, 8, slot(JIT_STATE_PC), X64_RAX);
        x64_mov_ri(a, X64_RAX, end);
    }
    if (uop_at)
        uop_at[end] = (uint32_t)a->len; /* the body ends here */
    uint64_t tail = x64_here(a); /* eax: the return value; pc stored */
    for (unsigned g = 0; g < NMAPPED; g++)
        x64_store(a, 8, slot(g), MAP[g]);
    x64_alu_ri(a, X64_ADD, 8, X64_RSP, FRAME);
    for (size_t i = NSAVED; i-- > 0;)
        x64_pop(a, SAVED[i]);
    x64_ret(a);

    /* successor exits: pc (and ib) of the successor, return end */
    for (unsigned i = 0; i < t.nsucc && !a->overflow; i++) {
        x64_patch_rel32(a, t.succ[i].site, x64_here(a));
        x64_mov_ri(a, X64_RAX, (int64_t)t.succ[i].pc);
        x64_store(a, 8, slot(JIT_STATE_PC), X64_RAX);
        if (t.succ[i].dib != 0) {
            x64_mov_ri(a, X64_RAX, t.succ[i].dib);
            x64_alu_mr(a, X64_ADD, 8, slot(JIT_STATE_IB), X64_RAX);
        }
        x64_mov_ri(a, X64_RAX, end);
        x64_jmp32(a, tail);
    }

    /* cold exits: *fault = rax, pc = the uop's, return its index | kind */
    for (unsigned i = 0; i < t.nexits && !a->overflow; i++) {
        x64_patch_rel32(a, t.exit[i].site, x64_here(a));
        x64_load(a, 8, X64_RCX, x64_at(X64_RSP, 8));
        x64_store(a, 8, x64_at(X64_RCX, 0), X64_RAX);
        x64_mov_ri(a, X64_RAX, (int64_t)u[t.exit[i].uop].pc);
        x64_store(a, 8, slot(JIT_STATE_PC), X64_RAX);
        x64_mov_ri(a, X64_RAX, t.exit[i].uop | t.exit[i].kind);
        x64_jmp32(a, tail);
    }
    return a->overflow ? -1 : (int)end;
}
