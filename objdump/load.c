/*
 * load.c - read one file and check everything before anything is printed.
 *
 * libelf trusts several header fields (offsets, sizes, indices), so the
 * raw ELF header is checked here first (header tables inside the file),
 * then every section (bytes inside the file, links and entry sizes),
 * every symbol (name offset, section index), every relocation (symbol
 * index, offset inside its target) and every note.  The first problem
 * is reported as "prog: file: problem" and the file is skipped.  After
 * od_load succeeds the other modules use only the tables built here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "od.h"

void od_error(od_ctx *c, const char *path, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: %s: ", c->prog, path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    c->status = 1;
}

int od_read_file(od_ctx *c, const char *path, uint8_t **out, size_t *out_size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        od_error(c, path, "%s", strerror(errno));
        return 0;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        od_error(c, path, "not an ordinary file");
        close(fd);
        return 0;
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size : 1, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            od_error(c, path, "out of memory");
            close(fd);
            return 0;
        }
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = 0;
                continue;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            od_error(c, path, "%s", strerror(errno));
            free(buf);
            close(fd);
            return 0;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    *out = buf;
    *out_size = n;
    return 1;
}

/* Does [off, off+len) lie inside the file? */
static int in_file(const od_file *f, uint64_t off, uint64_t len)
{
    return off <= f->size && len <= f->size - off;
}

/* NUL-terminated string at off in string-table section s, or NULL. */
static const char *str_at(const od_file *f, unsigned s, uint64_t off)
{
    if (s == 0 || s >= f->shnum)
        return 0;
    const od_sec *sec = &f->secs[s];
    if (!sec->data || off >= sec->size)
        return 0;
    const char *p = (const char *)sec->data + off;
    return memchr(p, 0, sec->size - off) ? p : 0;
}

/* The raw ELF header checks libelf does not make (or makes silently). */
/* -f and -p need only the ELF and program headers, so a section header
 * table cut off by a truncated copy is a warning there, not an error:
 * the file is read as if it had no sections. */
static int headers_only(const od_ctx *c)
{
    return !(c->section_headers || c->syms || c->relocs || c->contents || c->disasm);
}

static int drop_sections(od_ctx *c, od_file *f, Elf64_Ehdr *eh, const char *why)
{
    if (!headers_only(c)) {
        od_error(c, f->path, "%s", why);
        return 0;
    }
    fflush(stdout);
    fprintf(stderr, "%s: %s: warning: %s; reading the program headers only\n", c->prog,
            f->path, why);
    /* our own copy of the file: libelf then sees no section table either */
    eh->e_shoff = 0;
    eh->e_shnum = 0;
    eh->e_shstrndx = 0;
    memcpy(f->buf, eh, sizeof *eh);
    return 1;
}

static int check_ehdr(od_ctx *c, od_file *f)
{
    const char *p = f->path;
    if (f->size < EI_NIDENT || memcmp(f->buf, ELFMAG, SELFMAG) != 0) {
        od_error(c, p, "file format not recognized");
        return 0;
    }
    if (f->buf[EI_CLASS] != ELFCLASS64 || f->buf[EI_DATA] != ELFDATA2LSB) {
        od_error(c, p, "not a 64-bit little-endian ELF file");
        return 0;
    }
    if (f->buf[EI_VERSION] != EV_CURRENT) {
        od_error(c, p, "unsupported ELF version %u", f->buf[EI_VERSION]);
        return 0;
    }
    Elf64_Ehdr eh;
    if (f->size < sizeof eh) {
        od_error(c, p, "file too short for its ELF header (%zu bytes)", f->size);
        return 0;
    }
    memcpy(&eh, f->buf, sizeof eh); /* ELFDATA2LSB on a little-endian host */
    uint64_t shnum = eh.e_shnum, phnum = eh.e_phnum;
    Elf64_Shdr sh0;
    memset(&sh0, 0, sizeof sh0);
    if (eh.e_shoff != 0) {
        if (eh.e_shentsize != sizeof(Elf64_Shdr)) {
            od_error(c, p, "bad section header entry size %u", eh.e_shentsize);
            return 0;
        }
        if (!in_file(f, eh.e_shoff, sizeof sh0)) {
            if (!drop_sections(c, f, &eh, "section header table extends past end of file"))
                return 0;
            shnum = 0;
        } else {
            memcpy(&sh0, f->buf + eh.e_shoff, sizeof sh0);
            if (shnum == 0)
                shnum = sh0.sh_size; /* extended numbering */
        }
    } else if (shnum != 0) {
        od_error(c, p, "section header table offset is 0 but e_shnum is %u",
                 eh.e_shnum);
        return 0;
    }
    if (shnum > (f->size - eh.e_shoff) / sizeof(Elf64_Shdr)) {
        if (!drop_sections(c, f, &eh, "section header table extends past end of file"))
            return 0;
        shnum = 0;
        memset(&sh0, 0, sizeof sh0);
    }
    if (phnum == PN_XNUM)
        phnum = sh0.sh_info;
    if (phnum) {
        if (eh.e_phentsize != sizeof(Elf64_Phdr)) {
            od_error(c, p, "bad program header entry size %u", eh.e_phentsize);
            return 0;
        }
        if (eh.e_phoff > f->size ||
            phnum > (f->size - eh.e_phoff) / sizeof(Elf64_Phdr)) {
            od_error(c, p, "program header table extends past end of file");
            return 0;
        }
    }
    uint64_t shstrndx = eh.e_shstrndx == SHN_XINDEX ? sh0.sh_link : eh.e_shstrndx;
    if (shstrndx >= shnum && shstrndx != 0) {
        od_error(c, p, "section name table index %llu out of range",
                 (unsigned long long)shstrndx);
        return 0;
    }
    f->shnum = shnum;
    f->phnum = phnum;
    f->shstrndx = shstrndx;
    return 1;
}

static int load_sections(od_ctx *c, od_file *f)
{
    const char *p = f->path;
    /* counts and the name table index come from check_ehdr, which
     * checked them against the file size */
    f->secs = calloc(f->shnum ? f->shnum : 1, sizeof *f->secs);
    if (!f->secs) {
        od_error(c, p, "out of memory");
        return 0;
    }
    for (size_t i = 0; i < f->shnum; i++) {
        od_sec *s = &f->secs[i];
        Elf_Scn *scn = elf_getscn(f->elf, i);
        if (!scn || !gelf_getshdr(scn, &s->sh)) {
            od_error(c, p, "section %zu: %s", i, elf_errmsg(-1));
            return 0;
        }
        s->name = "";
        if (i == 0 || s->sh.sh_type == SHT_NOBITS || s->sh.sh_type == SHT_NULL ||
            s->sh.sh_size == 0)
            continue;
        if (!in_file(f, s->sh.sh_offset, s->sh.sh_size)) {
            od_error(c, p, "section %zu extends past end of file", i);
            return 0;
        }
        s->data = f->buf + s->sh.sh_offset;
        s->size = s->sh.sh_size;
    }
    if (f->shstrndx && f->secs[f->shstrndx].sh.sh_type != SHT_STRTAB) {
        od_error(c, p, "section name table (section %zu) is not a string table",
                 f->shstrndx);
        return 0;
    }
    for (size_t i = 1; i < f->shnum; i++) {
        od_sec *s = &f->secs[i];
        if (f->shstrndx) {
            s->name = str_at(f, (unsigned)f->shstrndx, s->sh.sh_name);
            if (!s->name) {
                od_error(c, p, "section %zu: name offset %u out of range", i,
                         s->sh.sh_name);
                return 0;
            }
        }
        unsigned t = s->sh.sh_type;
        if (t == SHT_SYMTAB || t == SHT_RELA) {
            if (s->sh.sh_entsize != 24 || s->sh.sh_size % 24 != 0) {
                od_error(c, p, "section %zu (%s): bad entry size %llu", i, s->name,
                         (unsigned long long)s->sh.sh_entsize);
                return 0;
            }
            /* relocations may also belong to a dynamic symbol table
             * (not ours: glyph-ld makes none, so they are ignored) */
            unsigned lt = s->sh.sh_link < f->shnum ? f->secs[s->sh.sh_link].sh.sh_type : 0;
            int ok = t == SHT_SYMTAB ? lt == SHT_STRTAB : lt == SHT_SYMTAB || lt == SHT_DYNSYM;
            if (s->sh.sh_link == 0 || !ok) {
                od_error(c, p, "section %zu (%s): bad link to section %u", i, s->name,
                         s->sh.sh_link);
                return 0;
            }
            if (t == SHT_RELA && lt == SHT_SYMTAB &&
                (s->sh.sh_info == 0 || s->sh.sh_info >= f->shnum)) {
                od_error(c, p, "section %zu (%s): relocation target section %u out of range",
                         i, s->name, s->sh.sh_info);
                return 0;
            }
        }
    }
    return 1;
}

static int load_symbols(od_ctx *c, od_file *f)
{
    size_t symsec = 0;
    for (size_t i = 1; i < f->shnum && !symsec; i++)
        if (f->secs[i].sh.sh_type == SHT_SYMTAB)
            symsec = i;
    if (!symsec)
        return 1;
    f->symsec = (unsigned)symsec;
    const od_sec *s = &f->secs[symsec];
    size_t n = s->sh.sh_size / 24;
    Elf_Data *d = elf_getdata(elf_getscn(f->elf, symsec), 0);
    if (n && (!d || d->d_size != s->sh.sh_size)) {
        od_error(c, f->path, "section %zu: cannot read symbols: %s", symsec,
                 elf_errmsg(-1));
        return 0;
    }
    f->syms = calloc(n ? n : 1, sizeof *f->syms);
    if (!f->syms) {
        od_error(c, f->path, "out of memory");
        return 0;
    }
    f->nsyms = n;
    for (size_t i = 0; i < n; i++) {
        od_sym *y = &f->syms[i];
        y->idx = (unsigned)i;
        if (!gelf_getsym(d, (int)i, &y->st)) {
            od_error(c, f->path, "symbol %zu: %s", i, elf_errmsg(-1));
            return 0;
        }
        y->name = y->st.st_name ? str_at(f, s->sh.sh_link, y->st.st_name) : "";
        if (!y->name) {
            od_error(c, f->path, "symbol %zu: name offset %u out of range", i,
                     y->st.st_name);
            return 0;
        }
        unsigned sx = y->st.st_shndx;
        if (sx == SHN_XINDEX) {
            od_error(c, f->path, "symbol %zu: extended section index not supported", i);
            return 0;
        }
        if (sx != SHN_UNDEF && sx < SHN_LORESERVE && sx >= f->shnum) {
            od_error(c, f->path, "symbol %zu (%s): section index %u out of range",
                     i, y->name, sx);
            return 0;
        }
        if (GELF_ST_TYPE(y->st.st_info) == STT_SECTION && sx < f->shnum)
            y->name = f->secs[sx].name;
    }
    return 1;
}

static int rel_cmp(const void *a, const void *b)
{
    const od_rel *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq; /* stable: groups keep order */
}

/* A relocation section against the symbol table we loaded? */
static int ours(const od_file *f, size_t i)
{
    const od_sec *s = &f->secs[i];
    return s->sh.sh_type == SHT_RELA && f->symsec && s->sh.sh_link == f->symsec;
}

static int load_relocs(od_ctx *c, od_file *f)
{
    size_t count = 0;
    for (size_t i = 1; i < f->shnum; i++)
        count += ours(f, i);
    if (!count)
        return 1;
    f->relsecs = calloc(count, sizeof *f->relsecs);
    if (!f->relsecs) {
        od_error(c, f->path, "out of memory");
        return 0;
    }
    for (size_t i = 1; i < f->shnum; i++) {
        const od_sec *s = &f->secs[i];
        if (!ours(f, i))
            continue;
        od_relsec *rs = &f->relsecs[f->nrelsecs++];
        rs->sec = (unsigned)i;
        rs->target = s->sh.sh_info;
        size_t n = s->sh.sh_size / 24;
        Elf_Data *d = elf_getdata(elf_getscn(f->elf, i), 0);
        if (n && (!d || d->d_size != s->sh.sh_size)) {
            od_error(c, f->path, "section %zu: cannot read relocations: %s", i,
                     elf_errmsg(-1));
            return 0;
        }
        rs->rels = calloc(n ? n : 1, sizeof *rs->rels);
        if (!rs->rels) {
            od_error(c, f->path, "out of memory");
            return 0;
        }
        rs->n = n;
        const od_sec *t = &f->secs[rs->target];
        f->secs[rs->target].has_relocs = 1;
        for (size_t k = 0; k < n; k++) {
            GElf_Rela ra;
            if (!gelf_getrela(d, (int)k, &ra)) {
                od_error(c, f->path, "section %zu: relocation %zu: %s", i, k,
                         elf_errmsg(-1));
                return 0;
            }
            od_rel *r = &rs->rels[k];
            r->off = ra.r_offset;
            r->type = (unsigned)GELF_R_TYPE(ra.r_info);
            r->sym = (unsigned)GELF_R_SYM(ra.r_info);
            r->addend = ra.r_addend;
            r->seq = k;
            if (r->sym && r->sym >= f->nsyms) {
                od_error(c, f->path,
                         "section %zu (%s): relocation %zu: symbol index %u out of range",
                         i, s->name, k, r->sym);
                return 0;
            }
            unsigned w = gl_reloc_size(r->type);
            uint64_t tsize = t->sh.sh_size;
            if (r->off > tsize || w > tsize - r->off) {
                od_error(c, f->path,
                         "section %zu (%s): relocation %zu: offset 0x%llx outside section %u",
                         i, s->name, k, (unsigned long long)r->off, rs->target);
                return 0;
            }
        }
        qsort(rs->rels, n, sizeof *rs->rels, rel_cmp);
    }
    return 1;
}

/* Walk notes in one blob; record ours. */
static int scan_notes(od_ctx *c, od_file *f, const uint8_t *data, size_t size,
                      const char *where, size_t idx)
{
    size_t off = 0;
    for (;;) {
        gl_note n;
        long next = gl_note_next(data, size, off, &n);
        if (next == 0)
            return 1;
        if (next < 0) {
            od_error(c, f->path, "%s %zu: malformed note at offset 0x%zx", where,
                     idx, off);
            return 0;
        }
        if (gl_note_is_glyph(&n)) {
            if (n.type == NT_GLYPH_ENTRY_IB) {
                if (n.descsz != 8) {
                    od_error(c, f->path, "%s %zu: NT_GLYPH_ENTRY_IB note has %u bytes, not 8",
                             where, idx, n.descsz);
                    return 0;
                }
                uint64_t v = 0;
                for (int i = 7; i >= 0; i--)
                    v = v << 8 | n.desc[i];
                f->has_entry_ib = 1;
                f->entry_ib = v;
            } else if (n.type == NT_GLYPH_COLORS) {
                if (!gl_color_policy_decode(n.desc, n.descsz, &f->policy)) {
                    od_error(c, f->path, "%s %zu: NT_GLYPH_COLORS note has %u bytes, not %d",
                             where, idx, n.descsz, GL_COLOR_POLICY_SIZE);
                    return 0;
                }
                f->has_policy = 1;
            } else if (n.type == NT_GLYPH_XFER) {
                if (!gl_color_xfer_decode(n.desc, n.descsz, &f->xfer)) {
                    od_error(c, f->path, "%s %zu: NT_GLYPH_XFER note has %u bytes, not %d",
                             where, idx, n.descsz, GL_COLOR_XFER_SIZE);
                    return 0;
                }
                f->has_xfer = 1;
            } else if (n.type == NT_GLYPH_COMPARTMENTS && !f->comps) {
                if (!od_load_comp_note(c, f, n.desc, n.descsz))
                    return 0;
            }
        }
        off = (size_t)next;
    }
}

static int load_segments(od_ctx *c, od_file *f)
{
    if (!f->phnum)
        return 1;
    f->ph = calloc(f->phnum, sizeof *f->ph);
    if (!f->ph) {
        od_error(c, f->path, "out of memory");
        return 0;
    }
    int notes_in_sections = 0;
    for (size_t i = 1; i < f->shnum; i++)
        notes_in_sections |= f->secs[i].sh.sh_type == SHT_NOTE;
    for (size_t i = 0; i < f->phnum; i++) {
        if (!gelf_getphdr(f->elf, (int)i, &f->ph[i])) {
            od_error(c, f->path, "segment %zu: %s", i, elf_errmsg(-1));
            return 0;
        }
        const GElf_Phdr *ph = &f->ph[i];
        if (ph->p_type != PT_NULL && !in_file(f, ph->p_offset, ph->p_filesz)) {
            od_error(c, f->path, "segment %zu extends past end of file", i);
            return 0;
        }
        if (ph->p_type == PT_NOTE && !notes_in_sections &&
            !scan_notes(c, f, f->buf + ph->p_offset, ph->p_filesz, "segment", i))
            return 0;
    }
    return 1;
}

/* BFD does not list the symbol table, its string table, the section
 * name table and the relocation sections that go with the symbol table
 * as sections; neither do we (-h, -s, -D). */
static void mark_shown(od_file *f)
{
    int bfd = 0;
    unsigned strsec = f->symsec ? f->secs[f->symsec].sh.sh_link : 0;
    for (size_t i = 1; i < f->shnum; i++) {
        od_sec *s = &f->secs[i];
        unsigned t = s->sh.sh_type;
        s->shown = !(t == SHT_NULL || t == SHT_SYMTAB || t == SHT_SYMTAB_SHNDX ||
                     i == f->shstrndx || (strsec && i == strsec) || ours(f, i));
        if (s->shown)
            s->bfd_idx = bfd++;
    }
}

static int label_pref(const od_sym *s)
{
    int t = GELF_ST_TYPE(s->st.st_info), b = GELF_ST_BIND(s->st.st_info);
    return (t == STT_FUNC ? 4 : 0) + (b == STB_GLOBAL ? 2 : b == STB_WEAK ? 1 : 0);
}

static int label_cmp(const void *a, const void *b)
{
    const od_sym *x = *(const od_sym *const *)a, *y = *(const od_sym *const *)b;
    if (x->st.st_shndx != y->st.st_shndx)
        return x->st.st_shndx < y->st.st_shndx ? -1 : 1;
    if (x->st.st_value != y->st.st_value)
        return x->st.st_value < y->st.st_value ? -1 : 1;
    int px = label_pref(x), py = label_pref(y);
    if (px != py)
        return px > py ? -1 : 1; /* preferred first */
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int name_cmp(const void *a, const void *b)
{
    const od_sym *x = *(const od_sym *const *)a, *y = *(const od_sym *const *)b;
    int r = strcmp(x->name, y->name);
    return r ? r : (x->idx > y->idx) - (x->idx < y->idx);
}

static int build_labels(od_ctx *c, od_file *f)
{
    f->byname = calloc(f->nsyms ? f->nsyms : 1, sizeof *f->byname);
    if (!f->byname) {
        od_error(c, f->path, "out of memory");
        return 0;
    }
    for (size_t i = 1; i < f->nsyms; i++) {
        const od_sym *s = &f->syms[i];
        if (GELF_ST_TYPE(s->st.st_info) != STT_SECTION && s->st.st_shndx != SHN_UNDEF)
            f->byname[f->nbyname++] = s;
    }
    qsort(f->byname, f->nbyname, sizeof *f->byname, name_cmp);

    f->labels = calloc(f->nsyms ? f->nsyms : 1, sizeof *f->labels);
    if (!f->labels) {
        od_error(c, f->path, "out of memory");
        return 0;
    }
    for (size_t i = 1; i < f->nsyms; i++) {
        const od_sym *s = &f->syms[i];
        int t = GELF_ST_TYPE(s->st.st_info);
        unsigned sx = s->st.st_shndx;
        if (sx == SHN_UNDEF || sx >= f->shnum || !*s->name)
            continue;
        if (t != STT_NOTYPE && t != STT_FUNC && t != STT_OBJECT)
            continue;
        f->labels[f->nlabels++] = s;
    }
    qsort(f->labels, f->nlabels, sizeof *f->labels, label_cmp);
    return 1;
}

int od_load(od_ctx *c, od_file *f, const char *path, const char *title,
            uint8_t *buf, size_t size)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->title = title;
    f->buf = buf;
    f->size = size;
    if (!check_ehdr(c, f))
        return 0;
    f->elf = elf_memory((char *)f->buf, f->size);
    if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &f->eh)) {
        od_error(c, path, "cannot read ELF header: %s", elf_errmsg(-1));
        return 0;
    }
    if (!load_sections(c, f) || !load_symbols(c, f) || !load_relocs(c, f) ||
        !load_segments(c, f) || !build_labels(c, f))
        return 0;
    mark_shown(f);
    for (size_t i = 1; i < f->shnum; i++) {
        const od_sec *s = &f->secs[i];
        if (s->sh.sh_type == SHT_NOTE && !scan_notes(c, f, s->data, s->size, "section", i))
            return 0;
    }
    return od_load_comp_records(c, f);
}

void od_unload(od_file *f)
{
    for (size_t i = 0; i < f->nrelsecs; i++)
        free(f->relsecs[i].rels);
    free(f->relsecs);
    free(f->labels);
    free(f->byname);
    free(f->syms);
    free(f->ph);
    free(f->secs);
    free(f->comps);
    free(f->needs);
    if (f->elf)
        elf_end(f->elf);
    free(f->buf);
    memset(f, 0, sizeof *f);
}
