/*
 * translate.h - the block translator: an emu_block (block.h) to x86-64
 * code that runs in the JIT's common frame and goes from block to block
 * without returning to C (docs/run.md, "JIT design").
 *
 * The frame is set up once per run by the enter trampoline
 * (jit_emit_trampolines):
 *
 *     unsigned enter(uint64_t *state, uint8_t *mem, jit_io *io, uint64_t code);
 *
 * state: r0..r63, pc, ib, flag (the layout emu_hart opens with), and at
 * the byte offsets the jit_env names the instruction count and the
 * chain limit; mem: host address of guest address 0; code: a block's
 * entry.  Nine guest registers (jit_env.guest) and the instruction count
 * live in host registers while translated code runs (in state only
 * outside it).  Every block's code starts with the
 * budget check: icount + n > chain limit leaves with JIT_X_BUDGET in
 * front of the block, so --max-insns stays exact and a pending host
 * signal or cache flush (whose handlers set the chain limit to 0) is
 * seen at the next block boundary, chained or not.  Then it adds n to
 * icount and runs the uops.  It leaves through the common exit with the
 * returned code (JIT_X_*), io->tag = the block's tag (jit_env), pc, ib
 * and every register in state, all earlier uops done and none after.
 * The pc and ib of the exits marked * are constants of the block, which
 * the code does not store: jit_exit_target gives them (each exit stub
 * is then two instructions, which makes code smaller and translating
 * faster).
 *
 *   JIT_X_CHAIN | k  * direct successor k is not chained yet: pc and ib
 *                    are its; jit_code.site[k] is the rel32 to point at
 *                    its code (jit_chain), after which this exit is never
 *                    taken again;
 *   JIT_X_INDIRECT   jtl/jala whose target missed the jump cache;
 *   JIT_X_BUDGET | s * the check above failed (s = 0, icount unchanged), or
 *                    the chain limit fell while a superblock ran (below):
 *                    pc, ib are segment s's start, its earlier segments
 *                    done;
 *   JIT_X_SYSCALL    * a syscall: pc is past it;
 *   JIT_X_LOAD/STORE | k  uop k's address is not below the limit
 *                    (io->fault); pc, ib are left to the caller;
 *   JIT_X_RDFAULT, JIT_X_CAP_LOAD/STORE, JIT_X_STEP | k  the checked
 *                    variant's traps and the page-crossing access the
 *                    caller runs in the checking interpreter (io->fault);
 *                    JIT_X_STEP also for an access in range from a base
 *                    register that is not (translate.c, address()), and
 *                    (k = 0) for a loop's carried base register not below
 *                    the limit at its entry (plan_carry).
 *
 * Host faults inside the body are attributed with jit_code.uop_at.
 *
 * The frame's words (JIT_FR_*) are in the state at jit_env.frame_off,
 * not on the host stack: with return prediction (jit_env.ras) a `jal`
 * is a host `call` and its `jtl` a host `ret`, so rsp moves while
 * translated code runs.  The call pushes the address of a continuation
 * in the caller's code (a chained jump to the return point, pc + 2 and
 * the caller's ib, with that pc and ib after it as the immediates of
 * two movabs never run, at JIT_RAS_PC/JIT_RAS_IB from the address);
 * a `jtl` whose target equals the top entry's pops it with `ret`
 * (predicted by the host's return stack buffer), any other goes through
 * the jump cache and leaves the entries.  The entries are on a stack of
 * their own (JIT_FR_STACK, set by the caller) above a guard page: a call
 * into the guard faults, and the caller's SIGSEGV handler drops them
 * all (rsp = JIT_FR_SP) and lets the call run again.  The common exit
 * restores the host rsp (JIT_FR_HOST), so every exit works at any depth.
 *
 * Superblocks: the uops translated may be the blocks of a straight path
 * of one ib and one color (segments: a block, then the block its `j`,
 * its `b`'s fall-through or its end leads to, ...), concatenated, one
 * uop per instruction, the NEXT of the last one only.  Such code counts
 * all n instructions at its entry, as one block would, so a trap at uop
 * k leaves icount - (n - k) as for a block; a side exit (a `b` taken in
 * an earlier segment) takes back the instructions it skips before its
 * chained jump.  After a segment that stored to memory the next one
 * (only that one: the limit stays 0) starts by testing the chain limit
 * again: a store into cached code (hostfault.c sets the limit to 0)
 * ends the superblock there, as the end of a block ends the
 * interpreter's run, so the code it changed is decoded again before it
 * runs.
 *
 * Loops: a translation whose only edge back to its entry leaves the
 * flag described (a compare of two registers, say, whose b closes the
 * loop) and whose entry needs the flag (a load that may trap comes
 * before the first uop that writes it) would have to write the flag on
 * every iteration, to be right at that trap in the first.  Instead the
 * entry runs those first uops (at most JIT_PEEL_MAX: the peeled prefix)
 * with the flag as the entry has it and goes on into the body after
 * them, and the body starts with the flag described as the edge back
 * leaves it: the description holds at every later iteration's traps,
 * which write it out, and the edge back writes nothing.
 */
#ifndef EMU_JIT_TRANSLATE_H
#define EMU_JIT_TRANSLATE_H

#include <stdbool.h>

#include "block.h"
#include "x64emit.h"

/* Offsets in the state the translated code works on. */
enum { JIT_STATE_PC = 64, JIT_STATE_IB = 65, JIT_STATE_FLAG = 66, JIT_STATE_WORDS = 67 };

/* The frame's words, in the state at jit_env.frame_off (the hart's
 * jit_frame): the limit loads and stores are checked against, the
 * jit_io pointer, the host rsp the exit restores, the return entries'
 * stack (the caller's: the address of its top word, where the
 * trampoline puts the sentinel entry, or 0: the host stack), rsp in the
 * body with no return entries pushed, and the counters of return
 * prediction (--stats), which the caller folds in and zeroes. */
enum {
    JIT_FR_LIMIT,
    JIT_FR_IO,
    JIT_FR_HOST,
    JIT_FR_STACK,
    JIT_FR_SP,
    JIT_FR_RAS_HIT,   /* returns that popped a matching entry with `ret` */
    JIT_FR_RAS_MISS,  /* ... whose target differed from the top entry */
    JIT_FR_RAS_EMPTY, /* ... with no entry */
    JIT_FR_RAS_DROP,  /* calls that dropped every entry (the guard page) */
    JIT_FR_WORDS
};
/* Bytes of the return entries' stack above its guard page: 8192 words,
 * the sentinel's and 8191 entries. */
#define JIT_RAS_STACK (8u << 13)
#define JIT_RAS_GUARD 4096u
/* The continuation's pc and ib, at these offsets from its address. */
enum { JIT_RAS_PC = 10, JIT_RAS_IB = 20 };

/* What translated code returns (the kind in the high half). */
enum {
    JIT_X_CHAIN = 1u << 16,
    JIT_X_INDIRECT = 2u << 16,
    JIT_X_BUDGET = 3u << 16,
    JIT_X_SYSCALL = 4u << 16,
    JIT_X_LOAD = 5u << 16,
    JIT_X_STORE = 6u << 16,
    /* the checked variant (jit_env.checked) */
    JIT_X_RDFAULT = 7u << 16,   /* | k: uop k loads from a page without read permission */
    JIT_X_CAP_LOAD = 8u << 16,  /* | k: the policy forbids the load */
    JIT_X_CAP_STORE = 9u << 16, /* | k: ... the store */
    JIT_X_STEP = 10u << 16,     /* | k: uop k crosses a page: the caller steps it */
};

/* Filled by the exits. */
typedef struct jit_io {
    uint64_t tag;   /* jit_env.tag of the block that left */
    uint64_t fault; /* JIT_X_LOAD/STORE: the address */
} jit_io;

/* The jump cache: direct-mapped by (pc, ib), looked up by translated
 * code for jtl and jala (a hit compares pc and ib only).  An empty entry
 * is all zeros, which only a jump to pc 0, ib 0 (a call through a zeroed
 * descriptor) could hit, and that pair has entry 0, whose empty pc is
 * JIT_JC_EMPTY instead: no jump reaches it, as a jump moves pc by a
 * signed 32-bit lane from code that was fetched, and 2^63 + 1 is odd and
 * more than 2^33 away from every address code runs at.  So a new cache
 * needs no page written but one (jit.c). */
#define JIT_JC_EMPTY 0x8000000000000001ull
#define JIT_JC_BITS 12
#define JIT_JC_SIZE (1u << JIT_JC_BITS)
typedef struct jit_jc_entry {
    uint64_t pc, ib, code, pad;
} jit_jc_entry;
typedef struct jit_jc {
    jit_jc_entry e[JIT_JC_SIZE];
    uint64_t hits; /* counted by translated code */
} jit_jc;
static inline unsigned jit_jc_index(uint64_t pc, uint64_t ib)
{
    return (unsigned)(((ib >> 5) ^ pc) >> 1) & (JIT_JC_SIZE - 1);
}

/* CPU features the translator may use (else ctz/clz/ctpop fall back). */
enum { JIT_F_BMI1 = 1, JIT_F_LZCNT = 2, JIT_F_POPCNT = 4 };

typedef struct jit_env {
    uint64_t limit;      /* loads and stores are checked against [0, limit) */
    /* Below 0 and from limit on, this many bytes fault (guards): a base
     * register is then checked once, until written, for every access
     * at an offset under reach / 2 (0: each access is checked). */
    int64_t reach;
    uint64_t leave;      /* execution address of the common exit */
    uint64_t jc;         /* the jump cache (jit_jc), or 0: indirect jumps always leave */
    bool hits;           /* count the jump cache's hits (jit_jc.hits) and the returns
                          * predicted, mispredicted and without an entry: for --stats only */
    uint64_t tag;        /* io->tag of this block's exits */
    int32_t icount_off;  /* byte offsets from state: uint64_t instruction count */
    int32_t climit_off;  /* ... and uint64_t chain limit */
    int32_t frame_off;   /* ... and uint64_t[JIT_FR_WORDS], the frame's words */
    bool ras;            /* return prediction: jal a host call, jtl checks the entry (needs jc) */
    unsigned features;   /* JIT_F_* */
    const uint8_t *guest; /* JIT_NMAPPED guest registers kept in host ones, or NULL: r0..r8 */
    uint64_t count;      /* address of a uint64_t the entry counts up (profiling), or 0 */
    bool loops;          /* an edge to the block's own entry jumps there (not chained) */
    /* the checked variant (colors, execute-only and write-only pages):
     * every load and store is checked as the checking interpreter does */
    bool checked;
    uint64_t perm, color; /* addresses of the page tables (emu_mem.perm, .color) */
    uint16_t rmask, wmask; /* the colors this block's code may load from and store to */
} jit_env;

/* The flag as a compare of guest registers not yet written to the state
 * (cc < 0: none; else flag = x86 condition cc after cmp r[x], r[y] or
 * cmp r[x], imm): what a trap at a uop sees (translate.c keeps the
 * flags of compares, adds and subtractions this way until they are
 * read or leave). */
typedef struct jit_flagfix {
    int8_t cc;
    uint8_t x, y;
    bool yimm;
    int32_t imm;
} jit_flagfix;

/* Superblocks: at most this many segments, and the instructions of a
 * block (EMU_BLOCK_MAX) in all; direct exits: one per side exit and two
 * for the end. */
#define JIT_SEGS_MAX 8
#define JIT_SUCC_MAX (JIT_SEGS_MAX + 1)
/* Uops of a loop's first iteration run before its body at most (the
 * peeled prefix, above). */
#define JIT_PEEL_MAX 8

/* Where things are in a block's code (offsets from its entry).  The
 * caller points every table at room for the most entries it can have
 * (uop_at and fix: the block's nuops; site, site_seg, succ_pc, succ_ib:
 * JIT_SUCC_MAX; pre_at: JIT_PEEL_MAX + 1).  jit.c translates into
 * tables on its stack and keeps copies sized to the counts (a
 * translation's bookkeeping is memory touched, and new pages are what
 * translating costs most). */
typedef struct jit_code {
    uint32_t end;                        /* uop_at[end]: the end of the body */
    unsigned nsucc;
    uint32_t *uop_at;                    /* a host fault in [uop_at[k], uop_at[k+1]) is uop k's */
    jit_flagfix *fix;                    /* the flag at a host fault in uop k */
    uint32_t *site;                      /* rel32 of the exits JIT_X_CHAIN | k */
    uint8_t *site_seg;                   /* ... the segment each leaves from */
    uint64_t *succ_pc, *succ_ib;         /* ... and goes to */
    /* a peeled loop: uops 0..npre-1 of its first iteration, before the
     * body (a host fault in [pre_at[k], pre_at[k+1]) is uop k's, with
     * the flag in the state); npre = 0: none */
    uint32_t *pre_at;
    uint8_t npre;
    uint8_t seg_at[JIT_SEGS_MAX];        /* the uop each segment starts at */
} jit_code;

/* Room for a translation's tables at their largest. */
typedef struct jit_tables {
    uint32_t uop_at[EMU_BLOCK_MAX + 1];
    jit_flagfix fix[EMU_BLOCK_MAX + 1];
    uint32_t site[JIT_SUCC_MAX];
    uint8_t site_seg[JIT_SUCC_MAX];
    uint64_t succ_pc[JIT_SUCC_MAX], succ_ib[JIT_SUCC_MAX];
    uint32_t pre_at[JIT_PEEL_MAX + 1];
} jit_tables;

/* A jit_code for jit_translate whose tables are in r. */
jit_code jit_code_in(jit_tables *r);

/* JIT_NMAPPED guest registers live in host registers for the whole run
 * (r0..r8 unless the JIT chose others, jit_env.guest): slot i is host
 * register jit_slot_reg(i). */
enum { JIT_NMAPPED = 9 };
/* ... and the instruction count is in this host register. */
#define JIT_ICOUNT_REG X64_R11
x64_reg jit_slot_reg(unsigned i);

/* True when the translator handles op with features (else the block
 * runs in the interpreter). */
bool jit_supported(unsigned op, unsigned features);
/* The first uop of b the translator does not handle, or -1 when it
 * handles them all. */
int jit_unsupported(const emu_block *b, unsigned features);
/* Emit the enter trampoline at a's position (after the sentinel return
 * entry; *enter = its offset from a's start) and the common exit after
 * it, for the guest registers guest (as jit_env.guest), the count and
 * the frame's words at those byte offsets from state; returns the
 * exit's offset from a's start. */
size_t jit_emit_trampolines(x64_asm *a, uint64_t limit, const uint8_t *guest, int32_t icount_off,
                            int32_t frame_off, size_t *enter);
/* Emit b's code at a's position (every uop supported); false when a
 * overflowed.  seg[0..nseg) are the uop indices where b's segments
 * start (a plain block: one segment, seg[0] = 0). */
bool jit_translate(x64_asm *a, const emu_block *b, const unsigned *seg, unsigned nseg,
                   const jit_env *e, jit_code *out);
/* For exit code r of the code c of the blocks seg[0..nseg) (as given
 * to jit_translate in one): true, with the pc and ib it leaves with,
 * when r is one of the exits that do not store them (above). */
bool jit_exit_target(emu_block *const *seg, unsigned nseg, const jit_code *c, unsigned r,
                     uint64_t *pc, uint64_t *ib);
/* Point a chain exit's rel32 (its writable address w, execution address
 * site) at target. */
bool jit_chain(void *w, uint64_t site, uint64_t target);

#endif
