/*
 * source.c - where lines come from.
 *
 * A stack of frames: source files, macro expansions and .rept/.irp
 * bodies.  Each line is first looked at textually for the directives
 * that work on lines rather than statements (.include, .macro/.endm,
 * .rept/.irp/.endr, .if/.else/.endif, .end) and for macro calls;
 * everything else goes to the parser.  Conditionals and recording
 * therefore nest properly even inside skipped text, as in GNU as.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "as.h"

#define MAX_DEPTH 64

enum { FR_FILE, FR_LINES };

struct as_frame {
    as_frame *up;
    int kind;
    /* FR_FILE */
    FILE *fp;        /* NULL once read to the end */
    char *buf;       /* buf[pos..len): read, not yet handed out */
    size_t len, pos, cap;
    const char *path;
    int line;
    /* FR_LINES: body lines, replayed reps times */
    char **lines;
    size_t *lens;
    as_loc *locs;
    size_t nlines, cur;
    long reps;
    const char *what;  /* "macro `m`" / ".rept" for notes */
    as_loc call;
    int conds_at_entry;
};

struct as_cond {
    as_loc loc;
    uint8_t active;  /* lines in the current branch are assembled */
    uint8_t taken;   /* some branch was taken already */
    uint8_t outer;   /* the enclosing level was active */
    uint8_t in_else;
};

struct as_macro {
    as_macro *next;
    char *name;
    char **params, **defaults;
    int nparams;
    char **lines;
    size_t *lens;
    as_loc *locs;
    size_t nlines;
    as_loc loc;
};

enum { REC_MACRO, REC_REPT, REC_IRP };

typedef struct as_rec as_rec;
struct as_rec {
    int kind, nest;
    as_loc loc;
    as_macro *m;      /* REC_MACRO */
    long count;       /* REC_REPT */
    char *irp_param;  /* REC_IRP */
    char **irp_vals;
    int nirp;
    char **lines;
    size_t *lens;
    as_loc *locs;
    size_t nlines, cap;
};

/* ---- small text helpers ------------------------------------------------ */

static inline int is_idch(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '$';
}

static const char *skip_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

/* The first word of a line (lowercase compare is not needed: GNU as
 * directives are case-insensitive, ours are lowercase). */
static size_t first_word(const char *s, size_t n, const char **w)
{
    const char *p = skip_ws(s, s + n), *e = s + n;
    *w = p;
    const char *q = p;
    while (q < e && is_idch((unsigned char)*q))
        q++;
    return (size_t)(q - p);
}

static int word_is(const char *w, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

/* Trim and copy. */
static char *trimdup(as_ctx *c, const char *p, const char *e)
{
    p = skip_ws(p, e);
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    return as_strndup(c, p, (size_t)(e - p));
}

/* Split at top-level commas (quotes and parentheses respected).  A
 * comment ends the list. */
static int split_args(as_ctx *c, const char *p, const char *e, char ***out)
{
    char **v = NULL;
    int n = 0, cap = 0;
    p = skip_ws(p, e);
    if (p == e || *p == '#') {
        *out = NULL;
        return 0;
    }
    const char *start = p;
    int depth = 0, q = 0;
    for (;; p++) {
        int end = p == e || (!q && !depth && *p == '#');
        if (end || (!q && !depth && *p == ',')) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                char **nv = as_alloc(c, (size_t)cap * sizeof *nv);
                if (n)
                    memcpy(nv, v, (size_t)n * sizeof *nv);
                v = nv;
            }
            v[n++] = trimdup(c, start, p);
            if (end)
                break;
            start = p + 1;
            continue;
        }
        if (q) {
            if (*p == '\\' && p + 1 < e)
                p++;
            else if (*p == '"')
                q = 0;
        } else if (*p == '"') {
            q = 1;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && depth) {
            depth--;
        }
    }
    *out = v;
    return n;
}

/* ---- frames ------------------------------------------------------------ */

static void push_frame(as_ctx *c, as_frame *f)
{
    f->up = c->frame;
    f->conds_at_entry = c->nconds;
    c->frame = f;
    c->depth++;
}

static void pop_frame(as_ctx *c)
{
    as_frame *f = c->frame;
    c->frame = f->up;
    c->depth--;
    if (f->kind == FR_FILE) {
        if (f->fp && f->fp != stdin)
            fclose(f->fp);
        free(f->buf);
    }
    free(f);
}

/* A file is read in blocks, not whole: memory stays that of the longest
 * line, however long the file.  Lines are handed out in place and are
 * valid until the next line of the frame is asked for. */
#define READ_BLOCK 65536

/* More of the file after f->pos; 0 at the end (or after a read error). */
static int refill(as_ctx *c, as_frame *f)
{
    if (!f->fp)
        return 0;
    if (f->pos) {
        memmove(f->buf, f->buf + f->pos, f->len - f->pos);
        f->len -= f->pos;
        f->pos = 0;
    }
    if (f->cap - f->len < READ_BLOCK) {
        f->cap = f->len + 2 * READ_BLOCK;
        f->buf = as_xrealloc(f->buf, f->cap);
    }
    size_t k = fread(f->buf + f->len, 1, f->cap - f->len, f->fp);
    f->len += k;
    if (k == 0) {
        if (ferror(f->fp))
            as_fatal(c, "cannot read `%s`: %s", f->path, strerror(errno));
        if (f->fp != stdin)
            fclose(f->fp);
        f->fp = NULL;
        return 0;
    }
    return 1;
}

static int push_file(as_ctx *c, const char *path, const char *shown, as_loc from)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        int e = errno;
        if (from.file)
            as_error(c, from, "cannot open `%s`: %s", shown, strerror(e));
        else
            as_fatal(c, "cannot open `%s`: %s", shown, strerror(e));
        return -1;
    }
    as_dep_add(c, path);
    as_frame *f = as_xrealloc(NULL, sizeof *f);
    memset(f, 0, sizeof *f);
    f->kind = FR_FILE;
    f->fp = fp;
    /* the first block now: a file that cannot be read is an error where
     * it is included */
    f->cap = READ_BLOCK;
    f->buf = as_xrealloc(NULL, f->cap);
    f->len = fread(f->buf, 1, f->cap, fp);
    if (ferror(fp)) {
        int e = errno;
        if (fp != stdin)
            fclose(fp);
        free(f->buf);
        free(f);
        as_error(c, from, "cannot read `%s`: %s", shown, strerror(e));
        return -1;
    }
    f->path = as_strdup(c, strcmp(path, "-") == 0 ? "<stdin>" : shown);
    push_frame(c, f);
    return 0;
}

/* Next line of the top frame; 0 when it is exhausted. */
static int next_line(as_ctx *c, const char **s, size_t *n, as_loc *loc)
{
    as_frame *f = c->frame;
    if (f->kind == FR_FILE) {
        const char *nl;
        while (!(nl = memchr(f->buf + f->pos, '\n', f->len - f->pos)) && refill(c, f))
            ;
        if (f->pos >= f->len)
            return 0;
        const char *p = f->buf + f->pos, *e = f->buf + f->len;
        size_t k = nl ? (size_t)(nl - p) : (size_t)(e - p);
        f->pos += k + (nl ? 1 : 0);
        f->line++;
        *s = p;
        *n = k;
        loc->file = f->path;
        loc->line = f->line;
        loc->col = 0;
        return 1;
    }
    if (f->cur == f->nlines) {
        if (--f->reps <= 0)
            return 0;
        f->cur = 0;
        if (!f->nlines)
            return 0;
    }
    *s = f->lines[f->cur];
    *n = f->lens[f->cur];
    *loc = f->locs[f->cur];
    f->cur++;
    return 1;
}

/* ---- recording .macro / .rept / .irp bodies ---------------------------- */

static void rec_line(as_rec *r, const char *s, size_t n, as_loc loc, as_ctx *c)
{
    if (r->nlines == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->lines = as_xrealloc(r->lines, r->cap * sizeof *r->lines);
        r->lens = as_xrealloc(r->lens, r->cap * sizeof *r->lens);
        r->locs = as_xrealloc(r->locs, r->cap * sizeof *r->locs);
    }
    r->lines[r->nlines] = as_strndup(c, s, n);
    r->lens[r->nlines] = n;
    r->locs[r->nlines] = loc;
    r->nlines++;
}

static void rec_free(as_rec *r)
{
    free(r->lines);
    free(r->lens);
    free(r->locs);
    free(r);
}

/* Replace \name (params), \@ and \() in one line. */
static char *substitute(as_ctx *c, const char *s, size_t n, char **names,
                        char **vals, int nparams, long counter, size_t *outn)
{
    size_t cap = n + 64, k = 0;
    char *o = as_xrealloc(NULL, cap);
    for (size_t i = 0; i < n;) {
        const char *rep = NULL;
        size_t skip = 0;
        char num[32];
        if (s[i] == '\\' && i + 1 < n) {
            if (s[i + 1] == '@') {
                snprintf(num, sizeof num, "%ld", counter);
                rep = num;
                skip = 2;
            } else if (s[i + 1] == '(' && i + 2 < n && s[i + 2] == ')') {
                rep = "";
                skip = 3;
            } else {
                size_t j = i + 1;
                while (j < n && is_idch((unsigned char)s[j]) && s[j] != '.')
                    j++;
                for (int p = 0; p < nparams; p++) {
                    if (strlen(names[p]) == j - i - 1 &&
                        memcmp(names[p], s + i + 1, j - i - 1) == 0) {
                        rep = vals[p];
                        skip = j - i;
                        break;
                    }
                }
            }
        }
        if (!rep) {
            rep = s + i;
            skip = 1;
            if (k + 1 >= cap)
                o = as_xrealloc(o, cap *= 2);
            o[k++] = *rep;
            i++;
            continue;
        }
        size_t rl = strlen(rep);
        while (k + rl + 1 >= cap)
            o = as_xrealloc(o, cap *= 2);
        memcpy(o + k, rep, rl);
        k += rl;
        i += skip;
    }
    char *r = as_strndup(c, o, k);
    free(o);
    *outn = k;
    return r;
}

static void push_lines(as_ctx *c, char **lines, size_t *lens, as_loc *locs,
                       size_t n, long reps, const char *what, as_loc call)
{
    as_frame *f = as_xrealloc(NULL, sizeof *f);
    memset(f, 0, sizeof *f);
    f->kind = FR_LINES;
    f->lines = lines;
    f->lens = lens;
    f->locs = locs;
    f->nlines = n;
    f->reps = reps;
    f->what = what;
    f->call = call;
    push_frame(c, f);
}

/* Too deep: finish every open expansion (the line loop pops them), so a
 * recursion that branches ends at once instead of after 2^depth errors. */
static void unwind_expansions(as_ctx *c)
{
    for (as_frame *f = c->frame; f && f->kind == FR_LINES; f = f->up) {
        f->cur = f->nlines;
        f->reps = 0;
    }
}

static void rec_finish(as_ctx *c, as_loc loc)
{
    as_rec *r = c->rec;
    c->rec = NULL;
    if (r->kind == REC_MACRO) {
        as_macro *m = r->m;
        m->nlines = r->nlines;
        m->lines = as_alloc(c, (r->nlines + 1) * sizeof *m->lines);
        m->lens = as_alloc(c, (r->nlines + 1) * sizeof *m->lens);
        m->locs = as_alloc(c, (r->nlines + 1) * sizeof *m->locs);
        if (r->nlines) {
            memcpy(m->lines, r->lines, r->nlines * sizeof *m->lines);
            memcpy(m->lens, r->lens, r->nlines * sizeof *m->lens);
            memcpy(m->locs, r->locs, r->nlines * sizeof *m->locs);
        }
        m->next = c->macros;
        c->macros = m;
    } else if (c->depth >= MAX_DEPTH) {
        as_error(c, r->loc, "repetitions nested more than %d deep (recursive macro?)", MAX_DEPTH);
        unwind_expansions(c);
    } else if (r->kind == REC_REPT) {
        if (r->count > 0 && r->nlines) {
            char **lines = as_alloc(c, r->nlines * sizeof *lines);
            size_t *lens = as_alloc(c, r->nlines * sizeof *lens);
            as_loc *locs = as_alloc(c, r->nlines * sizeof *locs);
            memcpy(lines, r->lines, r->nlines * sizeof *lines);
            memcpy(lens, r->lens, r->nlines * sizeof *lens);
            memcpy(locs, r->locs, r->nlines * sizeof *locs);
            push_lines(c, lines, lens, locs, r->nlines, r->count, ".rept", r->loc);
        }
    } else {
        /* .irp: one copy per value, substituted now */
        size_t total = r->nlines * (size_t)r->nirp;
        if (total) {
            char **lines = as_alloc(c, total * sizeof *lines);
            size_t *lens = as_alloc(c, total * sizeof *lens);
            as_loc *locs = as_alloc(c, total * sizeof *locs);
            size_t k = 0;
            for (int v = 0; v < r->nirp; v++)
                for (size_t i = 0; i < r->nlines; i++, k++) {
                    lines[k] = substitute(c, r->lines[i], r->lens[i], &r->irp_param,
                                          &r->irp_vals[v], 1, c->expansions, &lens[k]);
                    locs[k] = r->locs[i];
                }
            c->expansions++;
            push_lines(c, lines, lens, locs, total, 1, ".irp", r->loc);
        }
    }
    (void)loc;
    rec_free(r);
}

/* ---- conditionals ------------------------------------------------------ */

static int cond_active(const as_ctx *c)
{
    return c->nconds == 0 || c->conds[c->nconds - 1].active;
}

static void cond_push(as_ctx *c, as_loc loc, int value)
{
    if (c->nconds == c->capconds) {
        c->capconds = c->capconds ? c->capconds * 2 : 16;
        c->conds = as_xrealloc(c->conds, (size_t)c->capconds * sizeof *c->conds);
    }
    int outer = cond_active(c);
    struct as_cond *k = &c->conds[c->nconds++];
    k->loc = loc;
    k->outer = (uint8_t)outer;
    k->active = (uint8_t)(outer && value);
    k->taken = (uint8_t)value;
    k->in_else = 0;
}

/* Value of the condition of an .if-family directive. */
static int cond_eval(as_ctx *c, const char *w, size_t wn, const char *rest,
                     size_t rn, as_loc loc)
{
    if (word_is(w, wn, ".ifdef") || word_is(w, wn, ".ifndef")) {
        const char *p = skip_ws(rest, rest + rn), *q = p;
        while (q < rest + rn && is_idch((unsigned char)*q))
            q++;
        if (q == p) {
            as_error(c, loc, "`%.*s` needs a symbol name", (int)wn, w);
            return 0;
        }
        char *name = as_strndup(c, p, (size_t)(q - p));
        as_sym *s = as_sym_find(c, name);
        int def = s && s->kind != SYM_UNDEF;
        return word_is(w, wn, ".ifdef") ? def : !def;
    }
    if (word_is(w, wn, ".ifc") || word_is(w, wn, ".ifnc")) {
        char **v;
        int n = split_args(c, rest, rest + rn, &v);
        if (n != 2) {
            as_error(c, loc, "`%.*s` needs two strings", (int)wn, w);
            return 0;
        }
        int eq = strcmp(v[0], v[1]) == 0;
        return word_is(w, wn, ".ifc") ? eq : !eq;
    }
    as_expr *e;
    int64_t v = 0;
    as_loc el = loc; /* columns of the expression count from the line start */
    el.col = loc.col + (int)wn;
    if (as_parse_line(c, rest, rn, el, 2, &e) || !e)
        return 0;
    if (as_eval_abs(c, e, (as_where){0, 0}, &v, 0))
        return 0;
    if (word_is(w, wn, ".ifeq"))
        return v == 0;
    if (word_is(w, wn, ".ifne"))
        return v != 0;
    if (word_is(w, wn, ".ifgt"))
        return v > 0;
    if (word_is(w, wn, ".ifge"))
        return v >= 0;
    if (word_is(w, wn, ".iflt"))
        return v < 0;
    if (word_is(w, wn, ".ifle"))
        return v <= 0;
    return v != 0;
}

static int is_if(const char *w, size_t n)
{
    static const char *const ifs[] = {".if", ".ifdef", ".ifndef", ".ifeq", ".ifne", ".ifgt",
                                      ".ifge", ".iflt", ".ifle", ".ifc", ".ifnc"};
    for (size_t i = 0; i < sizeof ifs / sizeof ifs[0]; i++)
        if (word_is(w, n, ifs[i]))
            return 1;
    return 0;
}

/* Handle .if/.elseif/.else/.endif; 1 if the line was one of them. */
static int conditional(as_ctx *c, const char *w, size_t wn, const char *rest,
                       size_t rn, as_loc loc)
{
    if (is_if(w, wn)) {
        int v = cond_active(c) ? cond_eval(c, w, wn, rest, rn, loc) : 0;
        cond_push(c, loc, v);
        return 1;
    }
    int is_else = word_is(w, wn, ".else"), is_elseif = word_is(w, wn, ".elseif");
    if (is_else || is_elseif) {
        if (c->nconds <= c->frame->conds_at_entry) {
            as_error(c, loc, "`%.*s` without `.if`", (int)wn, w);
            return 1;
        }
        struct as_cond *k = &c->conds[c->nconds - 1];
        if (k->in_else) {
            as_error(c, loc, "`%.*s` after `.else`", (int)wn, w);
            return 1;
        }
        if (is_else) {
            k->in_else = 1;
            k->active = (uint8_t)(k->outer && !k->taken);
            k->taken = 1;
        } else {
            int v = k->outer && !k->taken ? cond_eval(c, w, wn, rest, rn, loc) : 0;
            k->active = (uint8_t)(k->outer && !k->taken && v);
            if (v)
                k->taken = 1;
        }
        return 1;
    }
    if (word_is(w, wn, ".endif")) {
        if (c->nconds <= c->frame->conds_at_entry)
            as_error(c, loc, "`.endif` without `.if`");
        else
            c->nconds--;
        return 1;
    }
    return 0;
}

/* ---- macros ------------------------------------------------------------ */

static as_macro *find_macro(as_ctx *c, const char *w, size_t n)
{
    for (as_macro *m = c->macros; m; m = m->next)
        if (word_is(w, n, m->name))
            return m;
    return NULL;
}

static void define_macro(as_ctx *c, const char *rest, size_t rn, as_loc loc)
{
    const char *p = skip_ws(rest, rest + rn), *e = rest + rn, *q = p;
    while (q < e && is_idch((unsigned char)*q))
        q++;
    as_macro *m = as_alloc(c, sizeof *m);
    m->loc = loc;
    if (q == p) {
        as_error(c, loc, "`.macro` needs a name");
        m->name = as_strdup(c, "");
    } else {
        m->name = as_strndup(c, p, (size_t)(q - p));
        if (find_macro(c, p, (size_t)(q - p)))
            as_error(c, loc, "macro `%s` is already defined", m->name);
    }
    /* parameters: separated by commas or blanks, each name[=default] */
    char **v;
    int n = split_args(c, q, e, &v);
    int cap = 0;
    for (int i = 0; i < n; i++) {
        const char *s = v[i];
        while (*s) {
            while (*s == ' ' || *s == '\t')
                s++;
            const char *b = s;
            while (*s && *s != ' ' && *s != '\t')
                s++;
            if (s == b)
                break;
            if (m->nparams == cap) {
                cap = cap ? cap * 2 : 8;
                char **np = as_alloc(c, (size_t)cap * sizeof *np);
                char **nd = as_alloc(c, (size_t)cap * sizeof *nd);
                if (m->nparams) {
                    memcpy(np, m->params, (size_t)m->nparams * sizeof *np);
                    memcpy(nd, m->defaults, (size_t)m->nparams * sizeof *nd);
                }
                m->params = np;
                m->defaults = nd;
            }
            const char *eq = memchr(b, '=', (size_t)(s - b));
            m->params[m->nparams] = as_strndup(c, b, (size_t)((eq ? eq : s) - b));
            m->defaults[m->nparams] = eq ? as_strndup(c, eq + 1, (size_t)(s - eq - 1)) : (char *)"";
            char *pn = m->params[m->nparams];
            size_t pl = strlen(pn);
            if (pl > 4 && strcmp(pn + pl - 4, ":req") == 0)
                pn[pl - 4] = 0; /* GNU's required-argument marker */
            m->nparams++;
        }
    }
    as_rec *r = as_xrealloc(NULL, sizeof *r);
    memset(r, 0, sizeof *r);
    r->kind = REC_MACRO;
    r->loc = loc;
    r->m = m;
    c->rec = r;
}

static void expand_macro(as_ctx *c, as_macro *m, const char *rest, size_t rn, as_loc loc)
{
    if (c->depth >= MAX_DEPTH) {
        as_error(c, loc, "macro `%s` nested more than %d deep (recursive macro?)", m->name,
                 MAX_DEPTH);
        unwind_expansions(c);
        return;
    }
    char **v;
    int n = split_args(c, rest, rest + rn, &v);
    char **vals = as_alloc(c, ((size_t)m->nparams + 1) * sizeof *vals);
    for (int i = 0; i < m->nparams; i++)
        vals[i] = m->defaults[i];
    int pos = 0;
    for (int i = 0; i < n; i++) {
        const char *eq = strchr(v[i], '=');
        int named = -1;
        if (eq && eq > v[i]) {
            for (int p = 0; p < m->nparams; p++)
                if (strlen(m->params[p]) == (size_t)(eq - v[i]) &&
                    memcmp(m->params[p], v[i], (size_t)(eq - v[i])) == 0)
                    named = p;
        }
        if (named >= 0) {
            vals[named] = as_strdup(c, eq + 1);
        } else if (pos < m->nparams) {
            if (v[i][0])
                vals[pos] = v[i];
            pos++;
        } else {
            as_error(c, loc, "too many arguments for macro `%s` (it takes %d)", m->name,
                     m->nparams);
            return;
        }
    }
    size_t nl = m->nlines;
    char **lines = as_alloc(c, (nl + 1) * sizeof *lines);
    size_t *lens = as_alloc(c, (nl + 1) * sizeof *lens);
    as_loc *locs = as_alloc(c, (nl + 1) * sizeof *locs);
    for (size_t i = 0; i < nl; i++) {
        lines[i] = substitute(c, m->lines[i], m->lens[i], m->params, vals, m->nparams,
                              c->expansions, &lens[i]);
        locs[i] = m->locs[i];
    }
    c->expansions++;
    char *what = as_alloc(c, strlen(m->name) + 16);
    sprintf(what, "macro `%s`", m->name);
    push_lines(c, lines, lens, locs, nl, 1, what, loc);
}

/* ---- the line loop ----------------------------------------------------- */

static void start_rept(as_ctx *c, int irp, const char *rest, size_t rn, as_loc loc,
                       int wn)
{
    as_rec *r = as_xrealloc(NULL, sizeof *r);
    memset(r, 0, sizeof *r);
    r->loc = loc;
    if (irp) {
        r->kind = REC_IRP;
        char **v;
        int n = split_args(c, rest, rest + rn, &v);
        if (n < 1 || !v[0][0]) {
            as_error(c, loc, "`.irp` needs a parameter name");
            n = 0;
        } else {
            r->irp_param = v[0];
            r->irp_vals = v + 1;
            r->nirp = n - 1;
        }
    } else {
        r->kind = REC_REPT;
        as_expr *e;
        int64_t v = 0;
        as_loc el = loc;
        el.col = loc.col + wn;
        if (as_parse_line(c, rest, rn, el, 2, &e) == 0 && e &&
            as_eval_abs(c, e, (as_where){0, 0}, &v, 0) == 0) {
            if (v < 0 || v > 1000000) {
                as_error(c, loc, "`.rept` count %lld out of range 0..1000000", (long long)v);
                v = 0;
            }
        }
        r->count = (long)v;
    }
    c->rec = r;
}

static const char *const line_level[] = {".macro", ".rept", ".irp", ".endm", ".endr",
                                         ".exitm", ".end", ".include"};

/* Words that are handled here, on whole lines, rather than by the parser. */
static int is_line_word(as_ctx *c, const char *w, size_t wn)
{
    if (!wn)
        return 0;
    if (find_macro(c, w, wn) || is_if(w, wn) || word_is(w, wn, ".else") ||
        word_is(w, wn, ".elseif") || word_is(w, wn, ".endif"))
        return 1;
    for (size_t i = 0; i < sizeof line_level / sizeof line_level[0]; i++)
        if (word_is(w, wn, line_level[i]))
            return 1;
    return 0;
}

/* One line: the line-level directives, macro calls, or the parser. */
static void do_line(as_ctx *c, const char *s, size_t n, as_loc loc)
{
    int col0 = 1; /* column of s[0]: text after a comment's end keeps its columns */
    if (c->in_comment) {
        const char *end = NULL;
        for (size_t i = 0; i + 1 < n; i++)
            if (s[i] == '*' && s[i + 1] == '/') {
                end = s + i + 2;
                break;
            }
        if (!end)
            return;
        c->in_comment = 0;
        col0 = (int)(end - s) + 1;
        n -= (size_t)(end - s);
        s = end;
        loc.col = col0;
    }
    const char *w;
    size_t wn = first_word(s, n, &w);
    const char *rest = w + wn;
    size_t rn = n - (size_t)(rest - s);
    as_loc wl = loc;
    wl.col = (int)(w - s) + col0;
    /* `x: push a0`, `1: .rept 4`: labels before a macro call or a line
     * directive (GNU as allows them) are defined first, when the line is
     * assembled at all; the rest of the line is handled as usual */
    const char *p = w, *lab_end = NULL;
    size_t pn = wn;
    while (pn && p + pn < s + n && p[pn] == ':') {
        lab_end = p + pn + 1;
        pn = first_word(lab_end, (size_t)(s + n - lab_end), &p);
    }
    if (lab_end && is_line_word(c, p, pn)) {
        if (!c->rec && cond_active(c))
            as_parse_line(c, s, (size_t)(lab_end - s), loc, 1, NULL);
        w = p;
        wn = pn;
        rest = w + wn;
        rn = n - (size_t)(rest - s);
        wl.col = (int)(w - s) + col0;
    }

    /* the words handled here are all directives (a '.') or macro names:
     * any other line goes straight to the recording or the parser */
    if (!(wn && w[0] == '.') && !c->macros) {
        if (c->rec)
            rec_line(c->rec, s, n, loc, c);
        else if (cond_active(c)) {
            c->cur_list = c->listing ? as_listing_line(c, loc, s, n) : -1;
            as_parse_line(c, s, n, loc, 1, NULL);
            c->cur_list = -1;
        }
        return;
    }
    if (c->rec) {
        as_rec *r = c->rec;
        int opens = r->kind == REC_MACRO ? word_is(w, wn, ".macro")
                                         : word_is(w, wn, ".rept") || word_is(w, wn, ".irp");
        int closes = r->kind == REC_MACRO ? word_is(w, wn, ".endm")
                                          : word_is(w, wn, ".endr");
        if (opens)
            r->nest++;
        if (closes && r->nest-- == 0) {
            rec_finish(c, wl);
            return;
        }
        rec_line(r, s, n, loc, c);
        return;
    }
    int active = cond_active(c);
    if (conditional(c, w, wn, rest, rn, wl)) {
        if (c->listing && active)
            as_listing_line(c, loc, s, n);
        return;
    }
    if (!active)
        return;
    /* lines handled here are listed without bytes; statements below */
    int here = wn && find_macro(c, w, wn) != NULL;
    for (size_t i = 0; i < sizeof line_level / sizeof line_level[0]; i++)
        here |= word_is(w, wn, line_level[i]);
    if (c->listing && here)
        as_listing_line(c, loc, s, n);

    if (word_is(w, wn, ".macro")) {
        define_macro(c, rest, rn, wl);
        return;
    }
    if (word_is(w, wn, ".rept") || word_is(w, wn, ".irp")) {
        start_rept(c, word_is(w, wn, ".irp"), rest, rn, wl, (int)wn);
        return;
    }
    if (word_is(w, wn, ".endm") || word_is(w, wn, ".endr")) {
        as_error(c, wl, "`%.*s` without `%s`", (int)wn, w,
                 word_is(w, wn, ".endm") ? ".macro" : ".rept");
        return;
    }
    if (word_is(w, wn, ".exitm")) {
        if (c->frame->kind == FR_LINES)
            c->frame->cur = c->frame->nlines, c->frame->reps = 0;
        else
            as_error(c, wl, "`.exitm` outside a macro");
        return;
    }
    if (word_is(w, wn, ".end")) {
        as_frame *f = c->frame;
        if (f->kind == FR_FILE) {
            f->pos = f->len;
            if (f->fp && f->fp != stdin)
                fclose(f->fp);
            f->fp = NULL;
        }
        return;
    }
    if (word_is(w, wn, ".include")) {
        const char *p = skip_ws(rest, rest + rn);
        const char *e = rest + rn;
        if (p == e || *p != '"' || !memchr(p + 1, '"', (size_t)(e - p - 1))) {
            as_error(c, wl, "`.include` needs a file name in double quotes");
            return;
        }
        const char *q = memchr(p + 1, '"', (size_t)(e - p - 1));
        char *name = as_strndup(c, p + 1, (size_t)(q - p - 1));
        if (c->depth >= MAX_DEPTH) {
            as_error(c, wl, "`.include` nested more than %d deep (recursive include?)",
                     MAX_DEPTH);
            return;
        }
        /* as given, then beside the including file, then -I dirs */
        char *try = NULL;
        FILE *fp = NULL;
        if (name[0] == '/' || (fp = fopen(name, "rb")) != NULL) {
            try = name;
        } else {
            const char *cur = loc.file;
            const char *slash = cur ? strrchr(cur, '/') : NULL;
            if (slash) {
                try = as_alloc(c, (size_t)(slash - cur) + strlen(name) + 2);
                sprintf(try, "%.*s/%s", (int)(slash - cur), cur, name);
                fp = fopen(try, "rb");
            }
            for (int i = 0; !fp && i < c->nincdirs; i++) {
                try = as_alloc(c, strlen(c->incdirs[i]) + strlen(name) + 2);
                sprintf(try, "%s/%s", c->incdirs[i], name);
                fp = fopen(try, "rb");
            }
            if (!fp)
                try = name;
        }
        if (fp)
            fclose(fp);
        push_file(c, try, try, wl);
        return;
    }
    as_macro *m = find_macro(c, w, wn);
    if (m && wn) {
        expand_macro(c, m, rest, rn, wl);
        return;
    }
    c->cur_list = c->listing ? as_listing_line(c, loc, s, n) : -1;
    as_parse_line(c, s, n, loc, 1, NULL);
    c->cur_list = -1;
}

int as_assemble_file(as_ctx *c, const char *path)
{
    as_loc none = {0, 0, 0};
    if (push_file(c, path, strcmp(path, "-") == 0 ? "<stdin>" : path, none))
        return -1;
    int base = c->depth - 1;
    while (c->depth > base) {
        if (c->errors >= c->max_errors) {
            /* Past the error limit nothing more is shown, and a source
             * that keeps failing inside expansions could otherwise run
             * for hours (macros that grow by a factor at each level). */
            while (c->depth > base)
                pop_frame(c);
            break;
        }
        const char *s;
        size_t n;
        as_loc loc;
        if (!next_line(c, &s, &n, &loc)) {
            as_frame *f = c->frame;
            if (c->rec && f->kind == FR_FILE && (!f->up || c->depth == base + 1)) {
                as_error(c, c->rec->loc, "`%s` without `%s` before the end of the file",
                         c->rec->kind == REC_MACRO ? ".macro" : ".rept",
                         c->rec->kind == REC_MACRO ? ".endm" : ".endr");
                rec_free(c->rec);
                c->rec = NULL;
            }
            while (c->nconds > f->conds_at_entry) {
                if (f->kind == FR_FILE)
                    as_error(c, c->conds[c->nconds - 1].loc, "`.if` without `.endif`");
                c->nconds--;
            }
            pop_frame(c);
            continue;
        }
        as_frame *f = c->frame;
        int before = c->errors;
        do_line(c, s, n, loc);
        if (c->errors > before && f->kind == FR_LINES && f->what) {
            int k = 0;
            for (as_frame *g = f; g && g->kind == FR_LINES && k < 3; g = g->up, k++)
                if (g->what)
                    as_note(c, g->call, "in expansion of %s", g->what);
        }
    }
    if (c->in_comment) {
        as_error(c, c->comment_loc, "unterminated comment (`/*` without `*/`)");
        c->in_comment = 0;
    }
    return 0;
}

int as_parse_expr(as_ctx *c, const char *text, size_t n, as_loc loc, as_expr **out)
{
    return as_parse_line(c, text, n, loc, 2, out);
}

void as_source_free(as_ctx *c)
{
    while (c->frame)
        pop_frame(c);
    if (c->rec) {
        rec_free(c->rec);
        c->rec = NULL;
    }
    free(c->conds);
    c->conds = NULL;
}
