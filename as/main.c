/*
 * main.c - glyph-as: assemble glyph source into an ELF relocatable.
 *
 *   glyph-as [-o out.o] [-I dir] [--defsym sym=val] [-g | --gdwarf-N] [-a[l][=file]]
 *            [-MD] [-MF file] file.s...
 *
 * Passes: read and parse every line (source.c -> parser.y -> stmt.c /
 * insn.c), resolve far jumps and vector lanes now that every label is
 * known, close the open functions' immediate blocks, lay out with
 * relaxation, emit bytes and relocations, write the object to a
 * temporary file beside the output and rename it into place (an output
 * that is not a regular file, such as /dev/null, is written into).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "as.h"
#include "version.h"


static void usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s [options] file.s...   (`-` reads standard input)\n"
            "  -o FILE            write the object to FILE (default a.out)\n"
            "  -I DIR             search DIR for .include files\n"
            "  --defsym SYM=VAL   define SYM as the absolute value VAL\n"
            "  -g, --gdwarf-5     write DWARF 5 line information (.debug_line, ...)\n"
            "  --gdwarf-4         ... in DWARF 4\n"
            "  -a[l][=FILE]       listing (offsets, bytes, source) to stdout or FILE\n"
            "  -MD, -MF FILE      write a dependency file (OUT.d, or FILE) for make/ninja\n"
            "  --version          print the version\n"
            "  --help             print this help\n"
            "The language is described in docs/asm.md.\n",
            prog);
}

static int defsym(as_ctx *c, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        as_fatal(c, "--defsym needs SYM=VALUE, not `%s`", arg);
        return -1;
    }
    as_loc loc = {"--defsym", 1, 0};
    as_expr *e;
    int64_t v;
    if (as_parse_expr(c, eq + 1, strlen(eq + 1), loc, &e) || !e ||
        as_eval_abs(c, e, (as_where){0, 0}, &v, 0))
        return -1;
    char *name = as_strndup(c, arg, (size_t)(eq - arg));
    as_assign(c, name, as_expr_num(c, v, loc), loc, 1);
    return 0;
}

/* An output that is not a regular file (/dev/null, a pipe, a terminal)
 * must never be renamed over: build the object in an anonymous temporary
 * and copy it there. */
static int write_special(as_ctx *c, const char *out)
{
    FILE *t = tmpfile();
    if (!t) {
        as_fatal(c, "cannot create a temporary file: %s", strerror(errno));
        return -1;
    }
    int r = as_write_elf(c, fileno(t));
    int fd = r == 0 ? open(out, O_WRONLY | O_TRUNC) : -1;
    if (r == 0 && fd < 0) {
        as_fatal(c, "cannot write `%s`: %s", out, strerror(errno));
        r = -1;
    }
    if (r == 0 && lseek(fileno(t), 0, SEEK_SET) != 0)
        r = -1;
    char buf[65536];
    ssize_t n;
    while (r == 0 && (n = read(fileno(t), buf, sizeof buf)) > 0) {
        for (ssize_t k = 0, w; k < n; k += w) {
            w = write(fd, buf + k, (size_t)(n - k));
            if (w < 0) {
                as_fatal(c, "writing `%s`: %s", out, strerror(errno));
                r = -1;
                break;
            }
        }
    }
    if (fd >= 0 && close(fd) != 0 && r == 0) {
        as_fatal(c, "writing `%s`: %s", out, strerror(errno));
        r = -1;
    }
    fclose(t);
    return r;
}

static int write_output(as_ctx *c, const char *out)
{
    struct stat st;
    if (stat(out, &st) == 0 && !S_ISREG(st.st_mode))
        return write_special(c, out);
    /* through a symbolic link: replace the file it names, not the link
     * (a dangling link gets its target created, as an ordinary open would) */
    struct stat lst;
    int created = 0;
    if (lstat(out, &lst) == 0 && S_ISLNK(lst.st_mode) && stat(out, &st) != 0) {
        int fd = open(out, O_WRONLY | O_CREAT, 0666);
        if (fd >= 0) {
            close(fd);
            created = 1;
        }
    }
    char *real = realpath(out, NULL);
    if (real)
        out = real;
    const char *slash = strrchr(out, '/');
    size_t dl = slash ? (size_t)(slash - out) + 1 : 0;
    char *tmp = malloc(dl + 32);
    if (!tmp) {
        free(real);
        return -1;
    }
    memcpy(tmp, out, dl);
    strcpy(tmp + dl, ".glyph-as.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        as_fatal(c, "cannot create a temporary file beside `%s`: %s", out, strerror(errno));
        free(tmp);
        free(real);
        return -1;
    }
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    int r = as_write_elf(c, fd);
    if (close(fd) != 0 && r == 0) {
        as_fatal(c, "writing `%s`: %s", out, strerror(errno));
        r = -1;
    }
    if (r == 0 && rename(tmp, out) != 0) {
        as_fatal(c, "cannot create `%s`: %s", out, strerror(errno));
        r = -1;
    }
    if (r != 0) {
        unlink(tmp);
        if (created)
            unlink(out);
    }
    free(tmp);
    free(real);
    return r;
}

int main(int argc, char **argv)
{
    as_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    as_ctx *c = &ctx;
    c->prog = "glyph-as";
    argv[0] = (char *)c->prog; /* getopt's messages name the program, not its path */
    c->max_errors = AS_MAX_ERRORS;
    c->cur_list = -1;
    const char *out = "a.out", *listfile = NULL, *depfile = NULL;
    char *dep_default = NULL;
    int want_dep = 0;
    int status = 1;

    enum { OPT_DEFSYM = 256, OPT_VERSION, OPT_HELP, OPT_MD, OPT_GDWARF4, OPT_GDWARF5 };
    static const struct option longopts[] = {
        {"defsym", required_argument, 0, OPT_DEFSYM},
        {"MD", required_argument, 0, OPT_MD}, /* GNU as: --MD FILE */
        {"gdwarf-4", no_argument, 0, OPT_GDWARF4},
        {"gdwarf-5", no_argument, 0, OPT_GDWARF5},
        {"version", no_argument, 0, OPT_VERSION},
        {"help", no_argument, 0, OPT_HELP},
        {0, 0, 0, 0},
    };
    const char **defsyms = calloc((size_t)argc + 1, sizeof *defsyms);
    c->incdirs = calloc((size_t)argc + 1, sizeof *c->incdirs);
    int ndef = 0, opt;
    while ((opt = getopt_long(argc, argv, "o:I:ga::vM:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 'I': c->incdirs[c->nincdirs++] = optarg; break;
        case 'g': /* the version GNU as 2.40 writes for -g */
        case OPT_GDWARF5: c->debug = 5; break;
        case OPT_GDWARF4: c->debug = 4; break;
        case 'a': {
            c->listing = 1;
            const char *eq = optarg ? strchr(optarg, '=') : NULL;
            if (optarg && strspn(optarg, "cdghlmns") != (size_t)(eq ? eq - optarg : (long)strlen(optarg))) {
                fprintf(stderr, "glyph-as: error: bad listing option `-a%s`\n", optarg);
                goto done;
            }
            if (eq)
                listfile = eq + 1;
            break;
        }
        case OPT_DEFSYM: defsyms[ndef++] = optarg; break;
        case OPT_MD: depfile = optarg; break;
        case 'M': /* gcc's -MD and -MF FILE (-MFFILE) */
            if (strcmp(optarg, "D") == 0) {
                want_dep = 1;
            } else if (optarg[0] == 'F' && (optarg[1] || optind < argc)) {
                depfile = optarg[1] ? optarg + 1 : argv[optind++];
            } else {
                fprintf(stderr, "glyph-as: error: unknown option `-M%s` (-MD and -MF FILE "
                                "are supported)\n", optarg);
                goto done;
            }
            break;
        case OPT_VERSION:
        case 'v':
            gl_print_version("glyph-as");
            status = 0;
            goto done;
        case OPT_HELP:
            usage(stdout, "glyph-as");
            status = 0;
            goto done;
        default:
            usage(stderr, "glyph-as");
            goto done;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "glyph-as: error: no input file (use `-` for standard input)\n");
        usage(stderr, "glyph-as");
        goto done;
    }

    if (want_dep && !depfile) { /* gcc: the output with its suffix made .d */
        size_t n = strlen(out);
        const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
        if (dot && (!slash || dot > slash))
            n = (size_t)(dot - out);
        dep_default = malloc(n + 3);
        if (!dep_default)
            goto done;
        memcpy(dep_default, out, n);
        memcpy(dep_default + n, ".d", 3);
        depfile = dep_default;
    }
    c->depfile = depfile;

    /* writing the object over a source would destroy it (GNU as refuses too) */
    struct stat ost, ist;
    if (stat(out, &ost) == 0 && S_ISREG(ost.st_mode)) {
        for (int i = optind; i < argc; i++) {
            if (strcmp(argv[i], "-") != 0 && stat(argv[i], &ist) == 0 &&
                ist.st_dev == ost.st_dev && ist.st_ino == ost.st_ino) {
                fprintf(stderr, "glyph-as: error: the input `%s` is also the output `%s`\n",
                        argv[i], out);
                goto done;
            }
        }
    }

    /* the sections every object has, like GNU as */
    as_begin(c);
    for (int i = 0; i < ndef; i++)
        defsym(c, defsyms[i]);
    /* 1.-4. read and parse, resolve, lay out, emit (passes.c) */
    if (as_passes(c, (const char *const *)argv + optind, argc - optind))
        goto done;
    /* 5. the object (the listing file is opened first: if it cannot be
     * written, no object is either) */
    FILE *lf = c->listing && listfile ? fopen(listfile, "w") : stdout;
    if (!lf) {
        fprintf(stderr, "glyph-as: error: cannot write listing `%s`: %s\n", listfile,
                strerror(errno));
        goto done;
    }
    if (write_output(c, out)) {
        if (lf != stdout) {
            fclose(lf);
            unlink(listfile);
        }
        goto done;
    }
    if (c->depfile && as_write_depfile(c, out)) {
        if (lf != stdout) {
            fclose(lf);
            unlink(listfile);
        }
        unlink(out); /* no object without its dependencies */
        goto done;
    }
    if (c->listing)
        as_listing_print(c, lf);
    if (lf != stdout)
        fclose(lf);
    status = 0;
done:
    free(dep_default);
    free(defsyms);
    as_ctx_free(c);
    return status;
}
