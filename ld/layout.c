/*
 * layout.c - output sections, segments and addresses.
 *
 * Kept input sections are merged by kind and color into output
 * sections (".text" for color 0, otherwise the first input's name,
 * e.g. ".text.vault").  Output sections are grouped into PT_LOAD
 * segments, one per (permission class, color) pair, each starting on
 * a fresh 4 KiB page, so every page has exactly one color and one
 * permission set.  Address order:
 *
 *   R  color 0   ELF header, program headers, .note.glyph, .const, .rodata
 *   R  color 1..15                                   .const, .rodata
 *   RX color 0..15                                   .text
 *   RW color 0..15                                   .data, .bss (+COMMON)
 *
 * The first segment starts at the image base (GL_DEFAULT_BASE,
 * 0x10000, or --image-base) and maps file offset 0.  Each later segment
 * starts at the next page boundary of the file after the previous
 * segment's file bytes: p_offset and p_vaddr are both page-aligned, so
 * they agree modulo the page size as loaders want, and a large .bss
 * leaves no hole in the file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

static enum ld_class kind_class(enum ld_kind k)
{
    switch (k) {
    case LD_KIND_TEXT: return LD_CLASS_RX;
    case LD_KIND_DATA: case LD_KIND_BSS: return LD_CLASS_RW;
    default: return LD_CLASS_R;
    }
}

const char *ld_class_perm(enum ld_class c)
{
    static const char *const p[LD_CLASS_COUNT] = {"R", "R+X", "R+W"};
    return p[c];
}

uint32_t ld_class_pflags(enum ld_class c)
{
    static const uint32_t f[LD_CLASS_COUNT] = {PF_R, PF_R | PF_X, PF_R | PF_W};
    return f[c];
}

static ld_osec *find_osec(ld_ctx *ctx, size_t *cap, ld_section *s)
{
    for (size_t i = 0; i < ctx->nosecs; i++)
        if (ctx->osecs[i].kind == s->kind && ctx->osecs[i].color == s->color)
            return &ctx->osecs[i];
    ld_grow(&ctx->osecs, cap, ctx->nosecs, sizeof *ctx->osecs);
    ld_osec *o = &ctx->osecs[ctx->nosecs++];
    o->kind = s->kind;
    o->color = s->color;
    o->align = s->kind == LD_KIND_CONST ? GL_IB_ALIGN : 1;
    return o;
}

static void add_input(ld_osec *o, ld_section *s)
{
    ld_grow(&o->in, &o->cap, o->nin, sizeof *o->in);
    o->in[o->nin++] = s;
}

static int osec_order(const void *pa, const void *pb)
{
    const ld_osec *a = pa, *b = pb;
    int ca = kind_class(a->kind), cb = kind_class(b->kind);
    if (ca != cb)
        return ca - cb;
    if (a->color != b->color)
        return (int)a->color - (int)b->color;
    return (int)a->kind - (int)b->kind;
}

/* Output section names: the kind for color 0, else the first input's
 * name, made unique with ".color<N>" if needed. */
static void name_osecs(ld_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        const char *want = o->color == 0 ? ld_kind_name(o->kind) : o->in[0]->name;
        int clash = 0;
        for (size_t k = 0; k < i; k++)
            clash |= strcmp(ctx->osecs[k].name, want) == 0;
        if (o->color && (o->in[0]->common || strcmp(want, ld_kind_name(o->kind)) == 0))
            clash = 1;
        o->name = clash ? ld_format("%s.color%u", ld_kind_name(o->kind), o->color)
                        : ld_strdup(want);
    }
}

/* Place the input sections inside each output section. */
static void size_osecs(ld_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        uint64_t off = 0;
        for (size_t k = 0; k < o->nin; k++) {
            ld_section *s = o->in[k];
            uint64_t a = s->align;
            if (o->kind == LD_KIND_CONST && a < GL_IB_ALIGN)
                a = GL_IB_ALIGN; /* immediate blocks stay 64-byte aligned */
            if (a > o->align)
                o->align = a;
            off = ld_align_up(off, a);
            s->addr = off; /* relative until the section is placed */
            s->out = o;
            off += s->size;
        }
        o->size = off;
    }
}

static ld_segment *segment_for(ld_ctx *ctx, size_t *cap, enum ld_class c, unsigned color)
{
    for (size_t i = 0; i < ctx->nsegs; i++)
        if (ctx->segs[i].cls == c && ctx->segs[i].color == color)
            return &ctx->segs[i];
    ld_grow(&ctx->segs, cap, ctx->nsegs, sizeof *ctx->segs);
    ld_segment *g = &ctx->segs[ctx->nsegs++];
    g->cls = c;
    g->color = color;
    return g;
}

static void assign_addresses(ld_ctx *ctx)
{
    uint64_t addr = ctx->base, file_off = 0;
    for (size_t i = 0; i < ctx->nsegs; i++) {
        ld_segment *g = &ctx->segs[i];
        addr = ld_align_up(addr, GL_PAGE_SIZE);
        g->vaddr = addr;
        g->offset = file_off = ld_align_up(file_off, GL_PAGE_SIZE);
        uint64_t file_end = addr;
        if (g->headers) {
            addr += ctx->hdr_size;
            ctx->note_addr = ld_align_up(addr, 8);
            addr = ctx->note_addr + ctx->note_size;
            file_end = addr;
        }
        for (size_t k = 0; k < g->nosecs; k++) {
            ld_osec *o = g->osecs[k];
            addr = ld_align_up(addr, o->align);
            o->addr = addr;
            o->offset = g->offset + (addr - g->vaddr);
            addr += o->size;
            if (o->kind != LD_KIND_BSS)
                file_end = addr;
        }
        g->memsz = addr - g->vaddr;
        g->filesz = file_end - g->vaddr;
        file_off = g->offset + g->filesz;
    }
    ctx->end_addr = addr;
}

static void symbol_addresses(ld_ctx *ctx)
{
    uint64_t etext = 0, edata = 0, bss = 0;
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        if (o->kind == LD_KIND_TEXT && o->addr + o->size > etext)
            etext = o->addr + o->size;
        if (o->kind != LD_KIND_BSS && o->addr + o->size > edata)
            edata = o->addr + o->size;
        if (o->kind == LD_KIND_BSS && (!bss || o->addr < bss))
            bss = o->addr;
    }
    if (!bss)
        bss = edata;
    for (size_t b = 0; b < ctx->nbuckets; b++) {
        for (ld_symbol *g = ctx->buckets[b]; g; g = g->hnext) {
            if (g->state != LD_SYM_DEF || g->defsym)
                continue;
            if (g->linker) {
                const char *n = g->name;
                g->addr = !strcmp(n, "_etext") ? etext
                          : !strcmp(n, "_edata") ? edata
                          : !strcmp(n, "__bss_start") ? bss : ctx->end_addr;
            } else {
                g->addr = g->sec ? g->sec->addr + g->value : g->value;
            }
        }
    }
}

/* Gather kept input sections into output sections, in address order. */
static void build_osecs(ld_ctx *ctx)
{
    size_t cap = 0;
    for (ld_object *ob = ctx->objects; ob; ob = ob->next)
        for (size_t i = 0; i < ob->nsecs; i++)
            if (ob->secs[i].live)
                add_input(find_osec(ctx, &cap, &ob->secs[i]), &ob->secs[i]);
    if (ctx->linker_obj) /* COMMON goes last, at the end of .bss */
        add_input(find_osec(ctx, &cap, &ctx->linker_obj->secs[1]), &ctx->linker_obj->secs[1]);
    if (ctx->nosecs > 1)
        qsort(ctx->osecs, ctx->nosecs, sizeof *ctx->osecs, osec_order);
}

/* The header segment first, then one per non-empty (class, color) pair,
 * created in osec order, which is address order. */
static void make_segments(ld_ctx *ctx)
{
    size_t cap = ctx->nosecs + 1; /* never regrown: osecs point into it */
    ctx->segs = ld_alloc(cap * sizeof *ctx->segs);
    segment_for(ctx, &cap, LD_CLASS_R, 0)->headers = 1;
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        if (o->size == 0)
            continue; /* empty: no segment, see place_inputs */
        ld_segment *g = segment_for(ctx, &cap, kind_class(o->kind), o->color);
        o->seg = g;
        g->osecs[g->nosecs++] = o;
    }
    ctx->nphdrs = (unsigned)ctx->nsegs + 2; /* + PT_NOTE + PT_GNU_STACK */
    ctx->hdr_size = sizeof(Elf64_Ehdr) + ctx->nphdrs * sizeof(Elf64_Phdr);
    ctx->note_size = gl_note_size(8) + gl_note_size(GL_COLOR_POLICY_SIZE) +
                     (ctx->xfer_on ? gl_note_size(GL_COLOR_XFER_SIZE) +
                                         gl_note_size(ctx->comp_note_size) : 0);
}

/* Final input section addresses and the output sections' file images. */
static void place_inputs(ld_ctx *ctx)
{
    uint64_t prev_end = ctx->note_addr + ctx->note_size;
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        if (!o->seg) /* empty: its symbols sit where it would, aligned (an
                      * empty immediate block is still a valid ib) */
            o->addr = ld_align_up(prev_end, o->align ? o->align : 1);
        prev_end = o->addr + o->size;
        for (size_t k = 0; k < o->nin; k++)
            o->in[k]->addr += o->addr;
        if (o->kind == LD_KIND_BSS || !o->size)
            continue;
        o->data = ld_alloc(o->size);
        for (size_t k = 0; k < o->nin; k++) {
            ld_section *s = o->in[k];
            if (s->data)
                memcpy(o->data + (s->addr - o->addr), s->data, s->size);
        }
    }
}

void ld_layout(ld_ctx *ctx)
{
    build_osecs(ctx);
    name_osecs(ctx);
    size_osecs(ctx);
    make_segments(ctx);
    assign_addresses(ctx);
    if (ctx->end_addr > GL_IMAGE_END(ctx->base) || ctx->end_addr < ctx->base)
        ld_error(ctx, "the image [%#" PRIx64 ", %#" PRIx64 ") ends beyond %#" PRIx64
                 ", the highest address glyph-run loads", ctx->base, ctx->end_addr,
                 GL_IMAGE_END(ctx->base));
    place_inputs(ctx);
    symbol_addresses(ctx);
}

void ld_layout_free(ld_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nosecs; i++) {
        free(ctx->osecs[i].name);
        free(ctx->osecs[i].in);
        free(ctx->osecs[i].data);
    }
    free(ctx->osecs);
    free(ctx->segs);
    free(ctx->note);
}
