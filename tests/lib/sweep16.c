/*
 * sweep16.c - every 16-bit word: decodes to an instruction or to
 * invalid, deterministically; encode(decode(w)) == w; the text is
 * stable.  One TAP line per property, failures listed as comments.
 */
#include <string.h>

#include "check.h"
#include "isa.h"

int main(void)
{
    unsigned valid = 0, invalid = 0, trunc = 0, bad_det = 0, bad_rt = 0,
             bad_len = 0, bad_size = 0;
    for (unsigned w = 0; w < 65536; w++) {
        uint8_t b[2] = {(uint8_t)w, (uint8_t)(w >> 8)};
        gl_insn a, c;
        unsigned la = gl_decode(b, 2, &a), lc = gl_decode(b, 2, &c);
        if (la != lc || memcmp(&a, &c, sizeof a) != 0) {
            if (bad_det++ < 5) printf("# %04x decodes differently twice\n", w);
        }
        unsigned size = w & 3;
        if (size == 1 || size == 2) {
            /* announces a 32/64-bit instruction: needs more bytes */
            trunc += la == 0;
            if (la != 0 && bad_size++ < 5) printf("# %04x: expected truncated\n", w);
            continue;
        }
        if (size == 3) {
            invalid += a.op == GL_OP_INVALID && la == 2;
            if (a.op != GL_OP_INVALID && bad_size++ < 5)
                printf("# %04x: continuation packet decoded as an instruction\n", w);
            continue;
        }
        /* size 00: all 32 opcodes with all fun3 values are defined */
        if (a.op == GL_OP_INVALID || la != 2 || a.len != 2) {
            if (bad_len++ < 5) printf("# %04x: not a 16-bit instruction\n", w);
            continue;
        }
        valid++;
        uint8_t o[8];
        int n = gl_encode(&a, o);
        if (n != 2 || o[0] != b[0] || o[1] != b[1]) {
            if (bad_rt++ < 5) printf("# %04x: re-encodes as %d bytes %02x%02x\n", w, n, o[1], o[0]);
        }
    }
    CHECK(bad_det == 0, "decoding is deterministic");
    CHECK(valid == 16384, "all 16384 words with size 00 are instructions (%u)", valid);
    CHECK(bad_len == 0, "size-00 words decode with length 2");
    CHECK(invalid == 16384, "all 16384 words with size 11 are invalid (%u)", invalid);
    CHECK(trunc == 32768 && bad_size == 0, "size 01/10 words alone are truncated (%u)", trunc);
    CHECK(bad_rt == 0, "encode(decode(w)) == w for every valid word");
    return check_done();
}
