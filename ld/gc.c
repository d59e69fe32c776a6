/*
 * gc.c - which input sections are kept (--gc-sections).
 *
 * Without --gc-sections every allocated input section is kept.  With
 * it, the roots are: the entry symbol and its immediate block
 * (ENTRY.const), every -u symbol, every --defsym target, sections
 * flagged SHF_GNU_RETAIN, and the COMMON section.  A kept section keeps
 * whatever its relocations refer to, and a kept code section keeps the
 * immediate-block section the assembler pairs with it (.text.X ->
 * .const.X, docs/asm.md): code reads its constants through ib, which
 * needs no relocation.  Everything else is dropped (the map file lists
 * what was dropped).
 */
#include <stdlib.h>
#include <string.h>

#include "ld.h"

#define SHF_RETAIN 0x200000u /* SHF_GNU_RETAIN */

typedef struct work {
    ld_section **v;
    size_t n, cap;
} work;

static void mark(work *w, ld_section *s)
{
    if (!s || s->live || s->kind == LD_KIND_NONE)
        return;
    s->live = 1;
    ld_grow(&w->v, &w->cap, w->n, sizeof *w->v);
    w->v[w->n++] = s;
}

/* Is name ".text" or ".text.anything"? (not ".textfoo") */
static int is_text_name(const char *name)
{
    return strncmp(name, ".text", 5) == 0 && (name[5] == 0 || name[5] == '.');
}

/* The .const section paired with code section s in the same object,
 * named exactly as glyph-as names it (docs/asm.md): .text -> .const,
 * .text.X -> .const.X, any other NAME -> .const.NAME (.NAME -> .const.NAME). */
ld_section *ld_const_sibling(ld_section *s)
{
    char *want = is_text_name(s->name)
                     ? ld_format(".const%s", s->name + 5)
                     : ld_format(".const%s%s", s->name[0] == '.' ? "" : ".", s->name);
    ld_section *found = NULL;
    for (size_t i = 1; i < s->obj->nsecs && !found; i++)
        if (s->obj->secs[i].kind == LD_KIND_CONST && strcmp(s->obj->secs[i].name, want) == 0)
            found = &s->obj->secs[i];
    free(want);
    return found;
}

static void mark_name(ld_ctx *ctx, work *w, const char *name)
{
    ld_symbol *g = ld_sym_lookup(ctx, name);
    if (g && g->state == LD_SYM_DEF)
        mark(w, g->sec);
}

void ld_gc_sections(ld_ctx *ctx)
{
    if (ctx->linker_obj)
        ctx->linker_obj->secs[1].live = 1;
    if (!ctx->gc_sections) {
        for (ld_object *o = ctx->objects; o; o = o->next)
            for (size_t i = 0; i < o->nsecs; i++)
                o->secs[i].live = o->secs[i].kind != LD_KIND_NONE;
        return;
    }
    work w = {0};
    mark_name(ctx, &w, ctx->entry);
    char *cname = ld_format("%s%s", ctx->entry, GL_CONST_SUFFIX);
    mark_name(ctx, &w, cname);
    free(cname);
    for (size_t i = 0; i < ctx->nundefs; i++)
        mark_name(ctx, &w, ctx->undefs[i]);
    for (size_t i = 0; i < ctx->ndefsyms; i++)
        if (ctx->defsyms[i].target)
            mark_name(ctx, &w, ctx->defsyms[i].target);
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 0; i < o->nsecs; i++)
            if (o->secs[i].flags & SHF_RETAIN)
                mark(&w, &o->secs[i]);
    while (w.n) {
        ld_section *s = w.v[--w.n];
        for (size_t i = 0; i < s->nrelas; i++)
            mark(&w, ld_sym_section(s->obj, s->relas[i].sym));
        if (s->kind == LD_KIND_TEXT)
            mark(&w, ld_const_sibling(s));
    }
    free(w.v);
}
