/* run.c - fuzz target: glyph-run's ELF loader on one input and, when it
 * loads, a short run (at most 20000 instructions) with every system call
 * that reaches outside the guest refused (opt.sandbox). */
#include <stdio.h>
#include <stdlib.h>

#include "emu.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    const char *path = fuzz_input_path(data, size);
    if (!path || !devnull)
        return 0;
    emu_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return 0;
    ctx->log = devnull;
    ctx->prog = path;
    ctx->opt.max_insns = 20000;
    ctx->opt.sandbox = 1;
    char *argv[] = {"fuzz", NULL}, *envp[] = {NULL};
    if (emu_mem_init(&ctx->mem) == 0 && emu_cache_init(&ctx->cache) == 0 &&
        emu_load(ctx, path) == 0) {
        emu_interp_select(ctx);
        if (emu_setup_stack(ctx, 1, argv, envp) == 0 && emu_fault_init(ctx) == 0) {
            emu_run(ctx);
            emu_fault_fini(ctx);
        }
    }
    emu_cache_free(&ctx->cache);
    emu_mem_free(&ctx->mem);
    free(ctx->exe_path);
    free(ctx->phdr_copy);
    free(ctx);
    return 0;
}
