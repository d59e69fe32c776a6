/* ld.c - fuzz target: glyph-ld's object reader on one input (libelf from
 * memory), then symbol resolution, layout and relocation of what it read. */
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
        }
        elf_end(e);
    }
    ld_layout_free(&ctx);
    ld_objects_free(&ctx);
    ld_symtab_free(&ctx);
    return 0;
}
