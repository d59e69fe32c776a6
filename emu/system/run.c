/*
 * run.c - the glyph-virt run loop: between runs of the hart (emu_exec)
 * it finishes device stores, polls the UART, advances the timer and
 * delivers interrupts; each trap event goes to trap.c.  The budget of a
 * run ends at the timer deadline on the instruction clock, so timer
 * interrupts arrive at the same instruction on every run.  Also the
 * machine's reports: a stop, -d's registers, econtrol.
 */
#include <inttypes.h>
#include <stdarg.h>

#include "insntext.h"
#include "isa.h"
#include "system/machine.h"

void sys_stop(sys_machine *mc, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(mc->log, SYS_NAME ": machine stopped: ");
    vfprintf(mc->log, fmt, ap);
    char src[300]; /* a kernel with line information: where it stopped */
    int has_src = emu_source_line(mc->opt.kernel, mc->h->pc, src, sizeof src);
    fprintf(mc->log, " at pc=0x%" PRIx64 " ib=0x%" PRIx64 "%s%s%s\n", mc->h->pc, mc->h->ib,
            has_src ? " (" : "", has_src ? src : "", has_src ? ")" : "");
    va_end(ap);
    mc->stopped = 1;
    mc->status = status;
}

void sys_dump_regs(sys_machine *mc)
{
    const emu_hart *h = mc->h;
    FILE *f = mc->log;
    fprintf(f, "pc=0x%016" PRIx64 "\nib=0x%016" PRIx64 "\nflag=0x%016" PRIx64 "\n", h->pc,
            h->ib, h->flag);
    for (unsigned i = 0; i < EMU_NREGS; i++)
        fprintf(f, "r%u=0x%016" PRIx64 "\n", i, h->r[i]);
    /* the system registers: every single one, families where not 0 */
    for (unsigned n = 0; n < 4096; n++) {
        char name[32];
        uint64_t v;
        if (!gl_sysreg_allowed(n, 0, GL_PRIV_SYS) || !gl_sysreg_allowed(n, GL_SR_READ, GL_PRIV_SYS))
            continue;
        if (sys_sr_read(mc, n, 0, &v) != 0)
            v = mc->sr[n];
        if (n >= 0x100 && n != GL_SR_econtrol && v == 0)
            continue;
        gl_sysreg_format(n, name, sizeof name);
        fprintf(f, "%s=0x%016" PRIx64 "\n", name, v);
    }
    fflush(f);
}

/* D23: 0 diagnostic, 1/2 warm/cold reset, 3 power off with cause & 255. */
void sys_econtrol(sys_machine *mc, uint64_t v)
{
    unsigned op = (unsigned)(v >> 56);
    uint64_t cause = v & (((uint64_t)1 << 56) - 1);
    switch (op) {
    case 0:
        fprintf(mc->log, SYS_NAME ": econtrol: diagnostic 0x%" PRIx64 "\n", cause);
        break;
    case 1:
    case 2:
        if (mc->opt.no_reboot) {
            sys_stop(mc, SYS_STATUS_STOP, "%s reset (cause 0x%" PRIx64 ") with --no-reboot",
                     op == 1 ? "warm" : "cold", cause);
            return;
        }
        sys_reset(mc, op == 2);
        mc->reset_taken = 1;
        break;
    case 3:
        mc->stopped = 1;
        mc->status = (int)(cause & 255);
        break;
    default:
        fprintf(mc->log, SYS_NAME ": econtrol: unknown opcode %u (cause 0x%" PRIx64 ")\n", op,
                cause);
        break;
    }
}

/* How many instructions may run before the loop must look again. */
static uint64_t budget(sys_machine *mc)
{
    uint64_t b = mc->opt.clock_insn ? (uint64_t)1 << 20 : (uint64_t)1 << 16;
    uint64_t st = mc->sr[GL_SR_stimer];
    if (st && mc->opt.clock_insn) {
        uint64_t now = sys_ctime(mc), n = mc->opt.ns_per_insn;
        uint64_t until = st > now ? (st - now + n - 1) / n : 1;
        if (until < b)
            b = until;
    }
    if (mc->opt.max_insns && mc->opt.max_insns - mc->h->icount < b)
        b = mc->opt.max_insns - mc->h->icount;
    uint64_t ds = mc->sr[GL_SR_dstop]; /* the debug monitor's stop point */
    if (ds > mc->h->icount && ds - mc->h->icount < b)
        b = ds - mc->h->icount;
    return b ? b : 1;
}

int sys_run(sys_machine *mc)
{
    emu_hart *h = mc->h;
    h->single_step = mc->opt.trace;
    for (;;) {
        sys_phys_flush(mc);
        sys_uart_poll(&mc->uart, 0);
        if (!mc->stopped)
            sys_dstop_check(mc);
        if (!mc->stopped)
            sys_irq_check(mc);
        if (mc->stopped)
            break;
        if (mc->opt.max_insns && h->icount >= mc->opt.max_insns) {
            fprintf(mc->log, SYS_NAME ": stopped after %" PRIu64
                    " instructions (--max-insns) at pc=0x%" PRIx64 " ib=0x%" PRIx64 "\n",
                    h->icount, h->pc, h->ib);
            mc->status = SYS_STATUS_LIMIT;
            break;
        }
        if (mc->opt.trace)
            emu_trace_insn(mc->log, &mc->as->mem, h->pc, h->ib);
        switch (emu_exec(h, mc->opt.trace ? 1 : budget(mc))) {
        case EMU_EV_LIMIT:
            break;
        case EMU_EV_SYSCALL: /* not from the translating interpreter */
        case EMU_EV_TRAP:
            sys_phys_flush(mc);
            sys_trap_handle(mc);
            break;
        }
    }
    sys_phys_flush(mc);
    if (mc->opt.dump_regs)
        sys_dump_regs(mc);
    return mc->status;
}
