/*
 * options.c - the command line, GNU ld style.
 *
 * getopt_long_only so that both "-Map=file" / "-Map file" and the
 * short clusters ("-lgrt", "-oout", "-L.") work.  The optstring starts
 * with '-' so file names and -l come back in command-line order: their
 * order matters for archives and groups.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ld.h"
#include "version.h"

enum {
    OPT_MAP = 256,
    OPT_START_GROUP,
    OPT_END_GROUP,
    OPT_GC,
    OPT_NO_GC,
    OPT_DEFSYM,
    OPT_POLICY,
    OPT_ALLOW_READ,
    OPT_DENY_READ,
    OPT_ALLOW_WRITE,
    OPT_DENY_WRITE,
    OPT_ALLOW_EXEC,
    OPT_DENY_EXEC,
    OPT_IMAGE_BASE,
    OPT_COMPARTMENT,
    OPT_PRINT_COMPARTMENTS,
};

static const struct option long_opts[] = {
    {"output", required_argument, 0, 'o'},
    {"entry", required_argument, 0, 'e'},
    {"library-path", required_argument, 0, 'L'},
    {"library", required_argument, 0, 'l'},
    {"Map", required_argument, 0, OPT_MAP},
    {"print-map", no_argument, 0, 'M'},
    {"start-group", no_argument, 0, OPT_START_GROUP},
    {"end-group", no_argument, 0, OPT_END_GROUP},
    {"gc-sections", no_argument, 0, OPT_GC},
    {"no-gc-sections", no_argument, 0, OPT_NO_GC},
    {"defsym", required_argument, 0, OPT_DEFSYM},
    {"strip-all", no_argument, 0, 's'},
    {"strip-debug", no_argument, 0, 'S'},
    {"relocatable", no_argument, 0, 'r'},
    {"undefined", required_argument, 0, 'u'},
    {"color-policy", required_argument, 0, OPT_POLICY},
    {"color-allow-read", required_argument, 0, OPT_ALLOW_READ},
    {"color-deny-read", required_argument, 0, OPT_DENY_READ},
    {"color-allow-write", required_argument, 0, OPT_ALLOW_WRITE},
    {"color-deny-write", required_argument, 0, OPT_DENY_WRITE},
    {"color-allow-exec", required_argument, 0, OPT_ALLOW_EXEC},
    {"color-deny-exec", required_argument, 0, OPT_DENY_EXEC},
    {"image-base", required_argument, 0, OPT_IMAGE_BASE},
    {"compartment", required_argument, 0, OPT_COMPARTMENT},
    {"print-compartments", no_argument, 0, OPT_PRINT_COMPARTMENTS},
    {"version", no_argument, 0, 'v'},
    {"help", no_argument, 0, 'h'},
    {0, 0, 0, 0},
};

static const char usage[] =
    "usage: glyph-ld [options] file... \n"
    "Link glyph ELF objects and archives into an executable.\n"
    "\n"
    "  -o, --output FILE        write FILE (default a.out)\n"
    "  -e, --entry SYM          entry point (default _start; its block SYM.const\n"
    "                           becomes the entry ib)\n"
    "  -L, --library-path DIR   add DIR to the -l search path\n"
    "  -l, --library NAME       link libNAME.a (-l:FILE searches FILE)\n"
    "  --start-group, -(        start a group of archives scanned repeatedly\n"
    "  --end-group, -)          end the group\n"
    "  -u, --undefined SYM      pull SYM in (and keep it with --gc-sections)\n"
    "  --defsym SYM=EXPR        define SYM as NUMBER, SYM2, SYM2+N or SYM2-N\n"
    "  --gc-sections            drop input sections nothing reaches\n"
    "  --no-gc-sections         keep every input section (default)\n"
    "  -Map FILE, -Map=FILE     write a link map to FILE\n"
    "  -M, --print-map          print the link map on stdout\n"
    "  -s, --strip-all          leave out the symbol table and debug information\n"
    "  -S, --strip-debug        leave out debug information (.debug_*)\n"
    "  --image-base ADDR        first segment address (default 0x10000)\n"
    "  --color-policy FILE      read color policy rules from FILE\n"
    "  --color-allow-read C, --color-deny-read C      (also S:D for the matrix)\n"
    "  --color-allow-write C, --color-deny-write C    (also S:D for the matrix)\n"
    "  --color-allow-exec C, --color-deny-exec C\n"
    "  --compartment NAME=FILE[:SECTION],...  place input sections in compartment NAME\n"
    "  --print-compartments     print compartments, needs, colors and matrices\n"
    "  -v, --version            print the version\n"
    "  -h, --help               print this help\n"
    "\n"
    "See docs/ld.md for the layout, the color rules and the policy format.\n";

static void add_input(ld_ctx *ctx, size_t *cap, enum ld_input_kind k, const char *arg)
{
    ld_grow(&ctx->inputs, cap, ctx->ninputs, sizeof *ctx->inputs);
    ctx->inputs[ctx->ninputs].kind = k;
    ctx->inputs[ctx->ninputs].arg = arg;
    ctx->ninputs++;
}

/* Parse a number: decimal, 0x hex or 0 octal, optionally negative. */
static int parse_num(const char *s, int64_t *out)
{
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (!*s || *s == '-' || *s == '+')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end || errno)
        return 0;
    *out = neg ? -(int64_t)v : (int64_t)v;
    return 1;
}

static int parse_defsym(ld_ctx *ctx, size_t *cap, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1]) {
        ld_error(ctx, "--defsym %s: expected SYM=EXPR", arg);
        return 0;
    }
    ld_defsym d = {0};
    d.name = ld_format("%.*s", (int)(eq - arg), arg);
    const char *expr = eq + 1;
    int64_t v;
    if (parse_num(expr, &v)) {
        d.offset = v;
    } else {
        /* SYM, SYM+N, SYM-N: a symbol name never starts with a digit */
        const char *op = strpbrk(expr, "+-");
        size_t n = op ? (size_t)(op - expr) : strlen(expr);
        if (!n || (expr[0] >= '0' && expr[0] <= '9') ||
            (op && !parse_num(op, &v))) {
            ld_error(ctx, "--defsym %s: bad expression '%s' (want NUMBER, SYM, SYM+N or SYM-N)",
                     arg, expr);
            free(d.name);
            return 0;
        }
        d.target = ld_format("%.*s", (int)n, expr);
        d.offset = op ? v : 0;
    }
    d.expr = ld_strdup(expr);
    ld_grow(&ctx->defsyms, cap, ctx->ndefsyms, sizeof *ctx->defsyms);
    ctx->defsyms[ctx->ndefsyms++] = d;
    return 1;
}

static void add_policy(ld_ctx *ctx, size_t *cap, int is_file, const char *opt, const char *text)
{
    ld_grow(&ctx->policy_args, cap, ctx->npolicy_args, sizeof *ctx->policy_args);
    ld_policy_arg *p = &ctx->policy_args[ctx->npolicy_args++];
    p->is_file = is_file;
    p->opt = opt;
    p->text = text;
}

int ld_options(ld_ctx *ctx, int argc, char **argv)
{
    size_t in_cap = 0, dir_cap = 0, def_cap = 0, u_cap = 0, pol_cap = 0, comp_cap = 0;
    int depth = 0, bad = 0, c, li;
    ctx->output = "a.out";
    ctx->entry = "_start";
    ctx->base = GL_DEFAULT_BASE;
    opterr = 0;
    while ((c = getopt_long_only(argc, argv, "-:o:e:L:l:MsSru:vh()", long_opts, &li)) != -1) {
        switch (c) {
        case 1:
            add_input(ctx, &in_cap, LD_IN_FILE, optarg);
            break;
        case 'o': ctx->output = optarg; break;
        case 'e': ctx->entry = optarg; break;
        case 'L':
            ld_grow(&ctx->libdirs, &dir_cap, ctx->nlibdirs, sizeof *ctx->libdirs);
            ctx->libdirs[ctx->nlibdirs++] = optarg;
            break;
        case 'l': add_input(ctx, &in_cap, LD_IN_LIB, optarg); break;
        case 'M': ctx->print_map = 1; break;
        case OPT_MAP: ctx->map_file = optarg; break;
        case '(':
        case OPT_START_GROUP:
            if (depth++) {
                ld_error(ctx, "nested --start-group");
                bad = 1;
            }
            add_input(ctx, &in_cap, LD_IN_GROUP_START, NULL);
            break;
        case ')':
        case OPT_END_GROUP:
            if (!depth) {
                ld_error(ctx, "--end-group without --start-group");
                bad = 1;
                break;
            }
            depth--;
            add_input(ctx, &in_cap, LD_IN_GROUP_END, NULL);
            break;
        case OPT_GC: ctx->gc_sections = 1; break;
        case OPT_NO_GC: ctx->gc_sections = 0; break;
        case OPT_DEFSYM:
            if (!parse_defsym(ctx, &def_cap, optarg))
                bad = 1;
            break;
        case 's': ctx->strip = 1; break;
        case 'S': ctx->strip_debug = 1; break;
        case 'r':
            ld_error(ctx, "-r (relocatable output) is not supported");
            bad = 1;
            break;
        case 'u':
            ld_grow(&ctx->undefs, &u_cap, ctx->nundefs, sizeof *ctx->undefs);
            ctx->undefs[ctx->nundefs++] = optarg;
            break;
        case OPT_POLICY: add_policy(ctx, &pol_cap, 1, "--color-policy", optarg); break;
        case OPT_ALLOW_READ:
        case OPT_DENY_READ:
        case OPT_ALLOW_WRITE:
        case OPT_DENY_WRITE:
        case OPT_ALLOW_EXEC:
        case OPT_DENY_EXEC:
            add_policy(ctx, &pol_cap, 0, long_opts[li].name, optarg);
            break;
        case OPT_COMPARTMENT:
            ld_grow(&ctx->comp_args, &comp_cap, ctx->ncomp_args, sizeof *ctx->comp_args);
            ctx->comp_args[ctx->ncomp_args++] = optarg;
            break;
        case OPT_PRINT_COMPARTMENTS: ctx->print_compartments = 1; break;
        case OPT_IMAGE_BASE: {
            int64_t v;
            if (!parse_num(optarg, &v) || (uint64_t)v % GL_PAGE_SIZE ||
                !(((uint64_t)v >= GL_IMAGE_MIN && (uint64_t)v < GL_IMAGE_LIMIT) ||
                  ((uint64_t)v >= GL_KIMAGE_MIN && (uint64_t)v < GL_KIMAGE_LIMIT) ||
                  ((uint64_t)v >= GL_FIMAGE_MIN && (uint64_t)v < GL_FIMAGE_LIMIT))) {
                ld_error(ctx, "--image-base %s: want a multiple of %u in [%#" PRIx64 ", %#" PRIx64
                         ") (the range glyph-run loads), [%#" PRIx64 ", %#" PRIx64 ") (a kernel in "
                         "glyph-run -M virt's RAM) or [%#" PRIx64 ", %#" PRIx64 ") (firmware in its "
                         "ROM)", optarg, GL_PAGE_SIZE, GL_IMAGE_MIN, GL_IMAGE_LIMIT, GL_KIMAGE_MIN,
                         GL_KIMAGE_LIMIT, GL_FIMAGE_MIN, GL_FIMAGE_LIMIT);
                bad = 1;
            } else {
                ctx->base = (uint64_t)v;
            }
            break;
        }
        case 'v':
            gl_print_version(LD_NAME);
            return 2;
        case 'h':
            fputs(usage, stdout);
            return 2;
        case ':':
            ld_error(ctx, "option '%s' needs an argument", argv[optind - 1]);
            bad = 1;
            break;
        default:
            if (optopt && optopt < 256)
                ld_error(ctx, "unknown option '-%c' (try --help)", optopt);
            else
                ld_error(ctx, "unknown option '%s' (try --help)", argv[optind - 1]);
            bad = 1;
            break;
        }
    }
    if (depth) {
        ld_error(ctx, "--start-group without --end-group");
        bad = 1;
    }
    if (!bad && ctx->ninputs == 0) {
        ld_error(ctx, "no input files");
        bad = 1;
    }
    /* A failed link removes the output: never let that be an input. */
    struct stat out;
    for (size_t i = 0; !bad && i < ctx->ninputs; i++) {
        struct stat in;
        if (ctx->inputs[i].kind == LD_IN_FILE && stat(ctx->output, &out) == 0 &&
            stat(ctx->inputs[i].arg, &in) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino) {
            ld_error(ctx, "output file %s is also an input", ctx->output);
            bad = 1;
        }
    }
    return bad;
}

void ld_options_free(ld_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ndefsyms; i++) {
        free(ctx->defsyms[i].name);
        free(ctx->defsyms[i].target);
        free(ctx->defsyms[i].expr);
    }
    free(ctx->defsyms);
    free(ctx->inputs);
    free(ctx->libdirs);
    free(ctx->undefs);
    free(ctx->policy_args);
    free(ctx->comp_args);
}
