/*
 * codebuf.h - the JIT's code buffer: host memory that translated blocks
 * are written into and run from, never writable and executable at once.
 *
 * Two ways to keep W^X:
 *
 *   dual   one memfd mapped twice: a read-write view the emitter and the
 *          chain patcher write through, a read-execute view the code
 *          runs from (same page offsets, so alignment carries over).
 *          Code may run while other code is written or patched; this is
 *          the mode for threads sharing one cache.
 *   toggle one anonymous mapping switched between read-write (while
 *          writing) and read-execute (while running) with mprotect;
 *          for hosts that refuse memfd or shared executable mappings.
 *          Nothing may run from it while it is open for writing.
 *
 * The address range for `max` bytes is reserved at init, near this
 * binary's code when the host allows, so that `call rel32` reaches the
 * emulator's helpers (jit_codebuf_reaches says whether it does).  The
 * dual views map all of it at once; a toggled buffer commits pages as
 * it grows (doubling, up to max).  jit_codebuf_begin populates the
 * pages ahead of the code, JIT_CODEBUF_AHEAD bytes at a time with one
 * system call (faulted in one by one as the emitter wrote them, they
 * cost a seventh of translating).  When it is full the owner flushes:
 * everything in it is dropped at once.
 */
#ifndef EMU_JIT_CODEBUF_H
#define EMU_JIT_CODEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x64emit.h"

#define JIT_CODEBUF_AHEAD ((size_t)32 << 10)

enum {
    JIT_CODEBUF_AUTO,   /* dual, else toggle */
    JIT_CODEBUF_DUAL,
    JIT_CODEBUF_TOGGLE,
};

typedef struct jit_codebuf {
    uint8_t *w;     /* writable view */
    uint8_t *x;     /* executable view (== w when toggling) */
    size_t size;    /* bytes committed */
    size_t max;     /* bytes reserved */
    size_t used;    /* bytes holding code */
    bool dual;      /* two views of one memfd (closed once mapped) */
    bool open;      /* toggle: currently writable, not executable */
    size_t ready;   /* bytes from the start whose pages were populated */
} jit_codebuf;

/* 0, or -1 with errno set.  initial and max are rounded up to pages. */
int jit_codebuf_init(jit_codebuf *c, size_t initial, size_t max, int mode);
void jit_codebuf_free(jit_codebuf *c);
/* Room for n more bytes after `used`, growing if needed; false when
 * even max bytes cannot hold them (flush and start again). */
bool jit_codebuf_reserve(jit_codebuf *c, size_t n);
/* Point an emitter at the free space (making it writable when
 * toggling); jit_codebuf_commit keeps what it wrote, unless it
 * overflowed, and returns the execution address of its first byte (0
 * after an overflow; the caller reserves more and emits again). */
void jit_codebuf_begin(jit_codebuf *c, x64_asm *a);
uint64_t jit_codebuf_commit(jit_codebuf *c, x64_asm *a);
/* Patching code already committed: open (toggle: writable), patch
 * through jit_codebuf_wptr, close. */
void jit_codebuf_open(jit_codebuf *c);
void jit_codebuf_close(jit_codebuf *c);
void *jit_codebuf_wptr(jit_codebuf *c, uint64_t xaddr);
/* Drop all code (nothing may be running in it).  With fresh, new code
 * goes after the old while half of max is still free, so that no
 * address holds two translations (perf names code by its address, and
 * keeps the first name an address had). */
void jit_codebuf_flush(jit_codebuf *c, bool fresh);
/* True when a rel32 from anywhere in the buffer reaches addr. */
bool jit_codebuf_reaches(const jit_codebuf *c, uint64_t addr);

#endif
