/*
 * run.c - the run loop: find the block for (pc, ib), run it, handle
 * what made it stop (next block, syscall, trap), until the program
 * exits.  --trace and the last few instructions before --max-insns run
 * one instruction at a time (throw-away single-step blocks); everything
 * else chains from block to block inside the interpreter.
 */
#include <inttypes.h>
#include <string.h>

#include "emu.h"

void emu_dump_regs(emu_ctx *ctx)
{
    const emu_cpu *c = &ctx->cpu;
    FILE *f = ctx->log;
    fprintf(f, "pc=0x%016" PRIx64 "\n", c->pc);
    fprintf(f, "ib=0x%016" PRIx64 "\n", c->ib);
    fprintf(f, "flag=0x%016" PRIx64 "\n", c->flag);
    for (unsigned i = 0; i < EMU_NREGS; i++)
        fprintf(f, "r%u=0x%016" PRIx64 "\n", i, c->r[i]);
    fflush(f);
}

/* One --trace line: address, ib, encoding (packets), disassembly. */
static void trace_insn(emu_ctx *ctx, uint64_t pc, uint64_t ib)
{
    const emu_mem *m = &ctx->mem;
    char enc[32] = "", dis[96];
    unsigned len = emu_insn_text(ctx, pc, dis, sizeof dis);
    size_t o = 0;
    for (unsigned k = 0; k < len; k += 2) {
        unsigned w = m->base[pc + k] | m->base[pc + k + 1] << 8;
        o += (size_t)snprintf(enc + o, sizeof enc - o, "%s%04x", k ? " " : "", w);
    }
    fprintf(ctx->log, "0x%08" PRIx64 " ib=0x%" PRIx64 "  %-19s  %s\n", pc, ib,
            enc, dis);
}

int emu_run(emu_ctx *ctx)
{
    /* A host fault on a guest access lands here (fault.c). */
    if (sigsetjmp(ctx->fault_jmp, 1)) {
        ctx->in_guest = 0;
        if (ctx->opt.dump_regs)
            emu_dump_regs(ctx);
        return emu_trap_report(ctx);
    }
    /* room for a single-step block: one instruction and its STOP */
    _Alignas(emu_block) uint8_t stepbuf[sizeof(emu_block) + 2 * sizeof(emu_uop)];
    emu_block *const step = (emu_block *)stepbuf;
    uint64_t limit = ctx->opt.max_insns ? ctx->opt.max_insns : UINT64_MAX;
    ctx->chain_limit = ctx->opt.trace ? 0 : limit;
    ctx->chain_slot = NULL;

    for (;;) {
        if (ctx->flush_pending) {
            emu_cache_flush(ctx);
            ctx->chain_limit = ctx->opt.trace ? 0 : limit;
        }
        if (ctx->icount >= limit) {
            fprintf(ctx->log, EMU_NAME ": %s: stopped after %" PRIu64
                    " instructions (--max-insns) at pc=0x%" PRIx64 " ib=0x%" PRIx64 "\n",
                    ctx->prog, ctx->icount, ctx->cpu.pc, ctx->cpu.ib);
            if (ctx->opt.dump_regs)
                emu_dump_regs(ctx);
            return EMU_STATUS_LIMIT;
        }
        uint64_t pc = ctx->cpu.pc, ib = ctx->cpu.ib;
        emu_block *b;
        uint64_t gen = ctx->cache.gen;
        emu_block *nb = emu_block_get(ctx, pc, ib);
        if (ctx->xfer_on && !emu_colors_enter(ctx, nb)) { /* colormatexec */
            if (ctx->opt.dump_regs)
                emu_dump_regs(ctx);
            return emu_trap_report(ctx);
        }
        if (ctx->opt.trace || ctx->icount + nb->n > limit) {
            ctx->chain_slot = NULL;
            emu_block_step(ctx, pc, ib, step);
            b = step;
            if (ctx->opt.trace)
                trace_insn(ctx, pc, ib);
        } else {
            if (ctx->chain_slot && gen == ctx->cache.gen)
                *ctx->chain_slot = nb;
            b = nb;
        }
        ctx->chain_slot = NULL;
        ctx->in_guest = 1;
        int why = ctx->interp(ctx, b);
        ctx->in_guest = 0;
        if (b == step)
            ctx->chain_slot = NULL;
        switch (why) {
        case EMU_EXIT_LOOKUP:
            break;
        case EMU_EXIT_SYSCALL:
            emu_syscall(ctx);
            if (ctx->exited) {
                if (ctx->opt.dump_regs)
                    emu_dump_regs(ctx);
                return ctx->exit_status;
            }
            break;
        case EMU_EXIT_TRAP:
            if (ctx->opt.dump_regs)
                emu_dump_regs(ctx);
            return emu_trap_report(ctx);
        }
    }
}
