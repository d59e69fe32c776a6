/*
 * options.h - the command-line options of glyph-run, both modes in one
 * table (options.c) with a mode column: user mode (main.c) and
 * full-system mode, -M virt (system/sys_main.c), build their getopt_long
 * tables from it, so the options both take (-t, -d, -n, --stats,
 * --version, --help) are defined once.  Each mode keeps its own help
 * text, as the options mean a little more in -M virt (docs/run.md,
 * docs/system.md).
 */
#ifndef EMU_OPTIONS_H
#define EMU_OPTIONS_H

#include <getopt.h>
#include <stdint.h>

/* the mode column */
enum { EMU_MODE_USER = 1, EMU_MODE_SYS = 2 };

/* getopt_long values of the options without a short letter */
enum {
    EMU_O_STATS = 256,
    /* user mode */
    EMU_O_NO_JIT, EMU_O_JIT, EMU_O_JIT_AUDIT, EMU_O_JIT_DUMP, EMU_O_PERF_MAP, EMU_O_JIT_THRESHOLD,
    EMU_O_ARGV0,
    EMU_O_BINFMT, EMU_O_BINFMT_NAME, EMU_O_BINFMT_FLAGS, EMU_O_BINFMT_INTERP,
    /* -M virt */
    EMU_O_KERNEL, EMU_O_BIOS, EMU_O_APPEND, EMU_O_DTB, EMU_O_DUMPDTB, EMU_O_CLOCK,
    EMU_O_NOREBOOT, EMU_O_TRACETRAPS,
};

/* One mode's getopt_long arguments: room for every entry of the table. */
#define EMU_OPTS_MAX 40
typedef struct {
    struct option longopts[EMU_OPTS_MAX + 1];
    char shortopts[2 * EMU_OPTS_MAX + 2];
} emu_optset;

/* The table's entries of mode (EMU_MODE_USER or EMU_MODE_SYS). */
void emu_optset_init(emu_optset *set, unsigned mode);

/* Does arg, a user-mode option spelled on its own ("-n", "--argv0"),
 * take the next argument as its value? */
int emu_opt_takes_next(const char *arg);

/* -n/--max-insns N: a count above 0; 0 when arg is not one. */
uint64_t emu_opt_count(const char *arg);

#endif
