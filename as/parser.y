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
 * .if, .rept and --defsym.
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
