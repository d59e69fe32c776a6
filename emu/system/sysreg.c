/*
 * sysreg.c - the system register file of glyph-virt: sysread, syswrite,
 * sysset and sysclear by number, with the access and privilege columns
 * of lib/sysregs.def, the user gates of scontrol (F, T, D), the
 * colorcaps when ccontrol.C is on, and the side effects of the
 * registers that have any (tack, stimer, smessage, econtrol, the debug
 * monitor's ...).
 * Values live in mc->sr[number]; docs/isa.md "System mode" has the rules.
 */
#include <time.h>

#include "isa.h"
#include "system/machine.h"

uint64_t sys_ctime(const sys_machine *mc)
{
    if (mc->opt.clock_insn)
        return (mc->h->icount * mc->opt.ns_per_insn) + mc->clock_skew;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec - mc->host_t0;
}

void sys_sr_reset(sys_machine *mc)
{
    for (unsigned i = 0; i < 4096; i++)
        mc->sr[i] = 0;
    mc->h->fpstatus = mc->h->fpcontrol = 0;
    mc->sr[GL_SR_sfeature] = SYS_SFEATURE;
    mc->sr[GL_SR_sversion] = SYS_SVERSION;
    mc->sr[GL_SR_mfeature] = SYS_MFEATURE;
    mc->sr[GL_SR_saddress] = SYS_SADDRESS; /* hart 0 */
    mc->sr[GL_SR_sdomain] = SYS_SDOMAIN;
    mc->unacked = 0;
    mc->pin_level = 0;
    sys_tlb_flush(mc);
}

/* The colorcap a register needs when ccontrol.C is set: a mask register
 * number, or 0 for none (user registers). */
static unsigned cap_class(unsigned n)
{
    if (n < 0x10)
        return 0;
    if ((n >= 0x41 && n <= 0x49) || (n >= 0x100 && n < 0x310)) /* colormatexec too */
        return GL_SR_colorcap;
    if ((n >= 0x61 && n <= 0x65) || (n >= 0xf00 && n < 0xf10) || n == GL_SR_econtrol)
        return GL_SR_colormac;
    if ((n >= 0x51 && n <= 0x55) || (n >= 0x400 && n < 0xf00))
        return GL_SR_colordom;
    return GL_SR_colorsys;
}

static int is_domain(unsigned n)
{
    return (n >= 0x51 && n <= 0x55) || (n >= 0x400 && n < 0xf00);
}

/* The cause of an access of the system role that a register's access
 * column forbids (a write to a read-only one, a read of a write-only
 * one): the spec routes faults "arising from access to" machine
 * registers to the machine role and those of domain registers to the
 * domain role, so these are a machine fault (15) and a domain fault
 * (14); the rest are illegal instructions (D13). */
static int access_cause(unsigned n)
{
    if ((n >= 0x61 && n <= 0x65) || (n >= 0xf00 && n < 0xf10))
        return SYS_C_MACHINE;
    if (is_domain(n))
        return SYS_C_DOMAIN;
    return SYS_C_ILLEGAL;
}

/* Reachable?  0, or the cause (D13: role before colour). */
static int check(sys_machine *mc, unsigned n, unsigned want, int user)
{
    unsigned priv = user ? GL_PRIV_USER : GL_PRIV_SYS;
    if (!gl_sysreg_allowed(n, 0, priv)) /* unnamed, or not for this role */
        return SYS_C_ILLEGAL;
    if (!gl_sysreg_allowed(n, want, priv))
        return user ? SYS_C_ILLEGAL : access_cause(n);
    if (user) {
        uint64_t sc = mc->sr[GL_SR_scontrol];
        unsigned need = n <= GL_SR_fpcontrol ? SYS_SCONTROL_F
                        : n <= GL_SR_cfreq ? SYS_SCONTROL_T : SYS_SCONTROL_D;
        if (!(sc & need))
            return SYS_C_ILLEGAL;
    }
    /* untranslated code has colour 0 (D14) */
    unsigned cls = cap_class(n);
    if ((mc->sr[GL_SR_ccontrol] & 1) && cls && !(mc->sr[cls] & 1))
        return SYS_C_CAP;
    return 0;
}

int sys_sr_read(sys_machine *mc, unsigned n, int user, uint64_t *v)
{
    int c = check(mc, n, GL_SR_READ, user);
    if (c)
        return c;
    switch (n) {
    case GL_SR_fpstatus: *v = mc->h->fpstatus; break;
    case GL_SR_fpcontrol: *v = mc->h->fpcontrol; break;
    case GL_SR_ctime: *v = sys_ctime(mc); break;
    case GL_SR_cfreq: *v = SYS_CFREQ_PS; break;
    case GL_SR_address: *v = mc->sr[GL_SR_saddress]; break;
    case GL_SR_domain: *v = mc->sr[GL_SR_sdomain]; break;
    case GL_SR_econtrol: *v = 0; break;
    case GL_SR_dinst: /* one cycle per instruction */
    case GL_SR_dcycle: *v = mc->h->icount; break;
    default: *v = is_domain(n) ? 0 : mc->sr[n]; break; /* D15: domains read 0 */
    }
    return 0;
}

/* Acknowledge cause (D7): clears the unacknowledged state and the
 * interrupt's pending bit; a pin still high latches again (D19). */
static void tack(sys_machine *mc, unsigned cause)
{
    mc->unacked = 0;
    if (cause == SYS_C_TIMER)
        mc->sr[GL_SR_tstatus] &= ~(uint64_t)SYS_TSTATUS_T;
    else if (cause == SYS_C_MESSAGE)
        mc->sr[GL_SR_tstatus] &= ~(uint64_t)SYS_TSTATUS_M;
    else if (cause >= SYS_C_PIN0 && cause < SYS_C_PIN0 + 32) {
        uint32_t bit = 1u << (cause - SYS_C_PIN0);
        mc->sr[GL_SR_sip] &= ~(uint64_t)bit;
        if (mc->pin_level & bit)
            mc->sr[GL_SR_sip] |= bit;
    }
}

/* A message to starget under smask (D24): one hart, so it reaches
 * this one when the target is the boot hart (0), broadcast (all ones),
 * or our machine or domain address. */
static void message(sys_machine *mc)
{
    uint64_t t = mc->sr[GL_SR_starget], m = mc->sr[GL_SR_smask];
    if (t == 0 || t == ~(uint64_t)0 || (t & m) == (mc->sr[GL_SR_saddress] & m) ||
        (t & m) == (mc->sr[GL_SR_sdomain] & m)) {
        mc->sr[GL_SR_tstatus] |= SYS_TSTATUS_M;
        mc->msg_source = mc->sr[GL_SR_saddress] & m;
    }
}

int sys_sr_write(sys_machine *mc, unsigned n, int user, unsigned op, uint64_t v)
{
    int c = check(mc, n, GL_SR_WRITE, user);
    if (c)
        return c;
    uint64_t old;
    if (n == GL_SR_fpstatus || n == GL_SR_fpcontrol)
        old = n == GL_SR_fpstatus ? mc->h->fpstatus : mc->h->fpcontrol;
    else
        old = mc->sr[n];
    uint64_t nv = op == GL_OP_SYSWRITE ? v : op == GL_OP_SYSSET ? old | v : old & ~v;
    switch (n) {
    case GL_SR_fpstatus: mc->h->fpstatus = nv; return 0;
    case GL_SR_fpcontrol: mc->h->fpcontrol = nv; return 0;
    case GL_SR_tack: tack(mc, (unsigned)(v & 63)); return 0;
    case GL_SR_smessage: message(mc); return 0;
    case GL_SR_econtrol: sys_econtrol(mc, v); return 0;
    case GL_SR_tcontrol: nv &= SYS_TCONTROL_I; break;
    case GL_SR_scontrol: nv &= SYS_SFEATURE; break;
    case GL_SR_mcontrol: nv &= SYS_MFEATURE; break;
    case GL_SR_ccontrol: nv &= 1; break;
    case GL_SR_sie: nv &= 0xffffffffu; break;
    case GL_SR_stimer: /* D8: a new deadline clears the pending tick */
        mc->sr[GL_SR_tstatus] &= ~(uint64_t)SYS_TSTATUS_T;
        break;
    case GL_SR_colorread: case GL_SR_colorwrite: case GL_SR_colorexec:
    case GL_SR_colorsys: case GL_SR_colordom: case GL_SR_colorcap: case GL_SR_colormac:
        nv &= 0xffff;
        break;
    default:
        if (is_domain(n))
            return 0; /* D15: writes ignored */
        if (n >= GL_SR_colormatread && n < GL_SR_colormatexec + 16)
            nv &= 0xffff; /* the colour matrix */
        break;
    }
    mc->sr[n] = nv;
    if (n == GL_SR_mtlbent) {
        sys_stlb_insert(mc);
        mc->as->flush_pending = 1; /* blocks may hold the miss as a fault */
        mc->fault_cause = 0;
    }
    /* what the decoder saw may depend on it: blocks go (D9) */
    /* ... and so may the debug monitor's addresses, which the TLB must
     * not hide (their pages get no entry) */
    if (n == GL_SR_mcontrol || n == GL_SR_sptr || n == GL_SR_ccontrol || n == GL_SR_scontrol ||
        cap_class(n) == GL_SR_colorcap || n == GL_SR_dfetch || n == GL_SR_dread ||
        n == GL_SR_dwrite) {
        mc->as->flush_pending = 1;
        mc->fault_cause = 0;
        if (n == GL_SR_sptr)
            sys_tlb_flush_asid(mc); /* global translations stay */
        else
            sys_tlb_flush(mc);
    }
    return 0;
}
