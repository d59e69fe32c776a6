/*
 * x64emit.c - the JIT's x86-64 instruction encoder (see x64emit.h).
 *
 * Every instruction with a register or memory operand goes through
 * modrm(): legacy prefixes (66, then one mandatory prefix), REX, the
 * opcode bytes, ModRM, SIB and displacement.  The cases the hardware
 * makes special are all there:
 *
 *   - base rsp/r12 (low bits 100) always needs a SIB byte;
 *   - base rbp/r13 (low bits 101) with mod 00 would mean "no base" (or
 *     rip-relative), so a zero displacement is encoded as disp8 0;
 *   - no base at all is mod 00, SIB base 101 and a disp32;
 *   - index 100 without REX.X means "no index", so rsp cannot be one,
 *     while r12 can;
 *   - the byte registers spl, bpl, sil, dil exist only with a REX
 *     prefix (without one, 4..7 are ah, ch, dh, bh).
 */
#include "x64emit.h"

#include <assert.h>
#include <string.h>

enum {
    F_BYTE_REG = 1, /* the ModRM reg field names a byte register */
    F_BYTE_RM = 2,  /* the ModRM r/m field names a byte register */
};

void x64_init(x64_asm *a, void *p, size_t cap, uint64_t pc)
{
    a->p = p;
    a->pc = pc;
    a->len = 0;
    a->cap = cap;
    a->overflow = false;
}

/* The byte-register flags for an operation of width w. */
static unsigned bytes(int w, unsigned flags)
{
    return w == 1 ? flags : 0;
}

/* Room for one more instruction (at most 15 bytes). */
static bool room(x64_asm *a)
{
    if (!a->overflow && a->cap - a->len < 16)
        a->overflow = true;
    return !a->overflow;
}

/*
 * Each encoder writes through a local cursor q (at() gives it, end()
 * keeps what was written): stores through a->p itself would make the
 * compiler reload a->p and a->len after every byte, a chain of
 * store-to-load forwards that cost more than the encoding.
 */
static uint8_t *at(const x64_asm *a)
{
    return a->p + a->len;
}

static void end(x64_asm *a, uint8_t *q)
{
    a->len = (size_t)(q - a->p);
}

static uint8_t *b1(uint8_t *q, unsigned v)
{
    *q = (uint8_t)v;
    return q + 1;
}

static uint8_t *b2(uint8_t *q, uint32_t v)
{
    q[0] = (uint8_t)v;
    q[1] = (uint8_t)(v >> 8);
    return q + 2;
}

static uint8_t *b4(uint8_t *q, uint32_t v)
{
    q[0] = (uint8_t)v;
    q[1] = (uint8_t)(v >> 8);
    q[2] = (uint8_t)(v >> 16);
    q[3] = (uint8_t)(v >> 24);
    return q + 4;
}

static uint8_t *b8(uint8_t *q, uint64_t v)
{
    return b4(b4(q, (uint32_t)v), (uint32_t)(v >> 32));
}

static bool fits8(int64_t v)
{
    return v >= -128 && v <= 127;
}

static bool fits32(int64_t v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

/* An immediate of an operation of width w (the 64-bit forms take 32). */
static uint8_t *imm(uint8_t *q, int w, int32_t v)
{
    if (w == 1)
        return b1(q, (uint32_t)v);
    if (w == 2)
        return b2(q, (uint32_t)v);
    return b4(q, (uint32_t)v);
}

/*
 * Prefixes, REX, opcode (nopc bytes, most significant first), ModRM,
 * SIB, displacement.  reg is the ModRM reg field (a register or a
 * /digit); the r/m operand is the register rm when m is NULL, else *m.
 */
static uint8_t *modrm(uint8_t *q, int w, unsigned pfx, uint32_t opc, int nopc, int reg, int rm,
                  const x64_mem *m, unsigned flags)
{
    if (w == 2)
        q = b1(q, 0x66);
    if (pfx)
        q = b1(q, pfx);
    unsigned rex = 0;
    if (w == 8)
        rex |= 8;
    if (reg & 8)
        rex |= 4;
    if (m) {
        assert(m->index != X64_RSP);
        assert(m->scale == 1 || m->scale == 2 || m->scale == 4 || m->scale == 8);
        if (m->index >= 0 && (m->index & 8))
            rex |= 2;
        if (m->base >= 0 && (m->base & 8))
            rex |= 1;
    } else if (rm & 8) {
        rex |= 1;
    }
    bool need = ((flags & F_BYTE_REG) && reg >= 4 && reg < 8) ||
                ((flags & F_BYTE_RM) && !m && rm >= 4 && rm < 8);
    if (rex || need)
        q = b1(q, 0x40 | rex);
    for (int i = nopc - 1; i >= 0; i--)
        q = b1(q, opc >> (8 * i));
    unsigned r = (unsigned)(reg & 7) << 3;
    if (!m) {
        return b1(q, 0xc0 | r | (unsigned)(rm & 7));
    }
    unsigned ss = m->scale == 8 ? 3 : m->scale == 4 ? 2 : m->scale == 2 ? 1 : 0;
    unsigned idx = m->index < 0 ? 4 : (unsigned)(m->index & 7);
    if (m->base < 0) { /* [index*scale + disp32] or [disp32] */
        q = b1(q, 0x04 | r);
        q = b1(q, ss << 6 | idx << 3 | 5);
        return b4(q, (uint32_t)m->disp);
    }
    unsigned base = (unsigned)(m->base & 7);
    unsigned mod = m->disp == 0 && base != 5 ? 0 : fits8(m->disp) ? 1 : 2;
    if (m->index < 0 && base != 4) {
        q = b1(q, mod << 6 | r | base);
    } else {
        q = b1(q, mod << 6 | r | 4);
        q = b1(q, ss << 6 | idx << 3 | base);
    }
    if (mod == 1)
        q = b1(q, (uint32_t)m->disp);
    else if (mod == 2)
        q = b4(q, (uint32_t)m->disp);
    return q;
}

/* An instruction whose opcode adds a register number (push, bswap...). */
static uint8_t *plusr(uint8_t *q, bool w64, unsigned pre, unsigned opc, x64_reg r)
{
    unsigned rex = (w64 ? 8 : 0) | (r & 8 ? 1 : 0);
    if (rex)
        q = b1(q, 0x40 | rex);
    if (pre)
        q = b1(q, pre);
    return b1(q, opc + (r & 7));
}

/* ---- data movement ---- */

void x64_mov_rr(x64_asm *a, int w, x64_reg dst, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0x88 : 0x89, 1, src, dst, NULL,
                     bytes(w, F_BYTE_REG | F_BYTE_RM)));
}

void x64_mov_ri32(x64_asm *a, x64_reg dst, uint32_t v)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = plusr(q, false, 0, 0xb8, dst);
    q = b4(q, v);
    end(a, q);
}

void x64_movabs(x64_asm *a, x64_reg dst, uint64_t v)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = plusr(q, true, 0, 0xb8, dst);
    q = b8(q, v);
    end(a, q);
}

void x64_mov_ri(x64_asm *a, x64_reg dst, int64_t v)
{
    if ((uint64_t)v <= UINT32_MAX) {
        x64_mov_ri32(a, dst, (uint32_t)v); /* zero-extends */
    } else if (fits32(v)) {
        if (room(a))
            end(a, b4(modrm(at(a), 8, 0, 0xc7, 1, 0, dst, NULL, 0), (uint32_t)v));
    } else {
        x64_movabs(a, dst, (uint64_t)v);
    }
}

void x64_load(x64_asm *a, int w, x64_reg dst, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0x8a : 0x8b, 1, dst, 0, &m, bytes(w, F_BYTE_REG)));
}

void x64_store(x64_asm *a, int w, x64_mem m, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0x88 : 0x89, 1, src, 0, &m, bytes(w, F_BYTE_REG)));
}

void x64_store_i(x64_asm *a, int w, x64_mem m, int32_t v)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = modrm(q, w, 0, w == 1 ? 0xc6 : 0xc7, 1, 0, 0, &m, 0);
    q = imm(q, w, v);
    end(a, q);
}

void x64_movzx_rr(x64_asm *a, int srcw, x64_reg dst, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), 4, 0, srcw == 1 ? 0x0fb6 : 0x0fb7, 2, dst, src, NULL,
                     bytes(srcw, F_BYTE_RM)));
}

void x64_movzx(x64_asm *a, int srcw, x64_reg dst, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), 4, 0, srcw == 1 ? 0x0fb6 : 0x0fb7, 2, dst, 0, &m, 0));
}

void x64_movsx_rr(x64_asm *a, int srcw, x64_reg dst, x64_reg src)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    if (srcw == 4)
        q = modrm(q, 8, 0, 0x63, 1, dst, src, NULL, 0);
    else
        q = modrm(q, 8, 0, srcw == 1 ? 0x0fbe : 0x0fbf, 2, dst, src, NULL, bytes(srcw, F_BYTE_RM));
    end(a, q);
}

void x64_movsx(x64_asm *a, int srcw, x64_reg dst, x64_mem m)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    if (srcw == 4)
        q = modrm(q, 8, 0, 0x63, 1, dst, 0, &m, 0);
    else
        q = modrm(q, 8, 0, srcw == 1 ? 0x0fbe : 0x0fbf, 2, dst, 0, &m, 0);
    end(a, q);
}

void x64_lea(x64_asm *a, int w, x64_reg dst, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, 0x8d, 1, dst, 0, &m, 0));
}

void x64_xchg_rr(x64_asm *a, int w, x64_reg r1, x64_reg r2)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0x86 : 0x87, 1, r2, r1, NULL,
                     bytes(w, F_BYTE_REG | F_BYTE_RM)));
}

void x64_xchg_mr(x64_asm *a, int w, x64_mem m, x64_reg r)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0x86 : 0x87, 1, r, 0, &m, bytes(w, F_BYTE_REG)));
}

void x64_lock_cmpxchg(x64_asm *a, int w, x64_mem m, x64_reg r)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = b1(q, 0xf0);
    q = modrm(q, w, 0, w == 1 ? 0x0fb0 : 0x0fb1, 2, r, 0, &m, bytes(w, F_BYTE_REG));
    end(a, q);
}

void x64_bswap(x64_asm *a, int w, x64_reg r)
{
    if (room(a))
        end(a, plusr(at(a), w == 8, 0x0f, 0xc8, r));
}

void x64_push(x64_asm *a, x64_reg r)
{
    if (room(a))
        end(a, plusr(at(a), false, 0, 0x50, r));
}

void x64_pop(x64_asm *a, x64_reg r)
{
    if (room(a))
        end(a, plusr(at(a), false, 0, 0x58, r));
}

/* ---- arithmetic and logic ---- */

void x64_alu_rr(x64_asm *a, x64_alu op, int w, x64_reg dst, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, op * 8u + (w == 1 ? 0 : 1), 1, src, dst, NULL,
                     bytes(w, F_BYTE_REG | F_BYTE_RM)));
}

static void alu_imm(x64_asm *a, x64_alu op, int w, x64_reg r, const x64_mem *m, int32_t v)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    if (w == 1) {
        q = modrm(q, w, 0, 0x80, 1, op, r, m, bytes(w, F_BYTE_RM));
        q = b1(q, (uint32_t)v);
    } else if (fits8(v)) {
        q = modrm(q, w, 0, 0x83, 1, op, r, m, 0);
        q = b1(q, (uint32_t)v);
    } else {
        q = modrm(q, w, 0, 0x81, 1, op, r, m, 0);
        q = imm(q, w, v);
    }
    end(a, q);
}

void x64_alu_ri(x64_asm *a, x64_alu op, int w, x64_reg dst, int32_t v)
{
    alu_imm(a, op, w, dst, NULL, v);
}

void x64_alu_mi(x64_asm *a, x64_alu op, int w, x64_mem m, int32_t v)
{
    alu_imm(a, op, w, 0, &m, v);
}

void x64_alu_rm(x64_asm *a, x64_alu op, int w, x64_reg dst, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, op * 8u + (w == 1 ? 2 : 3), 1, dst, 0, &m, bytes(w, F_BYTE_REG)));
}

void x64_alu_mr(x64_asm *a, x64_alu op, int w, x64_mem m, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, op * 8u + (w == 1 ? 0 : 1), 1, src, 0, &m, bytes(w, F_BYTE_REG)));
}

void x64_test_rr(x64_asm *a, int w, x64_reg r1, x64_reg r2)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0x84 : 0x85, 1, r2, r1, NULL,
                     bytes(w, F_BYTE_REG | F_BYTE_RM)));
}

void x64_test_ri(x64_asm *a, int w, x64_reg r, int32_t v)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = modrm(q, w, 0, w == 1 ? 0xf6 : 0xf7, 1, 0, r, NULL, bytes(w, F_BYTE_RM));
    q = imm(q, w, v);
    end(a, q);
}

void x64_unary_r(x64_asm *a, x64_unary op, int w, x64_reg r)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0xf6 : 0xf7, 1, op, r, NULL, bytes(w, F_BYTE_RM)));
}

void x64_unary_m(x64_asm *a, x64_unary op, int w, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0xf6 : 0xf7, 1, op, 0, &m, 0));
}

void x64_imul_rr(x64_asm *a, int w, x64_reg dst, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, 0x0faf, 2, dst, src, NULL, 0));
}

void x64_imul_rm(x64_asm *a, int w, x64_reg dst, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, 0x0faf, 2, dst, 0, &m, 0));
}

void x64_imul_rri(x64_asm *a, int w, x64_reg dst, x64_reg src, int32_t v)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    if (fits8(v)) {
        q = modrm(q, w, 0, 0x6b, 1, dst, src, NULL, 0);
        q = b1(q, (uint32_t)v);
    } else {
        q = modrm(q, w, 0, 0x69, 1, dst, src, NULL, 0);
        q = imm(q, w, v);
    }
    end(a, q);
}

void x64_cqo(x64_asm *a)
{
    if (room(a))
        end(a, b2(at(a), 0x9948));
}

void x64_cdq(x64_asm *a)
{
    if (room(a))
        end(a, b1(at(a), 0x99));
}

void x64_shift_ri(x64_asm *a, x64_shift op, int w, x64_reg r, uint8_t n)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    if (n == 1) {
        q = modrm(q, w, 0, w == 1 ? 0xd0 : 0xd1, 1, op, r, NULL, bytes(w, F_BYTE_RM));
    } else {
        q = modrm(q, w, 0, w == 1 ? 0xc0 : 0xc1, 1, op, r, NULL, bytes(w, F_BYTE_RM));
        q = b1(q, n);
    }
    end(a, q);
}

void x64_shift_rcl(x64_asm *a, x64_shift op, int w, x64_reg r)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, w == 1 ? 0xd2 : 0xd3, 1, op, r, NULL, bytes(w, F_BYTE_RM)));
}

void x64_bitcount_rr(x64_asm *a, x64_bitcount op, int w, x64_reg dst, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0xf3, 0x0f00u | op, 2, dst, src, NULL, 0));
}

void x64_bt_ri(x64_asm *a, int w, x64_reg r, uint8_t bit)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = modrm(q, w, 0, 0x0fba, 2, 4, r, NULL, 0);
    q = b1(q, bit);
    end(a, q);
}

void x64_bt_mi(x64_asm *a, int w, x64_mem m, uint8_t bit)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = modrm(q, w, 0, 0x0fba, 2, 4, 0, &m, 0);
    q = b1(q, bit);
    end(a, q);
}

/* ---- conditions ---- */

void x64_setcc(x64_asm *a, x64_cc cc, x64_reg r)
{
    if (room(a))
        end(a, modrm(at(a), 1, 0, 0x0f90u + cc, 2, 0, r, NULL, F_BYTE_RM));
}

void x64_setcc_m(x64_asm *a, x64_cc cc, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), 1, 0, 0x0f90u + cc, 2, 0, 0, &m, 0));
}

void x64_cmovcc(x64_asm *a, x64_cc cc, int w, x64_reg dst, x64_reg src)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, 0x0f40u + cc, 2, dst, src, NULL, 0));
}

void x64_cmovcc_m(x64_asm *a, x64_cc cc, int w, x64_reg dst, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), w, 0, 0x0f40u + cc, 2, dst, 0, &m, 0));
}

/* ---- control flow ---- */

void x64_patch_rel8(x64_asm *a, size_t site, uint64_t target)
{
    int64_t d = (int64_t)(target - (a->pc + site + 1));
    assert(fits8(d));
    a->p[site] = (uint8_t)d;
}

void x64_patch_rel32(x64_asm *a, size_t site, uint64_t target)
{
    int64_t d = (int64_t)(target - (a->pc + site + 4));
    assert(fits32(d));
    uint32_t v = (uint32_t)d;
    memcpy(a->p + site, &v, 4);
}

/* The opcode bytes, then a displacement of size 1 or 4 to target. */
static size_t branch(x64_asm *a, uint32_t opc, int nopc, int size, uint64_t target)
{
    if (!room(a))
        return 0;
    uint8_t *q = at(a);
    for (int i = nopc - 1; i >= 0; i--)
        q = b1(q, opc >> (8 * i));
    end(a, q);
    size_t site = a->len;
    a->len += (size_t)size;
    if (size == 1)
        x64_patch_rel8(a, site, target);
    else
        x64_patch_rel32(a, site, target);
    return site;
}

size_t x64_jcc8(x64_asm *a, x64_cc cc, uint64_t target)
{
    return branch(a, 0x70u + cc, 1, 1, target);
}

size_t x64_jcc32(x64_asm *a, x64_cc cc, uint64_t target)
{
    return branch(a, 0x0f80u + cc, 2, 4, target);
}

size_t x64_jmp8(x64_asm *a, uint64_t target)
{
    return branch(a, 0xeb, 1, 1, target);
}

size_t x64_jmp32(x64_asm *a, uint64_t target)
{
    return branch(a, 0xe9, 1, 4, target);
}

size_t x64_call32(x64_asm *a, uint64_t target)
{
    return branch(a, 0xe8, 1, 4, target);
}

/* FF /4 jmp, FF /2 call; 64-bit operand without REX.W. */
void x64_jmp_r(x64_asm *a, x64_reg r)
{
    if (room(a))
        end(a, modrm(at(a), 4, 0, 0xff, 1, 4, r, NULL, 0));
}

void x64_jmp_m(x64_asm *a, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), 4, 0, 0xff, 1, 4, 0, &m, 0));
}

void x64_call_r(x64_asm *a, x64_reg r)
{
    if (room(a))
        end(a, modrm(at(a), 4, 0, 0xff, 1, 2, r, NULL, 0));
}

void x64_call_m(x64_asm *a, x64_mem m)
{
    if (room(a))
        end(a, modrm(at(a), 4, 0, 0xff, 1, 2, 0, &m, 0));
}

void x64_ret(x64_asm *a)
{
    if (room(a))
        end(a, b1(at(a), 0xc3));
}

void x64_mfence(x64_asm *a)
{
    if (!room(a))
        return;
    uint8_t *q = at(a);
    q = b2(q, 0xae0f);
    q = b1(q, 0xf0);
    end(a, q);
}

void x64_ud2(x64_asm *a)
{
    if (room(a))
        end(a, b2(at(a), 0x0b0f));
}

void x64_int3(x64_asm *a)
{
    if (room(a))
        end(a, b1(at(a), 0xcc));
}

void x64_nop(x64_asm *a, size_t n)
{
    for (size_t i = 0; i < n && room(a); i++)
        end(a, b1(at(a), 0x90));
}

void x64_nop_one(x64_asm *a, size_t n)
{
    static const uint8_t NOP[4][3] = {{0}, {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}};
    if (n > 0 && n < 4 && room(a)) {
        memcpy(at(a), NOP[n], n);
        a->len += n;
    }
}

size_t x64_jmp_patchable(x64_asm *a, uint64_t target)
{
    x64_nop(a, (4 - ((x64_here(a) + 1) & 3)) & 3);
    return x64_jmp32(a, target);
}

size_t x64_call_patchable(x64_asm *a, uint64_t target)
{
    x64_nop(a, (4 - ((x64_here(a) + 1) & 3)) & 3);
    return x64_call32(a, target);
}

bool x64_chain_patch(void *disp, uint64_t site, uint64_t target)
{
    int64_t d = (int64_t)(target - (site + 4));
    if (!fits32(d))
        return false;
    assert(((uintptr_t)disp & 3) == 0);
    __atomic_store_n((uint32_t *)disp, (uint32_t)d, __ATOMIC_RELEASE);
    return true;
}
