/*
 * symbols.c - symbol lookups for the annotations and -t.
 *
 * Labels (symbols that can name an address: NOTYPE/FUNC/OBJECT with a
 * name, defined in a real section) are sorted by (section, value), the
 * preferred name first (function, then global), so every lookup is a
 * binary search.  Addresses are always paired with a section because
 * all sections of a relocatable object start at 0.
 */
#include <inttypes.h>
#include <string.h>

#include "od.h"

const char *od_sec_name(const od_file *f, unsigned shndx)
{
    if (shndx == SHN_UNDEF)
        return "*UND*";
    if (shndx == SHN_ABS)
        return "*ABS*";
    if (shndx == SHN_COMMON)
        return "*COM*";
    if (shndx < f->shnum)
        return f->secs[shndx].name;
    return "*UNK*";
}

/* Index of the first label with (shndx, value) > (sec, addr). */
static size_t upper(const od_file *f, unsigned sec, uint64_t addr)
{
    size_t lo = 0, hi = f->nlabels;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const od_sym *s = f->labels[mid];
        if (s->st.st_shndx < sec || (s->st.st_shndx == sec && s->st.st_value <= addr))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const od_sym *od_label_at_or_before(const od_file *f, unsigned sec, uint64_t addr)
{
    size_t i = upper(f, sec, addr);
    if (i == 0 || f->labels[i - 1]->st.st_shndx != sec)
        return 0;
    uint64_t v = f->labels[i - 1]->st.st_value;
    while (i > 1 && f->labels[i - 2]->st.st_shndx == sec &&
           f->labels[i - 2]->st.st_value == v)
        i--;
    return f->labels[i - 1];
}

const od_sym *od_label_at(const od_file *f, unsigned sec, uint64_t addr)
{
    const od_sym *s = od_label_at_or_before(f, sec, addr);
    return s && s->st.st_value == addr ? s : 0;
}

unsigned od_sec_of_addr(const od_file *f, uint64_t addr)
{
    for (size_t i = 1; i < f->shnum; i++) {
        const GElf_Shdr *sh = &f->secs[i].sh;
        if ((sh->sh_flags & SHF_ALLOC) && sh->sh_size && addr >= sh->sh_addr &&
            addr - sh->sh_addr < sh->sh_size)
            return (unsigned)i;
    }
    return 0;
}

const od_sym *od_sym_find(const od_file *f, const char *name)
{
    size_t lo = 0, hi = f->nbyname; /* first entry >= name */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(f->byname[mid]->name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->nbyname && strcmp(f->byname[lo]->name, name) == 0 ? f->byname[lo] : 0;
}

void od_symbolize(const od_ctx *c, const od_file *f, unsigned sec,
                  uint64_t addr, char *buf, size_t size)
{
    if (!sec)
        sec = od_sec_of_addr(f, addr);
    if (!sec || sec >= f->shnum) {
        snprintf(buf, size, "%s", "");
        return;
    }
    const od_sym *s = od_label_at_or_before(f, sec, addr);
    const char *name = s ? s->name : f->secs[sec].name;
    uint64_t base = s ? s->st.st_value : f->secs[sec].sh.sh_addr;
    const char *on = od_hl_sgr(c, OD_HL_SYMBOL), *off = od_reset(c);
    if (addr == base)
        snprintf(buf, size, "%s<%s>%s", on, name, off);
    else
        snprintf(buf, size, "%s<%s+0x%" PRIx64 ">%s", on, name, addr - base, off);
}

const char *od_rel_symname(const od_file *f, const od_rel *r)
{
    if (!r->sym)
        return "*ABS*";
    const od_sym *s = &f->syms[r->sym];
    return s->name;
}

void od_dump_symbols(od_ctx *c, const od_file *f)
{
    (void)c;
    printf("SYMBOL TABLE:\n");
    if (f->nsyms <= 1) {
        printf("no symbols\n\n\n");
        return;
    }
    for (size_t i = 1; i < f->nsyms; i++) {
        const od_sym *s = &f->syms[i];
        int b = GELF_ST_BIND(s->st.st_info), t = GELF_ST_TYPE(s->st.st_info);
        int undef = s->st.st_shndx == SHN_UNDEF;
        char bind = b == STB_LOCAL ? 'l'
                    : b == STB_GLOBAL && !undef && s->st.st_shndx != SHN_COMMON ? 'g'
                    : b == STB_GNU_UNIQUE ? 'u'
                                          : ' ';
        char weak = b == STB_WEAK ? 'w' : ' ';
        char ind = t == STT_GNU_IFUNC ? 'i' : ' ';
        char dbg = (t == STT_SECTION || t == STT_FILE) ? 'd' : ' ';
        char typ = t == STT_FUNC ? 'F' : t == STT_FILE ? 'f' : t == STT_OBJECT ? 'O' : ' ';
        printf("%016" PRIx64 " %c%c  %c%c%c %s\t%016" PRIx64, (uint64_t)s->st.st_value,
               bind, weak, ind, dbg, typ, od_sec_name(f, s->st.st_shndx),
               (uint64_t)s->st.st_size);
        switch (GELF_ST_VISIBILITY(s->st.st_other)) {
        case STV_HIDDEN: printf(" .hidden"); break;
        case STV_PROTECTED: printf(" .protected"); break;
        case STV_INTERNAL: printf(" .internal"); break;
        }
        printf(" %s\n", s->name);
    }
    printf("\n\n");
}
