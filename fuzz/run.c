/* run.c - fuzz target: glyph-run's ELF loader on one input and, when it
 * loads, a short run (at most 20000 instructions) with every system call
 * that reaches outside the guest refused (opt.sandbox). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "user.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    const char *path = fuzz_input_path(data, size);
    if (!path || !devnull)
        return 0;
    emu_ctx *ctx = calloc(1, sizeof *ctx);
    emu_aspace *as = calloc(1, sizeof *as);
    emu_hart *hart = calloc(1, sizeof *hart);
    if (!ctx || !as || !hart) {
        free(ctx);
        free(as);
        free(hart);
        return 0;
    }
    ctx->log = devnull;
    ctx->prog = path;
    ctx->opt.max_insns = 20000;
    ctx->opt.sandbox = 1;
    char *argv[] = {"fuzz", NULL}, *envp[] = {NULL};
    if (emu_aspace_init(as) == 0) {
        emu_hart_init(hart, as);
        ctx->as = as;
        ctx->hart = hart;
        if (emu_load(ctx, path) == 0) {
            emu_interp_select(as);
            if (emu_setup_stack(ctx, 1, argv, envp) == 0 && emu_hostfault_init(hart) == 0) {
                emu_run(ctx);
                emu_hostfault_fini(hart);
            }
        }
        emu_aspace_free(as);
    }
    free(as);
    free(hart);
    free(ctx->exe_path);
    free(ctx->phdr_copy);
    free(ctx);
    return 0;
}
