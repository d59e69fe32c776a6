/*
 * main.c - glyph-fmt: format glyph assembly (docs/editors.md).
 *
 *   glyph-fmt [--check | -i] [file.s...]
 *
 * Without a file (or with `-`) it formats standard input to standard
 * output.  With files and no option it writes each formatted file to
 * standard output.  --check prints a diff for every file that is not
 * formatted and exits 1; -i replaces each file that changes, through a
 * temporary file beside it renamed into place, so a failure leaves the
 * original as it was.  A file that does not parse is never formatted: the
 * error is reported as file:line:col and the exit status is 2.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt.h"
#include "version.h"

static void usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s [--check | -i] [file.s...]   (no file or `-`: standard input)\n"
            "  --check, -c        print a diff and exit 1 when a file is not formatted\n"
            "  -i, --in-place     rewrite files in place (atomically)\n"
            "  -v, --version      print the version\n"
            "  --help             print this help\n"
            "Exit status: 0 formatted, 1 --check found a difference, 2 an error.\n"
            "The layout is described in docs/editors.md.\n",
            prog);
}

static int read_all(FILE *f, fmt_buf *b)
{
    char chunk[65536];
    size_t n;
    fmt_puts(b, "");
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fmt_put(b, chunk, n);
    return ferror(f) ? -1 : 0;
}

/* Replace path's contents with text, keeping its permissions; through a
 * symbolic link the file it names is replaced. */
static int write_in_place(const char *path, const char *text, size_t len)
{
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct stat st;
    if (stat(target, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "glyph-fmt: %s: not a regular file; not rewritten\n", path);
        free(real);
        return -1;
    }
    const char *slash = strrchr(target, '/');
    size_t dl = slash ? (size_t)(slash - target) + 1 : 0;
    char *tmp = malloc(dl + 32);
    if (!tmp) {
        free(real);
        return -1;
    }
    memcpy(tmp, target, dl);
    strcpy(tmp + dl, ".glyph-fmt.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "glyph-fmt: %s: cannot create a temporary file beside it: %s\n", path,
                strerror(errno));
        free(tmp);
        free(real);
        return -1;
    }
    int r = 0;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            r = -1;
            break;
        }
        off += (size_t)w;
    }
    if (r == 0 && fchmod(fd, st.st_mode & 07777) != 0)
        r = -1;
    if (r == 0 && fsync(fd) != 0)
        r = -1;
    if (close(fd) != 0)
        r = -1;
    if (r == 0 && rename(tmp, target) != 0)
        r = -1;
    if (r != 0) {
        fprintf(stderr, "glyph-fmt: %s: cannot rewrite: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(real);
    return r;
}

enum mode { TO_STDOUT, CHECK, IN_PLACE };

/* Format one file; returns the exit status it contributes. */
static int one(const char *path, enum mode mode)
{
    int is_stdin = !path || !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "glyph-fmt: %s: %s\n", name, strerror(errno));
        return 2;
    }
    fmt_buf src = {0};
    int rd = read_all(f, &src);
    if (!is_stdin)
        fclose(f);
    if (rd != 0) {
        fprintf(stderr, "glyph-fmt: %s: %s\n", name, strerror(errno));
        free(src.p);
        return 2;
    }
    if (memchr(src.p, 0, src.n)) {
        fprintf(stderr, "glyph-fmt: %s: binary input (NUL byte); not formatted\n", name);
        free(src.p);
        return 2;
    }
    fmt_buf out = {0};
    unsigned line, col;
    if (fmt_format(src.p, src.n, &out, &line, &col) != 0) {
        fprintf(stderr, "%s:%u:%u: error: syntax error; file not formatted\n", name, line, col);
        free(src.p);
        return 2;
    }
    int status = 0;
    int same = out.n == src.n && memcmp(out.p, src.p, src.n) == 0;
    if (mode == TO_STDOUT || (mode == IN_PLACE && is_stdin)) {
        if (fwrite(out.p, 1, out.n, stdout) != out.n)
            status = 2;
    } else if (mode == CHECK) {
        if (!same) {
            fmt_diff(name, src.p, src.n, out.p, out.n);
            status = 1;
        }
    } else if (!same && write_in_place(path, out.p, out.n) != 0) {
        status = 2;
    }
    free(src.p);
    free(out.p);
    return status;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"check", no_argument, NULL, 'c'},
        {"in-place", no_argument, NULL, 'i'},
        {"version", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum mode mode = TO_STDOUT;
    int opt;
    argv[0] = (char *)"glyph-fmt"; /* getopt's messages name the program, not its path */
    /* A file size limit makes write() fail (EFBIG), reported like any
     * other write error, instead of killing us with a temporary file left
     * beside the original. */
    signal(SIGXFSZ, SIG_IGN);
    while ((opt = getopt_long(argc, argv, "civ", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c':
            mode = CHECK;
            break;
        case 'i':
            mode = IN_PLACE;
            break;
        case 'v':
            gl_print_version("glyph-fmt");
            return 0;
        case 'h':
            usage(stdout, argv[0]);
            return 0;
        default:
            usage(stderr, argv[0]);
            return 2;
        }
    }
    int status = 0;
    if (optind == argc)
        status = one(NULL, mode);
    for (int i = optind; i < argc; i++) {
        int s = one(argv[i], mode);
        if (s > status)
            status = s;
    }
    /* the formatted text or the diffs must reach standard output whole */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "glyph-fmt: standard output: %s\n", strerror(errno));
        status = 2;
    }
    return status;
}
