/*
 * od.h - glyph-objdump's shared types.
 *
 * main.c parses the options into an od_ctx and runs, for every file on
 * the command line: load (load.c: read, validate every offset, size and
 * index, build tables) -> headers (-f -p -h, headers.c) -> symbols (-t,
 * symbols.c) -> relocations (-r, relocs.c) -> contents (-s, contents.c)
 * -> disassembly (-d -D, disasm.c, annotations in annotate.c).  Nothing
 * after load trusts the file again except through the validated tables.
 * The `tail foo` sequence is recognised in tail.c.  Terminal colors
 * live in color.c.
 */
#ifndef OD_H
#define OD_H

#include <gelf.h>
#include <stdint.h>
#include <stdio.h>

#include "glyph_elf.h"
#include "isa.h"

/* One section, validated: data/size cover bytes inside the file. */
typedef struct od_sec {
    GElf_Shdr sh;
    const char *name;
    const uint8_t *data; /* NULL for SHT_NOBITS / empty */
    uint64_t size;       /* bytes readable at data */
    int shown;           /* listed by -h/-s like BFD does (not symtab, ...) */
    int bfd_idx;         /* index in the -h listing */
    int has_relocs;      /* a SHT_RELA section applies to it */
    const char *comp;    /* objects: its .compartment, or NULL */
} od_sec;

/* From NT_GLYPH_COMPARTMENTS (executables). */
typedef struct od_comp {
    char name[GL_COMPARTMENT_NAME_MAX + 1];
    int code, data; /* colors, -1: no such part */
} od_comp;
typedef struct od_need {
    unsigned src, dst; /* indexes into comps */
    char access[32];
} od_need;

typedef struct od_sym {
    GElf_Sym st;
    const char *name; /* never NULL */
    unsigned idx;     /* index in .symtab */
} od_sym;

typedef struct od_rel {
    uint64_t off;
    unsigned type;
    unsigned sym; /* index into od_file.syms (0 = none) */
    int64_t addend;
    size_t seq; /* position in the file: sorting keeps groups in order */
} od_rel;

/* One SHT_RELA section: relocations for section `target`, sorted by
 * offset (stable, so ADD/SUB groups keep their order). */
typedef struct od_relsec {
    unsigned sec;    /* the SHT_RELA section */
    unsigned target; /* section it patches */
    od_rel *rels;
    size_t n;
} od_relsec;

typedef struct od_file {
    const char *path;  /* for messages: "file" or "archive(member)" */
    const char *title; /* for the "file format" line */
    uint8_t *buf;
    size_t size;
    Elf *elf;
    GElf_Ehdr eh;
    size_t shnum, phnum, shstrndx;
    od_sec *secs;
    GElf_Phdr *ph;
    od_sym *syms; /* syms[i] is .symtab entry i; nsyms 0 when no table */
    size_t nsyms;
    unsigned symsec; /* the SHT_SYMTAB section, 0 when none */
    od_relsec *relsecs;
    size_t nrelsecs;
    /* symbols that can label code/data, sorted by (section, value) */
    const od_sym **labels;
    size_t nlabels;
    /* defined, non-section symbols sorted by name, for od_sym_find */
    const od_sym **byname;
    size_t nbyname;
    int has_entry_ib;
    uint64_t entry_ib;
    int has_policy;
    gl_color_policy policy;
    int has_xfer;           /* NT_GLYPH_XFER */
    gl_color_xfer xfer;
    od_comp *comps;         /* NT_GLYPH_COMPARTMENTS */
    size_t ncomps;
    od_need *needs;
    size_t nneeds;
    struct gl_lines *lines; /* -l: the decoded .debug_line, or NULL */
} od_file;

typedef struct od_ctx {
    const char *prog;
    /* what to print */
    int file_header, private_headers, section_headers, syms, relocs,
        contents, disasm, disasm_all;
    const char *disasm_sym; /* --disassemble=sym */
    const char **only_secs; /* -j NAME (points into argv) */
    size_t nonly;
    uint64_t start_addr, stop_addr;
    int have_start, have_stop;
    unsigned dis_opts; /* GL_DIS_NUMERIC */
    int color;         /* ANSI SGR output on */
    int line_numbers;  /* -l: FILE:LINE in the disassembly */
    int status;        /* exit status */
} od_ctx;

/* lines.c: -l */
struct gl_lines *od_lines_load(od_ctx *c, const od_file *f); /* NULL: none */
void od_lines_free(struct gl_lines *l);
/* The line last printed, so a line is printed when it changes. */
typedef struct od_linepos {
    const char *file;
    unsigned line;
} od_linepos;
/* "FILE:LINE" above the instruction at pc of section sec when its line
 * differs from *at; under a label, "func():" and the line in any case. */
void od_line_print(const od_file *f, unsigned sec, uint64_t pc, od_linepos *at,
                   const char *func);

/* load.c */
/* Read a whole file into a malloc'd buffer; 0 on failure (reported). */
int od_read_file(od_ctx *c, const char *path, uint8_t **buf, size_t *size);
/* Check and index one ELF image; takes buf (freed by od_unload, also
 * on failure). */
int od_load(od_ctx *c, od_file *f, const char *path, const char *title,
            uint8_t *buf, size_t size);
void od_unload(od_file *f);
/* Print "prog: file: message" on stderr and mark the run failed. */
void od_error(od_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* archive.c: members of an ar archive (libgrt.a) */
typedef struct od_ar {
    const uint8_t *buf;
    size_t size, off;
    const uint8_t *longnames; /* the "//" member */
    size_t nlong;
} od_ar;

int od_is_archive(const uint8_t *buf, size_t size);
void od_ar_init(od_ar *a, const uint8_t *buf, size_t size);
/* Next member: 1 with its name and bytes, 0 at the end, -1 when the
 * archive is malformed (*err says how). */
int od_ar_next(od_ar *a, char *name, size_t namesz, const uint8_t **data,
               size_t *size, const char **err);

/* symbols.c */
const char *od_sec_name(const od_file *f, unsigned shndx);
/* Best label at or before addr within section sec; NULL when none. */
const od_sym *od_label_at_or_before(const od_file *f, unsigned sec, uint64_t addr);
/* Label starting exactly at addr in sec, preferring functions/globals. */
const od_sym *od_label_at(const od_file *f, unsigned sec, uint64_t addr);
/* Section holding addr (allocated sections, by address); 0 when none. */
unsigned od_sec_of_addr(const od_file *f, uint64_t addr);
/* Find a symbol by name; NULL when none. */
const od_sym *od_sym_find(const od_file *f, const char *name);
/* "<sym+0x10>" for addr in section sec (0: look the section up). */
void od_symbolize(const od_ctx *c, const od_file *f, unsigned sec,
                  uint64_t addr, char *buf, size_t size);
/* Name a relocation's symbol like GNU: symbol, or section for section symbols. */
const char *od_rel_symname(const od_file *f, const od_rel *r);
void od_dump_symbols(od_ctx *c, const od_file *f);

/* headers.c */
void od_dump_file_header(od_ctx *c, const od_file *f);
void od_dump_private(od_ctx *c, const od_file *f);
/* compart.c: compartments of objects (.glyph.compartments) and
 * executables (NT_GLYPH_COMPARTMENTS, NT_GLYPH_XFER) */
int od_load_comp_records(od_ctx *c, od_file *f);
int od_load_comp_note(od_ctx *c, od_file *f, const uint8_t *desc, size_t size);
/* The compartment(s) of section sec ("a" or "a/b"), or NULL. */
const char *od_comp_of(const od_file *f, unsigned sec, char *buf, size_t size);
void od_print_compartments(const od_ctx *c, const od_file *f);
/* headers.c: a 16 x 16 color matrix, row = source, column = destination */
void od_print_matrix(const od_ctx *c, const char *name, const uint64_t *m);
void od_dump_sections(od_ctx *c, const od_file *f);

/* relocs.c */
void od_dump_relocs(od_ctx *c, const od_file *f);
void od_print_rel_inline(od_ctx *c, const od_file *f, const od_relsec *rs,
                         const od_rel *r, int same_sec);
void od_format_addend(int64_t a, char *buf, size_t size, int short_form);

/* contents.c */
void od_dump_contents(od_ctx *c, const od_file *f);
/* Is the section selected by -j (all are without -j)? */
int od_selected(const od_ctx *c, const char *name);

/* disasm.c */
void od_dump_disasm(od_ctx *c, const od_file *f);

/* annotate.c: the "# ..." comment for one decoded instruction. */
typedef struct od_ibstate {
    int known;
    unsigned sec;  /* section holding the block (ET_REL: by index) */
    uint64_t addr; /* ib (section address space of sec) */
} od_ibstate;

/* tail.c: the parts of a `tail foo` sequence (docs/abi.md) that the
 * annotation explains: the two addd of D = (foo - G, foo.const -
 * G.const) and the final j. */
enum od_tail_role { OD_TAIL_NONE, OD_TAIL_DPC, OD_TAIL_DIB, OD_TAIL_JUMP };
typedef struct od_tail {
    int active;
    uint64_t start, end;     /* the sequence: [start, end) section offsets */
    uint64_t dpc, dib, jump; /* offsets of its addd t0, addd ra, j */
} od_tail;
/* Call for every instruction in address order (offset off of sec): its
 * role in a tail sequence starting at or before it.  Zero t first. */
enum od_tail_role od_tail_step(const od_file *f, unsigned sec, uint64_t off, od_tail *t);

void od_annotate(od_ctx *c, const od_file *f, unsigned sec, uint64_t pc,
                 const gl_insn *in, const od_ibstate *ib, uint64_t func_addr,
                 enum od_tail_role role, char *buf, size_t size);
/* Print relocations that patch what the instruction reads or holds. */
void od_inline_relocs(od_ctx *c, const od_file *f, unsigned sec, uint64_t off,
                      unsigned len, const gl_insn *in, const od_ibstate *ib);

/* color.c */
enum od_hl {
    OD_HL_MNEMONIC,
    OD_HL_REGISTER,
    OD_HL_IMMEDIATE,
    OD_HL_SYMBOL,
    OD_HL_COMMENT,
    OD_HL_ADDRESS
};
/* SGR start sequence for a glyph color 0-15 ("" when color is off). */
const char *od_glyph_sgr(const od_ctx *c, unsigned color);
const char *od_hl_sgr(const od_ctx *c, enum od_hl what);
const char *od_reset(const od_ctx *c);
void od_print_legend(const od_ctx *c);
/* Print assembler text with mnemonic/register/immediate highlighting. */
void od_print_insn_text(const od_ctx *c, const char *text);

#endif
