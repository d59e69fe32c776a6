/*
 * depfile.c - -MD / -MF: a make-style dependency file naming every file
 * the object was assembled from (the inputs and each .include), as gcc
 * writes one, so a build (ninja's deps = gcc) reassembles the users of
 * an included file when it changes.
 */
#include <errno.h>
#include <string.h>

#include "as.h"

void as_dep_add(as_ctx *c, const char *path)
{
    if (!c->depfile || strcmp(path, "-") == 0)
        return;
    for (size_t i = 0; i < c->ndeps; i++)
        if (strcmp(c->deps[i], path) == 0)
            return;
    if (c->ndeps == c->capdeps) {
        c->capdeps = c->capdeps ? 2 * c->capdeps : 16;
        c->deps = as_xrealloc(c->deps, c->capdeps * sizeof *c->deps);
    }
    c->deps[c->ndeps++] = as_strdup(c, path);
}

/* A path in make syntax: spaces and '#' escaped with '\', '$' doubled. */
static void put_path(FILE *f, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\\')
            fputc('\\', f);
        if (*p == '$')
            fputc('$', f);
        fputc(*p, f);
    }
}

int as_write_depfile(as_ctx *c, const char *target)
{
    FILE *f = fopen(c->depfile, "w");
    if (!f) {
        as_fatal(c, "cannot write dependency file `%s`: %s", c->depfile, strerror(errno));
        return -1;
    }
    put_path(f, target);
    fputc(':', f);
    for (size_t i = 0; i < c->ndeps; i++) {
        fputs(" \\\n  ", f);
        put_path(f, c->deps[i]);
    }
    fputc('\n', f);
    if (ferror(f) | (fclose(f) != 0)) {
        as_fatal(c, "writing dependency file `%s` failed", c->depfile);
        remove(c->depfile);
        return -1;
    }
    return 0;
}
