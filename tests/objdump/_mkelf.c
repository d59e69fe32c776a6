/*
 * _mkelf.c - test inputs for glyph-objdump, written with libelf.
 *
 *   _mkelf rel OUT            relocatable object (ET_REL): .text with one
 *                             instruction of each kind that reads a
 *                             constant, .const blocks, call/lea groups
 *                             (ADD32/SUB32), colored .text.vault and
 *                             .data.secret, symbols, .rela.const/.rela.data
 *   _mkelf exec OUT           the same program linked at 0x10000: one
 *                             PT_LOAD per (permissions, color), PT_NOTE
 *                             with NT_GLYPH_ENTRY_IB and NT_GLYPH_COLORS
 *   _mkelf all16 OUT          ET_REL whose .text holds every 16-bit word
 *                             that decodes, then every op in every length
 *   _mkelf corrupt KIND IN OUT   IN with one field broken (see kinds below)
 *   _mkelf flip SEED N IN OUT    IN with N pseudo-random bytes changed
 *
 * Instructions come from gl_encode only; no encoding is written here.
 */
#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glyph_elf.h"
#include "isa.h"

typedef struct buf {
    uint8_t *p;
    size_t n, cap;
} buf;

static void put(buf *b, const void *d, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            perror("realloc");
            exit(2);
        }
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
}

static void put_le(buf *b, uint64_t v, unsigned n)
{
    uint8_t t[8];
    for (unsigned i = 0; i < n; i++)
        t[i] = (uint8_t)(v >> (8 * i));
    put(b, t, n);
}

static void set_le(buf *b, size_t off, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        b->p[off + i] = (uint8_t)(v >> (8 * i));
}

static void ins(buf *b, unsigned op, unsigned len, unsigned rc, unsigned rb,
                unsigned ra, int64_t imm)
{
    gl_insn in = {(uint16_t)op, (uint8_t)len, (uint8_t)rc, (uint8_t)rb, (uint8_t)ra, imm};
    uint8_t o[8];
    int n = gl_encode(&in, o);
    if (n <= 0) {
        fprintf(stderr, "_mkelf: cannot encode op %u len %u: %s\n", op, len,
                gl_enc_strerror(n));
        exit(2);
    }
    put(b, o, (size_t)n);
}

static uint64_t lanes(int64_t lo, int64_t hi)
{
    return (uint32_t)(int32_t)lo | (uint64_t)(uint32_t)(int32_t)hi << 32;
}

/* ---- the test program ------------------------------------------------ */

enum { A0 = 4, A1 = 5, T0 = 6, RA = 7, SP = 0, A7 = 13, T3 = 16, S5 = 34 };

typedef struct prog {
    buf text, vault, cnst, rodata, data, secret;
    uint64_t foo, ext, tail_data; /* offsets in their sections */
} prog;

/* Layout facts shared by rel and exec (offsets inside sections). */
enum {
    MAIN_CONST = 0,
    FOO_CONST = 64,
    EXT_CONST = 128,
    CONST_SIZE = 192
};

/*
 * text_base/vault_base/const_base/rodata_base/data_base: addresses (0 in
 * the object, where relocations fill the cross-section fields instead).
 */
static void build(prog *p, int exec, uint64_t text_base, uint64_t vault_base,
                  uint64_t const_base, uint64_t rodata_base, uint64_t data_base)
{
    memset(p, 0, sizeof *p);
    buf *t = &p->text;
    uint8_t zero[CONST_SIZE] = {0};
    put(&p->cnst, zero, sizeof zero);
    buf *k = &p->cnst;

    ins(t, GL_OP_MOVI, 2, A0, 0, 0, 5);              /* 0 */
    ins(t, GL_OP_MOVQ, 2, A1, 0, 0, 1 * 8);          /* 2 */
    set_le(k, MAIN_CONST + 8, 0x1234, 8);
    ins(t, GL_OP_LEAPC, 2, A0, 0, 0, 4 * 4);         /* 4: la msg */
    if (exec)
        set_le(k, MAIN_CONST + 16, rodata_base - (text_base + 4), 4);
    ins(t, GL_OP_LJAL, 2, RA, 0, 0, 3 * 8);          /* 6: call ext */
    ins(t, GL_OP_LJAL, 2, RA, 0, 0, 4 * 8);          /* 8: call foo */
    ins(t, GL_OP_J, 2, 0, 0, 0, 4);                  /* 10 */
    ins(t, GL_OP_B, 2, 0, 0, 0, -2);                 /* 12 */
    ins(t, GL_OP_IBJ, 2, 0, 0, 0, 64);               /* 14 */
    ins(t, GL_OP_MOVD, 2, A0, 0, 0, 1 * 4);          /* 16: reads foo.const+4 */
    ins(t, GL_OP_IBJ, 2, 0, 0, 0, -64);              /* 18 */
    ins(t, GL_OP_ADDD, 2, A0, 0, 0, 10 * 4);         /* 20 */
    set_le(k, MAIN_CONST + 40, (uint32_t)-16, 4);
    ins(t, GL_OP_ADD, 4, S5, T3, A7, 0);             /* 22 */
    ins(t, GL_OP_LOAD_U8, 8, A0, SP, 0, -4000);      /* 26 */
    ins(t, GL_OP_SYSCALL, 4, 0, 0, 0, 0);            /* 34 */
    ins(t, GL_OP_SYSREAD, 4, A0, 0, 0, 0x43);        /* 38 */
    ins(t, GL_OP_LOADPC, 2, A0, 0, 0, 11 * 4);       /* 42: load data_sym */
    if (exec)
        set_le(k, MAIN_CONST + 44, data_base - (text_base + 42), 4);
    ins(t, GL_OP_LJ, 2, T0, 0, 0, 6 * 8);            /* 44: j far / j foo */
    ins(t, GL_OP_LJTL, 2, RA, 0, 0, 7 * 8);          /* 46: ret */
    set_le(k, MAIN_CONST + 56, lanes(0 - 46 + 2, 0), 8);
    p->foo = t->n;                                    /* 48: foo */
    ins(t, GL_OP_MOVI, 2, A0, 0, 0, 1);
    ins(t, GL_OP_MOVD, 2, A1, 0, 0, 1 * 4);
    set_le(k, FOO_CONST + 4, 7, 4);
    ins(t, GL_OP_LJTL, 2, RA, 0, 0, 1 * 8);          /* 52: ret */
    set_le(k, FOO_CONST + 8, lanes((int64_t)p->foo - 52 + 2, 0), 8);
    p->tail_data = t->n;                              /* 54: a continuation word */
    put_le(t, 0x0003, 2);

    /* call foo at 8: same sections, resolved by the assembler */
    set_le(k, MAIN_CONST + 32, lanes((int64_t)p->foo - 8, FOO_CONST - MAIN_CONST), 8);
    /* j foo at 44 in the executable (far, undefined, in the object) */
    if (exec)
        set_le(k, MAIN_CONST + 48, lanes((int64_t)p->foo - 44, FOO_CONST - MAIN_CONST), 8);

    /* ext in .text.vault (color 5): a call whose ib lane lands on
     * another block than the target's, a jala, a jtl that is not a
     * return, and a return */
    p->ext = 0;
    buf *v = &p->vault;
    ins(v, GL_OP_OR, 2, 0, 0, 0, 0);                  /* 0: nop */
    ins(v, GL_OP_BREAK, 2, 0, 0, 0, 5);               /* 2 */
    ins(v, GL_OP_LJAL, 2, RA, 0, 0, 1 * 8);           /* 4: foo with main.const */
    set_le(k, EXT_CONST + 8,
           lanes(exec ? (int64_t)(text_base + p->foo) - (int64_t)(vault_base + 4) : 0,
                 MAIN_CONST - EXT_CONST), 8);
    ins(v, GL_OP_LJALA, 2, RA, 0, 0, 2 * 8);          /* 6 */
    set_le(k, EXT_CONST + 16, lanes(16, 0), 8);
    ins(v, GL_OP_LJTL, 2, T0, 0, 0, 3 * 8);           /* 8 */
    set_le(k, EXT_CONST + 24, lanes(8, 0), 8);
    ins(v, GL_OP_LJTL, 2, RA, 0, 0, 4 * 8);           /* 10: ret */
    set_le(k, EXT_CONST + 32, lanes(0 - 10 + 2, 0), 8);
    /* ib lane of call ext: both blocks in .const, resolved */
    set_le(k, MAIN_CONST + 28, EXT_CONST - MAIN_CONST, 4);
    if (exec)
        set_le(k, MAIN_CONST + 24, vault_base - (text_base + 6), 4);
    (void)const_base;

    const char msg[] = "hello, glyph\n";
    put(&p->rodata, msg, sizeof msg);
    put_le(&p->data, exec ? rodata_base : 0, 8);
    put(&p->secret, "secret-secret!!", 16);
}

static void prog_free(prog *p)
{
    free(p->text.p);
    free(p->vault.p);
    free(p->cnst.p);
    free(p->rodata.p);
    free(p->data.p);
    free(p->secret.p);
}

/* ---- ELF writing ------------------------------------------------------- */

typedef struct sect {
    const char *name;
    uint32_t type;
    uint64_t flags, addr, align, entsize;
    uint32_t link, info;
    const void *data;
    size_t size;
    uint64_t off; /* file offset (exec layout); computed for rel */
    size_t name_off;
    Elf_Scn *scn;
} sect;

typedef struct symdef {
    const char *name;
    int bind, type;
    unsigned shndx;
    uint64_t value, size;
} symdef;

typedef struct reldef {
    unsigned relsec_for; /* section index patched */
    uint64_t off;
    unsigned sym;
    unsigned type;
    int64_t addend;
} reldef;

static void die_elf(const char *what)
{
    fprintf(stderr, "_mkelf: %s: %s\n", what, elf_errmsg(-1));
    exit(2);
}

/* Write secs (index i+1 = secs[i]), phdrs, into path. */
static void write_elf(const char *path, int type, uint64_t entry, sect *secs, size_t nsec,
                      const GElf_Phdr *ph, size_t nph, int layout_given)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(path);
        exit(2);
    }
    Elf *e = elf_begin(fd, ELF_C_WRITE, 0);
    if (!e)
        die_elf("elf_begin");
    GElf_Ehdr eh;
    if (!gelf_newehdr(e, ELFCLASS64))
        die_elf("newehdr");
    if (nph && !gelf_newphdr(e, nph))
        die_elf("newphdr");
    gelf_getehdr(e, &eh);
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_type = (Elf64_Half)type;
    eh.e_machine = EM_GLYPH;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    if (nph)
        eh.e_phoff = sizeof(Elf64_Ehdr);
    /* section names */
    buf shstr = {0, 0, 0};
    put(&shstr, "", 1);
    for (size_t i = 0; i < nsec; i++) {
        secs[i].name_off = shstr.n;
        put(&shstr, secs[i].name, strlen(secs[i].name) + 1);
    }
    size_t shstr_name = shstr.n;
    put(&shstr, ".shstrtab", 10);

    uint64_t off = sizeof(Elf64_Ehdr) + nph * sizeof(Elf64_Phdr);
    for (size_t i = 0; i < nsec + 1; i++) {
        int is_shstr = i == nsec;
        sect tmp = {".shstrtab", SHT_STRTAB, 0, 0, 1, 0, 0, 0, shstr.p, shstr.n, 0, 0, 0};
        sect *s = is_shstr ? &tmp : &secs[i];
        if (is_shstr)
            s->name_off = shstr_name;
        Elf_Scn *scn = elf_newscn(e);
        if (!scn)
            die_elf("newscn");
        s->scn = scn;
        Elf_Data *d = elf_newdata(scn);
        d->d_buf = (void *)s->data;
        d->d_size = s->size;
        d->d_type = ELF_T_BYTE;
        d->d_align = 1;
        d->d_off = 0;
        d->d_version = EV_CURRENT;
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        sh.sh_name = (Elf64_Word)s->name_off;
        sh.sh_type = s->type;
        sh.sh_flags = s->flags;
        sh.sh_addr = s->addr;
        sh.sh_addralign = s->align;
        sh.sh_entsize = s->entsize;
        sh.sh_link = s->link;
        sh.sh_info = s->info;
        sh.sh_size = s->size;
        if (!layout_given || is_shstr || !s->off) {
            uint64_t a = s->align ? s->align : 1;
            off = (off + a - 1) / a * a;
            s->off = off;
        }
        sh.sh_offset = s->off;
        if (s->type != SHT_NOBITS && s->off + s->size > off)
            off = s->off + s->size;
        gelf_update_shdr(scn, &sh);
    }
    eh.e_shstrndx = (Elf64_Half)(nsec + 1);
    eh.e_shoff = (off + 7) & ~(uint64_t)7;
    gelf_update_ehdr(e, &eh);
    for (size_t i = 0; i < nph; i++)
        gelf_update_phdr(e, (int)i, (GElf_Phdr *)&ph[i]);
    elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
    if (elf_update(e, ELF_C_WRITE) < 0)
        die_elf("elf_update");
    elf_end(e);
    close(fd);
    free(shstr.p);
}

/* symbol table + string table contents */
static void make_symtab(const symdef *d, size_t n, buf *sym, buf *str)
{
    put(str, "", 1);
    Elf64_Sym z;
    memset(&z, 0, sizeof z);
    put(sym, &z, sizeof z);
    for (size_t i = 0; i < n; i++) {
        Elf64_Sym s;
        memset(&s, 0, sizeof s);
        if (d[i].name && *d[i].name) {
            s.st_name = (Elf64_Word)str->n;
            put(str, d[i].name, strlen(d[i].name) + 1);
        }
        s.st_info = (unsigned char)ELF64_ST_INFO(d[i].bind, d[i].type);
        s.st_shndx = (Elf64_Section)d[i].shndx;
        s.st_value = d[i].value;
        s.st_size = d[i].size;
        put(sym, &s, sizeof s);
    }
}

static void make_rela(const reldef *r, size_t n, unsigned for_sec, buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (r[i].relsec_for != for_sec)
            continue;
        Elf64_Rela ra;
        ra.r_offset = r[i].off;
        ra.r_info = ELF64_R_INFO(r[i].sym, r[i].type);
        ra.r_addend = r[i].addend;
        put(out, &ra, sizeof ra);
    }
}

/* section indices shared by rel and exec */
enum { S_TEXT = 1, S_VAULT, S_CONST, S_RODATA, S_DATA, S_SECRET, S_BSS };
#define COLOR(c) ((uint64_t)(c) << GL_COLOR_SHIFT)

static void mk_rel(const char *path)
{
    prog p;
    build(&p, 0, 0, 0, 0, 0, 0);
    enum { S_SYMTAB = 8, S_STRTAB, S_RELA_CONST, S_RELA_DATA };
    /* local symbols first (sh_info = first global) */
    symdef syms[] = {
        {"test.s", STB_LOCAL, STT_FILE, SHN_ABS, 0, 0},           /* 1 */
        {"", STB_LOCAL, STT_SECTION, S_TEXT, 0, 0},               /* 2 */
        {"", STB_LOCAL, STT_SECTION, S_CONST, 0, 0},              /* 3 */
        {"", STB_LOCAL, STT_SECTION, S_RODATA, 0, 0},             /* 4 */
        {"msg", STB_LOCAL, STT_OBJECT, S_RODATA, 0, 14},          /* 5 */
        {"secret", STB_LOCAL, STT_OBJECT, S_SECRET, 0, 16},       /* 6 */
        {"tail_data", STB_LOCAL, STT_NOTYPE, S_TEXT, p.tail_data, 0}, /* 7 */
        {"main", STB_GLOBAL, STT_FUNC, S_TEXT, 0, p.foo},         /* 8 */
        {"main.const", STB_GLOBAL, STT_OBJECT, S_CONST, MAIN_CONST, 64}, /* 9 */
        {"foo", STB_GLOBAL, STT_FUNC, S_TEXT, p.foo, 6},          /* 10 */
        {"foo.const", STB_GLOBAL, STT_OBJECT, S_CONST, FOO_CONST, 64}, /* 11 */
        {"ext", STB_GLOBAL, STT_FUNC, S_VAULT, 0, 12},            /* 12 */
        {"ext.const", STB_GLOBAL, STT_OBJECT, S_CONST, EXT_CONST, 64}, /* 13 */
        {"data_sym", STB_GLOBAL, STT_OBJECT, S_DATA, 0, 8},       /* 14 */
        {"far", STB_GLOBAL, STT_NOTYPE, SHN_UNDEF, 0, 0},         /* 15 */
        {"far.const", STB_WEAK, STT_NOTYPE, SHN_UNDEF, 0, 0},     /* 16 */
    };
    reldef rels[] = {
        /* la msg at 4 */
        {S_CONST, MAIN_CONST + 16, 5, R_GLYPH_ADD32, 0},
        {S_CONST, MAIN_CONST + 16, 2, R_GLYPH_SUB32, 4},
        /* call ext at 6: pc lane only (ib lane resolved) */
        {S_CONST, MAIN_CONST + 24, 12, R_GLYPH_ADD32, 0},
        {S_CONST, MAIN_CONST + 24, 2, R_GLYPH_SUB32, 6},
        /* load data_sym at 42 */
        {S_CONST, MAIN_CONST + 44, 14, R_GLYPH_ADD32, 0},
        {S_CONST, MAIN_CONST + 44, 2, R_GLYPH_SUB32, 42},
        /* j far at 44 */
        {S_CONST, MAIN_CONST + 48, 15, R_GLYPH_ADD32, 0},
        {S_CONST, MAIN_CONST + 48, 2, R_GLYPH_SUB32, 44},
        {S_CONST, MAIN_CONST + 52, 16, R_GLYPH_ADD32, 0},
        {S_CONST, MAIN_CONST + 52, 9, R_GLYPH_SUB32, 0},
        /* call foo from .text.vault at 4: pc lane only */
        {S_CONST, EXT_CONST + 8, 10, R_GLYPH_ADD32, 0},
        {S_CONST, EXT_CONST + 8, 12, R_GLYPH_SUB32, 4},
        /* .quad msg */
        {S_DATA, 0, 4, R_GLYPH_64, 0},
    };
    buf sym = {0, 0, 0}, str = {0, 0, 0}, rc = {0, 0, 0}, rd = {0, 0, 0};
    make_symtab(syms, sizeof syms / sizeof syms[0], &sym, &str);
    make_rela(rels, sizeof rels / sizeof rels[0], S_CONST, &rc);
    make_rela(rels, sizeof rels / sizeof rels[0], S_DATA, &rd);
    sect secs[] = {
        {".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, 2, 0, 0, 0, p.text.p, p.text.n, 0, 0, 0},
        {".text.vault", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR | COLOR(5), 0, 2, 0, 0, 0, p.vault.p, p.vault.n, 0, 0, 0},
        {".const", SHT_PROGBITS, SHF_ALLOC, 0, 64, 0, 0, 0, p.cnst.p, p.cnst.n, 0, 0, 0},
        {".rodata", SHT_PROGBITS, SHF_ALLOC, 0, 1, 0, 0, 0, p.rodata.p, p.rodata.n, 0, 0, 0},
        {".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 0, 8, 0, 0, 0, p.data.p, p.data.n, 0, 0, 0},
        {".data.secret", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE | COLOR(3), 0, 8, 0, 0, 0, p.secret.p, p.secret.n, 0, 0, 0},
        {".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0, 8, 0, 0, 0, 0, 32, 0, 0, 0},
        {".symtab", SHT_SYMTAB, 0, 0, 8, 24, S_STRTAB, 8, sym.p, sym.n, 0, 0, 0},
        {".strtab", SHT_STRTAB, 0, 0, 1, 0, 0, 0, str.p, str.n, 0, 0, 0},
        {".rela.const", SHT_RELA, SHF_INFO_LINK, 0, 8, 24, S_SYMTAB, S_CONST, rc.p, rc.n, 0, 0, 0},
        {".rela.data", SHT_RELA, SHF_INFO_LINK, 0, 8, 24, S_SYMTAB, S_DATA, rd.p, rd.n, 0, 0, 0},
    };
    write_elf(path, ET_REL, 0, secs, sizeof secs / sizeof secs[0], 0, 0, 0);
    prog_free(&p);
    free(sym.p);
    free(str.p);
    free(rc.p);
    free(rd.p);
}

static void mk_exec(const char *path)
{
    const uint64_t TEXT = 0x10000, VAULT = 0x11000, CONST = 0x12000,
                   RODATA = 0x120c0, NOTE = 0x120d0, DATA = 0x13000, BSS = 0x13008,
                   SECRET = 0x14000;
    prog p;
    build(&p, 1, TEXT, VAULT, CONST, RODATA, DATA);
    gl_color_policy pol;
    gl_color_policy_default(&pol);
    pol.write = 0xffff;
    pol.exec = (1u << 0) | (1u << 5);
    pol.matread[0] = 0xffff & ~(1u << 3); /* color-0 code cannot read color 3 */
    pol.matwrite[0] = 0xffff & ~(1u << 3);
    pol.matwrite[5] = 1u << 3;           /* vault code writes only secrets */
    uint8_t desc[GL_COLOR_POLICY_SIZE], ib[8];
    gl_color_policy_encode(&pol, desc);
    for (int i = 0; i < 8; i++)
        ib[i] = (uint8_t)((CONST + MAIN_CONST) >> (8 * i));
    buf note = {0, 0, 0};
    size_t n1 = gl_note_size(8), n2 = gl_note_size(sizeof desc);
    uint8_t *nb = calloc(1, n1 + n2);
    gl_note_write(nb, NT_GLYPH_ENTRY_IB, ib, 8);
    gl_note_write(nb + n1, NT_GLYPH_COLORS, desc, sizeof desc);
    put(&note, nb, n1 + n2);
    free(nb);

    enum { S_NOTE = 8, S_SYMTAB, S_STRTAB };
    symdef syms[] = {
        {"test.s", STB_LOCAL, STT_FILE, SHN_ABS, 0, 0},
        {"msg", STB_LOCAL, STT_OBJECT, S_RODATA, RODATA, 14},
        {"secret", STB_LOCAL, STT_OBJECT, S_SECRET, SECRET, 16},
        {"tail_data", STB_LOCAL, STT_NOTYPE, S_TEXT, TEXT + p.tail_data, 0},
        {"main", STB_GLOBAL, STT_FUNC, S_TEXT, TEXT, p.foo},
        {"main.const", STB_GLOBAL, STT_OBJECT, S_CONST, CONST + MAIN_CONST, 64},
        {"foo", STB_GLOBAL, STT_FUNC, S_TEXT, TEXT + p.foo, 6},
        {"foo.const", STB_GLOBAL, STT_OBJECT, S_CONST, CONST + FOO_CONST, 64},
        {"ext", STB_GLOBAL, STT_FUNC, S_VAULT, VAULT, 12},
        {"ext.const", STB_GLOBAL, STT_OBJECT, S_CONST, CONST + EXT_CONST, 64},
        {"data_sym", STB_GLOBAL, STT_OBJECT, S_DATA, DATA, 8},
        {"buf", STB_GLOBAL, STT_OBJECT, S_BSS, BSS, 32},
    };
    buf sym = {0, 0, 0}, str = {0, 0, 0};
    make_symtab(syms, sizeof syms / sizeof syms[0], &sym, &str);
    sect secs[] = {
        {".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, TEXT, 2, 0, 0, 0, p.text.p, p.text.n, 0x1000, 0, 0},
        {".text.vault", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR | COLOR(5), VAULT, 2, 0, 0, 0, p.vault.p, p.vault.n, 0x2000, 0, 0},
        {".const", SHT_PROGBITS, SHF_ALLOC, CONST, 64, 0, 0, 0, p.cnst.p, p.cnst.n, 0x3000, 0, 0},
        {".rodata", SHT_PROGBITS, SHF_ALLOC, RODATA, 1, 0, 0, 0, p.rodata.p, p.rodata.n, 0x30c0, 0, 0},
        {".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, DATA, 8, 0, 0, 0, p.data.p, p.data.n, 0x4000, 0, 0},
        {".data.secret", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE | COLOR(3), SECRET, 8, 0, 0, 0, p.secret.p, p.secret.n, 0x5000, 0, 0},
        {".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, BSS, 8, 0, 0, 0, 0, 32, 0x4008, 0, 0},
        {".note.glyph", SHT_NOTE, SHF_ALLOC, NOTE, 4, 0, 0, 0, note.p, note.n, 0x30d0, 0, 0},
        {".symtab", SHT_SYMTAB, 0, 0, 8, 24, S_STRTAB, 5, sym.p, sym.n, 0, 0, 0},
        {".strtab", SHT_STRTAB, 0, 0, 1, 0, 0, 0, str.p, str.n, 0, 0, 0},
    };
    GElf_Phdr ph[6];
    memset(ph, 0, sizeof ph);
    uint32_t R = PF_R, W = PF_W, X = PF_X;
    ph[0] = (GElf_Phdr){PT_LOAD, R | X, 0x1000, TEXT, TEXT, p.text.n, p.text.n, 0x1000};
    ph[1] = (GElf_Phdr){PT_LOAD, gl_pf_with_color(R | X, 5), 0x2000, VAULT, VAULT, p.vault.n, p.vault.n, 0x1000};
    ph[2] = (GElf_Phdr){PT_LOAD, R, 0x3000, CONST, CONST, NOTE + note.n - CONST, NOTE + note.n - CONST, 0x1000};
    ph[3] = (GElf_Phdr){PT_LOAD, R | W, 0x4000, DATA, DATA, 8, 8 + 32, 0x1000};
    ph[4] = (GElf_Phdr){PT_LOAD, gl_pf_with_color(R | W, 3), 0x5000, SECRET, SECRET, 16, 16, 0x1000};
    ph[5] = (GElf_Phdr){PT_NOTE, R, 0x30d0, NOTE, NOTE, note.n, note.n, 4};
    write_elf(path, ET_EXEC, TEXT, secs, sizeof secs / sizeof secs[0], ph, 6, 1);
    prog_free(&p);
    free(sym.p);
    free(str.p);
    free(note.p);
}

/* Every 16-bit word that decodes, then every op in each of its lengths. */
static void mk_all16(const char *path)
{
    buf t = {0, 0, 0};
    for (unsigned w = 0; w < 65536; w++) {
        uint8_t b[2] = {(uint8_t)w, (uint8_t)(w >> 8)};
        gl_insn in;
        if ((w & 3) == 0 && gl_decode(b, 2, &in) == 2 && in.op != GL_OP_INVALID)
            put(&t, b, 2);
    }
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        for (unsigned len = 4; len <= 8; len *= 2) {
            if (!(oi->lens & (len == 4 ? GL_L32 : GL_L64)))
                continue;
            int64_t lo, hi, al, imm = 0;
            if (gl_imm_range(op, len, &lo, &hi, &al))
                imm = hi - (hi % al); /* the widest immediate */
            unsigned r = gl_reg_max(len);
            gl_insn in = {(uint16_t)op, (uint8_t)len, (uint8_t)r, (uint8_t)(r - 1),
                          (uint8_t)(r - 2), imm};
            if (oi->fix == GL_FIX_RC)
                in.rc = 7;
            if (oi->syntax == GL_SYN_RSYS)
                in.imm = 0x43; /* colorread */
            uint8_t o[8];
            if (gl_encode(&in, o) != (int)len) {
                in.imm = 0;
                if (gl_encode(&in, o) != (int)len)
                    continue;
            }
            put(&t, o, len);
            /* and the most negative immediate where there is one */
            if (gl_imm_range(op, len, &lo, &hi, &al) && lo < 0) {
                in.imm = lo;
                if (gl_encode(&in, o) == (int)len)
                    put(&t, o, len);
            }
        }
    }
    symdef syms[] = {{"all", STB_GLOBAL, STT_NOTYPE, 1, 0, 0}};
    buf sym = {0, 0, 0}, str = {0, 0, 0};
    make_symtab(syms, 1, &sym, &str);
    sect secs[] = {
        {".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, 2, 0, 0, 0, t.p, t.n, 0, 0, 0},
        {".symtab", SHT_SYMTAB, 0, 0, 8, 24, 3, 1, sym.p, sym.n, 0, 0, 0},
        {".strtab", SHT_STRTAB, 0, 0, 1, 0, 0, 0, str.p, str.n, 0, 0, 0},
    };
    write_elf(path, ET_REL, 0, secs, 3, 0, 0, 0);
    free(t.p);
    free(sym.p);
    free(str.p);
}

/* ---- corruption ----------------------------------------------------------- */

static buf slurp(const char *path)
{
    buf b = {0, 0, 0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    uint8_t t[4096];
    size_t n;
    while ((n = fread(t, 1, sizeof t, f)) > 0)
        put(&b, t, n);
    fclose(f);
    return b;
}

static void spit(const char *path, const buf *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->p, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static Elf64_Shdr *shdr(buf *b, unsigned i)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)b->p;
    return (Elf64_Shdr *)(b->p + eh->e_shoff + i * sizeof(Elf64_Shdr));
}

static unsigned find_sec(buf *b, uint32_t type)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)b->p;
    for (unsigned i = 1; i < eh->e_shnum; i++)
        if (shdr(b, i)->sh_type == type)
            return i;
    fprintf(stderr, "_mkelf: no section of type %u\n", type);
    exit(2);
}

static int corrupt(const char *kind, const char *in, const char *out)
{
    buf b = slurp(in);
    size_t n = b.n;
    Elf64_Ehdr *eh = (Elf64_Ehdr *)b.p;
    Elf64_Phdr *ph = (Elf64_Phdr *)(b.p + eh->e_phoff);
    unsigned sym = 0, rela = 0, note = 0;
    for (unsigned i = 1; i < eh->e_shnum; i++) {
        uint32_t t = shdr(&b, i)->sh_type;
        if (t == SHT_SYMTAB && !sym) sym = i;
        if (t == SHT_RELA && !rela) rela = i;
        if (t == SHT_NOTE && !note) note = i;
    }
    if (!strcmp(kind, "short")) n = 20;
    else if (!strcmp(kind, "empty")) n = 0;
    else if (!strcmp(kind, "half")) n = b.n / 2;
    else if (!strcmp(kind, "magic")) b.p[1] = 'X';
    else if (!strcmp(kind, "class32")) b.p[EI_CLASS] = ELFCLASS32;
    else if (!strcmp(kind, "bigendian")) b.p[EI_DATA] = ELFDATA2MSB;
    else if (!strcmp(kind, "shoff")) eh->e_shoff = b.n + 100;
    else if (!strcmp(kind, "shnum")) eh->e_shnum = 0xff00;
    else if (!strcmp(kind, "shentsize")) eh->e_shentsize = 32;
    else if (!strcmp(kind, "phoff")) eh->e_phoff = b.n - 8;
    else if (!strcmp(kind, "phentsize")) eh->e_phentsize = 40;
    else if (!strcmp(kind, "shstrndx")) eh->e_shstrndx = (Elf64_Half)(eh->e_shnum + 5);
    else if (!strcmp(kind, "shstrtype")) shdr(&b, eh->e_shstrndx)->sh_type = SHT_PROGBITS;
    else if (!strcmp(kind, "secoff")) shdr(&b, 1)->sh_offset = b.n - 2;
    else if (!strcmp(kind, "secsize")) shdr(&b, 1)->sh_size = 0xffffffffffffff00ull;
    else if (!strcmp(kind, "secname")) shdr(&b, 2)->sh_name = 0xfffff;
    else if (!strcmp(kind, "symentsize")) shdr(&b, sym)->sh_entsize = 16;
    else if (!strcmp(kind, "symlink")) shdr(&b, sym)->sh_link = 99;
    else if (!strcmp(kind, "symlinktype")) shdr(&b, sym)->sh_link = 1;
    else if (!strcmp(kind, "symname") || !strcmp(kind, "symshndx")) {
        Elf64_Sym *s = (Elf64_Sym *)(b.p + shdr(&b, sym)->sh_offset) + 8;
        if (kind[3] == 'n') s->st_name = 0xffffff;
        else s->st_shndx = 200;
    } else if (!strcmp(kind, "relainfo")) shdr(&b, rela)->sh_info = 99;
    else if (!strcmp(kind, "relasym") || !strcmp(kind, "relaoff")) {
        Elf64_Rela *r = (Elf64_Rela *)(b.p + shdr(&b, rela)->sh_offset) + 1;
        if (kind[4] == 's') r->r_info = ELF64_R_INFO(9999, ELF64_R_TYPE(r->r_info));
        else r->r_offset = 0x10000;
    } else if (!strcmp(kind, "notedesc")) {
        uint8_t *p = b.p + shdr(&b, note)->sh_offset;
        p[4] = 0; p[5] = 0x10; /* descsz 0x1000 */
    } else if (!strcmp(kind, "noteib")) {
        uint8_t *p = b.p + shdr(&b, note)->sh_offset;
        p[4] = 4; /* entry ib note descsz 8 -> 4 */
    } else if (!strcmp(kind, "notecolors")) {
        uint8_t *p = b.p + shdr(&b, note)->sh_offset + gl_note_size(8);
        p[4] = 8; p[5] = 0; /* colors note descsz 280 -> 8 */
    } else if (!strcmp(kind, "segsize")) ph[1].p_filesz = 0x7fffffffffffull;
    else if (!strcmp(kind, "nosections")) { eh->e_shoff = 0; }
    else {
        fprintf(stderr, "_mkelf: unknown corruption %s\n", kind);
        return 2;
    }
    (void)find_sec;
    spit(out, &b, n);
    free(b.p);
    return 0;
}

static int flip(unsigned long seed, unsigned count, const char *in, const char *out)
{
    buf b = slurp(in);
    uint64_t x = seed * 6364136223846793005ull + 1442695040888963407ull;
    for (unsigned i = 0; i < count && b.n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t at = (size_t)(x % b.n);
        /* bias towards the headers, where the offsets live */
        if (x >> 60 & 1)
            at = (size_t)(x >> 8) % (b.n < 128 ? b.n : 128);
        b.p[at] = (uint8_t)(x >> 32);
    }
    size_t n = b.n;
    if (seed % 7 == 0)
        n = (size_t)(x >> 20) % (b.n + 1); /* and truncate sometimes */
    spit(out, &b, n);
    free(b.p);
    return 0;
}

int main(int argc, char **argv)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return 2;
    if (argc == 3 && !strcmp(argv[1], "rel"))
        mk_rel(argv[2]);
    else if (argc == 3 && !strcmp(argv[1], "exec"))
        mk_exec(argv[2]);
    else if (argc == 3 && !strcmp(argv[1], "all16"))
        mk_all16(argv[2]);
    else if (argc == 5 && !strcmp(argv[1], "corrupt"))
        return corrupt(argv[2], argv[3], argv[4]);
    else if (argc == 6 && !strcmp(argv[1], "flip"))
        return flip(strtoul(argv[2], 0, 0), (unsigned)strtoul(argv[3], 0, 0), argv[4], argv[5]);
    else {
        fprintf(stderr, "usage: _mkelf rel|exec|all16 OUT | corrupt KIND IN OUT | flip SEED N IN OUT\n");
        return 2;
    }
    return 0;
}
