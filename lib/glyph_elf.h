/*
 * glyph_elf.h - how glyph programs are stored in ELF.  The one place for
 * every ELF fact the tools share: machine number, relocation types,
 * notes, colors, the spelling of immediate-block labels.  docs/elf.md
 * explains each with its formula.
 */
#ifndef GLYPH_ELF_H
#define GLYPH_ELF_H

#include <stddef.h>
#include <stdint.h>

/* e_machine: unofficial, outside the range the ELF registry hands out. */
#define EM_GLYPH 0x676c

/* Relocation types (ELF64 RELA).  S symbol value, A addend, P place.
 * ADD/SUB relocations at one r_offset form a group whose sum is
 * computed in 64 bits and stored once, range-checked (docs/elf.md). */
#define GL_RELOCS(X)                                                    \
    X(R_GLYPH_NONE, 0)   /* nothing */                                  \
    X(R_GLYPH_64, 1)     /* word64 = S + A */                           \
    X(R_GLYPH_32, 2)     /* word32 = S + A, fits i32 or u32 */          \
    X(R_GLYPH_PC32, 3)   /* word32 = S + A - P, fits i32 */             \
    X(R_GLYPH_ADD32, 4)  /* group32 += S + A */                         \
    X(R_GLYPH_SUB32, 5)  /* group32 -= S + A */                         \
    X(R_GLYPH_ADD64, 6)  /* group64 += S + A */                         \
    X(R_GLYPH_SUB64, 7)  /* group64 -= S + A */

enum gl_reloc_type {
#define GL_RELOC_ENUM(name, num) name = num,
    GL_RELOCS(GL_RELOC_ENUM)
#undef GL_RELOC_ENUM
    R_GLYPH_NUM
};

/* "R_GLYPH_64", or NULL for an unknown type. */
const char *gl_reloc_name(unsigned type);
/* Size in bytes of the field a relocation writes (0: none/unknown). */
unsigned gl_reloc_size(unsigned type);

/* Colors: 4 bits in the processor-specific flag bits. */
#define GL_COLORS 16
#define GL_COLOR_SHIFT 28
#define GL_SHF_COLOR_MASK 0xf0000000u /* == SHF_MASKPROC */
#define GL_PF_COLOR_MASK 0xf0000000u  /* == PF_MASKPROC */

static inline unsigned gl_shf_color(uint64_t sh_flags)
{
    return (unsigned)(sh_flags >> GL_COLOR_SHIFT) & 15;
}
static inline uint64_t gl_shf_with_color(uint64_t sh_flags, unsigned c)
{
    return (sh_flags & ~(uint64_t)GL_SHF_COLOR_MASK) |
           ((uint64_t)(c & 15) << GL_COLOR_SHIFT);
}
static inline unsigned gl_pf_color(uint32_t p_flags)
{
    return (p_flags >> GL_COLOR_SHIFT) & 15;
}
static inline uint32_t gl_pf_with_color(uint32_t p_flags, unsigned c)
{
    return (p_flags & ~GL_PF_COLOR_MASK) | ((uint32_t)(c & 15) << GL_COLOR_SHIFT);
}

/* A function "foo" has its entry "foo" in .text and its immediate
 * block "foo.const" in .const (the spec's sym.text / sym.const). */
#define GL_CONST_SUFFIX ".const"

/* Layout facts shared by the linker and the loader. */
#define GL_PAGE_SIZE 4096u
#define GL_IB_ALIGN 64u             /* immediate blocks */
#define GL_STACK_ALIGN 64u          /* sp at function entry */
#define GL_DEFAULT_BASE 0x10000u    /* first segment of an executable */
/* Where an executable's segments may lie: glyph-ld refuses an image
 * outside [GL_IMAGE_MIN, GL_IMAGE_LIMIT) and glyph-run refuses to load
 * one (docs/ld.md, docs/run.md). */
#define GL_IMAGE_MIN ((uint64_t)GL_PAGE_SIZE)
#define GL_IMAGE_LIMIT ((uint64_t)1 << 35) /* 32 GiB */
/* Reach of a vector lane, a la constant and a pin difference: signed 32
 * bits, so code and blocks must lie within 2 GiB of whoever calls or
 * addresses them (docs/abi.md, "Reach"). */
#define GL_LANE_REACH ((uint64_t)1 << 31)
/* A kernel for glyph-run's full-system machine lies in its RAM, at
 * physical addresses (canonical vm12 physical address space; docs/system.md):
 * glyph-ld takes an image base in [GL_KIMAGE_MIN, GL_KIMAGE_LIMIT) too. */
#define GL_KIMAGE_MIN ((uint64_t)0xFFFFC00000000000u)
#define GL_KIMAGE_LIMIT ((uint64_t)0xFFFFE00000000000u)
/* Firmware for that machine (glyph-run -M virt -bios) lies in its ROM
 * window, the top 16 MiB of the device space: an image base in
 * [GL_FIMAGE_MIN, GL_FIMAGE_LIMIT). */
#define GL_FIMAGE_MIN ((uint64_t)0xFFFFEFFFFF000000u)
#define GL_FIMAGE_LIMIT ((uint64_t)0xFFFFF00000000000u)
/* The end of the window an image starting at base must fit in. */
#define GL_IMAGE_END(base)                                                \
    ((uint64_t)(base) >= GL_FIMAGE_MIN   ? GL_FIMAGE_LIMIT                \
     : (uint64_t)(base) >= GL_KIMAGE_MIN ? GL_KIMAGE_LIMIT : GL_IMAGE_LIMIT)

/* Notes: owner "glyph", in section .note.glyph / segment PT_NOTE. */
#define GL_NOTE_NAME "glyph"
#define GL_NOTE_SECTION ".note.glyph"
#define NT_GLYPH_ENTRY_IB 1 /* desc: u64 ib at entry */
#define NT_GLYPH_COLORS 2   /* desc: struct gl_color_policy, 35 x u64 */
#define NT_GLYPH_XFER 3     /* desc: colormatexec[16], 16 x u64 (extension) */
#define NT_GLYPH_COMPARTMENTS 4 /* desc: text, what glyph-ld colored (below) */

/* The capability registers a loader programs (spec: colorread,
 * colorwrite, colorexec, colormatread[16], colormatwrite[16]). Bit c of
 * read/write/exec allows that access to color-c pages; bit d of
 * matread[s]/matwrite[s] lets code on a color-s page load from/store
 * to a color-d page. */
typedef struct gl_color_policy {
    uint64_t read, write, exec;
    uint64_t matread[GL_COLORS];
    uint64_t matwrite[GL_COLORS];
} gl_color_policy;

/* Project extension (docs/isa.md): colormatexec[s] bit d lets code on
 * a color-s page jump, call or return to code on a color-d page.  Kept
 * in its own note (NT_GLYPH_XFER) so NT_GLYPH_COLORS stays as the spec
 * has it; an executable without the note allows every transfer. */
typedef struct gl_color_xfer {
    uint64_t matexec[GL_COLORS];
} gl_color_xfer;
#define GL_COLOR_XFER_SIZE (GL_COLORS * 8)
void gl_color_xfer_default(gl_color_xfer *x);
void gl_color_xfer_encode(const gl_color_xfer *x, uint8_t *desc);
int gl_color_xfer_decode(const uint8_t *desc, size_t size, gl_color_xfer *x);

/* Compartments in relocatable objects: a non-allocated section of type
 * SHT_GLYPH_COMPARTMENTS named .glyph.compartments, a list of records
 * { u32 section index (little-endian); NUL-terminated compartment name;
 * zero padding to a multiple of 4 }.  Sections without a record are in
 * no compartment (the linker's default). */
#define GL_COMPARTMENT_SECTION ".glyph.compartments"
#define SHT_GLYPH_COMPARTMENTS 0x70000001u /* SHT_LOPROC + 1 */
#define GL_COMPARTMENT_NAME_MAX 64
/* Walk the records: returns the offset of the next record and fills
 * *shndx and *name (pointing into data), 0 at the end, -1 when the
 * data is malformed (truncated, unterminated, empty or long name). */
long gl_compartment_next(const uint8_t *data, size_t size, size_t off,
                         uint32_t *shndx, const char **name);
/* A valid compartment name: [A-Za-z_][A-Za-z0-9_.-]*, at most
 * GL_COMPARTMENT_NAME_MAX bytes. */
int gl_compartment_name_ok(const char *s, size_t n);

/* NT_GLYPH_COMPARTMENTS, for inspection only (the registers are in the
 * notes above): lines of text, no NUL,
 *   compartment NAME CODE DATA     colors 0-15, or - for no such part
 *   need SRC DST ACCESS            ACCESS: read,write,call (any of them)
 * in the order glyph-ld lists them. */
#define GL_COMPARTMENT_NOTE_LINE 160

#define GL_COLOR_POLICY_WORDS 35
#define GL_COLOR_POLICY_SIZE (GL_COLOR_POLICY_WORDS * 8)

/* Everything allowed: what an executable without the note gets. */
void gl_color_policy_default(gl_color_policy *p);
/* Store / load the note descriptor (little-endian words).  decode
 * returns 0 unless size == GL_COLOR_POLICY_SIZE. */
void gl_color_policy_encode(const gl_color_policy *p, uint8_t *desc);
int gl_color_policy_decode(const uint8_t *desc, size_t size, gl_color_policy *p);

/* Walk a note section/segment: returns the offset of the next note and
 * fills the fields, 0 at the end, -1 when the data is malformed. */
typedef struct gl_note {
    uint32_t type;
    const char *name; /* not NUL-terminated unless namesz includes it */
    uint32_t namesz;
    const uint8_t *desc;
    uint32_t descsz;
} gl_note;
long gl_note_next(const uint8_t *data, size_t size, size_t off, gl_note *n);
/* Is this note one of ours? */
int gl_note_is_glyph(const gl_note *n);
/* Bytes a note occupies with owner "glyph" and descsz bytes of desc. */
size_t gl_note_size(size_t descsz);
/* Write a glyph note at out (gl_note_size(descsz) bytes). */
void gl_note_write(uint8_t *out, uint32_t type, const void *desc, size_t descsz);

#endif
