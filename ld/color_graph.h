/*
 * color_graph.h - vertex coloring of a small conflict graph, for
 * glyph-ld's compartment colors.  No linker types here, so the unit test
 * (tests/ld/color_graph.c) checks it alone against brute force.
 */
#ifndef GLYPH_LD_COLOR_GRAPH_H
#define GLYPH_LD_COLOR_GRAPH_H

#include <stddef.h>

/* An undirected graph of n vertices as an n x n 0/1 matrix (adj[i*n+j]). */
typedef struct cg_graph {
    unsigned n;
    unsigned char *adj;
} cg_graph;

/* Search budget (tree nodes) of the exact search; past it the best
 * coloring found so far is kept (still deterministic). */
#define CG_BUDGET 200000ul

/* Color g: color[v] in 0..k-1, adjacent vertices differ; returns k.
 * Exact (a minimum) unless the budget ran out, which *exact reports
 * (may be NULL).  Deterministic: colors are renumbered in order of
 * first use by vertex index, so vertex 0 always gets color 0. */
unsigned cg_color(const cg_graph *g, unsigned *color, int *exact);

/* A clique found greedily (largest of the greedy cliques grown from
 * each vertex); writes its vertices to out and returns its size. */
unsigned cg_clique(const cg_graph *g, unsigned *out);

#endif
