/*
 * relocate.c - applying relocations (docs/elf.md, "Relocations").
 *
 * Relocations are applied to the output image of each kept section.
 * R_GLYPH_64/32/PC32 stand alone.  ADD/SUB relocations come in groups:
 * consecutive entries of one relocation section with the same r_offset;
 * their S + A are summed in 64 bits from 0 and the sum is stored once,
 * range-checked for the 32-bit forms.  That is how the two-stream
 * differences are written: pc-relative constants in .const
 * (S + A - insn) and the two lanes of call/jump/tail vectors
 * (foo - C in the low lane, foo.const - Cib in the high lane).
 *
 * Every problem is reported with its place, "file (section+offset)",
 * and the source line first when the object has one (site.c):
 * undefined symbols, values that do not fit their field (never wrapped
 * silently), mixed-width groups.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

static void put(uint8_t *p, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static const char *sym_name(ld_object *o, uint32_t i)
{
    ld_objsym *y = &o->syms[i];
    if (y->type == STT_SECTION && y->shndx < o->nsecs)
        return o->secs[y->shndx].name;
    return y->name;
}

typedef struct site {
    ld_ctx *ctx;
    ld_section *sec;
    uint64_t offset;
} site;

/* The function a place belongs to, for messages: the nearest symbol at
 * or below it in its section, "foo" for foo's entry or its block
 * foo.const (where calls keep their vectors); NULL when there is none. */
const char *ld_function_at(const ld_section *sec, uint64_t offset, size_t *len,
                          const ld_objsym **sym)
{
    ld_object *o = sec->obj;
    const ld_objsym *best = NULL;
    for (size_t i = 1; i < o->nsyms; i++) {
        const ld_objsym *y = &o->syms[i];
        if (y->shndx != sec->index || y->value > offset || !y->name || !*y->name ||
            y->type == STT_SECTION || (best && best->value >= y->value))
            continue;
        best = y;
    }
    if (!best)
        return NULL;
    size_t n = strlen(best->name), k = strlen(GL_CONST_SUFFIX);
    if (sec->kind == LD_KIND_CONST && n > k && strcmp(best->name + n - k, GL_CONST_SUFFIX) == 0)
        n -= k;
    else if (best->type != STT_FUNC)
        return NULL;
    *len = n;
    if (sym)
        *sym = best;
    return best->name;
}

/* Is name "foo.const" while an undefined reference to "foo" was just
 * reported in the same function (the other lane of a call vector)?  Then
 * that message already says everything. */
static int block_of_undefined(ld_ctx *ctx, const ld_section *sec, const ld_objsym *fn,
                              const char *name)
{
    size_t n = strlen(name), k = strlen(GL_CONST_SUFFIX);
    if (n <= k || strcmp(name + n - k, GL_CONST_SUFFIX) != 0)
        return 0;
    char *base = strndup(name, n - k);
    if (!base)
        return 0;
    ld_symbol *g = ld_sym_lookup(ctx, base);
    free(base);
    return g && g->state == LD_SYM_UNDEF && g->undef_reported == sec && g->undef_func == fn;
}

/* S + A of one relocation; 0 (and an error) when it cannot be known. */
static int value_of(site *w, const ld_rela *r, uint64_t *v)
{
    ld_object *o = w->sec->obj;
    int ok;
    uint64_t s = ld_sym_address(w->ctx, o, r->sym, &ok);
    if (ok == 0) {
        const char *name = sym_name(o, r->sym);
        size_t flen = 0;
        const ld_objsym *fsym = NULL;
        const char *fn = ld_function_at(w->sec, w->offset, &flen, &fsym);
        ld_symbol *g = o->syms[r->sym].global;
        /* once per symbol and function: a tail's two constants and its
         * jump, or both lanes of a vector, are one reference */
        if (block_of_undefined(w->ctx, w->sec, fsym, name) ||
            (g && fsym && g->undef_reported == w->sec && g->undef_func == fsym)) {
            w->ctx->nerrors++; /* counted, but the first line says it */
            return 0;
        }
        if (g) {
            g->undef_reported = w->sec;
            g->undef_func = fsym;
        }
        char where[256], src[320];
        ld_site_text(w->ctx, w->sec, w->offset, where, sizeof where, src, sizeof src);
        if (fn)
            ld_error(w->ctx, "%sundefined reference to '%s' in %s (%s, function '%.*s')",
                     src, name, o->name, where, (int)flen, fn);
        else
            ld_error(w->ctx, "%sundefined reference to '%s' in %s (%s)", src, name, o->name,
                     where);
        return 0;
    }
    if (ok < 0) {
        char where[256], src[320];
        ld_site_text(w->ctx, w->sec, w->offset, where, sizeof where, src, sizeof src);
        ld_error(w->ctx, "%s%s (%s): relocation refers to '%s' in a discarded section",
                 src, o->name, where, sym_name(o, r->sym));
        return 0;
    }
    *v = s + (uint64_t)r->addend;
    return 1;
}

/* "foo + 0x4 - .text + 0x10": the terms of a relocation, for messages. */
static void describe(ld_object *o, const ld_rela *r, size_t n, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < n && k < size; i++) {
        int sub = r[i].type == R_GLYPH_SUB32 || r[i].type == R_GLYPH_SUB64;
        const char *name = r[i].sym ? sym_name(o, r[i].sym) : "0";
        k += (size_t)snprintf(buf + k, size - k, "%s%s%s", i ? (sub ? " - " : " + ") : (sub ? "-" : ""),
                              sub && r[i].addend ? "(" : "", name);
        if (r[i].addend && k < size)
            k += (size_t)snprintf(buf + k, size - k, "%s0x%" PRIx64 "%s", r[i].addend < 0 ? " - " : " + ",
                                  r[i].addend < 0 ? -(uint64_t)r[i].addend : (uint64_t)r[i].addend,
                                  sub ? ")" : "");
    }
}

static void overflow(site *w, const ld_rela *r, size_t n, int64_t v, const char *field)
{
    char terms[512], where[256], src[320];
    describe(w->sec->obj, r, n, terms, sizeof terms);
    ld_site_text(w->ctx, w->sec, w->offset, where, sizeof where, src, sizeof src);
    ld_error(w->ctx, "%s%s (%s): relocation %s overflow: %s = %" PRId64
             " (0x%" PRIx64 ") does not fit %s",
             src, w->sec->obj->name, where, gl_reloc_name(r[0].type), terms, v,
             (uint64_t)v, field);
}

static int is_group(uint32_t t)
{
    return t == R_GLYPH_ADD32 || t == R_GLYPH_SUB32 || t == R_GLYPH_ADD64 || t == R_GLYPH_SUB64;
}

/* Apply relocations r[0..n) of one group; returns how many it used. */
static size_t apply_group(site *w, uint8_t *field, const ld_rela *r, size_t n)
{
    size_t g = 1;
    while (g < n && r[g].offset == r[0].offset && is_group(r[g].type))
        g++;
    unsigned size = gl_reloc_size(r[0].type);
    uint64_t sum = 0;
    int ok = 1;
    for (size_t i = 0; i < g; i++) {
        if (gl_reloc_size(r[i].type) != size) {
            ld_error(w->ctx, "%s (%s+0x%" PRIx64 "): relocation group mixes 32- and 64-bit "
                     "ADD/SUB (%s and %s)", w->sec->obj->name, w->sec->name, w->offset,
                     gl_reloc_name(r[0].type), gl_reloc_name(r[i].type));
            return g;
        }
        uint64_t v;
        if (!value_of(w, &r[i], &v)) {
            ok = 0;
            continue;
        }
        if (r[i].type == R_GLYPH_SUB32 || r[i].type == R_GLYPH_SUB64)
            sum -= v;
        else
            sum += v;
    }
    if (!ok)
        return g;
    int64_t s = (int64_t)sum;
    if (size == 4 && (s < INT32_MIN || s > INT32_MAX)) {
        overflow(w, r, g, s, "int32");
        return g;
    }
    put(field, sum, size);
    return g;
}

typedef struct group_start {
    uint64_t offset;
    size_t index;
} group_start;

static int by_offset(const void *pa, const void *pb)
{
    const group_start *a = pa, *b = pb;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* A group is a run of consecutive entries; two runs at one offset would
 * each store their own partial sum, the later silently replacing the
 * earlier.  1 when no group of sec is split. */
static int groups_consecutive(ld_ctx *ctx, ld_section *sec)
{
    group_start *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < sec->nrelas; i++) {
        if (!is_group(sec->relas[i].type) ||
            (i && is_group(sec->relas[i - 1].type) && sec->relas[i - 1].offset == sec->relas[i].offset))
            continue;
        ld_grow(&v, &cap, n, sizeof *v);
        v[n++] = (group_start){sec->relas[i].offset, i};
    }
    if (n > 1)
        qsort(v, n, sizeof *v, by_offset);
    int ok = 1;
    for (size_t i = 1; i < n; i++) {
        if (v[i].offset != v[i - 1].offset)
            continue;
        ld_error(ctx, "%s (%s+0x%" PRIx64 "): relocation group is split (entries %zu and %zu of %s "
                 "both start a group here): the ADD/SUB entries of a group must be consecutive",
                 sec->obj->name, sec->name, v[i].offset, v[i - 1].index + 1, v[i].index + 1,
                 sec->rela_name);
        ok = 0;
    }
    free(v);
    return ok;
}

static void relocate_section(ld_ctx *ctx, ld_section *sec)
{
    if (!groups_consecutive(ctx, sec))
        return;
    ctx->reloc_comp = ctx->comps_on && sec->comp >= 0 ? sec->comp + 1 : 0;
    uint8_t *base = sec->out->data + (sec->addr - sec->out->addr);
    for (size_t i = 0; i < sec->nrelas;) {
        const ld_rela *r = &sec->relas[i];
        site w = {ctx, sec, r->offset};
        uint8_t *field = base + r->offset;
        uint64_t v;
        int64_t s;
        switch (r->type) {
        case R_GLYPH_NONE:
            break;
        case R_GLYPH_64:
            if (value_of(&w, r, &v))
                put(field, v, 8);
            break;
        case R_GLYPH_32:
            if (!value_of(&w, r, &v))
                break;
            s = (int64_t)v;
            if (s < INT32_MIN || s > (int64_t)UINT32_MAX)
                overflow(&w, r, 1, s, "int32 or uint32");
            else
                put(field, v, 4);
            break;
        case R_GLYPH_PC32:
            if (!value_of(&w, r, &v))
                break;
            s = (int64_t)(v - (sec->addr + r->offset));
            if (s < INT32_MIN || s > INT32_MAX)
                overflow(&w, r, 1, s, "int32 (pc-relative)");
            else
                put(field, (uint64_t)s, 4);
            break;
        case R_GLYPH_ADD32: case R_GLYPH_SUB32: case R_GLYPH_ADD64: case R_GLYPH_SUB64:
            i += apply_group(&w, field, r, sec->nrelas - i);
            continue;
        default:
            /* input.c rejects unknown types; this keeps the switch total */
            ld_error(ctx, "%s: unknown relocation type %u at %s+0x%" PRIx64, sec->obj->name,
                     r->type, sec->name, r->offset);
            break;
        }
        i++;
    }
    ctx->reloc_comp = 0;
}

void ld_relocate(ld_ctx *ctx)
{
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 0; i < o->nsecs; i++)
            if (o->secs[i].live && o->secs[i].nrelas)
                relocate_section(ctx, &o->secs[i]);
}
