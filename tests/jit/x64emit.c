/*
 * x64emit.c - the JIT's x86-64 encoder checked against an independent
 * disassembler (binutils objdump, Intel syntax).
 *
 * Every instruction form of emu/jit/x64emit.h is emitted with every
 * register in every operand position and, for memory operands, every
 * base (rsp/r12 need a SIB byte, rbp/r13 a displacement even when it is
 * 0), every index (r12 is one, rsp cannot be), every scale, no base,
 * no index, and displacements 0, disp8 and disp32 of both signs.  For
 * each one the test writes down, independently of the encoder, the
 * Intel-syntax text it means; objdump must print exactly that text at
 * exactly that offset, and nothing else in between (so lengths agree).
 * Branch targets are checked the same way (objdump prints the address).
 * Prints TAP, one line per instruction group.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "x64emit.h"

#define PC0 0x400000u

typedef struct want {
    size_t off;
    int group;
    char text[112];
} want;

static struct {
    x64_asm a;
    want *w;
    size_t n, cap;
    const char *groups[64];
    int ngroups;
} T;

static const char *const R64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const R32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const R16[16] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const R8[16] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                   "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const CC[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                   "s", "ns", "p", "np", "l", "ge", "le", "g"};
static const char *const ALU[8] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
static const int W[4] = {1, 2, 4, 8};

static const char *reg(int w, int r)
{
    return w == 8 ? R64[r] : w == 4 ? R32[r] : w == 2 ? R16[r] : R8[r];
}

static const char *ptr(int w)
{
    return w == 8 ? "QWORD PTR " : w == 4 ? "DWORD PTR " : w == 2 ? "WORD PTR " : "BYTE PTR ";
}

/* An immediate as objdump prints it: sign-extended to the width, hex. */
static const char *hexw(int w, int64_t v, char *buf)
{
    uint64_t u = (uint64_t)v;
    if (w < 8)
        u &= ((uint64_t)1 << (8 * w)) - 1;
    snprintf(buf, 24, "0x%llx", (unsigned long long)u);
    return buf;
}

/* A memory operand as objdump prints it (without the size). */
static const char *memtext(x64_mem m, char *buf)
{
    char d[24];
    long long sd = m.disp;
    unsigned long long mag = (unsigned long long)(sd < 0 ? -sd : sd);
    snprintf(d, sizeof d, "%c0x%llx", m.disp < 0 ? '-' : '+', mag);
    if (m.base < 0 && m.index < 0) {
        snprintf(buf, 64, "ds:0x%x", (unsigned)m.disp);
        return buf;
    }
    char bi[32] = "";
    if (m.base >= 0 && m.index >= 0)
        snprintf(bi, sizeof bi, "%s+%s*%d", R64[m.base], R64[m.index], m.scale);
    else if (m.base >= 0)
        snprintf(bi, sizeof bi, "%s", R64[m.base]);
    else
        snprintf(bi, sizeof bi, "%s*%d", R64[m.index], m.scale);
    /* objdump drops a zero displacement only when none was encoded */
    int encoded = m.base < 0 || m.disp != 0 || (m.base & 7) == 5;
    snprintf(buf, 64, "[%s%s]", bi, encoded ? d : "");
    return buf;
}

static void group(const char *name)
{
    T.groups[T.ngroups++] = name;
}

static void expect(size_t off, const char *fmt, ...)
{
    if (T.n == T.cap) {
        T.cap = T.cap ? 2 * T.cap : 4096;
        T.w = realloc(T.w, T.cap * sizeof *T.w);
        if (!T.w) {
            perror("realloc");
            exit(1);
        }
    }
    want *w = &T.w[T.n++];
    w->off = off;
    w->group = T.ngroups - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->text, sizeof w->text, fmt, ap);
    va_end(ap);
}

/* Emit one instruction (the statement), then say what it must be. */
#define E(stmt, ...)                 \
    do {                             \
        size_t off_ = T.a.len;       \
        stmt;                        \
        expect(off_, __VA_ARGS__);   \
    } while (0)

/* The memory operands: every base with several displacements, every
 * base with an index, every index with every scale, no base. */
static x64_mem *mems(size_t *n, int full)
{
    static const int32_t disps[] = {0, 8, -8, 0x7f, -0x80, 0x80, 0x12345678, -0x12345678};
    size_t cap = 1024, k = 0;
    x64_mem *m = malloc(cap * sizeof *m);
    if (!m)
        exit(1);
    int nd = full ? 8 : 3;
    for (int b = 0; b < 16; b++)
        for (int d = 0; d < nd; d++)
            m[k++] = x64_at(b, disps[d]);
    for (int b = 0; b < 16; b++)
        for (int i = 0; i < 16; i++) {
            if (i == X64_RSP || (!full && i != X64_RCX && i != X64_R12 && b != X64_RAX &&
                                 b != X64_R13))
                continue;
            m[k++] = x64_at_index(b, i, 1 << ((b + i) & 3), disps[(b * 3 + i) % 8]);
        }
    for (int i = 0; i < 16; i++)
        for (int s = 1; s <= 8 && i != X64_RSP; s *= 2)
            m[k++] = x64_at_index(X64_NOREG, i, s, i & 1 ? -0x40 : 0x1000 * s);
    m[k++] = x64_at(X64_NOREG, 0x1234);
    *n = k;
    return m;
}

/* The group title: a patchable jump or call (mnem) to a target near
 * back at every start offset mod 4, nops padding its rel32 to 4-byte
 * alignment. */
static void patchable(const char *title, const char *mnem, size_t (*emit)(x64_asm *, uint64_t),
                      uint64_t back)
{
    group(title);
    for (int k = 0; k < 8; k++) {
        uint64_t target = back + (uint64_t)k * 0x100;
        size_t pad = (4 - ((x64_here(&T.a) + 1) & 3)) & 3;
        for (size_t i = 0; i < pad; i++)
            expect(T.a.len + i, "nop");
        size_t off = T.a.len + pad;
        size_t site = emit(&T.a, target);
        expect(off, "%s 0x%llx", mnem, (unsigned long long)target);
        if ((T.a.pc + site) % 4 != 0 || site != off + 1) {
            printf("not ok - patchable %s site at 0x%llx is not aligned\n", mnem,
                   (unsigned long long)(T.a.pc + site));
            exit(1);
        }
        for (int i = 0; i < k % 4; i++) /* move the next start offset on */
            E(x64_nop(&T.a, 1), "nop");
    }
}

static void emit_all(void)
{
    char b1[64], b2[64];
    size_t nm, nfull;
    x64_mem *m = mems(&nm, 0), *mf = mems(&nfull, 1);

    group("mov reg, reg (32, 64; 8 and 16 bits too)");
    for (int wi = 0; wi < 4; wi++)
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s++)
                E(x64_mov_rr(&T.a, W[wi], d, s), "mov %s,%s", reg(W[wi], d), reg(W[wi], s));

    group("mov reg, imm (mov r32 imm32, mov r64 simm32, movabs)");
    static const int64_t imms[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, -1, -0x80000000LL,
                                   0x100000000LL, 0x123456789abcdef0LL, INT64_MIN};
    for (int r = 0; r < 16; r++)
        for (size_t i = 0; i < sizeof imms / sizeof *imms; i++) {
            int64_t v = imms[i];
            if ((uint64_t)v <= 0xffffffffu)
                E(x64_mov_ri(&T.a, r, v), "mov %s,%s", R32[r], hexw(4, v, b1));
            else if (v >= INT32_MIN && v <= INT32_MAX)
                E(x64_mov_ri(&T.a, r, v), "mov %s,%s", R64[r], hexw(8, v, b1));
            else
                E(x64_mov_ri(&T.a, r, v), "movabs %s,%s", R64[r], hexw(8, v, b1));
            E(x64_movabs(&T.a, r, (uint64_t)v), "movabs %s,%s", R64[r], hexw(8, v, b1));
            E(x64_mov_ri32(&T.a, r, (uint32_t)v), "mov %s,%s", R32[r], hexw(4, v, b1));
        }

    group("load: mov reg, [mem], every register, every addressing form");
    for (int wi = 0; wi < 4; wi++)
        for (int r = 0; r < 16; r++)
            for (size_t k = 0; k < (W[wi] == 8 ? nfull : nm); k++) {
                x64_mem mm = W[wi] == 8 ? mf[k] : m[k];
                E(x64_load(&T.a, W[wi], r, mm), "mov %s,%s%s", reg(W[wi], r), ptr(W[wi]),
                  memtext(mm, b1));
            }

    group("store: mov [mem], reg and mov [mem], imm");
    for (int wi = 0; wi < 4; wi++)
        for (int r = 0; r < 16; r++)
            for (size_t k = 0; k < nm; k++) {
                E(x64_store(&T.a, W[wi], m[k], r), "mov %s%s,%s", ptr(W[wi]), memtext(m[k], b1),
                  reg(W[wi], r));
                if (r == 0)
                    E(x64_store_i(&T.a, W[wi], m[k], -5), "mov %s%s,%s", ptr(W[wi]),
                      memtext(m[k], b1), hexw(W[wi], -5, b2));
            }

    group("movzx, movsx, movsxd: register and memory sources");
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            E(x64_movzx_rr(&T.a, 1, d, s), "movzx %s,%s", R32[d], R8[s]);
            E(x64_movzx_rr(&T.a, 2, d, s), "movzx %s,%s", R32[d], R16[s]);
            E(x64_movsx_rr(&T.a, 1, d, s), "movsx %s,%s", R64[d], R8[s]);
            E(x64_movsx_rr(&T.a, 2, d, s), "movsx %s,%s", R64[d], R16[s]);
            E(x64_movsx_rr(&T.a, 4, d, s), "movsxd %s,%s", R64[d], R32[s]);
        }
        for (size_t k = 0; k < nm; k++) {
            memtext(m[k], b1);
            E(x64_movzx(&T.a, 1, d, m[k]), "movzx %s,BYTE PTR %s", R32[d], b1);
            E(x64_movzx(&T.a, 2, d, m[k]), "movzx %s,WORD PTR %s", R32[d], b1);
            E(x64_movsx(&T.a, 1, d, m[k]), "movsx %s,BYTE PTR %s", R64[d], b1);
            E(x64_movsx(&T.a, 2, d, m[k]), "movsx %s,WORD PTR %s", R64[d], b1);
            E(x64_movsx(&T.a, 4, d, m[k]), "movsxd %s,DWORD PTR %s", R64[d], b1);
        }
    }

    group("lea (32, 64)");
    for (int d = 0; d < 16; d++)
        for (size_t k = 0; k < nfull; k++) {
            memtext(mf[k], b1);
            E(x64_lea(&T.a, 8, d, mf[k]), "lea %s,%s", R64[d], b1);
            if (k % 7 == 0)
                E(x64_lea(&T.a, 4, d, mf[k]), "lea %s,%s", R32[d], b1);
        }

    group("xchg, lock cmpxchg");
    for (int wi = 0; wi < 4; wi++)
        for (int r = 0; r < 16; r++) {
            for (int s = 0; s < 16; s++)
                E(x64_xchg_rr(&T.a, W[wi], r, s), "xchg %s,%s", reg(W[wi], r), reg(W[wi], s));
            for (size_t k = 0; k < nm; k += 5) {
                memtext(m[k], b1);
                E(x64_xchg_mr(&T.a, W[wi], m[k], r), "xchg %s%s,%s", ptr(W[wi]), b1,
                  reg(W[wi], r));
                E(x64_lock_cmpxchg(&T.a, W[wi], m[k], r), "lock cmpxchg %s%s,%s", ptr(W[wi]), b1,
                  reg(W[wi], r));
            }
        }

    group("bswap, push, pop");
    for (int r = 0; r < 16; r++) {
        E(x64_bswap(&T.a, 8, r), "bswap %s", R64[r]);
        E(x64_bswap(&T.a, 4, r), "bswap %s", R32[r]);
        E(x64_push(&T.a, r), "push %s", R64[r]);
        E(x64_pop(&T.a, r), "pop %s", R64[r]);
    }

    group("ALU reg, reg (add or adc sbb and sub xor cmp; 8..64 bits)");
    for (int op = 0; op < 8; op++)
        for (int wi = 0; wi < 4; wi++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s++)
                    E(x64_alu_rr(&T.a, op, W[wi], d, s), "%s %s,%s", ALU[op], reg(W[wi], d),
                      reg(W[wi], s));

    group("ALU reg, imm (imm8 and imm32 forms)");
    static const int32_t aimm[] = {0, 1, -1, 127, -128, 128, -129, 0x7fffffff, INT32_MIN};
    for (int op = 0; op < 8; op++)
        for (int wi = 0; wi < 4; wi++)
            for (int d = 0; d < 16; d++)
                for (size_t i = 0; i < sizeof aimm / sizeof *aimm; i++) {
                    int32_t v = aimm[i];
                    if (W[wi] == 1)
                        v = (int8_t)v;
                    else if (W[wi] == 2)
                        v = (int16_t)v;
                    E(x64_alu_ri(&T.a, op, W[wi], d, v), "%s %s,%s", ALU[op], reg(W[wi], d),
                      hexw(W[wi], v, b1));
                }

    group("ALU reg, [mem]; [mem], reg; [mem], imm");
    for (int op = 0; op < 8; op++)
        for (int wi = 0; wi < 4; wi++)
            for (int r = 0; r < 16; r++)
                for (size_t k = (size_t)(op + r) % 3; k < nm; k += 3) {
                    memtext(m[k], b1);
                    E(x64_alu_rm(&T.a, op, W[wi], r, m[k]), "%s %s,%s%s", ALU[op], reg(W[wi], r),
                      ptr(W[wi]), b1);
                    E(x64_alu_mr(&T.a, op, W[wi], m[k], r), "%s %s%s,%s", ALU[op], ptr(W[wi]), b1,
                      reg(W[wi], r));
                    int32_t v = r & 1 ? -3 : W[wi] == 1 ? 0x55 : W[wi] == 2 ? 0x1234 : 0x12345;
                    if (r < 4)
                        E(x64_alu_mi(&T.a, op, W[wi], m[k], v), "%s %s%s,%s", ALU[op], ptr(W[wi]),
                          b1, hexw(W[wi], v, b2));
                }

    group("test reg, reg; test reg, imm");
    for (int wi = 0; wi < 4; wi++)
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++)
                E(x64_test_rr(&T.a, W[wi], d, s), "test %s,%s", reg(W[wi], d), reg(W[wi], s));
            int32_t v = W[wi] == 1 ? 0x80 : W[wi] == 2 ? 0x8001 : -2;
            E(x64_test_ri(&T.a, W[wi], d, v), "test %s,%s", reg(W[wi], d), hexw(W[wi], v, b1));
        }

    group("not neg mul imul div idiv: register and memory");
    static const char *const UN[8] = {NULL, NULL, "not", "neg", "mul", "imul", "div", "idiv"};
    for (int op = 2; op < 8; op++)
        for (int wi = 0; wi < 4; wi++) {
            for (int r = 0; r < 16; r++)
                E(x64_unary_r(&T.a, op, W[wi], r), "%s %s", UN[op], reg(W[wi], r));
            for (size_t k = 0; k < nm; k += 2)
                E(x64_unary_m(&T.a, op, W[wi], m[k]), "%s %s%s", UN[op], ptr(W[wi]),
                  memtext(m[k], b1));
        }
    E(x64_cqo(&T.a), "cqo");
    E(x64_cdq(&T.a), "cdq");

    group("imul reg, reg; reg, [mem]; reg, reg, imm");
    for (int wi = 1; wi < 4; wi++)
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                E(x64_imul_rr(&T.a, W[wi], d, s), "imul %s,%s", reg(W[wi], d), reg(W[wi], s));
                int32_t v = s & 1 ? -7 : W[wi] == 2 ? 0x1234 : 0x10000;
                E(x64_imul_rri(&T.a, W[wi], d, s, v), "imul %s,%s,%s", reg(W[wi], d),
                  reg(W[wi], s), hexw(W[wi], v, b1));
            }
            for (size_t k = 0; k < nm; k += 2)
                E(x64_imul_rm(&T.a, W[wi], d, m[k]), "imul %s,%s%s", reg(W[wi], d), ptr(W[wi]),
                  memtext(m[k], b1));
        }

    group("shifts and rotates by imm, by 1 and by cl");
    static const int SH[5] = {X64_ROL, X64_ROR, X64_SHL, X64_SHR, X64_SAR};
    static const char *const SHN[5] = {"rol", "ror", "shl", "shr", "sar"};
    for (int op = 0; op < 5; op++)
        for (int wi = 0; wi < 4; wi++)
            for (int r = 0; r < 16; r++) {
                E(x64_shift_ri(&T.a, SH[op], W[wi], r, 1), "%s %s,1", SHN[op], reg(W[wi], r));
                E(x64_shift_ri(&T.a, SH[op], W[wi], r, 5), "%s %s,0x5", SHN[op], reg(W[wi], r));
                E(x64_shift_ri(&T.a, SH[op], W[wi], r, 63), "%s %s,0x3f", SHN[op], reg(W[wi], r));
                E(x64_shift_rcl(&T.a, SH[op], W[wi], r), "%s %s,cl", SHN[op], reg(W[wi], r));
            }

    group("popcnt tzcnt lzcnt; bt");
    static const int BC[3] = {X64_POPCNT, X64_TZCNT, X64_LZCNT};
    static const char *const BCN[3] = {"popcnt", "tzcnt", "lzcnt"};
    for (int op = 0; op < 3; op++)
        for (int wi = 1; wi < 4; wi++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s++)
                    E(x64_bitcount_rr(&T.a, BC[op], W[wi], d, s), "%s %s,%s", BCN[op],
                      reg(W[wi], d), reg(W[wi], s));
    for (int wi = 1; wi < 4; wi++)
        for (int r = 0; r < 16; r++) {
            E(x64_bt_ri(&T.a, W[wi], r, 3), "bt %s,0x3", reg(W[wi], r));
            E(x64_bt_mi(&T.a, W[wi], m[r * 5 % nm], 0), "bt %s%s,0x0", ptr(W[wi]),
              memtext(m[r * 5 % nm], b1));
        }

    group("setcc, cmovcc: every condition, register and memory");
    for (int cc = 0; cc < 16; cc++)
        for (int r = 0; r < 16; r++) {
            E(x64_setcc(&T.a, cc, r), "set%s %s", CC[cc], R8[r]);
            E(x64_setcc_m(&T.a, cc, m[(cc * 16 + r) % nm]), "set%s BYTE PTR %s", CC[cc],
              memtext(m[(cc * 16 + r) % nm], b1));
            for (int wi = 1; wi < 4; wi++) {
                E(x64_cmovcc(&T.a, cc, W[wi], r, 15 - r), "cmov%s %s,%s", CC[cc], reg(W[wi], r),
                  reg(W[wi], 15 - r));
                E(x64_cmovcc_m(&T.a, cc, W[wi], r, m[(cc + r * 3) % nm]), "cmov%s %s,%s%s",
                  CC[cc], reg(W[wi], r), ptr(W[wi]), memtext(m[(cc + r * 3) % nm], b1));
            }
        }

    group("jcc/jmp rel8 and rel32, call rel32: backwards, forwards, patched");
    uint64_t back = x64_here(&T.a);
    for (int cc = 0; cc < 16; cc++) {
        uint64_t near = x64_here(&T.a) + 2 - 128; /* the farthest rel8 reaches back */
        E(x64_jcc8(&T.a, cc, near), "j%s 0x%llx", CC[cc], (unsigned long long)near);
        E(x64_jcc32(&T.a, cc, back - 0x10000), "j%s 0x%llx", CC[cc],
          (unsigned long long)(back - 0x10000));
    }
    uint64_t far8 = x64_here(&T.a) + 2 + 127;
    E(x64_jmp8(&T.a, far8), "jmp 0x%llx", (unsigned long long)far8);
    E(x64_jmp32(&T.a, back + 0x7fff0000), "jmp 0x%llx", (unsigned long long)(back + 0x7fff0000));
    E(x64_call32(&T.a, back - 0x300000), "call 0x%llx", (unsigned long long)(back - 0x300000));
    size_t sites[18], n = 0;
    for (int cc = 0; cc < 16; cc += 3) {
        size_t off = T.a.len;
        sites[n++] = x64_jcc8(&T.a, cc, x64_here(&T.a));
        expect(off, "j%s @", CC[cc]); /* completed below */
        off = T.a.len;
        sites[n++] = x64_jcc32(&T.a, cc, x64_here(&T.a));
        expect(off, "j%s @", CC[cc]);
    }
    size_t first = T.n - n;
    for (int k = 0; k < 3; k++)
        E(x64_nop(&T.a, 1), "nop");
    uint64_t fwd = x64_here(&T.a);
    for (size_t k = 0; k < n; k++) {
        if (k % 2 == 0)
            x64_patch_rel8(&T.a, sites[k], fwd);
        else
            x64_patch_rel32(&T.a, sites[k], fwd);
        char *at = strchr(T.w[first + k].text, '@');
        snprintf(at, 24, "0x%llx", (unsigned long long)fwd);
    }

    group("indirect jmp/call through register and memory; ret ud2 int3");
    for (int r = 0; r < 16; r++) {
        E(x64_jmp_r(&T.a, r), "jmp %s", R64[r]);
        E(x64_call_r(&T.a, r), "call %s", R64[r]);
    }
    for (size_t k = 0; k < nm; k++) {
        E(x64_jmp_m(&T.a, m[k]), "jmp QWORD PTR %s", memtext(m[k], b1));
        E(x64_call_m(&T.a, m[k]), "call QWORD PTR %s", memtext(m[k], b1));
    }
    E(x64_ret(&T.a), "ret");
    E(x64_ud2(&T.a), "ud2");
    E(x64_mfence(&T.a), "mfence");
    E(x64_int3(&T.a), "int3");

    patchable("patchable jmp rel32: displacement 4-byte aligned at every start offset", "jmp",
              x64_jmp_patchable, back);
    patchable("patchable call rel32: displacement 4-byte aligned at every start offset", "call",
              x64_call_patchable, back);
    group("one nop instruction of 1, 2 and 3 bytes");
    E(x64_nop_one(&T.a, 1), "nop");
    E(x64_nop_one(&T.a, 2), "xchg ax,ax");
    E(x64_nop_one(&T.a, 3), "nop DWORD PTR [rax]");
    free(m);
    free(mf);
}

/* objdump's text, whitespace runs squeezed to one space. */
static void squeeze(char *s)
{
    char *d = s;
    for (char *p = s; *p; p++) {
        if ((*p == ' ' || *p == '\t') && (d == s || d[-1] == ' '))
            continue;
        *d++ = *p == '\t' ? ' ' : *p;
    }
    while (d > s && (d[-1] == ' ' || d[-1] == '\n'))
        d--;
    *d = 0;
}

static int compare(const char *bin)
{
    char cmd[4352];
    snprintf(cmd, sizeof cmd,
             "objdump -D -b binary -m i386:x86-64 -M intel --insn-width=16 --adjust-vma=0x%x %s",
             PC0, bin);
    FILE *f = popen(cmd, "r");
    if (!f) {
        perror("objdump");
        return 1;
    }
    int *bad = calloc((size_t)T.ngroups, sizeof *bad);
    int *count = calloc((size_t)T.ngroups, sizeof *count);
    size_t k = 0, shown = 0;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        unsigned long long addr;
        char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (sscanf(line, " %llx:", &addr) != 1 || !tab2)
            continue;
        char *text = tab2 + 1;
        squeeze(text);
        size_t off = (size_t)(addr - PC0);
        const want *w = k < T.n ? &T.w[k] : NULL;
        int ok = w && w->off == off && strcmp(w->text, text) == 0;
        int g = w ? w->group : T.ngroups - 1;
        if (!ok) {
            bad[g]++;
            if (shown++ < 30)
                printf("# at +0x%zx: objdump says '%s', expected '%s' at +0x%zx\n", off, text,
                       w ? w->text : "(nothing)", w ? w->off : (size_t)0);
        }
        count[g]++;
        /* resynchronise on the instruction at or after this offset */
        while (k < T.n && T.w[k].off <= off)
            k++;
    }
    int status = pclose(f);
    if (status != 0) {
        printf("not ok - objdump failed (status %d)\n", status);
        return 1;
    }
    int fail = k != T.n;
    if (k != T.n)
        printf("# objdump stopped after %zu of %zu instructions\n", k, T.n);
    for (int g = 0; g < T.ngroups; g++) {
        printf("%s %d - %s: %d instructions\n", bad[g] ? "not ok" : "ok", g + 1, T.groups[g],
               count[g]);
        fail |= bad[g] != 0;
    }
    free(bad);
    free(count);
    return fail;
}

/* An instruction that does not fit sets overflow and writes nothing. */
static int overflow_check(int n)
{
    uint8_t small[20];
    x64_asm a;
    x64_init(&a, small, sizeof small, PC0);
    x64_movabs(&a, X64_RAX, 1); /* 10 bytes: the next needs 16 of room */
    size_t len = a.len;
    x64_movabs(&a, X64_RCX, 2);
    x64_ret(&a);
    int ok = a.overflow && len == 10 && a.len == 10;
    printf("%s %d - an instruction that does not fit sets overflow and is dropped\n",
           ok ? "ok" : "not ok", n);
    return !ok;
}

int main(void)
{
    size_t cap = 8u << 20;
    uint8_t *buf = malloc(cap);
    if (!buf)
        return 1;
    x64_init(&T.a, buf, cap, PC0);
    emit_all();
    if (T.a.overflow) {
        printf("not ok - the test buffer overflowed\n");
        return 1;
    }
    const char *tmp = getenv("TMPDIR");
    char pbuf[4096];
    snprintf(pbuf, sizeof pbuf, "%s/x64emit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(pbuf);
    if (fd < 0 || write(fd, buf, T.a.len) != (ssize_t)T.a.len || close(fd) != 0) {
        perror(pbuf);
        return 1;
    }
    printf("1..%d\n", T.ngroups + 1);
    printf("# %zu instructions, %zu bytes\n", T.n, T.a.len);
    int fail = compare(pbuf);
    unlink(pbuf);
    fail |= overflow_check(T.ngroups + 1);
    free(buf);
    free(T.w);
    return fail;
}
