/*
 * options.c - the one table of glyph-run's command-line options, with
 * the mode each belongs to (options.h), and what both modes parse alike.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define U EMU_MODE_USER
#define S EMU_MODE_SYS

static const struct {
    const char *name; /* NULL: a short letter only */
    int has_arg, val; /* val < 256: also the short letter */
    unsigned modes;
} table[] = {
    /* (getopt names the candidates of an ambiguous prefix in this order) */
    {"machine", required_argument, 'M', S},
    {NULL, required_argument, 'm', S}, /* -m SIZE, as QEMU */
    {"kernel", required_argument, EMU_O_KERNEL, S},
    {"bios", required_argument, EMU_O_BIOS, S},
    {"append", required_argument, EMU_O_APPEND, S},
    {"dtb", required_argument, EMU_O_DTB, S},
    {"dumpdtb", required_argument, EMU_O_DUMPDTB, S},
    {"clock", required_argument, EMU_O_CLOCK, S},
    {"no-reboot", no_argument, EMU_O_NOREBOOT, S},
    {"trace-traps", no_argument, EMU_O_TRACETRAPS, S},
    {"strace", no_argument, 's', U},
    {"trace", no_argument, 't', U | S},
    {"dump-regs", no_argument, 'd', U | S},
    {"max-insns", required_argument, 'n', U | S},
    {"stats", no_argument, EMU_O_STATS, U | S},
    {"no-jit", no_argument, EMU_O_NO_JIT, U},
    {"jit", no_argument, EMU_O_JIT, U},
    {"jit-audit", no_argument, EMU_O_JIT_AUDIT, U},
    {"jit-dump", required_argument, EMU_O_JIT_DUMP, U},
    {"perf-map", no_argument, EMU_O_PERF_MAP, U},
    {"jit-threshold", required_argument, EMU_O_JIT_THRESHOLD, U},
    {"argv0", required_argument, EMU_O_ARGV0, U},
    {"binfmt", required_argument, EMU_O_BINFMT, U},
    {"binfmt-name", required_argument, EMU_O_BINFMT_NAME, U},
    {"binfmt-flags", required_argument, EMU_O_BINFMT_FLAGS, U},
    {"binfmt-interp", required_argument, EMU_O_BINFMT_INTERP, U},
    {NULL, no_argument, 'v', U}, /* -v: as -V */
    {"version", no_argument, 'V', U | S},
    {"help", no_argument, 'h', U | S},
};

_Static_assert(sizeof table / sizeof *table <= EMU_OPTS_MAX, "EMU_OPTS_MAX is too small");

void emu_optset_init(emu_optset *set, unsigned mode)
{
    size_t nl = 0, ns = 0;
    if (mode == EMU_MODE_USER)
        set->shortopts[ns++] = '+'; /* options end at the program */
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (!(table[i].modes & mode))
            continue;
        if (table[i].name)
            set->longopts[nl++] = (struct option){table[i].name, table[i].has_arg, NULL,
                                                  table[i].val};
        if (table[i].val < 256) {
            set->shortopts[ns++] = (char)table[i].val;
            if (table[i].has_arg == required_argument)
                set->shortopts[ns++] = ':';
        }
    }
    set->longopts[nl] = (struct option){NULL, 0, NULL, 0};
    set->shortopts[ns] = 0;
}

int emu_opt_takes_next(const char *arg)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (!(table[i].modes & EMU_MODE_USER) || table[i].has_arg != required_argument)
            continue;
        if (arg[0] == '-' && arg[1] == table[i].val && !arg[2])
            return 1;
        if (table[i].name && arg[0] == '-' && arg[1] == '-' && !strcmp(arg + 2, table[i].name))
            return 1;
    }
    return 0;
}

uint64_t emu_opt_count(const char *arg)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 0);
    if (errno || *end || !*arg || arg[0] == '-')
        return 0;
    return v;
}
