/*
 * write.c - the output file, through libelf with ELF_F_LAYOUT: layout.c
 * already chose every address and file offset, libelf just writes.
 *
 * Sections: null, .note.glyph, the output sections in address order,
 * the .debug_* sections of the inputs (debug.c), then (unless -s)
 * .symtab and .strtab, and .shstrtab.  Program
 * headers: one PT_LOAD per segment (p_flags carry the color in bits
 * 31..28), PT_NOTE for .note.glyph, PT_GNU_STACK (RW, no exec).
 *
 * The file is written to a temporary in the output's directory and
 * renamed over the output only when everything succeeded; on failure
 * the temporary is removed, so no half-written output is ever left.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ld.h"

typedef struct strtab {
    char *buf;
    size_t len, cap;
} strtab;

static size_t str_add(strtab *t, const char *s)
{
    size_t n = strlen(s) + 1, at = t->len;
    ld_grow(&t->buf, &t->cap, t->len + n, 1);
    memcpy(t->buf + at, s, n);
    t->len += n;
    return at;
}

typedef struct symbuf {
    Elf64_Sym *v;
    size_t n, cap;
} symbuf;

static void sym_add(symbuf *b, strtab *st, const char *name, unsigned bind, unsigned type,
                    unsigned shndx, uint64_t value, uint64_t size)
{
    ld_grow(&b->v, &b->cap, b->n, sizeof *b->v);
    Elf64_Sym *s = &b->v[b->n++];
    s->st_name = *name ? (Elf64_Word)str_add(st, name) : 0;
    s->st_info = (unsigned char)ELF64_ST_INFO(bind, type);
    s->st_other = STV_DEFAULT;
    s->st_shndx = (Elf64_Section)shndx;
    s->st_value = value;
    s->st_size = size;
}

/* Output section index of an input section, SHN_ABS if it has none. */
static unsigned out_index(ld_section *s)
{
    return s && s->out && s->out->shndx ? s->out->shndx : SHN_ABS;
}

static size_t build_symbols(ld_ctx *ctx, symbuf *b, strtab *st)
{
    sym_add(b, st, "", STB_LOCAL, STT_NOTYPE, SHN_UNDEF, 0, 0);
    for (ld_object *o = ctx->objects; o; o = o->next) {
        for (size_t i = 1; i < o->nsyms; i++) {
            ld_objsym *y = &o->syms[i];
            if (y->bind != STB_LOCAL || y->type == STT_SECTION || y->type == STT_FILE || !*y->name)
                continue;
            if (y->shndx == SHN_ABS) {
                sym_add(b, st, y->name, STB_LOCAL, y->type, SHN_ABS, y->value, y->size);
                continue;
            }
            ld_section *s = &o->secs[y->shndx];
            if (!s->live)
                continue;
            sym_add(b, st, y->name, STB_LOCAL, y->type, out_index(s), s->addr + y->value,
                    y->size);
        }
    }
    size_t first_global = b->n;
    size_t n;
    ld_symbol **all = ld_sym_sorted(ctx, &n);
    for (size_t i = 0; i < n; i++) {
        ld_symbol *g = all[i];
        unsigned bind = g->weak ? STB_WEAK : STB_GLOBAL;
        if (g->state == LD_SYM_UNDEF) {
            if (!g->strong_ref && !g->defsym)
                sym_add(b, st, g->name, STB_WEAK, STT_NOTYPE, SHN_UNDEF, 0, 0);
            continue;
        }
        if (g->sec && !g->sec->live)
            continue;
        sym_add(b, st, g->name, bind, g->type, g->sec ? out_index(g->sec) : SHN_ABS, g->addr,
                g->size);
    }
    free(all);
    return first_global;
}

static Elf_Scn *new_section(Elf *elf, strtab *shstr, const char *name, GElf_Shdr *sh,
                            void *data, size_t size, size_t align)
{
    Elf_Scn *scn = elf_newscn(elf);
    if (!scn)
        return NULL;
    sh->sh_name = (Elf64_Word)str_add(shstr, name);
    if (sh->sh_type != SHT_NOBITS && size) {
        Elf_Data *d = elf_newdata(scn);
        if (!d)
            return NULL;
        d->d_buf = data;
        d->d_size = size;
        d->d_type = ELF_T_BYTE;
        d->d_align = align;
        d->d_off = 0;
        d->d_version = EV_CURRENT;
    }
    sh->sh_size = size;
    sh->sh_addralign = align;
    if (!gelf_update_shdr(scn, sh))
        return NULL;
    return scn;
}

/* Build the ELF on fd; 1 on success. */
static int emit(ld_ctx *ctx, int fd)
{
    Elf *elf = elf_begin(fd, ELF_C_WRITE, NULL);
    if (!elf) {
        ld_error(ctx, "%s: cannot write ELF: %s", ctx->output, elf_errmsg(-1));
        return 0;
    }
    elf_flagelf(elf, ELF_C_SET, ELF_F_LAYOUT);
    int ok = 0;
    strtab shstr = {0}, str = {0};
    symbuf syms = {0};
    str_add(&shstr, "");
    str_add(&str, "");
    GElf_Ehdr eh;
    if (!gelf_newehdr(elf, ELFCLASS64) || !gelf_newphdr(elf, ctx->nphdrs) ||
        !gelf_getehdr(elf, &eh))
        goto out;

    /* section indices first: symbols need them */
    unsigned ndx = 2; /* 1 = .note.glyph */
    for (size_t i = 0; i < ctx->nosecs; i++)
        ctx->osecs[i].shndx = ctx->osecs[i].seg ? ndx++ : 0;
    size_t first_global = 0;
    if (!ctx->strip)
        first_global = build_symbols(ctx, &syms, &str);

    GElf_Shdr sh;
    memset(&sh, 0, sizeof sh);
    sh.sh_type = SHT_NOTE;
    sh.sh_flags = SHF_ALLOC;
    sh.sh_addr = ctx->note_addr;
    sh.sh_offset = ctx->note_addr - ctx->base;
    if (!new_section(elf, &shstr, GL_NOTE_SECTION, &sh, ctx->note, ctx->note_size, 4))
        goto out;
    uint64_t file_end = 0;
    for (size_t i = 0; i < ctx->nsegs; i++)
        if (ctx->segs[i].offset + ctx->segs[i].filesz > file_end)
            file_end = ctx->segs[i].offset + ctx->segs[i].filesz;
    for (size_t i = 0; i < ctx->nosecs; i++) {
        ld_osec *o = &ctx->osecs[i];
        if (!o->seg)
            continue;
        memset(&sh, 0, sizeof sh);
        sh.sh_type = o->kind == LD_KIND_BSS ? SHT_NOBITS : SHT_PROGBITS;
        sh.sh_flags = SHF_ALLOC;
        if (o->kind == LD_KIND_TEXT)
            sh.sh_flags |= SHF_EXECINSTR;
        if (o->kind == LD_KIND_DATA || o->kind == LD_KIND_BSS)
            sh.sh_flags |= SHF_WRITE;
        sh.sh_flags = gl_shf_with_color(sh.sh_flags, o->color);
        sh.sh_addr = o->addr;
        sh.sh_offset = o->offset;
        if (!new_section(elf, &shstr, o->name, &sh, o->data, o->size, o->align))
            goto out;
    }
    uint64_t off = file_end;
    /* debug sections: in the file, not loaded (debug.c) */
    for (size_t i = 0; i < ctx->ndsecs; i++) {
        ld_osec *o = &ctx->dsecs[i];
        memset(&sh, 0, sizeof sh);
        sh.sh_type = SHT_PROGBITS;
        sh.sh_offset = off;
        if (!new_section(elf, &shstr, o->name, &sh, o->data, o->size, 1))
            goto out;
        off += o->size;
        ndx++;
    }
    off = ld_align_up(off, 8);
    if (!ctx->strip) {
        memset(&sh, 0, sizeof sh);
        sh.sh_type = SHT_SYMTAB;
        sh.sh_offset = off;
        sh.sh_link = ndx + 1;
        sh.sh_info = (Elf64_Word)first_global;
        sh.sh_entsize = sizeof(Elf64_Sym);
        size_t size = syms.n * sizeof(Elf64_Sym);
        Elf_Scn *scn = new_section(elf, &shstr, ".symtab", &sh, syms.v, size, 8);
        if (!scn)
            goto out;
        elf_getdata(scn, NULL)->d_type = ELF_T_SYM;
        off += size;
        memset(&sh, 0, sizeof sh);
        sh.sh_type = SHT_STRTAB;
        sh.sh_offset = off;
        if (!new_section(elf, &shstr, ".strtab", &sh, str.buf, str.len, 1))
            goto out;
        off += str.len;
        ndx += 2;
    }
    /* .shstrtab last: its own name must be in it before its data is set */
    memset(&sh, 0, sizeof sh);
    sh.sh_type = SHT_STRTAB;
    sh.sh_offset = off;
    sh.sh_name = (Elf64_Word)str_add(&shstr, ".shstrtab");
    Elf_Scn *scn = elf_newscn(elf);
    Elf_Data *d = scn ? elf_newdata(scn) : NULL;
    if (!d)
        goto out;
    sh.sh_size = shstr.len;
    sh.sh_addralign = 1;
    d->d_buf = shstr.buf;
    d->d_size = shstr.len;
    d->d_type = ELF_T_BYTE;
    d->d_align = 1;
    if (!gelf_update_shdr(scn, &sh))
        goto out;
    off = ld_align_up(off + shstr.len, 8);

    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_GLYPH;
    eh.e_version = EV_CURRENT;
    eh.e_entry = ctx->entry_addr;
    eh.e_phoff = sizeof(Elf64_Ehdr);
    eh.e_shoff = off;
    eh.e_flags = 0;
    eh.e_shstrndx = (Elf64_Half)elf_ndxscn(scn);
    if (!gelf_update_ehdr(elf, &eh))
        goto out;

    int p = 0;
    for (size_t i = 0; i < ctx->nsegs; i++) {
        ld_segment *g = &ctx->segs[i];
        GElf_Phdr ph = {0};
        ph.p_type = PT_LOAD;
        ph.p_flags = gl_pf_with_color(ld_class_pflags(g->cls), g->color);
        ph.p_offset = g->offset;
        ph.p_vaddr = ph.p_paddr = g->vaddr;
        ph.p_filesz = g->filesz;
        ph.p_memsz = g->memsz;
        ph.p_align = GL_PAGE_SIZE;
        if (!gelf_update_phdr(elf, p++, &ph))
            goto out;
    }
    GElf_Phdr note = {0};
    note.p_type = PT_NOTE;
    note.p_flags = PF_R;
    note.p_offset = ctx->note_addr - ctx->base;
    note.p_vaddr = note.p_paddr = ctx->note_addr;
    note.p_filesz = note.p_memsz = ctx->note_size;
    note.p_align = 4;
    GElf_Phdr stack = {0};
    stack.p_type = PT_GNU_STACK;
    stack.p_flags = PF_R | PF_W;
    stack.p_align = 16;
    if (!gelf_update_phdr(elf, p++, &note) || !gelf_update_phdr(elf, p++, &stack))
        goto out;
    ok = elf_update(elf, ELF_C_WRITE) >= 0;
out:
    if (!ok)
        ld_error(ctx, "%s: cannot write ELF: %s", ctx->output, elf_errmsg(-1));
    elf_end(elf);
    free(shstr.buf);
    free(str.buf);
    free(syms.v);
    return ok;
}

static void build_note(ld_ctx *ctx)
{
    uint8_t ib[8], pol[GL_COLOR_POLICY_SIZE];
    for (int i = 0; i < 8; i++)
        ib[i] = (uint8_t)(ctx->entry_ib >> (8 * i));
    gl_color_policy_encode(&ctx->policy, pol);
    ctx->note = ld_alloc(ctx->note_size);
    gl_note_write(ctx->note, NT_GLYPH_ENTRY_IB, ib, 8);
    gl_note_write(ctx->note + gl_note_size(8), NT_GLYPH_COLORS, pol, sizeof pol);
    if (ctx->xfer_on) {
        uint8_t x[GL_COLOR_XFER_SIZE];
        gl_color_xfer_encode(&ctx->xfer, x);
        uint8_t *at = ctx->note + gl_note_size(8) + gl_note_size(sizeof pol);
        gl_note_write(at, NT_GLYPH_XFER, x, sizeof x);
        gl_note_write(at + gl_note_size(sizeof x), NT_GLYPH_COMPARTMENTS, ctx->comp_note,
                      ctx->comp_note_size);
    }
}

int ld_write(ld_ctx *ctx)
{
    build_note(ctx);
    char *tmp = ld_format("%s.tmpXXXXXX", ctx->output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ld_error(ctx, "cannot create %s: %s", ctx->output, strerror(errno));
        free(tmp);
        return 0;
    }
    /* mkstemp makes 0600; an executable gets 0777 minus the umask, as
     * open(..., 0777) would give it (and as GNU ld does) */
    mode_t mask = umask(0);
    umask(mask);
    int ok = emit(ctx, fd);
    if (ok && fchmod(fd, 0777 & ~mask) != 0) {
        ld_error(ctx, "%s: chmod: %s", tmp, strerror(errno));
        ok = 0;
    }
    if (close(fd) != 0 && ok) {
        ld_error(ctx, "%s: %s", tmp, strerror(errno));
        ok = 0;
    }
    if (ok && rename(tmp, ctx->output) != 0) {
        ld_error(ctx, "cannot rename %s to %s: %s", tmp, ctx->output, strerror(errno));
        ok = 0;
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}
