/*
 * sys_main.c - glyph-run -M virt: the options of full-system mode
 * (QEMU's spellings: -kernel, -bios, -append, -dtb, -m; their entries of
 * the one option table, options.c), then power on the machine and run
 * it (docs/system.md).  main.c hands over here when -M appears among the
 * options.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "system/machine.h"
#include "version.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " SYS_NAME " -M virt -kernel FILE [options]\n"
            "Run the glyph-virt machine (full-system mode; docs/system.md).\n"
            "\n"
            "  -M, --machine virt    the machine (the only one)\n"
            "  -kernel FILE          ELF kernel, loaded at its physical addresses in RAM\n"
            "  -bios FILE|none       firmware image in the ROM (default none: reset stub)\n"
            "  -m SIZE               RAM size, suffix K, M or G (default M; default 128M)\n"
            "  -append ARGS          kernel command line (/chosen bootargs)\n"
            "  -dtb FILE             pass this device tree blob instead of the generated one\n"
            "      --dumpdtb FILE    write the device tree to FILE and exit\n"
            "      --clock=host|insn[:N]  ctime from the host clock (default) or N ns\n"
            "                        per instruction (default 1): deterministic timers\n"
            "      --no-reboot       a reset stops the machine instead\n"
            "      --trace-traps     one line per trap and interrupt\n"
            "  -t, --trace           print each instruction\n"
            "  -d, --dump-regs       print registers and system registers at the end\n"
            "  -n, --max-insns N     stop after N instructions (exit status %d)\n"
            "      --stats           print instructions, seconds and MIPS on exit\n"
            "  -V, --version         print the version\n"
            "  -h, --help            print this help\n",
            SYS_STATUS_LIMIT);
}

int sys_wanted(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "--") == 0)
            return 0;
        if (strncmp(a, "-M", 2) == 0 || strncmp(a, "--machine", 9) == 0)
            return 1;
        if (emu_opt_takes_next(a)) /* its value is no option */
            i++;
    }
    return 0;
}

static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || s[0] == '-')
        return 0;
    unsigned shift = 20;
    if (*end) {
        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        default: return 0;
        }
        if (end[1])
            return 0;
    }
    if (v == 0 || v > (SYS_RAM_MAX >> shift))
        return 0;
    *out = (uint64_t)v << shift;
    return (*out & 0xffff) == 0; /* whole 64 KiB */
}

static int parse_opts(int argc, char **argv, sys_opts *o)
{
    /* QEMU spells these with one dash */
    static const char *const single[] = {"-kernel", "-bios", "-append", "-dtb", "-machine"};
    static const char *const dashed[] = {"--kernel", "--bios", "--append", "--dtb",
                                         "--machine"};
    _Static_assert(sizeof single == sizeof dashed, "one long spelling per single-dash one");
    for (int i = 1; i < argc; i++)
        for (unsigned k = 0; k < sizeof single / sizeof single[0]; k++)
            if (strcmp(argv[i], single[k]) == 0)
                argv[i] = (char *)dashed[k]; /* getopt never writes to the strings */
    o->ram_size = SYS_RAM_DEFAULT;
    o->ns_per_insn = 1;
    const char *machine = NULL;
    int c;
    emu_optset os; /* the -M virt entries of the one table (options.c) */
    emu_optset_init(&os, EMU_MODE_SYS);
    argv[0] = (char *)SYS_NAME;
    while ((c = getopt_long(argc, argv, os.shortopts, os.longopts, NULL)) != -1) {
        switch (c) {
        case 'M': machine = optarg; break;
        case 'm':
            if (!parse_size(optarg, &o->ram_size)) {
                fprintf(stderr, SYS_NAME ": -m %s: want a size of 64K to 16G in whole 64 KiB "
                        "(suffix K, M or G)\n", optarg);
                return -1;
            }
            break;
        case EMU_O_KERNEL: o->kernel = optarg; break;
        case EMU_O_BIOS: o->bios = optarg; break;
        case EMU_O_APPEND: o->append = optarg; break;
        case EMU_O_DTB: o->dtb = optarg; break;
        case EMU_O_DUMPDTB: o->dumpdtb = optarg; break;
        case EMU_O_CLOCK:
            if (strcmp(optarg, "host") == 0) {
                o->clock_insn = 0;
            } else if (strncmp(optarg, "insn", 4) == 0 && (!optarg[4] || optarg[4] == ':')) {
                o->clock_insn = 1;
                if (optarg[4]) {
                    char *end;
                    errno = 0;
                    unsigned long long v = strtoull(optarg + 5, &end, 0);
                    if (errno || *end || end == optarg + 5 || v == 0 || v > 1000000000u) {
                        fprintf(stderr, SYS_NAME ": --clock=%s: bad ns per instruction\n", optarg);
                        return -1;
                    }
                    o->ns_per_insn = v;
                }
            } else {
                fprintf(stderr, SYS_NAME ": --clock=%s: want host or insn[:N]\n", optarg);
                return -1;
            }
            break;
        case EMU_O_NOREBOOT: o->no_reboot = 1; break;
        case EMU_O_TRACETRAPS: o->trace_traps = 1; break;
        case 't': o->trace = 1; break;
        case 'd': o->dump_regs = 1; break;
        case 'n':
            if (!(o->max_insns = emu_opt_count(optarg))) {
                fprintf(stderr, SYS_NAME ": --max-insns: bad count '%s'\n", optarg);
                return -1;
            }
            break;
        case EMU_O_STATS: o->stats = 1; break;
        case 'V': gl_print_version(SYS_NAME); return 1;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, SYS_NAME ": -M: unexpected argument '%s' (the kernel is -kernel FILE)\n",
                argv[optind]);
        return -1;
    }
    if (o->dtb && o->append) {
        fprintf(stderr, SYS_NAME ": -append: not with -dtb (the blob's /chosen has the "
                "bootargs)\n");
        return -1;
    }
    if (!machine || strcmp(machine, "virt") != 0) {
        fprintf(stderr, SYS_NAME ": -M %s: unknown machine (the one machine is 'virt')\n",
                machine ? machine : "");
        return -1;
    }
    if (!o->dumpdtb && !o->kernel && (!o->bios || strcmp(o->bios, "none") == 0)) {
        fprintf(stderr, SYS_NAME ": -M virt: nothing to run (give -kernel FILE or -bios FILE)\n");
        return -1;
    }
    return 0;
}

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int sys_main(int argc, char **argv)
{
    sys_machine *mc = calloc(1, sizeof *mc);
    emu_aspace *as = calloc(1, sizeof *as);
    emu_hart *h = calloc(1, sizeof *h);
    int status = SYS_STATUS_USAGE;
    if (!mc || !as || !h) {
        fprintf(stderr, SYS_NAME ": out of memory\n");
        goto out;
    }
    int r = parse_opts(argc, argv, &mc->opt);
    if (r != 0) {
        status = r > 0 ? 0 : SYS_STATUS_USAGE;
        goto out;
    }
    mc->log = stderr;
    if (emu_aspace_init(as) != 0) {
        fprintf(stderr, SYS_NAME ": cannot reserve memory: %s\n", strerror(errno));
        free(as);
        as = NULL;
        goto out;
    }
    emu_hart_init(h, as);
    mc->as = as;
    mc->h = h;
    if (sys_phys_init(mc) != 0) {
        fprintf(stderr, SYS_NAME ": cannot allocate %" PRIu64 " MiB of RAM: %s\n",
                mc->opt.ram_size >> 20, strerror(errno));
        goto out;
    }
    if (mc->opt.dumpdtb) { /* as QEMU's dumpdtb: the blob, and nothing runs */
        uint8_t *blob;
        size_t len;
        if (sys_dtb_get(mc, &blob, &len) == 0) {
            if (sys_fdt_dump(mc, mc->opt.dumpdtb, blob, len) == 0)
                status = 0;
            free(blob);
        }
        goto out;
    }
    sys_uart_init(&mc->uart, STDIN_FILENO, stdout);
    if (sys_boot_load(mc) != 0)
        goto out;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    mc->host_t0 = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    sys_reset(mc, 1);
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    status = sys_run(mc);
    double secs = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (mc->opt.stats) {
        uint64_t n = h->icount;
        fprintf(stderr, SYS_NAME ": stats: %" PRIu64 " instructions, %.3f s, %.1f MIPS, %"
                PRIu64 " cache flushes, %.3f s cpu, %.1f MIPS per cpu second\n", n, secs,
                secs > 0 ? n / secs / 1e6 : 0.0, as->cache.flushes, cpu,
                cpu > 0 ? n / cpu / 1e6 : 0.0);
    }
out:
    if (mc)
        sys_phys_free(mc);
    if (as)
        emu_aspace_free(as);
    free(as);
    free(h);
    free(mc);
    fflush(stdout);
    return status;
}
