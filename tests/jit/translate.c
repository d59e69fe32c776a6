/*
 * translate.c - the block translator's subset (emu/jit/translate.h)
 * against a model of the instructions written from docs/isa.md: random
 * blocks of the supported uops over all 64 registers (the ten kept in
 * host registers and the rest in memory), edge-value immediates and
 * register contents, loads and stores of every width into a 64 KiB
 * guest memory (most in range, some not), run translated from a random
 * state; every register, the flag, pc, the memory, the returned count
 * and any trap (kind, address, the uop it stopped in front of) must equal
 * the model's.  Blocks that end in an unsupported uop must stop in front
 * of it.  Prints TAP.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebuf.h"
#include "translate.h"

#define BLOCKS 20000
#define MEMBITS 16
#define MEMSIZE ((uint64_t)1 << MEMBITS)
#define SLACK 16 /* an 8-byte access at MEMSIZE - 1 is in range */

typedef unsigned (*enter_fn)(uint64_t *state, uint8_t *mem, jit_io *io, uint64_t code);

/* The state translated code runs on: the registers, then the count and
 * the chain limit the budget check reads. */
typedef struct test_state {
    uint64_t s[JIT_STATE_WORDS];
    uint64_t icount, climit;
    uint64_t frame[JIT_FR_WORDS];
} test_state;

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const int64_t EDGE[] = {0, 1, -1, 2, 63, 64, 0x7fffffff, -0x80000000LL, 0x80000000LL,
                               0xffffffffLL, INT64_MAX, INT64_MIN, 0x123456789abcdefLL};

static uint64_t value(void)
{
    return rnd() % 3 ? (uint64_t)EDGE[rnd() % (sizeof EDGE / sizeof *EDGE)] : rnd();
}

/* The ops the translator supports, with the operands each one uses. */
static const uint16_t OPS[] = {
    GL_OP_MOVI, GL_OP_MOVQ, GL_OP_ADDI, GL_OP_ADDD, GL_OP_SRLI, GL_OP_SRAI, GL_OP_SLLI,
    GL_OP_MOV, GL_OP_SEXT, GL_OP_NOT, GL_OP_NEG, GL_OP_BSWAP, GL_OP_AND, GL_OP_OR, GL_OP_XOR,
    GL_OP_ADD, GL_OP_SUB, GL_OP_MUL, GL_OP_SRL, GL_OP_SRA, GL_OP_SLL, GL_OP_CMP_LT,
    GL_OP_CMP_GE, GL_OP_CMP_EQ, GL_OP_CMP_NE, GL_OP_CMP_LTU, GL_OP_CMP_GEU, GL_OP_CMOV,
    GL_OP_NCMOV, GL_OP_LOAD, GL_OP_LOAD_I8, GL_OP_LOAD_U8, GL_OP_LOAD_I16, GL_OP_LOAD_U16,
    GL_OP_LOAD_I32, GL_OP_LOAD_U32, GL_OP_LOADPC, GL_OP_STORE, GL_OP_STORE_I8, GL_OP_STORE_I16,
    GL_OP_STORE_I32, GL_OP_STOREPC, GL_OP_ADC, GL_OP_SBC, GL_OP_MULH, GL_OP_MULHU, GL_OP_DIV,
    GL_OP_DIVU, GL_OP_REM, GL_OP_REMU, GL_OP_PIN, GL_OP_FENCE, GL_OP_CTPOP, GL_OP_CTZ, GL_OP_CLZ,
};
#define NOPS (sizeof OPS / sizeof *OPS)

/* loads and stores (isa.def's class column; OPS has no atomics) */
static int is_mem(unsigned op)
{
    return gl_op_class(op) == GL_CLASS_LOAD || gl_op_class(op) == GL_CLASS_STORE;
}

static int is_store(unsigned op)
{
    return gl_op_class(op) == GL_CLASS_STORE;
}

static uint64_t ld(const uint8_t *m, uint64_t a, int n)
{
    uint64_t v = 0;
    memcpy(&v, m + a, (size_t)n);
    return v;
}

/* docs/isa.md, one instruction; 0, or JIT_X_LOAD/STORE with *fault */
static unsigned model(uint64_t *s, uint8_t *mem, const emu_uop *u, uint64_t *fault)
{
    uint64_t *r = s, x = r[u->rb], y = r[u->ra], c = r[u->rc], imm = (uint64_t)u->imm, v;
    uint64_t *flag = &s[JIT_STATE_FLAG];
    if (is_mem(u->op)) {
        uint64_t ea = u->op == GL_OP_LOADPC || u->op == GL_OP_STOREPC ? imm : x + imm;
        if (ea >= MEMSIZE) {
            *fault = ea;
            return is_store(u->op) ? JIT_X_STORE : JIT_X_LOAD;
        }
        switch (u->op) {
        case GL_OP_LOAD: case GL_OP_LOADPC: r[u->rc] = ld(mem, ea, 8); break;
        case GL_OP_LOAD_U8: r[u->rc] = ld(mem, ea, 1); break;
        case GL_OP_LOAD_I8: r[u->rc] = (uint64_t)(int8_t)ld(mem, ea, 1); break;
        case GL_OP_LOAD_U16: r[u->rc] = ld(mem, ea, 2); break;
        case GL_OP_LOAD_I16: r[u->rc] = (uint64_t)(int16_t)ld(mem, ea, 2); break;
        case GL_OP_LOAD_U32: r[u->rc] = ld(mem, ea, 4); break;
        case GL_OP_LOAD_I32: r[u->rc] = (uint64_t)(int32_t)ld(mem, ea, 4); break;
        case GL_OP_STORE: case GL_OP_STOREPC: memcpy(mem + ea, &c, 8); break;
        case GL_OP_STORE_I8: memcpy(mem + ea, &c, 1); break;
        case GL_OP_STORE_I16: memcpy(mem + ea, &c, 2); break;
        case GL_OP_STORE_I32: memcpy(mem + ea, &c, 4); break;
        }
        return 0;
    }
    switch (u->op) {
    case GL_OP_MOVI: case GL_OP_MOVQ: r[u->rc] = imm; break;
    case GL_OP_ADDI: case GL_OP_ADDD: v = c + imm; *flag = v < c; r[u->rc] = v; break;
    case GL_OP_SRLI: r[u->rc] = c >> imm; break;
    case GL_OP_SRAI: r[u->rc] = (uint64_t)((int64_t)c >> imm); break;
    case GL_OP_SLLI: r[u->rc] = c << imm; break;
    case GL_OP_MOV: case GL_OP_SEXT: r[u->rc] = x; break;
    case GL_OP_NOT: r[u->rc] = ~x; break;
    case GL_OP_NEG: r[u->rc] = 0 - x; break;
    case GL_OP_BSWAP: r[u->rc] = __builtin_bswap64(x); break;
    case GL_OP_AND: r[u->rc] = x & y; break;
    case GL_OP_OR: r[u->rc] = x | y; break;
    case GL_OP_XOR: r[u->rc] = x ^ y; break;
    case GL_OP_ADD: v = x + y; *flag = v < x; r[u->rc] = v; break;
    case GL_OP_SUB: *flag = x >= y; r[u->rc] = x - y; break;
    case GL_OP_MUL: r[u->rc] = x * y; break;
    case GL_OP_SRL: r[u->rc] = x >> (y & 63); break;
    case GL_OP_SRA: r[u->rc] = (uint64_t)((int64_t)x >> (y & 63)); break;
    case GL_OP_SLL: r[u->rc] = x << (y & 63); break;
    case GL_OP_CMP_LT: *flag = (int64_t)c < (int64_t)x; break;
    case GL_OP_CMP_GE: *flag = (int64_t)c >= (int64_t)x; break;
    case GL_OP_CMP_EQ: *flag = c == x; break;
    case GL_OP_CMP_NE: *flag = c != x; break;
    case GL_OP_CMP_LTU: *flag = c < x; break;
    case GL_OP_CMP_GEU: *flag = c >= x; break;
    case GL_OP_CMOV: if (*flag) r[u->rc] = x; break;
    case GL_OP_NCMOV: if (!*flag) r[u->rc] = x; break;
    case GL_OP_ADC: v = x + y + *flag; *flag = v < x || (v == x && *flag); r[u->rc] = v; break;
    case GL_OP_SBC:
        v = x - y - (1 - *flag);
        *flag = x > y || (x == y && *flag);
        r[u->rc] = v;
        break;
    case GL_OP_MULH: r[u->rc] = (uint64_t)(((__int128)(int64_t)x * (int64_t)y) >> 64); break;
    case GL_OP_MULHU: r[u->rc] = (uint64_t)(((unsigned __int128)x * y) >> 64); break;
    case GL_OP_DIV:
        *flag = y == 0;
        r[u->rc] = y == 0 ? 0 : y == (uint64_t)-1 ? 0 - x : (uint64_t)((int64_t)x / (int64_t)y);
        break;
    case GL_OP_DIVU: *flag = y == 0; r[u->rc] = y == 0 ? 0 : x / y; break;
    case GL_OP_REM:
        *flag = y == 0;
        r[u->rc] = y == 0 ? x : y == (uint64_t)-1 ? 0 : (uint64_t)((int64_t)x % (int64_t)y);
        break;
    case GL_OP_REMU: *flag = y == 0; r[u->rc] = y == 0 ? x : x % y; break;
    case GL_OP_PIN:
        r[u->rc] = (uint32_t)(u->pc - y) | (uint64_t)(uint32_t)(s[JIT_STATE_IB] - x) << 32;
        break;
    case GL_OP_CTPOP: r[u->rc] = (uint64_t)__builtin_popcountll(x); break;
    case GL_OP_CTZ: r[u->rc] = x ? (uint64_t)__builtin_ctzll(x) : 64; break;
    case GL_OP_CLZ: r[u->rc] = x ? (uint64_t)__builtin_clzll(x) : 64; break;
    }
    return 0;
}

static unsigned reg(void)
{
    return rnd() % 2 ? (unsigned)(rnd() % 10) : (unsigned)(rnd() % 64); /* mapped and not */
}

/* A block of n uops ending in `last` (then an EMU_UOP_NEXT after a
 * branch), made while the model runs it from state/mem, so that most
 * loads and stores can be aimed into memory; before a `b`, half the
 * time a compare (which the translator fuses with it).  *ran: uops the
 * model ran, *why: 0 or the trap kind. */
static void random_block(emu_uop *u, unsigned n, uint16_t last, uint64_t *state, uint8_t *mem,
                         unsigned *ran, unsigned *why, uint64_t *fault)
{
    uint64_t state0[JIT_STATE_WORDS];
    static uint8_t mem0[MEMSIZE + SLACK];
    memcpy(state0, state, sizeof state0);
    memcpy(mem0, mem, sizeof mem0);
    uint64_t pc = 0x10000 + 2 * (rnd() % 4096);
    *ran = n;
    *why = 0;
    for (unsigned k = 0; k < n; k++) {
        memset(&u[k], 0, sizeof u[k]);
        u[k].op = OPS[rnd() % NOPS];
        u[k].rc = (uint8_t)reg();
        u[k].rb = (uint8_t)reg();
        u[k].ra = (uint8_t)reg();
        u[k].pc = pc;
        u[k].len = rnd() % 2 ? 2 : 4;
        pc += u[k].len;
        if (u[k].op == GL_OP_SRLI || u[k].op == GL_OP_SRAI || u[k].op == GL_OP_SLLI)
            u[k].imm = (int64_t)(rnd() % 64);
        else
            u[k].imm = (int64_t)value();
        if (is_mem(u[k].op) && rnd() % 16 != 0) {
            /* aim into memory; 1 in 8 just past its end, where only the
             * range check stands between the access and other data;
             * 1 in 16 not aimed at all */
            uint64_t ea = rnd() % 8 ? rnd() % MEMSIZE : MEMSIZE + rnd() % 4096;
            int pcrel = u[k].op == GL_OP_LOADPC || u[k].op == GL_OP_STOREPC;
            u[k].imm = (int64_t)(pcrel ? ea : ea - state[u[k].rb]);
        }
        if (*why == 0) {
            *why = model(state, mem, &u[k], fault);
            if (*why != 0)
                *ran = k;
        }
    }
    if (last == GL_OP_B && n > 0 && rnd() % 2) { /* a compare just before: fused */
        static const uint16_t CMPS[] = {GL_OP_CMP_LT, GL_OP_CMP_GE, GL_OP_CMP_EQ,
                                        GL_OP_CMP_NE, GL_OP_CMP_LTU, GL_OP_CMP_GEU};
        emu_uop *c = &u[n - 1];
        c->op = CMPS[rnd() % 6];
        if (*ran == n - 1) { /* it replaced the load or store that trapped */
            *ran = n;
            *why = 0;
            *fault = 0;
        }
        if (*why == 0) { /* run the model again up to the compare */
            memcpy(state, state0, JIT_STATE_WORDS * 8);
            memcpy(mem, mem0, MEMSIZE + SLACK);
            for (unsigned k = 0; k < n && *why == 0; k++)
                if ((*why = model(state, mem, &u[k], fault)) != 0)
                    *ran = k;
        }
    }
    memset(&u[n], 0, sizeof u[n]);
    u[n].op = last;
    u[n].pc = pc;
    u[n].len = 2;
    if (last == GL_OP_IBJ)
        u[n].imm = 64 * (int64_t)(rnd() % 64 + 1);
    else
        u[n].imm = 2 * ((int64_t)(rnd() % 512) - 256);
    u[n + 1] = (emu_uop){.op = EMU_UOP_NEXT, .pc = pc + 2};
    state[JIT_STATE_PC] = u[*ran].pc;
    if (*why == 0 && last == GL_OP_SYSCALL) {
        *ran = n + 1;
        state[JIT_STATE_PC] = pc + 2;
    }
    if (*why == 0 && (last == GL_OP_J || last == GL_OP_B || last == GL_OP_IBJ)) {
        *ran = n + 1;
        if (last == GL_OP_J || (last == GL_OP_B && state[JIT_STATE_FLAG]))
            state[JIT_STATE_PC] = pc + (uint64_t)u[n].imm;
        else
            state[JIT_STATE_PC] = pc + 2;
        if (last == GL_OP_IBJ)
            state[JIT_STATE_IB] += (uint64_t)u[n].imm;
    }
}

/* The trampolines at the start of the (empty) buffer: the enter
 * function and the exit's address. */
static enter_fn start(jit_codebuf *c, uint64_t *leave)
{
    jit_codebuf_flush(c, false);
    jit_codebuf_reserve(c, 4096);
    x64_asm a;
    jit_codebuf_begin(c, &a);
    size_t in;
    size_t off = jit_emit_trampolines(&a, MEMSIZE, NULL, offsetof(test_state, icount),
                                      offsetof(test_state, frame), &in);
    uint64_t x = jit_codebuf_commit(c, &a);
    *leave = x + off;
    x += in; /* the enter function */
    enter_fn f;
    memcpy(&f, &x, sizeof f);
    return f;
}

int main(void)
{
    jit_codebuf c;
    if (jit_codebuf_init(&c, 1 << 20, 64 << 20, JIT_CODEBUF_AUTO) != 0) {
        perror("jit_codebuf_init");
        return 1;
    }
    __builtin_cpu_init();
    unsigned features = (__builtin_cpu_supports("bmi") ? JIT_F_BMI1 : 0) |
                        (__builtin_cpu_supports("abm") ? JIT_F_LZCNT : 0) |
                        (__builtin_cpu_supports("popcnt") ? JIT_F_POPCNT : 0);
    int supported = 1;
    size_t nops = NOPS;
    while (nops > 0 && !jit_supported(OPS[nops - 1], features)) /* bit counts need the CPU's */
        nops--;
    for (size_t i = 0; i < nops; i++)
        supported &= jit_supported(OPS[i], features);
    static const uint16_t ENDS[] = {GL_OP_J, GL_OP_B, GL_OP_IBJ, GL_OP_LJ, GL_OP_LJAL,
                                    GL_OP_LJTL, GL_OP_LJALA, GL_OP_SYSCALL};
    for (size_t i = 0; i < sizeof ENDS / sizeof *ENDS; i++)
        supported &= jit_supported(ENDS[i], features);
    supported &= !jit_supported(GL_OP_SYSREAD, features) && !jit_supported(EMU_UOP_NEXT, features);
    printf("%s 1 - the subset: %zu ops and every block end supported; sysread, NEXT not\n",
           supported ? "ok" : "not ok", nops);

    static uint8_t mem0[MEMSIZE + SLACK], want_mem[MEMSIZE + SLACK], have_mem[MEMSIZE + SLACK];
    unsigned bad = 0, insns = 0, stopped_bad = 0, traps = 0, trap_bad = 0;
    _Alignas(emu_block) static uint8_t blockbuf[sizeof(emu_block) + (EMU_BLOCK_MAX + 2) * sizeof(emu_uop)];
    emu_block *blk = (emu_block *)blockbuf;
    emu_uop *u = blk->u;
    unsigned branches = 0, branch_bad = 0;
    uint64_t leave;
    enter_fn enter = start(&c, &leave);
    for (int t = 0; t < BLOCKS; t++) {
        unsigned n = 1 + (unsigned)(rnd() % (EMU_BLOCK_MAX - 1));
        /* ends: next block, a syscall, j, b, ibj, an unsupported sysread */
        static const uint16_t LAST[] = {EMU_UOP_NEXT, GL_OP_SYSCALL, GL_OP_J, GL_OP_B, GL_OP_B,
                                        GL_OP_IBJ, GL_OP_SYSREAD};
        uint16_t last = LAST[t % 7];
        test_state s0, want, have;
        memset(&s0, 0, sizeof s0);
        for (int i = 0; i < 64; i++)
            s0.s[i] = rnd() % 4 ? value() : rnd() % MEMSIZE;
        s0.s[JIT_STATE_PC] = 0;
        s0.s[JIT_STATE_IB] = 0x11000;
        s0.s[JIT_STATE_FLAG] = rnd() & 1;
        s0.climit = UINT64_MAX;
        if (t % 64 == 0)
            for (size_t i = 0; i < sizeof mem0; i++)
                mem0[i] = (uint8_t)rnd();
        want = have = s0;
        memcpy(want_mem, mem0, sizeof mem0);
        memcpy(have_mem, mem0, sizeof mem0);
        unsigned ran, why;
        uint64_t want_fault = 0;
        random_block(u, n, last, want.s, want_mem, &ran, &why, &want_fault);
        for (unsigned k = 0; k < n; k++) /* the bit counts the CPU lacks */
            if (!jit_supported(u[k].op, features))
                u[k].op = GL_OP_MOV;
        int branch = last == GL_OP_J || last == GL_OP_B || last == GL_OP_IBJ;
        blk->pc = u[0].pc;
        blk->ib = s0.s[JIT_STATE_IB];
        blk->n = n + (last != EMU_UOP_NEXT);
        blk->nuops = last == EMU_UOP_NEXT ? n + 1 : n + 2;
        if (last == GL_OP_SYSREAD) {
            stopped_bad += jit_unsupported(blk, features) != (int)n;
            continue;
        }
        if (!jit_codebuf_reserve(&c, 32768))
            enter = start(&c, &leave);
        x64_asm a;
        jit_codebuf_begin(&c, &a);
        jit_env e = {.limit = MEMSIZE, .leave = leave, .tag = 0x1234,
                     .icount_off = offsetof(test_state, icount),
                     .climit_off = offsetof(test_state, climit),
                     .frame_off = offsetof(test_state, frame), .features = features};
        jit_tables room;
        jit_code at = jit_code_in(&room);
        int got = jit_translate(&a, blk, (const unsigned[]){0}, 1, &e, &at);
        uint64_t entry = jit_codebuf_commit(&c, &a);
        jit_io io = {0};
        unsigned ret = entry ? enter(have.s, have_mem, &io, entry) : ~0u;
        uint64_t have_fault = io.fault;
        if (why != 0) /* pc of the trapping uop: the caller's to set */
            have.s[JIT_STATE_PC] = u[ret & 0xffff].pc;
        else if (entry) /* a chain or syscall exit's pc and ib: the caller's */
            jit_exit_target(&blk, 1, &at, ret, &have.s[JIT_STATE_PC], &have.s[JIT_STATE_IB]);
        unsigned code = why ? why | ran
                        : last == GL_OP_SYSCALL ? JIT_X_SYSCALL
                        : last == GL_OP_B && !want.s[JIT_STATE_FLAG] ? JIT_X_CHAIN | 1
                                                                     : JIT_X_CHAIN;
        insns += ran;
        traps += why != 0;
        int ok = got && ret == code && io.tag == 0x1234 && have.icount == blk->n &&
                 memcmp(want.s, have.s, sizeof want.s) == 0 &&
                 memcmp(want_mem, have_mem, sizeof want_mem) == 0 && want_fault == have_fault;
        if (!ok) {
            if (bad++ < 5) {
                printf("# block %d (%u uops, ends %s): translated %d, returned 0x%x, model 0x%x\n",
                       t, n, last == GL_OP_SYSCALL ? "SYSCALL" : last == EMU_UOP_NEXT ? "NEXT"
                                                                                 : "a branch",
                       got, ret, code);
                for (int i = 0; i < JIT_STATE_WORDS; i++)
                    if (want.s[i] != have.s[i])
                        printf("#   word %d: want 0x%llx, have 0x%llx\n", i,
                               (unsigned long long)want.s[i], (unsigned long long)have.s[i]);
                if (memcmp(want_mem, have_mem, sizeof want_mem) != 0)
                    printf("#   memory differs\n");
                if (want_fault != have_fault)
                    printf("#   fault address: want 0x%llx, have 0x%llx\n",
                           (unsigned long long)want_fault, (unsigned long long)have_fault);
            }
            if (why != 0)
                trap_bad++;
            if (branch && why == 0)
                branch_bad++;
        }
        branches += branch && why == 0;
    }
    printf("%s 2 - %d random blocks, %u instructions: registers, flag, pc, memory, count\n",
           bad ? "not ok" : "ok", BLOCKS, insns);
    printf("%s 3 - a block with an unsupported uop is not translated: jit_unsupported names it\n",
           stopped_bad ? "not ok" : "ok");
    printf("%s 4 - %u out-of-range loads and stores trap precisely (kind, address, state)\n",
           trap_bad || traps == 0 ? "not ok" : "ok", traps);
    printf("%s 5 - %u blocks ending in j, b (half of them fused with a compare), ibj: "
           "successor pc and ib\n", branch_bad || branches == 0 ? "not ok" : "ok", branches);
    jit_codebuf_free(&c);
    printf("1..5\n");
    return bad || !supported;
}
