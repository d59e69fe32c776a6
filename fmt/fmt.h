/*
 * fmt.h - glyph-fmt: the canonical layout of glyph assembly, computed on
 * the tree-sitter-glyph syntax tree.
 */
#ifndef GLYPH_FMT_H
#define GLYPH_FMT_H

#include <stddef.h>

/* Layout (docs/editors.md, "glyph-fmt"). */
enum {
    FMT_INDENT = 4,       /* column of statements; labels are at column 0 */
    FMT_OPERANDS = 16,    /* column of operands: mnemonics padded to 12 */
    FMT_COMMENT = 40      /* column of trailing comments */
};

/* A growing byte buffer. */
typedef struct fmt_buf {
    char *p;
    size_t n, cap;
} fmt_buf;

void fmt_put(fmt_buf *b, const char *s, size_t n);
void fmt_puts(fmt_buf *b, const char *s);
void fmt_pad(fmt_buf *b, size_t line_start, size_t col);

/*
 * Format src (len bytes).  On success returns 0 and the formatted text in
 * *out (NUL-terminated, caller frees out->p).  When the source does not
 * parse, returns -1 with the 1-based line and column of the first error
 * in *line, *col and writes nothing.
 */
int fmt_format(const char *src, size_t len, fmt_buf *out, unsigned *line, unsigned *col);

/* Print a unified diff (no context lines) of a and b to stdout. */
void fmt_diff(const char *name, const char *a, size_t alen, const char *b, size_t blen);

#endif
