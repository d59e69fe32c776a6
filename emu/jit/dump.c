/*
 * dump.c - --jit-dump=FILE: each translation as it is made, its guest
 * instructions (glyph-objdump's disassembly, from the code in guest
 * memory) each followed by the host code the translator emitted for
 * it, then the exits after the body.  Host code is disassembled with
 * capstone when the build found it (GLYPH_HAVE_CAPSTONE, configure.py;
 * docs/build.md says why capstone), else written as hex bytes; the hex
 * form is also what GLYPH_JIT_DUMP_HEX=1 asks for (the tests use it).
 *
 *   block pc=0x10000 ib=0x11000: 3 instructions, 171 bytes at 0x7f...
 *     entry
 *       7f12a000  48 8b 85 e8 01 00 00           mov rax, qword ptr [rbp + 0x1e8]
 *       ...
 *     0x00010000  movi.i64 a2, 7
 *       7f12a01d  41 b8 07 00 00 00              mov r8d, 7
 *     ...
 *     exits
 *       ...
 */
#include <inttypes.h>

#if GLYPH_HAVE_CAPSTONE
#include <capstone.h>
#endif

#include "aspace.h"
#include "debug.h"
#include "jit.h"
#include "user.h"

const char *emu_jit_dump_host(void)
{
#if GLYPH_HAVE_CAPSTONE
    return "disassembled (capstone)";
#else
    return "in hex (built without capstone)";
#endif
}

/* Host code [from, to) of c, one instruction (or 8 hex bytes) a line. */
static void host_lines(FILE *f, const emu_jit_code *c, size_t from, size_t to, int hex)
{
    const uint8_t *p = c->code;
#if GLYPH_HAVE_CAPSTONE
    csh cs;
    if (!hex && cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK) {
        cs_insn *in = cs_malloc(cs);
        const uint8_t *code = p + from;
        size_t size = to - from;
        uint64_t at = (uint64_t)(uintptr_t)code;
        while (size > 0 && in) {
            uint64_t start = at;
            if (!cs_disasm_iter(cs, &code, &size, &at, in)) {
                /* not an instruction (cannot happen): show the byte */
                fprintf(f, "      %" PRIx64 "  %02x%28s (bad)\n", start, *code, "");
                code++, size--, at++;
                continue;
            }
            char bytes[64] = "";
            size_t o = 0;
            for (unsigned k = 0; k < in->size && o + 4 < sizeof bytes; k++)
                o += (size_t)snprintf(bytes + o, sizeof bytes - o, "%s%02x", k ? " " : "",
                                      in->bytes[k]);
            fprintf(f, "      %" PRIx64 "  %-30s %s%s%s\n", start, bytes, in->mnemonic,
                    in->op_str[0] ? " " : "", in->op_str);
        }
        if (in)
            cs_free(in, 1);
        cs_close(&cs);
        return;
    }
#endif
    (void)hex;
    for (size_t k = from; k < to; k += 8) {
        fprintf(f, "      %" PRIx64 " ", (uint64_t)(uintptr_t)(p + k));
        for (size_t i = k; i < to && i < k + 8; i++)
            fprintf(f, " %02x", p[i]);
        fputc('\n', f);
    }
}

void jit_dump_block(FILE *f, emu_aspace *as, const emu_block *b, const emu_jit_code *c,
                    int hex)
{
    const emu_block *sb = c->blk; /* b, or b's superblock */
    fprintf(f, "block pc=0x%" PRIx64 " ib=0x%" PRIx64 ": %u instructions, %zu bytes at %p",
            b->pc, b->ib, sb->n, c->len, (const void *)c->code);
    if (c->nseg > 1) {
        fprintf(f, ", superblock of %u blocks:", c->nseg);
        for (unsigned i = 0; i < c->nseg; i++)
            fprintf(f, " 0x%" PRIx64, c->seg[i]->pc);
    }
    fputc('\n', f);
    if (c->nuops > 0 && c->uop_at[0] > 0) {
        fprintf(f, "    entry\n");
        host_lines(f, c, 0, c->uop_at[0], hex);
    }
    for (unsigned k = 0; k < c->nuops; k++) {
        char text[96];
        emu_insn_text(&as->mem, sb->u[k].pc, text, sizeof text);
        fprintf(f, "    0x%08" PRIx64 "  %s\n", sb->u[k].pc, text);
        host_lines(f, c, c->uop_at[k], c->uop_at[k + 1], hex);
    }
    fprintf(f, "    exits\n");
    host_lines(f, c, c->uop_at[c->nuops], c->len, hex);
    fflush(f);
}
