/*
 * relocs.c - -r: relocation tables in GNU objdump's layout, with our
 * names (gl_reloc_name); and the inline form -dr prints below an
 * instruction.
 */
#include <inttypes.h>

#include "od.h"

void od_format_addend(int64_t a, char *buf, size_t size, int short_form)
{
    if (!a) {
        snprintf(buf, size, "%s", "");
        return;
    }
    uint64_t m = a < 0 ? 0 - (uint64_t)a : (uint64_t)a;
    if (short_form)
        snprintf(buf, size, "%c0x%" PRIx64, a < 0 ? '-' : '+', m);
    else
        snprintf(buf, size, "%c0x%016" PRIx64, a < 0 ? '-' : '+', m);
}

/* Our name for the type; other machines' types only as numbers. */
static const char *type_name(const od_file *f, unsigned t, char *buf, size_t size)
{
    const char *n = f->eh.e_machine == EM_GLYPH ? gl_reloc_name(t) : 0;
    if (n)
        return n;
    snprintf(buf, size, "0x%x", t);
    return buf;
}

void od_dump_relocs(od_ctx *c, const od_file *f)
{
    for (size_t i = 0; i < f->nrelsecs; i++) {
        const od_relsec *rs = &f->relsecs[i];
        if (!rs->n || !od_selected(c, f->secs[rs->target].name))
            continue;
        printf("RELOCATION RECORDS FOR [%s]:\n", f->secs[rs->target].name);
        printf("OFFSET           TYPE              VALUE\n");
        for (size_t k = 0; k < rs->n; k++) {
            const od_rel *r = &rs->rels[k];
            char add[40], tb[16];
            od_format_addend(r->addend, add, sizeof add, 0);
            printf("%016" PRIx64 " %-16s  %s%s%s%s\n", r->off,
                   type_name(f, r->type, tb, sizeof tb),
                   od_hl_sgr(c, OD_HL_SYMBOL), od_rel_symname(f, r), od_reset(c), add);
        }
        printf("\n\n");
    }
}

/* Below an instruction: "\t\t\t<where>: TYPE\tsym+0x4".  Relocations in
 * the instruction's own section show the address like GNU; those in
 * another section (the .const constant it reads) name that section. */
void od_print_rel_inline(od_ctx *c, const od_file *f, const od_relsec *rs,
                         const od_rel *r, int same_sec)
{
    char add[40], tb[16];
    od_format_addend(r->addend, add, sizeof add, 1);
    const od_sec *t = &f->secs[rs->target];
    if (same_sec)
        printf("\t\t\t%" PRIx64 ": ", t->sh.sh_addr + r->off);
    else
        printf("\t\t\t%s+0x%" PRIx64 ": ", t->name, r->off);
    printf("%s\t%s%s%s%s\n", type_name(f, r->type, tb, sizeof tb), od_hl_sgr(c, OD_HL_SYMBOL),
           od_rel_symname(f, r), od_reset(c), add);
}
