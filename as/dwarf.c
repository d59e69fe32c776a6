/*
 * dwarf.c - `-g`: DWARF line information for the assembly source, as
 * GNU as writes it (docs/as.md, "Debug information").
 *
 *   .debug_line     one sequence per code section: each instruction's
 *                   offset mapped to the file and line it was written
 *                   on (an .include'd file has its own file entry, a
 *                   macro's instructions the lines of its body)
 *   .debug_info     one DW_TAG_compile_unit: stmt_list, low_pc/high_pc
 *                   (one code section) or ranges, name, comp_dir,
 *                   producer, language
 *   .debug_abbrev   its abbreviation
 *   .debug_rnglists / .debug_ranges   (DWARF 5 / 4) with several code
 *                   sections
 *
 * Strings are inline (DW_FORM_string), so no string section needs
 * relocating.  Addresses are R_GLYPH_64 against the code section,
 * section offsets R_GLYPH_32 against the debug section (the linker
 * gives each input's part of a debug section its offset in the output
 * as its address).  The field holds the addend too, so a reader that
 * does not apply glyph relocations sees section offsets.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "as.h"
#include "dwarf_line.h"
#include "glyph_elf.h"
#include "version.h"

typedef struct buf {
    uint8_t *p;
    size_t n, cap;
} buf;

static void put(buf *b, const void *v, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 64;
        b->p = as_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, v, n);
    b->n += n;
}

static void u8(buf *b, unsigned v)
{
    uint8_t x = (uint8_t)v;
    put(b, &x, 1);
}

static void le(buf *b, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        u8(b, (unsigned)(v >> (8 * i)) & 0xff);
}

static void uleb(buf *b, uint64_t v)
{
    do {
        unsigned x = v & 0x7f;
        v >>= 7;
        u8(b, x | (v ? 0x80 : 0));
    } while (v);
}

static void sleb(buf *b, int64_t v)
{
    for (;;) {
        unsigned x = (unsigned)v & 0x7f;
        v >>= 7; /* arithmetic on every compiler we build with */
        int done = (v == 0 && !(x & 0x40)) || (v == -1 && (x & 0x40));
        u8(b, x | (done ? 0 : 0x80));
        if (done)
            return;
    }
}

static void cstr(buf *b, const char *s)
{
    put(b, s, strlen(s) + 1);
}

static void patch32(buf *b, size_t at, uint64_t v)
{
    for (unsigned i = 0; i < 4; i++)
        b->p[at + i] = (uint8_t)(v >> (8 * i));
}

/* A 64-bit address: section s + off. */
static void addr(as_ctx *c, as_section *in, buf *b, as_section *s, uint64_t off)
{
    as_reloc_add(c, in, b->n, R_GLYPH_64, NULL, s, (int64_t)off);
    le(b, off, 8);
}

/* A 32-bit offset into debug section s. */
static void secoff(as_ctx *c, as_section *in, buf *b, as_section *s, uint64_t off)
{
    as_reloc_add(c, in, b->n, R_GLYPH_32, NULL, s, (int64_t)off);
    le(b, off, 4);
}

typedef struct files {
    const char **v;
    size_t n;
} files;

/* 1-based index of a file in the table (DWARF 5's file 0 is the
 * primary source too, as GNU as writes it). */
static unsigned file_index(files *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i] == name || strcmp(f->v[i], name) == 0)
            return (unsigned)i + 1;
    f->v = as_xrealloc(f->v, (f->n + 1) * sizeof *f->v);
    f->v[f->n++] = name;
    return (unsigned)f->n;
}

/* Does the code section hold an instruction with a source position? */
static int has_lines(const as_section *s)
{
    if (!s->code || !s->size)
        return 0;
    for (const as_item *it = s->first; it; it = it->next)
        if ((it->kind == IT_INSN || it->kind == IT_CODE) && it->loc.file && it->loc.line > 0)
            return 1;
    return 0;
}

/* The line number program: a sequence per code section. */
static void line_program(as_ctx *c, as_section *dl, buf *b, files *f)
{
    for (as_section *s = c->sections; s; s = s->next) {
        if (!has_lines(s))
            continue;
        u8(b, 0), uleb(b, 9), u8(b, DW_LNE_set_address);
        addr(c, dl, b, s, 0);
        uint64_t pc = 0;
        int64_t line = 1;
        unsigned file = 1;
        const char *lastf = NULL;
        int lastl = -1;
        for (as_item *it = s->first; it; it = it->next) {
            if ((it->kind != IT_INSN && it->kind != IT_CODE) || !it->loc.file || it->loc.line <= 0)
                continue;
            if (it->loc.file == lastf && it->loc.line == lastl)
                continue; /* more instructions of one line (call, li, ...) */
            lastf = it->loc.file;
            lastl = it->loc.line;
            unsigned fi = file_index(f, it->loc.file);
            if (fi != file) {
                u8(b, DW_LNS_set_file), uleb(b, fi);
                file = fi;
            }
            uint64_t da = it->off - pc;
            int64_t dl_ = it->loc.line - line;
            uint64_t adj = (uint64_t)(dl_ - GL_DW_LINE_BASE);
            if (dl_ >= GL_DW_LINE_BASE && dl_ < GL_DW_LINE_BASE + GL_DW_LINE_RANGE &&
                da <= (255 - GL_DW_OPCODE_BASE - adj) / GL_DW_LINE_RANGE) {
                u8(b, (unsigned)(adj + GL_DW_LINE_RANGE * da + GL_DW_OPCODE_BASE));
            } else {
                if (da)
                    u8(b, DW_LNS_advance_pc), uleb(b, da);
                if (dl_)
                    u8(b, DW_LNS_advance_line), sleb(b, dl_);
                u8(b, DW_LNS_copy);
            }
            pc = it->off;
            line = it->loc.line;
        }
        if (s->size > pc)
            u8(b, DW_LNS_advance_pc), uleb(b, s->size - pc);
        u8(b, 0), uleb(b, 1), u8(b, DW_LNE_end_sequence);
    }
}

static void file_entry4(buf *b, const char *name)
{
    cstr(b, name);
    uleb(b, 1); /* directory: the compilation directory, listed */
    uleb(b, 0); /* modification time, length: unknown */
    uleb(b, 0);
}

/* .debug_line: header (DWARF 4 or 5) and program. */
static void debug_line(as_ctx *c, as_section *dl, buf *b, const char *primary,
                       const char *comp_dir)
{
    int v = c->debug;
    buf prog = {0};
    files f = {0};
    file_index(&f, primary);
    /* the program first: it names the files the header lists */
    size_t nrel = dl->nrelocs;
    line_program(c, dl, &prog, &f);

    le(b, 0, 4); /* unit_length, patched */
    le(b, (uint64_t)v, 2);
    if (v >= 5)
        u8(b, 8), u8(b, 0); /* address size, segment selector size */
    size_t hl = b->n;
    le(b, 0, 4);        /* header_length, patched */
    u8(b, 1);           /* minimum_instruction_length */
    u8(b, 1);           /* maximum_operations_per_instruction */
    u8(b, 1);           /* default_is_stmt */
    u8(b, (unsigned)(GL_DW_LINE_BASE & 0xff));
    u8(b, GL_DW_LINE_RANGE);
    u8(b, GL_DW_OPCODE_BASE);
    static const uint8_t lens[GL_DW_OPCODE_BASE - 1] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};
    put(b, lens, sizeof lens);
    if (v >= 5) {
        u8(b, 1), uleb(b, DW_LNCT_path), uleb(b, DW_FORM_string);
        uleb(b, 1), cstr(b, comp_dir);
        u8(b, 2), uleb(b, DW_LNCT_path), uleb(b, DW_FORM_string);
        uleb(b, DW_LNCT_directory_index), uleb(b, DW_FORM_udata);
        uleb(b, f.n + 1);
        cstr(b, primary), uleb(b, 0); /* file 0 */
        for (size_t i = 0; i < f.n; i++)
            cstr(b, f.v[i]), uleb(b, 0);
    } else {
        /* the compilation directory as directory 1, so the table alone
         * names every file in full (DWARF 5 has it as directory 0) */
        cstr(b, comp_dir);
        u8(b, 0);
        for (size_t i = 0; i < f.n; i++)
            file_entry4(b, f.v[i]);
        u8(b, 0);
    }
    patch32(b, hl, b->n - hl - 4);
    /* the program's relocations move by the header's size */
    for (size_t i = nrel; i < dl->nrelocs; i++)
        dl->relocs[i].off += b->n;
    put(b, prog.p, prog.n);
    patch32(b, 0, b->n - 4);
    free(prog.p);
    free(f.v);
}

/* A fresh debug section; an error when the source made one already. */
static as_section *debug_section(as_ctx *c, const char *name)
{
    for (as_section *s = c->sections; s; s = s->next)
        if (strcmp(s->name, name) == 0) {
            as_fatal(c, "-g writes %s, and the source has a section of that name", name);
            return NULL;
        }
    return as_section_get(c, name);
}

static void finish(as_section *s, buf *b)
{
    s->data = b->p;
    s->size = b->n;
}

void as_dwarf(as_ctx *c, const char *primary)
{
    int v = c->debug;
    size_t ncode = 0;
    as_section *code = NULL;
    for (as_section *s = c->sections; s; s = s->next)
        if (s->code && s->size) {
            ncode++;
            code = s;
        }
    char *cwd = getcwd(NULL, 0);
    const char *comp_dir = cwd ? cwd : ".";
    as_section *dl = debug_section(c, ".debug_line");
    as_section *di = debug_section(c, ".debug_info");
    as_section *da = debug_section(c, ".debug_abbrev");
    as_section *dr = ncode > 1 ? debug_section(c, v >= 5 ? ".debug_rnglists" : ".debug_ranges")
                               : NULL;
    if (!dl || !di || !da || (ncode > 1 && !dr)) {
        free(cwd);
        return;
    }
    buf line = {0}, info = {0}, abbrev = {0}, ranges = {0};
    debug_line(c, dl, &line, primary, comp_dir);

    /* the abbreviation of the one DIE */
    uleb(&abbrev, 1), uleb(&abbrev, DW_TAG_compile_unit), u8(&abbrev, DW_CHILDREN_no);
    uleb(&abbrev, DW_AT_stmt_list), uleb(&abbrev, DW_FORM_sec_offset);
    if (ncode == 1) {
        uleb(&abbrev, DW_AT_low_pc), uleb(&abbrev, DW_FORM_addr);
        uleb(&abbrev, DW_AT_high_pc), uleb(&abbrev, DW_FORM_data8);
    } else if (ncode > 1) {
        uleb(&abbrev, DW_AT_ranges), uleb(&abbrev, DW_FORM_sec_offset);
    }
    uleb(&abbrev, DW_AT_name), uleb(&abbrev, DW_FORM_string);
    uleb(&abbrev, DW_AT_comp_dir), uleb(&abbrev, DW_FORM_string);
    uleb(&abbrev, DW_AT_producer), uleb(&abbrev, DW_FORM_string);
    uleb(&abbrev, DW_AT_language), uleb(&abbrev, DW_FORM_data2);
    uleb(&abbrev, 0), uleb(&abbrev, 0);
    uleb(&abbrev, 0);

    /* the compile unit */
    le(&info, 0, 4);
    le(&info, (uint64_t)v, 2);
    if (v >= 5) {
        u8(&info, DW_UT_compile), u8(&info, 8);
        secoff(c, di, &info, da, 0);
    } else {
        secoff(c, di, &info, da, 0);
        u8(&info, 8);
    }
    uleb(&info, 1);
    secoff(c, di, &info, dl, 0);
    if (ncode == 1) {
        addr(c, di, &info, code, 0);
        le(&info, code->size, 8);
    } else if (ncode > 1) {
        uint64_t first = v >= 5 ? 12 : 0; /* past the range list header */
        secoff(c, di, &info, dr, first);
        if (v >= 5) {
            le(&ranges, 0, 4);
            le(&ranges, 5, 2), u8(&ranges, 8), u8(&ranges, 0), le(&ranges, 0, 4);
        }
        for (as_section *s = c->sections; s; s = s->next) {
            if (!s->code || !s->size)
                continue;
            if (v >= 5) {
                u8(&ranges, DW_RLE_start_length);
                addr(c, dr, &ranges, s, 0);
                uleb(&ranges, s->size);
            } else {
                addr(c, dr, &ranges, s, 0);
                addr(c, dr, &ranges, s, s->size);
            }
        }
        if (v >= 5) {
            u8(&ranges, DW_RLE_end_of_list);
            patch32(&ranges, 0, ranges.n - 4);
        } else {
            le(&ranges, 0, 8), le(&ranges, 0, 8); /* the end: a (0, 0) pair */
        }
    }
    cstr(&info, primary);
    cstr(&info, comp_dir);
    cstr(&info, "glyph-as " GL_VERSION);
    le(&info, DW_LANG_Mips_Assembler, 2);
    patch32(&info, 0, info.n - 4);

    finish(dl, &line);
    finish(di, &info);
    finish(da, &abbrev);
    if (dr)
        finish(dr, &ranges);
    free(cwd);
}
