/*
 * annotate.c - the "# ..." comment after an instruction: what the
 * instruction's constant is and where it leads, in the two-stream model.
 *
 * An instruction that reads a constant (movd movq addd lea load/store
 * pc-relative, link) reads it at ib + index, so the block in force (the
 * od_ibstate the disassembler tracks) locates it.  In an executable the
 * constant is final: its value is shown, pc-relative ones as an address
 * with its symbol, link vectors decoded into lanes (target pc = insn +
 * low lane, target ib = ib + high lane).  In a relocatable object the
 * field is still 0 where relocations will fill it, so the ADD/SUB
 * groups at the constant (docs/elf.md) name the target instead.
 *
 * Inside a `tail foo` sequence (tail.c) the two addd constants are the
 * differences foo - G and foo.const - G.const and the final j is the
 * tail call itself; they are shown as such.
 */
#include <inttypes.h>
#include <string.h>

#include "od.h"

/* Where the constant at ib + disp lies: section and offset, with size
 * bytes inside the section's data.  0 when ib is unknown or the place
 * is outside every section with contents. */
static int locate(const od_file *f, const od_ibstate *ib, int64_t disp,
                  unsigned size, unsigned *sec, uint64_t *off)
{
    if (!ib->known)
        return 0;
    uint64_t a = ib->addr + (uint64_t)disp;
    unsigned s = f->eh.e_type == ET_REL ? ib->sec : od_sec_of_addr(f, a);
    if (!s || s >= f->shnum)
        return 0;
    const od_sec *x = &f->secs[s];
    if (a < x->sh.sh_addr)
        return 0;
    uint64_t o = a - x->sh.sh_addr;
    if (!x->data || o > x->size || size > x->size - o)
        return 0;
    *sec = s;
    *off = o;
    return 1;
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

/* First relocation at or after offset lo in a relocation section. */
static size_t first_rel(const od_relsec *rs, uint64_t lo)
{
    size_t a = 0, b = rs->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (rs->rels[m].off < lo)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

static int is_additive(unsigned t)
{
    return t == R_GLYPH_ADD32 || t == R_GLYPH_ADD64 || t == R_GLYPH_32 ||
           t == R_GLYPH_64 || t == R_GLYPH_PC32;
}

/* Relocations at exactly (sec, off): *any says whether there are some,
 * the result is the first additive one (the group's target) or NULL. */
static const od_rel *group_at(const od_file *f, unsigned sec, uint64_t off, int *any)
{
    *any = 0;
    for (size_t i = 0; i < f->nrelsecs; i++) {
        const od_relsec *rs = &f->relsecs[i];
        if (rs->target != sec)
            continue;
        for (size_t k = first_rel(rs, off); k < rs->n && rs->rels[k].off == off; k++) {
            *any = 1;
            if (is_additive(rs->rels[k].type))
                return &rs->rels[k];
        }
    }
    return 0;
}

/* "name", "name+0x10" for the label at or before addr in sec, or the
 * bare address when nothing names it. */
static void label_name(const od_ctx *c, const od_file *f, unsigned sec,
                       uint64_t addr, char *buf, size_t size)
{
    if (!sec)
        sec = od_sec_of_addr(f, addr);
    const od_sym *s = sec ? od_label_at_or_before(f, sec, addr) : 0;
    const char *on = od_hl_sgr(c, OD_HL_SYMBOL), *off = od_reset(c);
    if (!s)
        snprintf(buf, size, "0x%" PRIx64, addr);
    else if (s->st.st_value == addr)
        snprintf(buf, size, "%s%s%s", on, s->name, off);
    else
        snprintf(buf, size, "%s%s+0x%" PRIx64 "%s", on, s->name, addr - s->st.st_value, off);
}

static void append(char *buf, size_t size, const char *text)
{
    size_t n = strlen(buf);
    if (n < size)
        snprintf(buf + n, size - n, "%s", text);
}

/* Target named by a relocation: the symbol plus addend, a section
 * symbol resolved to the label at that offset. */
static void rel_target(const od_ctx *c, const od_file *f, const od_rel *r,
                       char *buf, size_t size)
{
    const od_sym *s = r->sym ? &f->syms[r->sym] : 0;
    if (s && GELF_ST_TYPE(s->st.st_info) == STT_SECTION && s->st.st_shndx < f->shnum) {
        const od_sec *x = &f->secs[s->st.st_shndx];
        label_name(c, f, s->st.st_shndx, x->sh.sh_addr + (uint64_t)r->addend, buf, size);
        return;
    }
    char add[40];
    od_format_addend(r->addend, add, sizeof add, 1);
    snprintf(buf, size, "%s%s%s%s", od_hl_sgr(c, OD_HL_SYMBOL), od_rel_symname(f, r),
             od_reset(c), add);
}

/* The group at (sec, off) written out as a sum of its terms ("ext -
 * h", "ext.const - h.const"); "?" when it has a type that is neither
 * added nor subtracted.  *any says whether there are relocations. */
static void group_text(const od_ctx *c, const od_file *f, unsigned sec, uint64_t off,
                       int *any, char *buf, size_t size)
{
    *any = 0;
    buf[0] = 0;
    for (size_t i = 0; i < f->nrelsecs; i++) {
        const od_relsec *rs = &f->relsecs[i];
        if (rs->target != sec)
            continue;
        for (size_t k = first_rel(rs, off); k < rs->n && rs->rels[k].off == off; k++) {
            const od_rel *r = &rs->rels[k];
            int sub = r->type == R_GLYPH_SUB32 || r->type == R_GLYPH_SUB64;
            if (!sub && !is_additive(r->type)) {
                *any = 1;
                snprintf(buf, size, "?");
                return;
            }
            char term[300];
            rel_target(c, f, r, term, sizeof term);
            append(buf, size, *any ? (sub ? " - " : " + ") : (sub ? "-" : ""));
            append(buf, size, term);
            *any = 1;
        }
    }
}

static void hexval(int64_t v, char *buf, size_t size)
{
    if (v < 0)
        snprintf(buf, size, "-0x%" PRIx64, 0 - (uint64_t)v);
    else
        snprintf(buf, size, "0x%" PRIx64, (uint64_t)v);
}

/* The ib lane of a vector read after `ibj D` is block(t) - (Fib + D):
 * its group is ADD t.const - D, SUB Fib.  When the group's one
 * subtracted term is a place in the block section in force, return in
 * *adj what to add to the ADD term's addend to name the target block
 * itself (ib + lane = ADD term + *adj), i.e. ib - (that place): -(-D)
 * above, 0 when ib was not moved.  A PC32 lane subtracts its own place. */
static int ib_lane_adjust(const od_file *f, unsigned sec, uint64_t off,
                          const od_ibstate *ib, int64_t *adj)
{
    const od_rel *sub = 0;
    int nsub = 0, pc32 = 0;
    for (size_t i = 0; i < f->nrelsecs; i++) {
        const od_relsec *rs = &f->relsecs[i];
        if (rs->target != sec)
            continue;
        for (size_t k = first_rel(rs, off); k < rs->n && rs->rels[k].off == off; k++) {
            if (!is_additive(rs->rels[k].type)) {
                sub = &rs->rels[k];
                nsub++;
            }
            pc32 |= rs->rels[k].type == R_GLYPH_PC32;
        }
    }
    if (!ib->known)
        return 0;
    if (pc32 && !nsub && sec == ib->sec) { /* S + A - P: the place is subtracted */
        *adj = (int64_t)(ib->addr - (f->secs[sec].sh.sh_addr + off));
        return 1;
    }
    if (nsub != 1 || !sub->sym || sub->sym >= f->nsyms)
        return 0;
    const od_sym *y = &f->syms[sub->sym];
    if (y->st.st_shndx != ib->sec || y->st.st_shndx == SHN_UNDEF)
        return 0;
    uint64_t place = y->st.st_value + (uint64_t)sub->addend;
    *adj = (int64_t)(ib->addr - place);
    return 1;
}

/* Is `block` the immediate block label of `target` (target + ".const")? */
static int is_block_of(const char *block, const char *target)
{
    size_t k = strlen(target);
    return strncmp(block, target, k) == 0 && strcmp(block + k, GL_CONST_SUFFIX) == 0;
}

/* A link vector: two i32 lanes at ib + index, (pc delta, ib delta). */
static void annotate_link(const od_ctx *c, const od_file *f, unsigned sec,
                          uint64_t pc, const gl_insn *in, const od_ibstate *ib,
                          uint64_t func_addr, enum od_tail_role role, char *buf,
                          size_t size)
{
    const char *verb = role == OD_TAIL_JUMP ? "tail" : in->op == GL_OP_LJAL ? "call" : "j";
    unsigned ks;
    uint64_t ko;
    if (!locate(f, ib, in->imm, 8, &ks, &ko))
        return;
    const uint8_t *p = f->secs[ks].data + ko;
    int32_t lo = (int32_t)(uint32_t)get_le(p, 4), hi = (int32_t)(uint32_t)get_le(p + 4, 4);
    int any_lo, any_hi;
    const od_rel *rlo = group_at(f, ks, ko, &any_lo);
    const od_rel *rhi = group_at(f, ks, ko + 4, &any_hi);
    int rel = f->eh.e_type == ET_REL;

    if (in->op == GL_OP_LJTL || in->op == GL_OP_LJALA) {
        /* the landing place depends on the link register; a return
         * vector (F - R + 2, 0) of the enclosing function is "ret" */
        if (in->op == GL_OP_LJTL && !any_lo && !any_hi && hi == 0 &&
            pc + (uint64_t)(int64_t)lo - 2 == func_addr)
            snprintf(buf, size, "ret");
        else
            snprintf(buf, size, "%s vector (%" PRId32 ", %" PRId32 ")%s",
                     in->op == GL_OP_LJTL ? "jtl" : "jala", lo, hi,
                     any_lo || any_hi ? " + relocations" : "");
        return;
    }

    /* j / jal: the pc lane names the target */
    char target[300];
    const char *tname = 0; /* plain name, to find its block */
    if (any_lo) {
        if (!rlo) {
            snprintf(buf, size, "%s ?", verb);
            return;
        }
        rel_target(c, f, rlo, target, sizeof target);
        if (GELF_ST_TYPE(f->syms[rlo->sym].st.st_info) != STT_SECTION && !rlo->addend)
            tname = od_rel_symname(f, rlo);
    } else {
        uint64_t t = pc + (uint64_t)(int64_t)lo;
        unsigned tsec = rel ? sec : od_sec_of_addr(f, t);
        label_name(c, f, tsec, t, target, sizeof target);
        const od_sym *s = tsec ? od_label_at(f, tsec, t) : 0;
        tname = s ? s->name : 0;
    }
    snprintf(buf, size, "%s %s", verb, target);
    /* a call into another compartment names it */
    unsigned tsec = !any_lo ? (rel ? sec : od_sec_of_addr(f, pc + (uint64_t)(int64_t)lo))
                    : rlo && f->syms[rlo->sym].st.st_shndx < f->shnum
                        ? f->syms[rlo->sym].st.st_shndx : 0;
    char here[256], there[256];
    const char *ch = od_comp_of(f, sec, here, sizeof here);
    const char *ct = od_comp_of(f, tsec, there, sizeof there);
    if (ct && (!ch || strcmp(ch, ct))) {
        char note[300];
        snprintf(note, sizeof note, " [compartment %s]", ct);
        append(buf, size, note);
    }

    /* the ib lane should reach the target's own block; say so if not */
    char extra[400];
    if (any_hi) {
        int64_t adj = 0;
        od_rel r = rhi ? *rhi : (od_rel){0};
        if (rhi && f->eh.e_type == ET_REL && ib_lane_adjust(f, ks, ko + 4, ib, &adj))
            r.addend += adj; /* name the block the call lands with */
        if (!rhi) {
            append(buf, size, ", ib ?");
        } else if (!tname || r.addend || !is_block_of(od_rel_symname(f, &r), tname)) {
            char ibn[300];
            rel_target(c, f, &r, ibn, sizeof ibn);
            snprintf(extra, sizeof extra, ", ib %s", ibn);
            append(buf, size, extra);
        }
        return;
    }
    uint64_t tib = ib->addr + (uint64_t)(int64_t)hi;
    if (tname) {
        char name[512];
        snprintf(name, sizeof name, "%s%s", tname, GL_CONST_SUFFIX);
        const od_sym *twin = od_sym_find(f, name);
        if (twin && twin->st.st_value == tib && (!rel || twin->st.st_shndx == ib->sec))
            return;
    }
    char lab[300];
    od_symbolize(c, f, rel ? ib->sec : 0, tib, lab, sizeof lab);
    snprintf(extra, sizeof extra, ", ib 0x%" PRIx64 "%s%s", tib, *lab ? " " : "", lab);
    append(buf, size, extra);
}

/* A tail sequence's D.pc (role DPC: from the function's entry G) or
 * D.ib (DIB: from G.const, else the block in force), value v:
 * "0x12 = foo - G". */
static void tail_delta(const od_ctx *c, const od_file *f, unsigned sec, uint64_t func_addr,
                       const od_ibstate *ib, enum od_tail_role role, int64_t v,
                       char *buf, size_t size)
{
    int rel = f->eh.e_type == ET_REL;
    uint64_t base = role == OD_TAIL_DPC ? func_addr : ib->addr;
    unsigned bsec = !rel ? 0 : role == OD_TAIL_DPC ? sec : ib->sec;
    const od_sym *g = od_label_at(f, sec, func_addr);
    if (role == OD_TAIL_DIB && g) {
        char name[512];
        snprintf(name, sizeof name, "%s%s", g->name, GL_CONST_SUFFIX);
        const od_sym *gb = od_sym_find(f, name);
        if (gb && gb->st.st_shndx < f->shnum) {
            base = gb->st.st_value;
            bsec = rel ? gb->st.st_shndx : 0;
        }
    }
    char val[40], to[300], from[300];
    hexval(v, val, sizeof val);
    label_name(c, f, bsec, base + (uint64_t)v, to, sizeof to);
    label_name(c, f, bsec, base, from, sizeof from);
    snprintf(buf, size, "%s = %s - %s", val, to, from);
}

void od_annotate(od_ctx *c, const od_file *f, unsigned sec, uint64_t pc,
                 const gl_insn *in, const od_ibstate *ib, uint64_t func_addr,
                 enum od_tail_role role, char *buf, size_t size)
{
    buf[0] = 0;
    const gl_opinfo *oi = gl_opinfo_get(in->op);
    if (!oi)
        return;
    int rel = f->eh.e_type == ET_REL;
    unsigned ks;
    uint64_t ko;
    char lab[300];
    switch (oi->syntax) {
    case GL_SYN_PCREL: {
        uint64_t t = pc + (uint64_t)in->imm;
        od_symbolize(c, f, rel ? sec : 0, t, lab, sizeof lab);
        snprintf(buf, size, "0x%" PRIx64 "%s%s", t, *lab ? " " : "", lab);
        return;
    }
    case GL_SYN_IBREL:
        if (ib->known) {
            uint64_t t = ib->addr + (uint64_t)in->imm;
            od_symbolize(c, f, rel ? ib->sec : 0, t, lab, sizeof lab);
            snprintf(buf, size, "ib 0x%" PRIx64 "%s%s", t, *lab ? " " : "", lab);
        }
        return;
    case GL_SYN_LINK:
        annotate_link(c, f, sec, pc, in, ib, func_addr, role, buf, size);
        return;
    case GL_SYN_RK32:
    case GL_SYN_RK64:
    case GL_SYN_RK32PC: {
        unsigned n = gl_op_const_size(in->op);
        if (!locate(f, ib, in->imm, n, &ks, &ko))
            return;
        int any;
        if (oi->syntax != GL_SYN_RK32PC) {
            /* a value: the whole group, "ext - h" for a tail's D.pc */
            group_text(c, f, ks, ko, &any, buf, size);
            if (any)
                return;
        } else {
            /* an address: the group's SUB is this instruction */
            const od_rel *r = group_at(f, ks, ko, &any);
            if (any) {
                if (!r) {
                    snprintf(buf, size, "?");
                    return;
                }
                rel_target(c, f, r, lab, sizeof lab);
                snprintf(buf, size, "<%s>", lab);
                return;
            }
        }
        uint64_t raw = get_le(f->secs[ks].data + ko, n);
        int64_t v = n == 4 ? (int64_t)(int32_t)(uint32_t)raw : (int64_t)raw;
        if (role == OD_TAIL_DPC || role == OD_TAIL_DIB) {
            tail_delta(c, f, sec, func_addr, ib, role, v, buf, size);
        } else if (oi->syntax == GL_SYN_RK32PC) {
            uint64_t t = pc + (uint64_t)v;
            od_symbolize(c, f, rel ? sec : 0, t, lab, sizeof lab);
            snprintf(buf, size, "0x%" PRIx64 "%s%s", t, *lab ? " " : "", lab);
        } else if (n == 8) {
            /* a 64-bit value (li of an address or a bit pattern): unsigned */
            snprintf(buf, size, "0x%" PRIx64, raw);
        } else {
            hexval(v, buf, size); /* 32-bit constants are sign-extended */
        }
        return;
    }
    default:
        return;
    }
}

/* Print the relocations of one range [off, off+len) of section sec. */
static void print_range(od_ctx *c, const od_file *f, unsigned sec, uint64_t off,
                        uint64_t len, int same)
{
    for (size_t i = 0; i < f->nrelsecs; i++) {
        const od_relsec *rs = &f->relsecs[i];
        if (rs->target != sec)
            continue;
        for (size_t k = first_rel(rs, off); k < rs->n && rs->rels[k].off - off < len; k++)
            od_print_rel_inline(c, f, rs, &rs->rels[k], same);
    }
}

void od_inline_relocs(od_ctx *c, const od_file *f, unsigned sec, uint64_t off,
                      unsigned len, const gl_insn *in, const od_ibstate *ib)
{
    print_range(c, f, sec, off, len, 1);
    unsigned n = gl_op_const_size(in->op);
    unsigned ks;
    uint64_t ko;
    if (n && locate(f, ib, in->imm, n, &ks, &ko))
        print_range(c, f, ks, ko, n, 0);
}
