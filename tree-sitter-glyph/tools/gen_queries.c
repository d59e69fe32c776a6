/*
 * gen_queries.c - fill the generated part of queries/highlights.scm from
 * the instruction table and the register names.
 *
 *   gen_queries [--helix] TEMPLATE OUTPUT
 *
 * Copies TEMPLATE to OUTPUT, replacing the lines between "; BEGIN
 * GENERATED" and "; END GENERATED" with patterns that name every mnemonic
 * of lib/isa.def (with its .n/.w/.x length suffixes), every register name
 * of lib/regs.c and every system register of lib/sysregs.def.  The grammar
 * treats mnemonics and registers as plain names, so a new isa.def row
 * reaches highlighting through this program alone.
 *
 * --helix writes the same query with the capture names Helix's themes
 * use where they differ from the common ones (Neovim, Zed, the CLI):
 * `@number` is Helix's `@constant.numeric`, and so on (helix_names).
 *
 * Mnemonic classes follow the operand syntax: pc- and ib-relative jumps
 * and links are control flow, memory operands (and pc-relative loads and
 * stores) are loads/stores, system register and no-operand/number ops are
 * system.  Pseudo-instructions and the specification's spellings are
 * implemented in as/insn.c, not in the table; they are listed below and
 * tests/treesitter/names.sh checks glyph-as accepts each name listed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isa.h"

enum cls {
    CLS_CONTROL, /* @keyword.control */
    CLS_MEMORY,  /* @function.builtin.memory */
    CLS_SYSTEM,  /* @keyword.system */
    CLS_PSEUDO,  /* @function.builtin.pseudo */
    CLS_CONTROL_PSEUDO, /* @keyword.control.pseudo */
    CLS_OTHER,   /* @function.builtin */
    NCLS
};

static const char *const capture[NCLS] = {
    "keyword.control", "function.builtin.memory", "keyword.system",
    "function.builtin.pseudo", "keyword.control.pseudo", "function.builtin",
};

/* as/insn.c: pseudo-instructions and the spellings from the specification
 * (glyph-as takes no length suffix on either). */
static const struct {
    const char *name;
    enum cls cls;
} extra[] = {
    {"li", CLS_PSEUDO},          {"la", CLS_PSEUDO},          {"nop", CLS_PSEUDO},
    {"call", CLS_CONTROL_PSEUDO}, {"ret", CLS_CONTROL_PSEUDO}, {"tail", CLS_CONTROL_PSEUDO},
    {"link.i64", CLS_CONTROL},   {"compare.i64", CLS_OTHER},  {"logic.i64", CLS_OTHER},
    {"cmp.gt.i64", CLS_OTHER},   {"cmp.le.i64", CLS_OTHER},   {"cmp.gtu.i64", CLS_OTHER},
    {"cmp.leu.i64", CLS_OTHER},
};
#define NEXTRA (sizeof extra / sizeof extra[0])

static enum cls op_class(const gl_opinfo *oi)
{
    switch (oi->syntax) {
    case GL_SYN_PCREL:
    case GL_SYN_IBREL:
    case GL_SYN_LINK:
        return CLS_CONTROL;
    case GL_SYN_RMEM:
    case GL_SYN_RRMEM:
        return CLS_MEMORY;
    case GL_SYN_RK32PC:
        /* lea computes an address; load/store through it touch memory */
        return strncmp(oi->mnemonic, "lea", 3) == 0 ? CLS_OTHER
                                                        : CLS_MEMORY;
    case GL_SYN_RSYS:
    case GL_SYN_NONE:
    case GL_SYN_U:
        return CLS_SYSTEM;
    default:
        return CLS_OTHER;
    }
}

/* A growing list of distinct strings. */
typedef struct {
    char **v;
    size_t n, cap;
} names;

static void add(names *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) {
            perror("gen_queries");
            exit(1);
        }
    }
    l->v[l->n++] = strdup(s);
}

static void add_suffixed(names *l, const char *base, unsigned lens)
{
    char buf[64];
    add(l, base);
    static const struct { unsigned len; const char *suffix; } sfx[] = {
        {GL_L16, ".n"}, {GL_L32, ".w"}, {GL_L64, ".x"}};
    for (int i = 0; i < 3; i++) {
        if (!(lens & sfx[i].len))
            continue;
        snprintf(buf, sizeof buf, "%s%s", base, sfx[i].suffix);
        add(l, buf);
    }
}

static void free_names(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static void print_list(FILE *o, const names *l)
{
    for (size_t i = 0; i < l->n; i++)
        fprintf(o, "%s\"%s\"", i % 8 ? " " : "\n   ", l->v[i]);
}

static void generate(FILE *o)
{
    names cls[NCLS] = {{0}}, all = {0}, regs = {0}, sysregs = {0};
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        enum cls c = op_class(oi);
        add_suffixed(&cls[c], oi->mnemonic, oi->lens);
        add_suffixed(&all, oi->mnemonic, oi->lens);
    }
    for (size_t i = 0; i < NEXTRA; i++) {
        add(&cls[extra[i].cls], extra[i].name);
        add(&all, extra[i].name);
    }
    for (unsigned r = 0; r < 64; r++) {
        add(&regs, gl_reg_name(r));
        add(&regs, gl_reg_name_numeric(r));
    }
    unsigned r;
    const char *a;
    for (unsigned i = 0; (a = gl_reg_alias(i, &r)) != NULL; i++)
        add(&regs, a);
    char buf[64];
    for (unsigned num = 0; num < 0x1000; num++) {
        gl_sysreg_format(num, buf, sizeof buf);
        if (strncmp(buf, "0x", 2) != 0)
            add(&sysregs, buf);
    }

    fprintf(o, "; Generated by tree-sitter-glyph/tools/gen_queries.c from lib/isa.def,\n"
               "; lib/regs.c and lib/sysregs.def; do not edit (docs/editors.md).\n");
    for (int c = 0; c < NCLS; c++) {
        fprintf(o, "\n((mnemonic) @%s\n (#any-of? @%s", capture[c], capture[c]);
        print_list(o, &cls[c]);
        fprintf(o, "))\n");
    }
    /* anything else in mnemonic position is a macro call */
    fprintf(o, "\n((mnemonic) @function.macro\n (#not-any-of? @function.macro");
    print_list(o, &all);
    fprintf(o, "))\n");

    fprintf(o, "\n((identifier) @variable.builtin\n (#any-of? @variable.builtin");
    print_list(o, &regs);
    fprintf(o, "))\n");

    /* symbols used as operands; `sysread a0, colorread` names a system
     * register (matched by name: a pattern that captured the mnemonic
     * would give it a second capture) */
    fprintf(o, "\n(instruction\n  operands: (arguments (identifier) (identifier) @constant.builtin .)\n"
               "  (#any-of? @constant.builtin");
    print_list(o, &sysregs);
    fprintf(o, "))\n");
    fprintf(o, "\n(instruction\n  operands: (arguments (identifier) @label.reference)\n"
               "  (#not-any-of? @label.reference");
    print_list(o, &regs);
    fprintf(o, ")\n  (#not-any-of? @label.reference");
    print_list(o, &sysregs);
    fprintf(o, "))\n");
    static const char *const parents[] = {"memory_operand", "binary_expression",
                                          "unary_expression", "parenthesized_expression",
                                          "block_constant"};
    for (size_t i = 0; i < sizeof parents / sizeof parents[0]; i++) {
        fprintf(o, "\n(%s (identifier) @label.reference\n  (#not-any-of? @label.reference",
                parents[i]);
        print_list(o, &regs);
        fprintf(o, "))\n");
    }
    for (int c = 0; c < NCLS; c++)
        free_names(&cls[c]);
    free_names(&all);
    free_names(&regs);
    free_names(&sysregs);
}

/* Capture names that Helix's themes spell differently (its book,
 * "Themes", syntax highlighting scopes); the others, `@keyword.control`,
 * `@label`, ..., are the same, and Helix falls back along the dots. */
static const char *const helix_names[][2] = {
    {"@number", "@constant.numeric"},
    {"@character", "@constant.character"},
    {"@string.escape", "@constant.character.escape"},
    {"@property", "@variable.other.member"},
};

/* Write text to o, with helix_names renamed when helix is set. */
static void put_text(FILE *o, const char *text, int helix)
{
    for (const char *p = text; *p;) {
        size_t i, n = sizeof helix_names / sizeof helix_names[0];
        for (i = 0; helix && *p == '@' && i < n; i++) {
            size_t l = strlen(helix_names[i][0]);
            char next = p[l];
            if (strncmp(p, helix_names[i][0], l) == 0 &&
                !(isalnum((unsigned char)next) || next == '_' || next == '.' || next == '-'))
                break;
        }
        if (helix && *p == '@' && i < n) {
            fputs(helix_names[i][1], o);
            p += strlen(helix_names[i][0]);
        } else {
            fputc(*p++, o);
        }
    }
}

int main(int argc, char **argv)
{
    int helix = argc == 4 && strcmp(argv[1], "--helix") == 0;
    if (argc != 3 + helix) {
        fprintf(stderr, "usage: gen_queries [--helix] TEMPLATE OUTPUT\n");
        return 2;
    }
    argv += helix;
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *file = fopen(tmp, "w");
    if (!file) {
        perror(tmp);
        return 1;
    }
    /* the query is built in memory, then written with its names */
    char *text = NULL;
    size_t text_len = 0;
    FILE *o = open_memstream(&text, &text_len);
    if (!o) {
        perror("open_memstream");
        return 1;
    }
    if (helix)
        fprintf(o, "; Helix's capture names (gen_queries --helix; docs/editors.md, Helix).\n");
    char line[4096];
    int state = 0; /* 0 before, 1 inside, 2 after the generated part */
    while (fgets(line, sizeof line, in)) {
        if (state == 0 && strncmp(line, "; BEGIN GENERATED", 17) == 0) {
            fputs(line, o);
            generate(o);
            state = 1;
        } else if (state == 1 && strncmp(line, "; END GENERATED", 15) == 0) {
            fputs(line, o);
            state = 2;
        } else if (state != 1) {
            fputs(line, o);
        }
    }
    fclose(in);
    fclose(o);
    if (state != 2) {
        fprintf(stderr, "%s: no \"; BEGIN GENERATED\" ... \"; END GENERATED\" block\n", argv[1]);
        free(text);
        fclose(file);
        remove(tmp);
        return 1;
    }
    put_text(file, text, helix);
    free(text);
    if (fclose(file) != 0 || rename(tmp, argv[2]) != 0) {
        perror(argv[2]);
        remove(tmp);
        return 1;
    }
    return 0;
}
