/*
 * main.c - glyph-run: run a glyph Linux executable in user mode.
 *
 *   glyph-run [options] program [args...]
 *   glyph-run --binfmt=install|remove|status|print [--binfmt-name NAME] ...
 *
 * main() reads as the list of steps: options, reserve guest memory, load
 * the ELF, build the stack, install fault handlers, run, report.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>

#include "jit/debug.h"
#include "jit/jit.h"
#include "options.h"
#include "system/machine.h"
#include "user.h"
#include "version.h"


extern char **environ;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " EMU_NAME " [options] program [args...]\n"
            "       " EMU_NAME " --binfmt=install|remove|status|print [--binfmt-name NAME]\n"
            "                 [--binfmt-flags FLAGS] [--binfmt-interp PATH]\n"
            "Run a glyph Linux executable (ELF, EM_GLYPH) in user mode.\n"
            "\n"
            "  -s, --strace         print each system call with arguments and result\n"
            "  -t, --trace          print each instruction (address, ib, encoding, disassembly)\n"
            "  -d, --dump-regs      print pc, ib, flag and r0..r63 on exit or trap\n"
            "  -n, --max-insns N    stop after N instructions (exit status %d)\n"
            "      --stats          print instructions, seconds and MIPS (wall, cpu) on exit\n"
            "                       (and the JIT's counters)\n"
            "      --jit            run translated blocks, chained (the default on x86-64)\n"
            "      --no-jit         interpret every block (also GLYPH_NO_JIT=1 or GLYPH_JIT=0)\n"
            "      --jit-audit      run each translated block in the interpreter too and\n"
            "                       compare registers, flag, pc, ib, count and memory;\n"
            "                       report the first difference and exit %d (implies --jit)\n"
            "      --jit-dump=FILE  write each translation to FILE: guest instructions\n"
            "                       and the host code of each, %s (implies --jit)\n"
            "      --perf-map       write /tmp/perf-PID.map for perf (implies --jit)\n"
            "      --jit-threshold=N  translate a block on its Nth run, interpret it before\n"
            "                       (default %d, 1 with --jit-dump or --perf-map; 1: on its\n"
            "                       first; also GLYPH_JIT_THRESHOLD=N; --jit-audit: 1)\n"
            "      --argv0 NAME     the program's argv[0] (default: the path given)\n"
            "      --binfmt=ACTION  install, remove, status (show) or print the binfmt_misc entry\n"
            "      --binfmt-name N  binfmt_misc entry name (default glyph)\n"
            "      --binfmt-flags F its flags, of P O C F (default PF; docs/run.md)\n"
            "      --binfmt-interp P  the interpreter it names (default: this glyph-run)\n"
            "  -V, --version        print the version\n"
            "  -h, --help           print this help\n"
            "Options end at the first non-option argument (the program) or at --.\n"
            "Traces and reports go to standard error; see docs/run.md.\n",
            EMU_STATUS_LIMIT, EMU_STATUS_AUDIT, emu_jit_dump_host(), EMU_JIT_THRESHOLD);
}

/* A --jit-threshold count: 1 to UINT_MAX, else 0. */
static unsigned threshold_of(const char *s)
{
    uint64_t n = emu_opt_count(s);
    return n <= UINT_MAX ? (unsigned)n : 0;
}

/* A set environment switch: anything but empty or 0. */
static int env_on(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Started by binfmt_misc?  Then the kernel passed argv = [us, path of
 * the program, args...] with AT_EXECFN naming the program rather than
 * us; with flag P (AT_FLAGS_PRESERVE_ARGV0 in AT_FLAGS, Linux 5.12 and
 * later) the program's original argv[0] comes after the path. */
static int via_binfmt(int argc, char **argv)
{
    const char *fn = (const char *)getauxval(AT_EXECFN);
    return argc >= 2 && fn && strcmp(fn, argv[1]) == 0 && argv[1][0] != '-';
}

#define AT_FLAGS_PRESERVE_ARGV0 1

int main(int argc, char **argv)
{
    emu_opts opt = {0};
    /* The JIT is the default (where there is one: x86-64 hosts);
     * GLYPH_NO_JIT=1 or GLYPH_JIT=0 select the interpreter, and
     * GLYPH_NO_JIT=1 wins over GLYPH_JIT=1. */
    const char *jit = getenv("GLYPH_JIT"), *nojit = getenv("GLYPH_NO_JIT");
    opt.no_jit = (jit && strcmp(jit, "0") == 0) || (nojit && *nojit && strcmp(nojit, "0") != 0);
    const char *thr = getenv("GLYPH_JIT_THRESHOLD"); /* the option wins */
    if (thr && *thr && !(opt.jit_threshold = threshold_of(thr))) {
        fprintf(stderr, EMU_NAME ": GLYPH_JIT_THRESHOLD: bad count '%s'\n", thr);
        return EMU_STATUS_USAGE;
    }
    const char *binfmt = NULL, *binfmt_name = "glyph", *binfmt_flags = NULL, *binfmt_interp = NULL;
    const char *path;
    char **gargv;
    int gargc;

    /* full-system mode: its own options (emu/system/, docs/system.md) */
    if (!via_binfmt(argc, argv) && sys_wanted(argc, argv))
        return sys_main(argc, argv);

    if (via_binfmt(argc, argv)) {
        int keep0 = (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) && argc >= 3;
        path = argv[1];
        gargv = argv + 1 + keep0;
        gargc = argc - 1 - keep0;
        /* flags O and C: the program comes open (it may be unreadable) */
        errno = 0;
        unsigned long fd = getauxval(AT_EXECFD);
        if (errno == 0 && fd < (unsigned long)INT_MAX) {
            opt.has_exec_fd = 1;
            opt.exec_fd = (int)fd;
        }
    } else {
        int c;
        emu_optset os; /* the user-mode entries of the one table (options.c) */
        emu_optset_init(&os, EMU_MODE_USER);
        argv[0] = (char *)EMU_NAME; /* getopt's messages name the program, not its path */
        while ((c = getopt_long(argc, argv, os.shortopts, os.longopts, NULL)) != -1) {
            switch (c) {
            case 's': opt.strace = 1; break;
            case 't': opt.trace = 1; break;
            case 'd': opt.dump_regs = 1; break;
            case 'n':
                if (!(opt.max_insns = emu_opt_count(optarg))) {
                    fprintf(stderr, EMU_NAME ": --max-insns: bad count '%s'\n", optarg);
                    return EMU_STATUS_USAGE;
                }
                break;
            case EMU_O_STATS: opt.stats = 1; break;
            case EMU_O_NO_JIT: opt.no_jit = 1; break;
            case EMU_O_JIT: opt.no_jit = 0; break;
            case EMU_O_JIT_AUDIT: opt.jit_audit = 1; opt.no_jit = 0; break;
            case EMU_O_JIT_DUMP: opt.jit_dump = optarg; opt.no_jit = 0; break;
            case EMU_O_PERF_MAP: opt.perf_map = 1; opt.no_jit = 0; break;
            case EMU_O_JIT_THRESHOLD:
                if (!(opt.jit_threshold = threshold_of(optarg))) {
                    fprintf(stderr, EMU_NAME ": --jit-threshold: bad count '%s'\n", optarg);
                    return EMU_STATUS_USAGE;
                }
                break;
            case EMU_O_ARGV0: opt.argv0 = optarg; break;
            case EMU_O_BINFMT: binfmt = optarg; break;
            case EMU_O_BINFMT_NAME: binfmt_name = optarg; break;
            case EMU_O_BINFMT_FLAGS: binfmt_flags = optarg; break;
            case EMU_O_BINFMT_INTERP: binfmt_interp = optarg; break;
            case 'v':
            case 'V':
                gl_print_version(EMU_NAME);
                return 0;
            case 'h':
                usage(stdout);
                return 0;
            default:
                usage(stderr);
                return EMU_STATUS_USAGE;
            }
        }
        if (binfmt)
            return emu_binfmt(binfmt, binfmt_name, binfmt_flags, binfmt_interp);
        if (optind >= argc) {
            fprintf(stderr, EMU_NAME ": no program given\n");
            usage(stderr);
            return EMU_STATUS_USAGE;
        }
        path = argv[optind];
        gargv = argv + optind;
        gargc = argc - optind;
        if (opt.argv0)
            gargv[0] = (char *)opt.argv0;
    }

    /* the dump and the perf map show every block's translation, unless
     * a threshold was asked for (the audit translates every block on
     * its first run whatever the threshold: emu_jit_prepare) */
    if (!opt.jit_threshold && (opt.jit_dump || opt.perf_map))
        opt.jit_threshold = 1;
    emu_ctx *ctx = calloc(1, sizeof *ctx);
    emu_aspace *as = calloc(1, sizeof *as);
    emu_hart *hart = calloc(1, sizeof *hart);
    if (!ctx || !as || !hart) {
        free(ctx);
        free(as);
        free(hart);
        fprintf(stderr, EMU_NAME ": out of memory\n");
        return EMU_STATUS_USAGE;
    }
    ctx->log = stderr;
    ctx->opt = opt;
    ctx->prog = path;
    int status = EMU_STATUS_USAGE, term_sig = 0;

    /* the address space (guest memory, block cache) and its first hart */
    if (emu_aspace_init(as) != 0) {
        fprintf(stderr, EMU_NAME ": cannot reserve guest memory: %s\n", strerror(errno));
        free(as);
        as = NULL;
        goto out;
    }
    emu_hart_init(hart, as);
    /* translated blocks; without a code buffer the interpreter runs all */
    if (!opt.no_jit)
        as->jit = emu_jit_new(opt.jit_threshold);
    if (as->jit && opt.stats) /* the count of jump-cache hits is for --stats */
        emu_jit_count_hits(as->jit, 1);
    if (as->jit && opt.perf_map)
        emu_jit_use_anon_code(as->jit);
    if (as->jit && (opt.jit_audit || opt.jit_dump || opt.perf_map)) {
        /* GLYPH_JIT_AUDIT_BREAK and GLYPH_JIT_DUMP_HEX are for the
         * tests of these aids (tests/run/jit_audit.sh, jit_dump.sh) */
        const char *brk = getenv("GLYPH_JIT_AUDIT_BREAK");
        emu_jit_debug_opts dopt = {
            .audit = opt.jit_audit, .dump = opt.jit_dump, .perf_map = opt.perf_map,
            .break_op = !brk ? EMU_JIT_BREAK_NONE
                        : !strcmp(brk, "const") ? EMU_JIT_BREAK_CONST
                        : !strcmp(brk, "store") ? EMU_JIT_BREAK_STORE
                        : !strcmp(brk, "tail") ? EMU_JIT_BREAK_TAIL : EMU_JIT_BREAK_NONE,
            .dump_hex = env_on("GLYPH_JIT_DUMP_HEX"),
            .log = stderr, .name = EMU_NAME, .prog = path, .status = EMU_STATUS_AUDIT,
        };
        if (!(as->jit_debug = emu_jit_debug_new(&dopt)))
            goto out;
        if (opt.jit_audit) /* one block per emu_jit_run, compared on its own */
            emu_jit_set_nochain(as->jit, 1);
    }
    ctx->as = as;
    ctx->hart = hart;
    /* load the executable; this also picks colors on or off */
    if (emu_load(ctx, path) != 0)
        goto out;
    ctx->exe_path = realpath(path, NULL);
    emu_interp_select(as);
    /* the Linux process start-up */
    if (emu_setup_stack(ctx, gargc, gargv, environ) != 0) {
        fprintf(stderr, EMU_NAME ": %s: cannot build the initial stack\n", path);
        goto out;
    }
    if (emu_hostfault_init(hart) != 0 || emu_sig_init(ctx) != 0 || emu_proc_init(ctx) != 0) {
        fprintf(stderr, EMU_NAME ": cannot install signal handlers: %s\n", strerror(errno));
        goto out;
    }
    /* wall and CPU time: on a busy machine only the latter measures us */
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    status = emu_proc_finish(ctx, emu_run(ctx)); /* and every other thread */
    term_sig = ctx->term_sig;
    double secs = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    emu_sig_fini(ctx);
    emu_hostfault_fini(hart);
    if (opt.stats) {
        uint64_t n = hart->icount;
        fprintf(stderr, EMU_NAME ": stats: %" PRIu64 " instructions, %.3f s, %.1f MIPS, %"
                PRIu64 " cache flushes, %.3f s cpu, %.1f MIPS per cpu second, %" PRIu64
                " host mprotect calls\n", n, secs, secs > 0 ? n / secs / 1e6 : 0.0,
                as->cache.flushes, cpu, cpu > 0 ? n / cpu / 1e6 : 0.0,
                as->mem.host_protects);
        if (as->jit)
            emu_jit_print_stats(as->jit, stderr);
        if (as->jit_debug && opt.jit_audit)
            fprintf(stderr, EMU_NAME ": jit audit: %" PRIu64 " block runs checked, no difference\n",
                    emu_jit_debug_audited(as->jit_debug));
    }
out:
    if (as)
        emu_aspace_free(as);
    free(as);
    free(hart);
    free(ctx->exe_path);
    free(ctx->phdr_copy);
    free(ctx);
    fflush(stdout);
    /* killed by a signal: so the parent's wait sees it (WIFSIGNALED) */
    if (term_sig)
        emu_die_by_signal(term_sig);
    return status;
}
