/*
 * opsem.c - the semantic columns of isa.def (class, ends-block, memory
 * size, constant read, flag effect) against a table written by hand from
 * docs/isa.md's instruction tables, one row per op.  A wrong bit in
 * isa.def fails here even where no tool output shows it (a block ending
 * one instruction early is only slower).
 */
#include <string.h>

#include "check.h"
#include "isa.h"

#define A GL_CLASS_ALU
#define LD GL_CLASS_LOAD
#define ST GL_CLASS_STORE
#define AT GL_CLASS_ATOMIC
#define BR GL_CLASS_BRANCH
#define JP GL_CLASS_JUMP
#define LK GL_CLASS_LINK
#define SY GL_CLASS_SYSTEM
#define TR GL_CLASS_TRAP
#define R GL_FLAG_R
#define W GL_FLAG_W

struct want {
    unsigned op, cls, ends, mem, kread, flags;
};

static const struct want want[] = {
    {GL_OP_BREAK, TR, 1, 0, 0, 0},     {GL_OP_SYSCALL, SY, 1, 0, 0, 0},
    {GL_OP_IRET, SY, 1, 0, 0, 0},      {GL_OP_WFI, SY, 0, 0, 0, 0},
    {GL_OP_FENCE, SY, 0, 0, 0, 0},     {GL_OP_J, JP, 1, 0, 0, 0},
    {GL_OP_B, BR, 1, 0, 0, R},         {GL_OP_IBJ, JP, 1, 0, 0, 0},
    {GL_OP_LJ, LK, 1, 0, 8, 0},        {GL_OP_LJAL, LK, 1, 0, 8, 0},
    {GL_OP_LJTL, LK, 1, 0, 8, 0},      {GL_OP_LJALA, LK, 1, 0, 8, 0},
    {GL_OP_MOVD, A, 0, 0, 4, 0},       {GL_OP_MOVQ, A, 0, 0, 8, 0},
    {GL_OP_SYSREAD, SY, 0, 0, 0, 0},   {GL_OP_SYSWRITE, SY, 0, 0, 0, 0},
    {GL_OP_SYSSET, SY, 0, 0, 0, 0},    {GL_OP_SYSCLEAR, SY, 0, 0, 0, 0},
    {GL_OP_MOVI, A, 0, 0, 0, 0},       {GL_OP_ADDI, A, 0, 0, 0, W},
    {GL_OP_SRLI, A, 0, 0, 0, 0},       {GL_OP_SRAI, A, 0, 0, 0, 0},
    {GL_OP_SLLI, A, 0, 0, 0, 0},       {GL_OP_ADDD, A, 0, 0, 4, W},
    {GL_OP_LEAPC, A, 0, 0, 4, 0},      {GL_OP_LOADPC, LD, 0, 8, 4, 0},
    {GL_OP_STOREPC, ST, 0, 8, 4, 0},   {GL_OP_LOAD, LD, 0, 8, 0, 0},
    {GL_OP_LOAD_I8, LD, 0, 1, 0, 0},   {GL_OP_LOAD_U8, LD, 0, 1, 0, 0},
    {GL_OP_LOAD_I16, LD, 0, 2, 0, 0},  {GL_OP_LOAD_U16, LD, 0, 2, 0, 0},
    {GL_OP_LOAD_I32, LD, 0, 4, 0, 0},  {GL_OP_LOAD_U32, LD, 0, 4, 0, 0},
    {GL_OP_STORE, ST, 0, 8, 0, 0},     {GL_OP_STORE_I8, ST, 0, 1, 0, 0},
    {GL_OP_STORE_I16, ST, 0, 2, 0, 0}, {GL_OP_STORE_I32, ST, 0, 4, 0, 0},
    {GL_OP_CMP_LT, A, 0, 0, 0, W},     {GL_OP_CMP_GE, A, 0, 0, 0, W},
    {GL_OP_CMP_EQ, A, 0, 0, 0, W},     {GL_OP_CMP_NE, A, 0, 0, 0, W},
    {GL_OP_CMP_LTU, A, 0, 0, 0, W},    {GL_OP_CMP_GEU, A, 0, 0, 0, W},
    {GL_OP_CMOV, A, 0, 0, 0, R},       {GL_OP_NCMOV, A, 0, 0, 0, R},
    {GL_OP_MOV, A, 0, 0, 0, 0},        {GL_OP_NOT, A, 0, 0, 0, 0},
    {GL_OP_NEG, A, 0, 0, 0, 0},        {GL_OP_BSWAP, A, 0, 0, 0, 0},
    {GL_OP_CTZ, A, 0, 0, 0, 0},        {GL_OP_CLZ, A, 0, 0, 0, 0},
    {GL_OP_CTPOP, A, 0, 0, 0, 0},      {GL_OP_SEXT, A, 0, 0, 0, 0},
    {GL_OP_PIN, A, 0, 0, 0, 0},        {GL_OP_CAS, AT, 0, 8, 0, W},
    {GL_OP_SWAP, AT, 0, 8, 0, 0},      {GL_OP_AND, A, 0, 0, 0, 0},
    {GL_OP_OR, A, 0, 0, 0, 0},         {GL_OP_XOR, A, 0, 0, 0, 0},
    {GL_OP_ADD, A, 0, 0, 0, W},        {GL_OP_ADC, A, 0, 0, 0, R | W},
    {GL_OP_SRL, A, 0, 0, 0, 0},        {GL_OP_SRA, A, 0, 0, 0, 0},
    {GL_OP_SLL, A, 0, 0, 0, 0},        {GL_OP_SUB, A, 0, 0, 0, W},
    {GL_OP_SBC, A, 0, 0, 0, R | W},    {GL_OP_MUL, A, 0, 0, 0, 0},
    {GL_OP_MULH, A, 0, 0, 0, 0},       {GL_OP_MULHU, A, 0, 0, 0, 0},
    {GL_OP_DIV, A, 0, 0, 0, W},        {GL_OP_DIVU, A, 0, 0, 0, W},
    {GL_OP_REM, A, 0, 0, 0, W},        {GL_OP_REMU, A, 0, 0, 0, W},
    {GL_OP_ILLEGAL, TR, 1, 0, 0, 0},
};

int main(void)
{
    unsigned seen[GL_OP_COUNT] = {0};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const struct want *w = &want[i];
        const char *mn = gl_opinfo_get(w->op)->mnemonic;
        seen[w->op]++;
        CHECK(gl_op_class(w->op) == w->cls, "%s: class %u (want %u)", mn,
              gl_op_class(w->op), w->cls);
        CHECK(gl_op_ends_block(w->op) == (int)w->ends, "%s: %s a block", mn,
              w->ends ? "ends" : "does not end");
        CHECK(gl_op_mem_size(w->op) == w->mem, "%s: accesses %u bytes of memory (want %u)",
              mn, gl_op_mem_size(w->op), w->mem);
        CHECK(gl_op_const_size(w->op) == w->kread, "%s: reads a %u-byte constant (want %u)",
              mn, gl_op_const_size(w->op), w->kread);
        CHECK(gl_op_flags(w->op) == w->flags, "%s: flag effect %u (want %u)", mn,
              gl_op_flags(w->op), w->flags);
    }
    for (unsigned op = 0; op < GL_OP_COUNT; op++)
        CHECK(seen[op] == 1, "%s: one row in the hand-written table (%u)",
              gl_opinfo_get(op)->mnemonic, seen[op]);
    /* function codes: each (major, minor, code) names exactly one op */
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        if (oi->fix != GL_FIX_NONE)
            CHECK(gl_op_by_fun(oi->major, oi->minor, oi->fixval) == (int)op,
                  "%s: found by its function code %u", oi->mnemonic, oi->fixval);
    }
    size_t n;
    const char *f = gl_op_fun_name(GL_OP_CMP_LTU, &n);
    CHECK(n == 3 && !memcmp(f, "ltu", 3), "cmp.ltu.i64's function is named ltu");
    f = gl_op_fun_name(GL_OP_NCMOV, &n);
    CHECK(n == 5 && !memcmp(f, "ncmov", 5), "ncmov.i64's function is named ncmov");
    f = gl_op_fun_name(GL_OP_CTPOP, &n);
    CHECK(n == 5 && !memcmp(f, "ctpop", 5), "ctpop.i64's function is named ctpop");
    gl_insn nop = {GL_OP_OR, 2, 0, 0, 0, 0};
    CHECK(gl_is_nop(&gl_nop) && gl_is_nop(&nop), "nop is the 16-bit or.i64 r0, r0, r0");
    nop.len = 4;
    CHECK(!gl_is_nop(&nop), "the 32-bit or.i64 r0, r0, r0 is not nop");
    CHECK(gl_op_ends_block(GL_OP_INVALID) && gl_op_class(GL_OP_INVALID) == TR &&
              gl_op_mem_size(GL_OP_INVALID) == 0 && gl_op_const_size(GL_OP_INVALID) == 0,
          "an undecodable word traps and ends its block");
    return check_done();
}
