/*
 * compartment.c - compartments: named sets of input sections whose
 * colors the linker chooses (docs/ld.md, "Compartments").
 *
 *   place     every kept section gets a compartment: a link-time
 *             placement (--compartment, "compartment" policy lines; the
 *             last match wins), else the object's .compartment record,
 *             else "default" (objects) or "runtime" (archive members).
 *             A function's immediate blocks follow its code.  Common
 *             symbols, the stack and the heap are "shared" (color 0).
 *   needs     every relocation from compartment A to a symbol of B is a
 *             need: code -> call, .const/.rodata -> read, .data/.bss ->
 *             read + write.  A need a rule denies is an error at its
 *             place (a denied write to data only narrows the need).
 *   grant     what each compartment may do to each other: self and the
 *             shared data always; else the last matching rule, else the
 *             need, else the default (deny unless "default allow").
 *             Transfers: a granted call, and its return (after a tail
 *             call, to the callers of the compartment that jumped).
 *   color     parts (a compartment's code, its data, the shared data)
 *             conflict when one color would have to grant and deny at
 *             once: two code parts unless they have the same rights on
 *             every part and the same callers, two data parts unless
 *             every code part has the same rights on both.  Code and data
 *             never conflict.  color_graph.c colors the graph with as few
 *             colors as possible (at most 16), the shared part on 0.
 *   registers colormatread/colormatwrite/colormatexec[s] bit d is set
 *             when the parts on s may access those on d (an empty cell
 *             follows the default).
 */
#include <fnmatch.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "color_graph.h"
#include "isa.h"
#include "ld.h"

#define SHARED (-1) /* the compartment of commons, stack and heap */

static const char *const acc_names[] = {"read", "write", "call"};

/* ---- placing sections ------------------------------------------------- */

int ld_is_member(const ld_object *o)
{
    size_t n = strlen(o->name);
    return n && o->name[n - 1] == ')' && strchr(o->name, '(');
}

/* Does pattern FILE name object o?  Its name as given ("build/x.o",
 * "lib.a(m.o)"), its last path part ("x.o", "lib.a(m.o)"), or for an
 * archive member the member alone ("m.o"). */
int ld_file_matches(const char *pat, const ld_object *o)
{
    if (!fnmatch(pat, o->name, 0))
        return 1;
    const char *paren = ld_is_member(o) ? strchr(o->name, '(') : NULL;
    const char *base = o->name;
    for (const char *p = o->name; *p && (!paren || p < paren); p++)
        if (*p == '/')
            base = p + 1;
    if (!fnmatch(pat, base, 0))
        return 1;
    if (paren) {
        char *m = ld_strdup(paren + 1);
        m[strlen(m) - 1] = 0;
        int r = !fnmatch(pat, m, 0);
        free(m);
        return r;
    }
    return 0;
}

static void place(ld_ctx *ctx)
{
    unsigned *used = ld_alloc((ctx->nplacements + 1) * sizeof *used);
    for (ld_object *o = ctx->objects; o; o = o->next) {
        for (size_t i = 1; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            if (s->kind == LD_KIND_NONE || o == ctx->linker_obj)
                continue;
            s->comp = ld_is_member(o) ? 1 : 0;
            if (s->comp_name)
                s->comp = ld_comp_intern(ctx, s->comp_name, strlen(s->comp_name));
            for (size_t k = 0; k < ctx->nplacements; k++) {
                ld_placement *p = &ctx->placements[k];
                if (ld_file_matches(p->file, o) && (!p->section || !fnmatch(p->section, s->name, 0))) {
                    s->comp = ld_comp_find(ctx, p->comp, strlen(p->comp));
                    s->comp_pinned = 1;
                    used[k]++;
                }
            }
        }
        /* immediate blocks live with their code */
        for (size_t i = 1; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            ld_section *c = s->kind == LD_KIND_TEXT ? ld_const_sibling(s) : NULL;
            if (c)
                c->comp = s->comp;
        }
    }
    for (size_t i = 0; ctx->linker_obj && i < ctx->linker_obj->nsecs; i++)
        ctx->linker_obj->secs[i].comp = SHARED;
    for (size_t k = 0; k < ctx->nplacements; k++)
        if (!used[k])
            ld_error(ctx, "%s: no input section matches '%s%s%s'", ctx->placements[k].where,
                     ctx->placements[k].file, ctx->placements[k].section ? ":" : "",
                     ctx->placements[k].section ? ctx->placements[k].section : "");
    free(used);
}

/* ---- needs and forbidden references ---------------------------------- */

/* The rule deciding access a (one bit) of src on dst: the last that
 * matches, or NULL. */
static const ld_comp_rule *rule_for(const ld_ctx *ctx, int src, int dst, unsigned a)
{
    const ld_comp_rule *found = NULL;
    for (size_t i = 0; i < ctx->ncomp_rules; i++) {
        const ld_comp_rule *r = &ctx->comp_rules[i];
        if ((r->access & a) && (!r->src || !strcmp(r->src, ctx->comps[src].name)) &&
            (!r->dst || !strcmp(r->dst, ctx->comps[dst].name)))
            found = r;
    }
    return found;
}

static int ends_with_const(const char *name)
{
    size_t n = strlen(name), k = strlen(GL_CONST_SUFFIX);
    return n > k && !strcmp(name + n - k, GL_CONST_SUFFIX);
}

static ld_need *need_get(ld_ctx *ctx, int src, int dst)
{
    for (size_t i = 0; i < ctx->nneeds; i++)
        if (ctx->needs[i].src == src && ctx->needs[i].dst == dst)
            return &ctx->needs[i];
    ctx->needs = ld_realloc(ctx->needs, (ctx->nneeds + 1) * sizeof *ctx->needs);
    ld_need *n = &ctx->needs[ctx->nneeds++];
    memset(n, 0, sizeof *n);
    n->src = src;
    n->dst = dst;
    return n;
}

static const char *objsym_name(const ld_object *o, uint32_t i)
{
    const ld_objsym *y = &o->syms[i];
    if (y->type == STT_SECTION && y->shndx < o->nsecs)
        return o->secs[y->shndx].name;
    return y->name ? y->name : "?";
}

static void scan_section(ld_ctx *ctx, ld_section *sec)
{
    const char *last_base = NULL;
    size_t last_len = 0;
    for (size_t i = 0; i < sec->nrelas; i++) {
        const ld_rela *r = &sec->relas[i];
        if (r->type == R_GLYPH_NONE || r->type == R_GLYPH_SUB32 || r->type == R_GLYPH_SUB64)
            continue; /* a SUB term is a base, not a target */
        ld_section *t = ld_sym_section(sec->obj, r->sym);
        if (t)
            t = ld_comp_redirect(sec->comp, t);
        if (!t || !t->live || t->comp == SHARED || t->comp == sec->comp)
            continue;
        const char *name = objsym_name(sec->obj, r->sym);
        unsigned acc, soft = 0;
        if (t->kind == LD_KIND_TEXT)
            acc = LD_ACC_CALL;
        else if (t->kind == LD_KIND_CONST && ends_with_const(name))
            acc = LD_ACC_CALL; /* the ib lane of a call vector */
        else if (t->kind == LD_KIND_CONST || t->kind == LD_KIND_RODATA)
            acc = LD_ACC_READ;
        else
            acc = LD_ACC_READ | LD_ACC_WRITE, soft = LD_ACC_WRITE;
        size_t flen = 0;
        const char *fn = ld_function_at(sec, r->offset, &flen, NULL);
        char *site = fn ? ld_format("%s (%s+0x%" PRIx64 ", function '%.*s') -> '%s'",
                                    sec->obj->name, sec->name, r->offset, (int)flen, fn, name)
                        : ld_format("%s (%s+0x%" PRIx64 ") -> '%s'", sec->obj->name, sec->name,
                                    r->offset, name);
        for (unsigned b = 0; b < 3; b++) {
            unsigned a = 1u << b;
            if (!(acc & a))
                continue;
            const ld_comp_rule *rule = rule_for(ctx, sec->comp, t->comp, a);
            if (!rule || rule->allow)
                continue;
            acc &= ~a;
            if (soft & a)
                continue; /* a data reference that may only read */
            /* the two lanes of one call vector: one message */
            size_t n = strlen(name);
            size_t base = ends_with_const(name) ? n - strlen(GL_CONST_SUFFIX) : n;
            if (last_base && last_len == base && !strncmp(last_base, name, base)) {
                ctx->nerrors++;
                continue;
            }
            last_base = name;
            last_len = base;
            char where[256], src[320];
            ld_site_text(ctx, sec, r->offset, where, sizeof where, src, sizeof src);
            ld_error(ctx, "%sforbidden reference to '%s' in %s (%s%s%.*s%s): "
                     "compartment '%s' may not %s compartment '%s' (%s: %s)",
                     src, name, sec->obj->name, where, fn ? ", function '" : "",
                     (int)flen, fn ? fn : "", fn ? "'" : "", ctx->comps[sec->comp].name,
                     acc_names[b], ctx->comps[t->comp].name, rule->where, rule->text);
        }
        if (acc) {
            ld_need *nd = need_get(ctx, sec->comp, t->comp);
            nd->access |= acc;
            nd->count++;
            /* a jump that links nothing (j.i64: `tail`, `j` to another
             * function): the target returns to the jumper's callers */
            const ld_section *ts;
            uint64_t toff;
            unsigned op;
            if ((acc & LD_ACC_CALL) && ld_site_insn(sec, r->offset, &ts, &toff, NULL, 0, &op) &&
                op == GL_OP_LJ)
                nd->tail = 1;
            if (!nd->site)
                nd->site = site, site = NULL;
        }
        free(site);
    }
}

/* ---- grants ----------------------------------------------------------- */

typedef struct grants {
    size_t n;            /* compartments */
    unsigned char *perm; /* perm[(a * n + src) * n + dst], a = 0 read, 1 write, 2 call */
    unsigned char *xfer; /* xfer[src * n + dst]: jump/call/return */
} grants;

static int needed(const ld_ctx *ctx, int src, int dst, unsigned a)
{
    for (size_t i = 0; i < ctx->nneeds; i++)
        if (ctx->needs[i].src == src && ctx->needs[i].dst == dst)
            return (ctx->needs[i].access & a) != 0;
    return 0;
}

static void grants_build(const ld_ctx *ctx, grants *g)
{
    size_t n = ctx->ncomps;
    g->n = n;
    g->perm = ld_alloc(3 * n * n);
    g->xfer = ld_alloc(n * n);
    unsigned char *wanted = ld_alloc(n * n); /* a call needed or allowed by a rule */
    for (unsigned b = 0; b < 3; b++)
        for (size_t s = 0; s < n; s++)
            for (size_t d = 0; d < n; d++) {
                unsigned a = 1u << b;
                const ld_comp_rule *r = rule_for(ctx, (int)s, (int)d, a);
                int need = needed(ctx, (int)s, (int)d, a);
                int p = s == d || (r ? r->allow : need || ctx->default_allow);
                g->perm[(b * n + s) * n + d] = (unsigned char)p;
                if (b == 2)
                    wanted[s * n + d] = (unsigned char)(s == d || (r ? r->allow : need));
            }
    /* ret[s * n + d]: code of s returns to d: d calls s, or jumps to
     * s (a tail call) from code that d's callers... called, transitively */
    unsigned char *ret = ld_alloc(n * n);
    for (size_t s = 0; s < n; s++)
        for (size_t d = 0; d < n; d++)
            ret[s * n + d] = g->perm[(2 * n + d) * n + s] && wanted[d * n + s];
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < ctx->nneeds; i++) {
            const ld_need *nd = &ctx->needs[i];
            size_t a = (size_t)nd->src, b = (size_t)nd->dst;
            if (!nd->tail || !g->perm[(2 * n + a) * n + b])
                continue;
            for (size_t x = 0; x < n; x++)
                if (ret[a * n + x] && !ret[b * n + x])
                    ret[b * n + x] = 1, changed = 1;
        }
    }
    for (size_t s = 0; s < n; s++)
        for (size_t d = 0; d < n; d++)
            g->xfer[s * n + d] = g->perm[(2 * n + s) * n + d] || ret[s * n + d];
    free(ret);
    free(wanted);
}

/* ---- the conflict graph and its coloring ----------------------------- */

typedef struct part {
    int comp;   /* SHARED for the shared data */
    int code;   /* code part (else data) */
} part;

static int perm_of(const grants *g, unsigned b, int s, int d)
{
    if (d == SHARED)
        return 1;
    return g->perm[(b * g->n + (size_t)s) * g->n + (size_t)d];
}

static int conflict(const ld_ctx *ctx, const grants *g, const part *x, const part *y)
{
    if (x->code != y->code)
        return 0;
    int n = (int)ctx->ncomps;
    if (x->code) {
        for (int t = 0; t < n; t++) {
            const ld_comp *c = &ctx->comps[t];
            for (unsigned b = 0; b < 2 && c->has_data; b++)
                if (perm_of(g, b, x->comp, t) != perm_of(g, b, y->comp, t))
                    return 1;
            if (c->has_code && (g->xfer[(size_t)x->comp * g->n + (size_t)t] !=
                                    g->xfer[(size_t)y->comp * g->n + (size_t)t] ||
                                g->xfer[(size_t)t * g->n + (size_t)x->comp] !=
                                    g->xfer[(size_t)t * g->n + (size_t)y->comp]))
                return 1;
        }
        return 0;
    }
    for (int z = 0; z < n; z++)
        for (unsigned b = 0; b < 2 && ctx->comps[z].has_code; b++)
            if (perm_of(g, b, z, x->comp) != perm_of(g, b, z, y->comp))
                return 1;
    return 0;
}

static const char *part_name(const ld_ctx *ctx, const part *p)
{
    return p->comp == SHARED ? "shared" : ctx->comps[p->comp].name;
}

/* Cell (s, d) of a matrix: granted when some pair on it is (the
 * coloring leaves no cell with a granted and a denied pair); an empty
 * cell follows the default. */
static uint64_t row_mask(const ld_ctx *ctx, const grants *g, const part *parts, size_t np,
                         const unsigned *col, unsigned s, unsigned b)
{
    uint64_t yes = 0, no = 0;
    for (size_t i = 0; i < np; i++) {
        if (!parts[i].code || col[i] != s)
            continue;
        for (size_t j = 0; j < np; j++) {
            int p;
            if (b == 2) {
                if (!parts[j].code)
                    continue;
                p = g->xfer[(size_t)parts[i].comp * g->n + (size_t)parts[j].comp];
            } else {
                if (parts[j].code)
                    continue;
                p = perm_of(g, b, parts[i].comp, parts[j].comp);
            }
            if (p)
                yes |= 1ull << col[j];
            else
                no |= 1ull << col[j];
        }
    }
    const uint64_t all = (1u << GL_COLORS) - 1;
    if (!yes && !no)
        return ctx->default_allow ? all : 0;
    return ctx->default_allow ? all & ~no : yes;
}

/* Prefer one color per compartment (code and data alike, as a reader
 * expects): color the graph whose vertices are whole compartments, and
 * keep that when it needs no more colors than the split one.  col is
 * rewritten for the parts; returns the count. */
static unsigned merge_if_free(const cg_graph *gr, const part *parts, size_t np, unsigned k,
                              unsigned *col)
{
    /* vertex of each part in the merged graph: parts of one
     * compartment are adjacent in parts[] */
    unsigned *vx = ld_alloc(np * sizeof *vx), nv = 0;
    for (size_t i = 0; i < np; i++)
        vx[i] = i && parts[i].comp == parts[i - 1].comp ? nv - 1 : nv++;
    cg_graph m = {nv, ld_alloc((size_t)nv * nv)};
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < np; j++)
            if (gr->adj[i * np + j])
                m.adj[vx[i] * nv + vx[j]] = 1;
    for (unsigned v = 0; v < nv; v++)
        m.adj[v * nv + v] = 0;
    unsigned *mc = ld_alloc(nv * sizeof *mc);
    unsigned km = cg_color(&m, mc, NULL);
    if (km <= k) {
        for (size_t i = 0; i < np; i++)
            col[i] = mc[vx[i]];
        k = km;
    }
    free(mc);
    free(m.adj);
    free(vx);
    return k;
}

static void color_parts(ld_ctx *ctx, const grants *g)
{
    size_t np = 1;
    part *parts = ld_alloc((2 * ctx->ncomps + 1) * sizeof *parts);
    parts[0] = (part){SHARED, 0};
    for (size_t c = 0; c < ctx->ncomps; c++) {
        if (ctx->comps[c].has_code)
            parts[np++] = (part){(int)c, 1};
        if (ctx->comps[c].has_data)
            parts[np++] = (part){(int)c, 0};
    }
    cg_graph gr = {(unsigned)np, ld_alloc(np * np)};
    for (size_t i = 0; i < np; i++)
        for (size_t j = i + 1; j < np; j++)
            gr.adj[i * np + j] = gr.adj[j * np + i] =
                (unsigned char)conflict(ctx, g, &parts[i], &parts[j]);
    unsigned *col = ld_alloc(np * sizeof *col);
    unsigned k = cg_color(&gr, col, NULL);
    if (k <= GL_COLORS)
        k = merge_if_free(&gr, parts, np, k, col);
    ctx->ncolors = k;
    if (k > GL_COLORS) {
        unsigned *cl = ld_alloc(np * sizeof *cl);
        unsigned m = cg_clique(&gr, cl);
        char *list = ld_strdup("");
        for (unsigned i = 0; i < (m > GL_COLORS ? m : np); i++) {
            const part *p = &parts[m > GL_COLORS ? cl[i] : i];
            char *l = ld_format("%s%s%s (%s)", list, i ? ", " : "", part_name(ctx, p),
                                p->code ? "code" : "data");
            free(list);
            list = l;
        }
        ld_error(ctx, "compartments need %u colors, more than the %d the capability registers "
                 "have; %s: %s", k, GL_COLORS,
                 m > GL_COLORS ? "these cannot share colors with each other"
                               : "these cannot be colored with 16 together", list);
        free(list);
        free(cl);
    } else {
        for (size_t i = 1; i < np; i++) {
            ld_comp *c = &ctx->comps[parts[i].comp];
            if (parts[i].code)
                c->code_color = col[i];
            else
                c->data_color = col[i];
        }
        gl_color_policy *p = &ctx->policy;
        gl_color_policy_default(p);
        p->exec = 0;
        for (size_t i = 0; i < np; i++)
            if (parts[i].code)
                p->exec |= 1ull << col[i];
        for (unsigned s = 0; s < GL_COLORS; s++) {
            int src = 0;
            for (size_t i = 0; i < np; i++)
                src |= parts[i].code && col[i] == s;
            /* a color without code never acts: deny it everything */
            p->matread[s] = src ? row_mask(ctx, g, parts, np, col, s, 0) : 0;
            p->matwrite[s] = src ? row_mask(ctx, g, parts, np, col, s, 1) : 0;
            ctx->xfer.matexec[s] = src ? row_mask(ctx, g, parts, np, col, s, 2) : 0;
        }
        ctx->xfer_on = 1;
    }
    free(col);
    free(gr.adj);
    free(parts);
}

/* ---- the pass ---------------------------------------------------------- */

/* A rule that names a compartment no kept section is in (a misspelt
 * name) would silently grant or deny nothing: an error, once per rule
 * line and name.  default and runtime exist in every link. */
static void check_rule_names(ld_ctx *ctx)
{
    unsigned char *used = ld_alloc(ctx->ncomps + 1);
    used[0] = used[1] = 1;
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++) {
            const ld_section *s = &o->secs[i];
            if (s->live && s->kind != LD_KIND_NONE && s->comp >= 0)
                used[s->comp] = 1;
        }
    char *names = ld_strdup("");
    for (size_t i = 0; i < ctx->ncomps; i++)
        if (used[i]) {
            char *n = ld_format("%s%s%s", names, *names ? ", " : "", ctx->comps[i].name);
            free(names);
            names = n;
        }
    for (size_t i = 0; i < ctx->ncomp_rules; i++) {
        const ld_comp_rule *r = &ctx->comp_rules[i];
        for (int side = 0; side < 2; side++) {
            const char *name = side ? r->dst : r->src;
            int c = name ? ld_comp_find(ctx, name, strlen(name)) : 0;
            if (c < 0 || used[c])
                continue;
            int seen = 0; /* isolate A B is two rules of one line */
            for (size_t j = 0; j < i && !seen; j++)
                seen = !strcmp(ctx->comp_rules[j].where, r->where) &&
                       ((ctx->comp_rules[j].src && !strcmp(ctx->comp_rules[j].src, name)) ||
                        (ctx->comp_rules[j].dst && !strcmp(ctx->comp_rules[j].dst, name)));
            seen |= side && r->src && !strcmp(r->src, name);
            if (!seen)
                ld_error(ctx, "%s: %s: no section is in compartment '%s' (compartments: %s)",
                         r->where, r->text, name, names);
        }
    }
    free(names);
    free(used);
}

static void access_text(unsigned a, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s%s", a & LD_ACC_READ ? "read" : "",
             (a & LD_ACC_READ) && (a & (LD_ACC_WRITE | LD_ACC_CALL)) ? "," : "",
             a & LD_ACC_WRITE ? "write" : "", (a & LD_ACC_WRITE) && (a & LD_ACC_CALL) ? "," : "",
             a & LD_ACC_CALL ? "call" : "");
}

/* A compartment's two colors as text, "-" for a part it does not have. */
static void part_colors(const ld_comp *c, char code[4], char data[4])
{
    strcpy(code, "-");
    strcpy(data, "-");
    if (c->has_code)
        snprintf(code, 4, "%u", c->code_color & 15);
    if (c->has_data)
        snprintf(data, 4, "%u", c->data_color & 15);
}

/* NT_GLYPH_COMPARTMENTS: the table and the needs as text lines. */
static void note_text(ld_ctx *ctx)
{
    char *t = ld_strdup("");
    for (size_t i = 0; i < ctx->ncomps; i++) {
        ld_comp *c = &ctx->comps[i];
        if (!c->has_code && !c->has_data)
            continue;
        char code[4], data[4];
        part_colors(c, code, data);
        char *n = ld_format("%scompartment %s %s %s\n", t, c->name, code, data);
        free(t);
        t = n;
    }
    for (size_t i = 0; i < ctx->nneeds; i++) {
        char acc[32];
        access_text(ctx->needs[i].access, acc, sizeof acc);
        char *n = ld_format("%sneed %s %s %s\n", t, ctx->comps[ctx->needs[i].src].name,
                            ctx->comps[ctx->needs[i].dst].name, acc);
        free(t);
        t = n;
    }
    ctx->comp_note = t;
    ctx->comp_note_size = strlen(t);
}

void ld_compartments(ld_ctx *ctx)
{
    for (ld_object *o = ctx->objects; o && !ctx->comps_on; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++)
            if (o->secs[i].comp_name && o->secs[i].kind != LD_KIND_NONE)
                ctx->comps_on = 1;
    if (!ctx->comps_on)
        return;
    ld_comps_init(ctx);
    if (ctx->color_rules) {
        ld_error(ctx, "color rules (numbers) and compartments do not mix: with compartments "
                 "the linker chooses every color");
        return;
    }
    place(ctx);
    /* like a placement, a copy line that names no member is a mistake */
    for (size_t i = 0; i < ctx->ncopy_pats; i++) {
        int found = 0;
        for (ld_object *o = ctx->objects; o && !found; o = o->next)
            found = ld_is_member(o) && ld_file_matches(ctx->copy_pats[i], o);
        if (!found)
            ld_error(ctx, "%s: copy %s: no archive member in the link matches '%s'",
                     ctx->copy_where[i], ctx->copy_pats[i], ctx->copy_pats[i]);
    }
    if (ctx->nerrors)
        return;
    ld_comp_copy_stateless(ctx);
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            if (!s->live || s->kind == LD_KIND_NONE || s->comp == SHARED)
                continue;
            if (s->color)
                ld_error(ctx, "%s: section %s has color %u set by hand; with compartments the "
                         "linker chooses colors (drop color=/.color)", o->name, s->name,
                         s->color);
            ld_comp *c = &ctx->comps[s->comp];
            if (s->kind == LD_KIND_TEXT)
                c->has_code |= s->size > 0;
            else
                c->has_data |= s->size > 0;
        }
    if (ctx->nerrors)
        return;
    check_rule_names(ctx);
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++)
            if (o->secs[i].live && o->secs[i].kind != LD_KIND_NONE && o->secs[i].nrelas)
                scan_section(ctx, &o->secs[i]);
    if (ctx->nerrors)
        return;
    grants g;
    grants_build(ctx, &g);
    color_parts(ctx, &g);
    free(g.perm);
    free(g.xfer);
    if (ctx->nerrors)
        return;
    for (ld_object *o = ctx->objects; o; o = o->next)
        for (size_t i = 1; i < o->nsecs; i++) {
            ld_section *s = &o->secs[i];
            if (s->kind != LD_KIND_NONE && s->comp != SHARED)
                s->color = s->kind == LD_KIND_TEXT ? ctx->comps[s->comp].code_color
                                                   : ctx->comps[s->comp].data_color;
        }
    note_text(ctx);
    if (ctx->print_compartments)
        ld_compartments_print(ctx, stdout);
}

/* ---- reports ------------------------------------------------------------ */

static void grid(FILE *f, const char *title, const uint64_t *rows, unsigned k)
{
    fprintf(f, "  %s (row: code color, column: target color)\n       ", title);
    for (unsigned d = 0; d < k; d++)
        fprintf(f, "%3u", d);
    fprintf(f, "\n");
    for (unsigned s = 0; s < k; s++) {
        fprintf(f, "    %2u ", s);
        for (unsigned d = 0; d < k; d++)
            fprintf(f, "%3s", rows[s] >> d & 1 ? "x" : ".");
        fprintf(f, "\n");
    }
}

void ld_compartments_print(ld_ctx *ctx, FILE *f)
{
    if (!ctx->comps_on)
        return;
    fprintf(f, "Compartments (default %s, %u colors):\n", ctx->default_allow ? "allow" : "deny",
            ctx->ncolors);
    fprintf(f, "  %-16s %-6s %-6s\n", "compartment", "code", "data");
    fprintf(f, "  %-16s %-6s %-6s (stack, heap, common symbols)\n", "shared", "-", "0");
    for (size_t i = 0; i < ctx->ncomps; i++) {
        ld_comp *c = &ctx->comps[i];
        if (!c->has_code && !c->has_data)
            continue;
        char code[4], data[4];
        part_colors(c, code, data);
        fprintf(f, "  %-16s %-6s %-6s\n", c->name, code, data);
    }
    fprintf(f, "Needs (from relocations):\n");
    for (size_t i = 0; i < ctx->nneeds; i++) {
        ld_need *n = &ctx->needs[i];
        char acc[32];
        access_text(n->access, acc, sizeof acc);
        fprintf(f, "  %-12s -> %-12s %-16s %u reference%s, first %s\n",
                ctx->comps[n->src].name, ctx->comps[n->dst].name, acc, n->count,
                n->count == 1 ? "" : "s", n->site);
    }
    unsigned k = ctx->ncolors ? ctx->ncolors : 1;
    grid(f, "colormatread", ctx->policy.matread, k);
    grid(f, "colormatwrite", ctx->policy.matwrite, k);
    grid(f, "colormatexec (transfers)", ctx->xfer.matexec, k);
}

void ld_compartments_free(ld_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ncomps; i++)
        free(ctx->comps[i].name);
    free(ctx->comps);
    for (size_t i = 0; i < ctx->ncomp_rules; i++) {
        free(ctx->comp_rules[i].src);
        free(ctx->comp_rules[i].dst);
        free(ctx->comp_rules[i].where);
        free(ctx->comp_rules[i].text);
    }
    free(ctx->comp_rules);
    for (size_t i = 0; i < ctx->nplacements; i++) {
        free(ctx->placements[i].comp);
        free(ctx->placements[i].file);
        free(ctx->placements[i].section);
        free(ctx->placements[i].where);
    }
    free(ctx->placements);
    for (size_t i = 0; i < ctx->nneeds; i++)
        free(ctx->needs[i].site);
    free(ctx->needs);
    free(ctx->default_where);
    free(ctx->comp_note);
    for (size_t i = 0; i < ctx->ncopy_pats; i++) {
        free(ctx->copy_pats[i]);
        free(ctx->copy_where[i]);
    }
    free(ctx->copy_pats);
    free(ctx->copy_where);
}
