/*
 * archive.c - the members of a System V / GNU ar archive, so
 * glyph-objdump can show libgrt.a like GNU objdump shows libc.a.
 *
 *   "!<arch>\n", then per member a 60-byte header
 *   name[16] date[12] uid[6] gid[6] mode[8] size[10] "`\n"
 *   and size bytes of data, padded to an even offset.
 *
 * "/" (and "/SYM64/") is the symbol index, "//" the long-name table;
 * "/123" names a member by offset into that table.  Every size and
 * offset is checked against the archive before use.
 */
#include <string.h>

#include "od.h"

#define AR_MAGIC "!<arch>\n"
#define AR_HDR 60

int od_is_archive(const uint8_t *buf, size_t size)
{
    return size >= 8 && memcmp(buf, AR_MAGIC, 8) == 0;
}

void od_ar_init(od_ar *a, const uint8_t *buf, size_t size)
{
    memset(a, 0, sizeof *a);
    a->buf = buf;
    a->size = size;
    a->off = 8;
}

/* Decimal field of width n (space padded); -1 when not a number. */
static long long dec(const uint8_t *p, size_t n)
{
    long long v = 0;
    size_t i = 0;
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
        if (v > (1LL << 40))
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    if (i == 0)
        return -1;
    for (; i < n; i++)
        if (p[i] != ' ')
            return -1;
    return v;
}

int od_ar_next(od_ar *a, char *name, size_t namesz, const uint8_t **data,
               size_t *size, const char **err)
{
    for (;;) {
        if (a->off & 1)
            a->off++;
        if (a->off >= a->size)
            return 0;
        if (a->size - a->off < AR_HDR) {
            *err = "truncated archive member header";
            return -1;
        }
        const uint8_t *h = a->buf + a->off;
        if (h[58] != '`' || h[59] != '\n') {
            *err = "bad archive member header";
            return -1;
        }
        long long n = dec(h + 48, 10);
        if (n < 0) {
            *err = "bad archive member size";
            return -1;
        }
        if ((unsigned long long)n > a->size - a->off - AR_HDR) {
            *err = "archive member extends past end of file";
            return -1;
        }
        const uint8_t *d = h + AR_HDR;
        a->off += AR_HDR + (size_t)n;
        if (h[0] == '/' && (h[1] == ' ' || memcmp(h, "/SYM64/", 7) == 0))
            continue; /* symbol index */
        if (h[0] == '/' && h[1] == '/') {
            a->longnames = d;
            a->nlong = (size_t)n;
            continue;
        }
        const uint8_t *nm = h;
        size_t max = 16;
        if (h[0] == '/') {
            long long o = dec(h + 1, 15);
            if (o < 0 || !a->longnames || (unsigned long long)o >= a->nlong) {
                *err = "bad archive member name";
                return -1;
            }
            nm = a->longnames + o;
            max = a->nlong - (size_t)o;
        }
        size_t k = 0;
        while (k < max && nm[k] != '/' && nm[k] != '\n' && !(h[0] != '/' && nm[k] == ' '))
            k++;
        if (k >= namesz)
            k = namesz - 1;
        memcpy(name, nm, k);
        name[k] = 0;
        *data = d;
        *size = (size_t)n;
        return 1;
    }
}
