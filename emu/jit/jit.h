/*
 * jit.h - what the core sees of the JIT: an address space's translations
 * of its blocks, run in place of the interpreter.  A block whose uops are
 * all in the translator's subset (translate.h) is translated on its Nth
 * run (the threshold, emu_jit_new; the interpreter runs it before) and
 * runs natively from then on; any other block runs in the
 * interpreter (per-block fallback).  A translation may cover the blocks
 * that follow its block on a straight path (a superblock, translate.h);
 * it belongs to its first block.  Translated blocks chain to each
 * other: a direct successor's jump is patched to its code once both
 * exist, a jal is a host call whose jtl returns with a host ret when
 * its target is the call's return point (translate.h), and jtl/jala
 * look other targets up in a jump cache from the generated code, so
 * control comes back to emu_exec only for a syscall,
 * a trap, an untranslated or not yet chained successor, a jump-cache
 * miss, or the budget check at a block's entry (--max-insns, a pending
 * host signal, a cache flush).  Then pc, ib, flag, the registers and the
 * instruction count are exactly what the interpreter would have left,
 * and a trap (range check or host fault) is the interpreter's trap
 * record.  Every flush of the block cache drops all translations, and
 * the chained jumps and jump-cache entries with them.
 */
#ifndef EMU_JIT_JIT_H
#define EMU_JIT_JIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct emu_aspace;
struct emu_block;
struct emu_hart;
struct emu_uop;

typedef struct emu_jit emu_jit;

#define EMU_JIT_NOPS 96 /* >= EMU_UOP_COUNT (checked in jit.c) */

/* Counters for --stats. */
typedef struct emu_jit_stats {
    uint64_t translated, host_bytes, translate_ns, fallback, flushes;
    uint64_t segments;                /* guest blocks in the translations (superblocks: several) */
    uint64_t chained;                 /* direct edges patched */
    uint64_t remaps;                  /* host register assignments chosen from the profile */
    uint64_t jc_hits, jc_misses;      /* jump cache (indirect jumps) */
    uint64_t ras_hits, ras_misses;    /* returns (jtl) predicted by the call's entry, or not */
    uint64_t ras_empty, ras_drops;    /* ... with no entry; calls that dropped them all */
    /* returns to the run loop, by reason */
    uint64_t exit_chain, exit_budget, exit_syscall, exit_load, exit_store, exit_hostfault;
    uint64_t exit_check, exit_step;   /* the checked variant's traps; uops stepped in the interpreter */
    uint64_t fallback_op[EMU_JIT_NOPS]; /* untranslated blocks by their first unsupported op */
} emu_jit_stats;

#define EMU_JIT_THRESHOLD 2 /* the default: a block that runs once is interpreted */
/* A JIT translating a block on its threshold-th run (0: the default,
 * 1: its first), or NULL with errno set (run interpreted).  It costs no system
 * call: the code buffer is made with the first translation, and when it
 * cannot be, every block is interpreted. */
emu_jit *emu_jit_new(unsigned threshold);
void emu_jit_free(emu_jit *j);
/* Drop every translation (the block cache is being flushed). */
void emu_jit_flush(emu_jit *j);
/* Run b on h natively: an EMU_EXIT_* code, or -1 when b is not
 * translatable (the caller interprets it), or -2 when it is not
 * translated yet (the caller interprets it but must not chain to it:
 * its later runs have to come here to be counted). */
int emu_jit_run(struct emu_hart *h, struct emu_aspace *as, struct emu_block *b);
/* For the audit's own test: fn sees the uops about to be translated
 * (b's, or its superblock's in one block with start[i] the first uop of
 * segment i) and may change them; the change goes into the translation
 * only.  NULL: none. */
typedef void emu_jit_tamper_fn(void *arg, struct emu_block *b, const unsigned *start,
                               unsigned nseg);
void emu_jit_set_tamper(emu_jit *j, emu_jit_tamper_fn *fn, void *arg);
/* Translate b now if it has no translation yet, whatever the threshold
 * (the audit looks at a superblock's segments before it runs): 0, or -1
 * when it is not translatable. */
int emu_jit_prepare(struct emu_aspace *as, struct emu_block *b);
/* In the SIGSEGV/SIGBUS handler, for a hart running translated code
 * (h->jit_run set): the uop whose access faulted at the context's
 * instruction pointer, with the guest registers held in host registers
 * copied into h->r; NULL when the fault is not in the running block. */
const struct emu_uop *emu_jit_fault(struct emu_hart *h, void *ucontext);
/* ... before that: 1 when the fault at addr is a call's push past the
 * return entries' depth bound (translate.h), which is then dropped; the
 * handler returns and the call runs again.  0: another fault. */
int emu_jit_stack_fault(struct emu_hart *h, const void *addr, void *ucontext);
const emu_jit_stats *emu_jit_stats_of(const emu_jit *j);
/* The JIT keeps r0..r8 in host registers at first and counts how often
 * each translation runs; at the instruction count emu_jit_deadline it
 * picks the nine guest registers the run used most and translates again
 * (emu_jit_deadline_reached, called by emu_exec between blocks; it drops
 * every translation).  UINT64_MAX: nothing more to do. */
uint64_t emu_jit_deadline(const emu_jit *j);
void emu_jit_deadline_reached(emu_jit *j);
/* --perf-map: perf takes names from /tmp/perf-PID.map only for code in
 * an anonymous mapping, not in the views of a memfd, so the code buffer
 * becomes one mapping switched with mprotect (codebuf.h); and it keeps
 * the first name an address had, so a flush puts new code after the old
 * (jit_codebuf_flush's fresh).  Before the first translation (which
 * makes the buffer). */
void emu_jit_use_anon_code(emu_jit *j);
/* Translated code counts its jump-cache hits and returns (from the
 * next translation on; --stats turns it on: the count costs a memory
 * read-modify-write per indirect jump). */
void emu_jit_count_hits(emu_jit *j, int on);
/* A forked child's JIT: j freed (the child must not write the code
 * buffer it shares with the parent), a new one with j's threshold and
 * settings, or NULL (the child interprets). */
emu_jit *emu_jit_renew(emu_jit *j);
/* The --stats lines of the JIT. */
void emu_jit_print_stats(const emu_jit *j, FILE *f);
#define EMU_JIT_NAME "glyph-run"
/* Chaining and the jump cache off (on: 0): every translated block
 * returns to emu_exec, one block per emu_jit_run (the lockstep audit
 * runs this way).  The switch is emu_jit.nochain in jit.c. */
void emu_jit_set_nochain(emu_jit *j, int on);
/* A process's second thread: chaining, the jump cache and the register
 * profile off for good (they keep one hart's state); the caller flushes
 * every translation in an exclusive section.  emu_jit_threaded: done. */
void emu_jit_set_threaded(emu_jit *j);
int emu_jit_threaded(const emu_jit *j);

/* The host code of b's translation, for the debugging aids (debug.h):
 * where it runs, its length with the exit stubs after the body, and
 * where each uop's code starts (uop_at[k] for k < nuops, uop_at[nuops]:
 * the end of the body), and for a peeled loop where the first
 * iteration's uops are (translate.h). */
typedef struct emu_jit_code {
    unsigned n;                  /* guest instructions: those of all of seg */
    unsigned nseg;               /* the cached blocks it covers: b and those after;
                                  * the code runs their uops one after the other */
    struct emu_block *const *seg;
    const uint8_t *code;
    size_t len;
    const uint32_t *uop_at;
    unsigned nuops;
    const uint32_t *pre_at;      /* a peeled loop's first uops, in the entry: */
    unsigned npre;               /* pre_at[k] for k < npre, pre_at[npre] their end */
} emu_jit_code;
/* 1 and *c filled when b has a translation, else 0. */
int emu_jit_code_of(const struct emu_block *b, emu_jit_code *c);

#endif
