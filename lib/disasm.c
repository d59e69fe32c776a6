/*
 * disasm.c - gl_insn to assembler text.  The text is the canonical
 * syntax of docs/asm.md: glyph-as reads it back to the same bits, so a
 * non-shortest encoding carries its length suffix (.w, .x).
 */
#include <inttypes.h>
#include <stdio.h>

#include "isa.h"

int gl_disasm(const gl_insn *in, unsigned opts, char *buf, size_t size)
{
    const gl_opinfo *oi = gl_opinfo_get(in->op);
    if (!oi)
        return snprintf(buf, size, "(invalid)");
    const char *(*reg)(unsigned) =
        (opts & GL_DIS_NUMERIC) ? gl_reg_name_numeric : gl_reg_name;
    const char *rc = reg(in->rc), *rb = reg(in->rb), *ra = reg(in->ra);
    const char *sfx = gl_len_suffix(in->op, in->len);
    const char *mn = oi->mnemonic;
    int64_t v = in->imm;

    if (gl_is_nop(in))
        return snprintf(buf, size, "nop");

    switch (oi->syntax) {
    case GL_SYN_NONE:
        return snprintf(buf, size, "%s%s", mn, sfx);
    case GL_SYN_U:
        return snprintf(buf, size, "%s%s %" PRId64, mn, sfx, v);
    case GL_SYN_PCREL:
        return snprintf(buf, size, "%s%s .%+" PRId64, mn, sfx, v);
    case GL_SYN_IBREL:
        return snprintf(buf, size, "%s%s %" PRId64, mn, sfx, v);
    case GL_SYN_LINK:
        /* j.i64 through t0 is the spec's plain "j.i64 ib64(n)" */
        if (in->op == GL_OP_LJ && in->rc == 6)
            return snprintf(buf, size, "%s%s ib64(%" PRId64 ")", mn, sfx, v / 8);
        return snprintf(buf, size, "%s%s %s, ib64(%" PRId64 ")", mn, sfx, rc,
                        v / 8);
    case GL_SYN_RK32:
        return snprintf(buf, size, "%s%s %s, ib32(%" PRId64 ")", mn, sfx, rc,
                        v / 4);
    case GL_SYN_RK64:
        return snprintf(buf, size, "%s%s %s, ib64(%" PRId64 ")", mn, sfx, rc,
                        v / 8);
    case GL_SYN_RK32PC:
        return snprintf(buf, size, "%s%s %s, ib32(%" PRId64 ")(pc)", mn, sfx,
                        rc, v / 4);
    case GL_SYN_RIMM:
        return snprintf(buf, size, "%s%s %s, %" PRId64, mn, sfx, rc, v);
    case GL_SYN_RMEM:
        return snprintf(buf, size, "%s%s %s, %" PRId64 "(%s)", mn, sfx, rc, v,
                        rb);
    case GL_SYN_RR:
        return snprintf(buf, size, "%s%s %s, %s", mn, sfx, rc, rb);
    case GL_SYN_RRR:
        return snprintf(buf, size, "%s%s %s, %s, %s", mn, sfx, rc, rb, ra);
    case GL_SYN_RRMEM:
        return snprintf(buf, size, "%s%s %s, %s, (%s)", mn, sfx, rc, ra, rb);
    case GL_SYN_RSYS: {
        char sr[32];
        gl_sysreg_format((unsigned)v, sr, sizeof sr);
        return snprintf(buf, size, "%s%s %s, %s", mn, sfx, rc, sr);
    }
    }
    return snprintf(buf, size, "(invalid)");
}

int gl_disasm_data(const uint8_t *p, unsigned len, char *buf, size_t size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < len && i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    const char *dir = len >= 8 ? ".quad" : len >= 4 ? ".long" : ".short";
    int digits = len >= 8 ? 16 : len >= 4 ? 8 : 4;
    return snprintf(buf, size, "%s 0x%0*" PRIx64, dir, digits, v);
}
