/*
 * roundtrip.c - glyph-as agrees with lib: every valid 16-bit word and a
 * sweep of every 32/64-bit encoding is disassembled by gl_disasm, the
 * text is assembled by glyph-as, and the .text bytes must be the
 * original words again.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/check.h"
#include "isa.h"

typedef struct buf {
    uint8_t *p;
    size_t n, cap;
} buf;

static void put(buf *b, const uint8_t *p, size_t n)
{
    while (b->n + n > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 65536;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

/* Assemble src; return the .text bytes (malloc'd) or NULL. */
static uint8_t *assemble_text(const char *src, size_t *n)
{
    if (system("glyph-as -o rt.o rt.s 2> rt.err") != 0) {
        printf("# glyph-as failed on %s:\n", src);
        (void)!system("head -5 rt.err | sed 's/^/#   /'");
        return NULL;
    }
    elf_version(EV_CURRENT);
    int fd = open("rt.o", O_RDONLY);
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    size_t shstr;
    elf_getshdrstrndx(e, &shstr);
    uint8_t *out = NULL;
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        gelf_getshdr(s, &sh);
        if (strcmp(elf_strptr(e, shstr, sh.sh_name), ".text") == 0) {
            Elf_Data *d = elf_getdata(s, NULL);
            out = malloc(d->d_size + 1);
            memcpy(out, d->d_buf, d->d_size);
            *n = d->d_size;
        }
    }
    elf_end(e);
    close(fd);
    return out;
}

static int compare(const char *what, const buf *want, const uint8_t *got, size_t n,
                   char **lines)
{
    if (!got)
        return 0;
    if (n != want->n) {
        printf("# %s: %zu bytes expected, %zu assembled\n", what, want->n, n);
    }
    size_t off = 0, bad = 0;
    for (size_t i = 0; off < want->n && off < n; i++) {
        unsigned len = gl_insn_length((uint16_t)(want->p[off] | want->p[off + 1] << 8));
        if (memcmp(want->p + off, got + off, len) != 0 && bad++ < 10)
            printf("# %s: `%s` at %zu assembles differently\n", what, lines[i], off);
        off += len;
    }
    return n == want->n && bad == 0;
}

int main(void)
{
    /* 1. every valid 16-bit word */
    FILE *f = fopen("rt.s", "w");
    buf want = {0};
    char **lines = calloc(70000, sizeof *lines);
    size_t nl = 0;
    for (unsigned w = 0; w < 65536; w++) {
        uint8_t b[2] = {(uint8_t)w, (uint8_t)(w >> 8)};
        gl_insn in;
        if (gl_decode(b, 2, &in) != 2 || in.op == GL_OP_INVALID)
            continue;
        char text[128];
        gl_disasm(&in, 0, text, sizeof text);
        fprintf(f, "\t%s\n", text);
        lines[nl++] = strdup(text);
        put(&want, b, 2);
    }
    fclose(f);
    size_t n = 0;
    uint8_t *got = assemble_text("16-bit words", &n);
    CHECK(compare("16-bit", &want, got, n, lines), "all %zu valid 16-bit words re-assemble "
          "to themselves", nl);
    free(got);
    for (size_t i = 0; i < nl; i++)
        free(lines[i]);

    /* 1b. the same with numeric register names */
    f = fopen("rt.s", "w");
    nl = 0;
    for (size_t off = 0; off < want.n; off += 2) {
        gl_insn in;
        gl_decode(want.p + off, 2, &in);
        char text[128];
        gl_disasm(&in, GL_DIS_NUMERIC, text, sizeof text);
        fprintf(f, "\t%s\n", text);
        lines[nl++] = strdup(text);
    }
    fclose(f);
    got = assemble_text("16-bit numeric", &n);
    CHECK(compare("16-bit numeric", &want, got, n, lines),
          "16-bit words with r0..r7 names re-assemble");
    free(got);
    for (size_t i = 0; i < nl; i++)
        free(lines[i]);

    /* 2. every op at 32 and 64 bits, a sweep of operands */
    want.n = 0;
    nl = 0;
    f = fopen("rt.s", "w");
    static const uint8_t regs[] = {0, 1, 5, 7, 8, 13, 31, 32, 62, 63};
    unsigned per_len[9] = {0};
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        for (unsigned len = 4; len <= 8; len *= 2) {
            if (!(oi->lens & (len == 4 ? GL_L32 : GL_L64)))
                continue;
            int64_t lo = 0, hi = 0, al = 1;
            int has_imm = gl_imm_range(op, len, &lo, &hi, &al);
            int64_t imms[8] = {0, lo, hi, al, -al, lo + al, hi - al, (hi / al / 3) * al};
            for (int ri = 0; ri < 10; ri++) {
                for (int ii = 0; ii < (has_imm ? 8 : 1); ii++) {
                    gl_insn in = {op, (uint8_t)len, regs[ri], regs[(ri + 3) % 10],
                                  regs[(ri + 7) % 10], has_imm ? imms[ii] : 0};
                    if (oi->fix == GL_FIX_RC)
                        in.rc = (uint8_t)(6 + (ri & 1));
                    uint8_t b[8];
                    if (gl_encode(&in, b) != (int)len)
                        continue;
                    gl_insn d;
                    if (gl_decode(b, len, &d) != len || d.op == GL_OP_INVALID)
                        continue;
                    char text[128];
                    gl_disasm(&d, ri & 1 ? GL_DIS_NUMERIC : 0, text, sizeof text);
                    fprintf(f, "\t%s\n", text);
                    lines[nl++] = strdup(text);
                    put(&want, b, len);
                    per_len[len]++;
                }
            }
        }
    }
    fclose(f);
    got = assemble_text("32/64-bit", &n);
    CHECK(compare("32/64-bit", &want, got, n, lines),
          "%u 32-bit and %u 64-bit encodings re-assemble to themselves", per_len[4], per_len[8]);
    CHECK(per_len[4] > 500 && per_len[8] > 50, "the sweep covers the table (%u, %u)",
          per_len[4], per_len[8]);
    free(got);
    for (size_t i = 0; i < nl; i++)
        free(lines[i]);
    free(lines);
    free(want.p);
    return check_done();
}
