/*
 * stmt.c - labels, assignments and the statement-level directives
 * (data, sections, symbols, alignment).  Line-level directives (.include,
 * .macro, .rept, .if) live in source.c; instructions in insn.c.
 */
#include <elf.h>
#include <string.h>

#include "as.h"
#include "glyph_elf.h"

/* ---- labels and assignments -------------------------------------------- */

static int define_ok(as_ctx *c, as_sym *s, as_loc loc)
{
    if (s->kind == SYM_UNDEF)
        return 1;
    as_error(c, loc, "symbol `%s` is already defined", s->name);
    if (s->def_loc.file)
        as_note(c, s->def_loc, "previous definition of `%s` is here", s->name);
    return 0;
}

static void define_label(as_ctx *c, as_sym *s, as_loc loc)
{
    if (!define_ok(c, s, loc))
        return;
    as_section *sec = c->cur;
    s->kind = SYM_LABEL;
    s->sec = sec;
    s->def_loc = loc;
    if (sec->code)
        as_func_label(c, s, loc); /* may start a function (and its entry item) */
    s->item = as_item_new(c, sec, IT_LABEL, loc);
}

void as_label(as_ctx *c, const char *name, as_loc loc)
{
    if (strcmp(name, ".") == 0) {
        as_error(c, loc, "`.` cannot be a label");
        return;
    }
    as_sym *s = as_sym_get(c, name, strlen(name));
    if (s->reg >= 0)
        as_warning(c, loc, "label `%s` has the name of a register; operands will "
                           "read it as the register", name);
    define_label(c, s, loc);
}

void as_numlabel(as_ctx *c, uint64_t n, as_loc loc)
{
    define_label(c, as_numlabel_def(c, n), loc);
}

/* "." in an assignment means the location of the assignment itself. */
static as_expr *bind_dot(as_ctx *c, as_expr *e, as_loc loc)
{
    if (!e)
        return e;
    if (e->kind == EX_DOT) {
        as_item *it = as_item_new(c, c->cur, IT_LABEL, loc);
        as_expr *r = as_expr_sym(c, as_sym_at(c, c->cur, it), e->loc);
        return r;
    }
    e->l = bind_dot(c, e->l, loc);
    e->r = bind_dot(c, e->r, loc);
    return e;
}

void as_assign(as_ctx *c, const char *name, as_expr *e, as_loc loc, int redefine)
{
    as_sym *s = as_sym_get(c, name, strlen(name));
    if (s->kind == SYM_EQU && redefine)
        s = as_sym_rebind(c, s);
    else if (!define_ok(c, s, loc))
        return;
    s->kind = SYM_EQU;
    s->equ = as_expr_keep(c, bind_dot(c, e, loc));
    s->def_loc = loc;
    /* A value already known is stored as a number, as GNU as does: the
     * idiom `.set i, i + 1` in a long .rept then builds no chain of
     * definitions.  Anything else (labels, symbols defined later,
     * errors) stays an expression and is evaluated where it is used. */
    int64_t v;
    int quiet = c->quiet;
    c->quiet = 1;
    if (as_eval_abs(c, s->equ, (as_where){0, 0}, &v, 1) == 0)
        s->equ = as_expr_keep(c, as_expr_num(c, v, loc));
    c->quiet = quiet;
}

/* ---- argument helpers --------------------------------------------------- */

static int nargs(const as_args *a) { return a ? a->n : 0; }

static int want_args(as_ctx *c, const char *d, const as_args *a, int lo, int hi, as_loc loc)
{
    int n = nargs(a);
    if (n >= lo && n <= hi)
        return 1;
    if (lo == hi)
        as_error(c, loc, "`%s` takes %d argument%s, not %d", d, lo, lo == 1 ? "" : "s", n);
    else
        as_error(c, loc, "`%s` takes %d to %d arguments, not %d", d, lo, hi, n);
    return 0;
}

static as_expr *arg_expr(as_ctx *c, const as_args *a, int i, const char *d)
{
    if (a->v[i].kind != ARG_EXPR) {
        as_error(c, a->v[i].loc, "`%s`: argument %d must be an expression", d, i + 1);
        return NULL;
    }
    return a->v[i].e;
}

static int arg_abs(as_ctx *c, const as_args *a, int i, const char *d, int64_t *v)
{
    as_expr *e = arg_expr(c, a, i, d);
    if (!e)
        return -1;
    return as_eval_abs(c, e, (as_where){c->cur, NULL}, v, 0);
}

static as_sym *arg_sym(as_ctx *c, const as_args *a, int i, const char *d)
{
    as_expr *e = a->v[i].kind == ARG_EXPR ? a->v[i].e : NULL;
    if (!e || e->kind != EX_SYM || e->paren) {
        as_error(c, a->v[i].loc, "`%s`: argument %d must be a symbol name", d, i + 1);
        return NULL;
    }
    return e->sym;
}

static int check_bss(as_ctx *c, const char *d, as_loc loc)
{
    if (c->cur->type == SHT_NOBITS) {
        as_error(c, loc, "`%s` stores data, but section `%s` holds none (use .zero)", d,
                 c->cur->name);
        return 0;
    }
    return 1;
}

/* ---- directives --------------------------------------------------------- */

static void d_data(as_ctx *c, const char *d, as_args *a, as_loc loc, unsigned width)
{
    if (!nargs(a)) {
        as_error(c, loc, "`%s` needs at least one value", d);
        return;
    }
    if (!check_bss(c, d, loc))
        return;
    for (int i = 0; i < a->n; i++) {
        as_expr *e = arg_expr(c, a, i, d);
        if (!e)
            continue;
        as_item *it = as_item_new_final(c, c->cur, IT_DATA, a->v[i].loc);
        it->u.data.width = width;
        it->u.data.e = e;
        it->size = width;
    }
}

static void d_string(as_ctx *c, const char *d, as_args *a, as_loc loc, int nul)
{
    if (!nargs(a)) {
        as_error(c, loc, "`%s` needs a string", d);
        return;
    }
    if (!check_bss(c, d, loc))
        return;
    for (int i = 0; i < a->n; i++) {
        if (a->v[i].kind != ARG_STR) {
            as_error(c, a->v[i].loc, "`%s` needs a string in double quotes", d);
            continue;
        }
        as_item *it = as_item_new(c, c->cur, IT_BYTES, a->v[i].loc);
        it->u.bytes.n = a->v[i].len + (nul ? 1 : 0);
        it->u.bytes.p = as_alloc(c, it->u.bytes.n + 1);
        memcpy(it->u.bytes.p, a->v[i].str, a->v[i].len);
        it->size = it->u.bytes.n;
    }
}

static void d_zero(as_ctx *c, const char *d, as_args *a, as_loc loc)
{
    if (!want_args(c, d, a, 1, 2, loc))
        return;
    int64_t n, fill = 0;
    if (arg_abs(c, a, 0, d, &n) || (a->n > 1 && arg_abs(c, a, 1, d, &fill)))
        return;
    if (n < 0 || n > (1 << 30)) {
        as_error(c, a->v[0].loc, "`%s` size %lld out of range 0..2^30", d, (long long)n);
        return;
    }
    if (fill < -128 || fill > 255) {
        as_error(c, a->v[1].loc, "`%s` fill value %lld does not fit in a byte", d,
                 (long long)fill);
        return;
    }
    if (fill && c->cur->type == SHT_NOBITS) {
        as_error(c, loc, "section `%s` can only hold zeros", c->cur->name);
        return;
    }
    as_item *it = as_item_new(c, c->cur, IT_FILL, loc);
    it->u.fill.count = (uint64_t)n;
    it->u.fill.fill = (uint8_t)fill;
    it->size = (uint64_t)n;
}

static void d_align(as_ctx *c, const char *d, as_args *a, as_loc loc, int pow2)
{
    if (!want_args(c, d, a, 1, 3, loc))
        return;
    int64_t v, fill = -1, max = 0;
    if (arg_abs(c, a, 0, d, &v))
        return;
    if (a->n > 1 && a->v[1].kind == ARG_EXPR && arg_abs(c, a, 1, d, &fill))
        return;
    if (a->n > 2 && arg_abs(c, a, 2, d, &max))
        return;
    if (a->n > 1 && a->v[1].kind == ARG_EXPR) {
        if (fill < -128 || fill > 255) {
            as_error(c, a->v[1].loc, "`%s` fill value %lld does not fit in a byte", d,
                     (long long)fill);
            return;
        }
        fill &= 0xff; /* -1 is 0xff, not "no fill" */
    }
    if (max < 0) {
        as_error(c, a->v[2].loc, "`%s` maximum %lld is negative", d, (long long)max);
        return;
    }
    uint64_t align;
    if (pow2) {
        if (v < 0 || v > 16) {
            as_error(c, a->v[0].loc, "`%s` %lld: power of two must be 0..16", d, (long long)v);
            return;
        }
        align = (uint64_t)1 << v;
    } else {
        if (v <= 0 || v > 65536 || (v & (v - 1))) {
            as_error(c, a->v[0].loc, "`%s` %lld: alignment must be a power of two 1..65536", d,
                     (long long)v);
            return;
        }
        align = (uint64_t)v;
    }
    if (c->cur->is_const && align < GL_IB_ALIGN)
        as_warning(c, loc, "`%s` to %llu bytes in `%s`: immediate blocks need %u-byte alignment",
                   d, (unsigned long long)align, c->cur->name, GL_IB_ALIGN);
    if (c->cur->code && fill >= 0)
        as_warning(c, loc, "fill value in code: padding is `nop` instructions");
    as_item *it = as_item_new(c, c->cur, IT_ALIGN, loc);
    it->u.align.align = align;
    it->u.align.fill = (int)fill;
    it->u.align.max = (uint64_t)max;
    if (align > c->cur->align)
        c->cur->align = align;
}

/* A section name the lexer split at '-' (`.note.GNU-stack` reads as
 * `.note.GNU - stack`): glue the names back together. */
static int dashed_name(const as_expr *e, char *buf, size_t cap, size_t *n)
{
    if (e->kind == EX_SYM && !e->paren) {
        size_t k = strlen(e->sym->name);
        if (*n + k + 1 > cap)
            return 0;
        memcpy(buf + *n, e->sym->name, k + 1);
        *n += k;
        return 1;
    }
    if (e->kind != EX_BIN || e->op != '-' || e->paren || !dashed_name(e->l, buf, cap, n) ||
        *n + 2 > cap)
        return 0;
    buf[(*n)++] = '-';
    buf[*n] = 0;
    return dashed_name(e->r, buf, cap, n);
}

static void d_section(as_ctx *c, as_args *a, as_loc loc)
{
    if (!nargs(a)) {
        as_error(c, loc, "`.section` needs a name");
        return;
    }
    char *name = NULL;
    if (a->v[0].kind == ARG_STR)
        name = as_strndup(c, a->v[0].str, a->v[0].len);
    else if (a->v[0].kind == ARG_EXPR && a->v[0].e->kind == EX_SYM)
        name = a->v[0].e->sym->name;
    char buf[512];
    size_t bn = 0;
    if (!name && a->v[0].kind == ARG_EXPR && dashed_name(a->v[0].e, buf, sizeof buf, &bn))
        name = as_strdup(c, buf);
    if (!name || !name[0]) {
        as_error(c, a->v[0].loc, "`.section` needs a name");
        return;
    }
    as_section *s = as_section_get(c, name);
    int have_flags = 0, have_type = 0;
    uint64_t flags = 0;
    for (int i = 1; i < a->n; i++) {
        as_arg *x = &a->v[i];
        if (x->kind == ARG_STR && !have_flags) {
            have_flags = 1;
            for (size_t k = 0; k < x->len; k++) {
                switch (x->str[k]) {
                case 'a': flags |= SHF_ALLOC; break;
                case 'w': flags |= SHF_WRITE; break;
                case 'x': flags |= SHF_EXECINSTR; break;
                case 'M': flags |= SHF_MERGE; break;
                case 'S': flags |= SHF_STRINGS; break;
                default:
                    as_error(c, x->loc, "unknown section flag `%c` (use a, w, x)", x->str[k]);
                }
            }
        } else if (x->kind == ARG_AT) {
            have_type = 1;
            if (strcmp(x->str, "progbits") == 0)
                s->type = SHT_PROGBITS;
            else if (strcmp(x->str, "nobits") == 0)
                s->type = SHT_NOBITS;
            else if (strcmp(x->str, "note") == 0)
                s->type = SHT_NOTE;
            else
                as_error(c, x->loc, "unknown section type `@%s` (use @progbits or @nobits)",
                         x->str);
        } else if (x->kind == ARG_KV && strcmp(x->str, "color") == 0) {
            int64_t v;
            if (as_eval_abs(c, x->e, (as_where){0, 0}, &v, 0))
                continue;
            if (v < 0 || v >= GL_COLORS) {
                as_error(c, x->loc, "color %lld out of range 0..15", (long long)v);
                continue;
            }
            s->color = (unsigned)v;
        } else {
            as_error(c, x->loc, "`.section`: unexpected argument %d (expected \"flags\", "
                                "@type or color=N)", i + 1);
        }
    }
    (void)have_type;
    if (have_flags) {
        s->flags = flags;
        if (flags & SHF_EXECINSTR) {
            s->code = 1;
            if (s->align < 2)
                s->align = 2;
        }
        if (s->is_const && (flags & SHF_WRITE))
            as_error(c, loc, "section `%s` holds immediate blocks and cannot be writable",
                     s->name);
    }
    as_section_switch(c, s);
}

static void d_symbols(as_ctx *c, const char *d, as_args *a, as_loc loc, int global)
{
    if (!want_args(c, d, a, 1, 2, loc))
        return;
    as_sym *s = arg_sym(c, a, 0, d);
    if (!s)
        return;
    if (global == 2) {
        s->weak = 1;
        s->global = 1;
    } else if (global) {
        s->global = 1;
    } else {
        s->local = 1;
        s->global = 0;
    }
    if (a->n == 2) {
        as_sym *k = arg_sym(c, a, 1, d);
        if (k)
            s->const_name = k->name;
    }
    if (global && s->kind == SYM_LABEL && s->sec->code && !s->entry_of)
        as_warning(c, loc, "`%s %s` after its label: it does not start a function; "
                           "declare it before the label", d, s->name);
}

static void d_type(as_ctx *c, as_args *a, as_loc loc)
{
    if (!want_args(c, ".type", a, 2, 2, loc))
        return;
    as_sym *s = arg_sym(c, a, 0, ".type");
    if (!s)
        return;
    const char *t = NULL;
    if (a->v[1].kind == ARG_AT || a->v[1].kind == ARG_STR)
        t = a->v[1].str;
    else if (a->v[1].kind == ARG_EXPR && a->v[1].e->kind == EX_SYM)
        t = a->v[1].e->sym->name;
    if (t && (strcmp(t, "function") == 0 || strcmp(t, "STT_FUNC") == 0)) {
        s->is_function = 1;
        if (s->kind == SYM_LABEL && s->sec->code && !s->entry_of)
            as_warning(c, loc, "`.type %s, @function` after its label: it does not start "
                               "a function; put it before the label", s->name);
    } else if (t && (strcmp(t, "object") == 0 || strcmp(t, "STT_OBJECT") == 0)) {
        s->is_object = 1;
    } else if (t && strcmp(t, "notype") == 0) {
        /* nothing */
    } else {
        as_error(c, a->v[1].loc, "`.type`: expected @function, @object or @notype");
    }
}

static void d_common(as_ctx *c, as_args *a, as_loc loc)
{
    if (!want_args(c, ".common", a, 2, 3, loc))
        return;
    as_sym *s = arg_sym(c, a, 0, ".common");
    int64_t size, align = 8;
    if (!s || arg_abs(c, a, 1, ".common", &size) ||
        (a->n > 2 && arg_abs(c, a, 2, ".common", &align)))
        return;
    if (size < 0 || align <= 0 || (align & (align - 1))) {
        as_error(c, loc, "`.common`: size must be >= 0 and alignment a power of two");
        return;
    }
    if (s->kind == SYM_COMMON) {
        if ((uint64_t)size > s->common_size)
            s->common_size = (uint64_t)size;
        return;
    }
    if (!define_ok(c, s, loc))
        return;
    if (s->local) {
        /* `.local sym` first: a local common is space in .bss of this
         * object, as in GNU as, never a global symbol shared with others */
        if (size > (1 << 30)) {
            as_error(c, a->v[1].loc, "`.common` size %lld out of range 0..2^30",
                     (long long)size);
            return;
        }
        as_section *b = as_section_get(c, ".bss");
        as_item *al = as_item_new(c, b, IT_ALIGN, loc);
        al->u.align.align = (uint64_t)align;
        al->u.align.fill = -1;
        if ((uint64_t)align > b->align)
            b->align = (uint64_t)align;
        s->kind = SYM_LABEL;
        s->sec = b;
        s->def_loc = loc;
        s->is_object = 1;
        s->item = as_item_new(c, b, IT_LABEL, loc);
        s->size = as_expr_keep(c, as_expr_num(c, size, loc));
        as_item *z = as_item_new(c, b, IT_FILL, loc);
        z->u.fill.count = (uint64_t)size;
        z->size = (uint64_t)size;
        return;
    }
    s->kind = SYM_COMMON;
    s->common_size = (uint64_t)size;
    s->common_align = (uint64_t)align;
    s->global = 1;
    s->def_loc = loc;
}

static void d_size(as_ctx *c, as_args *a, as_loc loc)
{
    if (!want_args(c, ".size", a, 2, 2, loc))
        return;
    as_sym *s = arg_sym(c, a, 0, ".size");
    as_expr *e = arg_expr(c, a, 1, ".size");
    if (s && e)
        s->size = as_expr_keep(c, bind_dot(c, e, loc));
}

static void d_color(as_ctx *c, as_args *a, as_loc loc)
{
    int64_t v;
    if (!want_args(c, ".color", a, 1, 1, loc) || arg_abs(c, a, 0, ".color", &v))
        return;
    if (v < 0 || v >= GL_COLORS) {
        as_error(c, a->v[0].loc, "color %lld out of range 0..15", (long long)v);
        return;
    }
    c->cur->color = (unsigned)v;
}

/* .compartment NAME: the sections selected from here on belong to
 * compartment NAME (docs/asm.md); the linker colors compartments. */
static void d_compartment(as_ctx *c, as_args *a, as_loc loc)
{
    if (!want_args(c, ".compartment", a, 1, 1, loc))
        return;
    char buf[GL_COMPARTMENT_NAME_MAX + 2];
    size_t bn = 0;
    const char *name = NULL;
    if (a->v[0].kind == ARG_STR && a->v[0].len < sizeof buf) {
        memcpy(buf, a->v[0].str, a->v[0].len);
        buf[a->v[0].len] = 0;
        name = buf;
    } else if (a->v[0].kind == ARG_EXPR && a->v[0].e->kind == EX_SYM) {
        name = a->v[0].e->sym->name;
    } else if (a->v[0].kind == ARG_EXPR && dashed_name(a->v[0].e, buf, sizeof buf, &bn)) {
        name = buf;
    }
    if (!name || !gl_compartment_name_ok(name, strlen(name))) {
        as_error(c, a->v[0].loc, "`.compartment` needs a name (letters, digits, `_`, `.`, "
                                 "`-`, starting with a letter or `_`, at most %d bytes)",
                 GL_COMPARTMENT_NAME_MAX);
        return;
    }
    c->compartment = as_strdup(c, name);
}

static void d_ident(as_ctx *c, as_args *a, as_loc loc)
{
    if (!want_args(c, ".ident", a, 1, 1, loc) || a->v[0].kind != ARG_STR) {
        if (nargs(a) == 1)
            as_error(c, a->v[0].loc, "`.ident` needs a string");
        return;
    }
    as_section *s = as_section_get(c, ".comment");
    s->type = SHT_PROGBITS;
    s->flags = SHF_MERGE | SHF_STRINGS;
    if (!s->first) { /* the section starts with an empty string, as GNU as */
        as_item *z = as_item_new(c, s, IT_FILL, loc);
        z->u.fill.count = 1;
        z->size = 1;
    }
    as_item *it = as_item_new(c, s, IT_BYTES, loc);
    it->u.bytes.n = a->v[0].len + 1;
    it->u.bytes.p = as_alloc(c, it->u.bytes.n);
    memcpy(it->u.bytes.p, a->v[0].str, a->v[0].len);
    it->size = it->u.bytes.n;
}

static void d_file(as_ctx *c, as_args *a, as_loc loc)
{
    int n = nargs(a);
    if (n == 1 && a->v[0].kind == ARG_STR) {
        c->file_sym = as_strndup(c, a->v[0].str, a->v[0].len);
        return;
    }
    if (n >= 2 && a->v[0].kind == ARG_EXPR)
        return; /* `.file N "name"` (DWARF line tables): not needed */
    as_error(c, loc, "`.file` needs a file name in double quotes");
}

static void d_equ(as_ctx *c, const char *d, as_args *a, as_loc loc, int redefine)
{
    if (!want_args(c, d, a, 2, 2, loc))
        return;
    as_sym *s = arg_sym(c, a, 0, d);
    as_expr *e = arg_expr(c, a, 1, d);
    if (s && e)
        as_assign(c, s->name, e, loc, redefine);
}

/* ---- the directive table -------------------------------------------------- */

enum {
    D_DATA,        /* arg: width */
    D_STRING,      /* arg: 1 adds a NUL */
    D_ZERO,
    D_ALIGN,       /* arg: 1 for a power of two, 0 for bytes */
    D_SYMBOLS,     /* arg: 1 global, 2 weak, 0 local */
    D_SWITCH,      /* the section of the directive's name */
    D_SECTION,
    D_PUSHSECTION,
    D_POPSECTION,
    D_PREVIOUS,
    D_COLOR,
    D_COMPARTMENT,
    D_COMMON,
    D_EQU,         /* arg: 1 may redefine (.set, .equ), 0 once (.equiv) */
    D_FILE,
    D_IDENT,
    D_SIZE,
    D_TYPE
};

struct directive {
    const char *name;
    int kind, arg;
};

static const struct directive directives[] = {
    {".byte", D_DATA, 1}, {".short", D_DATA, 2}, {".hword", D_DATA, 2}, {".2byte", D_DATA, 2},
    {".long", D_DATA, 4}, {".int", D_DATA, 4}, {".4byte", D_DATA, 4},
    {".quad", D_DATA, 8}, {".8byte", D_DATA, 8}, {".dword", D_DATA, 8}, {".octa", D_DATA, 16},
    {".string", D_STRING, 1}, {".asciz", D_STRING, 1}, {".ascii", D_STRING, 0},
    {".zero", D_ZERO, 0}, {".skip", D_ZERO, 0}, {".space", D_ZERO, 0},
    {".align", D_ALIGN, 1}, {".p2align", D_ALIGN, 1}, {".balign", D_ALIGN, 0},
    {".globl", D_SYMBOLS, 1}, {".global", D_SYMBOLS, 1}, {".weak", D_SYMBOLS, 2},
    {".local", D_SYMBOLS, 0},
    {".text", D_SWITCH, 0}, {".data", D_SWITCH, 0}, {".rodata", D_SWITCH, 0},
    {".bss", D_SWITCH, 0}, {".const", D_SWITCH, 0},
    {".section", D_SECTION, 0}, {".pushsection", D_PUSHSECTION, 0},
    {".popsection", D_POPSECTION, 0}, {".previous", D_PREVIOUS, 0},
    {".color", D_COLOR, 0}, {".compartment", D_COMPARTMENT, 0},
    {".common", D_COMMON, 0}, {".comm", D_COMMON, 0},
    {".equ", D_EQU, 1}, /* GNU: .equ is .set */
    {".set", D_EQU, 1}, {".equiv", D_EQU, 0},
    {".file", D_FILE, 0}, {".ident", D_IDENT, 0}, {".size", D_SIZE, 0}, {".type", D_TYPE, 0},
};

#define NDIRECTIVES (sizeof directives / sizeof directives[0])

/* Hashed on first use. */
static const struct directive *find_directive(as_ctx *c, const char *name)
{
    if (!c->dirindex) {
        c->dirindex = as_index_new(c, NDIRECTIVES);
        for (size_t i = 0; i < NDIRECTIVES; i++)
            as_index_add(c->dirindex, directives[i].name, (int)i);
    }
    int i = as_index_find(c->dirindex, name, strlen(name));
    return i < 0 ? NULL : &directives[i];
}

void as_stmt(as_ctx *c, const char *name, as_args *a, as_loc loc)
{
    /* an argument may be left out only where GNU as allows it: the fill
     * of the align directives (`.p2align 4,,15`, as GCC writes it) */
    for (int i = 0; a && i < a->n; i++) {
        if (a->v[i].kind != ARG_NONE)
            continue;
        int may_omit = strcmp(name, ".align") == 0 || strcmp(name, ".p2align") == 0 ||
                       strcmp(name, ".balign") == 0;
        if (!may_omit || i != 1) {
            as_error(c, a->v[i].loc, "syntax error, empty %s %d", name[0] == '.' ?
                     "argument" : "operand", i + 1);
            return;
        }
    }
    if (name[0] != '.' || strcmp(name, ".") == 0) {
        as_insn(c, name, a, loc);
        return;
    }
    const struct directive *d = find_directive(c, name);
    switch (d ? d->kind : -1) {
    case D_DATA: d_data(c, name, a, loc, (unsigned)d->arg); break;
    case D_STRING: d_string(c, name, a, loc, d->arg); break;
    case D_ZERO: d_zero(c, name, a, loc); break;
    case D_ALIGN: d_align(c, name, a, loc, d->arg); break;
    case D_SYMBOLS: d_symbols(c, name, a, loc, d->arg); break;
    case D_SWITCH:
        if (nargs(a))
            as_error(c, loc, "`%s` takes no arguments (subsections are not supported)", name);
        as_section_switch(c, as_section_get(c, name));
        break;
    case D_SECTION: d_section(c, a, loc); break;
    case D_PUSHSECTION:
        if (c->nsecstack == 32) {
            as_error(c, loc, "`.pushsection` nested more than 32 deep");
            return;
        }
        c->secstack[c->nsecstack++] = c->cur;
        d_section(c, a, loc);
        break;
    case D_POPSECTION:
        if (!c->nsecstack)
            as_error(c, loc, "`.popsection` without `.pushsection`");
        else
            as_section_switch(c, c->secstack[--c->nsecstack]);
        break;
    case D_PREVIOUS:
        if (c->prev)
            as_section_switch(c, c->prev);
        break;
    case D_COLOR: d_color(c, a, loc); break;
    case D_COMPARTMENT: d_compartment(c, a, loc); break;
    case D_COMMON: d_common(c, a, loc); break;
    case D_EQU: d_equ(c, name, a, loc, d->arg); break;
    case D_FILE: d_file(c, a, loc); break;
    case D_IDENT: d_ident(c, a, loc); break;
    case D_SIZE: d_size(c, a, loc); break;
    case D_TYPE: d_type(c, a, loc); break;
    default: as_error(c, loc, "unknown directive `%s`", name);
    }
}

/* End of input: undefined local labels, function block symbols. */
void as_finish_symbols(as_ctx *c)
{
    for (size_t i = 0; i < c->hashsize; i++) {
        for (as_sym *s = c->hash[i]; s; s = s->hnext) {
            if (s->kind == SYM_UNDEF && !s->internal && strchr(s->name, '\002')) {
                const char *p = strchr(s->name, '\002');
                as_error(c, s->ref_loc, "undefined local label `%.*sf` (no `%.*s:` after it)",
                         (int)(p - s->name), s->name, (int)(p - s->name), s->name);
            }
        }
    }
}
