/*
 * sections.c - sections and the items they are made of.  A section's
 * kind (code, immediate blocks, data, bss) follows from its name prefix
 * (docs/elf.md); `.section name, "flags", @type` can override it.  When
 * a line is done, its instructions and data whose bytes are already
 * final join IT_CODE runs (as_line_items_done).
 */
#include <elf.h>
#include <stddef.h>
#include <string.h>

#include "as.h"
#include "glyph_elf.h"
#include "isa.h"

static int has_prefix(const char *name, const char *kind)
{
    size_t n = strlen(kind);
    return strncmp(name, kind, n) == 0 && (name[n] == 0 || name[n] == '.');
}

as_section *as_section_get(as_ctx *c, const char *name)
{
    for (as_section *s = c->sections; s; s = s->next)
        if (strcmp(s->name, name) == 0)
            return s;
    as_section *s = as_alloc(c, sizeof *s);
    s->name = as_strdup(c, name);
    s->type = SHT_PROGBITS;
    s->align = 1;
    if (has_prefix(name, ".text")) {
        s->flags = SHF_ALLOC | SHF_EXECINSTR;
        s->code = 1;
        s->align = 2;
    } else if (has_prefix(name, ".const")) {
        s->flags = SHF_ALLOC;
        s->is_const = 1;
        s->align = GL_IB_ALIGN;
    } else if (has_prefix(name, ".rodata")) {
        s->flags = SHF_ALLOC;
    } else if (has_prefix(name, ".data")) {
        s->flags = SHF_ALLOC | SHF_WRITE;
    } else if (has_prefix(name, ".bss")) {
        s->flags = SHF_ALLOC | SHF_WRITE;
        s->type = SHT_NOBITS;
    }
    if (c->last_section)
        c->last_section->next = s;
    else
        c->sections = s;
    c->last_section = s;
    c->nsections++;
    return s;
}

void as_section_switch(as_ctx *c, as_section *s)
{
    /* .compartment NAME places every section selected after it; a
     * section is in one compartment, so what it already holds for
     * another may not silently move along */
    if (c->compartment) {
        if (s->compartment && s->first && strcmp(s->compartment, c->compartment))
            as_error(c, c->cur_loc,
                     "section `%s` already holds code or data of compartment `%s` and cannot "
                     "also be in `%s`; give `%s` a section of its own (`.section %s.%s`)",
                     s->name, s->compartment, c->compartment, c->compartment, s->name,
                     c->compartment);
        else
            s->compartment = c->compartment;
    }
    if (s != c->cur) {
        c->prev = c->cur;
        c->cur = s;
    }
}

static as_item *item_new(as_ctx *c, as_section *s, int kind, as_loc loc, int in_line)
{
    /* a label is a position: none of the union */
    size_t size = kind == IT_LABEL ? offsetof(as_item, u) : sizeof(as_item);
    as_item *it = in_line ? as_line_alloc(c, size) : as_item_alloc(c, size);
    it->kind = (uint8_t)kind;
    it->loc = loc;
    it->list_line = c->cur_list;
    if (c->parsing) { /* its expressions are kept when the line is done */
        if (c->nline_items == c->capline_items) {
            c->capline_items = c->capline_items ? 2 * c->capline_items : 16;
            c->line_items = as_xrealloc(c->line_items,
                                        c->capline_items * sizeof *c->line_items);
        }
        c->line_items[c->nline_items++] = (as_line_item){it, s->last, s, in_line};
    }
    if (s->last)
        s->last->next = it;
    else
        s->first = it;
    s->last = it;
    return it;
}

as_item *as_item_new(as_ctx *c, as_section *s, int kind, as_loc loc)
{
    return item_new(c, s, kind, loc, 0);
}

as_item *as_item_new_final(as_ctx *c, as_section *s, int kind, as_loc loc)
{
    /* a listing shows each statement's bytes on its line, and -g each
     * instruction's line: keep items */
    return item_new(c, s, kind, loc, c->parsing && !c->listing && !c->debug);
}

/* The bytes of an instruction whose immediate is a number: the shortest
 * allowed length that encodes, as relaxation would choose; 0 if none
 * does (layout reports it). */
static unsigned final_encoding(const as_item *it, uint8_t *buf)
{
    if (it->u.insn.pcrel || (it->u.insn.imm && !it->u.insn.numimm))
        return 0;
    int64_t imm = it->u.insn.numimm ? it->u.insn.num : 0;
    for (unsigned len = 2; len <= 8; len *= 2) {
        unsigned bit = len == 2 ? GL_L16 : len == 4 ? GL_L32 : GL_L64;
        if (!(it->u.insn.lens & bit))
            continue;
        gl_insn g = {it->u.insn.op, (uint8_t)len, it->u.insn.rc, it->u.insn.rb,
                     it->u.insn.ra, imm};
        if (gl_encode(&g, buf) > 0)
            return len;
    }
    return 0;
}

/* The length layout starts an instruction at (as_layout). */
static unsigned shortest_len(const as_item *it)
{
    unsigned l = it->u.insn.lens;
    return (l & GL_L16) ? 2 : (l & GL_L32) ? 4 : 8;
}

/* Offset parity after item it (sizes are known once its line is read;
 * instructions are always an even number of bytes). */
static void track_parity(as_section *s, const as_item *it)
{
    switch (it->kind) {
    case IT_DATA:
    case IT_BYTES:
    case IT_FILL:
        if (s->parity < 2)
            s->parity ^= (uint8_t)(it->size & 1);
        break;
    case IT_ALIGN:
        if (it->u.align.align >= 2 && (!it->u.align.max || s->parity == 0))
            s->parity = 0;
        else if (it->u.align.align >= 2)
            s->parity = 2;
        break;
    case IT_BLOCK:
        s->parity = 2; /* grows later; never code anyway */
        break;
    default:
        break;
    }
}

static void append_code(as_section *s, const uint8_t *b, unsigned n)
{
    if (s->ncode + n > s->capcode) {
        s->capcode = s->capcode ? 2 * s->capcode : 4096;
        s->code_bytes = as_xrealloc(s->code_bytes, s->capcode);
    }
    memcpy(s->code_bytes + s->ncode, b, n);
    s->ncode += n;
}

/* Point later records at `to` where they named `from` as predecessor. */
static void replace_prev(as_ctx *c, size_t from_i, as_item *from, as_item *to)
{
    for (size_t j = from_i; j < c->nline_items; j++)
        if (c->line_items[j].prev == from)
            c->line_items[j].prev = to;
}

/* k, a lasting copy of line item i, takes its place in the section. */
static void relink(as_ctx *c, size_t i, as_item *k)
{
    as_line_item *r = &c->line_items[i];
    if (r->prev)
        r->prev->next = k;
    else
        r->s->first = k;
    if (r->s->last == r->it)
        r->s->last = k;
    replace_prev(c, i + 1, r->it, k);
}

/* it (in the line arena) becomes n final bytes: appended to the run
 * just before it, or a run of its own; nmin is its size in the first
 * layout pass. */
static void make_run(as_ctx *c, size_t i, const uint8_t *b, unsigned n, unsigned nmin)
{
    as_line_item *r = &c->line_items[i];
    as_item *it = r->it, *prev = r->prev;
    as_section *s = r->s;
    if (prev && prev->kind == IT_CODE && prev->next == it &&
        prev->u.code.start + prev->u.code.n == s->ncode) {
        append_code(s, b, n);
        prev->u.code.n += n;
        prev->u.code.nmin += nmin;
        prev->next = it->next;
        if (s->last == it)
            s->last = prev;
        replace_prev(c, i + 1, it, prev);
        return;
    }
    /* an IT_CODE item holds only the header and u.code */
    as_item *k = as_item_alloc(c, offsetof(as_item, u) + sizeof k->u.code);
    memcpy(k, it, offsetof(as_item, u));
    k->kind = IT_CODE;
    k->u.code.start = s->ncode;
    k->u.code.n = n;
    k->u.code.nmin = nmin;
    append_code(s, b, n);
    relink(c, i, k);
}

void as_line_items_done(as_ctx *c)
{
    for (size_t i = 0; i < c->nline_items; i++) {
        as_line_item *r = &c->line_items[i];
        as_item *it = r->it;
        as_section *s = r->s;
        if (it->kind == IT_DATA && r->in_line) {
            /* a number that fits: its bytes now (as_emit would write the same) */
            const as_expr *e = it->u.data.e;
            uint8_t b[16];
            if (e->kind == EX_NUM &&
                as_number_bytes(e->num, it->u.data.width, 0, e->literal, b)) {
                track_parity(s, it);
                make_run(c, i, b, it->u.data.width, it->u.data.width);
                continue;
            }
            it->u.data.e = as_expr_keep(c, it->u.data.e);
            track_parity(s, it);
            as_item *k = as_item_alloc(c, sizeof *k);
            *k = *it;
            relink(c, i, k);
            continue;
        }
        if (it->kind == IT_DATA)
            it->u.data.e = as_expr_keep(c, it->u.data.e);
        if (it->kind != IT_INSN) {
            track_parity(s, it);
            continue;
        }
        if (it->u.insn.imm && !it->u.insn.numimm && it->u.insn.imm->kind == EX_NUM) {
            int64_t v = it->u.insn.imm->num; /* most immediates: no tree to keep */
            it->u.insn.num = v;
            it->u.insn.numimm = 1;
        } else if (!it->u.insn.numimm) {
            it->u.insn.imm = as_expr_keep(c, it->u.insn.imm);
        }
        /* the mnemonic as written is the line's: a lasting copy for the
         * messages of layout (runs need none) */
        if (!r->in_line) {
            it->u.insn.text = as_intern(c, it->u.insn.text, strlen(it->u.insn.text));
            continue;
        }
        uint8_t b[8];
        unsigned n = s->parity == 0 ? final_encoding(it, b) : 0;
        if (n) {
            make_run(c, i, b, n, shortest_len(it));
            continue;
        }
        /* out of the line arena: an instruction item */
        as_item *k = as_item_alloc(c, sizeof *k);
        *k = *it;
        k->u.insn.text = as_intern(c, it->u.insn.text, strlen(it->u.insn.text));
        relink(c, i, k);
    }
    c->nline_items = 0;
}
as_section *as_const_section_for(as_ctx *c, as_section *s)
{
    char buf[512];
    if (strcmp(s->name, ".text") == 0)
        return as_section_get(c, ".const");
    if (has_prefix(s->name, ".text"))
        snprintf(buf, sizeof buf, ".const%s", s->name + 5);
    else
        snprintf(buf, sizeof buf, ".const%s%s", s->name[0] == '.' ? "" : ".", s->name);
    return as_section_get(c, buf);
}

void as_reloc_add(as_ctx *c, as_section *s, uint64_t off, unsigned type,
                  as_sym *sym, as_section *symsec, int64_t addend)
{
    (void)c;
    if (s->nrelocs == s->caprelocs) {
        s->caprelocs = s->caprelocs ? s->caprelocs * 2 : 16;
        s->relocs = as_xrealloc(s->relocs, s->caprelocs * sizeof *s->relocs);
    }
    as_reloc *r = &s->relocs[s->nrelocs++];
    r->off = off;
    r->type = type;
    r->sym = sym;
    r->sec = symsec;
    r->addend = addend;
}
