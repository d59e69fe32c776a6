/*
 * report.c - what a trap means in user mode today: a line on stderr
 * naming the cause, the address and the instruction, and the exit
 * status of the signal Linux would have sent (128 + SIGSEGV, SIGBUS,
 * SIGILL, SIGTRAP), when the guest has no handler for it (signal.c
 * turns the same trap record into a signal frame otherwise).  With line
 * information in the executable (-g), the faulting pc's source line ends
 * the line: "... at pc=0x11004 ib=0x10040 (/src/t.s:5)".
 */
#include <inttypes.h>
#include <signal.h>
#include <string.h>

#include "user.h"

unsigned emu_insn_text(const emu_mem *m, uint64_t pc, char *buf, size_t size)
{
    size_t avail = 0;
    const uint8_t *code = (pc & 1) ? NULL : emu_mem_fetch(m, pc, &avail);
    snprintf(buf, size, "?");
    if (!code)
        return 0;
    gl_insn in;
    unsigned len = gl_decode(code, avail, &in);
    if (len == 0) /* announced length runs into a non-executable page */
        len = (unsigned)avail;
    if (in.op == GL_OP_INVALID)
        gl_disasm_data(code, len, buf, size);
    else
        gl_disasm(&in, 0, buf, size);
    return len;
}

/* One --trace line: address, ib, encoding (packets), disassembly. */
void emu_trace_insn(FILE *f, const emu_mem *m, uint64_t pc, uint64_t ib)
{
    char enc[32] = "", dis[96];
    unsigned len = emu_insn_text(m, pc, dis, sizeof dis);
    size_t avail;
    const uint8_t *code = emu_mem_fetch(m, pc, &avail);
    size_t o = 0;
    for (unsigned k = 0; k < len; k += 2) {
        unsigned w = emu_get16(code + k);
        o += (size_t)snprintf(enc + o, sizeof enc - o, "%s%04x", k ? " " : "", w);
    }
    fprintf(f, "0x%08" PRIx64 " ib=0x%" PRIx64 "  %-19s  %s\n", pc, ib, enc, dis);
}

/* "load from unmapped address" etc. */
static const char *access_what(const emu_mem *m, int store, uint64_t a)
{
    uint8_t e = emu_mem_perm(m, a);
    if (!(e & EMU_P_MAPPED))
        return store ? "store to unmapped address" : "load from unmapped address";
    if (store)
        return "store to read-only address";
    return "load from unreadable address";
}

int emu_trap_report(emu_ctx *ctx, const emu_trap *t)
{
    const emu_mem *m = &ctx->as->mem;
    FILE *f = ctx->log;
    char what[160];
    const char *cause = "segmentation fault";
    int sig = SIGSEGV;
    char insn[96];

    switch (t->kind) {
    case EMU_T_BREAK:
        emu_insn_text(m, t->pc, insn, sizeof insn);
        cause = "breakpoint";
        sig = SIGTRAP;
        snprintf(what, sizeof what, "%s", insn);
        break;
    case EMU_T_ILLEGAL:
    case EMU_T_INVALID:
    case EMU_T_PRIV:
        emu_insn_text(m, t->pc, insn, sizeof insn);
        cause = "illegal instruction";
        sig = SIGILL;
        snprintf(what, sizeof what, "%s%s", t->kind == EMU_T_INVALID ? "undecodable " : t->kind == EMU_T_PRIV ? "not allowed in user mode: " : "", insn);
        break;
    case EMU_T_FETCH: {
        uint8_t e = emu_mem_perm(m, t->addr);
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
                 access_what(m, t->kind == EMU_T_STORE, t->addr), t->addr);
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
    char src[300];
    int has_src = emu_source_line(ctx->exe_path ? ctx->exe_path : ctx->prog, t->pc, src,
                                  sizeof src);
    fprintf(f, EMU_NAME ": %s: %s: %s at pc=0x%" PRIx64 " ib=0x%" PRIx64 "%s%s%s\n",
            ctx->prog, cause, what, t->pc, t->ib, has_src ? " (" : "", has_src ? src : "",
            has_src ? ")" : "");
    fflush(f);
    ctx->term_sig = sig;
    return EMU_STATUS_SIGNAL + sig;
}
