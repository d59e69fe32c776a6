/*
 * dwarf_line.c - the .debug_line reader glyph-ld, glyph-objdump and
 * glyph-run share: every unit of the section (DWARF 2 to 5, 32- or
 * 64-bit format) run through the line number state machine into one
 * sorted table of rows.  Every read is bounds-checked: a malformed or
 * truncated section is an error message, never a read past its end.
 * Operation indices (VLIW) and columns are ignored; glyph has neither.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dwarf_line.h"

typedef struct cur {
    const uint8_t *base, *p, *end;
    int bad;
} cur;

static uint64_t rd(cur *c, unsigned n)
{
    if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = 1;
        return 0;
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)c->p[i] << (8 * i);
    c->p += n;
    return v;
}

static uint64_t uleb(cur *c)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        uint64_t b = rd(c, 1);
        if (c->bad)
            return 0;
        if (shift < 64)
            v |= (b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
}

static int64_t sleb(cur *c)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint64_t b;
    do {
        b = rd(c, 1);
        if (c->bad)
            return 0;
        if (shift < 64)
            v |= (b & 0x7f) << shift;
        shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
    return (int64_t)v;
}

static const char *cstr(cur *c)
{
    if (c->bad)
        return NULL;
    const uint8_t *nul = memchr(c->p, 0, (size_t)(c->end - c->p));
    if (!nul) {
        c->bad = 1;
        return NULL;
    }
    const char *s = (const char *)c->p;
    c->p = nul + 1;
    return s;
}

/* A string at off of a string section; NULL if it is not there. */
static const char *str_at(const uint8_t *sec, size_t size, uint64_t off)
{
    if (!sec || off >= size || !memchr(sec + off, 0, size - (size_t)off))
        return NULL;
    return (const char *)sec + off;
}

typedef struct reader {
    const gl_line_strs *strs;
    gl_lines *out;
    size_t caprows, capfiles;
    char *err;
    size_t errsize;
    uint32_t unknown; /* the "??" file of rows naming no entry, UINT32_MAX: none yet */
} reader;

static int fail(reader *r, const cur *c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(reader *r, const cur *c, const char *fmt, ...)
{
    int n = snprintf(r->err, r->errsize, "offset 0x%zx: ", (size_t)(c->p - c->base));
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < r->errsize)
        vsnprintf(r->err + n, r->errsize - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int add_file(reader *r, const char *dir, const char *name, uint32_t *index)
{
    gl_lines *l = r->out;
    size_t dn = dir && *dir && name[0] != '/' ? strlen(dir) : 0;
    char *s = malloc(dn + strlen(name) + 2);
    if (!s)
        return -1;
    if (dn)
        sprintf(s, "%s/%s", dir, name);
    else
        strcpy(s, name);
    if (l->nfiles == r->capfiles) {
        size_t cap = r->capfiles ? 2 * r->capfiles : 16;
        char **v = realloc(l->files, cap * sizeof *v);
        if (!v) {
            free(s);
            return -1;
        }
        l->files = v;
        r->capfiles = cap;
    }
    *index = (uint32_t)l->nfiles;
    l->files[l->nfiles++] = s;
    return 0;
}

/* One DWARF 5 entry-format list: (content type, form) pairs. */
typedef struct fmt {
    unsigned n;
    uint64_t type[16], form[16];
} fmt;

static int read_fmt(reader *r, cur *c, fmt *f)
{
    f->n = (unsigned)rd(c, 1);
    if (f->n > 16)
        return fail(r, c, "%u entry formats (at most 16 are read)", f->n);
    for (unsigned i = 0; i < f->n; i++) {
        f->type[i] = uleb(c);
        f->form[i] = uleb(c);
    }
    return c->bad ? fail(r, c, "truncated entry format") : 0;
}

/* The value of one entry field: a string (*s) or a number (*v). */
static int read_form(reader *r, cur *c, uint64_t form, unsigned offsz, const char **s,
                     uint64_t *v)
{
    *s = NULL;
    *v = 0;
    switch (form) {
    case DW_FORM_string: *s = cstr(c); break;
    case DW_FORM_line_strp:
    case DW_FORM_strp: {
        uint64_t off = rd(c, offsz);
        if (c->bad)
            break;
        *s = form == DW_FORM_line_strp
                 ? str_at(r->strs ? r->strs->line_str : NULL, r->strs ? r->strs->line_str_size : 0, off)
                 : str_at(r->strs ? r->strs->str : NULL, r->strs ? r->strs->str_size : 0, off);
        if (!*s)
            *s = "??"; /* the string section is missing: keep the line numbers */
        break;
    }
    case DW_FORM_udata: *v = uleb(c); break;
    case DW_FORM_data1: *v = rd(c, 1); break;
    case DW_FORM_data2: *v = rd(c, 2); break;
    case DW_FORM_data4: *v = rd(c, 4); break;
    case DW_FORM_data8: *v = rd(c, 8); break;
    case DW_FORM_data16: rd(c, 8); rd(c, 8); break;
    case DW_FORM_block: {
        uint64_t n = uleb(c);
        if (n > (uint64_t)(c->end - c->p))
            c->bad = 1;
        else
            c->p += n;
        break;
    }
    default:
        return fail(r, c, "unsupported form 0x%llx in the file table", (unsigned long long)form);
    }
    return c->bad ? fail(r, c, "truncated file table") : 0;
}

/* One directory or file entry: its path and directory index (each left
 * as it was when the entry has none). */
static int read_entry(reader *r, cur *c, const fmt *f, unsigned offsz, const char **path,
                      uint64_t *dir)
{
    for (unsigned k = 0; k < f->n; k++) {
        const char *s;
        uint64_t v;
        if (read_form(r, c, f->form[k], offsz, &s, &v))
            return -1;
        if (f->type[k] == DW_LNCT_path && s)
            *path = s;
        else if (f->type[k] == DW_LNCT_directory_index)
            *dir = v;
    }
    return 0;
}

/* A row: file is the unit's index, mapped through map[0..nmap). */
static int push_row(reader *r, uint64_t addr, uint32_t sec, const uint32_t *map, size_t nmap,
                    uint64_t file, uint64_t line, int end)
{
    gl_lines *l = r->out;
    uint32_t fi;
    if (file < nmap) {
        fi = map[file];
    } else {
        if (r->unknown == UINT32_MAX && add_file(r, NULL, "??", &r->unknown))
            return -1;
        fi = r->unknown;
    }
    if (l->nrows == r->caprows) {
        size_t cap = r->caprows ? 2 * r->caprows : 64;
        gl_line_row *v = realloc(l->rows, cap * sizeof *v);
        if (!v)
            return -1;
        l->rows = v;
        r->caprows = cap;
    }
    size_t k = l->nrows++;
    l->rows[k] = (gl_line_row){addr, sec, fi, (uint32_t)line, (uint8_t)end, (uint32_t)k};
    return 0;
}

/* One unit [c->p, end): header, file table, program. */
static int read_unit(reader *r, cur *c, gl_line_addr_fn fn, void *arg)
{
    unsigned offsz = 4;
    uint64_t len = rd(c, 4);
    if (len == 0xffffffffu) {
        offsz = 8;
        len = rd(c, 8);
    }
    if (c->bad || len > (uint64_t)(c->end - c->p))
        return fail(r, c, "unit length 0x%llx runs past the section", (unsigned long long)len);
    cur u = {c->base, c->p, c->p + len, 0};
    c->p += len;
    unsigned version = (unsigned)rd(&u, 2);
    if (u.bad || version < 2 || version > 5)
        return fail(r, &u, "unsupported line table version %u", version);
    if (version >= 5) {
        unsigned asz = (unsigned)rd(&u, 1);
        rd(&u, 1); /* segment selector size */
        if (asz != 8 && !u.bad)
            return fail(r, &u, "address size %u (glyph addresses are 8 bytes)", asz);
    }
    uint64_t hlen = rd(&u, offsz);
    if (u.bad || hlen > (uint64_t)(u.end - u.p))
        return fail(r, &u, "header length 0x%llx runs past the unit", (unsigned long long)hlen);
    const uint8_t *prog = u.p + hlen;
    unsigned min_inst = (unsigned)rd(&u, 1);
    if (version >= 4)
        rd(&u, 1); /* maximum operations per instruction */
    unsigned default_stmt = (unsigned)rd(&u, 1);
    (void)default_stmt;
    int line_base = (int8_t)rd(&u, 1);
    unsigned line_range = (unsigned)rd(&u, 1);
    unsigned opcode_base = (unsigned)rd(&u, 1);
    if (u.bad)
        return fail(r, &u, "truncated header");
    if (line_range == 0 || opcode_base == 0)
        return fail(r, &u, "line_range %u, opcode_base %u (both must be non-zero)", line_range,
                    opcode_base);
    uint8_t oplen[256] = {0};
    for (unsigned i = 1; i < opcode_base; i++)
        oplen[i] = (uint8_t)rd(&u, 1);

    /* the file table: global indices of this unit's files */
    uint32_t *map = NULL;
    size_t nmap = 0;
    const char **dirs = NULL;
    size_t ndirs = 0;
    int rc = -1;
    if (version >= 5) {
        fmt df, ff;
        if (read_fmt(r, &u, &df))
            goto out;
        uint64_t n = uleb(&u);
        if (u.bad || n > (uint64_t)(u.end - u.p)) {
            fail(r, &u, "bad directory count");
            goto out;
        }
        dirs = calloc((size_t)n + 1, sizeof *dirs);
        if (!dirs)
            goto out;
        for (uint64_t i = 0; i < n; i++, ndirs++) {
            uint64_t unused;
            dirs[i] = "";
            if (read_entry(r, &u, &df, offsz, &dirs[i], &unused))
                goto out;
        }
        if (read_fmt(r, &u, &ff))
            goto out;
        n = uleb(&u);
        if (u.bad || n > (uint64_t)(u.end - u.p) + 1) {
            fail(r, &u, "bad file count");
            goto out;
        }
        map = calloc((size_t)n + 1, sizeof *map);
        if (!map)
            goto out;
        for (uint64_t i = 0; i < n; i++) {
            const char *name = "??";
            uint64_t dir = 0;
            if (read_entry(r, &u, &ff, offsz, &name, &dir))
                goto out;
            /* directory 0 is the compilation directory: a relative name
             * is joined to it, as binutils prints it */
            if (add_file(r, dir < ndirs ? dirs[dir] : NULL, name, &map[nmap++]))
                goto out;
        }
    } else {
        while (!u.bad && u.p < u.end && *u.p) {
            const char **v = realloc(dirs, (ndirs + 1) * sizeof *v);
            if (!v)
                goto out;
            dirs = v;
            dirs[ndirs++] = cstr(&u);
        }
        rd(&u, 1);
        /* index 0 names no file before DWARF 5 */
        map = calloc(1, sizeof *map);
        if (!map || add_file(r, NULL, "??", &map[nmap++]))
            goto out;
        while (!u.bad && u.p < u.end && *u.p) {
            const char *name = cstr(&u);
            uint64_t dir = uleb(&u);
            uleb(&u);
            uleb(&u);
            if (u.bad)
                break;
            uint32_t *m = realloc(map, (nmap + 1) * sizeof *m);
            if (!m)
                goto out;
            map = m;
            if (add_file(r, dir && dir <= ndirs ? dirs[dir - 1] : NULL, name, &map[nmap++]))
                goto out;
        }
        rd(&u, 1);
        if (u.bad) {
            fail(r, &u, "truncated file table");
            goto out;
        }
    }
    if (u.p > prog) {
        fail(r, &u, "the file table runs past header_length");
        goto out;
    }

    /* the line number program */
    u.p = prog;
    uint64_t addr = 0, line = 1, file = 1;
    uint32_t sec = 0;
    while (u.p < u.end) {
        unsigned op = (unsigned)rd(&u, 1);
        if (op >= opcode_base) {
            unsigned adj = op - opcode_base;
            addr += (uint64_t)(adj / line_range) * min_inst;
            line += (uint64_t)(int64_t)(line_base + (int)(adj % line_range));
        } else if (op == 0) {
            uint64_t n = uleb(&u);
            if (u.bad || n == 0 || n > (uint64_t)(u.end - u.p)) {
                fail(r, &u, "bad extended opcode length");
                goto out;
            }
            const uint8_t *next = u.p + n;
            unsigned eop = (unsigned)rd(&u, 1);
            if (eop == DW_LNE_end_sequence) {
                if (push_row(r, addr, sec, map, nmap, file, line, 1))
                    goto out;
                addr = 0, line = 1, file = 1, sec = 0;
            } else if (eop == DW_LNE_set_address) {
                if (n != 9) {
                    fail(r, &u, "DW_LNE_set_address with %llu bytes (want 8)",
                         (unsigned long long)(n - 1));
                    goto out;
                }
                size_t at = (size_t)(u.p - u.base);
                addr = rd(&u, 8);
                sec = 0;
                if (fn)
                    addr = fn(arg, at, addr, &sec);
            }
            u.p = next;
            continue;
        } else {
            switch (op) {
            case DW_LNS_copy: break;
            case DW_LNS_advance_pc: addr += uleb(&u) * min_inst; continue;
            case DW_LNS_advance_line: line += (uint64_t)sleb(&u); continue;
            case DW_LNS_set_file: file = uleb(&u); continue;
            case DW_LNS_const_add_pc:
                addr += (uint64_t)((255 - opcode_base) / line_range) * min_inst;
                continue;
            case DW_LNS_fixed_advance_pc: addr += rd(&u, 2); continue;
            default:
                for (unsigned k = 0; k < oplen[op]; k++)
                    uleb(&u);
                continue;
            }
        }
        if (u.bad)
            break;
        if (push_row(r, addr, sec, map, nmap, file, line, 0))
            goto out;
    }
    if (u.bad) {
        fail(r, &u, "truncated line number program");
        goto out;
    }
    rc = 0;
out:
    free(map);
    free(dirs);
    return rc;
}

static int row_cmp(const void *pa, const void *pb)
{
    const gl_line_row *a = pa, *b = pb;
    if (a->sec != b->sec)
        return a->sec < b->sec ? -1 : 1;
    if (a->addr != b->addr)
        return a->addr < b->addr ? -1 : 1;
    if (a->end != b->end)
        return a->end ? -1 : 1; /* a sequence ending where the next begins */
    return a->order < b->order ? -1 : a->order > b->order;
}

int gl_lines_read(const uint8_t *data, size_t size, const gl_line_strs *strs,
                  gl_line_addr_fn fn, void *arg, gl_lines *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    reader r = {strs, out, 0, 0, err, errsize, UINT32_MAX};
    if (err && errsize)
        err[0] = 0;
    if (!data || !size)
        return 0; /* an empty section: no lines */
    cur c = {data, data, data + size, 0};
    while (c.p < c.end) {
        if (read_unit(&r, &c, fn, arg)) {
            if (err && !err[0])
                snprintf(err, errsize, "out of memory");
            gl_lines_free(out);
            return -1;
        }
    }
    if (out->nrows)
        qsort(out->rows, out->nrows, sizeof *out->rows, row_cmp);
    return 0;
}

int gl_lines_find(const gl_lines *l, uint32_t sec, uint64_t addr, const char **file,
                  unsigned *line)
{
    /* the last row at or before (sec, addr) */
    size_t lo = 0, hi = l->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const gl_line_row *m = &l->rows[mid];
        if (m->sec < sec || (m->sec == sec && m->addr <= addr))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    const gl_line_row *w = &l->rows[lo - 1];
    if (w->sec != sec || w->end || w->file >= l->nfiles)
        return 0;
    *file = l->files[w->file];
    *line = w->line;
    return 1;
}

void gl_lines_free(gl_lines *l)
{
    for (size_t i = 0; i < l->nfiles; i++)
        free(l->files[i]);
    free(l->files);
    free(l->rows);
    memset(l, 0, sizeof *l);
}
