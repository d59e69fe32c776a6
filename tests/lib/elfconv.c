/*
 * elfconv.c - the byte-level ELF conventions of lib/glyph_elf.h: note
 * layout, color policy descriptor, color bits, relocation names.
 */
#include <string.h>

#include "check.h"
#include "glyph_elf.h"

int main(void)
{
    /* A note as docs/elf.md draws it: namesz 6 ("glyph\0"), padded to 8. */
    uint64_t ib = 0x11040;
    uint8_t desc[8];
    for (int i = 0; i < 8; i++)
        desc[i] = (uint8_t)(ib >> (8 * i));
    uint8_t buf[64];
    size_t sz = gl_note_size(8);
    CHECK(sz == 12 + 8 + 8, "entry-ib note is 28 bytes (%zu)", sz);
    gl_note_write(buf, NT_GLYPH_ENTRY_IB, desc, 8);
    static const uint8_t want[28] = {6, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 'g', 'l', 'y', 'p',
                                     'h', 0, 0, 0, 0x40, 0x10, 0x01, 0, 0, 0, 0, 0};
    CHECK(memcmp(buf, want, 28) == 0, "entry-ib note bytes");
    gl_note n;
    long next = gl_note_next(buf, sz, 0, &n);
    CHECK(next == (long)sz && n.type == NT_GLYPH_ENTRY_IB && n.descsz == 8 &&
              gl_note_is_glyph(&n) && memcmp(n.desc, desc, 8) == 0,
          "note walks back");
    CHECK(gl_note_next(buf, sz, sz, &n) == 0, "end of notes");
    CHECK(gl_note_next(buf, sz - 1, 0, &n) == -1, "truncated note is malformed");
    uint8_t huge[16] = {0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 1, 0, 0, 0};
    CHECK(gl_note_next(huge, sizeof huge, 0, &n) == -1, "namesz past the end is malformed");

    /* Color policy: 35 words in the documented order. */
    gl_color_policy p, q;
    gl_color_policy_default(&p);
    CHECK(p.read == 0xffff && p.matwrite[15] == 0xffff, "default policy allows everything");
    p.read = 0x7;
    p.matread[3] = 0x8;
    p.matwrite[0] = 0x1;
    uint8_t d[GL_COLOR_POLICY_SIZE];
    gl_color_policy_encode(&p, d);
    CHECK(d[0] == 7 && d[8] == 0xff && d[24 + 8 * 3] == 8 && d[24 + 8 * 16] == 1,
          "policy words: read, write, exec, matread[16], matwrite[16]");
    CHECK(gl_color_policy_decode(d, sizeof d, &q) && memcmp(&p, &q, sizeof p) == 0,
          "policy decodes back");
    CHECK(!gl_color_policy_decode(d, sizeof d - 8, &q), "short policy refused");

    /* Colors in the processor-specific flag bits. */
    CHECK(gl_shf_with_color(0x6, 3) == 0x30000006u && gl_shf_color(0x30000006u) == 3,
          "section color in sh_flags bits 31..28");
    CHECK(gl_pf_with_color(5, 15) == 0xf0000005u && gl_pf_color(0xf0000005u) == 15,
          "segment color in p_flags bits 31..28");

    CHECK(strcmp(gl_reloc_name(R_GLYPH_SUB32), "R_GLYPH_SUB32") == 0 &&
              gl_reloc_name(R_GLYPH_NUM) == 0 && gl_reloc_size(R_GLYPH_64) == 8 &&
              gl_reloc_size(R_GLYPH_ADD32) == 4,
          "relocation names and sizes");
    return check_done();
}
