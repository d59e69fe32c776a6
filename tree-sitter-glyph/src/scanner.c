/*
 * scanner.c - external scanner of tree-sitter-glyph: the block-end
 * directives .endm .endr .endif .elseif .else.
 *
 * Returned wherever a statement may start, valid or not: where no block
 * of that kind is open the parser gets a token it cannot use and marks
 * an error, as glyph-as reports one.  Written by hand (tree-sitter does
 * not generate it); the build compiles it with parser.c.
 */
#include <stdbool.h>
#include <string.h>

#include "tree_sitter/parser.h"

enum { ENDM, ENDR, ENDIF, ELSEIF, ELSE, STATEMENT_START };

static const char *const words[] = {"endm", "endr", "endif", "elseif", "else"};

void *tree_sitter_glyph_external_scanner_create(void) { return NULL; }
void tree_sitter_glyph_external_scanner_destroy(void *p) { (void)p; }
unsigned tree_sitter_glyph_external_scanner_serialize(void *p, char *b)
{
    (void)p;
    (void)b;
    return 0;
}
void tree_sitter_glyph_external_scanner_deserialize(void *p, const char *b, unsigned n)
{
    (void)p;
    (void)b;
    (void)n;
}

static bool name_char(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '$' || c == '\\';
}

bool tree_sitter_glyph_external_scanner_scan(void *p, TSLexer *lx, const bool *valid)
{
    (void)p;
    /* error recovery asks for everything: let the internal lexer work */
    if (valid[ENDM] && valid[ENDR] && valid[ENDIF] && valid[ELSE] && valid[STATEMENT_START])
        return false;
    while (lx->lookahead == ' ' || lx->lookahead == '\t' || lx->lookahead == '\r' ||
           lx->lookahead == '\f' || lx->lookahead == '\v')
        lx->advance(lx, true);
    if (lx->lookahead != '.')
        return false;
    lx->advance(lx, false);
    char w[8];
    unsigned n = 0;
    while (name_char(lx->lookahead)) {
        if (n == sizeof w - 1)
            return false;
        w[n++] = (char)lx->lookahead;
        lx->advance(lx, false);
    }
    w[n] = 0;
    for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(w, words[i]) == 0) {
            lx->result_symbol = (TSSymbol)i;
            return true;
        }
    }
    return false;
}
