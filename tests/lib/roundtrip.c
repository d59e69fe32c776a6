/*
 * roundtrip.c - every op of the table at every length it has: operands
 * at the edges of their ranges encode, decode back to the same op and
 * operands (so no two table rows overlap), and out-of-range operands
 * are refused rather than truncated.
 */
#include <string.h>

#include "check.h"
#include "isa.h"

static int same(const gl_insn *a, const gl_insn *b)
{
    return a->op == b->op && a->len == b->len && a->rc == b->rc && a->rb == b->rb &&
           a->ra == b->ra && a->imm == b->imm;
}

int main(void)
{
    unsigned tried = 0, bad = 0, refused_ok = 0, refused_bad = 0, text_bad = 0;
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        for (unsigned len = 2; len <= 8; len *= 2) {
            unsigned lbit = len == 2 ? GL_L16 : len == 4 ? GL_L32 : GL_L64;
            if (!(oi->lens & lbit))
                continue;
            int64_t min = 0, max = 0, al = 1;
            int has_imm = gl_imm_range(op, len, &min, &max, &al);
            int64_t imms[4] = {min, max, 0, has_imm ? (max / al / 2) * al : 0};
            unsigned rmax = gl_reg_max(len);
            unsigned regs[3] = {0, rmax, rmax / 2 + 1};
            for (int i = 0; i < 4; i++) {
                for (int r = 0; r < 3; r++) {
                    gl_insn in = {(uint16_t)op, (uint8_t)len, (uint8_t)regs[r],
                                  (uint8_t)regs[(r + 1) % 3], (uint8_t)regs[(r + 2) % 3],
                                  has_imm ? imms[i] : 0};
                    if (oi->fix == GL_FIX_RC)
                        in.rc = (uint8_t)(6 + (r & 1));
                    if (oi->form != GL_FORM_R3 || len == 8)
                        in.ra = 0;
                    if (oi->form == GL_FORM_I)
                        in.rc = 0;
                    if (oi->form == GL_FORM_I || (oi->form == GL_FORM_RI && len != 8))
                        in.rb = 0;
                    uint8_t b[8];
                    gl_insn out;
                    tried++;
                    int n = gl_encode(&in, b);
                    if (n != (int)len || gl_decode(b, len, &out) != len || !same(&in, &out)) {
                        if (bad++ < 8)
                            printf("# %s len %u rc %u rb %u ra %u imm %lld: enc %d op %u\n",
                                   oi->mnemonic, len, in.rc, in.rb, in.ra, (long long)in.imm, n,
                                   out.op);
                        continue;
                    }
                    char t1[96], t2[96];
                    gl_disasm(&in, 0, t1, sizeof t1);
                    gl_disasm(&out, 0, t2, sizeof t2);
                    if (strcmp(t1, t2) != 0 || strncmp(t1, oi->mnemonic, strlen(oi->mnemonic)))
                        if (text_bad++ < 8)
                            printf("# text %s / %s\n", t1, t2);
                }
            }
            /* Out of range: one past each end, a misaligned value, a too-high register. */
            if (has_imm) {
                gl_insn in = {(uint16_t)op, (uint8_t)len, 6, 0, 0, max + al};
                uint8_t b[8];
                int e1 = gl_encode(&in, b);
                in.imm = min - al;
                int e2 = gl_encode(&in, b);
                in.imm = al > 1 ? al + 1 : max + 1;
                int e3 = gl_encode(&in, b);
                if (e1 < 0 && e2 < 0 && e3 < 0)
                    refused_ok++;
                else if (refused_bad++ < 8)
                    printf("# %s len %u accepts an out-of-range immediate\n", oi->mnemonic, len);
            }
            if (oi->form != GL_FORM_I && oi->fix != GL_FIX_RC && len == 2) {
                gl_insn in = {(uint16_t)op, 2, 8, 0, 0, 0};
                uint8_t b[8];
                if (gl_encode(&in, b) != GL_ENC_REG && refused_bad++ < 8)
                    printf("# %s accepts r8 in a 16-bit encoding\n", oi->mnemonic);
            }
        }
    }
    CHECK(tried > 1000, "tried %u encodings", tried);
    CHECK(bad == 0, "encode -> decode gives the same op and operands (%u bad)", bad);
    CHECK(text_bad == 0, "disassembly is stable and starts with the mnemonic");
    CHECK(refused_bad == 0 && refused_ok > 0, "out-of-range operands are refused (%u ops checked)",
          refused_ok);
    return check_done();
}
