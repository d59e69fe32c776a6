/*
 * object.c - parsing one ELF relocatable object into an ld_object.
 *
 * Every name, the bytes of every allocated section and every
 * relocation are copied out, so nothing points back into libelf
 * afterwards.  Each object is checked thoroughly here (class, byte
 * order, machine, type, section header table and section data inside
 * the file, symbol and string indices, relocation symbols and offsets,
 * alignments) so later passes can trust it.  Problems are reported as
 * "file: problem"; a bad object is not added.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dwarf_line.h"
#include "ld.h"

/* Larger sections (and common symbols), or larger alignments, are taken
 * for corruption: the whole image must stay far below the 47-bit user
 * address space, and address arithmetic must never wrap. */
#define LD_MAX_SECTION ((uint64_t)1 << 36)

const char *ld_kind_name(enum ld_kind k)
{
    static const char *const names[LD_KIND_COUNT] = {
        "", ".text", ".const", ".rodata", ".data", ".bss",
    };
    return k < LD_KIND_COUNT ? names[k] : "";
}

/* Is name ".text" or ".text.anything"? */
static int has_prefix(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(name, prefix, n) == 0 && (name[n] == 0 || name[n] == '.');
}

/* Which output kind an allocated input section belongs to: by name
 * first, then (for unknown names) by flags.  NOBITS is always .bss
 * and PROGBITS never is, whatever the name says. */
static enum ld_kind classify(const char *name, uint32_t type, uint64_t flags)
{
    if (type == SHT_NOBITS)
        return LD_KIND_BSS;
    if (has_prefix(name, ".text"))
        return LD_KIND_TEXT;
    if (has_prefix(name, ".const"))
        return LD_KIND_CONST;
    if (has_prefix(name, ".rodata"))
        return LD_KIND_RODATA;
    if (has_prefix(name, ".data") || has_prefix(name, ".bss"))
        return LD_KIND_DATA;
    if (flags & SHF_EXECINSTR)
        return LD_KIND_TEXT;
    if (flags & SHF_WRITE)
        return LD_KIND_DATA;
    return LD_KIND_RODATA;
}

/* Validate a string table offset; returns the offset or -1. */
static long str_at(Elf_Data *d, uint64_t off)
{
    if (!d || off >= d->d_size || !memchr((char *)d->d_buf + off, 0, d->d_size - off))
        return -1;
    return (long)off;
}

typedef struct parse {
    ld_ctx *ctx;
    Elf *elf;
    ld_object *obj;
    size_t shnum;
    Elf_Data *shstr, *symstr;
    size_t shstr_base, symstr_base; /* where each table sits in obj->strings */
    int bad;
} parse;

static void perr(parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void perr(parse *p, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ld_error(p->ctx, "%s: %s", p->obj->name, msg);
    p->bad = 1;
}

static Elf_Data *section_data(parse *p, Elf_Scn *scn, GElf_Shdr *sh, const char *what)
{
    elf_errno();
    Elf_Data *d = elf_getdata(scn, NULL);
    if ((!d && sh->sh_size) || (d && d->d_size != sh->sh_size)) {
        perr(p, "corrupt section %s (offset or size beyond the file?) [%llu]", what,
             (unsigned long long)elf_ndxscn(scn));
        return NULL;
    }
    return d;
}

/* A string table: SHT_STRTAB with its bytes in the file (a NOBITS
 * section has a size but no data: libelf gives d_buf NULL). */
static Elf_Data *string_table(parse *p, Elf_Scn *scn, GElf_Shdr *sh, const char *what)
{
    if (sh->sh_type != SHT_STRTAB) {
        perr(p, "the %s string table [%llu] is not SHT_STRTAB (type %llu)", what,
             (unsigned long long)elf_ndxscn(scn), (unsigned long long)sh->sh_type);
        return NULL;
    }
    Elf_Data *d = section_data(p, scn, sh, what);
    if (d && d->d_size && !d->d_buf) {
        perr(p, "the %s string table [%llu] has no data", what,
             (unsigned long long)elf_ndxscn(scn));
        return NULL;
    }
    return d;
}

static int parse_header(parse *p)
{
    GElf_Ehdr eh;
    const char *id = elf_getident(p->elf, NULL);
    if (gelf_getclass(p->elf) != ELFCLASS64 || !id) {
        perr(p, "not a 64-bit ELF file");
        return 0;
    }
    if (id[EI_DATA] != ELFDATA2LSB) {
        perr(p, "not a little-endian ELF file");
        return 0;
    }
    if (!gelf_getehdr(p->elf, &eh)) {
        perr(p, "corrupt ELF header: %s", elf_errmsg(-1));
        return 0;
    }
    if (eh.e_machine != EM_GLYPH) {
        perr(p, "wrong machine %#llx (want EM_GLYPH 0x676c)", (unsigned long long)eh.e_machine);
        return 0;
    }
    size_t fsize = 0;
    elf_rawfile(p->elf, &fsize);
    if (eh.e_shoff && (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > fsize ||
                       (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) > fsize - eh.e_shoff)) {
        perr(p, "truncated or corrupt: section header table (offset %llu, %u entries) "
             "lies outside the file (%zu bytes)", (unsigned long long)eh.e_shoff, eh.e_shnum, fsize);
        return 0;
    }
    if (eh.e_type != ET_REL) {
        perr(p, "not a relocatable object (e_type %llu)", (unsigned long long)(eh.e_type));
        return 0;
    }
    size_t shstrndx;
    if (elf_getshdrnum(p->elf, &p->shnum) || elf_getshdrstrndx(p->elf, &shstrndx)) {
        perr(p, "corrupt section headers: %s", elf_errmsg(-1));
        return 0;
    }
    if (p->shnum && shstrndx >= p->shnum) {
        perr(p, "corrupt section headers: bad string table index %llu", (unsigned long long)(shstrndx));
        return 0;
    }
    if (p->shnum) {
        Elf_Scn *scn = elf_getscn(p->elf, shstrndx);
        GElf_Shdr sh;
        if (!scn || !gelf_getshdr(scn, &sh)) {
            perr(p, "corrupt section headers: %s", elf_errmsg(-1));
            return 0;
        }
        p->shstr = string_table(p, scn, &sh, "section-name");
        if (p->bad)
            return 0;
    }
    return 1;
}

/* Copy the two string tables into obj->strings. */
static void copy_strings(parse *p)
{
    size_t a = p->shstr ? p->shstr->d_size : 0;
    size_t b = p->symstr ? p->symstr->d_size : 0;
    p->obj->strings = ld_alloc(a + b + 1);
    p->obj->nstrings = a + b + 1;
    if (a)
        memcpy(p->obj->strings, p->shstr->d_buf, a);
    if (b)
        memcpy(p->obj->strings + a, p->symstr->d_buf, b);
    p->shstr_base = 0;
    p->symstr_base = a;
    p->obj->strings[a + b] = 0; /* the empty name */
}

static const char *sec_name(parse *p, uint64_t off)
{
    long k = str_at(p->shstr, off);
    return k < 0 ? NULL : p->obj->strings + p->shstr_base + k;
}

static void parse_symbols(parse *p, Elf_Scn *scn, GElf_Shdr *sh)
{
    ld_object *o = p->obj;
    if (sh->sh_entsize != sizeof(Elf64_Sym) || sh->sh_size % sizeof(Elf64_Sym)) {
        perr(p, "corrupt symbol table (entry size %llu)", (unsigned long long)sh->sh_entsize);
        return;
    }
    Elf_Data *d = section_data(p, scn, sh, ".symtab");
    if (!d)
        return;
    o->nsyms = sh->sh_size / sizeof(Elf64_Sym);
    o->syms = ld_alloc((o->nsyms + 1) * sizeof *o->syms);
    for (size_t i = 0; i < o->nsyms; i++) {
        GElf_Sym s;
        ld_objsym *y = &o->syms[i];
        if (!gelf_getsym(d, (int)i, &s)) {
            perr(p, "corrupt symbol table: %s", elf_errmsg(-1));
            return;
        }
        long k = str_at(p->symstr, s.st_name);
        if (k < 0) {
            perr(p, "symbol %llu has a bad name offset", (unsigned long long)(i));
            return;
        }
        y->name = o->strings + p->symstr_base + k;
        y->bind = GELF_ST_BIND(s.st_info);
        y->type = GELF_ST_TYPE(s.st_info);
        y->shndx = s.st_shndx;
        y->value = s.st_value;
        y->size = s.st_size;
        if (i == 0)
            continue;
        if (y->bind != STB_LOCAL && y->bind != STB_GLOBAL && y->bind != STB_WEAK) {
            perr(p, "symbol '%s' has unsupported binding %llu", y->name, (unsigned long long)y->bind);
            continue;
        }
        if (y->shndx == SHN_XINDEX ||
            (y->shndx >= SHN_LORESERVE && y->shndx != SHN_ABS && y->shndx != SHN_COMMON) ||
            (y->shndx < SHN_LORESERVE && y->shndx >= p->shnum)) {
            perr(p, "symbol '%s' has a bad section index %llu", y->name, (unsigned long long)y->shndx);
            continue;
        }
        if (y->bind == STB_LOCAL && (y->shndx == SHN_UNDEF || y->shndx == SHN_COMMON) &&
            y->type != STT_FILE) {
            perr(p, "local symbol '%s' is undefined or common", y->name);
            continue;
        }
        if (y->shndx == SHN_COMMON &&
            (y->value == 0 || (y->value & (y->value - 1)) || y->value > LD_MAX_SECTION)) {
            perr(p, "common symbol '%s' has a bad alignment %llu", y->name, (unsigned long long)y->value);
            continue;
        }
        if (y->shndx == SHN_COMMON && y->size > LD_MAX_SECTION) {
            perr(p, "common symbol '%s' is too large (0x%llx bytes)", y->name,
                 (unsigned long long)y->size);
            continue;
        }
        if (y->bind != STB_LOCAL && !*y->name) {
            perr(p, "global symbol %llu has no name", (unsigned long long)(i));
            continue;
        }
    }
}

static void parse_relas(parse *p, Elf_Scn *scn, GElf_Shdr *sh, const char *name,
                        size_t symtab_ndx)
{
    ld_object *o = p->obj;
    if (sh->sh_link != symtab_ndx) {
        perr(p, "%s: relocations use a section other than the symbol table (%llu)", name,
             (unsigned long long)sh->sh_link);
        return;
    }
    if (sh->sh_info == 0 || sh->sh_info >= p->shnum) {
        perr(p, "%s: bad target section index %llu", name, (unsigned long long)sh->sh_info);
        return;
    }
    ld_section *t = &o->secs[sh->sh_info];
    if (t->kind == LD_KIND_NONE && !t->debug)
        return; /* relocations of a dropped (non-allocated) section */
    if (t->type == SHT_NOBITS) {
        perr(p, "%s: relocations against a NOBITS section", name);
        return;
    }
    if (sh->sh_entsize != sizeof(Elf64_Rela) || sh->sh_size % sizeof(Elf64_Rela)) {
        perr(p, "%s: corrupt relocation section (entry size %llu)", name, (unsigned long long)sh->sh_entsize);
        return;
    }
    Elf_Data *d = section_data(p, scn, sh, name);
    if (!d)
        return;
    size_t n = sh->sh_size / sizeof(Elf64_Rela);
    t->relas = ld_realloc(t->relas, (t->nrelas + n) * sizeof *t->relas);
    t->rela_name = name;
    for (size_t i = 0; i < n; i++) {
        GElf_Rela r;
        if (!gelf_getrela(d, (int)i, &r)) {
            perr(p, "%s: corrupt relocation: %s", name, elf_errmsg(-1));
            return;
        }
        ld_rela *x = &t->relas[t->nrelas];
        x->offset = r.r_offset;
        x->type = (uint32_t)GELF_R_TYPE(r.r_info);
        x->sym = (uint32_t)GELF_R_SYM(r.r_info);
        x->addend = r.r_addend;
        if (x->sym >= o->nsyms) {
            perr(p, "%s: relocation refers to symbol %llu, past the symbol table", name, (unsigned long long)x->sym);
            continue;
        }
        if (!gl_reloc_name(x->type)) {
            ld_error(p->ctx, "%s: unknown relocation type %u at %s+0x%llx", o->name, x->type,
                     t->name, (unsigned long long)x->offset);
            continue;
        }
        unsigned size = gl_reloc_size(x->type);
        if (x->offset > t->size || t->size - x->offset < size) {
            ld_error(p->ctx, "%s: relocation %s at %s+0x%llx lies outside the section (size 0x%llx)",
                     o->name, gl_reloc_name(x->type), t->name, (unsigned long long)x->offset,
                     (unsigned long long)t->size);
            continue;
        }
        t->nrelas++;
    }
}

static ld_object *parse_object(parse *p)
{
    if (!parse_header(p))
        return NULL;
    ld_object *o = p->obj;
    size_t symtab = 0, nsymtab = 0;
    /* Find the symbol table first: its string table goes in obj->strings. */
    for (size_t i = 1; i < p->shnum; i++) {
        GElf_Shdr sh;
        Elf_Scn *scn = elf_getscn(p->elf, i);
        if (!scn || !gelf_getshdr(scn, &sh)) {
            perr(p, "corrupt section header %llu", (unsigned long long)(i));
            return NULL;
        }
        if (sh.sh_type == SHT_SYMTAB) {
            symtab = i;
            nsymtab++;
            if (sh.sh_link == 0 || sh.sh_link >= p->shnum) {
                perr(p, "symbol table has a bad string table index %llu", (unsigned long long)(sh.sh_link));
                return NULL;
            }
            GElf_Shdr ssh;
            Elf_Scn *sscn = elf_getscn(p->elf, sh.sh_link);
            if (!sscn || !gelf_getshdr(sscn, &ssh)) {
                perr(p, "corrupt section header %llu", (unsigned long long)sh.sh_link);
                return NULL;
            }
            p->symstr = string_table(p, sscn, &ssh, "symbol");
            if (p->bad)
                return NULL;
        }
    }
    if (nsymtab > 1) {
        perr(p, "more than one symbol table");
        return NULL;
    }
    copy_strings(p);
    o->nsecs = p->shnum;
    o->secs = ld_alloc((p->shnum + 1) * sizeof *o->secs);
    for (size_t i = 1; i < p->shnum && !p->bad; i++) {
        GElf_Shdr sh;
        Elf_Scn *scn = elf_getscn(p->elf, i);
        gelf_getshdr(scn, &sh);
        ld_section *s = &o->secs[i];
        s->obj = o;
        s->index = (unsigned)i;
        s->name = sec_name(p, sh.sh_name);
        if (!s->name) {
            perr(p, "section %llu has a bad name offset", (unsigned long long)(i));
            break;
        }
        s->type = sh.sh_type;
        s->flags = sh.sh_flags;
        s->size = sh.sh_size;
        s->align = sh.sh_addralign ? sh.sh_addralign : 1;
        s->color = gl_shf_color(sh.sh_flags);
        if (s->align & (s->align - 1)) {
            perr(p, "section %s has an alignment that is not a power of two (%llu)", s->name,
                 (unsigned long long)sh.sh_addralign);
            break;
        }
        if (s->align > LD_MAX_SECTION && (sh.sh_flags & SHF_ALLOC)) {
            perr(p, "section %s has an alignment that is too large (0x%llx)", s->name,
                 (unsigned long long)sh.sh_addralign);
            break;
        }
        switch (sh.sh_type) {
        case SHT_NULL: case SHT_SYMTAB: case SHT_STRTAB: case SHT_RELA: case SHT_NOTE:
            break;
        case SHT_REL:
            perr(p, "%s: SHT_REL relocations are not supported (glyph uses SHT_RELA)", s->name);
            break;
        case SHT_GROUP:
            perr(p, "%s: section groups (COMDAT) are not supported", s->name);
            break;
        case SHT_PROGBITS: case SHT_NOBITS: case SHT_INIT_ARRAY: case SHT_FINI_ARRAY:
        case SHT_PREINIT_ARRAY:
            if (!(sh.sh_flags & SHF_ALLOC)) {
                /* debug information is kept (debug.c); other unallocated
                 * sections are dropped */
                if (sh.sh_type == SHT_PROGBITS && strncmp(s->name, ".debug_", 7) == 0 &&
                    s->size <= LD_MAX_SECTION) {
                    Elf_Data *d = section_data(p, scn, &sh, s->name);
                    if (!d && s->size)
                        break;
                    s->debug = 1;
                    s->data = ld_alloc(s->size);
                    if (s->size)
                        memcpy(s->data, d->d_buf, s->size);
                }
                break;
            }
            if (s->size > LD_MAX_SECTION) {
                perr(p, "section %s is too large (0x%llx bytes)", s->name,
                     (unsigned long long)s->size);
                break;
            }
            s->kind = classify(s->name, s->type, s->flags);
            if (s->type != SHT_NOBITS) {
                Elf_Data *d = section_data(p, scn, &sh, s->name);
                if (!d && s->size)
                    break;
                s->data = ld_alloc(s->size);
                if (s->size)
                    memcpy(s->data, d->d_buf, s->size);
            }
            break;
        case SHT_GLYPH_COMPARTMENTS: {
            Elf_Data *d = section_data(p, scn, &sh, s->name);
            long off = 0;
            uint32_t k;
            const char *cname;
            while (d && (off = gl_compartment_next(d->d_buf, d->d_size, (size_t)off, &k,
                                                   &cname)) > 0) {
                if (k == 0 || k >= p->shnum) {
                    perr(p, "%s: compartment record for bad section index %u", s->name, k);
                    break;
                }
                free(o->secs[k].comp_name);
                o->secs[k].comp_name = ld_strdup(cname);
            }
            if (off < 0)
                perr(p, "%s: corrupt compartment record", s->name);
            break;
        }
        default:
            if (sh.sh_flags & SHF_ALLOC)
                perr(p, "%s: unsupported allocated section type %llu", s->name, (unsigned long long)sh.sh_type);
            break;
        }
        if (s->kind != LD_KIND_NONE && (s->flags & SHF_TLS))
            perr(p, "%s: thread-local sections are not supported", s->name);
    }
    if (!p->bad && symtab) {
        GElf_Shdr sh;
        Elf_Scn *scn = elf_getscn(p->elf, symtab);
        gelf_getshdr(scn, &sh);
        parse_symbols(p, scn, &sh);
    }
    for (size_t i = 1; i < p->shnum && !p->bad; i++) {
        GElf_Shdr sh;
        Elf_Scn *scn = elf_getscn(p->elf, i);
        gelf_getshdr(scn, &sh);
        if (sh.sh_type != SHT_RELA)
            continue;
        if (!symtab) {
            perr(p, "relocations without a symbol table");
            break;
        }
        parse_relas(p, scn, &sh, o->secs[i].name, symtab);
    }
    return o;
}

static void object_free(ld_object *o)
{
    if (o->lines)
        gl_lines_free(o->lines);
    free(o->lines);
    for (size_t i = 0; i < o->nsecs; i++) {
        free(o->secs[i].data);
        free(o->secs[i].comp_name);
        free(o->secs[i].relas);
    }
    free(o->secs);
    free(o->syms);
    if (!o->copy_of)
        free(o->strings);
    free(o->copies);
    free(o->name);
    free(o);
}

ld_object *ld_object_parse(ld_ctx *ctx, Elf *elf, const char *name)
{
    parse p = {0};
    p.ctx = ctx;
    p.elf = elf;
    p.obj = ld_alloc(sizeof *p.obj);
    p.obj->name = ld_strdup(name);
    unsigned before = ctx->nerrors;
    if (elf_kind(elf) != ELF_K_ELF) {
        ld_error(ctx, "%s: not an ELF object", name);
        object_free(p.obj);
        return NULL;
    }
    parse_object(&p);
    if (p.bad || ctx->nerrors != before) {
        object_free(p.obj);
        return NULL;
    }
    *ctx->objects_tail = p.obj;
    ctx->objects_tail = &p.obj->next;
    ctx->nobjects++;
    ld_resolve_object(ctx, p.obj);
    return p.obj;
}

void ld_objects_free(ld_ctx *ctx)
{
    ld_object *o = ctx->objects, *next;
    for (; o; o = next) {
        next = o->next;
        object_free(o);
    }
    ctx->objects = NULL;
    if (ctx->linker_obj)
        object_free(ctx->linker_obj);
    ctx->linker_obj = NULL;
}

