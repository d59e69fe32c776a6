/*
 * disasm.c - -d / -D / --disassemble=sym: one line per instruction in
 * GNU objdump's layout ("   10004:\t94 18 ...\tmovi.i64 a0, 5"), symbol
 * headers, the annotation comment (annotate.c) and, with -r, the
 * relocations below the instruction they patch.
 *
 * The instruction text is exactly gl_disasm's, so it re-assembles;
 * words that do not decode print as gl_disasm_data directives.  The
 * immediate block in force is tracked along the way: at a label `foo`
 * it becomes `foo.const` when that symbol exists (a function without
 * one makes it unknown); `ibj` moves it.  Calls return with ib
 * restored, so a link instruction leaves it as it was.  The position in
 * a `tail foo` sequence (tail.c) is tracked alongside.  With -l, the
 * source line above the first instruction of each line (lines.c).
 */
#include <inttypes.h>
#include <string.h>

#include "od.h"

enum { BYTES_COL = 8, COMMENT_COL = 30 };

/* The leading zeros GNU drops from addresses: all but 4 hex digits of
 * the common zero prefix of the section's addresses. */
static int skip_addr_chars(uint64_t vma, uint64_t size)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%016" PRIx64, vma + size);
    int n = 0;
    while (buf[n] == '0')
        n++;
    if (buf[n] == 0 && vma != 0)
        n = 0;
    return n ? (n - 1) & -4 : 0;
}

static void print_addr(uint64_t a, int skip)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%016" PRIx64, a);
    char *s = buf + skip;
    char *p = s;
    while (*p == '0' && p[1])
        *p++ = ' ';
    printf("%s:\t", s);
}

/* Set ib from a label: its ".const" twin, unknown for a function that
 * has none, unchanged for other labels. */
static void ib_from_label(const od_file *f, const od_sym *lab, od_ibstate *ib)
{
    char name[512];
    snprintf(name, sizeof name, "%s%s", lab->name, GL_CONST_SUFFIX);
    const od_sym *twin = od_sym_find(f, name);
    if (twin && twin->st.st_shndx < f->shnum) {
        ib->known = 1;
        ib->sec = twin->st.st_shndx;
        ib->addr = twin->st.st_value;
    } else if (GELF_ST_TYPE(lab->st.st_info) == STT_FUNC) {
        ib->known = 0;
    }
}

static int has_block(const od_file *f, const od_sym *lab)
{
    char name[512];
    snprintf(name, sizeof name, "%s%s", lab->name, GL_CONST_SUFFIX);
    return od_sym_find(f, name) != 0;
}

static void print_header(const od_ctx *c, const od_file *f, unsigned sec, uint64_t addr)
{
    char lab[300];
    od_symbolize(c, f, sec, addr, lab, sizeof lab);
    printf("\n%016" PRIx64 " %s:\n", addr, lab);
}

/* The annotation, dim; symbols inside it end with a reset, after which
 * dim is switched on again so the whole comment stays dim. */
static void print_comment(const od_ctx *c, const char *s)
{
    const char *dim = od_hl_sgr(c, OD_HL_COMMENT), *rst = od_reset(c);
    size_t n = strlen(rst);
    printf("%s# ", dim);
    while (*s) {
        if (n && strncmp(s, rst, n) == 0) {
            printf("%s%s", rst, dim);
            s += n;
        } else {
            putchar(*s++);
        }
    }
    fputs(rst, stdout);
}

static void print_line(od_ctx *c, const uint8_t *p, unsigned len, const char *text,
                       const char *comment)
{
    for (unsigned i = 0; i < BYTES_COL; i++)
        printf(i < len ? "%02x " : "   ", p[i < len ? i : 0]);
    putchar('\t');
    od_print_insn_text(c, text);
    if (*comment) {
        int pad = COMMENT_COL - (int)strlen(text);
        printf("%*s", pad > 1 ? pad : 1, "");
        print_comment(c, comment);
    }
    putchar('\n');
}

/* Starting inside a function (--start-address): walk it from its label
 * to start so the block in force there is known. */
static void replay(const od_file *f, unsigned sec, uint64_t from, uint64_t to,
                   od_ibstate *ib, uint64_t *func, od_tail *tail)
{
    const od_sec *s = &f->secs[sec];
    for (uint64_t off = from; off < to && off < s->size;) {
        const od_sym *l = od_label_at(f, sec, s->sh.sh_addr + off);
        if (l && off != from) {
            ib_from_label(f, l, ib);
            if (GELF_ST_TYPE(l->st.st_info) == STT_FUNC || has_block(f, l))
                *func = s->sh.sh_addr + off;
        }
        od_tail_step(f, sec, off, tail);
        gl_insn in;
        unsigned len = gl_decode(s->data + off, s->size - off, &in);
        if (len == 0)
            break;
        if (in.op == GL_OP_IBJ && ib->known)
            ib->addr += (uint64_t)in.imm;
        off += len;
    }
}

static void disasm_section(od_ctx *c, const od_file *f, unsigned sec, const od_sym *only)
{
    const od_sec *s = &f->secs[sec];
    uint64_t vma = s->sh.sh_addr, start = 0, stop = s->size;
    if (only) {
        uint64_t a = only->st.st_value - vma, e = a + only->st.st_size;
        if (!only->st.st_size) { /* up to the next label */
            e = stop;
            for (size_t i = 0; i < f->nlabels; i++) {
                const od_sym *l = f->labels[i];
                if (l->st.st_shndx == sec && l->st.st_value > only->st.st_value &&
                    l->st.st_value - vma < e)
                    e = l->st.st_value - vma;
            }
        }
        start = a < stop ? a : stop;
        stop = e < stop ? e : stop;
    }
    if (c->have_start && c->start_addr > vma + start)
        start = c->start_addr - vma < stop ? c->start_addr - vma : stop;
    if (c->have_stop && c->stop_addr < vma + stop)
        stop = c->stop_addr > vma + start ? c->stop_addr - vma : start;
    if (start >= stop)
        return; /* nothing of this section in range */
    unsigned col = gl_shf_color(s->sh.sh_flags);
    printf("\nDisassembly of section %s%s%s:\n", od_glyph_sgr(c, col), s->name, od_reset(c));

    int skip = skip_addr_chars(vma, s->size);
    od_ibstate ib = {0, 0, 0};
    od_tail tail = {0, 0, 0, 0, 0, 0};
    uint64_t func = vma + start;
    const od_sym *lab = od_label_at_or_before(f, sec, vma + start);
    if (lab) {
        ib_from_label(f, lab, &ib);
        func = lab->st.st_value;
        replay(f, sec, lab->st.st_value - vma, start, &ib, &func, &tail);
    }
    int need_header = 1;
    od_linepos at = {0, 0};
    for (uint64_t off = start; off < stop;) {
        uint64_t pc = vma + off;
        const od_sym *l = od_label_at(f, sec, pc);
        if (l) {
            ib_from_label(f, l, &ib);
            if (GELF_ST_TYPE(l->st.st_info) == STT_FUNC || has_block(f, l))
                func = pc; /* where a return vector counts from */
        }
        if (l || need_header)
            print_header(c, f, sec, pc);
        need_header = 0;
        od_line_print(f, sec, pc, &at, l ? l->name : NULL); /* as GNU: "main():" */

        const uint8_t *p = s->data + off;
        uint64_t avail = stop - off;
        gl_insn in;
        char text[128], comment[640];
        unsigned len = avail >= 2 ? gl_decode(p, avail, &in) : 0;
        comment[0] = 0;
        if (avail < 2) {
            len = 1;
            snprintf(text, sizeof text, ".byte 0x%02x", p[0]);
            in.op = GL_OP_INVALID;
        } else if (len == 0) {
            len = 2; /* announces more bytes than are left */
            gl_disasm_data(p, len, text, sizeof text);
            in.op = GL_OP_INVALID;
        } else if (in.op == GL_OP_INVALID) {
            gl_disasm_data(p, len, text, sizeof text);
        } else {
            gl_disasm(&in, c->dis_opts, text, sizeof text);
            enum od_tail_role role = od_tail_step(f, sec, off, &tail);
            od_annotate(c, f, sec, pc, &in, &ib, func, role, comment, sizeof comment);
        }
        print_addr(pc, skip);
        print_line(c, p, len, text, comment);
        if (c->relocs && f->nrelsecs)
            od_inline_relocs(c, f, sec, off, len, &in, &ib);
        if (in.op == GL_OP_IBJ && ib.known)
            ib.addr += (uint64_t)in.imm;
        off += len;
    }
}

void od_dump_disasm(od_ctx *c, const od_file *f)
{
    if (f->eh.e_machine != EM_GLYPH) {
        od_error(c, f->path, "cannot disassemble: e_machine 0x%x is not glyph (0x%x)",
                 f->eh.e_machine, EM_GLYPH);
        return;
    }
    const od_sym *only = 0;
    if (c->disasm_sym) {
        only = od_sym_find(f, c->disasm_sym);
        if (!only || only->st.st_shndx >= f->shnum)
            return;
    }
    for (size_t i = 1; i < f->shnum; i++) {
        const od_sec *s = &f->secs[i];
        if (!s->shown || !s->data || !s->size || !od_selected(c, s->name))
            continue;
        if (!c->disasm_all && !(s->sh.sh_flags & SHF_EXECINSTR))
            continue;
        if (only && only->st.st_shndx != i)
            continue;
        disasm_section(c, f, (unsigned)i, only);
    }
}
