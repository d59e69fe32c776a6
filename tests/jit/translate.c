/*
 * translate.c - the block translator's subset (emu/jit/translate.h)
 * against a model of the instructions written from docs/isa.md: random
 * blocks of the supported uops over all 64 registers (the ten kept in
 * host registers and the rest in memory), edge-value immediates and
 * register contents, run translated from a random state; every register,
 * the flag, pc and the returned count must equal the model's.  Blocks
 * that end in an unsupported uop must stop in front of it.  Prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebuf.h"
#include "translate.h"

#define BLOCKS 20000

typedef unsigned (*block_fn)(uint64_t *state);

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
    GL_OP_NCMOV,
};
#define NOPS (sizeof OPS / sizeof *OPS)

/* docs/isa.md, one instruction */
static void model(uint64_t *s, const emu_uop *u)
{
    uint64_t *r = s, x = r[u->rb], y = r[u->ra], c = r[u->rc], imm = (uint64_t)u->imm, v;
    uint64_t *flag = &s[JIT_STATE_FLAG];
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
    }
}

static unsigned reg(void)
{
    return rnd() % 2 ? (unsigned)(rnd() % 10) : (unsigned)(rnd() % 64); /* mapped and not */
}

static void random_block(emu_uop *u, unsigned n, uint16_t last)
{
    uint64_t pc = 0x10000 + 2 * (rnd() % 4096);
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
    }
    memset(&u[n], 0, sizeof u[n]);
    u[n].op = last;
    u[n].pc = pc;
}

int main(void)
{
    jit_codebuf c;
    if (jit_codebuf_init(&c, 1 << 20, 64 << 20, JIT_CODEBUF_AUTO) != 0) {
        perror("jit_codebuf_init");
        return 1;
    }
    int supported = 1;
    for (size_t i = 0; i < NOPS; i++)
        supported &= jit_supported(OPS[i]);
    supported &= !jit_supported(GL_OP_LOAD) && !jit_supported(GL_OP_SYSCALL) &&
                 !jit_supported(EMU_UOP_NEXT);
    printf("%s 1 - the subset: %zu ops supported, loads, syscalls and NEXT not\n",
           supported ? "ok" : "not ok", NOPS);

    unsigned bad = 0, insns = 0, stopped_bad = 0;
    emu_uop u[EMU_BLOCK_MAX + 1];
    for (int t = 0; t < BLOCKS; t++) {
        unsigned n = 1 + (unsigned)(rnd() % EMU_BLOCK_MAX);
        /* a quarter of the blocks stop at a load the subset lacks */
        uint16_t last = t % 4 == 3 ? GL_OP_LOAD : EMU_UOP_NEXT;
        random_block(u, n, last);
        if (!jit_codebuf_reserve(&c, 16384))
            jit_codebuf_flush(&c);
        x64_asm a;
        jit_codebuf_begin(&c, &a);
        int got = jit_translate(&a, u, n + 1);
        uint64_t entry = jit_codebuf_commit(&c, &a);
        uint64_t s0[JIT_STATE_WORDS], want[JIT_STATE_WORDS], have[JIT_STATE_WORDS];
        for (int i = 0; i < 64; i++)
            s0[i] = value();
        s0[JIT_STATE_PC] = 0;
        s0[JIT_STATE_IB] = 0x11000;
        s0[JIT_STATE_FLAG] = rnd() & 1;
        memcpy(want, s0, sizeof s0);
        memcpy(have, s0, sizeof s0);
        for (unsigned k = 0; k < n; k++)
            model(want, &u[k]);
        want[JIT_STATE_PC] = u[n].pc;
        block_fn fn;
        memcpy(&fn, &entry, sizeof fn);
        unsigned ran = entry ? fn(have) : 0;
        insns += n;
        if (got != (int)n || ran != n || memcmp(want, have, sizeof want) != 0) {
            if (bad++ < 5) {
                printf("# block %d (%u uops, ends %s): translated %d, ran %u\n", t, n,
                       last == GL_OP_LOAD ? "LOAD" : "NEXT", got, ran);
                for (int i = 0; i < JIT_STATE_WORDS; i++)
                    if (want[i] != have[i])
                        printf("#   word %d: want 0x%llx, have 0x%llx\n", i,
                               (unsigned long long)want[i], (unsigned long long)have[i]);
            }
            if (last == GL_OP_LOAD)
                stopped_bad++;
        }
    }
    printf("%s 2 - %d random blocks, %u instructions: registers, flag, pc and count as the model\n",
           bad ? "not ok" : "ok", BLOCKS, insns);
    printf("%s 3 - blocks ending in an unsupported uop stop in front of it\n",
           stopped_bad ? "not ok" : "ok");
    jit_codebuf_free(&c);
    printf("1..3\n");
    return bad || !supported;
}
