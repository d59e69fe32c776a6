/*
 * format.c - the canonical layout of a glyph assembly file.
 *
 * The source is parsed with tree-sitter-glyph and cut into units, each
 * on one source line: labels, statements (mnemonic or directive and its
 * operands), `;` separators and comments.  Each line is then laid out
 * again from its units: labels at column 0, statements at FMT_INDENT with
 * their operands at FMT_OPERANDS, trailing comments at FMT_COMMENT.
 * Operand text is kept exactly as written (macro arguments and `.ifc`
 * compare text); only the space around the commas between operands is
 * normalised, which glyph-as trims anyway.  Lines a multi-line comment
 * touches are kept verbatim.  Blank lines are kept, runs of them become
 * one, and a function (a label named by `.globl` or `.type ..., @function`)
 * gets one blank line before it and its heading comments and directives.
 * The result never changes what glyph-as assembles: tokens and their
 * order, and which line each statement is on relative to the others, stay.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "fmt.h"

const TSLanguage *tree_sitter_glyph(void);

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "glyph-fmt: out of memory\n");
        exit(2);
    }
    return p;
}

void fmt_put(fmt_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

void fmt_puts(fmt_buf *b, const char *s) { fmt_put(b, s, strlen(s)); }

/* Spaces up to column col of the line starting at line_start (at least one
 * when the line is not empty and already reaches col). */
void fmt_pad(fmt_buf *b, size_t line_start, size_t col)
{
    size_t at = b->n - line_start;
    if (at >= col) {
        if (at > 0)
            fmt_put(b, " ", 1);
        return;
    }
    while (at++ < col)
        fmt_put(b, " ", 1);
}

enum unit_kind {
    U_LABEL,   /* text: "name:" */
    U_STMT,    /* head, args (may be empty) */
    U_SEMI,    /* ; */
    U_COMMENT  /* text */
};

typedef struct unit {
    enum unit_kind kind;
    uint32_t row, col;
    char *head, *args;
    int opener; /* .macro, .rept, .irp, .if*, .elseif, .else */
} unit;

typedef struct ctx {
    const char *src;
    unit *u;
    size_t nu, capu;
    unsigned char *verbatim; /* per source row */
    char **funcs;            /* names of functions */
    size_t nfuncs, capf;
} ctx;

static char *text_range(const ctx *c, uint32_t s, uint32_t e)
{
    char *t = xrealloc(NULL, e - s + 1);
    memcpy(t, c->src + s, e - s);
    t[e - s] = 0;
    return t;
}

static char *node_text(const ctx *c, TSNode n)
{
    return text_range(c, ts_node_start_byte(n), ts_node_end_byte(n));
}

static unit *add_unit(ctx *c, enum unit_kind k, TSNode at)
{
    if (c->nu == c->capu) {
        c->capu = c->capu ? 2 * c->capu : 256;
        c->u = xrealloc(c->u, c->capu * sizeof *c->u);
    }
    unit *u = &c->u[c->nu++];
    memset(u, 0, sizeof *u);
    u->kind = k;
    u->row = ts_node_start_point(at).row;
    u->col = ts_node_start_point(at).column;
    return u;
}

static int is(TSNode n, const char *type) { return strcmp(ts_node_type(n), type) == 0; }

static int has_comment(TSNode n)
{
    for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
        TSNode k = ts_node_child(n, i);
        if (is(k, "comment") || has_comment(k))
            return 1;
    }
    return 0;
}

/* Operands: each as written, ", " between them (`.p2align 4,, 15`). */
static char *format_args(const ctx *c, TSNode args)
{
    fmt_buf b = {0};
    int after_comma = 0;
    fmt_puts(&b, "");
    for (uint32_t i = 0; i < ts_node_child_count(args); i++) {
        TSNode k = ts_node_child(args, i);
        if (!ts_node_is_named(k) && is(k, ",")) {
            fmt_puts(&b, ",");
            after_comma = 1;
            continue;
        }
        if (after_comma)
            fmt_puts(&b, " ");
        char *t = node_text(c, k);
        fmt_puts(&b, t);
        free(t);
        after_comma = 0;
    }
    return b.p;
}

static void add_func(ctx *c, const char *args)
{
    size_t n = strcspn(args, ", \t");
    if (!n)
        return;
    if (c->nfuncs == c->capf) {
        c->capf = c->capf ? 2 * c->capf : 32;
        c->funcs = xrealloc(c->funcs, c->capf * sizeof *c->funcs);
    }
    c->funcs[c->nfuncs] = xrealloc(NULL, n + 1);
    memcpy(c->funcs[c->nfuncs], args, n);
    c->funcs[c->nfuncs++][n] = 0;
}

/* A statement node: instruction, directive, assignment, include. */
static void statement(ctx *c, TSNode n)
{
    unit *u = add_unit(c, U_STMT, n);
    if (has_comment(n)) { /* a comment between its tokens: keep it whole */
        u->head = node_text(c, n);
        return;
    }
    if (is(n, "assignment")) {
        char *name = node_text(c, ts_node_child_by_field_name(n, "name", 4));
        char *value = node_text(c, ts_node_child_by_field_name(n, "value", 5));
        fmt_buf b = {0};
        fmt_puts(&b, name);
        fmt_puts(&b, " = ");
        fmt_puts(&b, value);
        free(name);
        free(value);
        u->head = b.p;
        return;
    }
    if (is(n, "include")) {
        u->head = text_range(c, ts_node_start_byte(n), ts_node_start_byte(n) + 8);
        u->args = node_text(c, ts_node_child_by_field_name(n, "path", 4));
        return;
    }
    const char *hf = is(n, "instruction") ? "mnemonic" : "name";
    const char *af = is(n, "instruction") ? "operands" : "arguments";
    u->head = node_text(c, ts_node_child_by_field_name(n, hf, (uint32_t)strlen(hf)));
    TSNode a = ts_node_child_by_field_name(n, af, (uint32_t)strlen(af));
    u->args = ts_node_is_null(a) ? NULL : format_args(c, a);
    if (is(n, "directive") && u->args) {
        if (!strcmp(u->head, ".globl") || !strcmp(u->head, ".global") ||
            (!strcmp(u->head, ".type") && strstr(u->args, "function")))
            add_func(c, u->args);
    }
}

static void visit(ctx *c, TSNode n);

/* A block (.macro, .rept/.irp, .elseif, .else): its header is the
 * children before the first newline; its head the first of them after
 * the labels (`x: .else`). */
static void block(ctx *c, TSNode n)
{
    uint32_t cnt = ts_node_child_count(n), first = 0;
    while (first < cnt && is(ts_node_child(n, first), "label"))
        visit(c, ts_node_child(n, first++));
    uint32_t nl = first;
    while (nl < cnt && !is(ts_node_child(n, nl), "\n"))
        nl++;
    uint32_t last = nl; /* last header child that is not a comment */
    for (uint32_t i = first + 1; i < nl; i++)
        if (!is(ts_node_child(n, i), "comment"))
            last = i;
    TSNode h = ts_node_child(n, first);
    unit *u = add_unit(c, U_STMT, h);
    u->opener = 1;
    u->head = node_text(c, h);
    if (last < nl)
        u->args = text_range(c, ts_node_start_byte(ts_node_child(n, first + 1)),
                             ts_node_end_byte(ts_node_child(n, last)));
    for (uint32_t i = last < nl ? last + 1 : first + 1; i < cnt; i++)
        visit(c, ts_node_child(n, i));
}

static void visit(ctx *c, TSNode n)
{
    if (is(n, "instruction") || is(n, "directive") || is(n, "assignment") || is(n, "include")) {
        statement(c, n);
    } else if (is(n, "label")) {
        unit *u = add_unit(c, U_LABEL, n);
        char *name = node_text(c, ts_node_child_by_field_name(n, "name", 4));
        u->head = xrealloc(name, strlen(name) + 2);
        strcat(u->head, ":");
    } else if (is(n, "comment")) {
        unit *u = add_unit(c, U_COMMENT, n);
        u->head = node_text(c, n);
        uint32_t end = ts_node_end_point(n).row;
        if (end > u->row)
            for (uint32_t r = u->row; r <= end; r++)
                c->verbatim[r] = 1;
    } else if (is(n, "macro_definition") || is(n, "repeat_block") || is(n, "elseif_clause") ||
               is(n, "else_clause")) {
        block(c, n);
    } else if (is(n, "condition")) {
        unit *u = add_unit(c, U_STMT, n);
        u->opener = 1;
        u->head = node_text(c, ts_node_child_by_field_name(n, "kind", 4));
        TSNode a = ts_node_child_by_field_name(n, "arguments", 9);
        if (!ts_node_is_null(a))
            u->args = node_text(c, a);
    } else if (!ts_node_is_named(n)) {
        if (is(n, ";"))
            add_unit(c, U_SEMI, n);
        else if (is(n, ".endm") || is(n, ".endr") || is(n, ".endif"))
            add_unit(c, U_STMT, n)->head = node_text(c, n);
    } else {
        for (uint32_t i = 0; i < ts_node_child_count(n); i++)
            visit(c, ts_node_child(n, i));
    }
}

/* ---- lines ---- */

enum line_kind { L_BLANK, L_COMMENT, L_CODE, L_VERBATIM };

typedef struct line {
    enum line_kind kind;
    char *text;
    const char *label;  /* first label of a line that starts with labels */
    const char *head;   /* head of its first statement */
    int opener;
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
} lines;

static line *add_line(lines *l, enum line_kind k, char *text)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    line *ln = &l->v[l->n++];
    memset(ln, 0, sizeof *ln);
    ln->kind = k;
    ln->text = text;
    return ln;
}

static void put_stmt(fmt_buf *b, size_t ls, const unit *u, int first)
{
    fmt_puts(b, u->head);
    if (u->args && *u->args) {
        if (first)
            fmt_pad(b, ls, FMT_OPERANDS);
        else
            fmt_puts(b, " ");
        fmt_puts(b, u->args);
    }
}

static int block_end(const char *head)
{
    static const char *const ends[] = {".endm", ".endr", ".endif", ".elseif", ".else", NULL};
    for (int i = 0; head && ends[i]; i++)
        if (!strcmp(head, ends[i]))
            return 1;
    return 0;
}

/* Lay out the units u[0..n) of one source row. */
static void layout_row(lines *out, const unit *u, size_t n)
{
    if (n == 1 && u[0].kind == U_COMMENT) {
        fmt_buf b = {0};
        if (u[0].col > 0)
            fmt_pad(&b, 0, FMT_INDENT);
        fmt_puts(&b, u[0].head);
        add_line(out, L_COMMENT, b.p);
        return;
    }
    size_t nl = 0;
    while (nl < n && u[nl].kind == U_LABEL)
        nl++;
    size_t end = n;
    const unit *comment = NULL;
    if (end > nl && u[end - 1].kind == U_COMMENT)
        comment = &u[--end];
    fmt_buf lab = {0};
    fmt_puts(&lab, "");
    for (size_t i = 0; i < nl; i++) {
        if (i)
            fmt_puts(&lab, " ");
        fmt_puts(&lab, u[i].head);
    }
    fmt_buf b = {0};
    fmt_puts(&b, "");
    const char *label = nl ? u[0].head : NULL;
    /* labels in front of a block end or an .else stay on its line: on the
     * line above they would be inside the block (defined once per .rept
     * iteration or macro call, or in the other branch) */
    int keep = nl && end > nl && u[nl].kind == U_STMT && block_end(u[nl].head);
    if (nl && end > nl && lab.n + 1 > FMT_INDENT && !keep) {
        line *l = add_line(out, L_CODE, lab.p);
        l->label = label;
        label = NULL;
    } else {
        fmt_puts(&b, lab.p);
        free(lab.p);
    }
    const char *head = NULL;
    int opener = 0, first = 1;
    if (end > nl)
        fmt_pad(&b, 0, FMT_INDENT);
    for (size_t i = nl; i < end; i++) {
        switch (u[i].kind) {
        case U_STMT:
            if (!head) {
                head = u[i].head;
                opener = u[i].opener;
            }
            put_stmt(&b, 0, &u[i], first);
            first = 0;
            break;
        case U_SEMI:
            fmt_puts(&b, "; ");
            break;
        case U_LABEL:
            fmt_puts(&b, u[i].head);
            fmt_puts(&b, " ");
            break;
        case U_COMMENT: /* a comment between statements of one line */
            fmt_puts(&b, u[i].head);
            fmt_puts(&b, " ");
            break;
        }
    }
    while (b.n && b.p[b.n - 1] == ' ')
        b.p[--b.n] = 0;
    if (comment) {
        fmt_pad(&b, 0, b.n ? FMT_COMMENT : FMT_INDENT);
        fmt_puts(&b, comment->head);
    }
    line *l = add_line(out, L_CODE, b.p);
    l->label = label;
    l->head = head;
    l->opener = opener;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* c->funcs is sorted (fmt_format sorts it before emit): a file with
 * thousands of functions stays linear-logarithmic. */
static int is_func(const ctx *c, const char *label)
{
    size_t n = strlen(label) - 1; /* without the colon */
    char *key = text_range(&(ctx){.src = label}, 0, (uint32_t)n);
    int found = c->nfuncs && bsearch(&key, c->funcs, c->nfuncs, sizeof *c->funcs, cmp_name);
    free(key);
    return found;
}

/* Directives that belong to the function below them. */
static int heading_directive(const char *h)
{
    static const char *const hd[] = {".globl", ".global", ".type", ".local", ".weak",
                                     ".align", ".p2align", ".balign", NULL};
    for (int i = 0; h && hd[i]; i++)
        if (!strcmp(h, hd[i]))
            return 1;
    return 0;
}

static void emit(const ctx *c, const lines *ls, fmt_buf *out)
{
    int pending_blank = 0, any = 0;
    const line *prev = NULL;
    for (size_t i = 0; i < ls->n; i++) {
        const line *l = &ls->v[i];
        if (l->kind == L_BLANK) {
            pending_blank = any;
            continue;
        }
        /* the start of a function's heading: comments and directives
         * right above a function label */
        int prev_heading = prev && (prev->kind == L_COMMENT ||
                                    (prev->kind == L_CODE && !prev->label &&
                                     heading_directive(prev->head)));
        if (!pending_blank && prev && !prev->opener && !prev_heading) {
            size_t j = i;
            while (j < ls->n && (ls->v[j].kind == L_COMMENT ||
                                 (ls->v[j].kind == L_CODE && !ls->v[j].label &&
                                  heading_directive(ls->v[j].head))))
                j++;
            if (j < ls->n && ls->v[j].label && is_func(c, ls->v[j].label))
                pending_blank = 1;
        }
        if (pending_blank)
            fmt_puts(out, "\n");
        pending_blank = 0;
        fmt_puts(out, l->text);
        fmt_puts(out, "\n");
        any = 1;
        prev = l;
    }
    if (!out->p)
        fmt_puts(out, "");
}

/* What may stand on a line of its own: an ERROR node's children of
 * these kinds parsed whole (`.if` without `.endif` wraps the rest of the
 * file, from its first line, in an ERROR node). */
static int whole(TSNode n)
{
    static const char *const k[] = {"comment", "label", "instruction", "directive",
                                    "assignment", "include", "macro_definition",
                                    "repeat_block", "conditional", "\n", ";", NULL};
    for (int i = 0; k[i]; i++)
        if (is(n, k[i]))
            return !ts_node_has_error(n);
    return 0;
}

/* Where the first error is: a MISSING node, or in an ERROR node the first
 * child that is not a whole statement (or the first error inside it). */
static int first_error(TSNode n, TSPoint *at)
{
    if (ts_node_is_missing(n)) {
        *at = ts_node_start_point(n);
        return 1;
    }
    if (is(n, "ERROR")) {
        *at = ts_node_start_point(n);
        for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
            TSNode k = ts_node_child(n, i);
            if (whole(k))
                continue;
            if (!first_error(k, at))
                *at = ts_node_start_point(k);
            return 1;
        }
        return 1;
    }
    if (!ts_node_has_error(n))
        return 0;
    for (uint32_t i = 0; i < ts_node_child_count(n); i++)
        if (first_error(ts_node_child(n, i), at))
            return 1;
    return 0;
}

int fmt_format(const char *src, size_t len, fmt_buf *out, unsigned *eline, unsigned *ecol)
{
    TSParser *p = ts_parser_new();
    if (!ts_parser_set_language(p, tree_sitter_glyph())) {
        fprintf(stderr, "glyph-fmt: libtree-sitter does not accept the glyph parser's ABI\n");
        exit(2);
    }
    TSTree *t = ts_parser_parse_string(p, NULL, src, (uint32_t)len);
    TSNode root = ts_tree_root_node(t);
    TSPoint at;
    if (first_error(root, &at)) {
        *eline = at.row + 1;
        *ecol = at.column + 1;
        ts_tree_delete(t);
        ts_parser_delete(p);
        return -1;
    }
    size_t rows = 1;
    for (size_t i = 0; i < len; i++)
        rows += src[i] == '\n';
    ctx c = {.src = src};
    c.verbatim = xrealloc(NULL, rows + 1);
    memset(c.verbatim, 0, rows + 1);
    visit(&c, root);

    lines ls = {0};
    size_t ui = 0;
    const char *lp = src, *end = src + len;
    for (uint32_t r = 0; r < rows && lp <= end; r++) {
        const char *nl = memchr(lp, '\n', (size_t)(end - lp));
        const char *le = nl ? nl : end;
        size_t u0 = ui;
        while (ui < c.nu && c.u[ui].row == r)
            ui++;
        if (c.verbatim[r]) {
            add_line(&ls, L_VERBATIM, text_range(&c, (uint32_t)(lp - src), (uint32_t)(le - src)));
        } else if (ui == u0) {
            if (nl || le > lp) /* not the empty rest after a final newline */
                add_line(&ls, L_BLANK, NULL);
        } else {
            layout_row(&ls, &c.u[u0], ui - u0);
        }
        if (!nl)
            break;
        lp = nl + 1;
    }
    if (c.nfuncs)
        qsort(c.funcs, c.nfuncs, sizeof *c.funcs, cmp_name);
    fmt_buf b = {0};
    emit(&c, &ls, &b);
    *out = b;

    for (size_t i = 0; i < ls.n; i++)
        free(ls.v[i].text);
    free(ls.v);
    for (size_t i = 0; i < c.nu; i++) {
        free(c.u[i].head);
        free(c.u[i].args);
    }
    free(c.u);
    for (size_t i = 0; i < c.nfuncs; i++)
        free(c.funcs[i]);
    free(c.funcs);
    free(c.verbatim);
    ts_tree_delete(t);
    ts_parser_delete(p);
    return 0;
}
