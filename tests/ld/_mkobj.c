/*
 * _mkobj.c - test helper: write a small glyph ET_REL object with libelf
 * from a text description, so linker tests can build exact inputs
 * (including broken ones) without the assembler.
 *
 *   usage: _mkobj OUT.o < DESCRIPTION
 *
 * Description lines ('#' starts a comment):
 *   machine N | type N              e_machine (default EM_GLYPH), e_type (ET_REL)
 *   section NAME [progbits|nobits] [FLAGS] [align N] [color N]
 *                                   FLAGS: any of a w x, or - (none)
 *   bytes HEX HEX ...               append bytes to the current section
 *   zero N                          append N zero bytes (nobits: grow the size)
 *   insn ID [rc=N] [rb=N] [ra=N] [imm=N] [len=N]
 *                                   append one instruction encoded by lib's
 *                                   gl_encode (ID as in isa.def: MOVI, LJAL, ...;
 *                                   imm scaled as in gl_insn; len default shortest)
 *   symbol NAME local|global|weak notype|func|object|section SEC VALUE [SIZE]
 *                                   SEC: a section name, undef, abs, common
 *                                   (VALUE = alignment) or #N (raw index)
 *   reloc SEC OFFSET TYPE SYM [ADDEND]
 *                                   TYPE: R_GLYPH_x name or a number;
 *                                   SYM: a symbol name, or #N (raw index)
 * Symbols are written locals first, in the order given.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glyph_elf.h"
#include "isa.h"

static const char *const op_ids[] = {
#define GL_OP(id, ...) #id,
#include "isa.def"
#undef GL_OP
};

#define MAX 64

typedef struct sec {
    char name[64];
    int nobits;
    uint64_t flags, align, size;
    uint8_t *data;
    GElf_Rela rel[256];
    int nrel;
    char relsym[256][64];
} sec;

typedef struct sym {
    char name[64], sec[64];
    int bind, type;
    uint64_t value, size;
} sym;

/* The whole description, owned by main. */
typedef struct desc {
    sec secs[MAX];
    int nsecs;
    sym syms[256];
    int nsyms;
    /* output buffers */
    char shstr[8192], str[8192];
    Elf64_Sym out[257];
    GElf_Rela relbuf[MAX][256];
} desc;

static void die(int line, const char *msg)
{
    fprintf(stderr, "_mkobj: line %d: %s\n", line, msg);
    exit(2);
}

static int find_sec(const desc *D, const char *name)
{
    for (int i = 0; i < D->nsecs; i++)
        if (!strcmp(D->secs[i].name, name))
            return i;
    return -1;
}

static unsigned reloc_type(const char *s, int line)
{
    for (unsigned t = 0; t < 64; t++)
        if (gl_reloc_name(t) && !strcmp(gl_reloc_name(t), s))
            return t;
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    if (*end)
        die(line, "bad relocation type");
    return (unsigned)v;
}

/* Index in the written symbol table of the symbol called name. */
static int sym_index(const desc *D, const char *name, const int *order)
{
    if (name[0] == '#')
        return atoi(name + 1);
    for (int i = 0; i < D->nsyms; i++)
        if (!strcmp(D->syms[order[i]].name, name))
            return i + 1;
    fprintf(stderr, "_mkobj: unknown symbol %s\n", name);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: _mkobj OUT.o < description\n");
        return 2;
    }
    desc *D = calloc(1, sizeof *D);
    if (!D)
        return 2;
    sec *const secs = D->secs;
    sym *const syms = D->syms;
    unsigned machine = EM_GLYPH, type = ET_REL;
    char buf[4096];
    int line = 0;
    sec *cur = NULL;
    while (fgets(buf, sizeof buf, stdin)) {
        line++;
        char *hash = strchr(buf, '#');
        if (hash && (hash == buf || hash[-1] == ' ' || hash[-1] == '\t') &&
            !(hash[1] >= '0' && hash[1] <= '9'))
            *hash = 0;
        char *tok[32];
        int n = 0;
        for (char *t = strtok(buf, " \t\r\n"); t && n < 32; t = strtok(NULL, " \t\r\n"))
            tok[n++] = t;
        if (!n)
            continue;
        if (!strcmp(tok[0], "machine") && n == 2) {
            machine = (unsigned)strtoul(tok[1], NULL, 0);
        } else if (!strcmp(tok[0], "type") && n == 2) {
            type = (unsigned)strtoul(tok[1], NULL, 0);
        } else if (!strcmp(tok[0], "section") && n >= 2) {
            if (D->nsecs == MAX)
                die(line, "too many sections");
            cur = &secs[D->nsecs++];
            snprintf(cur->name, sizeof cur->name, "%s", tok[1]);
            cur->align = 1;
            for (int i = 2; i < n; i++) {
                if (!strcmp(tok[i], "nobits"))
                    cur->nobits = 1;
                else if (!strcmp(tok[i], "progbits"))
                    cur->nobits = 0;
                else if (!strcmp(tok[i], "align") && i + 1 < n)
                    cur->align = strtoull(tok[++i], NULL, 0);
                else if (!strcmp(tok[i], "color") && i + 1 < n)
                    cur->flags = gl_shf_with_color(cur->flags, (unsigned)strtoul(tok[++i], NULL, 0));
                else
                    for (char *c = tok[i]; *c; c++)
                        cur->flags |= *c == 'a' ? SHF_ALLOC : *c == 'w' ? SHF_WRITE
                                      : *c == 'x' ? SHF_EXECINSTR : 0;
            }
        } else if (!strcmp(tok[0], "bytes") || !strcmp(tok[0], "zero")) {
            if (!cur)
                die(line, "no section");
            size_t add = !strcmp(tok[0], "zero") ? strtoull(tok[1], NULL, 0) : (size_t)(n - 1);
            cur->data = realloc(cur->data, cur->size + add + 1);
            for (size_t i = 0; i < add; i++)
                cur->data[cur->size + i] =
                    tok[0][0] == 'z' ? 0 : (uint8_t)strtoul(tok[1 + i], NULL, 16);
            cur->size += add;
        } else if (!strcmp(tok[0], "insn") && n >= 2) {
            if (!cur)
                die(line, "no section");
            gl_insn in = {0};
            in.op = GL_OP_COUNT;
            for (unsigned k = 0; k < GL_OP_COUNT; k++)
                if (!strcmp(op_ids[k], tok[1]))
                    in.op = (uint16_t)k;
            if (in.op == GL_OP_COUNT)
                die(line, "unknown op id");
            unsigned lens = gl_opinfo_get(in.op)->lens;
            in.len = (lens & GL_L16) ? 2 : (lens & GL_L32) ? 4 : 8;
            for (int i = 2; i < n; i++) {
                char *eq = strchr(tok[i], '=');
                if (!eq)
                    die(line, "insn: want key=value");
                long long v = strtoll(eq + 1, NULL, 0);
                *eq = 0;
                if (!strcmp(tok[i], "rc")) in.rc = (uint8_t)v;
                else if (!strcmp(tok[i], "rb")) in.rb = (uint8_t)v;
                else if (!strcmp(tok[i], "ra")) in.ra = (uint8_t)v;
                else if (!strcmp(tok[i], "imm")) in.imm = v;
                else if (!strcmp(tok[i], "len")) in.len = (uint8_t)v;
                else die(line, "insn: unknown key");
            }
            uint8_t enc[8];
            int len = gl_encode(&in, enc);
            if (len < 0)
                die(line, gl_enc_strerror(len));
            cur->data = realloc(cur->data, cur->size + (size_t)len + 1);
            memcpy(cur->data + cur->size, enc, (size_t)len);
            cur->size += (size_t)len;
        } else if (!strcmp(tok[0], "symbol") && n >= 6) {
            sym *s = &syms[D->nsyms++];
            snprintf(s->name, sizeof s->name, "%s", tok[1]);
            s->bind = !strcmp(tok[2], "local") ? STB_LOCAL : !strcmp(tok[2], "weak") ? STB_WEAK
                                                                                     : STB_GLOBAL;
            s->type = !strcmp(tok[3], "func")      ? STT_FUNC
                      : !strcmp(tok[3], "object")  ? STT_OBJECT
                      : !strcmp(tok[3], "section") ? STT_SECTION
                                                   : STT_NOTYPE;
            snprintf(s->sec, sizeof s->sec, "%s", tok[4]);
            s->value = strtoull(tok[5], NULL, 0);
            s->size = n > 6 ? strtoull(tok[6], NULL, 0) : 0;
        } else if (!strcmp(tok[0], "reloc") && n >= 5) {
            int k = find_sec(D, tok[1]);
            if (k < 0)
                die(line, "reloc: unknown section");
            sec *s = &secs[k];
            GElf_Rela *r = &s->rel[s->nrel];
            r->r_offset = strtoull(tok[2], NULL, 0);
            r->r_addend = n > 5 ? strtoll(tok[5], NULL, 0) : 0;
            r->r_info = reloc_type(tok[3], line); /* symbol filled in later */
            snprintf(s->relsym[s->nrel], 64, "%s", tok[4]);
            s->nrel++;
        } else {
            die(line, "bad line");
        }
    }

    /* symbol order: locals first */
    int order[256], k = 0, nlocal = 0;
    for (int i = 0; i < D->nsyms; i++)
        if (syms[i].bind == STB_LOCAL)
            order[k++] = i;
    nlocal = k;
    for (int i = 0; i < D->nsyms; i++)
        if (syms[i].bind != STB_LOCAL)
            order[k++] = i;

    if (elf_version(EV_CURRENT) == EV_NONE)
        return 2;
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(argv[1]);
        return 2;
    }
    Elf *elf = elf_begin(fd, ELF_C_WRITE, NULL);
    GElf_Ehdr eh;
    gelf_newehdr(elf, ELFCLASS64);
    gelf_getehdr(elf, &eh);
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_type = (uint16_t)type;
    eh.e_machine = (uint16_t)machine;
    eh.e_version = EV_CURRENT;

    /* string tables */
    char *shstr = D->shstr, *str = D->str;
    size_t nshstr = 1, nstr = 1;
#define ADDSTR(tab, n, s) (memcpy(tab + n, s, strlen(s) + 1), n += strlen(s) + 1, n - strlen(s) - 1)

    /* section indices: user sections 1..D->nsecs, then rela, symtab, strtab, shstrtab */
    size_t user_name[MAX];
    for (int i = 0; i < D->nsecs; i++)
        user_name[i] = ADDSTR(shstr, nshstr, secs[i].name);
    int nrela = 0;
    for (int i = 0; i < D->nsecs; i++)
        nrela += secs[i].nrel > 0;
    size_t symtab_ndx = 1 + (size_t)D->nsecs + (size_t)nrela;

    Elf64_Sym *out = D->out;
    memset(&out[0], 0, sizeof out[0]);
    for (int i = 0; i < D->nsyms; i++) {
        sym *s = &syms[order[i]];
        Elf64_Sym *o = &out[i + 1];
        o->st_name = s->type == STT_SECTION ? 0 : (Elf64_Word)ADDSTR(str, nstr, s->name);
        o->st_info = (unsigned char)ELF64_ST_INFO(s->bind, s->type);
        o->st_value = s->value;
        o->st_size = s->size;
        if (!strcmp(s->sec, "undef"))
            o->st_shndx = SHN_UNDEF;
        else if (!strcmp(s->sec, "abs"))
            o->st_shndx = SHN_ABS;
        else if (!strcmp(s->sec, "common"))
            o->st_shndx = SHN_COMMON;
        else if (s->sec[0] == '#')
            o->st_shndx = (uint16_t)atoi(s->sec + 1);
        else {
            int j = find_sec(D, s->sec);
            if (j < 0) {
                fprintf(stderr, "_mkobj: symbol %s: unknown section %s\n", s->name, s->sec);
                return 2;
            }
            o->st_shndx = (uint16_t)(j + 1);
        }
    }

    for (int i = 0; i < D->nsecs; i++) {
        sec *s = &secs[i];
        Elf_Scn *scn = elf_newscn(elf);
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        sh.sh_name = (Elf64_Word)user_name[i];
        sh.sh_type = s->nobits ? SHT_NOBITS : SHT_PROGBITS;
        sh.sh_flags = s->flags;
        sh.sh_addralign = s->align;
        Elf_Data *d = elf_newdata(scn);
        d->d_buf = s->nobits ? NULL : s->data;
        d->d_size = s->size;
        d->d_type = ELF_T_BYTE;
        d->d_align = s->align ? s->align : 1;
        if (s->nobits)
            sh.sh_size = s->size;
        gelf_update_shdr(scn, &sh);
    }
    GElf_Rela (*relbuf)[256] = D->relbuf;
    for (int i = 0; i < D->nsecs; i++) {
        sec *s = &secs[i];
        if (!s->nrel)
            continue;
        char name[80] = ".rela";
        size_t nl = strnlen(s->name, sizeof s->name - 1);
        memcpy(name + 5, s->name, nl);
        name[5 + nl] = 0;
        Elf_Scn *scn = elf_newscn(elf);
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        sh.sh_name = (Elf64_Word)ADDSTR(shstr, nshstr, name);
        sh.sh_type = SHT_RELA;
        sh.sh_flags = SHF_INFO_LINK;
        sh.sh_link = (Elf64_Word)symtab_ndx;
        sh.sh_info = (Elf64_Word)(i + 1);
        sh.sh_entsize = sizeof(Elf64_Rela);
        sh.sh_addralign = 8;
        for (int j = 0; j < s->nrel; j++) {
            relbuf[i][j] = s->rel[j];
            int si = sym_index(D, s->relsym[j], order);
            relbuf[i][j].r_info = GELF_R_INFO((uint64_t)si, GELF_R_TYPE(s->rel[j].r_info));
        }
        Elf_Data *d = elf_newdata(scn);
        d->d_buf = relbuf[i];
        d->d_size = (size_t)s->nrel * sizeof(Elf64_Rela);
        d->d_type = ELF_T_RELA;
        d->d_align = 8;
        gelf_update_shdr(scn, &sh);
    }
    Elf_Scn *scn = elf_newscn(elf);
    GElf_Shdr sh;
    gelf_getshdr(scn, &sh);
    sh.sh_name = (Elf64_Word)ADDSTR(shstr, nshstr, ".symtab");
    sh.sh_type = SHT_SYMTAB;
    sh.sh_link = (Elf64_Word)symtab_ndx + 1;
    sh.sh_info = (Elf64_Word)nlocal + 1;
    sh.sh_entsize = sizeof(Elf64_Sym);
    sh.sh_addralign = 8;
    Elf_Data *d = elf_newdata(scn);
    d->d_buf = out;
    d->d_size = (size_t)(D->nsyms + 1) * sizeof(Elf64_Sym);
    d->d_type = ELF_T_SYM;
    d->d_align = 8;
    gelf_update_shdr(scn, &sh);

    scn = elf_newscn(elf);
    gelf_getshdr(scn, &sh);
    sh.sh_name = (Elf64_Word)ADDSTR(shstr, nshstr, ".strtab");
    sh.sh_type = SHT_STRTAB;
    sh.sh_addralign = 1;
    d = elf_newdata(scn);
    d->d_buf = str;
    d->d_size = nstr;
    d->d_type = ELF_T_BYTE;
    d->d_align = 1;
    gelf_update_shdr(scn, &sh);

    scn = elf_newscn(elf);
    gelf_getshdr(scn, &sh);
    sh.sh_name = (Elf64_Word)ADDSTR(shstr, nshstr, ".shstrtab");
    sh.sh_type = SHT_STRTAB;
    sh.sh_addralign = 1;
    d = elf_newdata(scn);
    d->d_buf = shstr;
    d->d_size = nshstr;
    d->d_type = ELF_T_BYTE;
    d->d_align = 1;
    gelf_update_shdr(scn, &sh);
    eh.e_shstrndx = (uint16_t)elf_ndxscn(scn);
    gelf_update_ehdr(elf, &eh);

    if (elf_update(elf, ELF_C_WRITE) < 0) {
        fprintf(stderr, "_mkobj: %s\n", elf_errmsg(-1));
        return 2;
    }
    elf_end(elf);
    close(fd);
    for (int i = 0; i < D->nsecs; i++)
        free(secs[i].data);
    free(D);
    return 0;
}
