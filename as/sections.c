/*
 * sections.c - sections and the items they are made of.  A section's
 * kind (code, immediate blocks, data, bss) follows from its name prefix
 * (docs/elf.md); `.section name, "flags", @type` can override it.
 */
#include <elf.h>
#include <string.h>

#include "as.h"
#include "glyph_elf.h"

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
    /* .compartment NAME places every section selected after it */
    if (c->compartment)
        s->compartment = c->compartment;
    if (s != c->cur) {
        c->prev = c->cur;
        c->cur = s;
    }
}

as_item *as_item_new(as_ctx *c, as_section *s, int kind, as_loc loc)
{
    as_item *it = as_alloc(c, sizeof *it);
    it->kind = (uint8_t)kind;
    it->loc = loc;
    it->list_line = c->cur_list;
    if (s->last)
        s->last->next = it;
    else
        s->first = it;
    s->last = it;
    return it;
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
