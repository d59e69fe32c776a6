/*
 * mmu.c - vm12 address translation of glyph-virt (docs/isa.md 7.1):
 * canonical addresses and address-space prefixes, the role rules, the
 * 4-level walk (4 KiB, 2 MiB and 1 GiB leaves), the permission, A/D,
 * scontrol.A/E and colour checks with the causes of D10, and a small
 * TLB of RAM pages for the interpreter's loads and stores, flushed by
 * the rules of D9.  The physical and device address spaces are direct
 * (identity) for the system role.  Translation off: phys.c alone, and
 * RAM pages go to the TLB all the same.
 */
#include <string.h>

#include "isa.h"
#include "system/machine.h"

enum { PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_T = 16, PTE_G = 32, PTE_A = 64,
       PTE_D = 128 };
enum { AS_USER, AS_SYSTEM, AS_PHYS, AS_GROUP, AS_PRIVATE, AS_RESERVED };

/* The address space of a canonical vm12 address (bits 47:43). */
static int space_of(uint64_t a)
{
    unsigned top = (unsigned)(a >> 43) & 31;
    if (!(top & 16)) return AS_USER;
    if ((top & 24) == 16) return AS_SYSTEM;
    if ((top & 28) == 24) return AS_PHYS;
    if ((top & 30) == 28) return AS_GROUP;
    if (top == 30) return AS_PRIVATE;
    return AS_RESERVED;
}

static int canonical(uint64_t a)
{
    return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

static unsigned page_fault(unsigned acc)
{
    return acc & EMU_P_X ? SYS_C_PAGE_FETCH : acc & EMU_P_W ? SYS_C_PAGE_STORE : SYS_C_PAGE_LOAD;
}

static unsigned access_fault(unsigned acc)
{
    return acc & EMU_P_X ? SYS_C_ACCESS_FETCH
           : acc & EMU_P_W ? SYS_C_ACCESS_STORE : SYS_C_ACCESS_LOAD;
}

void sys_tlb_flush(sys_machine *mc)
{
    memset(mc->tlb, 0, sizeof mc->tlb);
    memset(mc->stlb, 0, sizeof mc->stlb);
    memset(mc->pwc, 0, sizeof mc->pwc);
    mc->tlb_flushes++;
}

/* What was derived from a software TLB entry: the machine's TLB and the
 * decoded blocks. */
static void flush_derived(sys_machine *mc)
{
    memset(mc->tlb, 0, sizeof mc->tlb);
    mc->as->flush_pending = 1;
}

/* A write to sptr (D9): the entries of global pages (PTE.G) and of the
 * direct physical spaces stay; every other entry goes.  So no entry
 * outlives the address space it was filled in, and the TLB needs no
 * ASID in its tags. */
void sys_tlb_flush_asid(sys_machine *mc)
{
    for (unsigned k = 0; k < 2; k++)
        for (unsigned i = 0; i < EMU_TLB_SIZE; i++)
            if (!mc->tlb_global[k][i])
                mc->tlb[k][i].tag = 0;
    for (unsigned i = 0; i < SYS_STLB_SIZE; i++)
        if (!(mc->stlb[i].pte & PTE_G))
            mc->stlb[i].pte = 0;
    memset(mc->pwc, 0, sizeof mc->pwc); /* another tree */
    mc->tlb_flushes++;
}

/* The software TLB (mcontrol.S): the handler of cause 16 writes mtlbfmt
 * (ASID [15:0], level [59:56]: 0, 1, 2 = 4 KiB, 2 MiB, 1 GiB, type
 * [63:60] = 1, vm12) and then mtlbent (a leaf PTE), which inserts the
 * entry for mtlbkey.  A bad type or level, or a PTE without V, inserts
 * nothing.  Entries are replaced round robin; replacing one drops what
 * was derived from it. */
void sys_stlb_insert(sys_machine *mc)
{
    uint64_t fmt = mc->sr[GL_SR_mtlbfmt], pte = mc->sr[GL_SR_mtlbent];
    unsigned level = (unsigned)(fmt >> 56) & 15;
    if (fmt >> 60 != 1 || level > 2 || !(pte & PTE_V))
        return;
    struct sys_stlb *e = &mc->stlb[mc->stlb_next];
    mc->stlb_next = (mc->stlb_next + 1) % SYS_STLB_SIZE;
    if (e->pte)
        flush_derived(mc);
    uint64_t mask = ((uint64_t)1 << (12 + 9 * level)) - 1;
    e->key = mc->sr[GL_SR_mtlbkey] & ~mask;
    e->fmt = fmt;
    e->pte = pte;
}

/* The software TLB's leaf for va, like walk(): 0, or cause 16 with
 * mtlbkey = va's page (offset zeroed). */
static unsigned stlb_find(sys_machine *mc, uint64_t va, uint64_t *leaf, int *level)
{
    unsigned asid = (unsigned)mc->sr[GL_SR_sptr] & 0xfff;
    for (unsigned i = 0; i < SYS_STLB_SIZE; i++) {
        const struct sys_stlb *e = &mc->stlb[i];
        unsigned l = (unsigned)(e->fmt >> 56) & 15;
        uint64_t mask = ((uint64_t)1 << (12 + 9 * l)) - 1;
        if (e->pte && (va & ~mask) == e->key &&
            ((e->pte & PTE_G) || (e->fmt & 0xffff) == asid)) {
            *leaf = e->pte;
            *level = (int)l;
            return 0;
        }
    }
    mc->sr[GL_SR_mtlbkey] = va & ~(uint64_t)0xfff;
    return SYS_C_TLB;
}

void sys_tlb_flush_stores(sys_machine *mc)
{
    memset(mc->tlb[1], 0, sizeof mc->tlb[1]);
}

/* The PTE's translation address: bits 47:12, sign-extended. */
static uint64_t pte_addr(uint64_t pte)
{
    return (uint64_t)((int64_t)(pte << 16) >> 16) & ~(uint64_t)0xfff;
}

/* Walk sptr's tables for va: 0 and the leaf (and its level), or the cause.
 * The page-walk cache keeps the last-level table of a 2 MiB region once
 * a walk got there through three valid pointers, so the next walk in
 * that region reads one PTE, not four: like the TLB it may keep what a
 * changed PTE no longer says until a flush of D9, which empties it.  Not
 * with the physical permission check, which needs every table walked. */
static unsigned walk(sys_machine *mc, uint64_t va, unsigned acc, uint64_t *leaf, int *level,
                     uint64_t tables[4], unsigned *ntables)
{
    *ntables = 0;
    uint64_t sptr = mc->sr[GL_SR_sptr];
    if (sptr >> 60 != 1)
        return page_fault(acc); /* not vm12 */
    if (!canonical((uint64_t)((int64_t)(sptr << 4) >> 4)))
        return page_fault(acc); /* root sext [59:48] not that of bit 47 */
    uint64_t table = pte_addr(sptr);
    if (space_of(table) != AS_PHYS)
        return page_fault(acc);
    int cache = !(mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_P);
    uint64_t tag = (va >> 21) << 1 | 1;
    struct sys_pwc *pc = &mc->pwc[(va >> 21) & (SYS_PWC_SIZE - 1)];
    int top = 3;
    if (cache && pc->tag == tag) {
        table = pc->table;
        top = 0;
    }
    for (int l = top; l >= 0; l--) {
        tables[(*ntables)++] = table;
        unsigned idx = (unsigned)(va >> (12 + 9 * l)) & 511, c;
        const uint8_t *p = sys_phys_access(mc, table + idx * 8, 8, EMU_P_R, 0, &c);
        if (!p)
            return access_fault(acc);
        uint64_t pte = emu_get64(p);
        if (!(pte & PTE_V))
            return page_fault(acc); /* D11: pointers too */
        if ((uint64_t)((int64_t)(pte << 16) >> 16) != pte)
            return page_fault(acc); /* D11: PTE sext bits */
        if (!(pte & (PTE_R | PTE_W | PTE_X))) {
            if (l == 0)
                return page_fault(acc); /* a pointer at the last level */
            table = pte_addr(pte);
            if (space_of(table) != AS_PHYS)
                return page_fault(acc);
            if (l == 1 && cache) {
                pc->tag = tag;
                pc->table = table;
            }
            continue;
        }
        if (l == 3)
            return page_fault(acc); /* a 512 GiB leaf is no page size (D11) */
        if ((pte & PTE_W) && !(pte & PTE_R))
            return page_fault(acc);
        if (pte_addr(pte) & ((((uint64_t)1 << (9 * l)) - 1) << 12))
            return page_fault(acc); /* misaligned superpage */
        *leaf = pte;
        *level = l;
        return 0;
    }
    return page_fault(acc);
}

static unsigned translate(sys_machine *mc, uint64_t va, unsigned acc, int user, uint64_t *pa,
                          unsigned *color);

/* Does the tree map physical address x (its physical-space VA) onto
 * itself with at least the bits need (PTE_T, PTE_R/W/X)?  The self-map's
 * own walk is not checked again. */
static int self_mapped(sys_machine *mc, uint64_t x, uint64_t need)
{
    uint64_t sm, tables[4];
    unsigned ntables;
    int level;
    if (walk(mc, x, EMU_P_R, &sm, &level, tables, &ntables) != 0)
        return 0;
    uint64_t mask = ((uint64_t)1 << (12 + 9 * level)) - 1;
    return pte_addr(sm) + (x & mask & ~(uint64_t)0xfff) == (x & ~(uint64_t)0xfff) &&
           (sm & need) == need;
}

/* Colour of the page the executing block came from (0: untranslated),
 * needed only while ccontrol.C is on: blocks record it when decoded
 * (sys_code_color), and every change of it drops them. */
static unsigned code_color(const sys_machine *mc)
{
    const emu_block *cb = mc->h->cur_blk;
    return (mc->sr[GL_SR_ccontrol] & 1) && cb ? cb->color : 0;
}

unsigned sys_code_color(emu_mem *m, uint64_t pc)
{
    sys_machine *mc = m->xlate_arg;
    if (!(mc->sr[GL_SR_ccontrol] & 1) || !(mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_V))
        return 0;
    uint64_t pa, saved = mc->sr[GL_SR_ccontrol];
    unsigned color = 0;
    mc->sr[GL_SR_ccontrol] = 0; /* the page's colour, not a check */
    if (translate(mc, pc, EMU_P_X, pc < ((uint64_t)1 << 47), &pa, &color) != 0)
        color = 0;
    mc->sr[GL_SR_ccontrol] = saved;
    return color;
}

/* Translate va for an access acc by code of role user: 0 and *pa, or
 * the cause.  *color: the page's colour. */
static unsigned translate(sys_machine *mc, uint64_t va, unsigned acc, int user, uint64_t *pa,
                          unsigned *color)
{
    *color = 0;
    if (!canonical(va))
        return access_fault(acc);
    int as = space_of(va);
    if (user && as != AS_USER)
        return page_fault(acc);
    mc->xlate_global = 1;
    if (as == AS_PHYS || as == AS_GROUP || as == AS_PRIVATE || as == AS_RESERVED) {
        *pa = va; /* direct for the system role: sptr does not change it */
        return 0;
    }
    uint64_t pte = 0;
    int level;
    uint64_t tables[4];
    unsigned ntables = 0;
    unsigned c = (mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_S)
                     ? stlb_find(mc, va, &pte, &level)
                     : walk(mc, va, acc, &pte, &level, tables, &ntables);
    if (c)
        return c;
    unsigned need = acc & EMU_P_X ? PTE_X : acc & EMU_P_W ? PTE_W : PTE_R;
    if (acc & EMU_P_W && acc & EMU_P_R)
        need |= PTE_R;
    if ((pte & need) != need)
        return page_fault(acc);
    if (!(acc & EMU_P_W) && !(pte & PTE_A))
        return page_fault(acc); /* A: reads and fetches (software-managed) */
    if ((acc & EMU_P_W) && !(pte & PTE_D))
        return page_fault(acc);
    if (!user && as == AS_USER) {
        uint64_t sc = mc->sr[GL_SR_scontrol];
        if ((acc & EMU_P_X) ? !(sc & SYS_SCONTROL_E) : !(sc & SYS_SCONTROL_A))
            return page_fault(acc); /* D12 */
    }
    mc->xlate_global = (pte & PTE_G) != 0;
    uint64_t base = pte_addr(pte);
    if (space_of(base) != AS_PHYS && space_of(base) != AS_GROUP && space_of(base) != AS_PRIVATE)
        return page_fault(acc);
    uint64_t mask = ((uint64_t)1 << (12 + 9 * level)) - 1;
    *pa = base + (va & mask);
    *color = (unsigned)(pte >> 8) & 15;
    if (mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_P) {
        /* the physical permission check: the page and every table of
         * the walk need a self-map; tables with T, the page granting no
         * more than its self-map does */
        for (unsigned i = 0; i < ntables; i++)
            if (!self_mapped(mc, tables[i], PTE_T))
                return access_fault(acc);
        if (!self_mapped(mc, *pa, pte & (PTE_R | PTE_W | PTE_X)))
            return access_fault(acc);
    }
    if (mc->sr[GL_SR_ccontrol] & 1) {
        /* D14: colorperms on the operation; the matrix from the code's colour */
        /* the decoder reads constants right after fetching the
         * instruction that uses them: its page's colour is the source */
        unsigned d = *color, s = (acc & EMU_P_CACHED) ? mc->decode_color : code_color(mc);
        int ok = (acc & EMU_P_X) ? (mc->sr[GL_SR_colorexec] >> d & 1)
                 : (acc & EMU_P_W)
                     ? (mc->sr[GL_SR_colorwrite] >> d & 1) &&
                           (mc->sr[GL_SR_colormatwrite + s] >> d & 1)
                     : (mc->sr[GL_SR_colorread] >> d & 1) &&
                           (mc->sr[GL_SR_colormatread + s] >> d & 1);
        if (!ok)
            return SYS_C_CAP;
    }
    return 0;
}

/* The debug monitor (dfetch, dread, dwrite; 0 is off): does this access
 * hit it?  A fetch of the instruction at dfetch (not the rest of one that
 * straddles a page, EMU_P_X with EMU_P_CACHED), a load or store whose
 * bytes include dread / dwrite; virtual addresses, compared before any
 * translation. */
static int monitored(const sys_machine *mc, uint64_t va, unsigned n, unsigned acc)
{
    uint64_t d;
    if (acc & EMU_P_X)
        return !(acc & EMU_P_CACHED) && (d = mc->sr[GL_SR_dfetch]) != 0 && va == d;
    if (acc & EMU_P_CACHED)
        return 0; /* constants are not loads for the monitor */
    d = mc->sr[acc & EMU_P_W ? GL_SR_dwrite : GL_SR_dread];
    return d != 0 && d - va < n;
}

/* May the TLB hold the page of va for acc's half?  Not the page of a
 * monitored address: every access to it must reach monitored(). */
static int tlb_may_hold(const sys_machine *mc, uint64_t va, unsigned acc)
{
    uint64_t d = mc->sr[acc & EMU_P_W ? GL_SR_dwrite : GL_SR_dread];
    return !d || (d >> 12) != (va >> 12);
}

uint8_t *sys_mmu_access(sys_machine *mc, uint64_t va, unsigned n, unsigned acc, int effects,
                        unsigned *cause)
{
    if (monitored(mc, va, n, acc)) {
        *cause = SYS_C_DEBUG;
        return NULL;
    }
    /* the role: a fetch is by the code at that address; the decoder's
     * constant read by the instruction it fetched last (the one that
     * reads the constant: a load of that instruction, whatever space ib
     * points into); a load or store by the block being executed */
    const emu_block *cb = mc->h->cur_blk;
    int user = (acc & EMU_P_X) ? va < ((uint64_t)1 << 47)
               : (acc & EMU_P_CACHED) ? mc->decode_user
               : cb ? cb->pc < ((uint64_t)1 << 47) : mc->h->pc < ((uint64_t)1 << 47);
    unsigned plain = acc & (EMU_P_R | EMU_P_W | EMU_P_X);
    /* loads and stores within a page fill the TLB the interpreter
     * probes inline (mem.h): the same context as its probe */
    emu_tlb_entry *e = NULL;
    uint64_t tag = 0;
    if (effects && !(acc & (EMU_P_X | EMU_P_CACHED)) && (va & 0xfff) + n <= 4096 &&
        tlb_may_hold(mc, va, acc)) {
        tag = emu_tlb_tag(va, emu_tlb_ctx(user, code_color(mc)));
        e = &mc->tlb[plain & EMU_P_W ? 1 : 0][(va >> 12) & (EMU_TLB_SIZE - 1)];
    }
    uint64_t pa = va;
    unsigned color = 0, c = 0;
    mc->xlate_global = 1; /* untranslated: sptr does not change it */
    if (mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_V)
        c = translate(mc, va, plain | (acc & EMU_P_CACHED), user, &pa, &color);
    if (c) {
        *cause = c;
        return NULL;
    }
    if (effects && (acc & EMU_P_X) && !(acc & EMU_P_CACHED)) {
        mc->decode_color = color;
        mc->decode_user = user && (mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_V);
    }
    if ((va & 0xfff) + n > 4096 && (mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_V)) {
        /* across a page: both halves must be contiguous host memory */
        uint64_t va2 = (va | 0xfff) + 1, pa2;
        unsigned n1 = (unsigned)(va2 - va);
        c = translate(mc, va2, plain, user, &pa2, &color);
        if (c) {
            *cause = c;
            return NULL;
        }
        uint8_t *p1 = sys_phys_access(mc, pa, n1, acc, effects, cause);
        uint8_t *p2 = p1 ? sys_phys_access(mc, pa2, n - n1, acc, effects, cause) : NULL;
        if (!p2)
            return NULL;
        if (p2 != p1 + n1) {
            *cause = acc & EMU_P_W ? SYS_C_MISALIGN_STORE : SYS_C_MISALIGN_LOAD;
            return NULL;
        }
        return p1;
    }
    uint8_t *p = sys_phys_access(mc, pa, n, acc, effects, cause);
    /* RAM only.  A store entry never covers a page blocks were decoded
     * from: a store to one drops every mark (phys.c) before we get here,
     * and marking a page empties the store half */
    if (p && e && pa - SYS_RAM_BASE < mc->opt.ram_size) {
        mc->tlb_global[plain & EMU_P_W ? 1 : 0][e - mc->tlb[plain & EMU_P_W ? 1 : 0]] =
            (uint8_t)mc->xlate_global;
        e->tag = tag;
        e->addend = (uintptr_t)p - (uintptr_t)va;
    }
    return p;
}
