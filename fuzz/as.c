/* as.c - fuzz target: glyph-as on one source buffer (all passes and the
 * ELF writer, into a memfd: libelf needs a file it can size). */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "as.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_path(data, size);
    if (!path)
        return 0;
    as_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.prog = "glyph-as";
    ctx.max_errors = AS_MAX_ERRORS; /* as glyph-as: reading stops there */
    ctx.cur_list = -1;
    as_begin(&ctx);
    static int out = -1;
    if (out < 0)
        out = memfd_create("glyph-as-fuzz-out", MFD_CLOEXEC);
    if (as_passes(&ctx, &path, 1) == 0 && out >= 0 && ftruncate(out, 0) == 0 &&
        lseek(out, 0, SEEK_SET) == 0)
        as_write_elf(&ctx, out);
    as_ctx_free(&ctx);
    return 0;
}
