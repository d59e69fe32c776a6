/*
 * passes.c - the assembler's passes, shared by main.c and the fuzz
 * target (fuzz/as.c):
 *   1. read and parse every line (source.c -> parser.y -> stmt.c / insn.c)
 *   2. every label known: far jumps, vector lanes, open blocks
 *   3. addresses (relaxation)   4. bytes and relocations
 */
#include <stdlib.h>
#include <string.h>

#include "as.h"

void as_begin(as_ctx *c)
{
    as_section_switch(c, as_section_get(c, ".text"));
    as_section_get(c, ".data");
    as_section_get(c, ".bss");
}

int as_passes(as_ctx *c, const char *const *files, int nfiles)
{
    for (int i = 0; i < nfiles; i++)
        as_assemble_file(c, files[i]);
    as_finish_symbols(c);
    as_insn_classify(c);
    as_func_close_all(c);
    if (c->errors)
        return -1;
    as_layout(c);
    as_emit(c);
    if (c->debug && !c->errors && nfiles)
        as_dwarf(c, strcmp(files[0], "-") == 0 ? "<stdin>" : files[0]);
    return c->errors ? -1 : 0;
}

void as_ctx_free(as_ctx *c)
{
    as_source_free(c);
    for (as_section *s = c->sections; s; s = s->next) {
        free(s->data);
        free(s->code_bytes);
        free(s->relocs);
    }
    for (as_func *f = c->funcs; f; f = f->next)
        free(f->ents);
    free(c->hash);
    free(c->interned);
    free(c->numlabel_count);
    free(c->pend);
    free(c->list);
    free(c->incdirs);
    free(c->deps);
    as_parse_free(c);
    as_arena_free(&c->line_arena);
    as_arena_free(&c->item_arena);
    as_arena_free(&c->arena);
}
