/*
 * diff.c - the unified diff `glyph-fmt --check` prints: a longest common
 * subsequence of lines, hunks without context lines (`patch` applies
 * them).  Inputs beyond a few thousand lines each fall back to one hunk
 * replacing the whole file, to bound the table's memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

typedef struct {
    const char *p;
    size_t n;
} span;

static span *split(const char *s, size_t len, size_t *count)
{
    size_t n = 0, cap = 64;
    span *v = malloc(cap * sizeof *v);
    const char *e = s + len;
    while (v && s < e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        size_t l = nl ? (size_t)(nl - s) + 1 : (size_t)(e - s);
        if (n == cap) {
            span *nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) {
                free(v);
                return NULL;
            }
            v = nv;
        }
        v[n++] = (span){s, l};
        s += l;
    }
    *count = n;
    return v;
}

static int eq(span a, span b) { return a.n == b.n && memcmp(a.p, b.p, a.n) == 0; }

static void put_line(char sign, span l)
{
    putchar(sign);
    fwrite(l.p, 1, l.n, stdout);
    if (!l.n || l.p[l.n - 1] != '\n')
        printf("\n\\ No newline at end of file\n");
}

static void hunk(const span *a, size_t a0, size_t a1, const span *b, size_t b0, size_t b1)
{
    /* unified diff: an empty side's start is the line before it */
    printf("@@ -%zu,%zu +%zu,%zu @@\n", a1 > a0 ? a0 + 1 : a0, a1 - a0,
           b1 > b0 ? b0 + 1 : b0, b1 - b0);
    for (size_t i = a0; i < a1; i++)
        put_line('-', a[i]);
    for (size_t i = b0; i < b1; i++)
        put_line('+', b[i]);
}

void fmt_diff(const char *name, const char *as, size_t alen, const char *bs, size_t blen)
{
    size_t na = 0, nb = 0;
    span *a = split(as, alen, &na), *b = split(bs, blen, &nb);
    printf("--- %s\n+++ %s (formatted)\n", name, name);
    unsigned *t = NULL;
    if (a && b && (na + 1) * (nb + 1) <= 16u * 1024 * 1024)
        t = calloc((na + 1) * (nb + 1), sizeof *t);
    if (!t) {
        if (a && b)
            hunk(a, 0, na, b, 0, nb);
        free(a);
        free(b);
        return;
    }
    /* t[i][j]: LCS length of a[i..] and b[j..] */
#define T(i, j) t[(i) * (nb + 1) + (j)]
    for (size_t i = na; i-- > 0;)
        for (size_t j = nb; j-- > 0;)
            T(i, j) = eq(a[i], b[j]) ? T(i + 1, j + 1) + 1
                                     : (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        if (i < na && j < nb && eq(a[i], b[j])) {
            i++, j++;
            continue;
        }
        size_t i0 = i, j0 = j;
        while ((i < na || j < nb) && !(i < na && j < nb && eq(a[i], b[j]))) {
            if (j < nb && (i == na || T(i, j + 1) >= T(i + 1, j)))
                j++;
            else
                i++;
        }
        hunk(a, i0, i, b, j0, j);
    }
#undef T
    free(t);
    free(a);
    free(b);
}
