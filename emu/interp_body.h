/*
 * interp_body.h - the block interpreter, included three times by
 * interp.c: plain; with INTERP_COLORS set (capability checks on every
 * load and store, and read permission from the page table on every
 * load); and with INTERP_XLATE (every access through the memory's
 * translating slow path, which makes the checks).
 * Which one runs is chosen by emu_interp_select, so programs with the
 * default all-allowed policy and ordinary pages pay nothing for checks.
 *
 * Dispatch is threaded: each uop carries the address of its handler
 * (GCC labels as values), and a block ends in a uop that either chains
 * straight into the next block (successor pointers, checked against
 * (pc, ib)) or returns to the run loop.  Guest registers stay in
 * the hart so a host fault can siglongjmp out at any memory access.
 * Guest memory is reached only through the memory layer's helpers
 * (mem.h), with its (base, xlate) pair held in a local.
 *
 * The function starts on a cache line: the speed of threaded dispatch
 * depends on where its handlers fall relative to 64-byte lines, and
 * without this the link (a different number of PLT entries before the
 * text, say) moved them by 16 bytes and the interpreter by some 5%.
 */

__attribute__((aligned(64))) int INTERP_FN(emu_hart *h, emu_aspace *as, emu_block *b)
{
    static const void *const labels[EMU_UOP_COUNT] = {
#define GL_OP(id, ...) [GL_OP_##id] = &&L_##id,
#include "isa.def"
#undef GL_OP
        [GL_OP_INVALID] = &&L_INVALID,
        [EMU_UOP_NEXT] = &&L_NEXT,
        [EMU_UOP_STOP] = &&L_STOP,
        [EMU_UOP_FAULT] = &&L_FAULT,
    };
    if (!b) {
        as->cache.labels = labels;
        return 0;
    }

    emu_hart *const cpu = h;
    uint64_t *const r = cpu->r;
    const emu_gmem gm = emu_gmem_of(&as->mem);
    const emu_uop *u;
    uint64_t fa;   /* faulting address */
    int fk, k;     /* trap kind; chain slot */
#if INTERP_COLORS
    unsigned fd;   /* data color of a capability fault */
#endif

    h->cur_blk = b;
    h->icount += b->n;
    u = b->u;
    goto *u->h;

#define NEXT do { u++; goto *u->h; } while (0)
#define S(x) ((int64_t)(x))
/* Effective address checks: in range, and (colors) allowed by the policy. */
#if INTERP_COLORS
#define CAPCHK(a, n, mask, kind)                                          \
    do {                                                                  \
        fd = emu_mem_cap_check(gm.m, gm.m->caps.mask[b->color], (a), (n)); \
        if (__builtin_expect(fd != EMU_CAP_OK, 0)) {                      \
            fa = emu_mem_cap_addr(gm.m, gm.m->caps.mask[b->color], (a));  \
            fk = kind;                                                    \
            goto cap_fault;                                               \
        }                                                                 \
    } while (0)
#else
#define CAPCHK(a, n, mask, kind) do { } while (0)
#endif
#if INTERP_COLORS
/* host pages of execute-only and write-only guest pages are readable */
#define RDCHK(a, n)                                                       \
    do {                                                                  \
        if (__builtin_expect(!emu_mem_read_ok(gm.m, (a), (n)), 0)) {      \
            fa = emu_mem_read_addr(gm.m, (a)); fk = EMU_T_LOAD; goto trap; \
        }                                                                 \
    } while (0)
#else
#define RDCHK(a, n) do { } while (0)
#endif
/* the flat guest space ends at EMU_GUEST_SIZE; a translating memory
 * takes any 64-bit address (its slow path decides) */
#define OUTSIDE(a) (!INTERP_XLATE && __builtin_expect((a) >= EMU_GUEST_SIZE, 0))
#define LDCHK(a, n)                                                       \
    do {                                                                  \
        h->cur = u;                                                       \
        if (OUTSIDE(a)) {                                                 \
            fa = (a); fk = EMU_T_LOAD; goto trap;                         \
        }                                                                 \
        RDCHK(a, n);                                                      \
        CAPCHK(a, n, rmask, EMU_T_CAP_LOAD);                              \
    } while (0)
#define STCHK(a, n)                                                       \
    do {                                                                  \
        h->cur = u;                                                       \
        if (OUTSIDE(a)) {                                                 \
            fa = (a); fk = EMU_T_STORE; goto trap;                        \
        }                                                                 \
        CAPCHK(a, n, wmask, EMU_T_CAP_STORE);                             \
    } while (0)

    /* constants were fetched at decode time: movd, movq, lea, movi */
L_MOVI: L_MOVD: L_MOVQ: L_LEAPC:
    r[u->rc] = (uint64_t)u->imm;
    NEXT;
L_ADDI: L_ADDD: {
    uint64_t x = r[u->rc], s = x + (uint64_t)u->imm;
    r[u->rc] = s;
    cpu->flag = s < x;
    NEXT;
}
L_SRLI: r[u->rc] >>= u->imm; NEXT;
L_SRAI: r[u->rc] = (uint64_t)(S(r[u->rc]) >> u->imm); NEXT;
L_SLLI: r[u->rc] <<= u->imm; NEXT;

    /* loads and stores: host memory from the memory layer (the slow
     * path's NULL is a trap; the flat mapping's host faults are caught
     * by hostfault.c) */
#define HOST(a, n, acc, kind)                                             \
    ({                                                                    \
        uint8_t *p_ = emu_gmem_host(gm, (a), (n), (acc), INTERP_XLATE);   \
        if (__builtin_expect(!p_, 0)) { fa = (a); fk = (kind); goto trap; } \
        p_;                                                               \
    })
#if INTERP_XLATE
/* loads and stores probe the TLB inline; the context of the access is
 * the block's role (its address space) and code colour */
#define TLBHOST(a, n, acc, kind)                                          \
    ({                                                                    \
        uint8_t *p_ = emu_gmem_host_tlb(gm, (a), (n), (acc),              \
                                        emu_tlb_ctx(b->pc < ((uint64_t)1 << 47), b->color)); \
        if (__builtin_expect(!p_, 0)) { fa = (a); fk = (kind); goto trap; } \
        p_;                                                               \
    })
#define LD(a, n) TLBHOST(a, n, EMU_P_R, EMU_T_LOAD)
#define ST(a, n) TLBHOST(a, n, EMU_P_W, EMU_T_STORE)
#else
#define LD(a, n) HOST(a, n, EMU_P_R, EMU_T_LOAD)
#define ST(a, n) HOST(a, n, EMU_P_W, EMU_T_STORE)
#endif
L_LOADPC: { uint64_t a = (uint64_t)u->imm; LDCHK(a, 8); r[u->rc] = emu_get64(LD(a, 8)); NEXT; }
L_STOREPC: { uint64_t a = (uint64_t)u->imm; STCHK(a, 8); emu_put64(ST(a, 8), r[u->rc]); NEXT; }
L_LOAD: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 8); r[u->rc] = emu_get64(LD(a, 8)); NEXT; }
L_LOAD_I8: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 1); r[u->rc] = (uint64_t)(int64_t)(int8_t)emu_get8(LD(a, 1)); NEXT; }
L_LOAD_U8: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 1); r[u->rc] = emu_get8(LD(a, 1)); NEXT; }
L_LOAD_I16: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 2); r[u->rc] = (uint64_t)(int64_t)(int16_t)emu_get16(LD(a, 2)); NEXT; }
L_LOAD_U16: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 2); r[u->rc] = emu_get16(LD(a, 2)); NEXT; }
L_LOAD_I32: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 4); r[u->rc] = (uint64_t)(int64_t)(int32_t)emu_get32(LD(a, 4)); NEXT; }
L_LOAD_U32: { uint64_t a = r[u->rb] + (uint64_t)u->imm; LDCHK(a, 4); r[u->rc] = emu_get32(LD(a, 4)); NEXT; }
L_STORE: { uint64_t a = r[u->rb] + (uint64_t)u->imm; STCHK(a, 8); emu_put64(ST(a, 8), r[u->rc]); NEXT; }
L_STORE_I8: { uint64_t a = r[u->rb] + (uint64_t)u->imm; STCHK(a, 1); emu_put8(ST(a, 1), (uint8_t)r[u->rc]); NEXT; }
L_STORE_I16: { uint64_t a = r[u->rb] + (uint64_t)u->imm; STCHK(a, 2); emu_put16(ST(a, 2), (uint16_t)r[u->rc]); NEXT; }
L_STORE_I32: { uint64_t a = r[u->rb] + (uint64_t)u->imm; STCHK(a, 4); emu_put32(ST(a, 4), (uint32_t)r[u->rc]); NEXT; }
    /* atomics are host atomics on the host address, so other harts see
     * them whole.  lock cmpxchg always writes (the old value when the
     * compare fails), so a cas to a read-only page faults like a store
     * whatever the compare gives, as the ISA says (docs/isa.md) */
L_CAS: {
    uint64_t a = r[u->rb];
    LDCHK(a, 8);
    STCHK(a, 8);
    uint8_t *p = HOST(a, 8, EMU_P_R | EMU_P_W, EMU_T_STORE);
    uint64_t old = r[u->rc];
    cpu->flag = __atomic_compare_exchange_n((uint64_t *)(void *)p, &old, r[u->ra], 0,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    r[u->rc] = old;
    NEXT;
}
L_SWAP: {
    uint64_t a = r[u->rb];
    LDCHK(a, 8);
    STCHK(a, 8);
    uint8_t *p = HOST(a, 8, EMU_P_R | EMU_P_W, EMU_T_STORE);
    r[u->rc] = __atomic_exchange_n((uint64_t *)(void *)p, r[u->ra], __ATOMIC_SEQ_CST);
    NEXT;
}

    /* compare, conditional move */
L_CMP_LT: cpu->flag = S(r[u->rc]) < S(r[u->rb]); NEXT;
L_CMP_GE: cpu->flag = S(r[u->rc]) >= S(r[u->rb]); NEXT;
L_CMP_EQ: cpu->flag = r[u->rc] == r[u->rb]; NEXT;
L_CMP_NE: cpu->flag = r[u->rc] != r[u->rb]; NEXT;
L_CMP_LTU: cpu->flag = r[u->rc] < r[u->rb]; NEXT;
L_CMP_GEU: cpu->flag = r[u->rc] >= r[u->rb]; NEXT;
L_CMOV: if (cpu->flag) r[u->rc] = r[u->rb]; NEXT;
L_NCMOV: if (!cpu->flag) r[u->rc] = r[u->rb]; NEXT;

    /* one-operand logic */
L_MOV: L_SEXT: r[u->rc] = r[u->rb]; NEXT;
L_NOT: r[u->rc] = ~r[u->rb]; NEXT;
L_NEG: r[u->rc] = -r[u->rb]; NEXT;
L_BSWAP: r[u->rc] = __builtin_bswap64(r[u->rb]); NEXT;
L_CTZ: { uint64_t x = r[u->rb]; r[u->rc] = x ? (uint64_t)__builtin_ctzll(x) : 64; NEXT; }
L_CLZ: { uint64_t x = r[u->rb]; r[u->rc] = x ? (uint64_t)__builtin_clzll(x) : 64; NEXT; }
L_CTPOP: r[u->rc] = (uint64_t)__builtin_popcountll(r[u->rb]); NEXT;

    /* three-register arithmetic */
L_PIN: {
    uint64_t lo = (uint32_t)(u->pc - r[u->ra]), hi = (uint32_t)(b->ib - r[u->rb]);
    r[u->rc] = lo | hi << 32;
    NEXT;
}
L_AND: r[u->rc] = r[u->rb] & r[u->ra]; NEXT;
L_OR: r[u->rc] = r[u->rb] | r[u->ra]; NEXT;
L_XOR: r[u->rc] = r[u->rb] ^ r[u->ra]; NEXT;
L_ADD: { uint64_t x = r[u->rb], s = x + r[u->ra]; r[u->rc] = s; cpu->flag = s < x; NEXT; }
L_ADC: {
    uint64_t x = r[u->rb], y = r[u->ra], s = x + y, t = s + cpu->flag;
    cpu->flag = (s < x) | (t < s);
    r[u->rc] = t;
    NEXT;
}
L_SRL: r[u->rc] = r[u->rb] >> (r[u->ra] & 63); NEXT;
L_SRA: r[u->rc] = (uint64_t)(S(r[u->rb]) >> (r[u->ra] & 63)); NEXT;
L_SLL: r[u->rc] = r[u->rb] << (r[u->ra] & 63); NEXT;
L_SUB: { uint64_t x = r[u->rb], y = r[u->ra]; r[u->rc] = x - y; cpu->flag = x >= y; NEXT; }
L_SBC: {
    uint64_t x = r[u->rb], y = r[u->ra], bw = 1 - cpu->flag;
    /* no borrow: x >= y + bw, computed without overflow */
    cpu->flag = x > y || (x == y && bw == 0);
    r[u->rc] = x - y - bw;
    NEXT;
}
L_MUL: r[u->rc] = r[u->rb] * r[u->ra]; NEXT;
L_MULH: r[u->rc] = (uint64_t)(((__int128)S(r[u->rb]) * S(r[u->ra])) >> 64); NEXT;
L_MULHU: r[u->rc] = (uint64_t)(((unsigned __int128)r[u->rb] * r[u->ra]) >> 64); NEXT;
L_DIV: {
    int64_t x = S(r[u->rb]), y = S(r[u->ra]);
    cpu->flag = y == 0;
    r[u->rc] = y == 0 ? 0 : y == -1 ? (uint64_t)0 - (uint64_t)x : (uint64_t)(x / y);
    NEXT;
}
L_DIVU: {
    uint64_t x = r[u->rb], y = r[u->ra];
    cpu->flag = y == 0;
    r[u->rc] = y == 0 ? 0 : x / y;
    NEXT;
}
L_REM: {
    int64_t x = S(r[u->rb]), y = S(r[u->ra]);
    cpu->flag = y == 0;
    r[u->rc] = y == 0 ? (uint64_t)x : y == -1 ? 0 : (uint64_t)(x % y);
    NEXT;
}
L_REMU: {
    uint64_t x = r[u->rb], y = r[u->ra];
    cpu->flag = y == 0;
    r[u->rc] = y == 0 ? x : x % y;
    NEXT;
}

    /* system */
#if INTERP_XLATE
    /* full-system mode: the machine (emu/system/) executes the system
     * instructions, between blocks, so a write that changes translation,
     * interrupts or the clock takes effect before the next instruction */
L_FENCE: L_WFI: L_SYSREAD: L_SYSWRITE: L_SYSSET: L_SYSCLEAR: L_SYSCALL: L_IRET:
    fk = EMU_T_PRIV; fa = 0; goto trap;
#else
L_FENCE: __atomic_thread_fence(__ATOMIC_SEQ_CST); NEXT; /* harts are host threads: mfence */
L_WFI: NEXT; /* wfi is a no-op in user mode */
    /* user mode: what sysregs.def lets user code reach */
L_SYSREAD:
    if (gl_sysreg_allowed((unsigned)u->imm, GL_SR_READ, GL_PRIV_USER)) {
        switch (u->imm) {
        case GL_SR_fpstatus: r[u->rc] = cpu->fpstatus; NEXT;
        case GL_SR_fpcontrol: r[u->rc] = cpu->fpcontrol; NEXT;
        case GL_SR_ctime: r[u->rc] = emu_ctime(); NEXT;
        case GL_SR_cfreq: r[u->rc] = EMU_CFREQ_PS; NEXT;
        case GL_SR_address: case GL_SR_domain: r[u->rc] = 0; NEXT; /* one address space, one domain: 0 */
        }
    }
    fk = EMU_T_PRIV; fa = 0; goto trap;
L_SYSWRITE: L_SYSSET: L_SYSCLEAR: {
    uint64_t *sr = !gl_sysreg_allowed((unsigned)u->imm, GL_SR_WRITE, GL_PRIV_USER) ? NULL
                   : u->imm == GL_SR_fpstatus ? &cpu->fpstatus
                   : u->imm == GL_SR_fpcontrol ? &cpu->fpcontrol : NULL;
    if (!sr) { fk = EMU_T_PRIV; fa = 0; goto trap; }
    uint64_t v = r[u->rc];
    *sr = u->op == GL_OP_SYSWRITE ? v : u->op == GL_OP_SYSSET ? *sr | v : *sr & ~v;
    NEXT;
}
L_SYSCALL:
#if INTERP_COLORS
    h->from_color = b->color;
#endif
    cpu->pc = u->pc + u->len;
    return EMU_EXIT_SYSCALL;
L_IRET: fk = EMU_T_PRIV; fa = 0; goto trap;
#endif
L_BREAK: fk = EMU_T_BREAK; fa = 0; goto trap;
L_ILLEGAL: fk = EMU_T_ILLEGAL; fa = 0; goto trap;
L_INVALID: fk = EMU_T_INVALID; fa = 0; goto trap;

    /* control transfer: the block's last uop */
L_J: cpu->pc = u->pc + (uint64_t)u->imm; k = 0; goto chain;
L_B:
    if (cpu->flag) {
        cpu->pc = u->pc + (uint64_t)u->imm;
        k = 0;
    } else {
        cpu->pc = u->pc + u->len;
        k = 1;
    }
    goto chain;
L_IBJ: cpu->ib += (uint64_t)u->imm; cpu->pc = u->pc + u->len; k = 0; goto chain;
L_LJ: L_LJAL: L_LJTL: L_LJALA: {
    /* link, exactly docs/isa.md 3.1: lanes (pc = low i32, ib = high i32);
     * jala adds lr lane-wise with 32-bit wrap, jtl subtracts the
     * sign-extended lanes of lr */
    uint64_t c = (uint64_t)u->imm, l = r[u->rc];
    uint32_t dp = (uint32_t)c, di = (uint32_t)(c >> 32);
    int64_t lp = 0, li = 0;
    if (u->op == GL_OP_LJALA) {
        dp += (uint32_t)l;
        di += (uint32_t)(l >> 32);
    } else if (u->op == GL_OP_LJTL) {
        lp = (int32_t)(uint32_t)l;
        li = (int32_t)(uint32_t)(l >> 32);
    }
    cpu->pc = u->pc + (uint64_t)((int64_t)(int32_t)dp - lp);
    cpu->ib = b->ib + (uint64_t)((int64_t)(int32_t)di - li);
    if (u->op == GL_OP_LJAL || u->op == GL_OP_LJALA)
        r[u->rc] = dp | (uint64_t)di << 32;
    k = 0;
    goto chain;
}
L_NEXT: cpu->pc = u->pc; k = 0; goto chain;
L_STOP:
#if INTERP_COLORS
    h->from_color = b->color;
#endif
    cpu->pc = u->pc;
    h->chain_slot = NULL;
    return EMU_EXIT_LOOKUP;
L_FAULT:
    fk = u->aux;
    fa = (uint64_t)u->imm;
    h->trap.scolor = u->aux2;
    h->trap.dcolor = u->rc;
#if INTERP_COLORS
    /* a block that starts on a page it may not run from: the fetch
     * came from the code that ran before it */
    if (fk == EMU_T_CAP_FETCH && fa == u->pc)
        h->trap.scolor = h->from_color;
#endif
    goto trap_colored;

chain: {
#if INTERP_COLORS
    h->from_color = b->color;
#endif
    /* other harts link blocks and kick this one (chain_limit = 0) */
    emu_block *nb = __atomic_load_n(&b->link[k], __ATOMIC_ACQUIRE);
    if (__builtin_expect(nb && nb->pc == cpu->pc && nb->ib == cpu->ib &&
                         h->icount + nb->n <= __atomic_load_n(&h->chain_limit, __ATOMIC_RELAXED), 1)) {
        b = nb;
        h->cur_blk = b;
        h->icount += b->n;
        u = b->u;
        goto *u->h;
    }
    h->chain_slot = &b->link[k];
    return EMU_EXIT_LOOKUP;
}

#if INTERP_COLORS
cap_fault:
    h->trap.scolor = b->color;
    h->trap.dcolor = emu_mem_color(gm.m, fa);
    goto trap_colored;
#endif
trap:
    h->trap.scolor = h->trap.dcolor = 0;
trap_colored:
    h->trap.kind = fk;
    h->trap.addr = fa;
    h->trap.value = fk == EMU_T_BREAK || fk == EMU_T_ILLEGAL || fk == EMU_T_PRIV
                        ? (uint64_t)u->imm : 0;
    h->trap.pc = cpu->pc = u->pc;
    h->trap.ib = cpu->ib = b->ib;
    h->icount -= b->n - (uint64_t)(u - b->u);
    return EMU_EXIT_TRAP;

#undef NEXT
#undef S
#undef CAPCHK
#undef RDCHK
#undef OUTSIDE
#undef LDCHK
#undef STCHK
#undef HOST
#undef LD
#undef ST
}
