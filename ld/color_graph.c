/*
 * color_graph.c - minimum vertex coloring for the compartment conflict
 * graph (docs/ld.md, "Compartments").
 *
 * DSATUR (Brelaz 1979) gives a first coloring; a branch and bound over
 * the same order (always extend the vertex with the most distinct
 * neighbour colors, ties to the higher degree, then the lower index;
 * try the colors in use first, a new one only while it can still beat
 * the best) then proves it minimal or finds a better one.  Graphs here
 * have a few dozen vertices at most, so the search is exact in
 * practice; CG_BUDGET bounds it for pathological inputs.  Nothing
 * depends on addresses or hashing: the same graph gives the same colors.
 */
#include <stdlib.h>
#include <string.h>

#include "color_graph.h"

typedef struct search {
    const cg_graph *g;
    unsigned *cur, *best;  /* current / best assignment (~0u: none) */
    unsigned nbest;        /* colors in best */
    unsigned *deg;
    unsigned long steps;
} search;

static int adj(const cg_graph *g, unsigned a, unsigned b)
{
    return g->adj[(size_t)a * g->n + b] != 0;
}

/* Number of distinct colors among the colored neighbours of v. */
static unsigned saturation(const search *s, unsigned v, unsigned char *seen, unsigned k)
{
    memset(seen, 0, k + 1);
    unsigned sat = 0;
    for (unsigned u = 0; u < s->g->n; u++) {
        unsigned c = s->cur[u];
        if (c != ~0u && adj(s->g, v, u) && !seen[c])
            seen[c] = 1, sat++;
    }
    return sat;
}

/* The uncolored vertex DSATUR picks next, or n when all are colored. */
static unsigned pick(const search *s, unsigned char *seen, unsigned k)
{
    unsigned n = s->g->n, best = n, bsat = 0;
    for (unsigned v = 0; v < n; v++) {
        if (s->cur[v] != ~0u)
            continue;
        unsigned sat = saturation(s, v, seen, k);
        if (best == n || sat > bsat || (sat == bsat && s->deg[v] > s->deg[best]))
            best = v, bsat = sat;
    }
    return best;
}

static int can_use(const search *s, unsigned v, unsigned c)
{
    for (unsigned u = 0; u < s->g->n; u++)
        if (s->cur[u] == c && adj(s->g, v, u))
            return 0;
    return 1;
}

/* Branch and bound: k colors in use so far. */
static void extend(search *s, unsigned k, unsigned char *seen)
{
    if (s->steps++ >= CG_BUDGET || k >= s->nbest)
        return;
    unsigned v = pick(s, seen, k);
    if (v == s->g->n) {
        s->nbest = k;
        memcpy(s->best, s->cur, s->g->n * sizeof *s->cur);
        return;
    }
    for (unsigned c = 0; c <= k && c + 1 < s->nbest; c++) {
        if (!can_use(s, v, c))
            continue;
        s->cur[v] = c;
        extend(s, c == k ? k + 1 : k, seen);
        s->cur[v] = ~0u;
    }
}

/* Renumber colors by first use in vertex order. */
static unsigned canonical(unsigned n, unsigned *color)
{
    unsigned *map = malloc((n + 1) * sizeof *map), k = 0;
    if (!map)
        abort();
    for (unsigned i = 0; i <= n; i++)
        map[i] = ~0u;
    for (unsigned v = 0; v < n; v++) {
        if (map[color[v]] == ~0u)
            map[color[v]] = k++;
        color[v] = map[color[v]];
    }
    free(map);
    return k;
}

unsigned cg_color(const cg_graph *g, unsigned *color, int *exact)
{
    unsigned n = g->n;
    if (exact)
        *exact = 1;
    if (n == 0)
        return 0;
    search s = {g, malloc(n * sizeof(unsigned)), malloc(n * sizeof(unsigned)), 0,
                calloc(n, sizeof(unsigned)), 0};
    unsigned char *seen = malloc(n + 2);
    if (!s.cur || !s.best || !s.deg || !seen)
        abort();
    for (unsigned v = 0; v < n; v++)
        for (unsigned u = 0; u < n; u++)
            s.deg[v] += u != v && adj(g, v, u);
    /* DSATUR: the first bound */
    for (unsigned v = 0; v < n; v++)
        s.cur[v] = ~0u;
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned v = pick(&s, seen, k), c = 0;
        while (!can_use(&s, v, c))
            c++;
        s.cur[v] = c;
        if (c == k)
            k++;
    }
    s.nbest = k;
    memcpy(s.best, s.cur, n * sizeof *s.cur);
    /* exact search below it */
    for (unsigned v = 0; v < n; v++)
        s.cur[v] = ~0u;
    extend(&s, 0, seen);
    if (exact && s.steps >= CG_BUDGET)
        *exact = 0;
    memcpy(color, s.best, n * sizeof *color);
    free(s.cur);
    free(s.best);
    free(s.deg);
    free(seen);
    return canonical(n, color);
}

unsigned cg_clique(const cg_graph *g, unsigned *out)
{
    unsigned n = g->n, best = 0;
    unsigned *cl = malloc((n + 1) * sizeof *cl);
    if (!cl)
        abort();
    for (unsigned start = 0; start < n; start++) {
        unsigned m = 0;
        cl[m++] = start;
        for (unsigned v = 0; v < n; v++) {
            if (v == start)
                continue;
            unsigned i = 0;
            while (i < m && adj(g, v, cl[i]))
                i++;
            if (i == m)
                cl[m++] = v;
        }
        if (m > best) {
            best = m;
            memcpy(out, cl, m * sizeof *cl);
        }
    }
    free(cl);
    return best;
}
