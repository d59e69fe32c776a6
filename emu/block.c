/*
 * block.c - decode guest code into blocks of uops and cache them by
 * (pc, ib).  See block.h for what a block is.
 *
 * Everything that can go wrong while decoding (unmapped or
 * non-executable code, an undecodable word, an unreadable constant, a
 * capability check) becomes an EMU_UOP_FAULT at that position, so the
 * trap is raised exactly when the instruction would execute, after the
 * ones before it.
 */
#include <stdlib.h>
#include <string.h>

#include "aspace.h"
#include "jit/jit.h"

#define HASH_BITS 16
#define HASH_SIZE ((size_t)1 << HASH_BITS)
#define ARENA_SIZE ((size_t)32 << 20)
#define MAX_UOPS (EMU_BLOCK_MAX + 1)

int emu_cache_init(emu_cache *c)
{
    memset(c, 0, sizeof *c);
    c->hash = calloc(HASH_SIZE, sizeof *c->hash);
    c->arena = malloc(ARENA_SIZE);
    if (!c->hash || !c->arena) {
        emu_cache_free(c);
        return -1;
    }
    return 0;
}

void emu_cache_free(emu_cache *c)
{
    free(c->hash);
    free(c->arena);
    free(c->pages);
    c->hash = NULL;
    c->arena = NULL;
    c->pages = NULL;
}

void emu_cache_flush(emu_aspace *as)
{
    emu_cache *c = &as->cache;
    memset(c->hash, 0, HASH_SIZE * sizeof *c->hash);
    c->used = 0;
    for (size_t i = 0; i < c->npages; i++)
        emu_mem_uncache(&as->mem, c->pages[i]);
    c->npages = 0;
    if (as->jit)
        emu_jit_flush(as->jit); /* translations die with their blocks */
    c->gen++;
    c->flushes++;
    __atomic_store_n(&as->flush_pending, 0, __ATOMIC_RELAXED);
}

void emu_cache_invalidate(emu_aspace *as, uint64_t a, uint64_t len)
{
    if (emu_mem_any_cached(&as->mem, a, len))
        emu_cache_flush_sync(as);
}

/* Blocks of nearby code share a page of the table (the xor with ib's
 * bits moves an aligned run of chains to another aligned run): the table
 * is allocated lazily by the host, and a program's first run of each
 * page of it costs two page faults, where hashing every block to a page
 * of its own cost a program of a few hundred blocks a millisecond. */
static size_t hash_of(uint64_t pc, uint64_t ib)
{
    return (size_t)((pc >> 1) ^ (ib >> 6)) & (HASH_SIZE - 1);
}

/* Remember that blocks depend on the page holding a. */
static void note_page(emu_aspace *as, uint64_t a)
{
    emu_cache *c = &as->cache;
    if (!emu_mem_set_cached(&as->mem, a))
        return;
    if (c->npages == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        uint64_t *p = realloc(c->pages, cap * sizeof *p);
        if (!p) {
            /* cannot track it: keep it uncached, correctness first */
            emu_mem_uncache(&as->mem, a);
            return;
        }
        c->pages = p;
        c->cap = cap;
    }
    c->pages[c->npages++] = emu_page_down(a);
}

typedef struct builder {
    emu_aspace *as;
    emu_block *b;
    int cache; /* mark pages (not for throw-away step blocks) */
} builder;

static emu_uop *emit(builder *bl, unsigned op, uint64_t pc)
{
    emu_uop *u = &bl->b->u[bl->b->nuops++];
    memset(u, 0, sizeof *u);
    u->op = (uint16_t)op;
    u->pc = pc;
    u->h = bl->as->cache.labels[op];
    return u;
}

static void emit_fault(builder *bl, uint64_t pc, int kind, uint64_t addr,
                       unsigned scolor, unsigned dcolor)
{
    emu_uop *u = emit(bl, EMU_UOP_FAULT, pc);
    u->aux = (uint8_t)kind;
    u->imm = (int64_t)addr;
    u->aux2 = (uint8_t)scolor;
    u->rc = (uint8_t)dcolor;
}

/* Read an n-byte constant of the immediate stream; 0 and a fault uop
 * when it is not readable (or the policy forbids it). */
static int read_const(builder *bl, uint64_t pc, uint64_t a, unsigned n,
                      uint64_t *v)
{
    emu_trap t;
    if (emu_mem_const(&bl->as->mem, a, n, bl->b->color, v, &t) != 0) {
        emit_fault(bl, pc, t.kind, t.addr, t.scolor, t.dcolor);
        return 0;
    }
    if (bl->cache) {
        note_page(bl->as, a);
        note_page(bl->as, a + n - 1);
    }
    return 1;
}

/* Is op the last of its block?  (isa.def's end column) */
static int ends_block(unsigned op)
{
    return gl_op_ends_block(op);
}

/* Decode one instruction at pc into a uop; returns its length, or 0 when
 * a fault uop was emitted instead (the block ends there). */
static unsigned decode_one(builder *bl, uint64_t pc, uint64_t ib)
{
    emu_aspace *as = bl->as;
    const emu_mem *m = &as->mem;
    if (pc & 1) {
        emit_fault(bl, pc, EMU_T_FETCH_ALIGN, pc, 0, 0);
        return 0;
    }
    size_t avail;
    const uint8_t *code = emu_mem_fetch(m, pc, &avail);
    if (!code) {
        emit_fault(bl, pc, EMU_T_FETCH, pc, 0, 0);
        return 0;
    }
    gl_insn in;
    unsigned len = gl_decode(code, avail, &in);
    if (len == 0) { /* announced length runs into a non-executable page */
        emit_fault(bl, pc, EMU_T_FETCH, pc + avail, 0, 0);
        return 0;
    }
    /* source: this block's page; a block starting on the forbidden page
     * gets the jumper's color at run time */
    emu_trap t;
    if (emu_mem_fetch_check(m, pc, len, bl->b->color, &t) != 0) {
        emit_fault(bl, pc, t.kind, t.addr, t.scolor, t.dcolor);
        return 0;
    }
    if (bl->cache) {
        note_page(as, pc);
        note_page(as, pc + len - 1);
    }

    unsigned op = in.op;
    int64_t imm = in.imm;
    uint64_t c = 0;
    unsigned ks = gl_op_const_size(op); /* isa.def: imm kind K32/K64 */
    if (ks) {
        if (!read_const(bl, pc, ib + (uint64_t)imm, ks, &c))
            return 0;
        imm = ks == 4 ? (int64_t)(int32_t)(uint32_t)c : (int64_t)c;
    }
    /* fold the constant in: what is left to do at run time */
    switch (op) {
    case GL_OP_LEAPC:
        imm = (int64_t)(pc + (uint64_t)imm);
        op = GL_OP_MOVI;
        break;
    case GL_OP_MOVD:
    case GL_OP_MOVQ:
        op = GL_OP_MOVI;
        break;
    case GL_OP_ADDD:
        op = GL_OP_ADDI;
        break;
    case GL_OP_LOADPC:
    case GL_OP_STOREPC:
        imm = (int64_t)(pc + (uint64_t)imm);
        break;
    }
    emu_uop *u = emit(bl, op, pc);
    u->rc = in.rc;
    u->rb = in.rb;
    u->ra = in.ra;
    u->len = (uint8_t)len;
    u->imm = imm;
    bl->b->n++;
    return len;
}

static void build(builder *bl, uint64_t pc, uint64_t ib, unsigned max)
{
    emu_block *b = bl->b;
    b->pc = pc;
    b->ib = ib;
    b->hnext = b->link[0] = b->link[1] = NULL;
    b->jit = NULL;
    b->runs = 0;
    b->n = b->nuops = 0;
    b->color = emu_mem_code_color(&bl->as->mem, pc);
    uint64_t page = emu_page_down(pc);
    for (unsigned i = 0; i < max; i++) {
        unsigned len = decode_one(bl, pc, ib);
        pc += len;
        /* the end uop follows terminators too: never reached by them,
         * it keeps a dispatch mistake from running off the block */
        if (len == 0 || ends_block(b->u[b->nuops - 1].op))
            break;
        if (emu_page_down(pc) != page)
            break; /* one code page (and color) per block */
    }
    emit(bl, bl->cache ? EMU_UOP_NEXT : EMU_UOP_STOP, pc);
}

static emu_block *lookup(const emu_cache *c, size_t h, uint64_t pc, uint64_t ib)
{
    /* chains are only ever prepended to (release), so a reader needs no lock */
    for (emu_block *b = __atomic_load_n(&c->hash[h], __ATOMIC_ACQUIRE); b; b = b->hnext)
        if (b->pc == pc && b->ib == ib)
            return b;
    return NULL;
}

emu_block *emu_block_get(emu_aspace *as, uint64_t pc, uint64_t ib)
{
    emu_cache *c = &as->cache;
    size_t h = hash_of(pc, ib);
    emu_block *b = lookup(c, h, pc, ib);
    if (b)
        return b;

    /* decode under the cache lock: another hart may be decoding it too */
    emu_cache_lock(as);
    b = lookup(c, h, pc, ib);
    if (b) {
        emu_cache_unlock(as);
        return b;
    }
    size_t need = sizeof(emu_block) + MAX_UOPS * sizeof(emu_uop);
    if (c->used + need > ARENA_SIZE) {
        emu_cache_unlock(as);
        return NULL; /* full: the caller flushes in an exclusive section */
    }
    b = (emu_block *)(c->arena + c->used);
    builder bl = {as, b, 1};
    build(&bl, pc, ib, EMU_BLOCK_MAX);
    size_t size = sizeof(emu_block) + b->nuops * sizeof(emu_uop);
    c->used += (size + 15) & ~(size_t)15;
    b->hnext = c->hash[h];
    __atomic_store_n(&c->hash[h], b, __ATOMIC_RELEASE);
    emu_cache_unlock(as);
    return b;
}

void emu_block_step(emu_aspace *as, uint64_t pc, uint64_t ib, emu_block *out)
{
    builder bl = {as, out, 0};
    build(&bl, pc, ib, 1);
}
