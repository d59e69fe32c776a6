/*
 * debug.c - the JIT's debugging aids around emu_jit_run (debug.h): the
 * audit runs a block, the dump and the perf map are written when a
 * block has just been translated (the dump marks where a flush dropped
 * the translations before).
 */
#include "debug.h"

#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aspace.h"
#include "jit.h"

struct emu_jit_debug {
    emu_jit_debug_opts o;
    jit_audit *audit;
    FILE *dump, *perf;
    jit_disasm *dis; /* with dump: host code disassembled (NULL: hex) */
    uint64_t flushes; /* the JIT's code flushes the dump has marked */
    bool dumped;      /* a block is in the dump */
};

emu_jit_debug *emu_jit_debug_new(const emu_jit_debug_opts *o)
{
    emu_jit_debug *d = calloc(1, sizeof *d);
    if (!d) {
        fprintf(o->log, "%s: out of memory\n", o->name);
        return NULL;
    }
    d->o = *o;
    if (o->audit && !(d->audit = jit_audit_new(o))) {
        fprintf(o->log, "%s: --jit-audit: out of memory\n", o->name);
        goto fail;
    }
    if (o->dump && !(d->dump = fopen(o->dump, "w"))) {
        fprintf(o->log, "%s: --jit-dump: cannot write %s: %s\n", o->name, o->dump,
                strerror(errno));
        goto fail;
    }
    if (o->dump && !o->dump_hex)
        d->dis = jit_disasm_new(o->log, o->name);
    if (o->perf_map) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%ld.map", (long)getpid());
        if (!(d->perf = fopen(path, "w"))) {
            fprintf(o->log, "%s: --perf-map: cannot write %s: %s\n", o->name, path,
                    strerror(errno));
            goto fail;
        }
    }
    return d;
fail:
    emu_jit_debug_free(d);
    return NULL;
}

void emu_jit_debug_free(emu_jit_debug *d)
{
    if (!d)
        return;
    jit_audit_free(d->audit);
    if (d->dump)
        fclose(d->dump);
    jit_disasm_free(d->dis);
    if (d->perf)
        fclose(d->perf);
    free(d);
}

uint64_t emu_jit_debug_audited(const emu_jit_debug *d)
{
    return d->audit ? jit_audit_count(d->audit) : 0;
}

int jit_run_guarded(emu_hart *h, emu_aspace *as, emu_block *b, int jit)
{
    sigjmp_buf outer;
    int why;
    memcpy(outer, h->fault_jmp, sizeof outer);
    if (sigsetjmp(h->fault_jmp, 0)) {
        h->jit_run = NULL;
        why = EMU_EXIT_TRAP;
    } else {
        why = jit ? emu_jit_run(h, as, b) : as->interp(h, as, b);
    }
    memcpy(h->fault_jmp, outer, sizeof outer);
    return why;
}

int emu_jit_debug_run(emu_jit_debug *d, emu_hart *h, emu_aspace *as, emu_block *b)
{
    const int fresh = b->jit == NULL; /* translated by this call, if at all */
    /* a host fault in the block's first run returns here too, so that
     * the translation is written out before the trap is reported */
    int why = d->audit ? jit_audit_run(d->audit, h, as, b) : jit_run_guarded(h, as, b, 1);
    emu_jit_code c;
    if (fresh && (d->dump || d->perf) && emu_jit_code_of(b, &c)) {
        uint64_t f = emu_jit_stats_of(as->jit)->flushes;
        if (d->dump && d->dumped && f != d->flushes) /* the code below may reuse addresses */
            fprintf(d->dump, "flush: every translation above was dropped\n");
        d->flushes = f;
        if (d->dump) {
            jit_dump_block(d->dump, d->dis, as, b, &c);
            d->dumped = true;
        }
        if (d->perf)
            jit_perfmap_block(d->perf, b, &c);
    }
    return why;
}
