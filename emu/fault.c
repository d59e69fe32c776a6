/*
 * fault.c - host signals and guest trap reports.
 *
 * Guest loads and stores are plain host accesses into the reserved
 * region (mem.h).  When one faults, the SIGSEGV/SIGBUS handler (on its
 * own alternate stack) checks that the address lies in the region and
 * that the interpreter was running; it then records the guest address
 * and the uop being executed and siglongjmps back to the run loop, which
 * reports the trap precisely.  A fault anywhere else is a bug in the
 * emulator: the handler restores the default action and returns, so the
 * fault repeats and kills the process with the real signal.
 *
 * A store to a writable page from which blocks were decoded is not a
 * fault: the page gets its write permission back and the block cache is
 * flushed at the next block boundary.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "emu.h"

/* Signal handlers take no user argument: this is the one piece of
 * global state, set while a context is live. */
static _Thread_local emu_ctx *fault_ctx;

static int is_store(unsigned op)
{
    switch (op) {
    case GL_OP_STORE: case GL_OP_STOREPC: case GL_OP_STORE_I8:
    case GL_OP_STORE_I16: case GL_OP_STORE_I32:
        return 1;
    }
    return 0;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    emu_ctx *ctx = fault_ctx;
    uint8_t *a = si->si_addr;
    if (ctx && ctx->in_guest && ctx->cur && a >= ctx->mem.base &&
        a < ctx->mem.base + EMU_GUEST_SIZE + EMU_GUARD) {
        uint64_t ga = (uint64_t)(a - ctx->mem.base);
        uint8_t *e = ga < EMU_GUEST_SIZE ? &ctx->mem.perm[ga >> EMU_PAGE_SHIFT] : NULL;
        const unsigned wc = EMU_P_W | EMU_P_MAPPED | EMU_P_CACHED;
        if (sig == SIGSEGV && e && (*e & wc) == wc) {
            *e &= (uint8_t)~EMU_P_CACHED;
            mprotect(ctx->mem.base + emu_page_down(ga), EMU_PAGE_SIZE,
                     PROT_READ | PROT_WRITE);
            ctx->flush_pending = 1;
            ctx->chain_limit = 0; /* leave the interpreter at the next block end */
            return;
        }
        const emu_uop *u = ctx->cur;
        const emu_block *b = ctx->cur_blk;
        emu_trap *t = &ctx->trap;
        if (sig == SIGBUS)
            t->kind = EMU_T_BUS;
        else if (is_store(u->op))
            t->kind = EMU_T_STORE;
        else if (u->op == GL_OP_CAS || u->op == GL_OP_SWAP)
            t->kind = e && (*e & EMU_P_R) ? EMU_T_STORE : EMU_T_LOAD;
        else
            t->kind = EMU_T_LOAD;
        t->addr = ga;
        t->pc = ctx->cpu.pc = u->pc;
        t->ib = ctx->cpu.ib = b->ib;
        ctx->icount -= b->n - (uint64_t)(u - b->u);
        siglongjmp(ctx->fault_jmp, 1);
    }
    /* not a guest access: let the default action happen */
    signal(sig, SIG_DFL);
}

int emu_fault_init(emu_ctx *ctx)
{
    size_t sz = 64 * 1024;
    ctx->altstack = malloc(sz);
    if (!ctx->altstack)
        return -1;
    stack_t ss = {.ss_sp = ctx->altstack, .ss_size = sz, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0)
        return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) != 0 || sigaction(SIGBUS, &sa, NULL) != 0)
        return -1;
    fault_ctx = ctx;
    return 0;
}

void emu_fault_fini(emu_ctx *ctx)
{
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    stack_t ss = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    free(ctx->altstack);
    ctx->altstack = NULL;
    fault_ctx = NULL;
}

unsigned emu_insn_text(emu_ctx *ctx, uint64_t pc, char *buf, size_t size)
{
    const emu_mem *m = &ctx->mem;
    size_t avail = (pc & 1) ? 0 : emu_mem_exec_avail(m, pc);
    snprintf(buf, size, "?");
    if (!avail)
        return 0;
    gl_insn in;
    unsigned len = gl_decode(m->base + pc, avail, &in);
    if (len == 0) /* announced length runs into a non-executable page */
        len = (unsigned)avail;
    if (in.op == GL_OP_INVALID)
        gl_disasm_data(m->base + pc, len, buf, size);
    else
        gl_disasm(&in, 0, buf, size);
    return len;
}

/* "load from unmapped address" etc. */
static const char *access_what(emu_ctx *ctx, int store, uint64_t a)
{
    uint8_t e = emu_mem_perm(&ctx->mem, a);
    if (!(e & EMU_P_MAPPED))
        return store ? "store to unmapped address" : "load from unmapped address";
    if (store)
        return "store to read-only address";
    return "load from unreadable address";
}

int emu_trap_report(emu_ctx *ctx)
{
    const emu_trap *t = &ctx->trap;
    FILE *f = ctx->log;
    char what[160];
    const char *cause = "segmentation fault";
    int sig = SIGSEGV;
    char insn[96];

    switch (t->kind) {
    case EMU_T_BREAK:
        emu_insn_text(ctx, t->pc, insn, sizeof insn);
        cause = "breakpoint";
        sig = SIGTRAP;
        snprintf(what, sizeof what, "%s", insn);
        break;
    case EMU_T_ILLEGAL:
    case EMU_T_INVALID:
    case EMU_T_PRIV:
        emu_insn_text(ctx, t->pc, insn, sizeof insn);
        cause = "illegal instruction";
        sig = SIGILL;
        snprintf(what, sizeof what, "%s%s", t->kind == EMU_T_INVALID ? "undecodable " : t->kind == EMU_T_PRIV ? "not allowed in user mode: " : "", insn);
        break;
    case EMU_T_FETCH: {
        uint8_t e = emu_mem_perm(&ctx->mem, t->addr);
        snprintf(what, sizeof what, "fetch from %s address 0x%" PRIx64,
                 e & EMU_P_MAPPED ? "non-executable" : "unmapped", t->addr);
        break;
    }
    case EMU_T_FETCH_ALIGN:
        cause = "bus error";
        sig = SIGBUS;
        snprintf(what, sizeof what, "misaligned fetch from address 0x%" PRIx64, t->addr);
        break;
    case EMU_T_LOAD:
    case EMU_T_STORE:
        snprintf(what, sizeof what, "%s 0x%" PRIx64,
                 access_what(ctx, t->kind == EMU_T_STORE, t->addr), t->addr);
        break;
    case EMU_T_BUS:
        cause = "bus error";
        sig = SIGBUS;
        snprintf(what, sizeof what, "access past the end of a mapped file at address 0x%" PRIx64, t->addr);
        break;
    case EMU_T_CAP_FETCH:
        cause = "capability fault";
        snprintf(what, sizeof what, "execute from address 0x%" PRIx64
                 " of color %u by code color %u (colorexec)", t->addr, t->dcolor,
                 t->scolor);
        break;
    case EMU_T_CAP_XFER:
        cause = "capability fault";
        snprintf(what, sizeof what, "transfer to address 0x%" PRIx64 " of code color %u by "
                 "code color %u (colormatexec)", t->addr, t->dcolor, t->scolor);
        break;
    case EMU_T_CAP_LOAD:
    case EMU_T_CAP_STORE:
        cause = "capability fault";
        snprintf(what, sizeof what, "%s address 0x%" PRIx64 " of data color %u by code color %u",
                 t->kind == EMU_T_CAP_LOAD ? "load from" : "store to", t->addr,
                 t->dcolor, t->scolor);
        break;
    default:
        snprintf(what, sizeof what, "unknown trap %d", t->kind);
        break;
    }
    fprintf(f, EMU_NAME ": %s: %s: %s at pc=0x%" PRIx64 " ib=0x%" PRIx64 "\n",
            ctx->prog, cause, what, t->pc, t->ib);
    fflush(f);
    return EMU_STATUS_SIGNAL + sig;
}
