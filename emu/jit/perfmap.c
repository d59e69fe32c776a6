/*
 * perfmap.c - --perf-map: /tmp/perf-PID.map, the file perf(1) reads to
 * name code that has no symbols (JIT code): one line per translation,
 * "START SIZE NAME" with START and SIZE in hex, written as each block is
 * translated.  The name is guest_PC_IB (hex), so that `perf report`
 * shows which guest block the time went to.  After a flush the same host
 * addresses are reused by other blocks; perf takes the line it read last.
 */
#include <inttypes.h>

#include "block.h"
#include "debug.h"
#include "jit.h"

void jit_perfmap_block(FILE *f, const emu_block *b, const emu_jit_code *c)
{
    fprintf(f, "%" PRIx64 " %zx guest_%" PRIx64 "_%" PRIx64 "\n", (uint64_t)(uintptr_t)c->code,
            c->len, b->pc, b->ib);
    fflush(f);
}
