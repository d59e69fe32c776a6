/*
 * contents.c - -s: hex and ASCII of every section with contents, 16
 * bytes a line in groups of four, as GNU objdump prints it;
 * --start-address/--stop-address limit the lines.
 */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "od.h"

int od_selected(const od_ctx *c, const char *name)
{
    if (!c->nonly)
        return 1;
    for (size_t i = 0; i < c->nonly; i++)
        if (strcmp(c->only_secs[i], name) == 0)
            return 1;
    return 0;
}

static int hex_digits(uint64_t v)
{
    int n = 1;
    while (v >>= 4)
        n++;
    return n;
}

static void dump_one(const od_ctx *c, const od_sec *s)
{
    uint64_t vma = s->sh.sh_addr, start = 0, stop = s->size;
    if (c->have_start && c->start_addr > vma)
        start = c->start_addr - vma < stop ? c->start_addr - vma : stop;
    if (c->have_stop && c->stop_addr < vma + stop)
        stop = c->stop_addr > vma ? c->stop_addr - vma : 0;
    if (start >= stop)
        return;
    unsigned col = gl_shf_color(s->sh.sh_flags);
    printf("Contents of section %s%s%s:\n", od_glyph_sgr(c, col), s->name, od_reset(c));
    int w = 4;
    if (hex_digits(vma + start) > w)
        w = hex_digits(vma + start);
    if (hex_digits(vma + stop - 1) > w)
        w = hex_digits(vma + stop - 1);
    for (uint64_t a = start; a < stop; a += 16) {
        printf(" %0*" PRIx64 " ", w, vma + a);
        for (uint64_t j = a; j < a + 16; j++) {
            if (j < stop)
                printf("%02x", s->data[j]);
            else
                printf("  ");
            if ((j & 3) == 3)
                putchar(' ');
        }
        putchar(' ');
        for (uint64_t j = a; j < a + 16; j++)
            putchar(j >= stop ? ' ' : isprint(s->data[j]) ? s->data[j] : '.');
        putchar('\n');
    }
}

void od_dump_contents(od_ctx *c, const od_file *f)
{
    for (size_t i = 1; i < f->shnum; i++) {
        const od_sec *s = &f->secs[i];
        if (s->shown && s->sh.sh_type != SHT_NOBITS && s->size && od_selected(c, s->name))
            dump_one(c, s);
    }
}
