/*
 * decode.c - bytes to gl_insn.  Length from the first packet's size
 * field, opcode from the packets' opcode slices, operands through the
 * form's layout (fields.h), immediates scaled by their kind.
 */
#include "isa.h"
#include "fields.h"

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* Does op's function-code field match, and what operands does it leave? */
static int decode_fields(unsigned op, const uint16_t *pk, unsigned n,
                         gl_insn *out)
{
    const gl_opinfo *oi = gl_opinfo_get(op);
    gl_layout l = gl_layout_of(oi->form, n);
    uint64_t rc = gl_slot_get(pk, l.rc);
    uint64_t imm = gl_slot_get(pk, l.imm);

    switch (oi->fix) {
    case GL_FIX_RC:
        if ((rc & ~(uint64_t)1) != oi->fixval)
            return 0;
        rc = 6 + (rc & 1);
        break;
    case GL_FIX_IMM:
        if (imm != oi->fixval)
            return 0;
        imm = 0;
        break;
    }

    int64_t v = 0;
    if (oi->imm != GL_IMM_NONE) {
        gl_immfmt f = gl_immfmt_of(oi->imm, n, oi->form);
        if (f.max_raw >= 0 && imm > (uint64_t)f.max_raw)
            return 0;
        if (f.is_signed && (imm >> (f.bits - 1)) & 1)
            v = (int64_t)(imm | ~(((uint64_t)1 << f.bits) - 1));
        else
            v = (int64_t)imm;
        v *= f.scale;
    }
    out->op = (uint16_t)op;
    out->rc = (uint8_t)rc;
    out->rb = (uint8_t)gl_slot_get(pk, l.rb);
    out->ra = (uint8_t)gl_slot_get(pk, l.ra);
    out->imm = v;
    return 1;
}

unsigned gl_decode(const uint8_t *p, size_t avail, gl_insn *out)
{
    gl_insn z = {GL_OP_INVALID, 2, 0, 0, 0, 0};
    *out = z;
    if (avail < 2)
        return 0;
    uint16_t pk[4];
    pk[0] = rd16(p);
    unsigned len = gl_insn_length(pk[0]);
    if (len == 0)
        return 2; /* a continuation packet cannot start an instruction */
    if (avail < len)
        return 0;
    unsigned n = len / 2;
    uint32_t opcode = 0;
    for (unsigned k = 0; k < n; k++) {
        pk[k] = rd16(p + 2 * k);
        if (k > 0 && (pk[k] & 3) != 3)
            return 2; /* ill-formed: later packets must say 11 */
        opcode |= (uint32_t)((pk[k] >> 2) & 31) << (5 * k);
    }
    out->len = (uint8_t)len;

    unsigned major = opcode & 31, minor = (opcode >> 5) & 31;
    unsigned lbit = n == 1 ? GL_L16 : n == 2 ? GL_L32 : GL_L64;
    if (n == 4 && (opcode >> 10) != 0)
        return len; /* no 64-bit op beyond the widened ones */
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        if (oi->major != major || !(oi->lens & lbit))
            continue;
        if (n > 1 && oi->minor != minor)
            continue;
        if (decode_fields(op, pk, n, out)) {
            out->len = (uint8_t)len;
            return len;
        }
    }
    return len; /* reserved: GL_OP_INVALID with its full length */
}
