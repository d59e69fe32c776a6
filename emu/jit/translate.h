/*
 * translate.h - the block translator, first step: straight-line ALU
 * uops of an emu_block (block.h) to x86-64, as a C-callable function
 * over the hart's register file, called by jit.c for one block at a
 * time; chaining, the budget at block entry and the jump cache come
 * next (docs/run.md, "JIT design").
 *
 * The translated function is
 *
 *     unsigned fn(uint64_t *state, uint8_t *mem, uint64_t *fault);
 *
 * state: r0..r63, pc, ib, flag (the layout emu_cpu and emu_hart open
 * with); mem: host address of guest address 0.  It runs the uops from
 * the first on, keeps guest r0..r9 in host registers while it runs, and
 * returns the index of the first uop it did not run, with state->pc set
 * to that uop's pc: the block's EMU_UOP_NEXT (pc = the next block), the
 * first uop outside the subset (the caller interprets from there), the
 * uop after the j, b or ibj that ended the block (pc and ib = the
 * successor's; the exits are patchable jumps, for chaining), or a
 * load or store whose address is not below the limit given at
 * translation time; then JIT_EXIT_LOAD or JIT_EXIT_STORE is or'ed into
 * the index and *fault is the address.  Every register and the flag are
 * in state when it returns, with all earlier uops done and none after:
 * the precise state a trap report needs.
 */
#ifndef EMU_JIT_TRANSLATE_H
#define EMU_JIT_TRANSLATE_H

#include <stdbool.h>

#include "block.h"
#include "x64emit.h"

/* Offsets in the state the translated code works on. */
enum { JIT_STATE_PC = 64, JIT_STATE_IB = 65, JIT_STATE_FLAG = 66, JIT_STATE_WORDS = 67 };

/* Or'ed into the returned index when a memory uop's address was out of
 * range (that uop did not run). */
enum { JIT_EXIT_LOAD = 1u << 16, JIT_EXIT_STORE = 1u << 17 };

/* Guest r0..r(JIT_NMAPPED-1) live in host registers while translated
 * code runs (in state only at its exits): which one holds g. */
enum { JIT_NMAPPED = 10 };
x64_reg jit_host_reg(unsigned g);

/* True when the translator handles op (else the block stops before it). */
bool jit_supported(unsigned op);
/* Emit the function for uops u[0..n) at a's position, loads and stores
 * checked against [0, limit); returns how many uops it runs (the index
 * of the first unsupported one, or of the EMU_UOP_NEXT that ends it), or
 * -1 when a overflowed.  uop_at (NULL, or room for EMU_BLOCK_MAX + 1)
 * receives the offset from the function's start of each translated
 * uop's code and, after the last, of the end of the body: a host fault
 * at an offset in [uop_at[k], uop_at[k+1]) is uop k's access, with
 * every earlier uop done and none after (the fault side table). */
int jit_translate(x64_asm *a, const emu_uop *u, unsigned n, uint64_t limit, uint32_t *uop_at);

#endif
