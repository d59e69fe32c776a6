/*
 * run.c - the user-mode driver loop: run the hart (emu_exec) and give
 * each event its Linux meaning: a syscall goes to syscall.c, a trap
 * becomes a signal for the guest's handler or is reported and ends the
 * process (signal.c, report.c), an interrupt delivers queued signals,
 * the end of the budget is --max-insns.  --trace runs one instruction per emu_exec and prints it
 * first.  Every guest thread runs this loop on its own hart (thread.c);
 * it returns when the thread exits or another ends the process.
 */
#include <inttypes.h>
#include <string.h>

#include "user.h"

void emu_note_prot(emu_ctx *ctx, unsigned prot)
{
    (void)prot; /* emu_mem_map/protect noted it in the memory */
    if (ctx->as->interp)
        emu_interp_select(ctx->as);
}

void emu_dump_regs(emu_ctx *ctx)
{
    const emu_hart *c = ctx->hart;
    FILE *f = ctx->log;
    fprintf(f, "pc=0x%016" PRIx64 "\n", c->pc);
    fprintf(f, "ib=0x%016" PRIx64 "\n", c->ib);
    fprintf(f, "flag=0x%016" PRIx64 "\n", c->flag);
    for (unsigned i = 0; i < EMU_NREGS; i++)
        fprintf(f, "r%u=0x%016" PRIx64 "\n", i, c->r[i]);
    fflush(f);
}

int emu_run(emu_ctx *ctx)
{
    emu_hart *h = ctx->hart;
    uint64_t limit = ctx->opt.max_insns ? ctx->opt.max_insns : UINT64_MAX;
    h->single_step = ctx->opt.trace;
    for (;;) {
        if (emu_proc_stopping(ctx)) { /* another thread ended the process */
            ctx->exited = ctx->thread_exit = 1;
            return 0;
        }
        if (h->icount >= limit) {
            fprintf(ctx->log, EMU_NAME ": %s: stopped after %" PRIu64
                    " instructions (--max-insns) at pc=0x%" PRIx64 " ib=0x%" PRIx64 "\n",
                    ctx->prog, h->icount, h->pc, h->ib);
            if (ctx->opt.dump_regs)
                emu_dump_regs(ctx);
            return EMU_STATUS_LIMIT;
        }
        if (ctx->opt.trace)
            emu_trace_insn(ctx->log, &ctx->as->mem, h->pc, h->ib);
        switch (emu_exec(h, ctx->opt.trace ? 1 : limit - h->icount)) {
        case EMU_EV_LIMIT:
            break;
        case EMU_EV_SYSCALL:
            emu_syscall(ctx);
            if (!ctx->exited)
                emu_sig_deliver(ctx); /* e.g. kill to itself, an unblocked signal */
            if (ctx->exited) {
                if (ctx->opt.dump_regs && !(ctx->thread_exit && emu_strace_tid(ctx)))
                    emu_dump_regs(ctx);
                return ctx->exit_status;
            }
            break;
        case EMU_EV_INTERRUPT: /* a host signal for the guest */
            emu_sig_deliver(ctx);
            if (ctx->exited) {
                if (ctx->opt.dump_regs)
                    emu_dump_regs(ctx);
                return ctx->exit_status;
            }
            break;
        case EMU_EV_TRAP:
            /* the guest's handler, if it has one for the signal and
             * does not block it; else the default action: the report */
            if (emu_sig_trap(ctx, &h->trap)) {
                if (ctx->exited)
                    return ctx->exit_status;
                break;
            }
            if (ctx->opt.dump_regs)
                emu_dump_regs(ctx);
            return emu_trap_report(ctx, &h->trap);
        }
    }
}
