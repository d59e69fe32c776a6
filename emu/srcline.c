/*
 * srcline.c - the source line of a guest pc for fault reports, from the
 * executable's (or the -M virt kernel's) .debug_line (glyph-as -g through
 * glyph-ld), read with the
 * reader glyph-ld and glyph-objdump share (lib/dwarf_line.c).  Read only
 * when a fault is reported, never at start-up; an executable without
 * line information, or with a malformed one, just has no line.
 */
#include <fcntl.h>
#include <gelf.h>
#include <string.h>
#include <unistd.h>

#include "dwarf_line.h"
#include "user.h"

int emu_source_line(const char *path, uint64_t pc, char *buf, size_t size)
{
    int fd = path ? open(path, O_RDONLY) : -1;
    if (fd < 0)
        return 0;
    int found = 0;
    Elf *e = elf_version(EV_CURRENT) != EV_NONE ? elf_begin(fd, ELF_C_READ, NULL) : NULL;
    size_t shstrndx;
    if (e && elf_kind(e) == ELF_K_ELF && elf_getshdrstrndx(e, &shstrndx) == 0) {
        for (Elf_Scn *scn = elf_nextscn(e, NULL); scn && !found; scn = elf_nextscn(e, scn)) {
            GElf_Shdr sh;
            const char *name;
            if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
                !(name = elf_strptr(e, shstrndx, sh.sh_name)) || strcmp(name, ".debug_line"))
                continue;
            Elf_Data *d = elf_getdata(scn, NULL);
            gl_lines l;
            char err[160];
            const char *file;
            unsigned line;
            if (!d || !d->d_buf || d->d_size != sh.sh_size ||
                gl_lines_read(d->d_buf, d->d_size, NULL, NULL, NULL, &l, err, sizeof err))
                break;
            if (gl_lines_find(&l, 0, pc, &file, &line)) {
                snprintf(buf, size, "%s:%u", file, line);
                found = 1;
            }
            gl_lines_free(&l);
            break;
        }
    }
    if (e)
        elf_end(e);
    close(fd);
    return found;
}
