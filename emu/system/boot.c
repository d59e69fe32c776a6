/*
 * boot.c - what glyph-virt has in memory at power-on: the kernel ELF
 * (-kernel) placed in RAM at its segments' physical addresses
 * (p_paddr), or a firmware image (-bios) in the ROM window; and, with
 * -bios none, the reset stub at the top of the ROM (seen at 0xFF80 /
 * 0xFFC0 through the shadow), real glyph code that enters the kernel
 * with a0 = hart id, a1 = the device tree, as QEMU's virt reset ROM
 * does.  The entry ib comes from the NT_GLYPH_ENTRY_IB note.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glyph_elf.h"
#include "isa.h"
#include "system/machine.h"

static int bad(sys_machine *mc, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(sys_machine *mc, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(mc->log, SYS_NAME ": %s: ", path);
    vfprintf(mc->log, fmt, ap);
    fputc('\n', mc->log);
    va_end(ap);
    return -1;
}

/* Where an image's segments go: RAM for a kernel, the ROM for firmware. */
typedef struct window {
    const char *what;
    uint64_t base, size;
    int have_ib;        /* out: the image has NT_GLYPH_ENTRY_IB */
    int covers_reset;   /* out: a segment reaches the reset vector (ROM) */
} window;

/* A virtual address of the image as a physical one (e_entry, the entry ib). */
static uint64_t to_phys(const GElf_Phdr *ph, unsigned n, uint64_t va)
{
    for (unsigned i = 0; i < n; i++)
        if (ph[i].p_type == PT_LOAD && va - ph[i].p_vaddr < ph[i].p_memsz)
            return va - ph[i].p_vaddr + ph[i].p_paddr;
    return va;
}

static int place(sys_machine *mc, const char *path, const uint8_t *raw, size_t size, Elf *e,
                 window *w, int need_ib)
{
    GElf_Ehdr eh;
    if (size < EI_NIDENT || memcmp(raw, ELFMAG, SELFMAG) != 0)
        return bad(mc, path, "not an ELF file");
    if (raw[EI_CLASS] != ELFCLASS64 || raw[EI_DATA] != ELFDATA2LSB)
        return bad(mc, path, "not a 64-bit little-endian ELF file");
    if (!gelf_getehdr(e, &eh))
        return bad(mc, path, "cannot read ELF header: %s", elf_errmsg(-1));
    if (eh.e_machine != EM_GLYPH)
        return bad(mc, path, "not a glyph executable (e_machine 0x%x, want 0x%x)",
                   eh.e_machine, EM_GLYPH);
    if (eh.e_type != ET_EXEC)
        return bad(mc, path, "not an executable (e_type %u)", eh.e_type);
    if (eh.e_phnum == 0 || eh.e_phnum > 64)
        return bad(mc, path, "%u program headers", eh.e_phnum);
    GElf_Phdr ph[64];
    int have_ib = 0, loads = 0;
    uint64_t entry_ib = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        if (!gelf_getphdr(e, (int)i, &ph[i]))
            return bad(mc, path, "cannot read program header %u: %s", i, elf_errmsg(-1));
        const GElf_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD && p->p_type != PT_NOTE)
            continue;
        if (p->p_offset > size || p->p_filesz > size - p->p_offset)
            return bad(mc, path, "segment %u (offset 0x%" PRIx64 ", size 0x%" PRIx64
                       ") lies outside the file (0x%zx bytes)", i, (uint64_t)p->p_offset,
                       (uint64_t)p->p_filesz, size);
        if (p->p_type == PT_NOTE) {
            gl_note note;
            long off = 0;
            while ((off = gl_note_next(raw + p->p_offset, p->p_filesz, (size_t)off, &note)) > 0) {
                if (!gl_note_is_glyph(&note) || note.type != NT_GLYPH_ENTRY_IB)
                    continue; /* NT_GLYPH_COLORS: the kernel programs the registers */
                if (note.descsz != 8)
                    return bad(mc, path, "NT_GLYPH_ENTRY_IB note has %u bytes (want 8)",
                               note.descsz);
                entry_ib = 0;
                for (int k = 7; k >= 0; k--)
                    entry_ib = entry_ib << 8 | note.desc[k];
                have_ib = 1;
            }
            if (off < 0)
                return bad(mc, path, "malformed note segment");
            continue;
        }
        if (p->p_filesz > p->p_memsz)
            return bad(mc, path, "segment %u: p_filesz 0x%" PRIx64 " > p_memsz 0x%" PRIx64,
                       i, (uint64_t)p->p_filesz, (uint64_t)p->p_memsz);
        if (p->p_memsz == 0)
            continue;
        uint64_t off = p->p_paddr - w->base;
        if (p->p_paddr < w->base || off >= w->size || p->p_memsz > w->size - off)
            return bad(mc, path, "segment %u (physical 0x%" PRIx64 "+0x%" PRIx64
                       ") lies outside %s [0x%" PRIx64 ", 0x%" PRIx64 ")", i,
                       (uint64_t)p->p_paddr, (uint64_t)p->p_memsz, w->what, w->base,
                       w->base + w->size);
        if (p->p_paddr + p->p_memsz > mc->kernel_end && w->base == SYS_RAM_BASE)
            mc->kernel_end = p->p_paddr + p->p_memsz;
        if (w->base == SYS_ROM_BASE &&
            off + p->p_memsz > SYS_ROM_SIZE - SYS_SHADOW_SIZE + SYS_RESET_PC)
            w->covers_reset = 1;
        uint8_t *host = sys_phys_image(mc, p->p_paddr, p->p_memsz); /* inside w: checked */
        memcpy(host, raw + p->p_offset, p->p_filesz);
        memset(host + p->p_filesz, 0, p->p_memsz - p->p_filesz);
        loads++;
    }
    if (!loads)
        return bad(mc, path, "no loadable segment");
    if (need_ib && !have_ib)
        return bad(mc, path, "no NT_GLYPH_ENTRY_IB note (the kernel's entry ib)");
    w->have_ib = have_ib;
    mc->entry = to_phys(ph, eh.e_phnum, eh.e_entry);
    mc->entry_ib = to_phys(ph, eh.e_phnum, entry_ib);
    return 0;
}

static int load_file(sys_machine *mc, const char *path, window *w, int need_ib)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bad(mc, path, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return bad(mc, path, "not a regular, non-empty file");
    }
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    size_t size = 0;
    const uint8_t *raw = e ? (const uint8_t *)elf_rawfile(e, &size) : NULL;
    int r = raw ? place(mc, path, raw, size, e, w, need_ib)
                : bad(mc, path, "cannot read: %s", elf_errmsg(-1));
    if (e)
        elf_end(e);
    close(fd);
    return r;
}

/* Encode one instruction of the stub; returns its length. */
static unsigned emit(uint8_t *p, unsigned op, unsigned len, unsigned rc, int64_t imm)
{
    gl_insn in = {.op = (uint16_t)op, .len = (uint8_t)len, .rc = (uint8_t)rc, .imm = imm};
    int n = gl_encode(&in, p);
    return n > 0 ? (unsigned)n : 0;
}

/* The reset stub (docs/system.md "Boot"): a far jump through tepc/teib
 * and iret (D5), the only absolute jump glyph has, to (entry, ib) with
 * a2, a3 = (next, next_ib): a kernel for firmware to start, or 0. */
static void write_stub(sys_machine *mc, uint64_t entry, uint64_t entry_ib, uint64_t next,
                       uint64_t next_ib)
{
    const uint64_t shadow = SYS_ROM_BASE + SYS_ROM_SIZE - SYS_SHADOW_SIZE; /* seen at 0 */
    uint8_t *code = sys_phys_image(mc, shadow + SYS_RESET_PC, 9 * 4);
    uint8_t *k = sys_phys_image(mc, shadow + SYS_RESET_IB, 5 * 8);
    unsigned o = 0;
    o += emit(code + o, GL_OP_MOVI, 4, EMU_REG_A0, 0);            /* a0 = hart id */
    o += emit(code + o, GL_OP_MOVQ, 4, EMU_REG_A1, 16);           /* a1 = device tree */
    o += emit(code + o, GL_OP_MOVQ, 4, EMU_REG_T0, 0);            /* kernel entry pc */
    o += emit(code + o, GL_OP_SYSWRITE, 4, EMU_REG_T0, GL_SR_tepc);
    o += emit(code + o, GL_OP_MOVQ, 4, EMU_REG_T0, 8);            /* kernel entry ib */
    o += emit(code + o, GL_OP_SYSWRITE, 4, EMU_REG_T0, GL_SR_teib);
    o += emit(code + o, GL_OP_MOVQ, 4, EMU_REG_A2, 24);           /* next: the kernel */
    o += emit(code + o, GL_OP_MOVQ, 4, EMU_REG_A3, 32);           /* ... and its ib */
    o += emit(code + o, GL_OP_IRET, 4, 0, 0);
    uint64_t c[5] = {entry, entry_ib, mc->dtb_addr, next, next_ib};
    memcpy(k, c, sizeof c);
}

int sys_dtb_get(sys_machine *mc, uint8_t **blob, size_t *len)
{
    if (mc->opt.dtb)
        return sys_fdt_load(mc, mc->opt.dtb, blob, len);
    if (sys_fdt_build(mc, blob, len) != 0) {
        fprintf(mc->log, SYS_NAME ": out of memory for the device tree\n");
        return -1;
    }
    return 0;
}

/* The device tree goes to the top of RAM, 64 KiB aligned, above the
 * kernel (docs/system.md "Boot"). */
static int place_dtb(sys_machine *mc)
{
    uint8_t *blob;
    size_t len;
    if (sys_dtb_get(mc, &blob, &len) != 0)
        return -1;
    uint64_t size = mc->opt.ram_size;
    uint64_t off = len <= size ? (size - len) & ~(SYS_FDT_ALIGN - 1) : 0;
    uint64_t at = SYS_RAM_BASE + off;
    if (len > size || at < mc->kernel_end) {
        fprintf(mc->log, SYS_NAME ": no room for the device tree (0x%zx bytes) at the top of "
                "RAM above the kernel (which ends at 0x%" PRIx64 "): give more -m\n", len,
                mc->kernel_end);
        free(blob);
        return -1;
    }
    memcpy(sys_phys_image(mc, at, len), blob, len);
    free(blob);
    mc->dtb_addr = at;
    return 0;
}

int sys_boot_load(sys_machine *mc)
{
    int bios = mc->opt.bios && strcmp(mc->opt.bios, "none") != 0;
    window rom = {"the firmware ROM", SYS_ROM_BASE, SYS_ROM_SIZE, 0, 0};
    uint64_t fw_entry = 0, fw_ib = 0;
    if (bios) {
        if (load_file(mc, mc->opt.bios, &rom, 0) != 0)
            return -1;
        if (!rom.covers_reset && !rom.have_ib)
            return bad(mc, mc->opt.bios, "no NT_GLYPH_ENTRY_IB note (the firmware's entry ib; "
                       "or give it the reset vector)");
        fw_entry = mc->entry;
        fw_ib = mc->entry_ib;
        mc->entry = mc->entry_ib = 0;
    }
    if (mc->opt.kernel) {
        window ram = {"RAM", SYS_RAM_BASE, mc->opt.ram_size, 0, 0};
        if (load_file(mc, mc->opt.kernel, &ram, 1) != 0)
            return -1;
    }
    if (place_dtb(mc) != 0)
        return -1;
    /* firmware that reaches the reset vector starts there itself;
     * otherwise the stub enters it (and tells it about the kernel), or
     * enters the kernel */
    if (!bios)
        write_stub(mc, mc->entry, mc->entry_ib, 0, 0);
    else if (!rom.covers_reset)
        write_stub(mc, fw_entry, fw_ib, mc->entry, mc->entry_ib);
    return 0;
}

void sys_reset(sys_machine *mc, int cold)
{
    emu_hart *h = mc->h;
    sys_sr_reset(mc);
    if (cold) {
        memset(h->r, 0, sizeof h->r);
        h->flag = 0;
    }
    h->pc = SYS_RESET_PC;
    h->ib = SYS_RESET_IB;
    mc->as->flush_pending = 1;
}
