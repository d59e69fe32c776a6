/*
 * _dumpobj.c - test helper: print an ELF object as stable text so shell
 * tests can compare what glyph-as produced.
 *
 *   _dumpobj [-d] [-s NAME] file.o
 *
 * Output lines:
 *   header machine=0x676c type=REL class=64 data=LSB
 *   section NAME type=PROGBITS flags=AX color=N align=A size=S
 *     OFF: BYTES            (hex, 16 bytes a row; with -d code sections
 *     OFF: WORD  TEXT        are disassembled through lib instead)
 *   reloc SECTION+0xOFF TYPE SYMBOL+ADDEND
 *   symbol NAME BIND TYPE SECTION VALUE SIZE
 */
#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glyph_elf.h"
#include "isa.h"

static const char *type_name(unsigned t)
{
    switch (t) {
    case SHT_PROGBITS: return "PROGBITS";
    case SHT_NOBITS: return "NOBITS";
    case SHT_RELA: return "RELA";
    case SHT_SYMTAB: return "SYMTAB";
    case SHT_STRTAB: return "STRTAB";
    case SHT_NOTE: return "NOTE";
    }
    return "OTHER";
}

static void flags_str(uint64_t f, char *b)
{
    char *p = b;
    if (f & SHF_ALLOC) *p++ = 'A';
    if (f & SHF_WRITE) *p++ = 'W';
    if (f & SHF_EXECINSTR) *p++ = 'X';
    if (f & SHF_MERGE) *p++ = 'M';
    if (f & SHF_STRINGS) *p++ = 'S';
    if (f & SHF_INFO_LINK) *p++ = 'I';
    if (p == b) *p++ = '-';
    *p = 0;
}

int main(int argc, char **argv)
{
    int dis = 0, a = 1;
    const char *only = NULL;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "-d") == 0)
            dis = 1;
        else if (strcmp(argv[a], "-s") == 0 && a + 1 < argc)
            only = argv[++a];
    }
    if (a >= argc) {
        fprintf(stderr, "usage: _dumpobj [-d] [-s SECTION] file.o\n");
        return 2;
    }
    elf_version(EV_CURRENT);
    int fd = open(argv[a], O_RDONLY);
    if (fd < 0) {
        perror(argv[a]);
        return 1;
    }
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!e || !gelf_getehdr(e, &eh)) {
        fprintf(stderr, "%s: not ELF\n", argv[a]);
        return 1;
    }
    size_t shstr;
    elf_getshdrstrndx(e, &shstr);
    if (!only)
        printf("header machine=0x%x type=%s class=%d data=%s\n", eh.e_machine,
               eh.e_type == ET_REL ? "REL" : "OTHER", eh.e_ident[EI_CLASS] == ELFCLASS64 ? 64 : 32,
               eh.e_ident[EI_DATA] == ELFDATA2LSB ? "LSB" : "MSB");
    Elf_Scn *symscn = NULL;
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        gelf_getshdr(s, &sh);
        if (sh.sh_type == SHT_SYMTAB)
            symscn = s;
    }
    GElf_Shdr symsh;
    Elf_Data *symd = NULL;
    if (symscn) {
        gelf_getshdr(symscn, &symsh);
        symd = elf_getdata(symscn, NULL);
    }
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        gelf_getshdr(s, &sh);
        const char *name = elf_strptr(e, shstr, sh.sh_name);
        if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_STRTAB || sh.sh_type == SHT_RELA)
            continue;
        if (only && strcmp(only, name) != 0)
            continue;
        char fl[16];
        flags_str(sh.sh_flags, fl);
        printf("section %s type=%s flags=%s color=%u align=%" PRIu64 " size=%" PRIu64 "\n", name,
               type_name(sh.sh_type), fl, gl_shf_color(sh.sh_flags), sh.sh_addralign, sh.sh_size);
        if (sh.sh_type == SHT_NOBITS)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        const uint8_t *p = d ? d->d_buf : NULL;
        size_t n = d ? d->d_size : 0;
        if (dis && (sh.sh_flags & SHF_EXECINSTR)) {
            for (size_t off = 0; off < n;) {
                gl_insn in;
                unsigned len = gl_decode(p + off, n - off, &in);
                char text[128];
                if (!len || in.op == GL_OP_INVALID) {
                    len = 2;
                    gl_disasm_data(p + off, 2, text, sizeof text);
                } else {
                    gl_disasm(&in, 0, text, sizeof text);
                }
                char hex[40] = "";
                for (unsigned k = 0; k < len && off + k < n; k += 2)
                    sprintf(hex + strlen(hex), "%02x%02x", p[off + k + 1], p[off + k]);
                printf("  %04zx: %-16s %s\n", off, hex, text);
                off += len;
            }
        } else {
            for (size_t off = 0; off < n; off += 16) {
                printf("  %04zx:", off);
                for (size_t k = off; k < off + 16 && k < n; k++)
                    printf(" %02x", p[k]);
                printf("\n");
            }
        }
    }
    for (Elf_Scn *s = elf_nextscn(e, NULL); s && symd; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        gelf_getshdr(s, &sh);
        if (sh.sh_type != SHT_RELA)
            continue;
        GElf_Shdr tsh;
        gelf_getshdr(elf_getscn(e, sh.sh_info), &tsh);
        const char *tname = elf_strptr(e, shstr, tsh.sh_name);
        if (only && strcmp(only, tname) != 0)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Rela r;
            gelf_getrela(d, (int)i, &r);
            GElf_Sym y;
            gelf_getsym(symd, (int)GELF_R_SYM(r.r_info), &y);
            const char *sn = GELF_ST_TYPE(y.st_info) == STT_SECTION
                                 ? elf_strptr(e, shstr, elf_getscn(e, y.st_shndx) ?
                                              (gelf_getshdr(elf_getscn(e, y.st_shndx), &tsh), tsh.sh_name) : 0)
                                 : elf_strptr(e, symsh.sh_link, y.st_name);
            const char *tn = gl_reloc_name((unsigned)GELF_R_TYPE(r.r_info));
            printf("reloc %s+0x%" PRIx64 " %s %s%+" PRId64 "\n", tname, r.r_offset,
                   tn ? tn : "?", sn ? sn : "?", r.r_addend);
        }
    }
    for (size_t i = 1; symd && !only && i < symsh.sh_size / symsh.sh_entsize; i++) {
        GElf_Sym y;
        gelf_getsym(symd, (int)i, &y);
        int t = GELF_ST_TYPE(y.st_info), b = GELF_ST_BIND(y.st_info);
        if (t == STT_SECTION)
            continue;
        const char *sec;
        if (y.st_shndx == SHN_UNDEF) sec = "UND";
        else if (y.st_shndx == SHN_ABS) sec = "ABS";
        else if (y.st_shndx == SHN_COMMON) sec = "COM";
        else {
            GElf_Shdr ssh;
            gelf_getshdr(elf_getscn(e, y.st_shndx), &ssh);
            sec = elf_strptr(e, shstr, ssh.sh_name);
        }
        printf("symbol %s %s %s %s 0x%" PRIx64 " %" PRIu64 "\n",
               elf_strptr(e, symsh.sh_link, y.st_name),
               b == STB_GLOBAL ? "GLOBAL" : b == STB_WEAK ? "WEAK" : "LOCAL",
               t == STT_FUNC ? "FUNC" : t == STT_OBJECT ? "OBJECT" : t == STT_FILE ? "FILE" : "NOTYPE",
               sec, y.st_value, y.st_size);
    }
    elf_end(e);
    close(fd);
    return 0;
}
