/*
 * loader.c - load a glyph ELF executable into guest memory.
 *
 * Every header field is checked before it is used: identification,
 * type, machine, version, header sizes, the program header table's
 * place in the file, each segment's file range, sizes, alignment, flags,
 * address range and overlap, and the notes.  Then the PT_LOAD segments
 * are mapped with their permissions and colors, the NT_GLYPH_ENTRY_IB
 * note gives the entry ib, and NT_GLYPH_COLORS programs the policy.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user.h"

#define MAX_PHNUM 256
/* The break may grow 1 GiB; the rest of the 2 GiB above the image is
 * mmap's, within call reach (docs/run.md, "Memory"). */
#define BRK_RESERVE ((uint64_t)1 << 30)
/* Segments must lie below this; mmap and the stack live above. */
#define STACK_SIZE ((uint64_t)8 << 20)

static int bad(emu_ctx *ctx, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(ctx->log, EMU_NAME ": %s: ", path);
    vfprintf(ctx->log, fmt, ap);
    fputc('\n', ctx->log);
    va_end(ap);
    return -1;
}

typedef struct seg {
    uint64_t lo, hi; /* page range */
} seg;

/* Validate the identification bytes, before libelf sees the file. */
static int check_ident(emu_ctx *ctx, const char *path, const uint8_t *raw, size_t size)
{
    if (size < SELFMAG || memcmp(raw, ELFMAG, SELFMAG) != 0)
        return bad(ctx, path, "not an ELF file");
    if (size < EI_NIDENT)
        return bad(ctx, path, "truncated ELF header (%zu bytes)", size);
    if (raw[EI_CLASS] != ELFCLASS64)
        return bad(ctx, path, "not a 64-bit ELF file (EI_CLASS %u)", raw[EI_CLASS]);
    if (raw[EI_DATA] != ELFDATA2LSB)
        return bad(ctx, path, "not a little-endian ELF file (EI_DATA %u)", raw[EI_DATA]);
    if (raw[EI_VERSION] != EV_CURRENT)
        return bad(ctx, path, "unknown ELF version %u in e_ident", raw[EI_VERSION]);
    if (raw[EI_OSABI] != ELFOSABI_NONE && raw[EI_OSABI] != ELFOSABI_GNU)
        return bad(ctx, path, "unsupported OS ABI %u", raw[EI_OSABI]);
    if (size < sizeof(Elf64_Ehdr))
        return bad(ctx, path, "truncated ELF header (%zu bytes)", size);
    return 0;
}

/* Validate the ELF header. */
static int check_ehdr(emu_ctx *ctx, const char *path, size_t size, GElf_Ehdr *eh, Elf *e)
{
    if (elf_kind(e) != ELF_K_ELF)
        return bad(ctx, path, "not a valid ELF file");
    if (!gelf_getehdr(e, eh))
        return bad(ctx, path, "cannot read ELF header: %s", elf_errmsg(-1));
    if (eh->e_machine != EM_GLYPH)
        return bad(ctx, path, "not a glyph executable (e_machine 0x%x, want 0x%x)",
                   eh->e_machine, EM_GLYPH);
    if (eh->e_type != ET_EXEC)
        return bad(ctx, path, "not an executable (e_type %u%s)", eh->e_type,
                   eh->e_type == ET_REL ? ": an object file, link it with glyph-ld"
                   : eh->e_type == ET_DYN ? ": shared objects are not supported" : "");
    if (eh->e_version != EV_CURRENT)
        return bad(ctx, path, "unknown ELF version %u", eh->e_version);
    if (eh->e_ehsize != sizeof(Elf64_Ehdr))
        return bad(ctx, path, "bad e_ehsize %u (want %zu)", eh->e_ehsize, sizeof(Elf64_Ehdr));
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return bad(ctx, path, "bad e_phentsize %u (want %zu)", eh->e_phentsize,
                   sizeof(Elf64_Phdr));
    if (eh->e_phnum == 0 || eh->e_phnum == PN_XNUM)
        return bad(ctx, path, "no program headers");
    if (eh->e_phnum > MAX_PHNUM)
        return bad(ctx, path, "too many program headers (%u)", eh->e_phnum);
    if (eh->e_phoff < sizeof(Elf64_Ehdr) || eh->e_phoff > size ||
        (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
        return bad(ctx, path, "program header table (offset 0x%" PRIx64
                   ", %u entries) lies outside the file", (uint64_t)eh->e_phoff, eh->e_phnum);
    if (eh->e_phoff % 8)
        return bad(ctx, path, "misaligned program header table (offset 0x%" PRIx64 ")",
                   (uint64_t)eh->e_phoff);
    return 0;
}

/* Walk one PT_NOTE's notes. */
static int read_notes(emu_ctx *ctx, const char *path, const uint8_t *d, size_t n,
                      int *have_ib, int *have_colors, gl_color_policy *pol)
{
    gl_note note;
    long off = 0;
    while ((off = gl_note_next(d, n, (size_t)off, &note)) > 0) {
        if (!gl_note_is_glyph(&note))
            continue;
        if (note.type == NT_GLYPH_ENTRY_IB) {
            if (note.descsz != 8)
                return bad(ctx, path, "NT_GLYPH_ENTRY_IB note has %u bytes (want 8)", note.descsz);
            if (*have_ib)
                return bad(ctx, path, "two NT_GLYPH_ENTRY_IB notes");
            uint64_t v = 0;
            for (int i = 7; i >= 0; i--)
                v = v << 8 | note.desc[i];
            ctx->entry_ib = v;
            *have_ib = 1;
        } else if (note.type == NT_GLYPH_COLORS) {
            if (*have_colors)
                return bad(ctx, path, "two NT_GLYPH_COLORS notes");
            if (!gl_color_policy_decode(note.desc, note.descsz, pol))
                return bad(ctx, path, "NT_GLYPH_COLORS note has %u bytes (want %u)",
                           note.descsz, GL_COLOR_POLICY_SIZE);
            *have_colors = 1;
        } else if (note.type == NT_GLYPH_XFER) {
            gl_color_xfer x;
            if (ctx->as->mem.caps.xfer_on)
                return bad(ctx, path, "two NT_GLYPH_XFER notes");
            if (!gl_color_xfer_decode(note.desc, note.descsz, &x))
                return bad(ctx, path, "NT_GLYPH_XFER note has %u bytes (want %u)",
                           note.descsz, GL_COLOR_XFER_SIZE);
            emu_mem_set_xfer(&ctx->as->mem, &x);
        }
    }
    if (off < 0)
        return bad(ctx, path, "malformed note segment");
    return 0;
}

static unsigned guest_prot(uint32_t pf)
{
    return (pf & PF_R ? EMU_P_R : 0) | (pf & PF_W ? EMU_P_W : 0) | (pf & PF_X ? EMU_P_X : 0);
}

static int load_image(emu_ctx *ctx, const char *path, const uint8_t *raw, size_t size, Elf *e)
{
    GElf_Ehdr eh;
    emu_mem *m = &ctx->as->mem;
    if (check_ehdr(ctx, path, size, &eh, e) != 0)
        return -1;

    GElf_Phdr ph[MAX_PHNUM];
    seg segs[MAX_PHNUM];
    unsigned nseg = 0;
    int have_ib = 0, have_colors = 0;
    gl_color_policy pol;
    gl_color_policy_default(&pol);
    uint64_t brk = 0, image_lo = UINT64_MAX;
    ctx->phdr_addr = 0;

    for (unsigned i = 0; i < eh.e_phnum; i++) {
        if (!gelf_getphdr(e, (int)i, &ph[i]))
            return bad(ctx, path, "cannot read program header %u: %s", i, elf_errmsg(-1));
        const GElf_Phdr *p = &ph[i];
        if (p->p_type == PT_INTERP || p->p_type == PT_DYNAMIC)
            return bad(ctx, path, "dynamically linked executables are not supported");
        if (p->p_type == PT_TLS)
            return bad(ctx, path, "thread-local storage (PT_TLS) is not supported");
        if (p->p_type == PT_PHDR)
            ctx->phdr_addr = p->p_vaddr;
        if (p->p_type != PT_LOAD && p->p_type != PT_NOTE)
            continue;
        if (p->p_offset > size || p->p_filesz > size - p->p_offset)
            return bad(ctx, path, "segment %u (offset 0x%" PRIx64 ", size 0x%" PRIx64
                       ") lies outside the file (0x%zx bytes)", i, (uint64_t)p->p_offset,
                       (uint64_t)p->p_filesz, size);
        if (p->p_type == PT_NOTE) {
            if (read_notes(ctx, path, raw + p->p_offset, p->p_filesz, &have_ib,
                           &have_colors, &pol) != 0)
                return -1;
            continue;
        }
        /* PT_LOAD */
        if (p->p_filesz > p->p_memsz)
            return bad(ctx, path, "segment %u: p_filesz 0x%" PRIx64 " > p_memsz 0x%" PRIx64,
                       i, (uint64_t)p->p_filesz, (uint64_t)p->p_memsz);
        if (p->p_memsz == 0)
            continue;
        if (p->p_align > 1 && (p->p_align & (p->p_align - 1)))
            return bad(ctx, path, "segment %u: p_align 0x%" PRIx64 " is not a power of two",
                       i, (uint64_t)p->p_align);
        if (p->p_align > 1 && p->p_align < GL_PAGE_SIZE)
            return bad(ctx, path, "segment %u: p_align 0x%" PRIx64 " is below the page size",
                       i, (uint64_t)p->p_align);
        if ((p->p_vaddr - p->p_offset) % GL_PAGE_SIZE)
            return bad(ctx, path, "segment %u: p_vaddr 0x%" PRIx64 " and p_offset 0x%" PRIx64
                       " differ modulo the page size", i, (uint64_t)p->p_vaddr,
                       (uint64_t)p->p_offset);
        if (p->p_flags & ~(uint32_t)(PF_R | PF_W | PF_X | GL_PF_COLOR_MASK))
            return bad(ctx, path, "segment %u: unknown flags 0x%x", i, p->p_flags);
        if (p->p_vaddr < GL_IMAGE_MIN || p->p_vaddr >= GL_IMAGE_LIMIT ||
            p->p_memsz > GL_IMAGE_LIMIT - p->p_vaddr)
            return bad(ctx, path, "segment %u (0x%" PRIx64 "+0x%" PRIx64
                       ") is outside the usable address range [0x%" PRIx64 ", 0x%" PRIx64 ")",
                       i, (uint64_t)p->p_vaddr, (uint64_t)p->p_memsz, GL_IMAGE_MIN, GL_IMAGE_LIMIT);
        seg s = {emu_page_down(p->p_vaddr), emu_page_up(p->p_vaddr + p->p_memsz)};
        for (unsigned j = 0; j < nseg; j++)
            if (s.lo < segs[j].hi && segs[j].lo < s.hi)
                return bad(ctx, path, "segment %u (0x%" PRIx64 "-0x%" PRIx64
                           ") overlaps another segment on the same pages", i, s.lo, s.hi);
        segs[nseg++] = s;
        if (s.hi > brk)
            brk = s.hi;
        if (s.lo < image_lo)
            image_lo = s.lo;
    }
    if (nseg == 0)
        return bad(ctx, path, "no loadable segments");
    if (!have_ib)
        return bad(ctx, path, "no NT_GLYPH_ENTRY_IB note (the entry ib); link it with glyph-ld");

    /* the entry pc must be inside an executable segment */
    int entry_ok = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        const GElf_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        if (eh.e_entry >= p->p_vaddr && eh.e_entry - p->p_vaddr < p->p_memsz && (p->p_flags & PF_X))
            entry_ok = 1;
        /* program headers visible in memory? (AT_PHDR) */
        if (!ctx->phdr_addr && eh.e_phoff >= p->p_offset &&
            eh.e_phoff + eh.e_phnum * sizeof(Elf64_Phdr) <= p->p_offset + p->p_filesz)
            ctx->phdr_addr = p->p_vaddr + (eh.e_phoff - p->p_offset);
    }
    if (!entry_ok)
        return bad(ctx, path, "entry point 0x%" PRIx64 " is not in an executable segment",
                   (uint64_t)eh.e_entry);
    if (eh.e_entry & 1)
        return bad(ctx, path, "entry point 0x%" PRIx64 " is odd", (uint64_t)eh.e_entry);
    /* The entry ib need not lie in a segment: a function without
     * constants never reads its (empty) block, and a read from a bad
     * block faults precisely, as on hardware. */
    if (ctx->entry_ib % GL_IB_ALIGN)
        return bad(ctx, path, "entry ib 0x%" PRIx64 " is not %u-byte aligned", ctx->entry_ib,
                   GL_IB_ALIGN);

    /* map: writable first, copy the file bytes, then the final permissions */
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        const GElf_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        uint64_t lo = emu_page_down(p->p_vaddr), hi = emu_page_up(p->p_vaddr + p->p_memsz);
        int r = emu_mem_map(m, lo, hi - lo, EMU_P_R | EMU_P_W,
                            gl_pf_color(p->p_flags), -1, 0, 0);
        if (r == 0)
            r = emu_mem_write(m, p->p_vaddr, raw + p->p_offset, p->p_filesz);
        if (r == 0)
            r = emu_mem_protect(m, lo, hi - lo, guest_prot(p->p_flags));
        if (r != 0)
            return bad(ctx, path, "cannot map segment %u: %s", i, strerror(-r));
    }
    ctx->entry = eh.e_entry;
    ctx->phnum = eh.e_phnum;
    if (!ctx->phdr_addr) {
        /* not loaded: stack.c copies the table onto the stack */
        ctx->phdr_addr = 0;
    }
    m->brk_start = m->brk_cur = brk;
    m->brk_max = brk + BRK_RESERVE;
    m->stack_hi = EMU_GUEST_SIZE - 16 * EMU_PAGE_SIZE;
    m->stack_lo = m->stack_hi - STACK_SIZE;
    m->mmap_top = m->stack_lo - 16 * EMU_PAGE_SIZE;
    /* mmap fills [brk_max, image_lo + 2 GiB) first: code placed there is
     * reachable by calls and function pointers from the image */
    m->mmap_near = image_lo + GL_LANE_REACH;
    if (m->mmap_near > m->mmap_top)
        m->mmap_near = m->mmap_top;
    emu_mem_set_caps(m, &pol);
    ctx->hart->from_color = emu_mem_color(m, eh.e_entry);
    return 0;
}

int emu_load(emu_ctx *ctx, const char *path)
{
    /* binfmt_misc with O or C hands us the program already open */
    int fd = ctx->opt.has_exec_fd ? ctx->opt.exec_fd : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bad(ctx, path, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return bad(ctx, path, "not a regular file");
    }
    if (st.st_size == 0) {
        close(fd);
        return bad(ctx, path, "empty file");
    }
    uint8_t id[sizeof(Elf64_Ehdr)];
    ssize_t got = pread(fd, id, sizeof id, 0);
    if (check_ident(ctx, path, id, got > 0 ? (size_t)got : 0) != 0) {
        close(fd);
        return -1;
    }
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    if (!e) {
        close(fd);
        return bad(ctx, path, "cannot read: %s", elf_errmsg(-1));
    }
    size_t size = 0;
    const uint8_t *raw = (const uint8_t *)elf_rawfile(e, &size);
    int r;
    if (!raw)
        r = bad(ctx, path, "cannot read: %s", elf_errmsg(-1));
    else
        r = load_image(ctx, path, raw, size, e);
    /* stack.c needs the program headers if they are not in memory */
    if (r == 0 && ctx->phdr_addr == 0) {
        GElf_Ehdr eh;
        gelf_getehdr(e, &eh);
        ctx->phdr_copy = malloc(eh.e_phnum * sizeof(Elf64_Phdr));
        if (ctx->phdr_copy)
            memcpy(ctx->phdr_copy, raw + eh.e_phoff, eh.e_phnum * sizeof(Elf64_Phdr));
    }
    elf_end(e);
    close(fd);
    return r;
}
