/*
 * debug.h - the JIT's debugging aids, wrapped around emu_jit_run by the
 * run loop when any is on (exec.c; the options are glyph-run's):
 *
 *   --jit-audit      lockstep audit (audit.c): every run of a translated
 *                    block is checked against the interpreter running the
 *                    same uops from the same state; the first difference
 *                    is reported and ends the process
 *   --jit-dump=FILE  each new translation as guest disassembly
 *                    interleaved with its host code (dump.c)
 *   --perf-map       /tmp/perf-PID.map, so that perf names translated
 *                    code (perfmap.c)
 *
 * None of them changes what the guest sees: registers, memory, reports
 * and counts are those of a run without them.
 */
#ifndef EMU_JIT_DEBUG_H
#define EMU_JIT_DEBUG_H

#include <stdint.h>
#include <stdio.h>

struct emu_aspace;
struct emu_block;
struct emu_hart;

/* A deliberate error for the audit's own test (never for users): the
 * translation of each block gets one uop changed, the interpreter runs
 * it unchanged. */
enum {
    EMU_JIT_BREAK_NONE,
    EMU_JIT_BREAK_CONST, /* the first movi/addi: constant + 1 */
    EMU_JIT_BREAK_STORE, /* the first store: displacement + 8 */
    EMU_JIT_BREAK_TAIL,  /* the first movi/addi after a superblock's first block: + 1 */
};

typedef struct emu_jit_debug_opts {
    int audit;            /* --jit-audit */
    const char *dump;     /* --jit-dump=FILE, or NULL */
    int perf_map;         /* --perf-map */
    int break_op;         /* EMU_JIT_BREAK_*, GLYPH_JIT_AUDIT_BREAK */
    int dump_hex;         /* host code in hex even with capstone, GLYPH_JIT_DUMP_HEX */
    FILE *log;            /* audit reports */
    const char *name;     /* the program name in messages ("glyph-run") */
    const char *prog;     /* the guest program, in audit reports */
    int status;           /* exit status after an audit report */
} emu_jit_debug_opts;

typedef struct emu_jit_debug emu_jit_debug;

/* NULL after printing why to o->log (a file cannot be opened). */
emu_jit_debug *emu_jit_debug_new(const emu_jit_debug_opts *o);
void emu_jit_debug_free(emu_jit_debug *d);
/* How --jit-dump writes host code, for --help: "disassembled
 * (capstone)" or "in hex (built without capstone)". */
const char *emu_jit_dump_host(void);
/* Block runs the audit has checked. */
uint64_t emu_jit_debug_audited(const emu_jit_debug *d);
/* What emu_jit_run does for b, with the aids on. */
int emu_jit_debug_run(emu_jit_debug *d, struct emu_hart *h, struct emu_aspace *as,
                      struct emu_block *b);

/* ---- between debug.c and the aids ---- */

/* b run natively (jit) or by the interpreter, with a host fault coming
 * back as EMU_EXIT_TRAP (the trap recorded) instead of to emu_exec. */
int jit_run_guarded(struct emu_hart *h, struct emu_aspace *as, struct emu_block *b, int jit);

typedef struct jit_audit jit_audit;
jit_audit *jit_audit_new(const emu_jit_debug_opts *o);
void jit_audit_free(jit_audit *a);
uint64_t jit_audit_count(const jit_audit *a);
int jit_audit_run(jit_audit *a, struct emu_hart *h, struct emu_aspace *as, struct emu_block *b);

struct emu_jit_code;
/* The host disassembler of the dump: capstone, loaded on demand; NULL
 * (host code in hex) without it, after saying why on log when the build
 * has capstone but it cannot be loaded. */
typedef struct jit_disasm jit_disasm;
jit_disasm *jit_disasm_new(FILE *log, const char *name);
void jit_disasm_free(jit_disasm *d);
/* One translation, written as it is made (dis NULL: host code in hex). */
void jit_dump_block(FILE *f, const jit_disasm *dis, struct emu_aspace *as,
                    const struct emu_block *b, const struct emu_jit_code *c);
void jit_perfmap_block(FILE *f, const struct emu_block *b, const struct emu_jit_code *c);

#endif
