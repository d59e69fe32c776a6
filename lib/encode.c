/*
 * encode.c - gl_insn to bytes, the exact inverse of decode.c.  Every
 * operand is range-checked: nothing is ever truncated silently.
 */
#include "isa.h"
#include "fields.h"

int gl_encode(const gl_insn *in, uint8_t *buf)
{
    const gl_opinfo *oi = gl_opinfo_get(in->op);
    unsigned len = in->len, n = len / 2;
    unsigned lbit = len == 2 ? GL_L16 : len == 4 ? GL_L32 : len == 8 ? GL_L64 : 0;
    if (!oi || !(oi->lens & lbit))
        return GL_ENC_NOFORM;

    gl_layout l = gl_layout_of(oi->form, n);
    unsigned rmax = gl_reg_max(len);
    uint16_t pk[4] = {0, 0, 0, 0};

    /* size fields and opcode slices */
    uint32_t opcode = oi->major | (uint32_t)oi->minor << 5;
    for (unsigned k = 0; k < n; k++) {
        unsigned size = k ? 3 : (n == 1 ? 0 : n == 2 ? 1 : 2);
        pk[k] = (uint16_t)(size | ((opcode >> (5 * k)) & 31) << 2);
    }

    uint64_t rc = in->rc;
    if (oi->fix == GL_FIX_RC) {
        if (in->rc != 6 && in->rc != 7)
            return GL_ENC_LINKREG;
        rc = oi->fixval | (in->rc - 6u);
    } else if (l.rc.width && in->rc > rmax) {
        return GL_ENC_REG;
    }
    if ((l.rb.width && in->rb > rmax) || (l.ra.width && in->ra > rmax))
        return GL_ENC_REG;
    if (l.rc.width)
        gl_slot_put(pk, l.rc, rc);
    if (l.rb.width)
        gl_slot_put(pk, l.rb, in->rb);
    if (l.ra.width)
        gl_slot_put(pk, l.ra, in->ra);

    uint64_t raw = 0;
    if (oi->fix == GL_FIX_IMM) {
        raw = oi->fixval;
    } else if (oi->imm != GL_IMM_NONE) {
        int64_t min, max, align;
        gl_imm_range(in->op, len, &min, &max, &align);
        if (in->imm % align)
            return GL_ENC_ALIGN;
        if (in->imm < min || in->imm > max)
            return GL_ENC_RANGE;
        gl_immfmt f = gl_immfmt_of(oi->imm, n, oi->form);
        raw = (uint64_t)(in->imm / align) & (((uint64_t)1 << f.bits) - 1);
    }
    if (l.imm.width)
        gl_slot_put(pk, l.imm, raw);

    for (unsigned k = 0; k < n; k++) {
        buf[2 * k] = (uint8_t)pk[k];
        buf[2 * k + 1] = (uint8_t)(pk[k] >> 8);
    }
    return (int)len;
}

const char *gl_enc_strerror(int err)
{
    switch (err) {
    case GL_ENC_NOFORM: return "no encoding of this length";
    case GL_ENC_REG: return "register out of range for this encoding";
    case GL_ENC_RANGE: return "immediate out of range";
    case GL_ENC_ALIGN: return "immediate is not a multiple of its scale";
    case GL_ENC_LINKREG: return "link register must be t0 (r6) or ra (r7)";
    }
    return "unknown encoding error";
}
