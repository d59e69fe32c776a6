/*
 * insn.c - instructions and pseudo-instructions.
 *
 * Mnemonics come from the lib table (gl_opinfo_get over every op); a
 * suffix .n/.w/.x restricts the length.  An instruction becomes an
 * IT_INSN item holding the op, registers and immediate expression; its
 * length is chosen in layout.c (shortest that gl_encode accepts).
 * Pseudo-instructions (li, la, call, ret, tail, far j) put constants into
 * the function's immediate block (func.c) and expand to table ops.
 */
#include <string.h>

#include "as.h"
#include "glyph_elf.h"

static const char *const syn_help[] = {
    [GL_SYN_NONE] = "no operands",
    [GL_SYN_U] = "a number",
    [GL_SYN_PCREL] = "a label or .+offset",
    [GL_SYN_IBREL] = "a byte delta (multiple of 64)",
    [GL_SYN_LINK] = "[t0|ra,] ib64(n)",
    [GL_SYN_RK32] = "rc, ib32(n)",
    [GL_SYN_RK64] = "rc, ib64(n)",
    [GL_SYN_RK32PC] = "rc, ib32(n)(pc)",
    [GL_SYN_RIMM] = "rc, imm",
    [GL_SYN_RMEM] = "rc, disp(rb)",
    [GL_SYN_RR] = "rc, rb",
    [GL_SYN_RRR] = "rc, rb, ra",
    [GL_SYN_RRMEM] = "rc, ra, (rb)",
    [GL_SYN_RSYS] = "rc, sysreg",
};

/* Lengths allowed by a suffix. */
static unsigned suffix_lens(const char *mn, size_t *baselen)
{
    size_t n = strlen(mn);
    *baselen = n;
    if (n > 2 && mn[n - 2] == '.') {
        unsigned l = mn[n - 1] == 'n' ? GL_L16 : mn[n - 1] == 'w' ? GL_L32
                   : mn[n - 1] == 'x' ? GL_L64 : 0;
        if (l) {
            *baselen = n - 2;
            return l;
        }
    }
    return GL_L16 | GL_L32 | GL_L64;
}

/* Mnemonic -> ops (in table order), built from the lib table on first use. */
#define OPS_PER_NAME 8
struct as_opindex {
    as_index *names; /* mnemonic -> row of ops */
    int n[GL_OP_COUNT];
    uint16_t ops[GL_OP_COUNT][OPS_PER_NAME];
};

static const struct as_opindex *op_index(as_ctx *c)
{
    if (c->opindex)
        return c->opindex;
    struct as_opindex *x = as_alloc(c, sizeof *x);
    x->names = as_index_new(c, GL_OP_COUNT);
    int rows = 0;
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const char *m = gl_opinfo_get(op)->mnemonic;
        int r = as_index_find(x->names, m, strlen(m));
        if (r < 0)
            as_index_add(x->names, m, r = rows++);
        if (x->n[r] < OPS_PER_NAME)
            x->ops[r][x->n[r]++] = (uint16_t)op;
    }
    return c->opindex = x;
}

static int find_ops(as_ctx *c, const char *mn, size_t n, unsigned *ops, int max)
{
    const struct as_opindex *x = op_index(c);
    int r = as_index_find(x->names, mn, n), k = 0;
    for (; r >= 0 && k < x->n[r] && k < max; k++)
        ops[k] = x->ops[r][k];
    return k;
}

/* "; did you mean `addi.i64`?" when mn (its first n bytes, before a
 * length suffix) differs from table mnemonics only by a missing type
 * suffix (`addi`, `load`, `cmp.lt`, `addi.w`); "" otherwise. */
static void type_suffix_hint(const char *mn, size_t n, char *buf, size_t size)
{
    size_t k = 0;
    const char *len_suffix = mn + n; /* ".w" of `addi.w`, kept in the hint */
    const char *seen[4];
    int nseen = 0, more = 0;
    buf[0] = 0;
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const char *m = gl_opinfo_get(op)->mnemonic;
        if (strncmp(m, mn, n) != 0 || m[n] != '.' || !m[n + 1] || strchr(m + n + 1, '.'))
            continue;
        int dup = 0;
        for (int i = 0; i < nseen; i++)
            dup |= strcmp(seen[i], m) == 0;
        if (dup)
            continue;
        if (nseen == 4) {
            more = 1;
            break;
        }
        seen[nseen++] = m;
    }
    for (int i = 0; i < nseen && k < size; i++)
        k += (size_t)snprintf(buf + k, size - k, "%s`%s%s`",
                              i ? (i + 1 == nseen && !more ? " or " : ", ") : "; did you mean ",
                              seen[i], len_suffix);
    if (nseen && k < size)
        snprintf(buf + k, size - k, "%s?", more ? ", ..." : "");
}

/* ---- operand helpers ---------------------------------------------------- */

static int get_reg(const as_arg *a)
{
    if (a->kind != ARG_EXPR || a->e->paren)
        return -1;
    return as_expr_reg(a->e);
}

static int is_reg(const as_arg *a) { return get_reg(a) >= 0; }

static as_item *insn_fields(as_ctx *c, as_item *it, unsigned op, const char *text)
{
    it->u.insn.op = (uint16_t)op;
    it->u.insn.lens = gl_opinfo_get(op)->lens;
    it->u.insn.text = text;
    it->u.insn.func = c->cur->cur_func;
    it->u.insn.len = 0;
    return it;
}

static as_item *new_insn(as_ctx *c, unsigned op, as_loc loc, const char *text)
{
    return insn_fields(c, as_item_new(c, c->cur, IT_INSN, loc), op, text);
}

/* A machine instruction as written: nothing else refers to its item. */
static as_item *new_plain_insn(as_ctx *c, unsigned op, as_loc loc, const char *text)
{
    return insn_fields(c, as_item_new_final(c, c->cur, IT_INSN, loc), op, text);
}

/* Restrict the lengths; 0 and an error if nothing is left. */
static int restrict_lens(as_ctx *c, as_item *it, unsigned want, as_loc loc)
{
    unsigned have = it->u.insn.lens;
    unsigned regs_ok = (it->u.insn.rc > 7 || it->u.insn.rb > 7 || it->u.insn.ra > 7)
                           ? (unsigned)~GL_L16 : ~0u;
    if (!(have & want)) {
        as_error(c, loc, "`%s` has no %s encoding", it->u.insn.text,
                 want == GL_L16 ? "16-bit" : want == GL_L32 ? "32-bit" : "64-bit");
        return 0;
    }
    if (!(have & want & regs_ok)) {
        as_error(c, loc, "`%s`: registers r8-r63 need a 32-bit encoding; the 16-bit form "
                         "reaches r0-r7 only", it->u.insn.text);
        return 0;
    }
    it->u.insn.lens = (uint8_t)(have & want & regs_ok);
    return 1;
}

/* ---- matching one candidate op -------------------------------------------- */

enum { MATCH_NO = -1, MATCH_OK = 0, MATCH_ERR = 1 };

static int match(as_ctx *c, unsigned op, as_args *a, unsigned lens, as_loc loc,
                 const char *text)
{
    const gl_opinfo *oi = gl_opinfo_get(op);
    int n = a ? a->n : 0;
    as_arg *v = a ? a->v : NULL;
    int rc = 0, rb = 0, ra = 0, pcrel = 0, branch = 0;
    as_expr *imm = NULL;

    switch (oi->syntax) {
    case GL_SYN_NONE:
        if (n != 0)
            return MATCH_NO;
        break;
    case GL_SYN_U:
    case GL_SYN_IBREL:
    case GL_SYN_PCREL:
        if (n != 1 || v[0].kind != ARG_EXPR || is_reg(&v[0]))
            return MATCH_NO;
        imm = v[0].e;
        if (oi->syntax == GL_SYN_PCREL) {
            pcrel = 1;
            branch = v[0].e->kind == EX_SYM;
        }
        break;
    case GL_SYN_LINK:
        if (n == 1 && v[0].kind == ARG_IB) {
            rc = op == GL_OP_LJ ? 6 : 7;
            imm = v[0].e;
            if (v[0].ibsize != 8)
                return MATCH_NO;
        } else if (n == 2 && is_reg(&v[0]) && v[1].kind == ARG_IB && v[1].ibsize == 8) {
            rc = get_reg(&v[0]);
            imm = v[1].e;
        } else {
            return MATCH_NO;
        }
        imm = as_expr_bin(c, '*', imm, as_expr_num(c, 8, loc), imm->loc);
        break;
    case GL_SYN_RK32:
    case GL_SYN_RK64:
    case GL_SYN_RK32PC: {
        int want = oi->syntax == GL_SYN_RK64 ? 8 : 4;
        int kind = oi->syntax == GL_SYN_RK32PC ? ARG_IBPC : ARG_IB;
        if (n != 2 || !is_reg(&v[0]) || (int)v[1].kind != kind)
            return MATCH_NO;
        if (v[1].ibsize != want) {
            as_error(c, v[1].loc, "`%s` reads a %d-byte constant: write ib%d(n)", text, want,
                     want * 8);
            return MATCH_ERR;
        }
        if (kind == ARG_IBPC && (v[1].base->kind != EX_SYM || strcmp(v[1].base->sym->name, "pc"))) {
            as_error(c, v[1].loc, "expected `(pc)` after ib32(n)");
            return MATCH_ERR;
        }
        rc = get_reg(&v[0]);
        imm = as_expr_bin(c, '*', v[1].e, as_expr_num(c, want, loc), v[1].e->loc);
        break;
    }
    case GL_SYN_RIMM:
        if (n != 2 || !is_reg(&v[0]) || v[1].kind != ARG_EXPR)
            return MATCH_NO;
        if (is_reg(&v[1])) {
            as_error(c, v[1].loc, "`%s` takes an immediate, not register `%s`", text,
                     v[1].e->sym->name);
            return MATCH_ERR;
        }
        rc = get_reg(&v[0]);
        imm = v[1].e;
        break;
    case GL_SYN_RMEM:
        if (n != 2 || !is_reg(&v[0]))
            return MATCH_NO;
        if (v[1].kind == ARG_MEM) {
            rb = as_expr_reg(v[1].base);
            imm = v[1].e;
        } else if (v[1].kind == ARG_EXPR && v[1].e->paren && as_expr_reg(v[1].e) >= 0) {
            rb = as_expr_reg(v[1].e);
            imm = as_expr_num(c, 0, v[1].loc);
        } else {
            return MATCH_NO;
        }
        if (rb < 0) {
            as_error(c, v[1].loc, "expected a base register in parentheses");
            return MATCH_ERR;
        }
        rc = get_reg(&v[0]);
        break;
    case GL_SYN_RR:
        if (n != 2 || !is_reg(&v[0]) || !is_reg(&v[1]))
            return MATCH_NO;
        rc = get_reg(&v[0]);
        rb = get_reg(&v[1]);
        break;
    case GL_SYN_RRR:
        if (n != 3 || !is_reg(&v[0]) || !is_reg(&v[1]) || !is_reg(&v[2]))
            return MATCH_NO;
        rc = get_reg(&v[0]);
        rb = get_reg(&v[1]);
        ra = get_reg(&v[2]);
        break;
    case GL_SYN_RRMEM:
        if (n != 3 || !is_reg(&v[0]) || !is_reg(&v[1]) || v[2].kind != ARG_EXPR ||
            !v[2].e->paren || as_expr_reg(v[2].e) < 0)
            return MATCH_NO;
        rc = get_reg(&v[0]);
        ra = get_reg(&v[1]);
        rb = as_expr_reg(v[2].e);
        break;
    case GL_SYN_RSYS: {
        if (n != 2 || !is_reg(&v[0]) || v[1].kind != ARG_EXPR)
            return MATCH_NO;
        rc = get_reg(&v[0]);
        as_expr *e = v[1].e;
        if (e->kind == EX_SYM && !e->paren) {
            long num = gl_sysreg_parse(e->sym->name, strlen(e->sym->name));
            if (num < 0 && e->sym->kind == SYM_UNDEF) {
                as_error(c, v[1].loc, "unknown system register `%s`", e->sym->name);
                return MATCH_ERR;
            }
            if (num >= 0)
                e = as_expr_num(c, num, v[1].loc);
        }
        imm = e;
        break;
    }
    }
    if (!c->cur->code) {
        as_error(c, loc, "instruction `%s` in section `%s`, which is not a code section", text,
                 c->cur->name);
        return MATCH_ERR;
    }
    as_func_current(c, loc);
    as_item *it = new_plain_insn(c, op, loc, text);
    it->u.insn.rc = (uint8_t)rc;
    it->u.insn.rb = (uint8_t)rb;
    it->u.insn.ra = (uint8_t)ra;
    it->u.insn.imm = imm;
    it->u.insn.pcrel = (uint8_t)pcrel;
    it->u.insn.branch = (uint8_t)(branch && lens == (GL_L16 | GL_L32 | GL_L64));
    c->cur->nbranch += it->u.insn.branch;
    c->njumps += it->u.insn.branch && op == GL_OP_J;
    if (oi->fix == GL_FIX_RC && rc != 6 && rc != 7) {
        as_error(c, loc, "`%s`: the link register must be t0 or ra, not `%s`", text,
                 gl_reg_name((unsigned)rc));
        return MATCH_ERR;
    }
    restrict_lens(c, it, lens, loc);
    return MATCH_OK;
}

/* ---- pseudo-instructions -------------------------------------------------- */

static int need_func(as_ctx *c, const char *what, as_loc loc, as_func **f)
{
    if (!c->cur->code) {
        as_error(c, loc, "`%s` in section `%s`, which is not a code section", what,
                 c->cur->name);
        return 0;
    }
    *f = as_func_current(c, loc);
    return 1;
}

/* item with a constant from the pool: imm = index * size */
static as_item *pooled(as_ctx *c, as_func *f, unsigned op, int rc, unsigned size,
                       unsigned lanes, as_expr *e0, as_expr *e1, as_loc loc,
                       const char *text, long *kout)
{
    /* a number needs no "." (and so no item of its own to refer to) */
    int number = e0->kind == EX_NUM && !e1;
    as_item *it = number ? new_plain_insn(c, op, loc, text) : new_insn(c, op, loc, text);
    it->u.insn.rc = (uint8_t)rc;
    as_where w = {c->cur, number ? NULL : it};
    long k = as_pool_add(c, f, size, lanes, e0, e1, w, loc);
    if (kout)
        *kout = k;
    it->u.insn.imm = as_expr_num(c, k < 0 ? 0 : k * (long)size, loc);
    if (rc > 7)
        it->u.insn.lens &= (uint8_t)~GL_L16;
    return it;
}

static as_expr *loc_of(as_ctx *c, as_item *it, as_loc loc)
{
    return as_expr_sym(c, as_sym_at(c, c->cur, it), loc);
}

static void add_pending(as_ctx *c, as_func *f, long k, unsigned size, int lane,
                        as_sym *target, as_loc loc)
{
    if (k < 0)
        return;
    size_t ent = 0;
    for (ent = 0; ent < f->nents; ent++)
        if (f->ents[ent].off == (uint32_t)(k * (long)size))
            break;
    if (c->npend == c->cappend) {
        c->cappend = c->cappend ? c->cappend * 2 : 16;
        c->pend = as_xrealloc(c->pend, c->cappend * sizeof *c->pend);
    }
    as_pending *p = &c->pend[c->npend++];
    memset(p, 0, sizeof *p);
    p->f = f;
    p->ent = ent;
    p->lane = lane;
    p->target = target;
    p->loc = loc;
}

static as_sym *target_sym(as_ctx *c, as_args *a, int i, const char *what)
{
    if (!a || a->n <= i || a->v[i].kind != ARG_EXPR || a->v[i].e->kind != EX_SYM ||
        a->v[i].e->paren || is_reg(&a->v[i])) {
        as_error(c, a && a->n > i ? a->v[i].loc : c->cur_loc,
                 "`%s` needs a symbol (a function or label name)", what);
        return NULL;
    }
    return a->v[i].e->sym;
}

static void p_li(as_ctx *c, as_args *a, as_loc loc)
{
    as_func *f;
    if (!a || a->n != 2 || !is_reg(&a->v[0]) || a->v[1].kind != ARG_EXPR || is_reg(&a->v[1])) {
        as_error(c, loc, "`li` expects rc, expression");
        return;
    }
    if (!need_func(c, "li", loc, &f))
        return;
    int rc = get_reg(&a->v[0]);
    as_expr *e = a->v[1].e;
    int64_t v, lo, hi, al;
    if (as_eval_abs(c, e, (as_where){0, 0}, &v, 1) == 0) {
        for (unsigned len = 2; len <= 4; len += 2) {
            if (len == 2 && rc > 7)
                continue;
            gl_imm_range(GL_OP_MOVI, len, &lo, &hi, &al);
            if (v >= lo && v <= hi) {
                as_item *it = new_plain_insn(c, GL_OP_MOVI, loc, "li");
                it->u.insn.rc = (uint8_t)rc;
                it->u.insn.imm = as_expr_num(c, v, loc);
                it->u.insn.lens = len == 2 ? GL_L16 : GL_L32;
                return;
            }
        }
        if (v >= INT32_MIN && v <= INT32_MAX) {
            pooled(c, f, GL_OP_MOVD, rc, 4, 1, as_expr_num(c, v, loc), NULL, loc, "li", NULL);
            return;
        }
        pooled(c, f, GL_OP_MOVQ, rc, 8, 1, as_expr_num(c, v, loc), NULL, loc, "li", NULL);
        return;
    }
    pooled(c, f, GL_OP_MOVQ, rc, 8, 1, e, NULL, loc, "li", NULL);
}

static void p_la(as_ctx *c, as_args *a, as_loc loc)
{
    as_func *f;
    if (!a || a->n != 2 || !is_reg(&a->v[0]) || a->v[1].kind != ARG_EXPR || is_reg(&a->v[1])) {
        as_error(c, loc, "`la` expects rc, symbol");
        return;
    }
    if (!need_func(c, "la", loc, &f))
        return;
    int rc = get_reg(&a->v[0]);
    as_item *it = new_insn(c, GL_OP_LEAPC, loc, "la");
    it->u.insn.rc = (uint8_t)rc;
    if (rc > 7)
        it->u.insn.lens &= (uint8_t)~GL_L16;
    as_expr *e = as_expr_bin(c, '-', a->v[1].e, loc_of(c, it, loc), loc);
    long k = as_pool_add(c, f, 4, 1, e, NULL, (as_where){c->cur, it}, loc);
    it->u.insn.imm = as_expr_num(c, k < 0 ? 0 : k * 4, loc);
}

/* call / far j / tail's final jump: vector (t - here, block(t) - block(f)) */
static as_item *vector_insn(as_ctx *c, as_func *f, unsigned op, int rc, as_sym *t,
                            as_loc loc, const char *text, long *kout)
{
    as_item *it = new_insn(c, op, loc, text);
    it->u.insn.rc = (uint8_t)rc;
    as_expr *pc = as_expr_bin(c, '-', as_expr_sym(c, t, loc), loc_of(c, it, loc), loc);
    long k = as_pool_add(c, f, 8, 2, pc, NULL, (as_where){c->cur, it}, loc);
    add_pending(c, f, k, 8, 1, t, loc);
    it->u.insn.imm = as_expr_num(c, k < 0 ? 0 : k * 8, loc);
    if (kout)
        *kout = k;
    return it;
}

static void simple(as_ctx *c, unsigned op, int rc, int rb, int ra, int64_t imm, as_loc loc,
                   const char *text);

static void p_call(as_ctx *c, as_args *a, as_loc loc)
{
    as_func *f;
    if (!a || a->n != 1) {
        as_error(c, loc, "`call` expects one symbol");
        return;
    }
    as_sym *t = target_sym(c, a, 0, "call");
    if (!t || !need_func(c, "call", loc, &f))
        return;
    /* Calls are 16-bit (the return lands at C + 2), so the vector must be
     * one of the first 64 quads seen from ib.  A vector further into the
     * block is reached by moving ib around the call:
     *     ibj D; jal.i64 ra, ib64(k - D/8); ibj -D
     * The callee returns to the second ibj with ib = Fib + D, so the ib lane
     * is block(t) - (Fib + D).  (Call vectors are never shared: their pc
     * lane depends on C, so the next quad slot is the one it will get.) */
    long next = ((long)f->bytes + 7) / 8;
    int64_t shift = next >= 64 ? (int64_t)(next * 8) & ~(int64_t)63 : 0;
    if (shift)
        simple(c, GL_OP_IBJ, 0, 0, 0, shift, loc, "call");
    long k;
    as_item *it = vector_insn(c, f, GL_OP_LJAL, 7, t, loc, "call", &k);
    it->u.insn.lens = GL_L16;
    if (k < 0)
        return;
    if (shift) {
        c->pend[c->npend - 1].ib_shift = shift;
        it->u.insn.imm = as_expr_num(c, (k * 8 - shift), loc);
        simple(c, GL_OP_IBJ, 0, 0, 0, -shift, loc, "call");
    }
    if (k * 8 - shift >= 64 * 8) /* the prediction failed: never wrong code */
        as_error(c, loc, "call vector for `%s` is constant %ld of the immediate block of "
                         "`%s`, out of reach of a 16-bit call", t->name, k, f->name);
}

static void p_ret(as_ctx *c, as_args *a, as_loc loc)
{
    as_func *f;
    if (a && a->n > 1) {
        as_error(c, loc, "`ret` takes at most one symbol");
        return;
    }
    if (!need_func(c, "ret", loc, &f))
        return;
    as_sym *F = as_func_self_entry(c, f);
    if (a && a->n == 1) {
        F = target_sym(c, a, 0, "ret");
        if (!F)
            return;
    }
    as_item *it = new_insn(c, GL_OP_LJTL, loc, "ret");
    it->u.insn.rc = 7;
    /* (F - R + 2, 0): back to the caller's C + 2 with its ib */
    as_expr *pc = as_expr_bin(c, '+',
                              as_expr_bin(c, '-', as_expr_sym(c, F, loc), loc_of(c, it, loc), loc),
                              as_expr_num(c, 2, loc), loc);
    long k = as_pool_add(c, f, 8, 2, pc, as_expr_num(c, 0, loc), (as_where){c->cur, it}, loc);
    it->u.insn.imm = as_expr_num(c, k < 0 ? 0 : k * 8, loc);
}

static void simple(as_ctx *c, unsigned op, int rc, int rb, int ra, int64_t imm, as_loc loc,
                   const char *text)
{
    as_item *it = new_insn(c, op, loc, text);
    it->u.insn.rc = (uint8_t)rc;
    it->u.insn.rb = (uint8_t)rb;
    it->u.insn.ra = (uint8_t)ra;
    it->u.insn.imm = as_expr_num(c, imm, loc);
}

static void p_tail(as_ctx *c, as_args *a, as_loc loc)
{
    as_func *f;
    if (!a || a->n != 1) {
        as_error(c, loc, "`tail` expects one symbol");
        return;
    }
    as_sym *t = target_sym(c, a, 0, "tail");
    if (!t || !need_func(c, "tail", loc, &f))
        return;
    as_expr *dpc = as_expr_bin(c, '-', as_expr_sym(c, t, loc), as_expr_sym(c, as_func_self_entry(c, f), loc), loc);
    for (unsigned k = 0; k < GL_TAIL_STEPS; k++) { /* lib/tailcall.c */
        const gl_tail_step *s = &gl_tail_seq[k];
        switch (s->role) {
        case GL_TAIL_PLAIN:
            simple(c, s->op, s->rc, s->rb, s->ra, s->imm, loc, "tail");
            break;
        case GL_TAIL_DPC:
            pooled(c, f, s->op, s->rc, 4, 1, dpc, NULL, loc, "tail", NULL);
            break;
        case GL_TAIL_DIB: {
            /* D.ib = block(t) - block(f): filled in when t is known */
            as_item *it = new_insn(c, s->op, loc, "tail");
            it->u.insn.rc = s->rc;
            as_expr *placeholder = as_expr_sym(c, as_sym_at(c, c->cur, it), loc);
            long k2 = as_pool_add(c, f, 4, 1, placeholder, NULL, (as_where){c->cur, it}, loc);
            add_pending(c, f, k2, 4, 0, t, loc);
            it->u.insn.imm = as_expr_num(c, k2 < 0 ? 0 : k2 * 4, loc);
            break;
        }
        case GL_TAIL_JUMP:
            vector_insn(c, f, s->op, s->rc, t, loc, "tail", NULL);
            break;
        }
    }
}

/* compare.i64 / logic.i64 / link.i64: the spec's generic spellings.  A
 * function code is a number or, for compare and logic, the name of the op
 * of that major opcode (gl_op_fun_name: "ltu" for cmp.ltu.i64). */
static int fun3_of(as_ctx *c, const as_arg *a, int named, unsigned major)
{
    if (a->kind == ARG_EXPR && a->e->kind == EX_SYM && named) {
        for (unsigned op = 0; op < GL_OP_COUNT; op++) {
            const gl_opinfo *oi = gl_opinfo_get(op);
            size_t n;
            const char *name = gl_op_fun_name(op, &n);
            if (oi->major == major && oi->minor == 0 && oi->fix == GL_FIX_IMM &&
                strlen(a->e->sym->name) == n && memcmp(a->e->sym->name, name, n) == 0)
                return oi->fixval;
        }
    }
    int64_t v;
    if (a->kind == ARG_EXPR && as_eval_abs(c, a->e, (as_where){0, 0}, &v, 1) == 0 && v >= 0 &&
        v <= 7)
        return (int)v;
    as_error(c, a->loc, "expected a function code 0-7%s", named ? " or its name" : "");
    return -1;
}

static int generic(as_ctx *c, const char *base, size_t bn, unsigned lens, as_args *a,
                   as_loc loc, const char *mn)
{
    int is_cmp = bn == 11 && memcmp(base, "compare.i64", 11) == 0;
    int is_logic = bn == 9 && memcmp(base, "logic.i64", 9) == 0;
    int is_link = bn == 8 && memcmp(base, "link.i64", 8) == 0;
    if (!is_cmp && !is_logic && !is_link)
        return 0;
    if (is_link) {
        if (!a || a->n != 2 || a->v[1].kind != ARG_IB || a->v[1].ibsize != 8) {
            as_error(c, loc, "`link.i64` expects fun3, ib64(n)");
            return 1;
        }
        unsigned link_major = gl_opinfo_get(GL_OP_LJ)->major;
        int f3 = fun3_of(c, &a->v[0], 0, link_major);
        if (f3 < 0)
            return 1;
        as_args b = *a;
        as_arg v[2] = {a->v[0], a->v[1]};
        v[0].e = as_expr_sym(c, as_sym_get(c, f3 & 1 ? "ra" : "t0", 2), a->v[0].loc);
        b.v = v;
        /* rc's bit 0 is the link register, the rest the function */
        int op = gl_op_by_fun(link_major, 0, (unsigned)f3 & 6);
        if (op >= 0)
            match(c, (unsigned)op, &b, lens, loc, mn);
        return 1;
    }
    if (!a || a->n != 3 || !is_reg(&a->v[0]) || !is_reg(&a->v[1])) {
        as_error(c, loc, "`%.*s` expects rc, rb, function", (int)bn, base);
        return 1;
    }
    unsigned major = gl_opinfo_get(is_cmp ? GL_OP_CMP_LT : GL_OP_MOV)->major;
    int f3 = fun3_of(c, &a->v[2], 1, major);
    if (f3 < 0)
        return 1;
    as_args b = *a;
    b.n = 2;
    int op = gl_op_by_fun(major, 0, (unsigned)f3);
    if (op < 0)
        as_error(c, loc, "`%.*s`: no function code %d", (int)bn, base, f3);
    else
        match(c, (unsigned)op, &b, lens, loc, mn);
    return 1;
}

/* cmp.gt/le/gtu/leu: lt/ge/ltu/geu with the operands swapped */
static int swapped_cmp(as_ctx *c, const char *base, size_t bn, unsigned lens, as_args *a,
                       as_loc loc, const char *mn)
{
    static const struct { const char *name; unsigned op; } tab[] = {
        {"cmp.gt.i64", GL_OP_CMP_LT}, {"cmp.le.i64", GL_OP_CMP_GE},
        {"cmp.gtu.i64", GL_OP_CMP_LTU}, {"cmp.leu.i64", GL_OP_CMP_GEU}};
    for (size_t i = 0; i < 4; i++) {
        if (strlen(tab[i].name) != bn || memcmp(tab[i].name, base, bn))
            continue;
        if (!a || a->n != 2 || !is_reg(&a->v[0]) || !is_reg(&a->v[1])) {
            as_error(c, loc, "`%s` expects rc, rb", mn);
            return 1;
        }
        as_arg v[2] = {a->v[1], a->v[0]};
        as_args b = *a;
        b.v = v;
        match(c, tab[i].op, &b, lens, loc, mn);
        return 1;
    }
    return 0;
}

void as_insn(as_ctx *c, const char *mn, as_args *a, as_loc loc)
{
    if (strchr(mn, '.')) /* no pseudo-instruction has a dot */
        goto machine;
    if (strcmp(mn, "li") == 0) { p_li(c, a, loc); return; }
    if (strcmp(mn, "la") == 0) { p_la(c, a, loc); return; }
    if (strcmp(mn, "call") == 0) { p_call(c, a, loc); return; }
    if (strcmp(mn, "ret") == 0) { p_ret(c, a, loc); return; }
    if (strcmp(mn, "tail") == 0) { p_tail(c, a, loc); return; }
    if (strcmp(mn, "nop") == 0) {
        if (a && a->n) {
            as_error(c, loc, "`nop` takes no operands");
            return;
        }
        if (!c->cur->code) {
            as_error(c, loc, "instruction `nop` in section `%s`, which is not a code section",
                     c->cur->name);
            return;
        }
        as_func_current(c, loc);
        simple(c, gl_nop.op, gl_nop.rc, gl_nop.rb, gl_nop.ra, gl_nop.imm, loc, "nop");
        c->cur->last->u.insn.lens = gl_nop.len == 2 ? GL_L16 : gl_nop.len == 4 ? GL_L32 : GL_L64;
        return;
    }
machine:;
    size_t bn;
    unsigned lens = suffix_lens(mn, &bn);
    unsigned ops[8];
    int nops = find_ops(c, mn, bn, ops, 8);
    size_t base_n = bn; /* without a length suffix */
    if (!nops && bn != strlen(mn)) {
        /* a mnemonic that itself ends in .n/.w/.x? (none today) */
        bn = strlen(mn);
        lens = GL_L16 | GL_L32 | GL_L64;
        nops = find_ops(c, mn, bn, ops, 8);
    }
    if (!nops) {
        if (generic(c, mn, bn, lens, a, loc, mn) || swapped_cmp(c, mn, bn, lens, a, loc, mn))
            return;
        char hint[200];
        type_suffix_hint(mn, base_n, hint, sizeof hint);
        as_error(c, loc, "unknown instruction `%s`%s", mn, hint);
        return;
    }
    for (int i = 0; i < nops; i++) {
        int r = match(c, ops[i], a, lens, loc, mn);
        if (r != MATCH_NO)
            return;
    }
    if (nops == 1)
        as_error(c, loc, "invalid operands for `%s`: expected %s", mn,
                 syn_help[gl_opinfo_get(ops[0])->syntax]);
    else
        as_error(c, loc, "invalid operands for `%s`: expected %s or %s", mn,
                 syn_help[gl_opinfo_get(ops[0])->syntax], syn_help[gl_opinfo_get(ops[1])->syntax]);
}

/* ---- end of input: far jumps and vector ib lanes ------------------------- */

static as_sym *resolve_alias(as_sym *s)
{
    for (int i = 0; i < 16 && s->kind == SYM_EQU && s->equ && s->equ->kind == EX_SYM; i++)
        s = s->equ->sym;
    return s;
}

/* The block name of undefined function t (t.const or its .globl second
 * name); NULL when !create and the object never names it.  A weak
 * reference to a function is a weak reference to its block: both are 0
 * when nothing defines them (docs/asm.md). */
static as_sym *undef_block(as_ctx *c, as_sym *t, int create)
{
    as_sym *b;
    if (t->const_name) {
        b = create ? as_sym_get(c, t->const_name, strlen(t->const_name))
                   : as_sym_find(c, t->const_name);
    } else {
        size_t n = strlen(t->name);
        char *name = as_alloc(c, n + 8);
        memcpy(name, t->name, n);
        memcpy(name + n, GL_CONST_SUFFIX, sizeof GL_CONST_SUFFIX);
        b = create ? as_sym_get(c, name, n + sizeof GL_CONST_SUFFIX - 1) : as_sym_find(c, name);
    }
    if (b && t->weak && b->kind == SYM_UNDEF)
        b->weak = b->global = 1;
    return b;
}

/* The immediate block that goes with code symbol t. */
static as_sym *block_of(as_ctx *c, as_sym *t, as_loc loc)
{
    t = resolve_alias(t);
    if (t->entry_of)
        return t->entry_of->block;
    if (t->kind == SYM_LABEL) {
        if (t->sec->code && t->func)
            return t->func->block;
        as_error(c, loc, "`%s` is not in a code section: it has no immediate block", t->name);
        return NULL;
    }
    if (t->kind == SYM_UNDEF)
        return undef_block(c, t, 1);
    as_error(c, loc, "`%s` is not a code label", t->name);
    return NULL;
}

/* Turn a short j into the far form: j.i64 ib64(k) with the vector
 * (t - J, block(t) - block(f)). */
static void make_far(as_ctx *c, as_section *s, as_item *it, as_sym *t)
{
    as_func *f = it->u.insn.func;
    as_sym *b = block_of(c, t, it->loc);
    if (!f || !b)
        return;
    as_section *saved = c->cur;
    c->cur = s;
    it->u.insn.op = GL_OP_LJ;
    it->u.insn.rc = 6;
    it->u.insn.lens = GL_L16 | GL_L32;
    it->u.insn.len = 2; /* a new form: relaxation starts short again */
    it->u.insn.pcrel = 0;
    it->u.insn.branch = 0;
    it->u.insn.text = "j";
    it->u.insn.numimm = 0;
    as_expr *pc = as_expr_bin(c, '-', as_expr_sym(c, t, it->loc),
                              as_expr_sym(c, as_sym_at(c, s, it), it->loc), it->loc);
    as_expr *ib = as_expr_bin(c, '-', as_expr_sym(c, b, it->loc),
                              as_expr_sym(c, as_func_self_block(c, f), it->loc), it->loc);
    long k = as_pool_add(c, f, 8, 2, pc, ib, (as_where){s, it}, it->loc);
    it->u.insn.imm = as_expr_num(c, k < 0 ? 0 : k * 8, it->loc);
    c->cur = saved;
}

void as_insn_classify(as_ctx *c)
{
    /* short j/b to labels in this function stay pc-relative */
    for (as_section *s = c->sections; s; s = s->next) {
        if (!s->code || !s->nbranch)
            continue;
        for (as_item *it = s->first; it; it = it->next) {
            if (it->kind != IT_INSN || !it->u.insn.branch)
                continue;
            as_sym *t = resolve_alias(it->u.insn.imm->sym);
            if (t->kind == SYM_LABEL && t->sec == s && t->func == it->u.insn.func)
                continue;
            if (t->kind == SYM_UNDEF && strchr(t->name, '\002'))
                continue; /* undefined local label: reported already */
            if (it->u.insn.op == GL_OP_B) {
                as_error(c, it->loc, "conditional branch to `%s`, which is %s: `b` only "
                                     "reaches labels of its own function (it keeps ib); "
                                     "invert the condition around a `j`",
                         t->name, t->kind != SYM_LABEL ? "not defined here"
                                  : t->sec != s ? "in another section" : "in another function");
                continue;
            }
            /* j sets pc and ib but not ra: the callee's `ret` (relative to its
             * own entry) would not get back to our caller */
            if ((t->entry_of || t->kind == SYM_UNDEF) && !t->internal)
                as_warning(c, it->loc, "`j %s` jumps to %s function `%s` without setting "
                                       "`ra`, so its `ret` will not return to this "
                                       "function's caller; use `tail %s`",
                           t->name, t->kind == SYM_UNDEF ? "the undefined (external)" : "the",
                           t->name, t->name);
            make_far(c, s, it, t); /* j: through link, with a vector constant */
        }
    }
    /* ib lanes: block(target) - block(function) */
    for (size_t i = 0; i < c->npend; i++) {
        as_pending *p = &c->pend[i];
        as_sym *t = resolve_alias(p->target);
        if (p->lane == 1 && t->kind == SYM_LABEL && t->sec->code && !t->entry_of) {
            /* its `ret` would be relative to another entry: wrong code */
            if (strchr(t->name, '\002')) /* "1\0023": instance 3 of `1:` */
                as_error(c, p->loc, "local label `%.*s` is inside function `%s`, not a "
                                    "function entry: call a named function",
                         (int)strcspn(t->name, "\002"), t->name,
                         t->func ? t->func->name : "?");
            else
                as_error(c, p->loc, "`%s` is a label inside function `%s`, not a function "
                                    "entry; declare it with `.type %s, @function` (or .globl) "
                                    "before the label",
                         t->name, t->func ? t->func->name : "?", t->name);
        }
        as_sym *b = block_of(c, p->target, p->loc);
        as_pent *e = &p->f->ents[p->ent];
        e->isnum[p->lane] = 0; /* the lane becomes an expression */
        if (!b) {
            e->e[p->lane] = as_expr_num(c, 0, p->loc);
            continue;
        }
        e->e[p->lane] = as_expr_bin(c, '-', as_expr_sym(c, b, p->loc),
                                    as_expr_sym(c, as_func_self_block(c, p->f), p->loc),
                                    p->loc);
        if (p->ib_shift)
            e->e[p->lane] = as_expr_bin(c, '-', e->e[p->lane],
                                        as_expr_num(c, p->ib_shift, p->loc), p->loc);
    }
    /* `.quad f, f.const` descriptors of a weak f: f.const is weak too */
    for (size_t i = 0; i < c->hashsize; i++)
        for (as_sym *s = c->hash[i]; s; s = s->hnext)
            if (s->kind == SYM_UNDEF && s->weak && !s->internal)
                undef_block(c, s, 0);
}

int as_insn_far_jumps(as_ctx *c)
{
    int n = 0;
    int64_t lo, hi, al;
    gl_imm_range(GL_OP_J, 4, &lo, &hi, &al);
    for (as_section *s = c->sections; s && c->njumps; s = s->next) {
        for (as_item *it = s->first; s->nbranch && it; it = it->next) {
            if (it->kind != IT_INSN || !it->u.insn.branch || it->u.insn.op != GL_OP_J)
                continue;
            as_sym *t = resolve_alias(it->u.insn.imm->sym);
            if (t->kind != SYM_LABEL || t->sec != s)
                continue;
            int64_t d = (int64_t)as_sym_value(t) - (int64_t)it->off;
            if (d >= lo && d <= hi)
                continue;
            make_far(c, s, it, t);
            n++;
        }
    }
    return n;
}
