/*
 * debug.c - debug information through the link (docs/ld.md, "Debug
 * information").
 *
 * The .debug_* sections of the inputs are kept: each output debug
 * section is the inputs' sections of that name, concatenated in input
 * order, and each input's part gets its offset in the output as its
 * address, so the section offsets in .debug_info (DW_AT_stmt_list, the
 * abbreviation offset) point at that input's part, and the addresses
 * in .debug_line and the ranges become linked addresses.  A reference
 * to a discarded section (--gc-sections) or to nothing becomes 0, as
 * GNU ld does: readers skip a sequence at address 0.  The sections are
 * not loaded; -s and -S drop them.
 *
 * For messages, an object's own .debug_line is decoded once
 * (lib/dwarf_line.c) with each sequence tied to its code section by the
 * relocation of its DW_LNE_set_address, so any input place has a line
 * before and after layout.  A malformed table is a warning and costs
 * only its lines.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dwarf_line.h"
#include "ld.h"

static ld_osec *debug_osec(ld_ctx *ctx, const char *name, size_t *cap)
{
    for (size_t i = 0; i < ctx->ndsecs; i++)
        if (strcmp(ctx->dsecs[i].name, name) == 0)
            return &ctx->dsecs[i];
    ld_grow(&ctx->dsecs, cap, ctx->ndsecs, sizeof *ctx->dsecs);
    ld_osec *o = &ctx->dsecs[ctx->ndsecs++];
    memset(o, 0, sizeof *o);
    o->name = ld_strdup(name);
    o->align = 1;
    return o;
}

static void put(uint8_t *p, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* S of a relocation in a debug section; 0 for what the image lacks. */
static uint64_t target(ld_ctx *ctx, ld_object *o, uint32_t i)
{
    const ld_objsym *y = &o->syms[i];
    if (!y->global && y->shndx && y->shndx < o->nsecs && o->secs[y->shndx].debug)
        return o->secs[y->shndx].addr + y->value;
    int ok;
    uint64_t v = ld_sym_address(ctx, o, i, &ok);
    return ok > 0 ? v : 0;
}

static void relocate(ld_ctx *ctx, ld_section *s)
{
    uint8_t *base = s->out->data + s->addr;
    for (size_t i = 0; i < s->nrelas; i++) {
        const ld_rela *r = &s->relas[i];
        uint64_t v = target(ctx, s->obj, r->sym) + (uint64_t)r->addend;
        switch (r->type) {
        case R_GLYPH_NONE:
            break;
        case R_GLYPH_64:
            put(base + r->offset, v, 8);
            break;
        case R_GLYPH_32:
            if ((int64_t)v < INT32_MIN || (int64_t)v > (int64_t)UINT32_MAX)
                ld_warning(ctx, "%s (%s+0x%" PRIx64 "): %s value 0x%" PRIx64 " does not fit "
                           "32 bits; left as it was", s->obj->name, s->name, r->offset,
                           gl_reloc_name(r->type), v);
            else
                put(base + r->offset, v, 4);
            break;
        default:
            ld_warning(ctx, "%s (%s+0x%" PRIx64 "): %s in a debug section is not applied",
                       s->obj->name, s->name, r->offset, gl_reloc_name(r->type));
            break;
        }
    }
}

void ld_debug_layout(ld_ctx *ctx)
{
    if (ctx->strip || ctx->strip_debug)
        return;
    size_t cap = 0;
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            if (!s->debug)
                continue;
            /* packed, as the output section is byte-aligned (an input's
             * alignment is not trusted: it could make the section huge) */
            ld_osec *d = debug_osec(ctx, s->name, &cap);
            s->addr = d->size;
            d->size += s->size;
        }
    /* the osec array is complete: now the parts can point into it */
    for (size_t k = 0; k < ctx->ndsecs; k++)
        ctx->dsecs[k].data = ld_alloc(ctx->dsecs[k].size ? ctx->dsecs[k].size : 1);
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            if (!s->debug)
                continue;
            for (size_t k = 0; k < ctx->ndsecs; k++)
                if (strcmp(ctx->dsecs[k].name, s->name) == 0)
                    s->out = &ctx->dsecs[k];
            if (s->size)
                memcpy(s->out->data + s->addr, s->data, s->size);
            relocate(ctx, s);
        }
}

void ld_debug_free(ld_ctx *ctx)
{
    for (size_t k = 0; k < ctx->ndsecs; k++) {
        free(ctx->dsecs[k].name);
        free(ctx->dsecs[k].data);
    }
    free(ctx->dsecs);
    ctx->dsecs = NULL;
    ctx->ndsecs = 0;
}

/* ---- source lines for messages ------------------------------------------ */

typedef struct tie {
    const ld_object *obj;
    const ld_section *line;
} tie;

/* The section and offset a sequence's DW_LNE_set_address names: its
 * relocation (glyph-as writes R_GLYPH_64 against the code section). */
static uint64_t tie_address(void *arg, size_t off, uint64_t raw, uint32_t *sec)
{
    const tie *t = arg;
    for (size_t i = 0; i < t->line->nrelas; i++) {
        const ld_rela *r = &t->line->relas[i];
        if (r->offset != off || r->type != R_GLYPH_64)
            continue;
        const ld_objsym *y = &t->obj->syms[r->sym];
        if (y->shndx == 0 || y->shndx >= t->obj->nsecs)
            break;
        *sec = y->shndx;
        return y->value + (uint64_t)r->addend;
    }
    *sec = 0; /* not tied to a section: no place matches it */
    return raw;
}

static const gl_lines *object_lines(ld_ctx *ctx, ld_object *o)
{
    if (o->lines_state)
        return o->lines_state > 0 ? o->lines : NULL;
    o->lines_state = -1;
    const ld_section *dl = NULL;
    for (size_t i = 1; i < o->nsecs && !dl; i++)
        if (o->secs[i].debug && strcmp(o->secs[i].name, ".debug_line") == 0)
            dl = &o->secs[i];
    if (!dl)
        return NULL;
    gl_lines *l = ld_alloc(sizeof *l);
    tie t = {o, dl};
    char err[200];
    if (gl_lines_read(dl->data, dl->size, NULL, tie_address, &t, l, err, sizeof err)) {
        ld_warning(ctx, "%s: .debug_line: %s (its source lines are not used)", o->name, err);
        free(l);
        return NULL;
    }
    o->lines = l;
    o->lines_state = 1;
    return l;
}

int ld_source_line(ld_ctx *ctx, const ld_section *sec, uint64_t off, char *buf, size_t size)
{
    const gl_lines *l = object_lines(ctx, sec->obj);
    const char *file;
    unsigned line;
    if (!l || !gl_lines_find(l, sec->index, off, &file, &line))
        return 0;
    snprintf(buf, size, "%s:%u", file, line);
    return 1;
}
