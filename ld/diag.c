/*
 * diag.c - messages.  Errors go to stderr as "glyph-ld: error: ..." and
 * are counted in the context; passes keep going so one run reports
 * every problem.  Warnings ("glyph-ld: warning: ...") are not counted:
 * the link goes on (a malformed .debug_line costs its source lines).
 */
#include <stdarg.h>
#include <stdio.h>

#include "ld.h"

static void vreport(const char *what, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: %s: ", LD_NAME, what);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void ld_error(ld_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("error", fmt, ap);
    va_end(ap);
    ctx->nerrors++;
}

void ld_warning(ld_ctx *ctx, const char *fmt, ...)
{
    (void)ctx;
    va_list ap;
    va_start(ap, fmt);
    vreport("warning", fmt, ap);
    va_end(ap);
}
