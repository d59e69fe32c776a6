/*
 * dump.c - --jit-dump=FILE: each translation as it is made, its guest
 * instructions (glyph-objdump's disassembly, from the code in guest
 * memory) each followed by the host code the translator emitted for
 * it, then the exits after the body.  Host code is disassembled with
 * capstone when the build found it (GLYPH_HAVE_CAPSTONE, configure.py;
 * docs/build.md says why capstone), else written as hex bytes; the hex
 * form is also what GLYPH_JIT_DUMP_HEX=1 asks for (the tests use it).
 * Capstone is loaded with dlopen when a dump is opened, not linked: its
 * tables carry some 78,000 relocations, which every start-up of
 * glyph-run would otherwise pay for (about 2.5 ms, more than a small
 * program's whole run).
 *
 *   block pc=0x10000 ib=0x11000: 3 instructions, 171 bytes at 0x7f...
 *     entry
 *       7f12a000  48 8b 85 e8 01 00 00           mov rax, qword ptr [rbp + 0x1e8]
 *       ...
 *     0x00010000  movi.i64 a2, 7
 *       7f12a01d  41 b8 07 00 00 00              mov r8d, 7
 *     ...
 *     exits
 *       ...
 */
#include <inttypes.h>
#include <stdlib.h>

#if GLYPH_HAVE_CAPSTONE
#include <capstone.h>
#include <dlfcn.h>
#endif

#include "aspace.h"
#include "debug.h"
#include "insntext.h"
#include "jit.h"

#define STR_(x) #x
#define STR(x) STR_(x)

const char *emu_jit_dump_host(void)
{
#if GLYPH_HAVE_CAPSTONE
    return "disassembled (capstone)";
#else
    return "in hex (built without capstone)";
#endif
}

/* The capstone functions the dump calls, from the library dlopen found. */
struct jit_disasm {
    void *lib;
#if GLYPH_HAVE_CAPSTONE
    cs_err (*open_fn)(cs_arch, cs_mode, csh *);
    cs_err (*close_fn)(csh *);
    cs_insn *(*malloc_fn)(csh);
    void (*free_fn)(cs_insn *, size_t);
    bool (*iter_fn)(csh, const uint8_t **, size_t *, uint64_t *, cs_insn *);
#endif
};

jit_disasm *jit_disasm_new(FILE *log, const char *name)
{
#if GLYPH_HAVE_CAPSTONE
    const char *so = "libcapstone.so." STR(GLYPH_CAPSTONE_MAJOR);
    jit_disasm *d = calloc(1, sizeof *d);
    if (d && (d->lib = dlopen(so, RTLD_NOW | RTLD_LOCAL))) {
        /* POSIX: a function pointer converts from dlsym's void * */
        *(void **)&d->open_fn = dlsym(d->lib, "cs_open");
        *(void **)&d->close_fn = dlsym(d->lib, "cs_close");
        *(void **)&d->malloc_fn = dlsym(d->lib, "cs_malloc");
        *(void **)&d->free_fn = dlsym(d->lib, "cs_free");
        *(void **)&d->iter_fn = dlsym(d->lib, "cs_disasm_iter");
        if (d->open_fn && d->close_fn && d->malloc_fn && d->free_fn && d->iter_fn)
            return d;
    }
    fprintf(log, "%s: --jit-dump: cannot load %s (%s): host code in hex\n", name, so,
            !d ? "out of memory" : d->lib ? "a function is missing" : dlerror());
    jit_disasm_free(d);
#else
    (void)log, (void)name;
#endif
    return NULL;
}

void jit_disasm_free(jit_disasm *d)
{
    if (!d)
        return;
#if GLYPH_HAVE_CAPSTONE
    if (d->lib)
        dlclose(d->lib);
#endif
    free(d);
}

/* Host code [from, to) of c, one instruction (dis) or 8 hex bytes
 * (dis NULL) a line. */
static void host_lines(FILE *f, const emu_jit_code *c, size_t from, size_t to,
                       const jit_disasm *dis)
{
    const uint8_t *p = c->code;
#if GLYPH_HAVE_CAPSTONE
    csh cs;
    if (dis && dis->open_fn(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK) {
        cs_insn *in = dis->malloc_fn(cs);
        const uint8_t *code = p + from;
        size_t size = to - from;
        uint64_t at = (uint64_t)(uintptr_t)code;
        while (size > 0 && in) {
            uint64_t start = at;
            if (!dis->iter_fn(cs, &code, &size, &at, in)) {
                /* not an instruction (cannot happen): show the byte */
                fprintf(f, "      %" PRIx64 "  %02x%28s (bad)\n", start, *code, "");
                code++, size--, at++;
                continue;
            }
            char bytes[64] = "";
            size_t o = 0;
            for (unsigned k = 0; k < in->size && o + 4 < sizeof bytes; k++)
                o += (size_t)snprintf(bytes + o, sizeof bytes - o, "%s%02x", k ? " " : "",
                                      in->bytes[k]);
            fprintf(f, "      %" PRIx64 "  %-30s %s%s%s\n", start, bytes, in->mnemonic,
                    in->op_str[0] ? " " : "", in->op_str);
        }
        if (in)
            dis->free_fn(in, 1);
        dis->close_fn(&cs);
        return;
    }
#else
    (void)dis;
#endif
    for (size_t k = from; k < to; k += 8) {
        fprintf(f, "      %" PRIx64 " ", (uint64_t)(uintptr_t)(p + k));
        for (size_t i = k; i < to && i < k + 8; i++)
            fprintf(f, " %02x", p[i]);
        fputc('\n', f);
    }
}

void jit_dump_block(FILE *f, const jit_disasm *dis, emu_aspace *as, const emu_block *b,
                    const emu_jit_code *c)
{
    fprintf(f, "block pc=0x%" PRIx64 " ib=0x%" PRIx64 ": %u instructions, %zu bytes at %p",
            b->pc, b->ib, c->n, c->len, (const void *)c->code);
    if (c->nseg > 1) {
        fprintf(f, ", superblock of %u blocks:", c->nseg);
        for (unsigned i = 0; i < c->nseg; i++)
            fprintf(f, " 0x%" PRIx64, c->seg[i]->pc);
    }
    fputc('\n', f);
    uint32_t first = c->npre ? c->pre_at[0] : c->uop_at[0];
    if (c->nuops > 0 && first > 0) {
        fprintf(f, "    entry\n");
        host_lines(f, c, 0, first, dis);
    }
    /* a peeled loop's first iteration runs these, then the body after them */
    for (unsigned k = 0; k < c->npre; k++) {
        char text[96];
        uint64_t pc = c->seg[0]->u[k].pc;
        emu_insn_text(&as->mem, pc, text, sizeof text);
        fprintf(f, "    first 0x%08" PRIx64 "  %s\n", pc, text);
        host_lines(f, c, c->pre_at[k], k + 1 < c->npre ? c->pre_at[k + 1] : c->uop_at[0], dis);
    }
    for (unsigned i = 0, k = 0; i < c->nseg; i++) {
        for (unsigned n = 0; n < c->seg[i]->n; n++, k++) {
            char text[96];
            uint64_t pc = c->seg[i]->u[n].pc;
            emu_insn_text(&as->mem, pc, text, sizeof text);
            fprintf(f, "    0x%08" PRIx64 "  %s\n", pc, text);
            host_lines(f, c, c->uop_at[k], c->uop_at[k + 1], dis);
        }
    }
    fprintf(f, "    exits\n");
    host_lines(f, c, c->uop_at[c->nuops], c->len, dis);
    fflush(f);
}
