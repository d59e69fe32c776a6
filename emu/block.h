/*
 * block.h - decoded basic blocks and the block cache.
 *
 * A block is the run of instructions from (pc, ib) to the first one that
 * can change pc or ib non-sequentially (or a syscall, a trap, a page
 * boundary, EMU_BLOCK_MAX instructions).  Instruction and constant
 * streams are read-only, so a block holds its instructions decoded once
 * into uops whose constants are already fetched: movd/movq/lea become a
 * plain "rc = value", addd an "rc += value", loadpc/storepc carry their
 * absolute address, link carries its vector.  Blocks are keyed by
 * (pc, ib) and live until a page they were read from is unmapped,
 * remapped, re-protected or written (then the whole cache is flushed).
 *
 * The interpreter runs a block's uops; the JIT (jit/) translates them
 * to host code, kept in b->jit and dropped with the block.
 */
#ifndef EMU_BLOCK_H
#define EMU_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "isa.h"

#define EMU_BLOCK_MAX 64 /* guest instructions per block */

/* Pseudo uops beyond the ISA's op ids. */
enum {
    EMU_UOP_NEXT = GL_OP_COUNT + 1, /* end of a straight block: pc = u->pc */
    EMU_UOP_STOP,                   /* end of a single-step block */
    EMU_UOP_FAULT,                  /* decode-time trap (aux = kind, imm = address) */
    EMU_UOP_COUNT
};

typedef struct emu_uop {
    const void *h; /* interpreter handler for op (threaded dispatch) */
    uint64_t pc;   /* guest address of the instruction */
    int64_t imm;   /* scaled immediate, or the pre-resolved constant */
    uint16_t op;   /* enum gl_op or EMU_UOP_* */
    uint8_t rc, rb, ra;
    uint8_t len;   /* instruction length in bytes; 0 for pseudo uops */
    uint8_t aux;   /* EMU_UOP_FAULT: trap kind; colors: data color */
    uint8_t aux2;  /* EMU_UOP_FAULT: code color */
} emu_uop;

typedef struct emu_block {
    uint64_t pc, ib;
    struct emu_block *hnext;   /* hash chain */
    struct emu_block *link[2]; /* successors, verified by (pc, ib) on use */
    uint32_t n;                /* guest instructions, counted on entry */
    uint32_t nuops;
    uint32_t color;            /* color of the code page */
    uint32_t runs;             /* runs the JIT counted before translating it (jit/jit.c) */
    void *jit;                 /* its translation (jit/jit.c); NULL until made */
    emu_uop u[];
} emu_block;

typedef struct emu_cache {
    emu_block **hash;   /* EMU_HASH_SIZE chains */
    uint8_t *arena;     /* blocks are carved from here, freed all at once */
    size_t used;
    uint64_t *pages;    /* guest pages marked EMU_P_CACHED */
    size_t npages, cap;
    uint64_t gen;       /* bumped by every flush */
    uint64_t flushes;
    const void *const *labels; /* interpreter handlers, indexed by op */
} emu_cache;

struct emu_aspace;

int emu_cache_init(emu_cache *c);
void emu_cache_free(emu_cache *c);
/* Drop every block and give cached pages their host permissions back.
 * Bumps gen: a chain slot taken before must not be written after.
 * Only with no other hart in guest code: in an exclusive section
 * (emu_cache_flush_sync, aspace.h) or with the address space's one hart. */
void emu_cache_flush(struct emu_aspace *as);
/* Flush if any page of [a, a+len) holds cached blocks or constants
 * (from outside guest code: in an exclusive section, exclusive.c). */
void emu_cache_invalidate(struct emu_aspace *as, uint64_t a, uint64_t len);
/* The block for (pc, ib), decoded now if needed (under the address
 * space's cache lock; lookups take none); NULL when the arena is full:
 * flush in an exclusive section and ask again. */
emu_block *emu_block_get(struct emu_aspace *as, uint64_t pc, uint64_t ib);
/* Decode just the instruction at (pc, ib) into out (room for 2 uops),
 * ending with EMU_UOP_STOP: single-step for the last instructions of an
 * instruction budget. */
void emu_block_step(struct emu_aspace *as, uint64_t pc, uint64_t ib, emu_block *out);

#endif
