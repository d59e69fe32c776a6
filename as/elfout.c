/*
 * elfout.c - the relocatable object, written with libelf (gelf):
 * ELFCLASS64, little-endian, ET_REL, EM_GLYPH.  Section order: the
 * program's sections as created, their .rela.* companions, .symtab,
 * .strtab, .shstrtab.  Symbols: section symbols, then named locals
 * (.L* and numeric local labels are dropped, as GNU as does), then
 * globals and undefined references.
 */
#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

#include "as.h"
#include "glyph_elf.h"

typedef struct strtab {
    char *p;
    size_t n, cap;
} strtab;

static size_t str_add(strtab *t, const char *s)
{
    size_t k = strlen(s) + 1;
    while (t->n + k > t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->p = as_xrealloc(t->p, t->cap);
    }
    memcpy(t->p + t->n, s, k);
    t->n += k;
    return t->n - k;
}

static int emitted(const as_sym *s)
{
    if (s->internal || strchr(s->name, '\002'))
        return 0;
    if (s->global || s->weak)
        return 1;
    if (s->kind == SYM_UNDEF)
        return s->used;
    if (strncmp(s->name, ".L", 2) == 0)
        return 0;
    return s->kind == SYM_LABEL || s->kind == SYM_EQU;
}

typedef struct symv {
    as_sym **v;
    size_t n, cap;
} symv;

static void symv_push(symv *v, as_sym *s)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->v = as_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = s;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp((*(as_sym *const *)a)->name, (*(as_sym *const *)b)->name);
}

/* Value and section index of a defined symbol. */
static void sym_place(as_ctx *c, as_sym *s, Elf64_Sym *e)
{
    if (s->kind == SYM_LABEL) {
        e->st_shndx = (Elf64_Half)s->sec->index;
        e->st_value = as_sym_value(s);
    } else if (s->kind == SYM_EQU) {
        as_value v;
        if (as_eval(c, s->equ, (as_where){0, 0}, &v))
            return;
        if (!v.nterms) {
            e->st_shndx = SHN_ABS;
            e->st_value = (uint64_t)v.num;
        } else if (v.nterms == 1 && v.t[0].coef == 1 && v.t[0].sym->kind == SYM_LABEL) {
            e->st_shndx = (Elf64_Half)v.t[0].sym->sec->index;
            e->st_value = as_sym_value(v.t[0].sym) + (uint64_t)v.num;
        } else {
            as_error(c, s->def_loc, "symbol `%s` has no value this object can express",
                     s->name);
        }
    } else if (s->kind == SYM_COMMON) {
        e->st_shndx = SHN_COMMON;
        e->st_value = s->common_align;
        e->st_size = s->common_size;
    } else {
        e->st_shndx = SHN_UNDEF;
    }
}

int as_write_elf(as_ctx *c, int fd)
{
    if (elf_version(EV_CURRENT) == EV_NONE) {
        as_fatal(c, "libelf: %s", elf_errmsg(-1));
        return -1;
    }
    Elf *e = elf_begin(fd, ELF_C_WRITE, NULL);
    if (!e) {
        as_fatal(c, "libelf: %s", elf_errmsg(-1));
        return -1;
    }
    strtab shstr = {0}, str = {0};
    str_add(&shstr, "");
    str_add(&str, "");
    int rc = -1;
    symv locals = {0}, globals = {0};
    Elf64_Sym *syms = NULL;
    Elf64_Rela **relas = NULL;
    uint8_t *comp = NULL;

    GElf_Ehdr eh;
    if (!gelf_newehdr(e, ELFCLASS64) || !gelf_getehdr(e, &eh))
        goto fail;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_REL;
    eh.e_machine = EM_GLYPH;
    eh.e_version = EV_CURRENT;

    /* program sections */
    int idx = 1;
    for (as_section *s = c->sections; s; s = s->next)
        s->index = idx++;
    for (as_section *s = c->sections; s; s = s->next)
        if (s->nrelocs)
            s->rela_index = idx++;
    int symtab_idx = idx++, strtab_idx = idx++;

    /* symbols: null, file, sections, locals, globals */
    for (size_t i = 0; i < c->hashsize; i++)
        for (as_sym *s = c->hash[i]; s; s = s->hnext)
            if (emitted(s))
                symv_push(s->global || s->weak || s->kind == SYM_UNDEF ||
                                  s->kind == SYM_COMMON ? &globals : &locals, s);
    if (locals.n)
        qsort(locals.v, locals.n, sizeof *locals.v, cmp_name);
    if (globals.n)
        qsort(globals.v, globals.n, sizeof *globals.v, cmp_name);
    size_t nsyms = 1 + (c->file_sym ? 1 : 0) + (size_t)c->nsections + locals.n + globals.n;
    syms = calloc(nsyms, sizeof *syms);
    if (!syms)
        goto fail;
    size_t k = 1;
    if (c->file_sym) {
        syms[k].st_name = (Elf64_Word)str_add(&str, c->file_sym);
        syms[k].st_info = ELF64_ST_INFO(STB_LOCAL, STT_FILE);
        syms[k].st_shndx = SHN_ABS;
        k++;
    }
    for (as_section *s = c->sections; s; s = s->next) {
        s->symindex = (int)k;
        syms[k].st_info = ELF64_ST_INFO(STB_LOCAL, STT_SECTION);
        syms[k].st_shndx = (Elf64_Half)s->index;
        k++;
    }
    size_t first_global = k + locals.n;
    for (int pass = 0; pass < 2; pass++) {
        symv *v = pass ? &globals : &locals;
        for (size_t i = 0; i < v->n; i++, k++) {
            as_sym *s = v->v[i];
            Elf64_Sym *y = &syms[k];
            s->elf_index = (int)k;
            y->st_name = (Elf64_Word)str_add(&str, s->name);
            int type = s->is_function || s->entry_of ? STT_FUNC
                     : s->is_object || s->kind == SYM_COMMON ? STT_OBJECT : STT_NOTYPE;
            int bind = s->weak ? STB_WEAK : pass ? STB_GLOBAL : STB_LOCAL;
            y->st_info = (unsigned char)ELF64_ST_INFO(bind, type);
            sym_place(c, s, y);
            if (s->size) {
                int64_t sz;
                as_value sv;
                if (as_eval(c, s->size, (as_where){0, 0}, &sv) == 0) {
                    if (sv.nterms)
                        as_error(c, s->size->loc, "`.size %s`: size must be absolute", s->name);
                    sz = sv.num;
                    y->st_size = (uint64_t)sz;
                }
            } else if (s->kind == SYM_LABEL && s->item && s->item->kind == IT_BLOCK) {
                y->st_size = s->item->size;
            }
        }
    }

    /* section headers and data */
    for (as_section *s = c->sections; s; s = s->next) {
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *d = scn ? elf_newdata(scn) : NULL;
        GElf_Shdr sh;
        if (!d || !gelf_getshdr(scn, &sh))
            goto fail;
        d->d_buf = s->type == SHT_NOBITS ? NULL : s->data;
        d->d_size = s->size;
        d->d_type = ELF_T_BYTE;
        d->d_align = s->align;
        sh.sh_name = str_add(&shstr, s->name);
        sh.sh_type = s->type;
        sh.sh_flags = gl_shf_with_color(s->flags, s->color);
        sh.sh_addralign = s->align;
        sh.sh_entsize = strcmp(s->name, ".comment") == 0 ? 1 : 0;
        if (!gelf_update_shdr(scn, &sh))
            goto fail;
    }
    relas = calloc((size_t)c->nsections + 1, sizeof *relas);
    int ri = 0;
    for (as_section *s = c->sections; s; s = s->next) {
        if (!s->nrelocs)
            continue;
        Elf64_Rela *r = calloc(s->nrelocs, sizeof *r);
        relas[ri++] = r;
        if (!r)
            goto fail;
        for (size_t i = 0; i < s->nrelocs; i++) {
            as_reloc *x = &s->relocs[i];
            unsigned symi = x->sym ? (unsigned)x->sym->elf_index : (unsigned)x->sec->symindex;
            r[i].r_offset = x->off;
            r[i].r_info = ELF64_R_INFO(symi, x->type);
            r[i].r_addend = x->addend;
        }
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *d = scn ? elf_newdata(scn) : NULL;
        GElf_Shdr sh;
        if (!d || !gelf_getshdr(scn, &sh))
            goto fail;
        d->d_buf = r;
        d->d_size = s->nrelocs * sizeof *r;
        d->d_type = ELF_T_RELA;
        d->d_align = 8;
        char name[600];
        snprintf(name, sizeof name, ".rela%s", s->name);
        sh.sh_name = str_add(&shstr, name);
        sh.sh_type = SHT_RELA;
        sh.sh_flags = SHF_INFO_LINK;
        sh.sh_link = (Elf64_Word)symtab_idx;
        sh.sh_info = (Elf64_Word)s->index;
        sh.sh_entsize = sizeof(Elf64_Rela);
        sh.sh_addralign = 8;
        if (!gelf_update_shdr(scn, &sh))
            goto fail;
    }
    {
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *d = scn ? elf_newdata(scn) : NULL;
        GElf_Shdr sh;
        if (!d || !gelf_getshdr(scn, &sh))
            goto fail;
        d->d_buf = syms;
        d->d_size = nsyms * sizeof *syms;
        d->d_type = ELF_T_SYM;
        d->d_align = 8;
        sh.sh_name = str_add(&shstr, ".symtab");
        sh.sh_type = SHT_SYMTAB;
        sh.sh_link = (Elf64_Word)strtab_idx;
        sh.sh_info = (Elf64_Word)first_global;
        sh.sh_entsize = sizeof(Elf64_Sym);
        sh.sh_addralign = 8;
        if (!gelf_update_shdr(scn, &sh))
            goto fail;
    }
    size_t ncomp = 0;
    for (as_section *s = c->sections; s; s = s->next)
        if (s->compartment)
            ncomp += 4 + ((strlen(s->compartment) + 1 + 3) & ~(size_t)3);
    size_t shname_comp = ncomp ? str_add(&shstr, GL_COMPARTMENT_SECTION) : 0;
    size_t shname_strtab = str_add(&shstr, ".strtab");
    size_t shname_shstr = str_add(&shstr, ".shstrtab");
    for (int t = 0; t < 2; t++) {
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *d = scn ? elf_newdata(scn) : NULL;
        GElf_Shdr sh;
        if (!d || !gelf_getshdr(scn, &sh))
            goto fail;
        strtab *st = t ? &shstr : &str;
        d->d_buf = st->p;
        d->d_size = st->n;
        d->d_type = ELF_T_BYTE;
        d->d_align = 1;
        sh.sh_name = t ? shname_shstr : shname_strtab;
        sh.sh_type = SHT_STRTAB;
        sh.sh_addralign = 1;
        if (!gelf_update_shdr(scn, &sh))
            goto fail;
        if (t)
            eh.e_shstrndx = (Elf64_Half)elf_ndxscn(scn);
    }
    /* .glyph.compartments last, so no other index moves */
    if (ncomp) {
        comp = calloc(1, ncomp);
        Elf_Scn *scn = comp ? elf_newscn(e) : NULL;
        Elf_Data *d = scn ? elf_newdata(scn) : NULL;
        GElf_Shdr sh;
        if (!d || !gelf_getshdr(scn, &sh))
            goto fail;
        size_t o = 0;
        for (as_section *s = c->sections; s; s = s->next) {
            if (!s->compartment)
                continue;
            for (int b = 0; b < 4; b++)
                comp[o + (size_t)b] = (uint8_t)((unsigned)s->index >> (8 * b));
            strcpy((char *)comp + o + 4, s->compartment);
            o += 4 + ((strlen(s->compartment) + 1 + 3) & ~(size_t)3);
        }
        d->d_buf = comp;
        d->d_size = ncomp;
        d->d_type = ELF_T_BYTE;
        d->d_align = 4;
        sh.sh_name = shname_comp;
        sh.sh_type = SHT_GLYPH_COMPARTMENTS;
        sh.sh_addralign = 4;
        if (!gelf_update_shdr(scn, &sh))
            goto fail;
    }
    if (!gelf_update_ehdr(e, &eh))
        goto fail;
    if (c->errors)
        goto out;
    if (elf_update(e, ELF_C_WRITE) < 0)
        goto fail;
    rc = 0;
    goto out;
fail:
    as_fatal(c, "writing the object: libelf: %s", elf_errmsg(-1));
out:
    elf_end(e);
    for (int i = 0; relas && i < c->nsections; i++)
        free(relas[i]);
    free(relas);
    free(syms);
    free(comp);
    free(locals.v);
    free(globals.v);
    free(str.p);
    free(shstr.p);
    return rc;
}
