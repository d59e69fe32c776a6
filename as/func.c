/*
 * func.c - functions and their immediate blocks.
 *
 * A function starts at a label in a code section whose symbol is global
 * or typed @function (docs/asm.md); code before the first such label
 * forms an unnamed function.  Each function owns a pool of constants
 * that pseudo-instructions fill (deduplicated).  When the function ends
 * (the next function in the same section starts, or end of input) its
 * pool becomes an IT_BLOCK item in the matching .const section: 64-byte
 * aligned, labelled `foo.const`.
 */
#include <stdio.h>
#include <string.h>

#include "as.h"
#include "glyph_elf.h"

static as_func *func_new(as_ctx *c, as_section *text, as_sym *entry, as_loc loc)
{
    as_func *f = as_alloc(c, sizeof *f);
    f->text = text;
    f->csec = as_const_section_for(c, text);
    f->hole = -1;
    f->entry = entry;
    char buf[600];
    if (entry) {
        f->name = entry->name;
        if (entry->const_name)
            f->block = as_sym_get(c, entry->const_name, strlen(entry->const_name));
        else {
            snprintf(buf, sizeof buf, "%s%s", entry->name, GL_CONST_SUFFIX);
            f->block = as_sym_get(c, buf, strlen(buf));
        }
        entry->entry_of = f;
    } else {
        snprintf(buf, sizeof buf, ".L%s.fn%d", text->name, c->nimplicit++);
        f->name = as_strdup(c, buf);
        f->implicit = 1;
        as_item *it = as_item_new(c, text, IT_LABEL, loc);
        f->entry = as_sym_at(c, text, it);
        f->entry->entry_of = f;
        snprintf(buf, sizeof buf, ".L%s.fn%d.const", text->name, c->nimplicit - 1);
        f->block = as_sym_get(c, buf, strlen(buf));
        f->block->internal = 1;
    }
    if (c->last_func)
        c->last_func->next = f;
    else
        c->funcs = f;
    c->last_func = f;
    text->cur_func = f;
    text->nfuncs++;
    return f;
}

as_func *as_func_current(as_ctx *c, as_loc loc)
{
    as_section *s = c->cur;
    if (!s->code)
        return NULL;
    if (!s->cur_func)
        func_new(c, s, NULL, loc);
    return s->cur_func;
}

void as_func_label(as_ctx *c, as_sym *s, as_loc loc)
{
    as_section *sec = s->sec;
    if (!sec->code)
        return;
    int starts = !s->internal && (s->is_function || s->global || s->const_name);
    if (starts && strchr(s->name, '\002'))
        starts = 0;
    if (starts) {
        if (sec->cur_func)
            as_func_close(c, sec->cur_func);
        func_new(c, sec, s, loc);
    } else if (!sec->cur_func) {
        func_new(c, sec, NULL, loc);
    }
    s->func = sec->cur_func;
}

static void emit_block(as_ctx *c, as_func *f);

/* Is lane l of p the expression e (as as_expr_equal sees it)? */
static int lane_is(const as_pent *p, int l, const as_expr *e)
{
    if (p->isnum[l])
        return e && e->kind == EX_NUM && e->num == p->num[l];
    return as_expr_equal(p->e[l], e);
}

long as_pool_add(as_ctx *c, as_func *f, unsigned size, unsigned lanes,
                 as_expr *e0, as_expr *e1, as_where w, as_loc loc)
{
    for (size_t i = 0; i < f->nents; i++) {
        as_pent *p = &f->ents[i];
        if (p->size == size && p->lanes == lanes && lane_is(p, 0, e0) && lane_is(p, 1, e1))
            return p->off / size;
    }
    uint32_t off;
    if (size == 4 && f->hole >= 0) {
        off = (uint32_t)f->hole;
        f->hole = -1;
    } else {
        if (size == 8 && f->bytes % 8) {
            f->hole = (int32_t)f->bytes;
            f->bytes += 4;
        }
        off = f->bytes;
        f->bytes += size;
    }
    /* 32-bit forms have 12-bit indices */
    if (off / size >= 4096) {
        as_error(c, loc, "immediate block of function `%s` overflows: %zu constants "
                         "(%u bytes); 32-bit forms reach 4096 entries",
                 f->name, f->nents + 1, f->bytes);
        return -1;
    }
    if (f->nents == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 4;
        f->ents = as_xrealloc(f->ents, f->cap * sizeof *f->ents);
    }
    if (f->closed && !f->block_item && f->block->kind == SYM_UNDEF)
        emit_block(c, f); /* a late constant (far j) in an unnamed function */
    as_pent *p = &f->ents[f->nents++];
    memset(p, 0, sizeof *p);
    p->size = size;
    p->lanes = lanes;
    as_expr *e[2] = {e0, e1};
    for (int l = 0; l < 2; l++) {
        if (e[l] && e[l]->kind == EX_NUM) { /* most constants: no tree to keep */
            p->num[l] = e[l]->num;
            p->isnum[l] = 1;
        } else {
            p->e[l] = as_expr_keep(c, e[l]);
        }
    }
    p->w = w;
    p->off = off;
    p->loc = loc;
    return off / size;
}

void as_func_close(as_ctx *c, as_func *f)
{
    if (f->closed)
        return;
    f->closed = 1;
    if (f->text->cur_func == f)
        f->text->cur_func = NULL;
    if (f->nents && f->nents < f->cap) { /* most functions are done with: fit */
        f->ents = as_xrealloc(f->ents, f->nents * sizeof *f->ents);
        f->cap = f->nents;
    }
    if (f->block->kind != SYM_UNDEF) {
        if (f->block->kind != SYM_LABEL || !f->block->sec->is_const) {
            as_error(c, f->block->def_loc.file ? f->block->def_loc : f->entry->def_loc,
                     "`%s`, the immediate block name of function `%s`, is defined "
                     "outside a .const section", f->block->name, f->name);
            return;
        }
        /* the user wrote the block by hand */
        if (f->nents)
            as_error(c, f->ents[0].loc,
                     "function `%s` has a hand-written immediate block `%s`, but this "
                     "pseudo-instruction needs an assembler-managed constant",
                     f->name, f->block->name);
        return;
    }
    if (f->implicit && !f->nents)
        return; /* an unnamed function without constants needs no block */
    emit_block(c, f);
}

/* The block item in f's .const section, labelled with f->block. */
static void emit_block(as_ctx *c, as_func *f)
{
    as_loc loc = f->entry ? f->entry->def_loc : (as_loc){0, 0, 0};
    as_item *it = as_item_new(c, f->csec, IT_BLOCK, loc);
    it->list_line = -1;
    it->u.block.f = f;
    f->block_item = it;
    f->block->kind = SYM_LABEL;
    f->block->sec = f->csec;
    f->block->item = it;
    f->block->def_loc = loc;
    f->block->is_object = 1;
    if (f->self_block) { /* referenced before the block existed */
        f->self_block->kind = SYM_LABEL;
        f->self_block->sec = f->csec;
        f->self_block->item = it;
        it->dotsym = f->self_block;
    }
}

/* Only a weak function needs the aliases: a global one cannot be
 * overridden (two definitions are a link error), and its name reads
 * better in relocations. */
as_sym *as_func_self_entry(as_ctx *c, as_func *f)
{
    if (!f->entry->weak || !f->entry->item)
        return f->entry;
    return as_sym_at(c, f->text, f->entry->item);
}

as_sym *as_func_self_block(as_ctx *c, as_func *f)
{
    if (f->self_block)
        return f->self_block;
    if (!f->entry->weak)
        return f->block;
    if (f->block->kind == SYM_LABEL && f->block->item) {
        f->self_block = as_sym_at(c, f->block->sec, f->block->item);
        return f->self_block;
    }
    /* not emitted yet: an internal label that emit_block places */
    as_sym *s = as_sym_internal(c);
    f->self_block = s;
    return s;
}

/* A block named by `.globl f, blk` is also labelled f.const (when this
 * object does not define that name otherwise), so callers in other
 * objects, which refer to f.const, need not repeat the second name, and
 * objdump finds f's block by its usual name. */
static void alias_block(as_ctx *c, as_func *f)
{
    if (!f->entry->const_name || f->block->kind != SYM_LABEL || !f->block->item)
        return;
    char buf[600];
    snprintf(buf, sizeof buf, "%s%s", f->entry->name, GL_CONST_SUFFIX);
    as_sym *a = as_sym_get(c, buf, strlen(buf));
    if (a == f->block || a->kind != SYM_UNDEF)
        return;
    a->kind = SYM_LABEL;
    a->sec = f->block->sec;
    a->item = f->block->item;
    a->def_loc = f->block->def_loc;
    a->is_object = 1;
    a->global = f->block->global;
    a->weak = f->block->weak;
    if (!a->global && !a->weak)
        a->internal = 1; /* a local function: nothing outside needs it */
}

void as_func_close_all(as_ctx *c)
{
    for (as_func *f = c->funcs; f; f = f->next) {
        as_func_close(c, f);
        /* "both are global when the function is" (docs/elf.md) */
        if (f->entry && !f->implicit) {
            if (f->entry->global)
                f->block->global = 1;
            if (f->entry->weak)
                f->block->weak = 1;
            f->entry->is_function = 1;
            alias_block(c, f);
        }
    }
}
