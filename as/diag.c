/*
 * diag.c - GCC-style diagnostics: "file:line:col: error: message",
 * counted so that main can exit 1 and write no object after an error.
 */
#include <stdarg.h>
#include <stdio.h>

#include "as.h"

static void diag(as_ctx *c, as_loc loc, const char *kind, const char *fmt, va_list ap)
{
    if (loc.file && loc.line > 0) {
        if (loc.col > 0)
            fprintf(stderr, "%s:%d:%d: %s: ", loc.file, loc.line, loc.col, kind);
        else
            fprintf(stderr, "%s:%d: %s: ", loc.file, loc.line, kind);
    } else if (loc.file) {
        fprintf(stderr, "%s: %s: ", loc.file, kind);
    } else {
        fprintf(stderr, "%s: %s: ", c->prog, kind);
    }
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void as_error(as_ctx *c, as_loc loc, const char *fmt, ...)
{
    va_list ap;
    if (c->quiet)
        return;
    c->errors++;
    if (c->errors > c->max_errors)
        return;
    va_start(ap, fmt);
    diag(c, loc, "error", fmt, ap);
    va_end(ap);
    if (c->errors == c->max_errors)
        fprintf(stderr, "%s: too many errors (%d), assembly stopped\n", c->prog, c->max_errors);
}

void as_warning(as_ctx *c, as_loc loc, const char *fmt, ...)
{
    va_list ap;
    if (c->quiet)
        return;
    c->warnings++;
    va_start(ap, fmt);
    diag(c, loc, "warning", fmt, ap);
    va_end(ap);
}

void as_note(as_ctx *c, as_loc loc, const char *fmt, ...)
{
    va_list ap;
    if (c->errors > c->max_errors)
        return;
    va_start(ap, fmt);
    diag(c, loc, "note", fmt, ap);
    va_end(ap);
}

void as_fatal(as_ctx *c, const char *fmt, ...)
{
    va_list ap;
    c->errors++;
    va_start(ap, fmt);
    fprintf(stderr, "%s: error: ", c->prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
