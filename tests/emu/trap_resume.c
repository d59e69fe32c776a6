/*
 * trap_resume.c - the emulator core without the Linux driver: a hart in
 * an address space runs until a trap, the trap record says what
 * happened (cause, address, operand, pc/ib, instructions completed), and
 * after the "driver" has dealt with it (mapped the page, moved pc past a
 * break, as a signal handler or trap vector would) the hart resumes.
 * Also the memory layer's translating slow path (the hook full-system
 * mode will use): every access goes through it and its NULL is a trap.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "../lib/check.h"
#include "aspace.h"

#define CODE 0x10000u
#define CONST 0x11000u
#define DATA 0x20000u
#define HOLE 0x30000u  /* mapped, but not by the slow path */
#define ALIAS 0x40000u /* unmapped, but the slow path maps it to DATA */

static uint8_t prog[256];
static size_t plen;

/* Append one 32-bit instruction; returns its address. */
static uint64_t emit(unsigned op, unsigned rc, unsigned rb, int64_t imm)
{
    gl_insn in = {.op = (uint16_t)op, .len = 4, .rc = (uint8_t)rc, .rb = (uint8_t)rb,
                  .imm = imm};
    uint64_t at = CODE + plen;
    int n = gl_encode(&in, prog + plen);
    if (n != 4) {
        printf("Bail out! cannot encode op %u: %s\n", op, gl_enc_strerror(n));
        _exit(1);
    }
    plen += 4;
    return at;
}

static unsigned xlate_calls;

/* A stand-in soft-MMU: identity onto the flat mapping, except that
 * HOLE is not mapped and ALIAS is DATA. */
static uint8_t *xlate(emu_mem *m, uint64_t a, unsigned n, unsigned acc)
{
    xlate_calls++;
    if (emu_page_down(a) == HOLE)
        return NULL;
    if (emu_page_down(a) == ALIAS)
        a = a - ALIAS + DATA;
    return emu_mem_ptr(m, a, n, acc & (EMU_P_R | EMU_P_W | EMU_P_X), -1); /* not EMU_P_CACHED */
}

int main(void)
{
    static emu_aspace as;
    static emu_hart h;
    if (emu_aspace_init(&as) != 0) {
        printf("Bail out! cannot reserve guest memory\n");
        return 1;
    }
    emu_mem *m = &as.mem;
    emu_hart_init(&h, &as);

    /* r2 = DATA; r4 = 5; r5 = [r2]; r5 += 1; break 7; r4 = 9; break 0;
     * then: r5 = [ALIAS]; [HOLE] = r5 */
    emit(GL_OP_MOVQ, 2, 0, 0);
    emit(GL_OP_MOVI, 4, 0, 5);
    uint64_t load = emit(GL_OP_LOAD, 5, 2, 0);
    emit(GL_OP_ADDI, 5, 0, 1);
    uint64_t brk7 = emit(GL_OP_BREAK, 0, 0, 7);
    emit(GL_OP_MOVI, 4, 0, 9);
    uint64_t brk0 = emit(GL_OP_BREAK, 0, 0, 0);
    uint64_t part2 = emit(GL_OP_MOVQ, 2, 0, 16);
    emit(GL_OP_LOAD, 5, 2, 0);
    emit(GL_OP_MOVQ, 3, 0, 8);
    uint64_t st = emit(GL_OP_STORE, 5, 3, 0);
    const uint64_t consts[3] = {DATA, HOLE, ALIAS};

    int r = emu_mem_map(m, CODE, EMU_PAGE_SIZE, EMU_P_R | EMU_P_W, 0, -1, 0, 0);
    r |= emu_mem_write(m, CODE, prog, plen);
    r |= emu_mem_protect(m, CODE, EMU_PAGE_SIZE, EMU_P_R | EMU_P_X);
    r |= emu_mem_map(m, CONST, EMU_PAGE_SIZE, EMU_P_R | EMU_P_W, 0, -1, 0, 0);
    r |= emu_mem_write(m, CONST, consts, sizeof consts);
    r |= emu_mem_protect(m, CONST, EMU_PAGE_SIZE, EMU_P_R);
    CHECK(r == 0, "map code and constants");
    CHECK(emu_hostfault_init(&h) == 0, "host fault handlers");

    h.pc = CODE;
    h.ib = CONST;
    CHECK(emu_exec(&h, 0) == EMU_EV_LIMIT && h.icount == 0 && h.pc == CODE,
          "budget 0: nothing runs");

    /* a load from an unmapped page: a host fault, returned as a trap */
    int ev = emu_exec(&h, UINT64_MAX);
    CHECK(ev == EMU_EV_TRAP, "load from unmapped page: trap event (%d)", ev);
    CHECK(h.trap.kind == EMU_T_LOAD && h.trap.addr == DATA, "trap: load fault at DATA");
    CHECK(h.trap.pc == load && h.trap.ib == CONST && h.pc == load && h.ib == CONST,
          "trap: pc/ib of the load, hart stopped there");
    CHECK(h.icount == 2 && h.r[4] == 5 && h.r[2] == DATA,
          "trap: the two earlier instructions completed and counted (%llu)",
          (unsigned long long)h.icount);

    /* the driver maps the page (as a SIGSEGV handler might) and resumes */
    uint64_t v = 41;
    r = emu_mem_map(m, DATA, EMU_PAGE_SIZE, EMU_P_R | EMU_P_W, 0, -1, 0, 0);
    r |= emu_mem_write(m, DATA, &v, 8);
    r |= emu_mem_map(m, HOLE, EMU_PAGE_SIZE, EMU_P_R | EMU_P_W, 0, -1, 0, 0);
    CHECK(r == 0, "map the data page");
    ev = emu_exec(&h, UINT64_MAX);
    CHECK(ev == EMU_EV_TRAP && h.trap.kind == EMU_T_BREAK && h.trap.value == 7,
          "resumed: the load re-ran, then break 7 traps");
    CHECK(h.r[5] == 42 && h.trap.pc == brk7 && h.icount == 4,
          "resumed: r5 = 41 + 1, pc at the break, 4 instructions");

    /* the driver moves past the break (a handler returning elsewhere) */
    h.pc = h.trap.pc + 4;
    ev = emu_exec(&h, UINT64_MAX);
    CHECK(ev == EMU_EV_TRAP && h.trap.kind == EMU_T_BREAK && h.trap.pc == brk0 &&
          h.r[4] == 9 && h.icount == 5, "redirected past break 7: runs on to break 0");

    /* single steps with a budget of 1 */
    h.pc = part2;
    h.single_step = 1;
    ev = emu_exec(&h, 1);
    CHECK(ev == EMU_EV_LIMIT && h.pc == part2 + 4 && h.icount == 6 && h.r[2] == ALIAS,
          "single step: one instruction");
    h.single_step = 0;

    /* the translating slow path: every access goes through it */
    m->xlate = xlate;
    h.pc = part2;
    h.r[5] = 0;
    emu_cache_flush(&as); /* decode again, through the slow path */
    ev = emu_exec(&h, UINT64_MAX);
    CHECK(xlate_calls >= 5, "slow path: code, constants, loads and stores translated (%u calls)",
          xlate_calls);
    CHECK(h.r[5] == 41, "slow path: the load from ALIAS read DATA");
    CHECK(ev == EMU_EV_TRAP && h.trap.kind == EMU_T_STORE && h.trap.addr == HOLE &&
          h.trap.pc == st, "slow path: its NULL is a store trap at the store");
    m->xlate = NULL;

    /* a second host fault after all that is caught as well (the signal
     * is not left blocked by the first one) */
    emu_cache_invalidate(&as, DATA, EMU_PAGE_SIZE);
    CHECK(emu_mem_unmap(m, DATA, EMU_PAGE_SIZE) == 0, "unmap the data page again");
    h.pc = load;
    h.r[2] = DATA;
    ev = emu_exec(&h, UINT64_MAX);
    CHECK(ev == EMU_EV_TRAP && h.trap.kind == EMU_T_LOAD && h.trap.addr == DATA &&
          h.pc == load, "second host fault: a trap again");

    emu_hostfault_fini(&h);
    emu_aspace_free(&as);
    return check_done();
}
