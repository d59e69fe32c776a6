/*
 * parser.y - the grammar of one source line (pure, reentrant).
 *
 *   line   := stmt { ';' stmt }
 *   stmt   := { label ':' } [ name args | name '=' expr ]
 *   arg    := expr | expr '(' expr ')' | ibN '(' expr ')' [ '(' pc ')' ]
 *           | "string" | @word | key=expr
 *
 * Actions hand whole statements to stmt.c / insn.c; expressions become
 * trees (expr.c).  A second start symbol parses a lone expression, for
 * .if, .rept and --defsym.  The commonest line shape skips the scanner
 * and the parser (fast_line below) but builds the same statement.
 */
%define api.pure full
%define parse.error verbose
/* no default reductions in states that can also shift: a bad token right
 * after a comma is a syntax error before the statement is acted on */
%define lr.default-reduction consistent
%locations
%param {void *scanner}
%parse-param {as_ctx *ctx}

%code requires {
#include "as.h"

typedef struct as_strlit {
    char *p;
    size_t n;
} as_strlit;

struct as_lexextra {
    as_ctx *c;
    as_loc base;     /* file and line; col is filled per token */
    int col;         /* 1-based column of the next character */
    int start;       /* first token to return (T_START_LINE / T_START_EXPR) */
    int open_comment;/* the line ends inside a block comment */
    int open_col;    /* ... which starts in this column */
    as_expr *expr;   /* result of T_START_EXPR */
};
}

%union {
    int64_t num;
    char *str;
    as_strlit s;
    struct { uint64_t n; int dir; } lref;
    as_expr *e;
    as_arg *arg;  /* a pointer: the value stack stays small (copied each reduction) */
    as_args *args;
}

%code {
#include <string.h>

#include "lexer.h"

static as_loc L(const as_ctx *c, YYLTYPE l)
{
    as_loc r = c->cur_loc;
    r.col = l.first_column;
    return r;
}

static void yyerror(YYLTYPE *l, void *scanner, as_ctx *ctx, const char *msg)
{
    (void)scanner;
    if (ctx->lex_error)
        return; /* the lexer said what is wrong */
    if (strcmp(msg, "memory exhausted") == 0) /* bison's stack limit (YYMAXDEPTH) */
        msg = "expression nested too deeply";
    as_error(ctx, L(ctx, *l), "%s", msg);
}

static as_args *args_push(as_ctx *c, as_args *a, const as_arg *x)
{
    if (!a)
        a = as_line_alloc(c, sizeof *a);
    if (a->n == a->cap) {
        int ncap = a->cap ? a->cap * 2 : 4;
        as_arg *v = as_line_alloc(c, (size_t)ncap * sizeof *v);
        if (a->n)
            memcpy(v, a->v, (size_t)a->n * sizeof *v);
        a->v = v;
        a->cap = ncap;
    }
    a->v[a->n++] = *x;
    return a;
}

static as_arg *mkarg(as_ctx *c, int kind, as_loc loc)
{
    as_arg *a = as_line_alloc(c, sizeof *a); /* zeroed */
    a->kind = kind;
    a->loc = loc;
    return a;
}
}

%token YYEOF 0 "end of line"
%token T_START_LINE "start of line" T_START_EXPR "start of expression"
%token <str> T_IDENT "name"
%token <num> T_NUM "number" T_IBK "ib8/ib16/ib32/ib64"
%token <s> T_STRING "string"
%token <lref> T_LREF "local label reference"
%token T_SHL "<<" T_SHR ">>" T_LE "<=" T_GE ">=" T_EQ "==" T_NE "!=" T_ANDAND "&&" T_OROR "||"
%token T_BAD "invalid token"

%type <e> expr
%type <arg> arg
%type <args> args arglist

%left T_OROR
%left T_ANDAND
%left '|'
%left '^'
%left '&'
%left T_EQ T_NE
%left '<' '>' T_LE T_GE
%left T_SHL T_SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY

%%

input
    : T_START_LINE line
    | T_START_EXPR expr     { ((struct as_lexextra *)yyget_extra(scanner))->expr = $2; }
    ;

line
    : stmt
    | line ';' stmt
    ;

stmt
    : labels body
    ;

labels
    : %empty
    | labels T_IDENT ':'    { if (!ctx->lex_error) as_label(ctx, $2, L(ctx, @2)); }
    | labels T_NUM ':'      { if (!ctx->lex_error) as_numlabel(ctx, (uint64_t)$2, L(ctx, @2)); }
    ;

body
    : %empty
    | T_IDENT args          { if (!ctx->lex_error) as_stmt(ctx, $1, $2, L(ctx, @1)); }
    | T_IDENT '=' expr      { if (!ctx->lex_error) as_assign(ctx, $1, $3, L(ctx, @1), 1); }
    ;

args
    : %empty                { $$ = NULL; }
    | arglist               { $$ = $1; }
    ;

arglist
    : arg                   { $$ = args_push(ctx, NULL, $1); }
    | arglist ',' arg       { $$ = args_push(ctx, $1, $3); }
    | arglist ','           {
                                as_loc l = L(ctx, @2); /* just after the comma */
                                l.col = @2.last_column;
                                $$ = args_push(ctx, $1, mkarg(ctx, ARG_NONE, l));
                            }
    ;

arg
    : expr                  { $$ = mkarg(ctx, ARG_EXPR, L(ctx, @1)); $$->e = $1; }
    | expr '(' expr ')'     { $$ = mkarg(ctx, ARG_MEM, L(ctx, @1)); $$->e = $1; $$->base = $3; }
    | T_IBK '(' expr ')'    { $$ = mkarg(ctx, ARG_IB, L(ctx, @1)); $$->ibsize = (int)$1; $$->e = $3; }
    | T_IBK '(' expr ')' '(' expr ')'
                            { $$ = mkarg(ctx, ARG_IBPC, L(ctx, @1)); $$->ibsize = (int)$1; $$->e = $3; $$->base = $6; }
    | T_STRING              { $$ = mkarg(ctx, ARG_STR, L(ctx, @1)); $$->str = $1.p; $$->len = $1.n; }
    | '@' T_IDENT           { $$ = mkarg(ctx, ARG_AT, L(ctx, @1)); $$->str = $2; $$->len = strlen($2); }
    | '%' T_IDENT           { $$ = mkarg(ctx, ARG_AT, L(ctx, @1)); $$->str = $2; $$->len = strlen($2); }
    | T_IDENT '=' expr      { $$ = mkarg(ctx, ARG_KV, L(ctx, @1)); $$->str = $1; $$->e = $3; }
    ;

expr
    : T_NUM                 { $$ = as_expr_num(ctx, $1, L(ctx, @1)); $$->literal = 1; }
    | T_IDENT               {
                                if (strcmp($1, ".") == 0)
                                    $$ = as_expr_dot(ctx, L(ctx, @1));
                                else
                                    $$ = as_expr_sym(ctx, as_sym_get(ctx, $1, strlen($1)), L(ctx, @1));
                            }
    | T_LREF                { $$ = as_expr_sym(ctx, as_numlabel_ref(ctx, $1.n, $1.dir, L(ctx, @1)), L(ctx, @1)); }
    | '(' expr ')'          { $$ = $2; $$->paren = 1; }
    | '-' expr %prec UNARY  { $$ = as_expr_un(ctx, '-', $2, L(ctx, @1)); }
    | '+' expr %prec UNARY  { $$ = $2; }
    | '~' expr %prec UNARY  { $$ = as_expr_un(ctx, '~', $2, L(ctx, @1)); }
    | '!' expr %prec UNARY  { $$ = as_expr_un(ctx, '!', $2, L(ctx, @1)); }
    | expr '+' expr         { $$ = as_expr_bin(ctx, '+', $1, $3, L(ctx, @2)); }
    | expr '-' expr         { $$ = as_expr_bin(ctx, '-', $1, $3, L(ctx, @2)); }
    | expr '*' expr         { $$ = as_expr_bin(ctx, '*', $1, $3, L(ctx, @2)); }
    | expr '/' expr         { $$ = as_expr_bin(ctx, '/', $1, $3, L(ctx, @2)); }
    | expr '%' expr         { $$ = as_expr_bin(ctx, '%', $1, $3, L(ctx, @2)); }
    | expr T_SHL expr       { $$ = as_expr_bin(ctx, 'L', $1, $3, L(ctx, @2)); }
    | expr T_SHR expr       { $$ = as_expr_bin(ctx, 'R', $1, $3, L(ctx, @2)); }
    | expr '&' expr         { $$ = as_expr_bin(ctx, '&', $1, $3, L(ctx, @2)); }
    | expr '|' expr         { $$ = as_expr_bin(ctx, '|', $1, $3, L(ctx, @2)); }
    | expr '^' expr         { $$ = as_expr_bin(ctx, '^', $1, $3, L(ctx, @2)); }
    | expr '<' expr         { $$ = as_expr_bin(ctx, '<', $1, $3, L(ctx, @2)); }
    | expr '>' expr         { $$ = as_expr_bin(ctx, '>', $1, $3, L(ctx, @2)); }
    | expr T_LE expr        { $$ = as_expr_bin(ctx, 'l', $1, $3, L(ctx, @2)); }
    | expr T_GE expr        { $$ = as_expr_bin(ctx, 'g', $1, $3, L(ctx, @2)); }
    | expr T_EQ expr        { $$ = as_expr_bin(ctx, '=', $1, $3, L(ctx, @2)); }
    | expr T_NE expr        { $$ = as_expr_bin(ctx, 'n', $1, $3, L(ctx, @2)); }
    | expr T_ANDAND expr    { $$ = as_expr_bin(ctx, 'A', $1, $3, L(ctx, @2)); }
    | expr T_OROR expr      { $$ = as_expr_bin(ctx, 'O', $1, $3, L(ctx, @2)); }
    ;

%%

/* ---- the common line, without the scanner and parser --------------------
 *
 * Most lines of compiler output are `mnemonic op, op, ...` with operands
 * that are a register or symbol name, a decimal or hex number (maybe
 * negated), `n(reg)` or `(reg)`.  Such a line is read here into exactly
 * the statement the grammar above builds (same nodes, flags, columns,
 * order of symbol lookups); anything else, or anything doubtful, goes to
 * flex and bison.  The first pass has no side effects, so a line given
 * up on is parsed as if this did not exist. */

enum { F_NAME, F_NUM, F_COMMA, F_LP, F_RP, F_MINUS };

typedef struct ftok {
    int kind, col;
    const char *p;
    size_t n;
    uint64_t num;
} ftok;

#define FAST_MAX_TOKENS 24

static inline int fast_id(int ch, int first)
{
    return (unsigned)((ch | 32) - 'a') < 26 || ch == '_' || ch == '.' || ch == '$' ||
           (!first && (unsigned)(ch - '0') < 10);
}

static int fast_digit(int ch, int base)
{
    int d = ch >= '0' && ch <= '9' ? ch - '0'
          : (ch | 32) >= 'a' && (ch | 32) <= 'f' ? (ch | 32) - 'a' + 10 : 99;
    return d < base ? d : -1;
}

/* Tokens of the line, or -1 for anything the fast path does not take. */
static int fast_tokens(const char *t, size_t n, int col0, ftok *v)
{
    int k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == ' ' || ch == '\t') {
            i++;
            continue;
        }
        if (ch == '#' || (ch == '/' && i + 1 < n && t[i + 1] == '/'))
            break; /* comment to the end of the line */
        if (k == FAST_MAX_TOKENS)
            return -1;
        ftok *x = &v[k++];
        x->col = col0 + (int)i;
        x->p = t + i;
        if (fast_id(ch, 1)) {
            size_t j = i + 1;
            while (j < n && fast_id((unsigned char)t[j], 0))
                j++;
            x->kind = F_NAME;
            x->n = j - i;
            i = j;
            /* `.` is the location; ib8..ib64 are their own tokens */
            if ((x->n == 1 && ch == '.') || (x->n >= 3 && x->n <= 4 && ch == 'i' &&
                                             t[x->p - t + 1] == 'b' && x->p[2] >= '0' &&
                                             x->p[2] <= '9'))
                return -1;
            continue;
        }
        if (ch >= '0' && ch <= '9') {
            /* decimal without a leading zero, or 0x hex: at most 16 digits
             * of hex / 18 of decimal, so no overflow check is needed */
            int base = 10;
            size_t j = i;
            if (ch == '0' && i + 1 < n && (t[i + 1] == 'x' || t[i + 1] == 'X'))
                base = 16, j += 2;
            else if (ch == '0' && i + 1 < n && t[i + 1] >= '0' && t[i + 1] <= '9')
                return -1; /* octal */
            size_t d0 = j;
            uint64_t v64 = 0;
            for (int d; j < n && (d = fast_digit((unsigned char)t[j], base)) >= 0; j++)
                v64 = v64 * (uint64_t)base + (uint64_t)d;
            if (j == d0 || j - d0 > (base == 16 ? 16u : 18u))
                return -1;
            if (j < n && (fast_id((unsigned char)t[j], 0) || (unsigned char)t[j] >= 127))
                return -1; /* 1b, 1f, 12ab: the scanner's business */
            x->kind = F_NUM;
            x->num = v64;
            x->n = j - i;
            i = j;
            continue;
        }
        x->n = 1;
        i++;
        switch (ch) {
        case ',': x->kind = F_COMMA; break;
        case '(': x->kind = F_LP; break;
        case ')': x->kind = F_RP; break;
        case '-': x->kind = F_MINUS; break;
        default: return -1;
        }
    }
    return k;
}

static as_expr *fast_name(as_ctx *c, const ftok *x)
{
    as_loc l = c->cur_loc;
    l.col = x->col;
    return as_expr_sym(c, as_sym_get(c, x->p, x->n), l);
}

static as_expr *fast_num(as_ctx *c, const ftok *x)
{
    as_loc l = c->cur_loc;
    l.col = x->col;
    as_expr *e = as_expr_num(c, (int64_t)x->num, l);
    e->literal = 1;
    return e;
}

/* Operand at v[*i]: its length in tokens (0: not a simple operand). */
static int fast_operand(const ftok *v, int i, int k)
{
    int j = i;
    if (j < k && v[j].kind == F_NAME)
        return 1;
    if (j + 2 < k && v[j].kind == F_LP && v[j + 1].kind == F_NAME && v[j + 2].kind == F_RP)
        return 3;
    if (j < k && v[j].kind == F_MINUS)
        j++;
    if (j >= k || v[j].kind != F_NUM)
        return 0;
    j++;
    if (j + 2 < k && v[j].kind == F_LP && v[j + 1].kind == F_NAME && v[j + 2].kind == F_RP)
        j += 3;
    return j - i;
}

static int fast_line(as_ctx *c, const char *t, size_t n, int col0)
{
    ftok v[FAST_MAX_TOKENS];
    int k = fast_tokens(t, n, col0, v);
    if (k < 1 || v[0].kind != F_NAME)
        return 0;
    for (int i = 1; i < k;) { /* operand {, operand} */
        int m = fast_operand(v, i, k);
        if (!m)
            return 0;
        i += m;
        if (i < k && (v[i].kind != F_COMMA || i + 1 == k))
            return 0;
        i += i < k;
    }
    /* the statement, as the grammar's actions build it (the operand list
     * made to measure rather than grown) */
    as_args *args = NULL;
    int nargs = 0;
    for (int i = 1; i < k; i++)
        nargs += v[i].kind == F_COMMA;
    if (k > 1) {
        args = as_line_alloc(c, sizeof *args);
        args->cap = nargs + 1;
        args->v = as_line_alloc(c, (size_t)args->cap * sizeof *args->v);
    }
    for (int i = 1; i < k;) {
        as_loc al = c->cur_loc;
        al.col = v[i].col;
        as_arg *a = &args->v[args->n++];
        a->loc = al;
        if (v[i].kind == F_NAME) {
            a->kind = ARG_EXPR;
            a->e = fast_name(c, &v[i]);
            i += 1;
        } else if (v[i].kind == F_LP) {
            a->kind = ARG_EXPR;
            a->e = fast_name(c, &v[i + 1]);
            a->e->paren = 1;
            i += 3;
        } else {
            as_expr *e;
            if (v[i].kind == F_MINUS) {
                as_loc ml = c->cur_loc;
                ml.col = v[i].col;
                e = as_expr_un(c, '-', fast_num(c, &v[i + 1]), ml);
                i += 2;
            } else {
                e = fast_num(c, &v[i]);
                i += 1;
            }
            if (i < k && v[i].kind == F_LP) {
                a->kind = ARG_MEM;
                a->e = e;
                a->base = fast_name(c, &v[i + 1]);
                i += 3;
            } else {
                a->kind = ARG_EXPR;
                a->e = e;
            }
        }
        i += i < k; /* the comma */
    }
    char *mn = as_line_alloc(c, v[0].n + 1);
    memcpy(mn, v[0].p, v[0].n);
    as_loc ml = c->cur_loc;
    ml.col = v[0].col;
    as_stmt(c, mn, args, ml);
    return 1;
}

int as_parse_line(as_ctx *c, const char *text, size_t n, as_loc loc, int mode,
                  as_expr **expr_out)
{
    struct as_lexextra x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.base = loc;
    x.col = loc.col > 0 ? loc.col : 1;
    x.start = mode == 2 ? T_START_EXPR : T_START_LINE;
    /* one scanner for the whole run; the line arena holds this line's
     * tokens and trees until the next line (a nested parse, which does
     * not happen today, would get a scanner of its own) */
    int top = !c->parsing;
    yyscan_t sc = top ? c->scanner : NULL;
    if (!sc && yylex_init_extra(&x, &sc)) {
        as_error(c, loc, "cannot start the scanner");
        return -1;
    }
    if (top) {
        c->scanner = sc;
        as_line_reset(c);
        c->nline_items = 0;
    }
    yyset_extra(&x, sc);
    as_loc saved = c->cur_loc;
    c->cur_loc = loc;
    c->lex_error = 0;
    c->parsing++;
    if (top && mode == 1 && fast_line(c, text, n, x.col)) {
        c->parsing--;
        as_line_items_done(c);
        c->cur_loc = saved;
        c->in_comment = 0;
        return c->lex_error ? -1 : 0;
    }
    YY_BUFFER_STATE b;
    if (top) {
        if (n + 2 > c->linecap) {
            c->linecap = n + 2 > 2 * c->linecap ? n + 2 : 2 * c->linecap;
            c->linebuf = as_xrealloc(c->linebuf, c->linecap);
        }
        memcpy(c->linebuf, text, n);
        c->linebuf[n] = c->linebuf[n + 1] = 0; /* flex's end-of-buffer marks */
        b = yy_scan_buffer(c->linebuf, n + 2, sc);
    } else {
        b = yy_scan_bytes(text, (int)n, sc);
    }
    int r = yyparse(sc, c);
    yy_delete_buffer(b, sc);
    c->parsing--;
    if (top)
        as_line_items_done(c);
    else
        yylex_destroy(sc);
    c->cur_loc = saved;
    if (x.open_comment && !c->in_comment) {
        c->comment_loc = loc;
        c->comment_loc.col = x.open_col;
    }
    c->in_comment = x.open_comment;
    if (expr_out)
        *expr_out = r == 0 ? x.expr : NULL;
    return r == 0 && !c->lex_error ? 0 : -1;
}

void as_parse_free(as_ctx *c)
{
    if (c->scanner)
        yylex_destroy(c->scanner);
    c->scanner = NULL;
    free(c->linebuf);
    c->linebuf = NULL;
    free(c->line_items);
    c->line_items = NULL;
}
