/*
 * archive.c - static archives (`ar rcs`), members pulled on demand.
 *
 * The archive is checked member by member first (every header inside
 * the file, sizes in range), because a truncated archive should be a
 * clear error, not a short read deep inside libelf.  libelf then gives
 * the symbol index (elf_getarsym) and the members (elf_rand +
 * elf_begin).  A member is pulled when it defines a symbol that is
 * still undefined and referenced non-weakly (weak references do not
 * pull, as in GNU ld); scanning repeats until nothing more is pulled.
 * Also as in GNU ld, a member with a real data definition of a symbol
 * that is common so far is pulled, and that definition replaces the
 * common (member_defines_data).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

#define AR_HDR 60

/* Walk the raw member headers; 1 when the archive is well-formed. */
static int check_members(ld_ctx *ctx, const char *path, const uint8_t *buf, size_t size)
{
    size_t off = 8;
    while (off < size) {
        if (size - off == 1 && buf[off] == '\n')
            break; /* padding */
        if (size - off < AR_HDR) {
            ld_error(ctx, "%s: truncated archive (member header at offset %zu cut short)", path, off);
            return 0;
        }
        const uint8_t *h = buf + off;
        if (h[58] != '`' || h[59] != '\n') {
            ld_error(ctx, "%s: corrupt archive (bad member header at offset %zu)", path, off);
            return 0;
        }
        char num[11];
        memcpy(num, h + 48, 10);
        num[10] = 0;
        char *end;
        unsigned long long n = strtoull(num, &end, 10);
        while (*end == ' ')
            end++;
        if (end == num || *end) {
            ld_error(ctx, "%s: corrupt archive (bad member size at offset %zu)", path, off);
            return 0;
        }
        if (n > size - off - AR_HDR) {
            ld_error(ctx, "%s: truncated archive (member at offset %zu needs %llu bytes, %zu left)",
                     path, off, n, size - off - AR_HDR);
            return 0;
        }
        off += AR_HDR + n + (n & 1);
    }
    return 1;
}

ld_archive *ld_archive_open(ld_ctx *ctx, const char *path, uint8_t *buf, size_t size)
{
    if (!check_members(ctx, path, buf, size)) {
        free(buf);
        return NULL;
    }
    Elf *elf = elf_memory((char *)buf, size);
    if (!elf || elf_kind(elf) != ELF_K_AR) {
        ld_error(ctx, "%s: cannot read archive: %s", path, elf_errmsg(-1));
        elf_end(elf);
        free(buf);
        return NULL;
    }
    ld_archive *ar = ld_alloc(sizeof *ar);
    ar->path = ld_strdup(path);
    ar->buf = buf;
    ar->size = size;
    ar->elf = elf;
    ar->next = ctx->archives;
    ctx->archives = ar;
    size_t n = 0;
    ar->arsym = elf_getarsym(elf, &n);
    if (!ar->arsym && size > 8) {
        ld_error(ctx, "%s: archive has no symbol index (run ranlib, or create it with ar rcs)",
                 path);
        return NULL;
    }
    ar->narsym = n;
    return ar;
}

static int is_loaded(ld_archive *ar, size_t off)
{
    for (size_t i = 0; i < ar->nloaded; i++)
        if (ar->loaded[i] == off)
            return 1;
    return 0;
}

/* Pull the member at off; 1 on success. */
static int pull(ld_ctx *ctx, ld_archive *ar, size_t off)
{
    ld_grow(&ar->loaded, &ar->cap, ar->nloaded, sizeof *ar->loaded);
    ar->loaded[ar->nloaded++] = off;
    if (elf_rand(ar->elf, off) != off) {
        ld_error(ctx, "%s: corrupt archive: no member at offset %zu: %s", ar->path, off,
                 elf_errmsg(-1));
        return 0;
    }
    Elf *m = elf_begin(-1, ELF_C_READ_MMAP, ar->elf); /* as elf_memory opened it */
    Elf_Arhdr *h = m ? elf_getarhdr(m) : NULL;
    if (!m || !h) {
        ld_error(ctx, "%s: corrupt archive member at offset %zu: %s", ar->path, off,
                 elf_errmsg(-1));
        elf_end(m);
        return 0;
    }
    char *name = ld_format("%s(%s)", ar->path, h->ar_name ? h->ar_name : "?");
    int ok = 1;
    if (elf_kind(m) != ELF_K_ELF) {
        ld_error(ctx, "%s: archive member is not an ELF object", name);
        ok = 0;
    } else {
        ok = ld_object_parse(ctx, m, name) != NULL;
    }
    free(name);
    elf_end(m);
    return ok;
}

/* Does the member at off define name as GNU ld's archive scan wants it
 * to replace a common: global (not weak), not a function, defined, not
 * common?  The archive index lists commons and weak definitions too, so
 * the member's own symbol table decides.  An unreadable member does not
 * count (it is only an error if something else pulls it). */
static int member_defines_data(ld_archive *ar, size_t off, const char *name)
{
    if (elf_rand(ar->elf, off) != off)
        return 0;
    Elf *m = elf_begin(-1, ELF_C_READ_MMAP, ar->elf);
    if (!m)
        return 0;
    int found = 0;
    Elf_Scn *scn = NULL;
    while (elf_kind(m) == ELF_K_ELF && gelf_getclass(m) == ELFCLASS64 && !found &&
           (scn = elf_nextscn(m, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB ||
            sh.sh_entsize != sizeof(Elf64_Sym))
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        size_t n = d ? d->d_size / sizeof(Elf64_Sym) : 0;
        for (size_t i = 1; i < n && !found; i++) {
            GElf_Sym y;
            if (!gelf_getsym(d, (int)i, &y) || GELF_ST_BIND(y.st_info) != STB_GLOBAL ||
                GELF_ST_TYPE(y.st_info) == STT_FUNC || y.st_shndx == SHN_UNDEF ||
                y.st_shndx == SHN_COMMON)
                continue;
            const char *yn = elf_strptr(m, sh.sh_link, y.st_name);
            found = yn && strcmp(yn, name) == 0;
        }
    }
    elf_end(m);
    return found;
}

/* Should the member at off, listed in the index under name, be pulled? */
static int wanted(ld_ctx *ctx, ld_archive *ar, const char *name, size_t off)
{
    if (ld_sym_wanted(ctx, name))
        return 1;
    ld_symbol *g = ld_sym_lookup(ctx, name);
    return g && g->state == LD_SYM_COMMON && member_defines_data(ar, off, name);
}

int ld_archive_scan(ld_ctx *ctx, ld_archive *ar)
{
    if (!ar->arsym)
        return 0;
    int total = 0, changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < ar->narsym; i++) {
            Elf_Arsym *s = &ar->arsym[i];
            if (!s->as_name || is_loaded(ar, s->as_off) || !wanted(ctx, ar, s->as_name, s->as_off))
                continue;
            if (!pull(ctx, ar, s->as_off))
                return -1;
            changed = 1;
            total++;
        }
    }
    return total;
}

void ld_archives_free(ld_ctx *ctx)
{
    ld_archive *a = ctx->archives, *next;
    for (; a; a = next) {
        next = a->next;
        elf_end(a->elf);
        free(a->buf);
        free(a->path);
        free(a->loaded);
        free(a);
    }
    ctx->archives = NULL;
}
