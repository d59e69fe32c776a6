/*
 * headers.c - -f (file header), -p (program headers and glyph notes) and
 * -h (section headers), laid out like GNU objdump's, plus what glyph
 * adds: each section's and segment's color (bits 31..28 of sh_flags /
 * p_flags), the entry ib and the color policy note.
 */
#include <inttypes.h>
#include <string.h>

#include "od.h"

enum { /* BFD's file flags, printed by -f */
    HAS_RELOC = 0x01,
    EXEC_P = 0x02,
    HAS_SYMS = 0x10,
    D_PAGED = 0x100
};

void od_dump_file_header(od_ctx *c, const od_file *f)
{
    (void)c;
    unsigned fl = 0;
    if (f->eh.e_type == ET_REL && f->nrelsecs)
        fl |= HAS_RELOC;
    if (f->eh.e_type == ET_EXEC)
        fl |= EXEC_P;
    if (f->nsyms > 1)
        fl |= HAS_SYMS;
    if (f->eh.e_type == ET_EXEC && f->phnum)
        fl |= D_PAGED;
    printf("architecture: %s, flags 0x%08x:\n",
           f->eh.e_machine == EM_GLYPH ? "glyph" : "unknown", fl);
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{HAS_RELOC, "HAS_RELOC"}, {EXEC_P, "EXEC_P"},
                 {HAS_SYMS, "HAS_SYMS"}, {D_PAGED, "D_PAGED"}};
    const char *sep = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (fl & names[i].bit) {
            printf("%s%s", sep, names[i].name);
            sep = ", ";
        }
    printf("\nstart address 0x%016" PRIx64 "\n", (uint64_t)f->eh.e_entry);
    if (f->has_entry_ib)
        printf("start ib 0x%016" PRIx64 "\n", f->entry_ib);
}

/* BFD's log2: smallest n with 2**n >= v. */
static unsigned log2_ceil(uint64_t v)
{
    unsigned n = 0;
    while (n < 63 && ((uint64_t)1 << n) < v)
        n++;
    return n;
}

static const char *ptype_name(uint32_t t)
{
    switch (t) {
    case PT_NULL: return "NULL";
    case PT_LOAD: return "LOAD";
    case PT_DYNAMIC: return "DYNAMIC";
    case PT_INTERP: return "INTERP";
    case PT_NOTE: return "NOTE";
    case PT_SHLIB: return "SHLIB";
    case PT_PHDR: return "PHDR";
    case PT_TLS: return "TLS";
    case PT_GNU_EH_FRAME: return "EH_FRAME";
    case PT_GNU_STACK: return "STACK";
    case PT_GNU_RELRO: return "RELRO";
    }
    return 0;
}

void od_print_legend(const od_ctx *c)
{
    if (!c->color)
        return;
    printf("Color legend:");
    for (unsigned k = 0; k < GL_COLORS; k++)
        printf(" %s%2u%s", od_glyph_sgr(c, k), k, od_reset(c));
    printf("\n");
}

/* "0-2,4,7-15", "none" for the colors whose bits are set in m. */
static void color_set(uint64_t m, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = 0;
    for (unsigned k = 0; k < GL_COLORS; k++) {
        if (!(m >> k & 1))
            continue;
        unsigned e = k;
        while (e + 1 < GL_COLORS && (m >> (e + 1) & 1))
            e++;
        int w = e == k ? snprintf(buf + n, size - n, "%s%u", n ? "," : "", k)
                       : snprintf(buf + n, size - n, "%s%u-%u", n ? "," : "", k, e);
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
        k = e;
    }
    if (!n)
        snprintf(buf, size, "none");
}

void od_print_matrix(const od_ctx *c, const char *name, const uint64_t *m)
{
    printf("    %s (row = source color, column = destination color, x = allowed)\n",
           name);
    printf("         ");
    for (unsigned d = 0; d < GL_COLORS; d++)
        printf(" %s%2u%s", od_glyph_sgr(c, d), d, od_reset(c));
    printf("\n");
    for (unsigned s = 0; s < GL_COLORS; s++) {
        printf("      %s%2u%s ", od_glyph_sgr(c, s), s, od_reset(c));
        for (unsigned d = 0; d < GL_COLORS; d++)
            printf("  %c", (m[s] >> d & 1) ? 'x' : '.');
        printf("   0x%04" PRIx64 "\n", m[s]);
    }
}

static void print_notes(const od_ctx *c, const od_file *f)
{
    if (!f->has_entry_ib && !f->has_policy && !f->has_xfer && !f->ncomps)
        return;
    printf("\nGlyph notes:\n");
    if (f->has_entry_ib) {
        char sym[256];
        od_symbolize(c, f, 0, f->entry_ib, sym, sizeof sym);
        printf("  NT_GLYPH_ENTRY_IB  entry ib 0x%016" PRIx64 "%s%s\n", f->entry_ib,
               *sym ? " " : "", sym);
    }
    if (f->has_policy) {
        const gl_color_policy *p = &f->policy;
        printf("  NT_GLYPH_COLORS    color policy:\n");
        const struct {
            const char *name;
            uint64_t v;
        } w[] = {{"colorread", p->read}, {"colorwrite", p->write}, {"colorexec", p->exec}};
        for (int i = 0; i < 3; i++) {
            char set[96];
            color_set(w[i].v, set, sizeof set);
            printf("    %-13s 0x%016" PRIx64 "  colors %s\n", w[i].name, w[i].v, set);
        }
        od_print_matrix(c, "colormatread", p->matread);
        od_print_matrix(c, "colormatwrite", p->matwrite);
    }
    od_print_compartments(c, f);
}

void od_dump_private(od_ctx *c, const od_file *f)
{
    if (f->phnum) {
        printf("\nProgram Header:\n");
        for (size_t i = 0; i < f->phnum; i++) {
            const GElf_Phdr *p = &f->ph[i];
            const char *t = ptype_name(p->p_type);
            unsigned col = gl_pf_color(p->p_flags);
            printf("%s", od_glyph_sgr(c, col));
            if (t)
                printf("%8s", t);
            else
                printf("0x%08" PRIx32, p->p_type);
            printf("%s", od_reset(c));
            printf(" off    0x%016" PRIx64 " vaddr 0x%016" PRIx64 " paddr 0x%016" PRIx64
                   " align 2**%u\n",
                   (uint64_t)p->p_offset, (uint64_t)p->p_vaddr, (uint64_t)p->p_paddr,
                   log2_ceil(p->p_align));
            printf("         filesz 0x%016" PRIx64 " memsz 0x%016" PRIx64
                   " flags %c%c%c color %s%u%s",
                   (uint64_t)p->p_filesz, (uint64_t)p->p_memsz,
                   p->p_flags & PF_R ? 'r' : '-', p->p_flags & PF_W ? 'w' : '-',
                   p->p_flags & PF_X ? 'x' : '-', od_glyph_sgr(c, col), col, od_reset(c));
            uint32_t rest = p->p_flags & ~(uint32_t)(PF_R | PF_W | PF_X | GL_PF_COLOR_MASK);
            if (rest)
                printf(" 0x%x", rest);
            printf("\n");
        }
    }
    print_notes(c, f);
    /* one legend per file: -h (printed next, with -x) ends with it */
    if (!c->section_headers && (f->phnum || f->has_entry_ib || f->has_policy))
        od_print_legend(c);
}

void od_dump_sections(od_ctx *c, const od_file *f)
{
    printf("Sections:\n");
    printf("Idx Name          Size      VMA               LMA               File off  "
           "Algn  Color Perm\n");
    for (size_t i = 1; i < f->shnum; i++) {
        const od_sec *s = &f->secs[i];
        if (!s->shown || !od_selected(c, s->name))
            continue;
        const GElf_Shdr *sh = &s->sh;
        unsigned col = gl_shf_color(sh->sh_flags);
        int alloc = (sh->sh_flags & SHF_ALLOC) != 0;
        int nobits = sh->sh_type == SHT_NOBITS;
        printf("%3d %s%-13s%s %08" PRIx64 "  %016" PRIx64 "  %016" PRIx64 "  %08" PRIx64
               "  2**%-2u %s%-5u%s %c%c%c\n",
               s->bfd_idx, od_glyph_sgr(c, col), s->name, od_reset(c),
               (uint64_t)sh->sh_size, (uint64_t)sh->sh_addr, (uint64_t)sh->sh_addr,
               (uint64_t)sh->sh_offset, log2_ceil(sh->sh_addralign),
               od_glyph_sgr(c, col), col, od_reset(c), alloc ? 'r' : '-',
               sh->sh_flags & SHF_WRITE ? 'w' : '-',
               sh->sh_flags & SHF_EXECINSTR ? 'x' : '-');
        const char *fl[8];
        int n = 0;
        if (!nobits)
            fl[n++] = "CONTENTS";
        if (alloc)
            fl[n++] = "ALLOC";
        if (alloc && !nobits)
            fl[n++] = "LOAD";
        if (s->has_relocs)
            fl[n++] = "RELOC";
        if (!(sh->sh_flags & SHF_WRITE) && !nobits)
            fl[n++] = "READONLY";
        if (sh->sh_flags & SHF_EXECINSTR)
            fl[n++] = "CODE";
        else if (alloc && !nobits)
            fl[n++] = "DATA";
        if (!alloc && strncmp(s->name, ".debug", 6) == 0) { /* as BFD marks them */
            fl[n++] = "DEBUGGING";
            fl[n++] = "OCTETS";
        }
        printf("                  ");
        for (int k = 0; k < n; k++)
            printf("%s%s", k ? ", " : "", fl[k]);
        printf("\n");
        char comp[256];
        const char *cn = od_comp_of(f, (unsigned)i, comp, sizeof comp);
        if (cn)
            printf("                  compartment %s\n", cn);
    }
    od_print_legend(c);
}
