/*
 * lines.c - -l / --line-numbers: the file's .debug_line (lib/dwarf_line.c,
 * the reader glyph-ld and glyph-run use too) and FILE:LINE above the
 * instructions of a new line in the disassembly, as GNU objdump -l
 * prints it.  In an object each sequence is tied to its code section by
 * the relocation of its DW_LNE_set_address; in an executable addresses
 * are addresses.  A malformed table is a warning, and the disassembly
 * goes on without lines.
 */
#include <stdlib.h>
#include <string.h>

#include "dwarf_line.h"
#include "od.h"

typedef struct tie {
    const od_file *f;
    const od_relsec *rs; /* the relocations of .debug_line, or NULL */
} tie;

static uint64_t tie_address(void *arg, size_t off, uint64_t raw, uint32_t *sec)
{
    const tie *t = arg;
    *sec = 0;
    if (t->f->eh.e_type != ET_REL)
        return raw;
    for (size_t i = 0; t->rs && i < t->rs->n; i++) {
        const od_rel *r = &t->rs->rels[i];
        if (r->off != off || r->type != R_GLYPH_64 || !r->sym || r->sym >= t->f->nsyms)
            continue;
        const od_sym *y = &t->f->syms[r->sym];
        if (y->st.st_shndx == 0 || y->st.st_shndx >= t->f->shnum)
            break;
        *sec = y->st.st_shndx;
        return y->st.st_value + (uint64_t)r->addend;
    }
    *sec = UINT32_MAX; /* an object's address without a section: no match */
    return raw;
}

/* The section's bytes by name, or NULL. */
static const od_sec *section(const od_file *f, const char *name, unsigned *idx)
{
    for (size_t i = 1; i < f->shnum; i++)
        if (f->secs[i].name && strcmp(f->secs[i].name, name) == 0 && f->secs[i].data) {
            if (idx)
                *idx = (unsigned)i;
            return &f->secs[i];
        }
    return NULL;
}

gl_lines *od_lines_load(od_ctx *c, const od_file *f)
{
    unsigned li = 0;
    const od_sec *dl = section(f, ".debug_line", &li);
    if (!dl)
        return NULL;
    tie t = {f, NULL};
    for (size_t i = 0; i < f->nrelsecs; i++)
        if (f->relsecs[i].target == li)
            t.rs = &f->relsecs[i];
    const od_sec *ls = section(f, ".debug_line_str", NULL), *ss = section(f, ".debug_str", NULL);
    gl_line_strs strs = {ls ? ls->data : NULL, ss ? ss->data : NULL, ls ? ls->size : 0,
                         ss ? ss->size : 0};
    gl_lines *l = calloc(1, sizeof *l);
    char err[200];
    if (!l)
        return NULL;
    if (gl_lines_read(dl->data, dl->size, &strs, tie_address, &t, l, err, sizeof err)) {
        fprintf(stderr, "%s: warning: %s: .debug_line: %s (no line numbers)\n", c->prog,
                f->path, err);
        free(l);
        return NULL;
    }
    return l;
}

void od_lines_free(gl_lines *l)
{
    if (l)
        gl_lines_free(l);
    free(l);
}

void od_line_print(const od_file *f, unsigned sec, uint64_t pc, od_linepos *at,
                   const char *func)
{
    const char *file;
    unsigned line;
    if (!f->lines)
        return;
    if (!gl_lines_find(f->lines, f->eh.e_type == ET_REL ? sec : 0, pc, &file, &line))
        return;
    if (func)
        printf("%s():\n", func);
    else if (at->file && strcmp(at->file, file) == 0 && at->line == line)
        return;
    at->file = file;
    at->line = line;
    printf("%s:%u\n", file, line);
}
