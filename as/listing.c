/*
 * listing.c - the -a listing: one row per source line with the offset
 * and bytes it produced (continuation rows for long data), in source
 * order, as GNU as prints it.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "as.h"

int as_listing_line(as_ctx *c, as_loc loc, const char *text, size_t n)
{
    if (c->nlist == c->caplist) {
        c->caplist = c->caplist ? c->caplist * 2 : 256;
        c->list = as_xrealloc(c->list, c->caplist * sizeof *c->list);
    }
    as_listent *e = &c->list[c->nlist];
    e->loc = loc;
    if (n > 200)
        n = 200; /* a listing row, not the whole line */
    e->text = as_strndup(c, text, n);
    return (int)c->nlist++;
}

typedef struct lrow {
    as_section *sec;
    as_item *it;
} lrow;

static int cmp_row(const void *a, const void *b)
{
    const lrow *x = a, *y = b;
    if (x->it->list_line != y->it->list_line)
        return x->it->list_line < y->it->list_line ? -1 : 1;
    if (x->sec != y->sec)
        return x->sec->index < y->sec->index ? -1 : 1;
    return x->it->off < y->it->off ? -1 : x->it->off > y->it->off;
}

void as_listing_print(as_ctx *c, FILE *out)
{
    size_t n = 0, cap = 0;
    lrow *rows = NULL;
    for (as_section *s = c->sections; s; s = s->next)
        for (as_item *it = s->first; it; it = it->next) {
            if (it->list_line < 0 || (it->kind != IT_LABEL && !it->size && it->kind != IT_INSN))
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                rows = as_xrealloc(rows, cap * sizeof *rows);
            }
            rows[n].sec = s;
            rows[n].it = it;
            n++;
        }
    if (n)
        qsort(rows, n, sizeof *rows, cmp_row);
    fprintf(out, "GLYPH-AS LISTING\n\n");
    size_t r = 0;
    const char *last_file = NULL;
    for (size_t i = 0; i < c->nlist; i++) {
        as_listent *e = &c->list[i];
        if (!last_file || strcmp(last_file, e->loc.file) != 0) {
            fprintf(out, "%s:\n", e->loc.file);
            last_file = e->loc.file;
        }
        char hex[64];
        int printed = 0;
        uint64_t addr = 0;
        int have_addr = 0;
        hex[0] = 0;
        size_t hl = 0;
        int rowcount = 0;
        for (; r < n && rows[r].it->list_line == (int)i; r++) {
            as_item *it = rows[r].it;
            as_section *s = rows[r].sec;
            if (!have_addr) {
                addr = it->off;
                have_addr = 1;
            }
            for (uint64_t b = 0; b < it->size && s->data; b++) {
                if (hl + 2 > 24) {
                    if (printed)
                        fprintf(out, "%5s %04" PRIx64 " %s\n", "", addr, hex);
                    else
                        fprintf(out, "%5d %04" PRIx64 " %-24s %s\n", e->loc.line, addr, hex,
                                e->text);
                    printed = 1;
                    addr = it->off + b;
                    hl = 0;
                    hex[0] = 0;
                    if (++rowcount >= 4) {
                        b = it->size;
                        break;
                    }
                }
                hl += (size_t)snprintf(hex + hl, sizeof hex - hl, "%02x", s->data[it->off + b]);
            }
        }
        if (!printed || hl) {
            if (have_addr && printed)
                fprintf(out, "%5s %04" PRIx64 " %s\n", "", addr, hex);
            else if (have_addr)
                fprintf(out, "%5d %04" PRIx64 " %-24s %s\n", e->loc.line, addr, hex, e->text);
            else
                fprintf(out, "%5d %4s %-24s %s\n", e->loc.line, "", "", e->text);
        }
    }
    free(rows);
}
