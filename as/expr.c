/*
 * expr.c - expression trees and their evaluation.
 *
 * A value is a number plus a short sum of symbol terms (coef * address).
 * Terms of labels in one section fold into the number once the layout is
 * known, so "end - start" is absolute and "foo - ." across sections stays
 * a pair of terms that layout.c turns into relocations.
 */
#include <string.h>

#include "as.h"

static as_expr *node(as_ctx *c, int kind, as_loc loc)
{
    as_expr *e;
    if (c->parsing) {
        e = as_line_alloc(c, sizeof *e);
        e->line = 1;
    } else {
        e = as_alloc(c, sizeof *e);
    }
    e->kind = (uint8_t)kind;
    e->loc = loc;
    e->depth = 1;
    return e;
}

/* Too deep for the recursive walkers: report once (where the limit is
 * crossed) and continue with a 0 that keeps the depth over the limit, so
 * the operators around it stay quiet. */
static as_expr *too_deep(as_ctx *c, int child_depth, as_loc loc)
{
    if (child_depth <= AS_MAX_EXPR_DEPTH)
        as_error(c, loc, "expression nested more than %d operators deep", AS_MAX_EXPR_DEPTH);
    as_expr *e = node(c, EX_NUM, loc);
    e->depth = AS_MAX_EXPR_DEPTH + 1;
    return e;
}

as_expr *as_expr_num(as_ctx *c, int64_t v, as_loc loc)
{
    as_expr *e = node(c, EX_NUM, loc);
    e->num = v;
    return e;
}

as_expr *as_expr_sym(as_ctx *c, as_sym *s, as_loc loc)
{
    as_expr *e = node(c, EX_SYM, loc);
    e->sym = s;
    if (!s->ref_loc.file)
        s->ref_loc = loc;
    return e;
}

as_expr *as_expr_dot(as_ctx *c, as_loc loc) { return node(c, EX_DOT, loc); }

as_expr *as_expr_keep(as_ctx *c, as_expr *e)
{
    if (!e)
        return NULL;
    if (e->line) {
        as_expr *k = as_alloc(c, sizeof *k);
        *k = *e;
        k->line = 0;
        e = k;
    }
    /* a kept node may have been built over line nodes (`sym - .`) */
    if (e->kind == EX_UN || e->kind == EX_BIN) {
        e->l = as_expr_keep(c, e->l);
        e->r = as_expr_keep(c, e->r);
    }
    return e;
}

as_expr *as_expr_un(as_ctx *c, int op, as_expr *l, as_loc loc)
{
    if (l->kind == EX_NUM) { /* fold now: keeps constants simple */
        int64_t v = l->num;
        switch (op) {
        case '-': v = (int64_t)(0 - (uint64_t)v); break;
        case '~': v = ~v; break;
        case '!': v = !v; break;
        }
        return as_expr_num(c, v, loc);
    }
    if (l->depth >= AS_MAX_EXPR_DEPTH)
        return too_deep(c, l->depth, loc);
    as_expr *e = node(c, EX_UN, loc);
    e->op = op;
    e->l = l;
    e->depth = l->depth + 1;
    return e;
}

as_expr *as_expr_bin(as_ctx *c, int op, as_expr *l, as_expr *r, as_loc loc)
{
    int d = l->depth > r->depth ? l->depth : r->depth;
    if (d >= AS_MAX_EXPR_DEPTH)
        return too_deep(c, d, loc);
    as_expr *e = node(c, EX_BIN, loc);
    e->op = op;
    e->l = l;
    e->r = r;
    e->depth = d + 1;
    return e;
}

uint64_t as_sym_value(const as_sym *s)
{
    return s->item ? s->item->off : 0;
}

/* Add k * b into a; fold terms of one symbol or one section.  A weak
 * label may be overridden by a definition in another object, so in the
 * object's bytes (c->keep_weak) it is never folded: it stays a relocation
 * against its name, which the linker resolves to the winning definition. */
static int add_value(as_ctx *c, as_value *a, const as_value *b, int k, as_loc loc)
{
    a->num = (int64_t)((uint64_t)a->num + (uint64_t)k * (uint64_t)b->num);
    for (int i = 0; i < b->nterms; i++) {
        as_term t = b->t[i];
        t.coef *= k;
        int j;
        for (j = 0; j < a->nterms; j++)
            if (a->t[j].sym == t.sym)
                break;
        if (j < a->nterms) {
            a->t[j].coef += t.coef;
            continue;
        }
        if (a->nterms == AS_MAX_TERMS) {
            as_error(c, loc, "expression has too many symbols");
            return -1;
        }
        a->t[a->nterms++] = t;
    }
    /* Fold labels of one section: their difference is a number. */
    for (int i = 0; i < a->nterms; i++) {
        as_term *ti = &a->t[i];
        if (!ti->coef || ti->sym->kind != SYM_LABEL || (c->keep_weak && ti->sym->weak))
            continue;
        for (int j = i + 1; j < a->nterms; j++) {
            as_term *tj = &a->t[j];
            if (!tj->coef || tj->sym->kind != SYM_LABEL || tj->sym->sec != ti->sym->sec ||
                (c->keep_weak && tj->sym->weak))
                continue;
            /* ti*Si + tj*Sj = (ti+tj)*Si + tj*(Sj - Si) */
            a->num += (int64_t)tj->coef *
                      ((int64_t)as_sym_value(tj->sym) - (int64_t)as_sym_value(ti->sym));
            ti->coef += tj->coef;
            tj->coef = 0;
        }
    }
    int n = 0;
    for (int i = 0; i < a->nterms; i++)
        if (a->t[i].coef)
            a->t[n++] = a->t[i];
    a->nterms = n;
    return 0;
}

static as_sym *dot_sym(as_ctx *c, as_where w, as_loc loc)
{
    if (!w.item || !w.sec) {
        as_error(c, loc, "`.` is not allowed here");
        return NULL;
    }
    return as_sym_at(c, w.sec, w.item);
}

static int eval_node(as_ctx *c, const as_expr *e, as_where w, as_value *out);

int as_eval(as_ctx *c, const as_expr *e, as_where w, as_value *out)
{
    if (c->eval_depth >= AS_MAX_EVAL_DEPTH) {
        memset(out, 0, sizeof *out);
        c->eval_too_deep = 1; /* reported where the evaluation started */
        return -1;
    }
    c->eval_depth++;
    int r = eval_node(c, e, w, out);
    if (--c->eval_depth == 0 && c->eval_too_deep) {
        c->eval_too_deep = 0;
        as_error(c, e->loc, "expression nested more than %d levels deep (through symbol "
                            "definitions)", AS_MAX_EVAL_DEPTH);
    }
    return r;
}

static int eval_node(as_ctx *c, const as_expr *e, as_where w, as_value *out)
{
    memset(out, 0, sizeof *out);
    switch (e->kind) {
    case EX_NUM:
        out->num = e->num;
        return 0;
    case EX_DOT: {
        as_sym *s = dot_sym(c, w, e->loc);
        if (!s)
            return -1;
        out->nterms = 1;
        out->t[0].sym = s;
        out->t[0].coef = 1;
        return 0;
    }
    case EX_SYM: {
        as_sym *s = e->sym;
        if (s->kind == SYM_EQU) {
            if (s->evaluating) {
                as_error(c, e->loc, "symbol `%s` is defined in terms of itself", s->name);
                return -1;
            }
            s->evaluating = 1;
            int r = as_eval(c, s->equ, w, out);
            s->evaluating = 0;
            return r;
        }
        out->nterms = 1;
        out->t[0].sym = s;
        out->t[0].coef = 1;
        return 0;
    }
    case EX_UN: {
        if (as_eval(c, e->l, w, out))
            return -1;
        if (e->op == '+')
            return 0;
        if (e->op == '-') {
            out->num = (int64_t)(0 - (uint64_t)out->num);
            for (int i = 0; i < out->nterms; i++)
                out->t[i].coef = -out->t[i].coef;
            return 0;
        }
        if (out->nterms) {
            as_error(c, e->loc, "operator `%c` needs an absolute operand", e->op);
            return -1;
        }
        out->num = e->op == '~' ? ~out->num : !out->num;
        return 0;
    }
    case EX_BIN: {
        as_value l, r;
        if (as_eval(c, e->l, w, &l) || as_eval(c, e->r, w, &r))
            return -1;
        if (e->op == '+' || e->op == '-') {
            *out = l;
            return add_value(c, out, &r, e->op == '+' ? 1 : -1, e->loc);
        }
        if (e->op == '*' && (l.nterms == 0 || r.nterms == 0)) {
            as_value *v = l.nterms ? &l : &r;
            int64_t k = l.nterms ? r.num : l.num;
            if (v->nterms && k != 0 && k != 1 && k != -1) {
                as_error(c, e->loc, "a symbol address can only be multiplied by 1 or -1");
                return -1;
            }
            if (k == 0 || !v->nterms) {
                out->num = (int64_t)((uint64_t)l.num * (uint64_t)r.num);
                return 0;
            }
            return add_value(c, out, v, (int)k, e->loc);
        }
        if (l.nterms || r.nterms) {
            as_error(c, e->loc, "operator needs absolute operands (not symbol addresses)");
            return -1;
        }
        int64_t a = l.num, b = r.num, v = 0;
        uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
        switch (e->op) {
        case '*': v = (int64_t)(ua * ub); break;
        case '/':
        case '%':
            if (b == 0) {
                as_error(c, e->loc, "division by zero");
                return -1;
            }
            if (a == INT64_MIN && b == -1)
                v = e->op == '/' ? a : 0;
            else
                v = e->op == '/' ? a / b : a % b;
            break;
        case 'L': v = b >= 64 || b < 0 ? 0 : (int64_t)(ua << b); break;
        case 'R': v = b >= 64 || b < 0 ? (a < 0 ? -1 : 0) : a >> b; break;
        case '&': v = a & b; break;
        case '|': v = a | b; break;
        case '^': v = a ^ b; break;
        case '<': v = a < b; break;
        case '>': v = a > b; break;
        case 'l': v = a <= b; break;
        case 'g': v = a >= b; break;
        case '=': v = a == b; break;
        case 'n': v = a != b; break;
        case 'A': v = a && b; break;
        case 'O': v = a || b; break;
        }
        out->num = v;
        return 0;
    }
    }
    return -1;
}

/* Does the expression use a label (whose offset is not final yet)?  Too
 * deep to tell counts as yes: the value is then not known here. */
static int uses_label(const as_expr *e, int depth)
{
    if (!e)
        return 0;
    if (depth > AS_MAX_EVAL_DEPTH)
        return 1;
    if (e->kind == EX_DOT)
        return 1;
    if (e->kind == EX_SYM) {
        if (e->sym->kind == SYM_LABEL)
            return 1;
        if (e->sym->kind == SYM_EQU && !e->sym->evaluating) {
            /* a definition never changes (.set makes a new symbol), so a
             * yes is remembered: long chains are walked once, not each time */
            if (!e->sym->equ_label)
                e->sym->equ_label = (uint8_t)uses_label(e->sym->equ, depth + 1);
            return e->sym->equ_label;
        }
        return 0;
    }
    return uses_label(e->l, depth + 1) || uses_label(e->r, depth + 1);
}

int as_eval_abs(as_ctx *c, const as_expr *e, as_where w, int64_t *out, int quiet)
{
    if (uses_label(e, 0)) {
        if (!quiet)
            as_error(c, e->loc, "expression must be an absolute number known here "
                                "(labels have no final address yet)");
        return -1;
    }
    as_value v;
    if (as_eval(c, e, w, &v)) /* evaluation errors are reported even when quiet */
        return -1;
    if (v.nterms) {
        if (!quiet)
            as_error(c, e->loc, "expression must be absolute, but it uses symbol `%s`",
                     v.t[0].sym->name);
        return -1;
    }
    *out = v.num;
    return 0;
}

int as_expr_equal(const as_expr *a, const as_expr *b)
{
    if (a == b)
        return 1;
    if (!a || !b || a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case EX_NUM: return a->num == b->num;
    case EX_SYM: return a->sym == b->sym;
    case EX_DOT: return 0;
    case EX_UN: return a->op == b->op && as_expr_equal(a->l, b->l);
    case EX_BIN:
        return a->op == b->op && as_expr_equal(a->l, b->l) && as_expr_equal(a->r, b->r);
    }
    return 0;
}

int as_expr_reg(const as_expr *e)
{
    if (!e || e->kind != EX_SYM)
        return -1;
    return e->sym->reg; /* looked up once, when the symbol was made */
}

as_section *as_value_section(const as_value *v)
{
    if (v->nterms == 1 && v->t[0].coef == 1 && v->t[0].sym->kind == SYM_LABEL)
        return v->t[0].sym->sec;
    return NULL;
}
