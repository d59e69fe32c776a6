/*
 * _mkexe.c - test helper: build a glyph ET_EXEC from a tiny assembly
 * text, with lib's gl_encode and libelf, so the emulator's tests do not
 * depend on glyph-as/glyph-ld.  It can also damage the result on request,
 * for the loader's corrupt-input tests.
 *
 *   _mkexe [-o out] [--ehdr F=V] [--phdr I.F=V] [--note-poke OFF=V]
 *          [--truncate N] input.s
 *
 * Input, one statement a line ('#' starts a comment):
 *   label:                      define label (may share a line)
 *   .text .const .rodata .data  segment rx / r / r / rw (created in order
 *                               of first use, each page-aligned from 0x10000)
 *   .seg NAME PERMS [COLOR]     any segment, PERMS from r w x
 *   .color N                    color of the current segment
 *   .bss N                      N zero bytes of memsz only (segment end)
 *   .align N  .zero N  .string "s"  .byte/.short/.long/.quad e, ...
 *   .lanes e1, e2               one i32x2 link vector (two .long)
 *   .entry LABEL  .entry_ib LABEL  (defaults: first .text / .const byte)
 *   .nonote                     no NT_GLYPH_ENTRY_IB note
 *   .rawnote TYPE SIZE          extra glyph note with SIZE zero bytes
 *   .policy R W X  .matread S M  .matwrite S M   NT_GLYPH_COLORS note
 *   .matexec S M                colormatexec[S] = M: an NT_GLYPH_XFER note
 *                               (rows not given: 0, only staying on a color)
 *   any instruction in gl_disasm syntax, optional .n/.w/.x suffix;
 *   `j`/`b` also take a label; `nop`.
 * Expressions: terms (number, label, `.`) joined by + and -.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glyph_elf.h"
#include "isa.h"

#define MAXSEG 16
#define MAXLAB 4096
#define SEGMAX (1 << 20)

typedef struct seg {
    char name[32];
    unsigned perms, color;
    uint64_t vaddr, off;
    uint8_t *buf;
    size_t size, bss;
} seg;

typedef struct lab {
    char name[64];
    int seg;
    size_t off;
} lab;

typedef struct as {
    seg segs[MAXSEG];
    int nseg, cur;
    lab labs[MAXLAB];
    int nlab;
    int pass;
    const char *file;
    int line;
    char entry[64], entry_ib[64];
    int nonote, have_policy, have_xfer;
    gl_color_policy pol;
    gl_color_xfer xfer;
    uint32_t rawnote_type[8], rawnote_size[8];
    int nraw;
} as;

static void die(as *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: error: ", a->file, a->line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static int find_seg(as *a, const char *name, unsigned perms)
{
    for (int i = 0; i < a->nseg; i++)
        if (!strcmp(a->segs[i].name, name))
            return i;
    if (a->nseg == MAXSEG)
        die(a, "too many segments");
    seg *s = &a->segs[a->nseg];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->perms = perms;
    s->buf = calloc(1, SEGMAX);
    return a->nseg++;
}

static seg *cur(as *a)
{
    if (a->cur < 0)
        a->cur = find_seg(a, "text", PF_R | PF_X);
    return &a->segs[a->cur];
}

static void layout(as *a)
{
    uint64_t va = GL_DEFAULT_BASE, off = GL_PAGE_SIZE;
    for (int i = 0; i < a->nseg; i++) {
        seg *s = &a->segs[i];
        s->vaddr = va;
        s->off = off;
        uint64_t pg = GL_PAGE_SIZE;
        va = (va + s->size + s->bss + pg - 1) / pg * pg;
        if (s->size + s->bss == 0)
            va += pg;
        off = (off + s->size + pg - 1) / pg * pg;
        if (s->size == 0)
            off += pg;
    }
}

static uint64_t here(as *a) { seg *s = cur(a); return s->vaddr + s->size; }

static void emit(as *a, const void *p, size_t n)
{
    seg *s = cur(a);
    if (s->bss)
        die(a, "data after .bss");
    if (s->size + n > SEGMAX)
        die(a, "segment too large");
    memcpy(s->buf + s->size, p, n);
    s->size += n;
}

static void emit_le(as *a, uint64_t v, int n)
{
    uint8_t b[8];
    for (int i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    emit(a, b, (size_t)n);
}

static lab *find_lab(as *a, const char *n, size_t len)
{
    for (int i = 0; i < a->nlab; i++)
        if (strlen(a->labs[i].name) == len && !strncmp(a->labs[i].name, n, len))
            return &a->labs[i];
    return NULL;
}

static void skipws(const char **p) { while (**p == ' ' || **p == '\t') (*p)++; }

static int is_ident(int c) { return isalnum(c) || c == '_' || c == '.' || c == '$'; }

/* expr := term (('+'|'-') term)*; in pass 1 unknown labels are 0 */
static int64_t expr(as *a, const char **p, uint64_t dot)
{
    int64_t v = 0;
    int sign = 1;
    skipws(p);
    if (**p == '-') { sign = -1; (*p)++; }
    else if (**p == '+') (*p)++;
    for (;;) {
        skipws(p);
        int64_t t;
        if (isdigit((unsigned char)**p)) {
            char *end;
            t = (int64_t)strtoull(*p, &end, 0);
            *p = end;
        } else if (**p == '.' && !is_ident((unsigned char)(*p)[1])) {
            t = (int64_t)dot;
            (*p)++;
        } else if (is_ident((unsigned char)**p)) {
            const char *s = *p;
            while (is_ident((unsigned char)**p)) (*p)++;
            lab *l = find_lab(a, s, (size_t)(*p - s));
            if (!l && a->pass == 2)
                die(a, "undefined label '%.*s'", (int)(*p - s), s);
            t = l ? (int64_t)(a->segs[l->seg].vaddr + l->off) : 0;
        } else {
            die(a, "bad expression at '%s'", *p);
            return 0;
        }
        v += sign * t;
        skipws(p);
        if (**p == '+') sign = 1;
        else if (**p == '-') sign = -1;
        else return v;
        (*p)++;
    }
}

static int reg(as *a, const char **p)
{
    skipws(p);
    const char *s = *p;
    while (isalnum((unsigned char)**p)) (*p)++;
    int r = gl_reg_parse(s, (size_t)(*p - s));
    if (r < 0)
        die(a, "bad register '%.*s'", (int)(*p - s), s);
    return r;
}

static void expect(as *a, const char **p, const char *t)
{
    skipws(p);
    if (strncmp(*p, t, strlen(t)))
        die(a, "expected '%s' at '%s'", t, *p);
    *p += strlen(t);
}

/* ibN(k) -> k*N/8 bytes */
static int64_t kref(as *a, const char **p, int bits)
{
    char t[8];
    snprintf(t, sizeof t, "ib%d(", bits);
    expect(a, p, t);
    int64_t k = expr(a, p, 0);
    expect(a, p, ")");
    return k * (bits / 8);
}

/* Parse operands of op with its syntax; 0 if they do not fit. */
static int operands(as *a, unsigned op, const char *p, uint64_t pc, gl_insn *in)
{
    const gl_opinfo *oi = gl_opinfo_get(op);
    int has_pc = strstr(p, "(pc)") != NULL;
    switch (oi->syntax) {
    case GL_SYN_NONE: break;
    case GL_SYN_U: case GL_SYN_IBREL: in->imm = expr(a, &p, pc); break;
    case GL_SYN_PCREL:
        skipws(&p);
        if (p[0] == '.' && (p[1] == '+' || p[1] == '-')) {
            p++;
            in->imm = expr(a, &p, 0);
        } else {
            in->imm = expr(a, &p, pc) - (int64_t)pc;
        }
        break;
    case GL_SYN_LINK:
        skipws(&p);
        if (!strncmp(p, "ib64(", 5)) {
            if (op != GL_OP_LJ) return 0;
            in->rc = 6;
        } else {
            in->rc = (uint8_t)reg(a, &p);
            expect(a, &p, ",");
        }
        in->imm = kref(a, &p, 64);
        break;
    case GL_SYN_RK32: case GL_SYN_RK32PC:
        if ((oi->syntax == GL_SYN_RK32PC) != has_pc) return 0;
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->imm = kref(a, &p, 32);
        if (has_pc) expect(a, &p, "(pc)");
        break;
    case GL_SYN_RK64:
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->imm = kref(a, &p, 64);
        break;
    case GL_SYN_RIMM:
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->imm = expr(a, &p, pc);
        break;
    case GL_SYN_RMEM:
        if (has_pc) return 0;
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        skipws(&p);
        in->imm = *p == '(' ? 0 : expr(a, &p, pc);
        expect(a, &p, "(");
        in->rb = (uint8_t)reg(a, &p);
        expect(a, &p, ")");
        break;
    case GL_SYN_RR:
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->rb = (uint8_t)reg(a, &p);
        break;
    case GL_SYN_RRR:
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->rb = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->ra = (uint8_t)reg(a, &p);
        break;
    case GL_SYN_RRMEM:
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        in->ra = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        expect(a, &p, "(");
        in->rb = (uint8_t)reg(a, &p);
        expect(a, &p, ")");
        break;
    case GL_SYN_RSYS: {
        in->rc = (uint8_t)reg(a, &p);
        expect(a, &p, ",");
        skipws(&p);
        if (isdigit((unsigned char)*p)) {
            in->imm = expr(a, &p, 0);
        } else {
            const char *s = p;
            while (isalnum((unsigned char)*p)) p++;
            long n = gl_sysreg_parse(s, (size_t)(p - s));
            if (n < 0) die(a, "bad system register '%.*s'", (int)(p - s), s);
            in->imm = n;
        }
        break;
    }
    }
    skipws(&p);
    if (*p)
        die(a, "junk after operands: '%s'", p);
    return 1;
}

static void insn(as *a, const char *mn, size_t mlen, const char *ops)
{
    unsigned force = 0;
    char name[48];
    if (mlen >= sizeof name) die(a, "bad mnemonic");
    memcpy(name, mn, mlen);
    name[mlen] = 0;
    if (!strcmp(name, "nop")) {
        uint8_t b[8];
        emit(a, b, (size_t)gl_encode(&gl_nop, b));
        return;
    }
    int found = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        /* first try the whole word, then with a length suffix removed */
        char base[48];
        snprintf(base, sizeof base, "%s", name);
        if (pass == 1) {
            size_t n = strlen(base);
            if (n < 3 || base[n - 2] != '.') break;
            force = base[n - 1] == 'n' ? 2 : base[n - 1] == 'w' ? 4 : base[n - 1] == 'x' ? 8 : 0;
            if (!force) break;
            base[n - 2] = 0;
        }
        for (unsigned op = 0; op < GL_OP_COUNT; op++) {
            const gl_opinfo *oi = gl_opinfo_get(op);
            if (strcmp(oi->mnemonic, base))
                continue;
            gl_insn in = {(uint16_t)op, 2, 0, 0, 0, 0};
            if (!operands(a, op, ops, here(a), &in))
                continue;
            found = 1;
            uint8_t b[8];
            int r = GL_ENC_NOFORM;
            for (unsigned len = 2; len <= 8; len *= 2) {
                if (force && len != force) continue;
                in.len = (uint8_t)len;
                r = gl_encode(&in, b);
                if (r > 0) break;
                if (a->pass == 1 && oi->syntax == GL_SYN_PCREL) { /* label not known yet */
                    in.imm = 0;
                    r = gl_encode(&in, b);
                    if (r > 0) break;
                }
            }
            if (r < 0)
                die(a, "cannot encode '%s %s': %s", name, ops, gl_enc_strerror(r));
            emit(a, b, (size_t)r);
            break;
        }
    }
    if (!found)
        die(a, "unknown instruction '%s'", name);
}

static void data_list(as *a, const char *p, int size)
{
    for (;;) {
        int64_t v = expr(a, &p, here(a));
        emit_le(a, (uint64_t)v, size);
        skipws(&p);
        if (*p != ',') break;
        p++;
    }
}

static void statement(as *a, char *line)
{
    int inq = 0;
    for (char *c = line; *c; c++) { /* '#' outside quotes starts a comment */
        if (*c == '"' && (c == line || c[-1] != '\\')) inq = !inq;
        if (*c == '#' && !inq) { *c = 0; break; }
    }
    for (size_t n = strlen(line); n && isspace((unsigned char)line[n - 1]); n--)
        line[n - 1] = 0;
    const char *p = line;
    for (;;) { /* labels */
        skipws(&p);
        const char *s = p;
        while (is_ident((unsigned char)*p)) p++;
        if (*p == ':' && p > s) {
            if (a->pass == 1) {
                if (find_lab(a, s, (size_t)(p - s))) die(a, "label defined twice");
                if (a->nlab == MAXLAB) die(a, "too many labels");
                lab *l = &a->labs[a->nlab++];
                snprintf(l->name, sizeof l->name, "%.*s", (int)(p - s), s);
                l->seg = (cur(a), a->cur);
                l->off = cur(a)->size;
            }
            p++;
            continue;
        }
        p = s;
        break;
    }
    skipws(&p);
    if (!*p) return;
    const char *w = p;
    while (*p && !isspace((unsigned char)*p)) p++;
    size_t wl = (size_t)(p - w);
    skipws(&p);
    char *end = (char *)p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1])) *--end = 0;
#define IS(s) (wl == strlen(s) && !strncmp(w, s, wl))
    if (IS(".text")) a->cur = find_seg(a, "text", PF_R | PF_X);
    else if (IS(".const")) a->cur = find_seg(a, "const", PF_R);
    else if (IS(".rodata")) a->cur = find_seg(a, "rodata", PF_R);
    else if (IS(".data")) a->cur = find_seg(a, "data", PF_R | PF_W);
    else if (IS(".seg")) {
        char n[32], perm[8] = "";
        unsigned color = 0, pf = 0;
        if (sscanf(p, "%31s %7s %u", n, perm, &color) < 2) die(a, ".seg NAME PERMS [COLOR]");
        for (char *c = perm; *c; c++)
            pf |= *c == 'r' ? PF_R : *c == 'w' ? PF_W : *c == 'x' ? PF_X : 0;
        a->cur = find_seg(a, n, pf);
        a->segs[a->cur].color = color;
    } else if (IS(".color")) cur(a)->color = (unsigned)expr(a, &p, 0);
    else if (IS(".bss")) cur(a)->bss += (size_t)expr(a, &p, 0);
    else if (IS(".align")) {
        uint64_t n = (uint64_t)expr(a, &p, 0);
        while (here(a) % n) emit_le(a, 0, 1);
    } else if (IS(".zero")) {
        for (int64_t n = expr(a, &p, 0); n > 0; n--) emit_le(a, 0, 1);
    } else if (IS(".byte")) data_list(a, p, 1);
    else if (IS(".short")) data_list(a, p, 2);
    else if (IS(".long")) data_list(a, p, 4);
    else if (IS(".quad")) data_list(a, p, 8);
    else if (IS(".lanes")) data_list(a, p, 4);
    else if (IS(".string")) {
        const char *q = strchr(p, '"');
        if (!q) die(a, ".string needs a quoted string");
        for (q++; *q && *q != '"'; q++) {
            int c = (unsigned char)*q;
            if (c == '\\') {
                q++;
                c = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q == '0' ? 0 : (unsigned char)*q;
            }
            emit_le(a, (uint64_t)c, 1);
        }
        emit_le(a, 0, 1);
    } else if (IS(".entry")) snprintf(a->entry, sizeof a->entry, "%s", p);
    else if (IS(".entry_ib")) snprintf(a->entry_ib, sizeof a->entry_ib, "%s", p);
    else if (IS(".nonote")) a->nonote = 1;
    else if (IS(".rawnote")) {
        if (a->nraw == 8) die(a, "too many .rawnote");
        if (sscanf(p, "%" SCNu32 " %" SCNu32, &a->rawnote_type[a->nraw],
                   &a->rawnote_size[a->nraw]) != 2) die(a, ".rawnote TYPE SIZE");
        if (a->pass == 1) a->nraw++;
    } else if (IS(".policy")) {
        a->have_policy = 1;
        if (sscanf(p, "%" SCNi64 " %" SCNi64 " %" SCNi64, &a->pol.read, &a->pol.write,
                   &a->pol.exec) != 3) die(a, ".policy R W X");
    } else if (IS(".matread") || IS(".matwrite")) {
        unsigned s;
        uint64_t m;
        if (sscanf(p, "%u %" SCNi64, &s, &m) != 2 || s > 15) die(a, ".matread S MASK");
        a->have_policy = 1;
        if (w[4] == 'r') a->pol.matread[s] = m;
        else a->pol.matwrite[s] = m;
    } else if (IS(".matexec")) {
        unsigned s;
        uint64_t m;
        if (sscanf(p, "%u %" SCNi64, &s, &m) != 2 || s > 15) die(a, ".matexec S MASK");
        a->have_xfer = 1;
        a->xfer.matexec[s] = m;
    } else if (*w == '.') die(a, "unknown directive '%.*s'", (int)wl, w);
    else insn(a, w, wl, p);
#undef IS
}

static void assemble(as *a, FILE *f)
{
    char line[1024];
    a->cur = -1;
    a->line = 0;
    for (int i = 0; i < a->nseg; i++) {
        a->segs[i].size = 0;
        a->segs[i].bss = 0;
    }
    rewind(f);
    while (fgets(line, sizeof line, f)) {
        a->line++;
        statement(a, line);
    }
}

static uint64_t lab_addr(as *a, const char *name, uint64_t dflt)
{
    if (!*name) return dflt;
    lab *l = find_lab(a, name, strlen(name));
    if (!l) { fprintf(stderr, "undefined label '%s'\n", name); exit(1); }
    return a->segs[l->seg].vaddr + l->off;
}

static void seg_default(as *a, const char *name, uint64_t *v)
{
    for (int i = 0; i < a->nseg; i++)
        if (!strcmp(a->segs[i].name, name)) { *v = a->segs[i].vaddr; return; }
}

static void put_field(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* --ehdr F=V / --phdr I.F=V: offsets in Elf64_Ehdr / Elf64_Phdr */
static int patch(uint8_t *img, size_t size, const char *spec, int ph)
{
    static const struct { const char *n; int off, size; } ef[] = {
        {"class", 4, 1}, {"data", 5, 1}, {"identversion", 6, 1}, {"osabi", 7, 1},
        {"type", 16, 2}, {"machine", 18, 2}, {"version", 20, 4}, {"entry", 24, 8},
        {"phoff", 32, 8}, {"shoff", 40, 8}, {"flags", 48, 4}, {"ehsize", 52, 2},
        {"phentsize", 54, 2}, {"phnum", 56, 2}}, pf[] = {
        {"type", 0, 4}, {"flags", 4, 4}, {"offset", 8, 8}, {"vaddr", 16, 8},
        {"paddr", 24, 8}, {"filesz", 32, 8}, {"memsz", 40, 8}, {"align", 48, 8}};
    int idx = 0;
    const char *f = spec;
    if (ph) {
        idx = atoi(spec);
        f = strchr(spec, '.');
        if (!f) return -1;
        f++;
    }
    const char *eq = strchr(f, '=');
    if (!eq) return -1;
    uint64_t v = strtoull(eq + 1, NULL, 0);
    size_t n = ph ? sizeof pf / sizeof pf[0] : sizeof ef / sizeof ef[0];
    for (size_t i = 0; i < n; i++) {
        const char *nm = ph ? pf[i].n : ef[i].n;
        if (strlen(nm) != (size_t)(eq - f) || strncmp(nm, f, (size_t)(eq - f))) continue;
        size_t off = ph ? 64 + (size_t)idx * 56 + (size_t)pf[i].off : (size_t)ef[i].off;
        int sz = ph ? pf[i].size : ef[i].size;
        if (off + (size_t)sz > size) return -1;
        put_field(img + off, v, sz);
        return 0;
    }
    return -1;
}

int main(int argc, char **argv)
{
    const char *out = "a.out", *in = NULL;
    const char *ehdr[16], *phdr[16], *npoke[16];
    int ne = 0, np = 0, nn = 0;
    long trunc = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--ehdr") && i + 1 < argc && ne < 16) ehdr[ne++] = argv[++i];
        else if (!strcmp(argv[i], "--phdr") && i + 1 < argc && np < 16) phdr[np++] = argv[++i];
        else if (!strcmp(argv[i], "--note-poke") && i + 1 < argc && nn < 16) npoke[nn++] = argv[++i];
        else if (!strcmp(argv[i], "--truncate") && i + 1 < argc) trunc = atol(argv[++i]);
        else if (argv[i][0] == '-') { fprintf(stderr, "_mkexe: bad option %s\n", argv[i]); return 1; }
        else in = argv[i];
    }
    if (!in) { fprintf(stderr, "usage: _mkexe [-o out] input.s\n"); return 1; }
    FILE *f = fopen(in, "r");
    if (!f) { fprintf(stderr, "_mkexe: %s: %s\n", in, strerror(errno)); return 1; }
    static as A;
    as *a = &A;
    a->file = in;
    gl_color_policy_default(&a->pol);
    a->pass = 1;
    assemble(a, f);
    layout(a);
    a->pass = 2;
    size_t sizes[MAXSEG];
    for (int i = 0; i < a->nseg; i++) sizes[i] = a->segs[i].size;
    assemble(a, f);
    fclose(f);
    for (int i = 0; i < a->nseg; i++)
        if (sizes[i] != a->segs[i].size) { fprintf(stderr, "_mkexe: sizes changed between passes\n"); return 1; }

    uint64_t entry = 0, entry_ib = 0;
    seg_default(a, "text", &entry);
    seg_default(a, "const", &entry_ib);
    entry = lab_addr(a, a->entry, entry);
    entry_ib = lab_addr(a, a->entry_ib, entry_ib);

    /* notes */
    uint8_t notes[4096];
    size_t nlen = 0;
    if (!a->nonote) {
        uint8_t d[8];
        put_field(d, entry_ib, 8);
        gl_note_write(notes + nlen, NT_GLYPH_ENTRY_IB, d, 8);
        nlen += gl_note_size(8);
    }
    if (a->have_policy) {
        uint8_t d[GL_COLOR_POLICY_SIZE];
        gl_color_policy_encode(&a->pol, d);
        gl_note_write(notes + nlen, NT_GLYPH_COLORS, d, sizeof d);
        nlen += gl_note_size(sizeof d);
    }
    if (a->have_xfer) {
        uint8_t d[GL_COLOR_XFER_SIZE];
        gl_color_xfer_encode(&a->xfer, d);
        gl_note_write(notes + nlen, NT_GLYPH_XFER, d, sizeof d);
        nlen += gl_note_size(sizeof d);
    }
    for (int i = 0; i < a->nraw; i++) {
        uint8_t d[512] = {0};
        if (a->rawnote_size[i] > sizeof d) return 1;
        gl_note_write(notes + nlen, a->rawnote_type[i], d, a->rawnote_size[i]);
        nlen += gl_note_size(a->rawnote_size[i]);
    }

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%d", out, (int)getpid());
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0755);
    if (fd < 0) { fprintf(stderr, "_mkexe: %s: %s\n", tmp, strerror(errno)); return 1; }
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_WRITE, NULL);
    GElf_Ehdr eh;
    int nph = a->nseg + 1;
    gelf_newehdr(e, ELFCLASS64);
    gelf_newphdr(e, (size_t)nph);
    gelf_getehdr(e, &eh);
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_GLYPH;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = 64;

    /* sections: one per segment, the notes, the names */
    char shstr[1024] = "";
    size_t shlen = 1;
    uint64_t end = GL_PAGE_SIZE;
    for (int i = 0; i < a->nseg; i++) {
        seg *s = &a->segs[i];
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *d = elf_newdata(scn);
        d->d_buf = s->buf;
        d->d_size = s->size;
        d->d_type = ELF_T_BYTE;
        d->d_align = 1;
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        sh.sh_name = (GElf_Word)shlen;
        shlen += (size_t)sprintf(shstr + shlen, ".%s", s->name) + 1;
        sh.sh_type = SHT_PROGBITS;
        sh.sh_flags = gl_shf_with_color(SHF_ALLOC | (s->perms & PF_W ? SHF_WRITE : 0) |
                                        (s->perms & PF_X ? SHF_EXECINSTR : 0), s->color);
        sh.sh_addr = s->vaddr;
        sh.sh_offset = s->off;
        sh.sh_size = s->size;
        sh.sh_addralign = 1;
        gelf_update_shdr(scn, &sh);
        if (s->off + s->size > end) end = s->off + s->size;
    }
    uint64_t note_off = (end + 7) & ~(uint64_t)7;
    {
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *d = elf_newdata(scn);
        d->d_buf = notes;
        d->d_size = nlen;
        d->d_type = ELF_T_BYTE;
        d->d_align = 4;
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        sh.sh_name = (GElf_Word)shlen;
        shlen += (size_t)sprintf(shstr + shlen, "%s", GL_NOTE_SECTION) + 1;
        sh.sh_type = SHT_NOTE;
        sh.sh_flags = SHF_ALLOC;
        sh.sh_offset = note_off;
        sh.sh_size = nlen;
        sh.sh_addralign = 4;
        gelf_update_shdr(scn, &sh);
    }
    uint64_t str_off = note_off + nlen;
    Elf_Scn *strscn = elf_newscn(e);
    {
        Elf_Data *d = elf_newdata(strscn);
        shlen += (size_t)sprintf(shstr + shlen, ".shstrtab") + 1;
        d->d_buf = shstr;
        d->d_size = shlen;
        d->d_type = ELF_T_BYTE;
        d->d_align = 1;
        GElf_Shdr sh;
        gelf_getshdr(strscn, &sh);
        sh.sh_name = (GElf_Word)(shlen - sizeof ".shstrtab");
        sh.sh_type = SHT_STRTAB;
        sh.sh_offset = str_off;
        sh.sh_size = shlen;
        sh.sh_addralign = 1;
        gelf_update_shdr(strscn, &sh);
    }
    eh.e_shoff = (str_off + shlen + 7) & ~(uint64_t)7;
    eh.e_shstrndx = (Elf64_Half)elf_ndxscn(strscn);
    gelf_update_ehdr(e, &eh);
    for (int i = 0; i < a->nseg; i++) {
        seg *s = &a->segs[i];
        GElf_Phdr ph = {PT_LOAD, gl_pf_with_color(s->perms, s->color), s->off, s->vaddr,
                        s->vaddr, s->size, s->size + s->bss, GL_PAGE_SIZE};
        gelf_update_phdr(e, i, &ph);
    }
    GElf_Phdr nph_ = {PT_NOTE, PF_R, note_off, 0, 0, nlen, nlen, 4};
    gelf_update_phdr(e, a->nseg, &nph_);
    elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
    if (elf_update(e, ELF_C_WRITE) < 0) {
        fprintf(stderr, "_mkexe: libelf: %s\n", elf_errmsg(-1));
        unlink(tmp);
        return 1;
    }
    elf_end(e);

    /* damage on request */
    off_t fsize = lseek(fd, 0, SEEK_END);
    uint8_t *img = malloc((size_t)fsize);
    if (!img || pread(fd, img, (size_t)fsize, 0) != fsize) {
        fprintf(stderr, "_mkexe: cannot read back %s\n", tmp);
        unlink(tmp);
        return 1;
    }
    for (int i = 0; i < ne; i++)
        if (patch(img, (size_t)fsize, ehdr[i], 0)) { fprintf(stderr, "_mkexe: bad --ehdr %s\n", ehdr[i]); return 1; }
    for (int i = 0; i < np; i++)
        if (patch(img, (size_t)fsize, phdr[i], 1)) { fprintf(stderr, "_mkexe: bad --phdr %s\n", phdr[i]); return 1; }
    for (int i = 0; i < nn; i++) {
        unsigned long o = strtoul(npoke[i], NULL, 0);
        const char *eq = strchr(npoke[i], '=');
        if (!eq || note_off + o + 4 > (uint64_t)fsize) return 1;
        put_field(img + note_off + o, strtoull(eq + 1, NULL, 0), 4);
    }
    if (trunc >= 0 && trunc < fsize) fsize = trunc;
    if (ftruncate(fd, 0) != 0 || pwrite(fd, img, (size_t)fsize, 0) != fsize) return 1;
    free(img);
    close(fd);
    if (rename(tmp, out) != 0) { unlink(tmp); return 1; }
    for (int i = 0; i < a->nseg; i++) free(a->segs[i].buf);
    return 0;
}
