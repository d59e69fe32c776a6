/*
 * color_graph.c - the compartment coloring (ld/color_graph.c) against
 * brute force: random graphs of 1..12 vertices must get exactly the
 * chromatic number an exhaustive search finds, always properly; graphs
 * with a known chromatic number (complete, cycles, Petersen, Grotzsch,
 * bipartite, K_16 / K_17 for the 16-color limit) get it; the same graph
 * always gets the same colors.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/check.h"
#include "color_graph.h" /* linked with ld/color_graph.o (configure.py: tests/ld links ld/) */

static unsigned char adjm[64 * 64];

static cg_graph make(unsigned n)
{
    memset(adjm, 0, sizeof adjm);
    return (cg_graph){n, adjm};
}

static void edge(cg_graph *g, unsigned a, unsigned b)
{
    g->adj[a * g->n + b] = g->adj[b * g->n + a] = 1;
}

static int proper(const cg_graph *g, const unsigned *c, unsigned k)
{
    for (unsigned a = 0; a < g->n; a++) {
        if (c[a] >= k)
            return 0;
        for (unsigned b = 0; b < g->n; b++)
            if (a != b && g->adj[a * g->n + b] && c[a] == c[b])
                return 0;
    }
    return 1;
}

/* Brute force: is there a proper coloring with k colors?  Vertices in
 * index order, every color for each that no earlier neighbour has (at
 * most one new color per vertex, so each partition is tried once): a
 * complete search with no ordering heuristic, nothing shared with
 * DSATUR or the branch and bound under test. */
static int colorable(const cg_graph *g, unsigned *c, unsigned v, unsigned k, unsigned used)
{
    if (v == g->n)
        return 1;
    for (unsigned x = 0; x < k && x <= used; x++) {
        unsigned u = 0;
        while (u < v && !(g->adj[v * g->n + u] && c[u] == x))
            u++;
        if (u < v)
            continue;
        c[v] = x;
        if (colorable(g, c, v + 1, k, x == used ? used + 1 : used))
            return 1;
    }
    return 0;
}

/* The chromatic number: the fewest k that colorable() accepts. */
static unsigned brute(const cg_graph *g)
{
    unsigned c[64];
    for (unsigned k = 1; k <= g->n; k++)
        if (colorable(g, c, 0, k, 0))
            return k;
    return 0;
}

static unsigned rnd_state = 12345;
static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 16;
}

static void known(const char *what, cg_graph *g, unsigned want)
{
    unsigned col[64];
    int exact;
    unsigned k = cg_color(g, col, &exact);
    CHECK(k == want && proper(g, col, k) && exact, "%s: %u colors (want %u)", what, k, want);
}

int main(void)
{
    unsigned col[64], col2[64];
    /* random graphs against brute force */
    int all_ok = 1, all_proper = 1;
    unsigned tried = 0;
    for (unsigned n = 1; n <= 12; n++) {
        unsigned rounds = 1000;
        for (unsigned r = 0; r < rounds; r++) {
            cg_graph g = make(n);
            unsigned density = 10 + rnd() % 80;
            for (unsigned a = 0; a < n; a++)
                for (unsigned b = a + 1; b < n; b++)
                    if (rnd() % 100 < density)
                        edge(&g, a, b);
            unsigned k = cg_color(&g, col, NULL), want = brute(&g);
            tried++;
            if (k != want) {
                all_ok = 0;
                printf("# n=%u round %u: %u colors, brute force %u\n", n, r, k, want);
            }
            if (!proper(&g, col, k) || col[0] != 0)
                all_proper = 0;
        }
    }
    CHECK(all_ok, "%u random graphs of 1..12 vertices: minimum colors, as brute force", tried);
    CHECK(all_proper, "random graphs: every coloring proper, vertex 0 on color 0");

    cg_graph g = make(0);
    CHECK(cg_color(&g, col, NULL) == 0, "empty graph: no colors");
    g = make(5);
    known("5 vertices, no edges", &g, 1);
    for (unsigned n = 2; n <= 16; n += 7) {
        g = make(n);
        for (unsigned a = 0; a < n; a++)
            for (unsigned b = a + 1; b < n; b++)
                edge(&g, a, b);
        char what[32];
        snprintf(what, sizeof what, "K_%u", n);
        known(what, &g, n);
    }
    g = make(7);
    for (unsigned a = 0; a < 7; a++)
        edge(&g, a, (a + 1) % 7);
    known("odd cycle C_7", &g, 3);
    g = make(8);
    for (unsigned a = 0; a < 8; a++)
        edge(&g, a, (a + 1) % 8);
    known("even cycle C_8", &g, 2);
    g = make(10); /* Petersen: outer 5-cycle, inner pentagram, spokes */
    for (unsigned a = 0; a < 5; a++) {
        edge(&g, a, (a + 1) % 5);
        edge(&g, 5 + a, 5 + (a + 2) % 5);
        edge(&g, a, 5 + a);
    }
    known("Petersen graph", &g, 3);
    g = make(11); /* Grotzsch (Mycielski of C_5): triangle-free, needs 4 */
    for (unsigned a = 0; a < 5; a++) {
        edge(&g, a, (a + 1) % 5);
        edge(&g, 5 + a, (a + 1) % 5);
        edge(&g, 5 + a, (a + 4) % 5);
        edge(&g, 5 + a, 10);
    }
    known("Grotzsch graph", &g, 4);
    g = make(20); /* complete bipartite K_10,10 */
    for (unsigned a = 0; a < 10; a++)
        for (unsigned b = 10; b < 20; b++)
            edge(&g, a, b);
    known("K_10,10", &g, 2);
    g = make(40); /* 8 disjoint K_5: larger than brute force can do */
    for (unsigned q = 0; q < 8; q++)
        for (unsigned a = 0; a < 5; a++)
            for (unsigned b = a + 1; b < 5; b++)
                edge(&g, 5 * q + a, 5 * q + b);
    known("8 disjoint K_5 (40 vertices)", &g, 5);

    /* the 16-color limit: K_17 needs 17, and its clique is found */
    g = make(17);
    for (unsigned a = 0; a < 17; a++)
        for (unsigned b = a + 1; b < 17; b++)
            edge(&g, a, b);
    known("K_17 (over the 16-color limit)", &g, 17);
    unsigned cl[64];
    CHECK(cg_clique(&g, cl) == 17, "K_17: the clique of 17 is named");
    g = make(17);
    for (unsigned a = 1; a < 17; a++)
        for (unsigned b = a + 1; b < 17; b++)
            edge(&g, a, b);
    known("K_16 plus a free vertex: exactly 16", &g, 16);

    /* determinism: the same graph twice gives the same colors */
    g = make(12);
    rnd_state = 99;
    for (unsigned a = 0; a < 12; a++)
        for (unsigned b = a + 1; b < 12; b++)
            if (rnd() % 2)
                edge(&g, a, b);
    unsigned k1 = cg_color(&g, col, NULL), k2 = cg_color(&g, col2, NULL);
    CHECK(k1 == k2 && memcmp(col, col2, 12 * sizeof *col) == 0, "same graph, same colors");
    return check_done();
}
