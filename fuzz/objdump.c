/* objdump.c - fuzz target: glyph-objdump's loader on one input, then
 * every dump of -x -d -l -s (output to stdout, closed while fuzzing). */
#include <stdlib.h>
#include <string.h>

#include "od.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    elf_version(EV_CURRENT); /* cheap; libelf needs it once */
    od_ctx c;
    memset(&c, 0, sizeof c);
    c.prog = "glyph-objdump";
    c.file_header = c.private_headers = c.section_headers = c.syms = c.relocs = 1;
    c.contents = c.disasm = c.line_numbers = 1;
    uint8_t *buf = malloc(size ? size : 1); /* od_load takes it */
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    od_file f;
    if (od_load(&c, &f, "fuzz", "fuzz", buf, size)) {
        od_dump_file_header(&c, &f);
        od_dump_private(&c, &f);
        od_dump_sections(&c, &f);
        od_dump_symbols(&c, &f);
        od_dump_contents(&c, &f);
        f.lines = od_lines_load(&c, &f);
        od_dump_disasm(&c, &f);
        od_lines_free(f.lines);
        f.lines = NULL;
    }
    od_unload(&f);
    return 0;
}
