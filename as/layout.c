/*
 * layout.c - addresses, relaxation and the final bytes.
 *
 * as_layout gives every item an offset.  Instructions start at their
 * shortest allowed length and only ever grow: each pass re-evaluates
 * immediates (branch distances, forward .equ values) with the current
 * offsets and widens what does not fit, until nothing changes.
 * as_emit then encodes every instruction through gl_encode, writes data
 * and immediate blocks, and turns what cannot be resolved inside this
 * object into relocation records (docs/elf.md).
 */
#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include "as.h"
#include "glyph_elf.h"

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

static unsigned len_bit(unsigned len) { return len == 2 ? GL_L16 : len == 4 ? GL_L32 : GL_L64; }

/* Immediate of an instruction at its current offset. */
static int insn_imm(as_ctx *c, as_section *s, as_item *it, int64_t *imm)
{
    as_value v;
    as_where w = {s, it};
    if (it->u.insn.numimm) {
        v.num = it->u.insn.num;
        v.nterms = 0;
    } else if (!it->u.insn.imm) {
        *imm = 0;
        return 0;
    } else if (as_eval(c, it->u.insn.imm, w, &v)) {
        return -1;
    }
    if (it->u.insn.pcrel) {
        if (v.nterms != 1 || v.t[0].coef != 1 || v.t[0].sym->kind != SYM_LABEL ||
            v.t[0].sym->sec != s) {
            as_error(c, it->loc, "`%s` target must be a label in section `%s`",
                     it->u.insn.text, s->name);
            return -1;
        }
        *imm = v.num + (int64_t)as_sym_value(v.t[0].sym) - (int64_t)it->off;
        return 0;
    }
    if (v.nterms) {
        as_error(c, it->loc, "immediate of `%s` must be an absolute number, not an address "
                             "(use li or la)", it->u.insn.text);
        return -1;
    }
    *imm = v.num;
    return 0;
}

static int try_encode(const as_item *it, unsigned len, int64_t imm, uint8_t *buf)
{
    gl_insn g = {it->u.insn.op, (uint8_t)len, it->u.insn.rc, it->u.insn.rb, it->u.insn.ra, imm};
    return gl_encode(&g, buf);
}

/* Pick the shortest length >= the current one that encodes; when none
 * does, the longest allowed (emission reports its range). */
static int relax_insn(as_ctx *c, as_section *s, as_item *it)
{
    int64_t imm = 0;
    uint8_t buf[8];
    unsigned cur = it->u.insn.len;
    if (!(it->u.insn.lens & ~(len_bit(cur) | (len_bit(cur) - 1))))
        return 0; /* already the longest allowed: it can only stay */
    if (insn_imm(c, s, it, &imm))
        imm = 0;
    unsigned best = 0, largest = it->u.insn.len;
    for (unsigned len = 2; len <= 8; len *= 2) {
        if (len < it->u.insn.len || !(it->u.insn.lens & len_bit(len)))
            continue;
        largest = len;
        if (!best && try_encode(it, len, imm, buf) > 0)
            best = len;
    }
    if (!best)
        best = largest;
    int changed = it->u.insn.len != best;
    it->u.insn.len = (uint8_t)best;
    return changed;
}

static int layout_pass(as_ctx *c, int relax)
{
    int changed = 0;
    for (as_section *s = c->sections; s; s = s->next) {
        uint64_t off = 0;
        for (as_item *it = s->first; it; it = it->next) {
            uint64_t prev = it->off;
            it->off = off;
            switch (it->kind) {
            case IT_LABEL:
                it->size = 0;
                break;
            case IT_INSN:
                if (!relax) { /* the first pass: every instruction at its shortest */
                    unsigned l = it->u.insn.lens;
                    it->u.insn.len = (l & GL_L16) ? 2 : (l & GL_L32) ? 4 : 8;
                } else if (relax_insn(c, s, it)) {
                    changed = 1;
                }
                it->size = it->u.insn.len;
                break;
            case IT_DATA:
            case IT_BYTES:
            case IT_FILL:
                break;
            case IT_CODE: {
                /* grows as its instructions would (they reach their final
                 * lengths in the first relaxing pass) */
                uint64_t size = relax ? it->u.code.n : it->u.code.nmin;
                if (size != it->size)
                    changed = 1;
                it->size = size;
                break;
            }
            case IT_ALIGN: {
                uint64_t pad = align_up(off, it->u.align.align) - off;
                if (it->u.align.max && pad > it->u.align.max)
                    pad = 0;
                it->size = pad;
                break;
            }
            case IT_BLOCK: {
                uint64_t start = align_up(off, GL_IB_ALIGN);
                it->u.block.pad = start - off;
                it->off = start;
                it->size = it->u.block.f->bytes;
                off = start;
                break;
            }
            }
            if (it->off != prev)
                changed = 1;
            off += it->size;
        }
        s->size = off;
    }
    return changed;
}

void as_layout(as_ctx *c)
{
    for (as_func *f = c->funcs; f; f = f->next)
    {
        if (f->csec->color == 0 && f->text->color)
            f->csec->color = f->text->color;
        /* a function's block lives with its code (the linker colors
         * them by compartment and reads the block through ib) */
        if (f->text->compartment)
            f->csec->compartment = f->text->compartment;
    }
    c->quiet = 1;
    layout_pass(c, 0);
    for (int round = 0; round < 100; round++) {
        for (int i = 0; i < 1000; i++)
            if (!layout_pass(c, 1))
                break;
        /* a j that even the 32-bit twin cannot reach goes through link */
        c->quiet = 0;
        int far = as_insn_far_jumps(c);
        c->quiet = 1;
        if (!far)
            break;
    }
    c->quiet = 0;
}

/* ---- emission ------------------------------------------------------------ */

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

int as_number_bytes(int64_t x, unsigned width, int lane, int zext, uint8_t *p)
{
    int ok = 1;
    if (lane)
        ok = x >= INT32_MIN && x <= INT32_MAX;
    else if (width == 1)
        ok = x >= -128 && x <= 255;
    else if (width == 2)
        ok = x >= -32768 && x <= 65535;
    else if (width == 4)
        ok = x >= INT32_MIN && x <= (int64_t)UINT32_MAX;
    if (p) {
        if (width == 16) {
            put_le(p, (uint64_t)x, 8);
            put_le(p + 8, x < 0 && !zext ? UINT64_MAX : 0, 8);
        } else {
            put_le(p, (uint64_t)x, width);
        }
    }
    return ok;
}

/* Relocation target for a term: global/undefined symbols by name, local
 * labels through their section symbol. */
static void term_target(as_sym *t, as_sym **sym, as_section **sec, int64_t *add)
{
    if (t->kind == SYM_LABEL && !t->global && !t->weak) {
        *sym = NULL;
        *sec = t->sec;
        *add += (int64_t)as_sym_value(t);
    } else {
        t->used = 1;
        *sym = t;
        *sec = NULL;
    }
}

/* W_ZEXT: a number written as such in `.octa`, e.g. 0xffffffffffffffff,
 * is zero-extended to 128 bits as GNU as does; computed values sign-extend */
enum { W_DATA, W_LANE, W_ZEXT };

static void write_value(as_ctx *c, as_section *s, uint64_t off, unsigned width,
                        const as_value *v, int mode, as_loc loc)
{
    uint8_t *p = s->data ? s->data + off : NULL;
    if (!v->nterms) {
        int64_t x = v->num;
        if (!as_number_bytes(x, width, mode == W_LANE, mode == W_ZEXT, p))
            as_error(c, loc, "value %" PRId64 " does not fit in %u bytes%s", x, width,
                     mode == W_LANE ? " (a signed 32-bit vector lane)" : "");
        return;
    }
    if (width != 4 && width != 8) {
        as_error(c, loc, "a %u-byte value cannot hold a symbol address (relocations are "
                         "4 or 8 bytes)", width);
        return;
    }
    for (int i = 0; i < v->nterms; i++)
        if (v->t[i].coef != 1 && v->t[i].coef != -1) {
            as_error(c, loc, "expression cannot be expressed as relocations (symbol `%s` "
                             "counted %d times)", v->t[i].sym->name, v->t[i].coef);
            return;
        }
    if (p)
        memset(p, 0, width);
    as_sym *sym;
    as_section *sec;
    int64_t add;
    if (mode == W_DATA && v->nterms == 1 && v->t[0].coef == 1) {
        add = v->num;
        term_target(v->t[0].sym, &sym, &sec, &add);
        as_reloc_add(c, s, off, width == 8 ? R_GLYPH_64 : R_GLYPH_32, sym, sec, add);
        return;
    }
    if (mode == W_DATA && width == 4 && v->nterms == 2) {
        int pi = v->t[0].coef == 1 ? 0 : 1, mi = 1 - pi;
        as_sym *m = v->t[mi].sym;
        if (v->t[pi].coef == 1 && m->kind == SYM_LABEL && m->sec == s) {
            add = v->num - (int64_t)as_sym_value(m) + (int64_t)off;
            term_target(v->t[pi].sym, &sym, &sec, &add);
            as_reloc_add(c, s, off, R_GLYPH_PC32, sym, sec, add);
            return;
        }
    }
    /* a group: ADD for + terms, SUB for - terms; the number rides on the first */
    for (int i = 0; i < v->nterms; i++) {
        int plus = v->t[i].coef == 1;
        add = i == 0 ? (plus ? v->num : -v->num) : 0;
        term_target(v->t[i].sym, &sym, &sec, &add);
        unsigned type = width == 8 ? (plus ? R_GLYPH_ADD64 : R_GLYPH_SUB64)
                                   : (plus ? R_GLYPH_ADD32 : R_GLYPH_SUB32);
        as_reloc_add(c, s, off, type, sym, sec, add);
    }
}

static void range_error(as_ctx *c, as_item *it, int err, int64_t imm)
{
    const gl_opinfo *oi = gl_opinfo_get(it->u.insn.op);
    unsigned len = it->u.insn.len;
    int64_t lo, hi, al;
    char mn[64];
    snprintf(mn, sizeof mn, "%s%s", it->u.insn.text,
             strcmp(it->u.insn.text, oi->mnemonic) == 0 ? gl_len_suffix(it->u.insn.op, len) : "");
    if (err == GL_ENC_REG) {
        as_error(c, it->loc, "`%s`: register out of range for the %u-bit form (r0-r%u)", mn,
                 len * 8, gl_reg_max(len));
        return;
    }
    if (err == GL_ENC_LINKREG) {
        as_error(c, it->loc, "`%s`: %s", mn, gl_enc_strerror(err));
        return;
    }
    if (!gl_imm_range(it->u.insn.op, len, &lo, &hi, &al)) {
        as_error(c, it->loc, "`%s`: %s", mn, gl_enc_strerror(err));
        return;
    }
    if (it->u.insn.pcrel && it->u.insn.op == GL_OP_B) {
        if (len == 2)
            as_error(c, it->loc, "branch target out of range: %+" PRId64 " bytes, `b` reaches "
                                 "%" PRId64 "..%+" PRId64 "; use `b.w`, or invert the condition "
                                 "around `j`", imm, lo, hi);
        else
            as_error(c, it->loc, "branch target out of range: %+" PRId64 " bytes, `b.w` reaches "
                                 "%" PRId64 "..%+" PRId64 "; invert the condition around `j`",
                     imm, lo, hi);
        return;
    }
    if (err == GL_ENC_ALIGN) {
        as_error(c, it->loc, "`%s`: %s %" PRId64 " must be a multiple of %" PRId64, mn,
                 it->u.insn.pcrel ? "offset" : "immediate", imm, al);
        return;
    }
    if (oi->syntax == GL_SYN_RK32 || oi->syntax == GL_SYN_RK64 || oi->syntax == GL_SYN_RK32PC ||
        oi->syntax == GL_SYN_LINK)
        as_error(c, it->loc, "`%s`: constant index %" PRId64 " out of range 0..%" PRId64, mn,
                 imm / al, hi / al);
    else if (oi->syntax == GL_SYN_RSYS)
        as_error(c, it->loc, "`%s`: system register number %" PRId64 " out of range 0..%" PRId64,
                 mn, imm, hi);
    else
        as_error(c, it->loc, "`%s`: %s %" PRId64 " out of range %" PRId64 "..%" PRId64 "%s", mn,
                 it->u.insn.pcrel ? "branch offset" : "immediate", imm, lo, hi,
                 al > 1 ? " (in steps of the scale)" : "");
}

static void emit_insn(as_ctx *c, as_section *s, as_item *it)
{
    int64_t imm;
    if (it->off & 1) {
        as_error(c, it->loc, "instruction at odd offset %" PRIu64 " in `%s` (align code with "
                             ".balign 2)", it->off, s->name);
        return;
    }
    if (insn_imm(c, s, it, &imm))
        return;
    int r = try_encode(it, it->u.insn.len, imm, s->data + it->off);
    if (r < 0)
        range_error(c, it, r, imm);
}

static void emit_block(as_ctx *c, as_section *s, as_item *it)
{
    as_func *f = it->u.block.f;
    if (s->data)
        memset(s->data + it->off - it->u.block.pad, 0, it->u.block.pad);
    for (size_t i = 0; i < f->nents; i++) {
        as_pent *p = &f->ents[i];
        uint64_t off = it->off + p->off;
        for (unsigned l = 0; l < p->lanes; l++) {
            as_value v;
            if (p->isnum[l]) {
                v.num = p->num[l];
                v.nterms = 0;
            } else if (!p->e[l] || as_eval(c, p->e[l], p->w, &v)) {
                continue;
            }
            unsigned width = p->lanes == 2 ? 4 : p->size;
            /* 4-byte constants and lanes are pc/ib differences: signed,
             * ADD/SUB groups; 8-byte values (li) are plain data */
            write_value(c, s, off + 4 * l, width, &v, width == 4 ? W_LANE : W_DATA, p->loc);
        }
    }
}

void as_emit(as_ctx *c)
{
    uint8_t nop[8]; /* the canonical no-op's bytes (lib/isa.def): code padding */
    gl_encode(&gl_nop, nop);
    c->keep_weak = 1; /* data and constants: weak labels stay relocations */
    for (as_section *s = c->sections; s; s = s->next) {
        if (s->type != SHT_NOBITS) {
            s->data = as_xrealloc(NULL, s->size ? s->size : 1);
            memset(s->data, 0, s->size);
        }
        for (as_item *it = s->first; it; it = it->next) {
            uint8_t *p = s->data ? s->data + it->off : NULL;
            switch (it->kind) {
            case IT_LABEL:
                break;
            case IT_INSN: /* pc-relative immediates have no relocation */
                c->keep_weak = 0;
                if (p)
                    emit_insn(c, s, it);
                c->keep_weak = 1;
                break;
            case IT_DATA: {
                as_value v;
                const as_expr *e = it->u.data.e;
                int mode = e->kind == EX_NUM && e->literal ? W_ZEXT : W_DATA;
                if (as_eval(c, e, (as_where){s, it}, &v) == 0)
                    write_value(c, s, it->off, it->u.data.width, &v, mode, it->loc);
                break;
            }
            case IT_BYTES:
                if (p)
                    memcpy(p, it->u.bytes.p, it->u.bytes.n);
                break;
            case IT_FILL:
                if (p)
                    memset(p, it->u.fill.fill, it->u.fill.count);
                break;
            case IT_ALIGN:
                if (!p)
                    break;
                if (s->code && !(it->off & 1) && !(it->size & 1)) {
                    _Static_assert(GL_NOP_LEN == 2, "code padding is 2-byte nops");
                    for (uint64_t k = 0; k < it->size; k += 2)
                        memcpy(p + k, nop, 2);
                } else {
                    memset(p, it->u.align.fill < 0 ? 0 : it->u.align.fill, it->size);
                }
                break;
            case IT_BLOCK:
                emit_block(c, s, it);
                break;
            case IT_CODE:
                if (p)
                    memcpy(p, s->code_bytes + it->u.code.start, it->u.code.n);
                break;
            }
        }
    }
    c->keep_weak = 0;
    /* hand-written blocks must be 64-byte aligned to be usable as ib */
    for (size_t i = 0; i < c->hashsize; i++)
        for (as_sym *y = c->hash[i]; y; y = y->hnext) {
            size_t n = strlen(y->name);
            if (y->kind == SYM_LABEL && y->sec->is_const && n > 6 &&
                strcmp(y->name + n - 6, GL_CONST_SUFFIX) == 0 && (as_sym_value(y) % GL_IB_ALIGN))
                as_warning(c, y->def_loc, "immediate block `%s` is not %u-byte aligned "
                                          "(offset %" PRIu64 "); add `.balign 64` before it",
                           y->name, GL_IB_ALIGN, as_sym_value(y));
        }
}
