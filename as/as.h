/*
 * as.h - glyph-as internals, one banner section per source file.
 *
 * Pipeline (main.c):
 *   source.c   lines from files, .include, macros, .rept, .if
 *   lexer.l    one line to tokens      parser.y   tokens to statements
 *   stmt.c     directives              insn.c     instructions, pseudo-ops
 *   func.c     functions and their immediate blocks (pools)
 *   layout.c   addresses, relaxation, final bytes and relocation records
 *   elfout.c   the ET_REL object (libelf)   listing.c  -a listing
 *
 * Everything a run needs hangs off one as_ctx; memory comes from its
 * arenas (the run's, the items', and one line's: reused for every line)
 * or from growable vectors freed with it.
 */
#ifndef GLYPH_AS_H
#define GLYPH_AS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "isa.h"

/* Errors shown before the assembler stops reading its input. */
#define AS_MAX_ERRORS 50

typedef struct as_ctx as_ctx;
typedef struct as_sym as_sym;
typedef struct as_section as_section;
typedef struct as_item as_item;
typedef struct as_func as_func;
typedef struct as_chunk as_chunk;

/* ---- arena.c, diag.c: memory, vectors, diagnostics ---------------------- */

typedef struct as_loc {
    const char *file; /* arena string */
    int line, col;
} as_loc;

void *as_alloc(as_ctx *c, size_t n);            /* zeroed, arena */
char *as_strndup(as_ctx *c, const char *s, size_t n);
char *as_strdup(as_ctx *c, const char *s);
/* The line arena: what a line's parse makes (tokens, operand lists,
 * expression nodes) lives until the next line is parsed.  Whatever is
 * kept longer is copied out: as_expr_keep, as_intern. */
void *as_line_alloc(as_ctx *c, size_t n);
/* Items have an arena of their own: in the order the layout passes walk
 * them, not spread among symbols and expressions. */
void *as_item_alloc(as_ctx *c, size_t n);
void as_line_reset(as_ctx *c);
void as_arena_free(as_chunk **head);
void *as_xrealloc(void *p, size_t n);           /* aborts on OOM */

void as_error(as_ctx *c, as_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void as_warning(as_ctx *c, as_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void as_note(as_ctx *c, as_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error with no source position ("glyph-as: error: ..."). */
void as_fatal(as_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- expr.c: expressions and their values ----------------------------- */

enum as_expr_kind {
    EX_NUM, /* num */
    EX_SYM, /* sym */
    EX_DOT, /* "." : the location of the statement using it */
    EX_UN,  /* op l */
    EX_BIN  /* l op r */
};

typedef struct as_expr {
    uint8_t kind;
    uint8_t paren; /* written in parentheses: "(s0)" can be a base reg */
    uint8_t literal; /* a number as written (unsigned: .octa zero-extends it) */
    uint8_t line;  /* in the line arena: as_expr_keep before storing it */
    int op;        /* operator character or token for EX_UN / EX_BIN */
    int64_t num;
    as_sym *sym;
    struct as_expr *l, *r;
    int depth;     /* levels of operators (recursion bound, AS_MAX_EXPR_DEPTH) */
    as_loc loc;
} as_expr;

/* Deeper expression trees are an error, not a stack overflow in the
 * recursive evaluator; evaluation through symbol definitions is bounded
 * by AS_MAX_EVAL_DEPTH. */
#define AS_MAX_EXPR_DEPTH 1000
#define AS_MAX_EVAL_DEPTH 10000

/* A value: num + sum of coef * symbol address (labels, undefined symbols).
 * Terms in one section are folded (their difference is a number). */
#define AS_MAX_TERMS 8
typedef struct as_term {
    as_sym *sym;
    int coef;
} as_term;

typedef struct as_value {
    int64_t num;
    int nterms;
    as_term t[AS_MAX_TERMS];
} as_value;

/* Where "." is while evaluating. */
typedef struct as_where {
    as_section *sec;
    as_item *item;
} as_where;

as_expr *as_expr_num(as_ctx *c, int64_t v, as_loc loc);
as_expr *as_expr_sym(as_ctx *c, as_sym *s, as_loc loc);
as_expr *as_expr_dot(as_ctx *c, as_loc loc);
as_expr *as_expr_un(as_ctx *c, int op, as_expr *l, as_loc loc);
as_expr *as_expr_bin(as_ctx *c, int op, as_expr *l, as_expr *r, as_loc loc);
/* Evaluate; 0 on success, -1 after reporting an error. */
int as_eval(as_ctx *c, const as_expr *e, as_where w, as_value *out);
/* Absolute value now (symbols defined so far); quiet: no message. */
int as_eval_abs(as_ctx *c, const as_expr *e, as_where w, int64_t *out, int quiet);
int as_expr_equal(const as_expr *a, const as_expr *b);
/* The tree with every node made during this line's parse copied out of
 * the line arena: call it on any expression stored beyond the line. */
as_expr *as_expr_keep(as_ctx *c, as_expr *e);
/* Is the expression a bare (or parenthesized) register name? -1 if not. */
int as_expr_reg(const as_expr *e);
/* Section of a label or location symbol (after following .equ aliases). */
as_section *as_value_section(const as_value *v);

/* ---- symbols.c -------------------------------------------------------- */

enum as_sym_kind {
    SYM_UNDEF,  /* referenced, not (yet) defined */
    SYM_LABEL,  /* sec + item->off */
    SYM_EQU,    /* expression (.equ/.set/=) */
    SYM_COMMON  /* .common */
};

struct as_sym {
    char *name;
    as_sym *hnext;
    uint8_t kind;
    uint8_t global, local, weak;
    uint8_t internal;   /* assembler's own location marker, never emitted */
    uint8_t is_function;/* .type @function */
    uint8_t is_object;  /* .type @object */
    uint8_t evaluating; /* .equ cycle check */
    uint8_t equ_label;  /* the .equ expression is known to use a label */
    uint8_t used;
    int8_t reg;         /* register the name is (gl_reg_parse, once), or -1 */
    uint32_t hash;      /* of the name (symbols.c), compared before the name */
    as_section *sec;
    as_item *item;      /* label: the item whose offset is the value */
    as_expr *equ;
    as_expr *size;      /* .size */
    as_func *func;      /* function a text label lies in */
    as_func *entry_of;  /* the function this symbol is the entry of */
    char *const_name;   /* second name of .globl sym,constsym */
    uint64_t common_size, common_align;
    as_loc def_loc, ref_loc;
    int elf_index;
};

/* Find or create (as undefined). */
as_sym *as_sym_get(as_ctx *c, const char *name, size_t n);
as_sym *as_sym_find(as_ctx *c, const char *name);
/* A hash of a fixed set of names (static strings) to numbers: for the
 * mnemonics of the lib table and the directive table. */
typedef struct as_index {
    size_t cap;
    struct as_index_slot {
        const char *name;
        size_t len;
        int val;
    } *slot;
} as_index;
as_index *as_index_new(as_ctx *c, size_t names);
int as_index_find(const as_index *x, const char *s, size_t n); /* -1: absent */
void as_index_add(as_index *x, const char *name, int val);     /* a new name */
/* A lasting copy of s, one per distinct string. */
const char *as_intern(as_ctx *c, const char *s, size_t n);
/* A fresh object for a redefined .set symbol: earlier uses keep the old. */
as_sym *as_sym_rebind(as_ctx *c, as_sym *old);
/* A fresh internal symbol (".L.locN", never written out), undefined. */
as_sym *as_sym_internal(as_ctx *c);
/* A fresh internal symbol marking item (in its section). */
as_sym *as_sym_at(as_ctx *c, as_section *s, as_item *it);
/* Numeric local labels: "N:" defines, "Nb" / "Nf" refer. */
as_sym *as_numlabel_ref(as_ctx *c, uint64_t n, int forward, as_loc loc);
as_sym *as_numlabel_def(as_ctx *c, uint64_t n);
uint64_t as_sym_value(const as_sym *s); /* label offset in its section */

/* ---- sections.c ------------------------------------------------------- */

enum as_item_kind {
    IT_LABEL, /* a position */
    IT_INSN,  /* an instruction (maybe relaxed) */
    IT_DATA,  /* one value of width 1..16 (expression) */
    IT_BYTES, /* literal bytes */
    IT_FILL,  /* count bytes of fill */
    IT_ALIGN, /* pad to a power of two */
    IT_BLOCK, /* a function's immediate block (in .const) */
    IT_CODE   /* instructions whose bytes were final when read (s->code_bytes) */
};

typedef struct as_reloc {
    uint64_t off;
    unsigned type;
    as_sym *sym; /* NULL: the section symbol of sec */
    as_section *sec;
    int64_t addend;
} as_reloc;

struct as_item {
    as_item *next;
    as_loc loc;
    uint64_t off;   /* start (after the pad for IT_BLOCK) */
    uint64_t size;  /* bytes, including padding */
    as_sym *dotsym; /* internal symbol marking this item (as_sym_at) */
    int list_line;  /* listing entry index, -1 if none */
    uint8_t kind;
    union {
        struct {
            union {
                as_expr *imm;    /* immediate (!numimm) */
                int64_t num;     /* ... when it is a plain number (numimm) */
            };
            const char *text;/* mnemonic as written, for messages */
            as_func *func;   /* function it lies in (code sections) */
            int err;         /* last encoding error during layout */
            uint16_t op;
            uint8_t rc, rb, ra;
            uint8_t len;     /* current length */
            uint8_t lens;    /* allowed: GL_L16|GL_L32|GL_L64 */
            uint8_t pcrel;   /* imm is a target address, not a number */
            uint8_t branch;  /* j/b to a label: suggest fixes on overflow */
            uint8_t numimm;  /* the immediate is num (no expression kept) */
        } insn;
        struct {
            unsigned width;
            as_expr *e;
        } data;
        struct {
            uint8_t *p;
            size_t n;
        } bytes;
        struct {
            uint64_t count;
            uint8_t fill;
        } fill;
        struct {
            uint64_t align; /* bytes, power of two */
            uint64_t max;   /* 0: no limit */
            int fill;       /* -1: default (nop in code, 0 elsewhere) */
        } align;
        struct {
            as_func *f;
            uint64_t pad;
        } block;
        struct {
            size_t start, n; /* s->code_bytes[start .. start + n) */
            size_t nmin;     /* the size before relaxation: every instruction
                              * at its shortest allowed length, as an
                              * IT_INSN would start (same layout passes) */
        } code;
    } u;
};

/* Items made by the line being parsed, in order, with the item before
 * each in its section.  At the end of the line their expressions are
 * kept, and machine instructions whose encoding is already final (no
 * symbol, no relaxation, even offset) become bytes of an IT_CODE run:
 * a file of fixed instructions costs a few bytes each, not an item. */
typedef struct as_line_item {
    as_item *it, *prev;
    as_section *s;
    int in_line;  /* allocated in the line arena (as_item_new_insn) */
} as_line_item;

struct as_section {
    char *name;
    uint32_t type;   /* SHT_PROGBITS / SHT_NOBITS */
    uint64_t flags;  /* SHF_*, color in bits 31..28 */
    unsigned color;
    const char *compartment; /* .compartment in effect when selected */
    uint64_t align;
    uint8_t code;    /* holds instructions: functions live here */
    uint8_t is_const;
    as_item *first, *last;
    as_func *cur_func;
    as_section *next;
    uint64_t size;
    uint8_t *data;   /* final bytes */
    as_reloc *relocs;
    size_t nrelocs, caprelocs;
    int index;       /* ELF section index */
    int rela_index;
    int symindex;    /* section symbol */
    int nfuncs;
    int nbranch;     /* j/b items to labels (relaxed; none: passes skip it) */
    uint8_t *code_bytes; /* IT_CODE bytes */
    size_t ncode, capcode;
    uint8_t parity;  /* offset parity so far while reading: 0 even, 1 odd, 2 unknown */
};

/* Find or create a section by name; flags/type from the name's kind. */
as_section *as_section_get(as_ctx *c, const char *name);
void as_section_switch(as_ctx *c, as_section *s);
as_item *as_item_new(as_ctx *c, as_section *s, int kind, as_loc loc);
/* An instruction or data item that nothing but its section will point
 * to: it may become bytes of an IT_CODE run when the line ends. */
as_item *as_item_new_final(as_ctx *c, as_section *s, int kind, as_loc loc);
/* The line is parsed: keep its items' expressions, form IT_CODE runs. */
void as_line_items_done(as_ctx *c);
/* The .const section that holds blocks of code section s. */
as_section *as_const_section_for(as_ctx *c, as_section *s);
void as_reloc_add(as_ctx *c, as_section *s, uint64_t off, unsigned type,
                  as_sym *sym, as_section *symsec, int64_t addend);

/* ---- func.c: functions and immediate blocks --------------------------- */

typedef struct as_pent {
    unsigned size;    /* 4 or 8 */
    unsigned lanes;   /* 8-byte entry: 1 (64-bit value) or 2 (i32x2) */
    union {
        as_expr *e[2];
        int64_t num[2]; /* lane l is a plain number (isnum[l]): no tree kept */
    };
    as_where w;       /* "." for the expressions */
    uint32_t off;     /* byte offset in the block */
    uint8_t isnum[2];
    as_loc loc;
} as_pent;

struct as_func {
    as_sym *entry;    /* NULL for an implicit (unnamed) function */
    as_sym *block;    /* label of the immediate block */
    as_section *text, *csec;
    as_pent *ents;
    size_t nents, cap;
    uint32_t bytes;   /* allocated bytes (multiple of 4) */
    int32_t hole;     /* a free 4-byte slot left by 8-byte alignment, or -1 */
    as_item *block_item;
    uint8_t closed, implicit;
    char *name;       /* for messages */
    as_sym *self_block; /* internal alias of block: the function's own ib */
    as_func *next;
};

/* Current function of the current code section (created implicitly). */
as_func *as_func_current(as_ctx *c, as_loc loc);
/* A label was defined in a code section: maybe start a function. */
void as_func_label(as_ctx *c, as_sym *s, as_loc loc);
/* Allocate a constant; returns its index in units of size, or -1. */
long as_pool_add(as_ctx *c, as_func *f, unsigned size, unsigned lanes,
                 as_expr *e0, as_expr *e1, as_where w, as_loc loc);
void as_func_close(as_ctx *c, as_func *f);
/* Internal (never preemptible) aliases of f's entry and of its block, for
 * the function's references to itself: a weak function overridden by
 * another object keeps running its own copy with its own ib. */
as_sym *as_func_self_entry(as_ctx *c, as_func *f);
as_sym *as_func_self_block(as_ctx *c, as_func *f);
void as_func_close_all(as_ctx *c);

/* ---- insn.c: instructions and pseudo-instructions ---------------------- */

typedef struct as_arg {
    enum {
        ARG_EXPR,  /* expr (also a register name) */
        ARG_MEM,   /* expr(base) */
        ARG_IB,    /* ibN(expr) */
        ARG_IBPC,  /* ibN(expr)(pc) */
        ARG_STR,   /* "string" */
        ARG_AT,    /* @name */
        ARG_KV,    /* name=expr */
        ARG_NONE   /* left out: `.p2align 4,,15` (only the align directives) */
    } kind;
    as_expr *e, *base;
    int ibsize;
    char *str;   /* string bytes / @name / key */
    size_t len;
    as_loc loc;
} as_arg;

typedef struct as_args {
    as_arg *v;
    int n, cap;
} as_args;

void as_insn(as_ctx *c, const char *mn, as_args *a, as_loc loc);
/* A vector whose ib lane names the target's block: fixed at the end. */
typedef struct as_pending {
    as_func *f;
    size_t ent;        /* index into f->ents */
    int lane;          /* which expression to fill */
    as_sym *target;
    int64_t ib_shift;  /* ib was moved this far (bytes) when the vector is read */
    as_loc loc;
} as_pending;
/* Pre-layout: far j / b targets (needs every label defined). */
void as_insn_classify(as_ctx *c);
/* After a layout: j beyond the 32-bit reach becomes far; returns how many. */
int as_insn_far_jumps(as_ctx *c);

/* ---- stmt.c: directives and labels ------------------------------------ */

void as_stmt(as_ctx *c, const char *name, as_args *a, as_loc loc);
void as_label(as_ctx *c, const char *name, as_loc loc);
void as_numlabel(as_ctx *c, uint64_t n, as_loc loc);
void as_assign(as_ctx *c, const char *name, as_expr *e, as_loc loc, int redefine);
void as_finish_symbols(as_ctx *c);

/* ---- source.c: line sources ------------------------------------------- */

int as_assemble_file(as_ctx *c, const char *path);
/* Parse text as an absolute expression (for .if / .rept / --defsym). */
int as_parse_expr(as_ctx *c, const char *text, size_t n, as_loc loc, as_expr **out);
void as_source_free(as_ctx *c);

/* ---- parse glue (parser.y) -------------------------------------------- */

/* Parse one line (1) or one expression (2); errors are reported. */
int as_parse_line(as_ctx *c, const char *text, size_t n, as_loc loc,
                  int mode, as_expr **expr_out);
void as_parse_free(as_ctx *c); /* the scanner kept between lines */

/* ---- layout.c --------------------------------------------------------- */

void as_layout(as_ctx *c);
/* The little-endian bytes of number x as a width-byte value (a vector
 * lane: signed 32-bit; zext: a 16-byte value zero-extends); 0 if it does
 * not fit (the bytes are written anyway). */
int as_number_bytes(int64_t x, unsigned width, int lane, int zext, uint8_t *p);
void as_emit(as_ctx *c);

/* ---- passes.c: the assembler as a sequence of passes ------------------- */

/* The sections every object has (.text current, .data, .bss). */
void as_begin(as_ctx *c);
/* Read and parse the files, resolve, lay out and emit; 0 when the object
 * can be written (as_write_elf), -1 after errors. */
int as_passes(as_ctx *c, const char *const *files, int nfiles);
/* Free everything the context owns. */
void as_ctx_free(as_ctx *c);

/* ---- depfile.c: -MD / -MF ---------------------------------------------- */

/* Remember a file read (an input or an .include), when a depfile is wanted. */
void as_dep_add(as_ctx *c, const char *path);
/* Write "target: deps..." to c->depfile; 0 or -1 after an error. */
int as_write_depfile(as_ctx *c, const char *target);

/* ---- dwarf.c: -g line information ----------------------------------- */

/* The .debug_* sections (DWARF version c->debug) for the laid-out code;
 * primary names the first source file. */
void as_dwarf(as_ctx *c, const char *primary);

/* ---- elfout.c --------------------------------------------------------- */

int as_write_elf(as_ctx *c, int fd);

/* ---- listing.c -------------------------------------------------------- */

int as_listing_line(as_ctx *c, as_loc loc, const char *text, size_t n);
void as_listing_print(as_ctx *c, FILE *out);

/* ---- the context ------------------------------------------------------ */

typedef struct as_macro as_macro;
typedef struct as_frame as_frame;

typedef struct as_listent {
    as_loc loc;
    char *text;
} as_listent;

struct as_ctx {
    const char *prog;
    as_chunk *arena;
    as_chunk *line_arena; /* this line's parse (as_line_alloc) */
    as_chunk *item_arena; /* as_item_alloc */
    int parsing;        /* inside as_parse_line: new expressions are the line's */
    void *scanner;      /* flex scanner, reused for every line */
    char *linebuf;      /* the line handed to it (yy_scan_buffer's two NULs) */
    size_t linecap;
    as_line_item *line_items; /* items made by this line's parse (as_item_new) */
    size_t nline_items, capline_items;
    int errors, warnings;
    int max_errors;     /* reading stops at this many (AS_MAX_ERRORS) */
    int quiet;          /* layout iterations: errors are not reported */

    /* options */
    const char **incdirs;
    int nincdirs;
    int debug;          /* -g: the DWARF version to write, 0: none */

    struct as_opindex *opindex; /* mnemonic -> ops (insn.c) */
    as_index *dirindex;         /* directive -> table entry (stmt.c) */

    /* symbols */
    as_sym **hash;
    size_t hashsize, nsyms;
    const char **interned; /* as_intern */
    size_t ninterned, capinterned;
    uint64_t *numlabel_count; /* instances defined per local label number */
    size_t numlabel_cap;
    int ninternal;

    /* sections */
    as_section *sections, *last_section;
    int nsections;
    as_section *cur, *prev;
    const char *compartment;   /* set by .compartment, for sections selected next */
    as_section *secstack[32];  /* .pushsection */
    int nsecstack;
    as_func *funcs, *last_func;
    int nimplicit;

    /* sources */
    as_frame *frame;
    int depth;          /* frames open (files + expansions) */
    as_macro *macros;
    struct as_cond *conds;
    int nconds, capconds;
    struct as_rec *rec; /* recording a .macro / .rept / .irp body */
    int expansions;     /* \@ counter */
    int in_comment;
    as_loc comment_loc; /* where the open block comment started */
    as_loc cur_loc;     /* the line being parsed */
    int cur_list;       /* its listing entry, -1 if none */
    int lex_error;      /* the lexer already reported this line */
    int eval_depth;     /* as_eval recursion (AS_MAX_EVAL_DEPTH) */
    int eval_too_deep;  /* ... was exceeded: report at the outermost level */
    int keep_weak;      /* evaluating bytes of the object: weak labels stay
                         * symbols (relocations), never folded to a number */

    /* listing */
    int listing;
    as_listent *list;
    size_t nlist, caplist;

    as_pending *pend;
    size_t npend, cappend;
    int njumps;         /* relaxed `j` items: as_insn_far_jumps has work */

    /* -MD / -MF: the dependency file and the files read */
    const char *depfile;
    char **deps;
    size_t ndeps, capdeps;

    /* .file / .ident */
    char *file_sym;
};

#endif
