/*
 * fields.h - where each operand field of a form sits in the packets.
 * Private to lib/: decode.c reads fields through it, encode.c writes
 * them, so the bit positions are written down exactly once.
 */
#ifndef GLYPH_FIELDS_H
#define GLYPH_FIELDS_H

#include <stdint.h>

/* A field is a run of `width` bits at bit `lo` of `count` consecutive
 * packets starting at `first`; packet first+k holds bits
 * [k*width + width-1 : k*width] of the field value. */
typedef struct gl_slot {
    uint8_t lo, width, first, count;
} gl_slot;

typedef struct gl_layout {
    gl_slot rc, rb, ra, imm; /* width 0: the form has no such field */
} gl_layout;

/* Layout of a form for an instruction of npackets (1, 2 or 4). */
gl_layout gl_layout_of(unsigned form, unsigned npackets);

static inline unsigned gl_slot_bits(gl_slot s) { return s.width * s.count; }

static inline uint64_t gl_slot_get(const uint16_t *pk, gl_slot s)
{
    uint64_t v = 0;
    for (unsigned k = 0; k < s.count; k++)
        v |= (uint64_t)((pk[s.first + k] >> s.lo) & ((1u << s.width) - 1))
             << (k * s.width);
    return v;
}

static inline void gl_slot_put(uint16_t *pk, gl_slot s, uint64_t v)
{
    for (unsigned k = 0; k < s.count; k++) {
        uint16_t m = (uint16_t)(((1u << s.width) - 1) << s.lo);
        uint16_t f = (uint16_t)(((v >> (k * s.width)) << s.lo) & m);
        pk[s.first + k] = (uint16_t)((pk[s.first + k] & ~m) | f);
    }
}

/* Immediate conversion: scale and signedness of kind at npackets. */
typedef struct gl_immfmt {
    unsigned bits;  /* field width */
    int is_signed;
    int64_t scale;
    int64_t max_raw; /* extra limit on the raw value (shift amounts) */
} gl_immfmt;

gl_immfmt gl_immfmt_of(unsigned kind, unsigned npackets, unsigned form);

#endif
