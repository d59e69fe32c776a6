/*
 * map.c - the link map (-Map FILE, -M on stdout).  Plain text, one
 * block per question a reader has: where is the entry, which segments
 * (with permissions and color), which output sections and what went
 * into them with the symbols at each address, what --gc-sections
 * dropped, where the common symbols went, and the color policy.
 * docs/ld.md shows an example.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

typedef struct mapsym {
    uint64_t addr;
    const char *name;
    int local;
} mapsym;

static int by_addr(const void *pa, const void *pb)
{
    const mapsym *a = pa, *b = pb;
    if (a->addr != b->addr)
        return a->addr < b->addr ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void input_symbols(FILE *f, ld_ctx *ctx, ld_section *s)
{
    mapsym *v = NULL;
    size_t n = 0, cap = 0;
    if (s->common) {
        for (size_t b = 0; b < ctx->nbuckets; b++)
            for (ld_symbol *g = ctx->buckets[b]; g; g = g->hnext)
                if (g->sec == s) {
                    ld_grow(&v, &cap, n, sizeof *v);
                    v[n++] = (mapsym){g->addr, g->name, 0};
                }
    } else {
        ld_object *o = s->obj;
        for (size_t i = 1; i < o->nsyms; i++) {
            ld_objsym *y = &o->syms[i];
            if (y->shndx != s->index || y->type == STT_SECTION || y->type == STT_FILE || !*y->name)
                continue;
            if (y->global && y->global->sec != s)
                continue; /* another definition won */
            ld_grow(&v, &cap, n, sizeof *v);
            v[n++] = (mapsym){s->addr + y->value, y->name, y->bind == STB_LOCAL};
        }
    }
    if (n > 1)
        qsort(v, n, sizeof *v, by_addr);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "                0x%016" PRIx64 "  %s%s\n", v[i].addr, v[i].name,
                v[i].local ? " (local)" : "");
    free(v);
}

static void write_map(ld_ctx *ctx, FILE *f)
{
    fprintf(f, "%s link map of %s\n\n", LD_NAME, ctx->output);
    fprintf(f, "Entry: %s = 0x%016" PRIx64 ", ib = 0x%016" PRIx64 " (%s%s)\n\n", ctx->entry,
            ctx->entry_addr, ctx->entry_ib, ctx->entry, GL_CONST_SUFFIX);

    fprintf(f, "Segments:\n  %-7s %-18s %-10s %-10s %-10s %-5s %s\n", "type", "vaddr", "offset",
            "filesz", "memsz", "perm", "color");
    for (size_t i = 0; i < ctx->nsegs; i++) {
        ld_segment *g = &ctx->segs[i];
        fprintf(f, "  %-7s 0x%016" PRIx64 " 0x%08" PRIx64 " 0x%08" PRIx64 " 0x%08" PRIx64
                " %-5s %u%s\n", "LOAD", g->vaddr, g->offset, g->filesz, g->memsz,
                ld_class_perm(g->cls), g->color, g->headers ? "  (headers, .note.glyph)" : "");
    }
    fprintf(f, "  %-7s 0x%016" PRIx64 " 0x%08" PRIx64 " 0x%08" PRIx64 " 0x%08" PRIx64 " %-5s\n\n",
            "NOTE", ctx->note_addr, ctx->note_addr - ctx->base, ctx->note_size, ctx->note_size,
            "R");

    fprintf(f, "Sections:\n");
    fprintf(f, "%-16s 0x%016" PRIx64 " 0x%08" PRIx64 " %-5s color 0  align 4\n", GL_NOTE_SECTION,
            ctx->note_addr, ctx->note_size, "R");
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        fprintf(f, "%-16s 0x%016" PRIx64 " 0x%08" PRIx64 " %-5s color %u  align %" PRIu64 "%s\n",
                o->name, o->addr, o->size,
                o->kind == LD_KIND_TEXT ? "R+X" : o->kind >= LD_KIND_DATA ? "R+W" : "R", o->color,
                o->align, o->seg ? "" : "  (empty, not in the output)");
        for (size_t k = 0; k < o->nin; k++) {
            ld_section *s = o->in[k];
            fprintf(f, "  0x%016" PRIx64 " 0x%08" PRIx64 "  %s(%s)\n", s->addr, s->size,
                    s->obj->name, s->name);
            input_symbols(f, ctx, s);
        }
    }

    /* debug sections: not loaded; each input's part at its offset */
    for (size_t i = 0; i < ctx->ndsecs; i++) {
        ld_osec *d = &ctx->dsecs[i];
        if (!i)
            fprintf(f, "\nDebug sections (not loaded; offsets in the section):\n");
        fprintf(f, "%-16s 0x%08" PRIx64 "\n", d->name, d->size);
        for (ld_object *o = ctx->objects; o; o = o->next)
            for (size_t k = 1; k < o->nsecs; k++)
                if (o->secs[k].out == d)
                    fprintf(f, "  0x%08" PRIx64 " 0x%08" PRIx64 "  %s(%s)\n", o->secs[k].addr,
                            o->secs[k].size, o->name, o->secs[k].name);
    }

    int header = 0;
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 0; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            if (s->kind == LD_KIND_NONE || s->live)
                continue;
            if (!header++)
                fprintf(f, "\nDiscarded input sections (--gc-sections):\n");
            fprintf(f, "  %s(%s) size 0x%" PRIx64 "\n", o->name, s->name, s->size);
        }

    header = 0;
    size_t n;
    ld_symbol **all = ld_sym_sorted(ctx, &n);
    for (size_t i = 0; i < n; i++) {
        ld_symbol *g = all[i];
        if (!g->sec || !g->sec->common)
            continue;
        if (!header++)
            fprintf(f, "\nCommon symbols:\n");
        fprintf(f, "  %-20s 0x%016" PRIx64 " size 0x%" PRIx64 " align %" PRIu64 "\n", g->name,
                g->addr, g->size, g->common_align);
    }
    header = 0;
    for (size_t i = 0; i < n; i++) {
        ld_symbol *g = all[i];
        if (!g->defsym && !g->linker)
            continue;
        if (!header++)
            fprintf(f, "\nLinker-defined symbols:\n");
        fprintf(f, "  %-20s 0x%016" PRIx64 " %s\n", g->name, g->addr,
                g->defsym ? "--defsym" : "");
    }
    free(all);

    const gl_color_policy *p = &ctx->policy;
    fprintf(f, "\nColor policy (NT_GLYPH_COLORS):\n");
    fprintf(f, "  colorread  0x%04" PRIx64 "\n  colorwrite 0x%04" PRIx64 "\n  colorexec  0x%04" PRIx64
            "\n", p->read, p->write, p->exec);
    for (int c = 0; c < GL_COLORS; c++)
        fprintf(f, "  colormatread[%2d] 0x%04" PRIx64 "  colormatwrite[%2d] 0x%04" PRIx64 "\n", c,
                p->matread[c], c, p->matwrite[c]);
    if (ctx->xfer_on) {
        fprintf(f, "\nTransfer matrix (NT_GLYPH_XFER):\n");
        for (int c = 0; c < GL_COLORS; c++)
            fprintf(f, "  colormatexec[%2d] 0x%04" PRIx64 "\n", c, ctx->xfer.matexec[c]);
        fprintf(f, "\n");
        ld_compartments_print(ctx, f);
    }
}

void ld_map(ld_ctx *ctx)
{
    if (ctx->print_map)
        write_map(ctx, stdout);
    if (!ctx->map_file)
        return;
    FILE *f = fopen(ctx->map_file, "w");
    if (!f) {
        ld_error(ctx, "cannot write map %s: %s", ctx->map_file, strerror(errno));
        return;
    }
    write_map(ctx, f);
    if (fclose(f) != 0)
        ld_error(ctx, "cannot write map %s: %s", ctx->map_file, strerror(errno));
}
