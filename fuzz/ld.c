/* ld.c - fuzz target: glyph-ld's object reader on one input (libelf from
 * memory), then symbol resolution, layout and relocation of what it read,
 * its debug sections, and the source line of every even offset of its
 * code (the .debug_line reader). */
#include <string.h>

#include "ld.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    elf_version(EV_CURRENT); /* cheap; libelf needs it once */
    ld_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.objects_tail = &ctx.objects;
    ctx.base = GL_DEFAULT_BASE;
    Elf *e = elf_memory((char *)data, size);
    if (e) {
        ld_object_parse(&ctx, e, "fuzz.o");
        if (!ctx.nerrors) {
            ld_resolve_finish(&ctx);
            ld_layout(&ctx);
            if (!ctx.nerrors)
                ld_relocate(&ctx);
            ld_debug_layout(&ctx);
            char line[256];
            for (ld_object *o = ctx.objects; o; o = o->next)
                for (size_t i = 1; i < o->nsecs; i++)
                    for (uint64_t off = 0; o->secs[i].kind == LD_KIND_TEXT &&
                                           off < o->secs[i].size && off < 4096; off += 2)
                        ld_source_line(&ctx, &o->secs[i], off, line, sizeof line);
        }
        elf_end(e);
    }
    ld_layout_free(&ctx);
    ld_debug_free(&ctx);
    ld_objects_free(&ctx);
    ld_symtab_free(&ctx);
    return 0;
}
