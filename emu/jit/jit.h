/*
 * jit.h - what the core sees of the JIT: an address space's translations
 * of its blocks, run in place of the interpreter.  A block whose uops are
 * all in the translator's subset (translate.h) is translated on its first
 * run and runs natively from then on; any other block runs in the
 * interpreter (per-block fallback).  A translated block returns to
 * emu_exec after its last uop, leaving pc, ib, flag, the registers and
 * the instruction count exactly as the interpreter would, and a trap in
 * it (range check or host fault) is the interpreter's trap record.
 */
#ifndef EMU_JIT_JIT_H
#define EMU_JIT_JIT_H

#include <stddef.h>
#include <stdint.h>

struct emu_aspace;
struct emu_block;
struct emu_hart;
struct emu_uop;

typedef struct emu_jit emu_jit;

/* Counters for --stats. */
typedef struct emu_jit_stats {
    uint64_t translated, host_bytes, fallback, flushes;
    uint64_t exit_end, exit_load, exit_store, exit_hostfault;
} emu_jit_stats;

/* A JIT with its code buffer, or NULL with errno set (run interpreted). */
emu_jit *emu_jit_new(void);
void emu_jit_free(emu_jit *j);
/* Drop every translation (the block cache is being flushed). */
void emu_jit_flush(emu_jit *j);
/* Run b on h natively: an EMU_EXIT_* code, or -1 when b is not
 * translatable (the caller interprets it). */
int emu_jit_run(struct emu_hart *h, struct emu_aspace *as, struct emu_block *b);
/* In the SIGSEGV/SIGBUS handler, for a hart running translated code
 * (h->jit_run set): the uop whose access faulted at the context's
 * instruction pointer, with the guest registers held in host registers
 * copied into h->r; NULL when the fault is not in the running block. */
const struct emu_uop *emu_jit_fault(struct emu_hart *h, void *ucontext);
const emu_jit_stats *emu_jit_stats_of(const emu_jit *j);

/* The host code of b's translation, for the debugging aids (debug.h):
 * where it runs, its length with the exit stubs after the body, and
 * where each uop's code starts (uop_at[k] for k < nuops, uop_at[nuops]:
 * the end of the body). */
typedef struct emu_jit_code {
    const uint8_t *code;
    size_t len;
    const uint32_t *uop_at;
    unsigned nuops;
} emu_jit_code;
/* 1 and *c filled when b has a translation, else 0. */
int emu_jit_code_of(const struct emu_block *b, emu_jit_code *c);

#endif
