/*
 * site.c - the instruction behind a relocation, for messages.
 *
 * Most references of glyph code are constants in an immediate block
 * (call vectors, la and tail differences, li values), so a relocation's
 * own place, ".const+0xc", says little.  The constant is read by an
 * instruction of the function that owns the block (foo for foo.const);
 * decoding that function from its entry, with ib starting at the block
 * and moved by each ibj, finds the first instruction whose constant
 * covers the place.  With line information in the object (glyph-as
 * -g), that instruction's source line comes first in the message, as
 * GNU ld writes "foo.s:12: undefined reference to `bar'".
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "isa.h"
#include "ld.h"

/* Bytes of the constant an instruction reads (0: none). */
static unsigned const_size(const gl_opinfo *oi)
{
    switch (oi->syntax) {
    case GL_SYN_RK32:
    case GL_SYN_RK32PC:
        return 4;
    case GL_SYN_RK64:
    case GL_SYN_LINK:
        return 8;
    }
    return 0;
}

/* Nearest named, non-section symbol at or below off in sec. */
static const ld_objsym *symbol_below(const ld_section *sec, uint64_t off)
{
    const ld_object *o = sec->obj;
    const ld_objsym *best = NULL;
    for (size_t i = 1; i < o->nsyms; i++) {
        const ld_objsym *y = &o->syms[i];
        if (y->shndx != sec->index || y->value > off || !y->name || !*y->name ||
            y->type == STT_SECTION || (best && best->value >= y->value))
            continue;
        best = y;
    }
    return best;
}

int ld_site_insn(const ld_section *csec, uint64_t off, const ld_section **tsec,
                 uint64_t *toff, char *text, size_t size, unsigned *op)
{
    if (csec->kind != LD_KIND_CONST)
        return 0;
    const ld_object *o = csec->obj;
    const ld_objsym *blk = symbol_below(csec, off);
    size_t k = strlen(GL_CONST_SUFFIX);
    if (!blk || strlen(blk->name) <= k ||
        strcmp(blk->name + strlen(blk->name) - k, GL_CONST_SUFFIX) != 0)
        return 0;
    size_t n = strlen(blk->name) - k;
    const ld_objsym *entry = NULL;
    for (size_t i = 1; i < o->nsyms && !entry; i++) {
        const ld_objsym *y = &o->syms[i];
        if (y->name && strlen(y->name) == n && strncmp(y->name, blk->name, n) == 0 &&
            y->shndx > 0 && y->shndx < o->nsecs && o->secs[y->shndx].kind == LD_KIND_TEXT &&
            o->secs[y->shndx].data)
            entry = y;
    }
    if (!entry)
        return 0;
    const ld_section *ts = &o->secs[entry->shndx];
    /* the function ends at the next function entry of its section */
    uint64_t end = ts->size;
    for (size_t i = 1; i < o->nsyms; i++) {
        const ld_objsym *y = &o->syms[i];
        if (y->shndx == entry->shndx && y->type == STT_FUNC && y->value > entry->value &&
            y->value < end)
            end = y->value;
    }
    uint64_t ib = blk->value;
    for (uint64_t pc = entry->value; pc < end;) {
        gl_insn in;
        unsigned len = gl_decode(ts->data + pc, (size_t)(end - pc), &in);
        if (!len)
            break;
        const gl_opinfo *oi = gl_opinfo_get(in.op);
        if (in.op == GL_OP_IBJ)
            ib += (uint64_t)in.imm;
        unsigned cs = in.op == GL_OP_INVALID ? 0 : const_size(oi);
        uint64_t at = ib + (uint64_t)in.imm;
        if (cs && off >= at && off - at < cs) {
            *tsec = ts;
            *toff = pc;
            if (size)
                gl_disasm(&in, 0, text, size);
            if (op)
                *op = in.op;
            return 1;
        }
        pc += len;
    }
    return 0;
}

void ld_site_text(ld_ctx *ctx, const ld_section *sec, uint64_t off, char *where,
                  size_t wsize, char *src, size_t ssize)
{
    const ld_section *ts = sec;
    uint64_t toff = off;
    char insn[128], line[300];
    if (ld_site_insn(sec, off, &ts, &toff, insn, sizeof insn, NULL))
        snprintf(where, wsize, "%s+0x%" PRIx64 " `%s`", ts->name, toff, insn);
    else
        snprintf(where, wsize, "%s+0x%" PRIx64, sec->name, off);
    if (ld_source_line(ctx, ts, toff, line, sizeof line))
        snprintf(src, ssize, "%s: ", line);
    else if (ssize)
        src[0] = 0;
}
