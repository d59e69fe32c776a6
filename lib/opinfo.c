/*
 * opinfo.c - the instruction table as data, and the operand layouts of
 * the packet templates.
 */
#include <string.h>

#include "isa.h"
#include "fields.h"

#define L16 GL_L16
#define L32 GL_L32
#define L64 GL_L64
#define R GL_FLAG_R
#define W GL_FLAG_W

/* The constant an immediate kind reads: K32 and K64 index the stream. */
#define KREAD(imm) (GL_IMM_##imm == GL_IMM_K32 ? 4 : GL_IMM_##imm == GL_IMM_K64 ? 8 : 0)

const gl_opinfo gl_optab[GL_OP_COUNT] = {
#define GL_OP(id, mn, maj, min, lens, form, fix, fixval, syn, imm, flags, cls, end, mem) \
    {mn, maj, min, lens, GL_FORM_##form, GL_FIX_##fix, fixval,           \
     GL_SYN_##syn, GL_IMM_##imm, flags, GL_CLASS_##cls, end, mem, KREAD(imm)},
#include "isa.def"
#undef GL_OP
};

const gl_opinfo gl_opinfo_invalid = {
    "(invalid)", 0, 0, 0, GL_FORM_I, GL_FIX_NONE, 0, GL_SYN_NONE, GL_IMM_NONE, 0,
    GL_CLASS_TRAP, 1, 0, 0};

const gl_opinfo *gl_opinfo_get(unsigned op)
{
    return op < GL_OP_COUNT ? &gl_optab[op] : 0;
}

#define GL_OP(...)
#define GL_NOP(op, len, rc, rb, ra) const gl_insn gl_nop = {GL_OP_##op, len, rc, rb, ra, 0};
#include "isa.def"
#undef GL_NOP
#undef GL_OP

int gl_is_nop(const gl_insn *in)
{
    return in->op == gl_nop.op && in->len == gl_nop.len && in->rc == gl_nop.rc &&
           in->rb == gl_nop.rb && in->ra == gl_nop.ra && in->imm == gl_nop.imm;
}

int gl_op_by_fun(unsigned major, unsigned minor, unsigned fixval)
{
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = &gl_optab[op];
        if (oi->major == major && oi->minor == minor && oi->fix != GL_FIX_NONE &&
            oi->fixval == fixval)
            return (int)op;
    }
    return -1;
}

const char *gl_op_fun_name(unsigned op, size_t *len)
{
    const char *mn = gl_optab[op < GL_OP_COUNT ? op : 0].mnemonic;
    const char *end = strrchr(mn, '.'); /* the type: .i64 */
    if (!end)
        end = mn + strlen(mn);
    const char *start = end;
    while (start > mn && start[-1] != '.')
        start--;
    *len = (size_t)(end - start);
    return start;
}

gl_layout gl_layout_of(unsigned form, unsigned n)
{
    gl_layout l = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    if (n == 4) {
        /* op64 "two registers + immediate": rc in packets 0-1, the
         * second register (rf, our rb) in packets 2-3, imm in all four. */
        l.rc = (gl_slot){13, 3, 0, 2};
        l.rb = (gl_slot){13, 3, 2, 2};
        l.imm = (gl_slot){7, 6, 0, 4};
        return l;
    }
    uint8_t c = (uint8_t)n;
    switch (form) {
    case GL_FORM_I:
        l.imm = (gl_slot){7, 9, 0, c};
        break;
    case GL_FORM_RI:
        l.rc = (gl_slot){13, 3, 0, c};
        l.imm = (gl_slot){7, 6, 0, c};
        break;
    case GL_FORM_RRI:
        l.rc = (gl_slot){13, 3, 0, c};
        l.rb = (gl_slot){10, 3, 0, c};
        l.imm = (gl_slot){7, 3, 0, c};
        break;
    case GL_FORM_R3:
        l.rc = (gl_slot){13, 3, 0, c};
        l.rb = (gl_slot){10, 3, 0, c};
        l.ra = (gl_slot){7, 3, 0, c};
        break;
    }
    return l;
}

gl_immfmt gl_immfmt_of(unsigned kind, unsigned n, unsigned form)
{
    gl_immfmt f = {gl_slot_bits(gl_layout_of(form, n).imm), 0, 1, -1};
    switch (kind) {
    case GL_IMM_NONE: f.bits = 0; break;
    case GL_IMM_U: break;
    case GL_IMM_S: f.is_signed = 1; break;
    case GL_IMM_SH: f.max_raw = 63; break;
    case GL_IMM_PC: f.is_signed = 1; f.scale = 2; break;
    case GL_IMM_IB: f.is_signed = 1; f.scale = 64; break;
    case GL_IMM_K32: f.scale = 4; break;
    case GL_IMM_K64: f.scale = 8; break;
    case GL_IMM_M1: f.scale = 1; break;
    case GL_IMM_M2: f.scale = 2; break;
    case GL_IMM_M4: f.scale = 4; break;
    case GL_IMM_M8: f.scale = 8; break;
    }
    if (n == 4 && kind >= GL_IMM_M1 && kind <= GL_IMM_M8) {
        /* 64-bit memory forms: signed byte displacement. */
        f.is_signed = 1;
        f.scale = 1;
    }
    return f;
}

int gl_imm_range(unsigned op, unsigned len, int64_t *min, int64_t *max,
                 int64_t *align)
{
    const gl_opinfo *oi = gl_opinfo_get(op);
    unsigned n = len / 2;
    unsigned lbit = n == 1 ? GL_L16 : n == 2 ? GL_L32 : n == 4 ? GL_L64 : 0;
    if (!oi || !(oi->lens & lbit) || oi->imm == GL_IMM_NONE)
        return 0;
    gl_immfmt f = gl_immfmt_of(oi->imm, n, oi->form);
    int64_t lo, hi;
    if (f.is_signed) {
        lo = -((int64_t)1 << (f.bits - 1));
        hi = ((int64_t)1 << (f.bits - 1)) - 1;
    } else {
        lo = 0;
        hi = ((int64_t)1 << f.bits) - 1;
        if (f.max_raw >= 0 && hi > f.max_raw)
            hi = f.max_raw;
    }
    *min = lo * f.scale;
    *max = hi * f.scale;
    *align = f.scale;
    return 1;
}

const char *gl_len_suffix(unsigned op, unsigned len)
{
    const gl_opinfo *oi = gl_opinfo_get(op);
    if (!oi)
        return "";
    if (len == 4 && (oi->lens & GL_L16))
        return ".w";
    if (len == 8)
        return ".x";
    return "";
}
