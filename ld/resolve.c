/*
 * resolve.c - symbol resolution.
 *
 * Each object's global and weak symbols meet in the global table as it
 * is loaded (so archive scanning sees what is still undefined).  The
 * rules, strongest first:
 *
 *   --defsym          overrides every object definition
 *   global definition two of them are a "multiple definition" error
 *   common            SHN_COMMON; several merge: largest size, largest
 *                     alignment; beaten by a global definition, beats
 *                     a weak one (ELF gABI)
 *   weak definition   the first one wins
 *   undefined         an error when referenced non-weakly by a kept
 *                     section (reported by relocate.c with the place);
 *                     a weak undefined symbol is 0
 *
 * After loading, common symbols get space in a synthetic "COMMON"
 * section that goes to the end of .bss (color 0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

static void define(ld_symbol *g, ld_object *o, ld_objsym *y)
{
    g->state = LD_SYM_DEF;
    g->weak = y->bind == STB_WEAK;
    g->obj = o;
    g->sec = y->shndx == SHN_ABS ? NULL : &o->secs[y->shndx];
    g->value = y->value;
    g->size = y->size;
    g->type = y->type;
}

void ld_resolve_object(ld_ctx *ctx, ld_object *o)
{
    for (size_t i = 1; i < o->nsyms; i++) {
        ld_objsym *y = &o->syms[i];
        if (y->bind == STB_LOCAL)
            continue;
        ld_symbol *g = ld_sym_intern(ctx, y->name);
        y->global = g;
        if (y->shndx == SHN_UNDEF) {
            if (y->bind != STB_WEAK)
                g->strong_ref = 1;
            continue;
        }
        if (g->defsym || g->linker)
            continue;
        if (y->shndx == SHN_COMMON) {
            if (g->state == LD_SYM_DEF && !g->weak)
                continue;
            if (g->state == LD_SYM_COMMON) {
                if (y->size > g->size)
                    g->size = y->size;
                if (y->value > g->common_align)
                    g->common_align = y->value;
                continue;
            }
            g->state = LD_SYM_COMMON;
            g->weak = 0;
            g->obj = o;
            g->sec = NULL;
            g->size = y->size;
            g->common_align = y->value;
            g->type = STT_OBJECT;
            continue;
        }
        switch (g->state) {
        case LD_SYM_UNDEF:
            define(g, o, y);
            break;
        case LD_SYM_COMMON:
            if (y->bind != STB_WEAK)
                define(g, o, y);
            break;
        case LD_SYM_DEF:
            if (y->bind == STB_WEAK)
                break;
            if (g->weak) {
                define(g, o, y);
            } else {
                ld_error(ctx, "multiple definition of '%s' in %s (first defined in %s)", g->name,
                         o->name, g->obj->name);
                ctx->nduplicates++;
            }
            break;
        }
    }
}

/* Names the linker defines when a program refers to them. */
static const char *const linker_syms[] = {"__bss_start", "_edata", "_etext", "_end"};

void ld_resolve_finish(ld_ctx *ctx)
{
    size_t n;
    ld_symbol **all = ld_sym_sorted(ctx, &n);
    uint64_t off = 0, align = 1;
    size_t ncommon = 0;
    for (size_t i = 0; i < n; i++) {
        ld_symbol *g = all[i];
        if (g->state != LD_SYM_COMMON)
            continue;
        uint64_t a = g->common_align ? g->common_align : 1;
        off = ld_align_up(off, a);
        g->value = off;
        off += g->size;
        if (a > align)
            align = a;
        ncommon++;
    }
    if (ncommon) {
        /* The synthetic object owning the COMMON section. */
        ld_object *o = ld_alloc(sizeof *o);
        o->name = ld_strdup("(common)");
        o->strings = ld_strdup("COMMON");
        o->nsecs = 2;
        o->secs = ld_alloc(2 * sizeof *o->secs);
        ld_section *s = &o->secs[1];
        s->obj = o;
        s->index = 1;
        s->name = o->strings;
        s->type = SHT_NOBITS;
        s->flags = SHF_ALLOC | SHF_WRITE;
        s->size = off;
        s->align = align;
        s->kind = LD_KIND_BSS;
        s->common = 1;
        ctx->linker_obj = o;
        for (size_t i = 0; i < n; i++) {
            if (all[i]->state == LD_SYM_COMMON) {
                all[i]->state = LD_SYM_DEF;
                all[i]->sec = s;
            }
        }
    }
    free(all);
    for (size_t i = 0; i < sizeof linker_syms / sizeof *linker_syms; i++) {
        ld_symbol *g = ld_sym_lookup(ctx, linker_syms[i]);
        if (g && g->state == LD_SYM_UNDEF) {
            g->state = LD_SYM_DEF;
            g->linker = 1;
            g->type = STT_NOTYPE;
        }
    }
}

ld_section *ld_sym_section(ld_object *o, uint32_t i)
{
    ld_objsym *y = &o->syms[i];
    if (y->global)
        return y->global->state == LD_SYM_DEF ? y->global->sec : NULL;
    if (y->shndx == SHN_UNDEF || y->shndx >= SHN_LORESERVE)
        return NULL;
    return &o->secs[y->shndx];
}

uint64_t ld_sym_address(ld_ctx *ctx, ld_object *o, uint32_t i, int *ok)
{
    ld_objsym *y = &o->syms[i];
    *ok = 1;
    if (i == 0)
        return 0;
    if (y->global) {
        ld_symbol *g = y->global;
        if (g->state != LD_SYM_DEF) {
            *ok = y->bind == STB_WEAK;
            return 0;
        }
        if (g->sec && !g->sec->live && !g->sec->common)
            *ok = -1;
        /* a call from compartment X to a stateless archive member goes
         * to X's copy of it (compartment.c) */
        if (ctx->reloc_comp && g->sec && g->sec->obj->copies &&
            g->sec->obj->copies[ctx->reloc_comp - 1])
            return g->sec->obj->copies[ctx->reloc_comp - 1]->secs[g->sec->index].addr +
                   g->value;
        return g->addr;
    }
    if (y->shndx == SHN_ABS)
        return y->value;
    ld_section *s = &o->secs[y->shndx];
    if (!s->live)
        *ok = -1;
    return s->addr + y->value;
}

void ld_entry_check(ld_ctx *ctx)
{
    ld_symbol *e = ld_sym_lookup(ctx, ctx->entry);
    if (!e || e->state != LD_SYM_DEF) {
        ld_error(ctx, "entry symbol '%s' is not defined", ctx->entry);
        return;
    }
    char *cname = ld_format("%s%s", ctx->entry, GL_CONST_SUFFIX);
    ld_symbol *c = ld_sym_lookup(ctx, cname);
    if (!c || c->state != LD_SYM_DEF)
        ld_error(ctx, "entry symbol '%s' has no immediate block '%s' (a global %s label)",
                 ctx->entry, cname, GL_CONST_SUFFIX);
    else
        ctx->entry_ib = c->addr;
    ctx->entry_addr = e->addr;
    free(cname);
}
