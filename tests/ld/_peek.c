/*
 * _peek.c - test helper: read facts out of a linked glyph executable
 * independently of glyph-ld's code (plain libelf), one per line.
 *
 *   _peek FILE phdrs          TYPE VADDR OFFSET FILESZ MEMSZ PERM COLOR  (hex, PERM R/RX/RW)
 *   _peek FILE sections       NAME ADDR SIZE TYPE COLOR  (alloc sections only)
 *   _peek FILE i32|u32|u64|i64 ADDR   value at ADDR in the loaded image, decimal
 *   _peek FILE entry_ib       the NT_GLYPH_ENTRY_IB note, hex
 *   _peek FILE colors         the 35 NT_GLYPH_COLORS words, hex, one per line
 */
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glyph_elf.h"

static int read_at(Elf *elf, uint64_t addr, uint8_t *out, size_t n, const char *img, size_t size)
{
    size_t np;
    elf_getphdrnum(elf, &np);
    for (size_t i = 0; i < np; i++) {
        GElf_Phdr ph;
        gelf_getphdr(elf, (int)i, &ph);
        if (ph.p_type != PT_LOAD || addr < ph.p_vaddr || addr + n > ph.p_vaddr + ph.p_memsz)
            continue;
        for (size_t k = 0; k < n; k++) {
            uint64_t off = addr + k - ph.p_vaddr;
            out[k] = off < ph.p_filesz && ph.p_offset + off < size ? (uint8_t)img[ph.p_offset + off] : 0;
        }
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: _peek FILE what [addr]\n");
        return 2;
    }
    elf_version(EV_CURRENT);
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 2;
    }
    off_t size = lseek(fd, 0, SEEK_END);
    char *img = malloc((size_t)size + 1);
    if (pread(fd, img, (size_t)size, 0) != size)
        return 2;
    Elf *elf = elf_memory(img, (size_t)size);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        fprintf(stderr, "_peek: not ELF\n");
        return 2;
    }
    const char *what = argv[2];
    int rc = 0;
    if (!strcmp(what, "phdrs")) {
        size_t np;
        elf_getphdrnum(elf, &np);
        for (size_t i = 0; i < np; i++) {
            GElf_Phdr ph;
            gelf_getphdr(elf, (int)i, &ph);
            const char *t = ph.p_type == PT_LOAD ? "LOAD" : ph.p_type == PT_NOTE ? "NOTE"
                            : ph.p_type == PT_GNU_STACK ? "STACK" : "OTHER";
            char perm[4] = "", *p = perm;
            if (ph.p_flags & PF_R) *p++ = 'R';
            if (ph.p_flags & PF_W) *p++ = 'W';
            if (ph.p_flags & PF_X) *p++ = 'X';
            printf("%s %" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64 " %s %u\n", t, ph.p_vaddr,
                   ph.p_offset, ph.p_filesz, ph.p_memsz, perm, gl_pf_color(ph.p_flags));
        }
    } else if (!strcmp(what, "sections")) {
        size_t shstrndx;
        elf_getshdrstrndx(elf, &shstrndx);
        for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
            GElf_Shdr sh;
            gelf_getshdr(scn, &sh);
            if (!(sh.sh_flags & SHF_ALLOC))
                continue;
            printf("%s %" PRIx64 " %" PRIx64 " %s %u\n", elf_strptr(elf, shstrndx, sh.sh_name),
                   sh.sh_addr, sh.sh_size, sh.sh_type == SHT_NOBITS ? "nobits" : "progbits",
                   gl_shf_color(sh.sh_flags));
        }
    } else if (!strcmp(what, "entry_ib") || !strcmp(what, "colors")) {
        unsigned type = !strcmp(what, "colors") ? NT_GLYPH_COLORS : NT_GLYPH_ENTRY_IB;
        size_t np;
        elf_getphdrnum(elf, &np);
        rc = 1;
        for (size_t i = 0; i < np; i++) {
            GElf_Phdr ph;
            gelf_getphdr(elf, (int)i, &ph);
            if (ph.p_type != PT_NOTE)
                continue;
            const uint8_t *d = (const uint8_t *)img + ph.p_offset;
            gl_note n;
            long off = 0;
            while ((off = gl_note_next(d, ph.p_filesz, (size_t)off, &n)) > 0) {
                if (!gl_note_is_glyph(&n) || n.type != type)
                    continue;
                for (size_t k = 0; k + 8 <= n.descsz; k += 8) {
                    uint64_t v = 0;
                    for (int b = 7; b >= 0; b--)
                        v = v << 8 | n.desc[k + (size_t)b];
                    printf("%" PRIx64 "\n", v);
                }
                rc = 0;
            }
        }
    } else if (argc == 4) {
        uint64_t addr = strtoull(argv[3], NULL, 0);
        size_t n = !strcmp(what, "i32") || !strcmp(what, "u32") ? 4 : 8;
        uint8_t b[8] = {0};
        if (!read_at(elf, addr, b, n, img, (size_t)size)) {
            fprintf(stderr, "_peek: address %s not in a segment\n", argv[3]);
            return 1;
        }
        uint64_t v = 0;
        for (int k = (int)n - 1; k >= 0; k--)
            v = v << 8 | b[k];
        if (!strcmp(what, "i32"))
            printf("%" PRId64 "\n", (int64_t)(int32_t)(uint32_t)v);
        else if (!strcmp(what, "i64"))
            printf("%" PRId64 "\n", (int64_t)v);
        else
            printf("%" PRIu64 "\n", v);
    } else {
        fprintf(stderr, "_peek: unknown request %s\n", what);
        rc = 2;
    }
    elf_end(elf);
    free(img);
    close(fd);
    return rc;
}
