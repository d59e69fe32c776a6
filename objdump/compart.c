/*
 * compart.c - compartments in glyph-objdump: the .compartment records of
 * objects (SHT_GLYPH_COMPARTMENTS), and in executables the table, needs
 * and transfer matrix glyph-ld wrote (NT_GLYPH_COMPARTMENTS,
 * NT_GLYPH_XFER; docs/elf.md).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "od.h"

int od_load_comp_records(od_ctx *c, od_file *f)
{
    for (size_t i = 1; i < f->shnum; i++) {
        const od_sec *s = &f->secs[i];
        if (s->sh.sh_type != SHT_GLYPH_COMPARTMENTS || !s->data)
            continue;
        long off = 0;
        uint32_t k;
        const char *name;
        while ((off = gl_compartment_next(s->data, s->size, (size_t)off, &k, &name)) > 0) {
            if (k == 0 || k >= f->shnum) {
                od_error(c, f->path, "%s: compartment record for bad section index %u",
                         s->name, k);
                return 0;
            }
            f->secs[k].comp = name;
        }
        if (off < 0) {
            od_error(c, f->path, "%s: corrupt compartment record", s->name);
            return 0;
        }
    }
    return 1;
}

static int find(const od_file *f, const char *name)
{
    for (size_t i = 0; i < f->ncomps; i++)
        if (!strcmp(f->comps[i].name, name))
            return (int)i;
    return -1;
}

static int color_word(const char *w, int *v)
{
    if (!strcmp(w, "-")) {
        *v = -1;
        return 1;
    }
    char *end;
    long n = strtol(w, &end, 10);
    if (*end || end == w || n < 0 || n >= GL_COLORS)
        return 0;
    *v = (int)n;
    return 1;
}

int od_load_comp_note(od_ctx *c, od_file *f, const uint8_t *desc, size_t size)
{
    size_t at = 0;
    while (at < size) {
        const uint8_t *nl = memchr(desc + at, '\n', size - at);
        size_t len = nl ? (size_t)(nl - desc - at) : size - at;
        char line[GL_COMPARTMENT_NOTE_LINE], a[GL_COMPARTMENT_NAME_MAX + 1], b[GL_COMPARTMENT_NAME_MAX + 1],
             x[32], d[80];
        int ok = len < sizeof line;
        if (ok) {
            memcpy(line, desc + at, len);
            line[len] = 0;
        }
        int cc, dc;
        if (ok && sscanf(line, "compartment %64s %3s %3s %79s", a, b, x, d) == 3 &&
            color_word(b, &cc) && color_word(x, &dc)) {
            f->comps = realloc(f->comps, (f->ncomps + 1) * sizeof *f->comps);
            if (!f->comps)
                abort();
            od_comp *p = &f->comps[f->ncomps++];
            snprintf(p->name, sizeof p->name, "%s", a);
            p->code = cc;
            p->data = dc;
        } else if (ok && sscanf(line, "need %64s %64s %31s %79s", a, b, x, d) == 3 &&
                   find(f, a) >= 0 && find(f, b) >= 0) {
            f->needs = realloc(f->needs, (f->nneeds + 1) * sizeof *f->needs);
            if (!f->needs)
                abort();
            od_need *p = &f->needs[f->nneeds++];
            p->src = (unsigned)find(f, a);
            p->dst = (unsigned)find(f, b);
            snprintf(p->access, sizeof p->access, "%s", x);
        } else {
            od_error(c, f->path, "NT_GLYPH_COMPARTMENTS note: bad line at offset %zu", at);
            return 0;
        }
        at += len + 1;
    }
    return 1;
}

const char *od_comp_of(const od_file *f, unsigned sec, char *buf, size_t size)
{
    if (!sec || sec >= f->shnum)
        return NULL;
    const od_sec *s = &f->secs[sec];
    if (f->eh.e_type == ET_REL)
        return s->comp;
    if (!f->ncomps || !(s->sh.sh_flags & SHF_ALLOC))
        return NULL;
    int code = (s->sh.sh_flags & SHF_EXECINSTR) != 0;
    int col = (int)gl_shf_color(s->sh.sh_flags);
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < f->ncomps; i++) {
        if ((code ? f->comps[i].code : f->comps[i].data) != col)
            continue;
        int w = snprintf(buf + n, size - n, "%s%s", n ? "/" : "", f->comps[i].name);
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
    if (!code && col == 0 && n + 8 < size)
        snprintf(buf + n, size - n, "%sshared", n ? "/" : "");
    return buf[0] ? buf : NULL;
}

void od_print_compartments(const od_ctx *c, const od_file *f)
{
    if (f->has_xfer) {
        printf("  NT_GLYPH_XFER      control transfers between colors (extension):\n");
        od_print_matrix(c, "colormatexec", f->xfer.matexec);
    }
    if (!f->ncomps)
        return;
    printf("  NT_GLYPH_COMPARTMENTS\n    %-16s %-5s %-5s\n", "compartment", "code", "data");
    printf("    %-16s %-5s %s%-5u%s (stack, heap, common symbols)\n", "shared", "-",
           od_glyph_sgr(c, 0), 0u, od_reset(c));
    for (size_t i = 0; i < f->ncomps; i++) {
        const od_comp *p = &f->comps[i];
        char code[12] = "-", data[12] = "-"; /* int: the note's colors */
        if (p->code >= 0)
            snprintf(code, sizeof code, "%d", p->code);
        if (p->data >= 0)
            snprintf(data, sizeof data, "%d", p->data);
        printf("    %-16s %s%-5s%s %s%-5s%s\n", p->name,
               od_glyph_sgr(c, p->code >= 0 ? (unsigned)p->code : 0), code, od_reset(c),
               od_glyph_sgr(c, p->data >= 0 ? (unsigned)p->data : 0), data, od_reset(c));
    }
    if (f->nneeds)
        printf("    needs (from the relocations: who calls, reads, writes whom):\n");
    for (size_t i = 0; i < f->nneeds; i++)
        printf("      %-16s -> %-16s %s\n", f->comps[f->needs[i].src].name,
               f->comps[f->needs[i].dst].name, f->needs[i].access);
}
