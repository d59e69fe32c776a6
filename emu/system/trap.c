/*
 * trap.c - traps and interrupts of glyph-virt: what an event of the core
 * (hart.h) means on the machine.  A trap enters the single trap vector
 * (thpc, thib) with tcause, tvalue, tepc, teib set and tcontrol.I
 * cleared (D6); iret returns.  A synchronous trap taken before the last
 * one was acknowledged (tack) is a double fault and stops the machine
 * (D7).  The system instructions (sysread ..., syscall, iret, wfi,
 * fence) arrive here as EMU_T_PRIV traps of the translating interpreter
 * and are executed here.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "isa.h"
#include "system/machine.h"

static const char *cause_name(unsigned c)
{
    static const char *const names[] = {
        [SYS_C_BREAK] = "break", [SYS_C_ILLEGAL] = "illegal instruction",
        [SYS_C_DEBUG] = "debug", [SYS_C_MISALIGN_FETCH] = "misaligned fetch",
        [SYS_C_MISALIGN_LOAD] = "misaligned load", [SYS_C_MISALIGN_STORE] = "misaligned store",
        [SYS_C_ACCESS_FETCH] = "fetch access fault", [SYS_C_ACCESS_LOAD] = "load access fault",
        [SYS_C_ACCESS_STORE] = "store access fault", [SYS_C_PAGE_FETCH] = "fetch page fault",
        [SYS_C_PAGE_LOAD] = "load page fault", [SYS_C_PAGE_STORE] = "store page fault",
        [SYS_C_CAP] = "capability fault", [SYS_C_DOMAIN] = "domain fault",
        [SYS_C_MACHINE] = "machine fault", [SYS_C_TLB] = "TLB miss",
        [SYS_C_SYSCALL] = "syscall", [SYS_C_TIMER] = "timer", [SYS_C_MESSAGE] = "message",
    };
    if (c >= SYS_C_PIN0 && c < SYS_C_PIN0 + 32)
        return "pin";
    return c < sizeof names / sizeof *names && names[c] ? names[c] : "?";
}

void sys_trap_enter(sys_machine *mc, unsigned cause, uint64_t tvalue, uint64_t epc,
                    uint64_t eib, int sync)
{
    emu_hart *h = mc->h;
    if (mc->opt.trace_traps)
        fprintf(mc->log, SYS_NAME ": %s %u (%s): tvalue=0x%" PRIx64 " tepc=0x%" PRIx64
                " teib=0x%" PRIx64 " icount=%" PRIu64 "\n", sync ? "trap" : "interrupt",
                cause, cause_name(cause), tvalue, epc, eib, h->icount);
    if (sync && mc->unacked) {
        sys_stop(mc, SYS_STATUS_STOP, "double fault (cause %u, %s, tvalue=0x%" PRIx64
                 ") before cause %" PRIu64 " was acknowledged", cause, cause_name(cause),
                 tvalue, mc->sr[GL_SR_tcause]);
        return;
    }
    mc->sr[GL_SR_tcause] = cause;
    mc->sr[GL_SR_tvalue] = tvalue;
    mc->sr[GL_SR_tepc] = epc;
    mc->sr[GL_SR_teib] = eib;
    mc->sr[GL_SR_tcontrol] &= ~(uint64_t)SYS_TCONTROL_I;
    mc->unacked = 1;
    h->pc = mc->sr[GL_SR_thpc];
    h->ib = mc->sr[GL_SR_thib];
}

/* The role of the code at pc (D4): with translation off everything runs
 * with the system role; with it on, the user address space is user. */
static int user_role(const sys_machine *mc, uint64_t pc)
{
    return (mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_V) && pc < ((uint64_t)1 << 47);
}

/* The instruction at pc, decoded, and its packets as tvalue (D21). */
static unsigned fetch_insn(sys_machine *mc, uint64_t pc, gl_insn *in, uint64_t *word)
{
    size_t avail = 0;
    const uint8_t *code = emu_mem_fetch(&mc->as->mem, pc, &avail);
    *word = 0;
    memset(in, 0, sizeof *in);
    if (!code)
        return 0;
    unsigned len = gl_decode(code, avail, in);
    memcpy(word, code, len ? len : avail);
    return len;
}

/* The cause of a failed access at a (D10), from the slow path. */
static unsigned access_cause(sys_machine *mc, uint64_t a, unsigned acc)
{
    if (a == mc->fault_addr && mc->fault_cause)
        return mc->fault_cause;
    unsigned cause;
    sys_mmu_access(mc, a, 1, acc, 0, &cause);
    return cause;
}

static void wfi(sys_machine *mc);

static void system_insn(sys_machine *mc, uint64_t pc, uint64_t ib)
{
    emu_hart *h = mc->h;
    gl_insn in;
    uint64_t word;
    unsigned len = fetch_insn(mc, pc, &in, &word);
    int user = user_role(mc, pc);
    sys_irq_pending(mc); /* tstatus and sip as of this instruction */
    int colorsys_ok = !(mc->sr[GL_SR_ccontrol] & 1) || (mc->sr[GL_SR_colorsys] & 1);
    int cause = 0;
    switch (in.op) {
    case GL_OP_SYSREAD: {
        uint64_t v;
        cause = sys_sr_read(mc, (unsigned)in.imm, user, &v);
        if (!cause)
            h->r[in.rc] = v;
        break;
    }
    case GL_OP_SYSWRITE: case GL_OP_SYSSET: case GL_OP_SYSCLEAR:
        cause = sys_sr_write(mc, (unsigned)in.imm, user, in.op, h->r[in.rc]);
        break;
    case GL_OP_SYSCALL:
        sys_trap_enter(mc, SYS_C_SYSCALL, 0, pc, ib, 1); /* D21: handler adds 4 */
        return;
    case GL_OP_IRET:
        if (user || !colorsys_ok) {
            cause = user ? SYS_C_ILLEGAL : SYS_C_CAP;
            break;
        }
        h->icount++;
        h->pc = mc->sr[GL_SR_tepc];
        h->ib = mc->sr[GL_SR_teib];
        mc->sr[GL_SR_tcontrol] |= SYS_TCONTROL_I;
        mc->unacked = 0;
        return;
    case GL_OP_WFI:
        if (user || !colorsys_ok) {
            cause = user ? SYS_C_ILLEGAL : SYS_C_CAP;
            break;
        }
        h->icount++;
        h->pc = pc + len;
        wfi(mc);
        return;
    case GL_OP_FENCE: /* D9: all translations and decoded blocks go */
        sys_tlb_flush(mc);
        mc->as->flush_pending = 1;
        break;
    default:
        cause = SYS_C_ILLEGAL;
        break;
    }
    if (mc->stopped)
        return;
    if (mc->reset_taken) { /* pc is the reset vector now */
        mc->reset_taken = 0;
        return;
    }
    if (cause) {
        sys_trap_enter(mc, (unsigned)cause, word, pc, ib, 1);
    } else {
        h->icount++; /* it completed (the core counts only what it ran) */
        h->pc = pc + len;
    }
}

/* A failed access: its trap, tvalue = the address; a debug monitor
 * exception (cause 3) also says in dstatus which monitor it was. */
static void memory_trap(sys_machine *mc, unsigned cause, unsigned dbit, const emu_trap *t)
{
    if (cause == SYS_C_DEBUG)
        mc->sr[GL_SR_dstatus] = dbit;
    sys_trap_enter(mc, cause, t->addr, t->pc, t->ib, 1);
}

/* dstop (0: off): before the instruction that dinst numbers dstop
 * (dinst = dstop: that many instructions have completed), cause 3 with
 * tvalue = dstop and dstatus.S.  dinst only grows, so this happens once;
 * the run loop's budget ends a run there (run.c). */
int sys_dstop_check(sys_machine *mc)
{
    uint64_t d = mc->sr[GL_SR_dstop];
    if (!d || mc->h->icount != d)
        return 0;
    mc->sr[GL_SR_dstatus] = SYS_DSTATUS_S;
    sys_trap_enter(mc, SYS_C_DEBUG, d, mc->h->pc, mc->h->ib, 1);
    return 1;
}

void sys_trap_handle(sys_machine *mc)
{
    const emu_trap t = mc->h->trap;
    gl_insn in;
    uint64_t word;
    switch (t.kind) {
    case EMU_T_PRIV:
        system_insn(mc, t.pc, t.ib);
        return;
    case EMU_T_BREAK:
    case EMU_T_ILLEGAL:
    case EMU_T_INVALID:
        fetch_insn(mc, t.pc, &in, &word);
        sys_trap_enter(mc, t.kind == EMU_T_BREAK ? SYS_C_BREAK : SYS_C_ILLEGAL, word, t.pc,
                       t.ib, 1);
        return;
    case EMU_T_FETCH_ALIGN:
        sys_trap_enter(mc, SYS_C_MISALIGN_FETCH, t.addr, t.pc, t.ib, 1);
        return;
    case EMU_T_FETCH:
    case EMU_T_CAP_FETCH:
        memory_trap(mc, access_cause(mc, t.addr, EMU_P_X), SYS_DSTATUS_F, &t);
        return;
    case EMU_T_LOAD:
    case EMU_T_CAP_LOAD:
        memory_trap(mc, access_cause(mc, t.addr, EMU_P_R), SYS_DSTATUS_R, &t);
        return;
    case EMU_T_STORE:
    case EMU_T_CAP_STORE:
        memory_trap(mc, access_cause(mc, t.addr, EMU_P_W), SYS_DSTATUS_W, &t);
        return;
    default:
        sys_trap_enter(mc, SYS_C_MACHINE, t.addr, t.pc, t.ib, 1);
        return;
    }
}

/* D8: the one-shot timer fires when ctime reaches stimer (not 0). */
static void timer_update(sys_machine *mc)
{
    uint64_t st = mc->sr[GL_SR_stimer];
    if (st && sys_ctime(mc) >= st) {
        mc->sr[GL_SR_tstatus] |= SYS_TSTATUS_T;
        mc->sr[GL_SR_stimer] = 0;
    }
}

void sys_pins_update(sys_machine *mc)
{
    uint32_t level = sys_uart_irq(&mc->uart) ? 1u : 0u;
    mc->sr[GL_SR_sip] |= level & ~mc->pin_level; /* rising edges */
    mc->pin_level = level;
}

int sys_irq_pending(sys_machine *mc)
{
    timer_update(mc);
    sys_pins_update(mc);
    return (mc->sr[GL_SR_tstatus] & (SYS_TSTATUS_T | SYS_TSTATUS_M)) ||
           (mc->sr[GL_SR_sie] & mc->sr[GL_SR_sip]);
}

int sys_irq_check(sys_machine *mc)
{
    if (!sys_irq_pending(mc) || !(mc->sr[GL_SR_tcontrol] & SYS_TCONTROL_I) || mc->unacked)
        return 0;
    emu_hart *h = mc->h;
    uint64_t ts = mc->sr[GL_SR_tstatus], pins = mc->sr[GL_SR_sie] & mc->sr[GL_SR_sip];
    /* D18: lowest cause first */
    if (ts & SYS_TSTATUS_T)
        sys_trap_enter(mc, SYS_C_TIMER, sys_ctime(mc), h->pc, h->ib, 0);
    else if (ts & SYS_TSTATUS_M)
        sys_trap_enter(mc, SYS_C_MESSAGE, mc->msg_source, h->pc, h->ib, 0);
    else if (pins)
        sys_trap_enter(mc, SYS_C_PIN0 + (unsigned)__builtin_ctzll(pins), 0, h->pc, h->ib, 0);
    else
        return 0;
    return 1;
}

/* D20: wait until the timer, a message or an enabled pin could wake us
 * (even with I clear); stop the machine when nothing ever can. */
static void wfi(sys_machine *mc)
{
    while (!sys_irq_pending(mc)) {
        uint64_t st = mc->sr[GL_SR_stimer];
        int uart_can = (mc->sr[GL_SR_sie] & 1) && !mc->uart.rx_eof &&
                       (mc->uart.ier & 1);
        if (st && mc->opt.clock_insn) {
            mc->clock_skew += st - sys_ctime(mc); /* skip ahead to the deadline */
            continue;
        }
        if (!st && !uart_can) {
            sys_stop(mc, SYS_STATUS_STOP, "wfi with nothing that can wake it "
                     "(stimer 0, no enabled interrupt source)");
            return;
        }
        int ms = -1;
        if (st) {
            uint64_t now = sys_ctime(mc);
            ms = st > now ? (int)((st - now) / 1000000u) + 1 : 0;
        }
        if (uart_can)
            sys_uart_poll(&mc->uart, ms);
        else if (ms > 0) {
            struct timespec d = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
            nanosleep(&d, NULL);
        }
    }
}
