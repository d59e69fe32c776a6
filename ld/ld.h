/*
 * ld.h - glyph-ld, the color-aware static linker: shared types.
 *
 * One struct ld_ctx, owned by main(), holds everything: the command
 * line, the input objects (read whole into memory), the global symbol
 * table, the output sections and segments and the error count.  The
 * passes in main.c fill it in order:
 *
 *   options -> input (objects, archives on demand) -> resolve -> gc
 *   -> layout -> relocate -> write (+ map)
 *
 * Every pass reports problems with ld_error() and keeps going where it
 * can, so one run lists all undefined symbols, duplicates and
 * overflows; main() stops before writing when the count is non-zero.
 */
#ifndef GLYPH_LD_H
#define GLYPH_LD_H

#include <gelf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "glyph_elf.h"

#define LD_NAME "glyph-ld"

/* Section kinds, in layout order inside their segment class. */
enum ld_kind {
    LD_KIND_NONE,   /* not allocated: dropped from the output */
    LD_KIND_TEXT,   /* .text*   R+X */
    LD_KIND_CONST,  /* .const*  R, immediate blocks */
    LD_KIND_RODATA, /* .rodata* R */
    LD_KIND_DATA,   /* .data*   R+W */
    LD_KIND_BSS,    /* .bss*    R+W, no file bytes */
    LD_KIND_COUNT
};

/* Segment classes (permission sets), in address order. */
enum ld_class {
    LD_CLASS_R,  /* .const, .rodata (and the headers + note at the base) */
    LD_CLASS_RX, /* .text */
    LD_CLASS_RW, /* .data, .bss */
    LD_CLASS_COUNT
};

struct ld_object;
struct ld_osec;

/* One relocation of an input section (from its SHT_RELA section). */
typedef struct ld_rela {
    uint64_t offset;
    uint32_t type;
    uint32_t sym; /* index into the object's symbols */
    int64_t addend;
} ld_rela;

/* An input section. */
typedef struct ld_section {
    struct ld_object *obj;
    unsigned index;      /* section index in its object */
    const char *name;    /* in obj->strings */
    uint32_t type;
    uint64_t flags, size, align;
    uint8_t *data;       /* own copy; NULL for SHT_NOBITS */
    enum ld_kind kind;
    unsigned color;
    int live;            /* kept (gc) */
    int common;          /* the synthetic section holding common symbols */
    char *comp_name;     /* .compartment from the object, or NULL */
    int comp;            /* compartment index (compartment.c), -1 shared */
    int comp_pinned;     /* placed at link time: overrides .compartment */
    struct ld_osec *out; /* where it lands */
    uint64_t addr;       /* final address */
    ld_rela *relas;
    size_t nrelas;
    const char *rela_name; /* name of the relocation section, for messages */
    int debug;           /* a .debug_* section: kept, not loaded (debug.c) */
} ld_section;

/* One entry of an object's symbol table. */
typedef struct ld_objsym {
    const char *name;
    unsigned char bind, type;
    uint32_t shndx;
    uint64_t value, size;
    struct ld_symbol *global; /* non-local symbols: the table entry */
} ld_objsym;

/* An input object (a file or an archive member). */
typedef struct ld_object {
    char *name;           /* "a.o" or "libx.a(m.o)", for messages */
    char *strings;        /* every name of this object, NUL-separated */
    size_t nstrings;
    ld_section *secs;
    size_t nsecs;
    ld_objsym *syms;
    size_t nsyms;
    /* compartments: a stateless archive member is copied into each
     * compartment that calls it (compartment.c) */
    int stateless;
    struct ld_object *copy_of;  /* a copy: strings belong to the original */
    struct ld_object **copies;  /* original: copies[comp], NULL: none/itself */
    struct gl_lines *lines;     /* its .debug_line, decoded for messages */
    int lines_state;            /* 0 not read yet, 1 read, -1 none or bad */
    struct ld_object *next;
} ld_object;

enum ld_symstate {
    LD_SYM_UNDEF,  /* only referenced */
    LD_SYM_DEF,    /* defined in a section or absolute */
    LD_SYM_COMMON  /* SHN_COMMON: allocated in .bss by the linker */
};

/* A global (or weak) symbol, shared by all objects. */
typedef struct ld_symbol {
    char *name;
    enum ld_symstate state;
    int weak;               /* the definition is weak */
    int strong_ref;         /* some object references it non-weakly */
    int defsym;             /* defined by --defsym */
    int linker;             /* defined by the linker (_end, ...) */
    unsigned char type;     /* STT_* of the definition */
    ld_object *obj;         /* defining object */
    ld_section *sec;        /* defining section, NULL: absolute */
    uint64_t value;         /* offset in sec, or absolute value */
    uint64_t size;
    uint64_t common_align;
    uint64_t addr;          /* final address (after layout) */
    struct ld_section *undef_reported; /* last section and function with */
    const struct ld_objsym *undef_func; /* an "undefined reference" error */
    struct ld_symbol *hnext;
} ld_symbol;

/* An output section: input sections of one kind and one color. */
typedef struct ld_osec {
    char *name;
    enum ld_kind kind;
    unsigned color;
    uint64_t align, addr, size, offset;
    ld_section **in;
    size_t nin, cap;
    uint8_t *data;          /* file image (NULL for .bss) */
    unsigned shndx;         /* index in the output section table */
    struct ld_segment *seg;
} ld_osec;

/* A PT_LOAD segment: one (class, color) pair, page aligned. */
typedef struct ld_segment {
    enum ld_class cls;
    unsigned color;
    int headers;            /* holds the ELF header, phdrs and note */
    uint64_t vaddr, offset, filesz, memsz;
    ld_osec *osecs[LD_KIND_COUNT];
    size_t nosecs;
} ld_segment;

/* A command-line input, in order. */
enum ld_input_kind {
    LD_IN_FILE,        /* path given as is */
    LD_IN_LIB,         /* -lNAME */
    LD_IN_GROUP_START, /* --start-group */
    LD_IN_GROUP_END    /* --end-group */
};
typedef struct ld_input {
    enum ld_input_kind kind;
    const char *arg;
} ld_input;

/* An opened archive. */
typedef struct ld_archive {
    char *path;
    uint8_t *buf;
    size_t size;
    Elf *elf;
    Elf_Arsym *arsym;
    size_t narsym;
    size_t *loaded;         /* member offsets already pulled */
    size_t nloaded, cap;
    struct ld_archive *next;
} ld_archive;

/* A --defsym: name = target + offset (target NULL: a number). */
typedef struct ld_defsym {
    char *name;
    char *target;
    int64_t offset;
    char *expr;     /* the text after '=', for messages */
} ld_defsym;

/* Policy steps, applied in command-line order to the default. */
enum ld_perm { LD_PERM_READ, LD_PERM_WRITE, LD_PERM_EXEC };
typedef struct ld_policy_arg {
    int is_file;     /* --color-policy=FILE, else one option */
    const char *text; /* file name, or "allow read 0->3" style rule */
    const char *opt;  /* the option, for messages */
} ld_policy_arg;

/* Compartments (compartment.c, docs/ld.md "Compartments"). */
enum ld_access {
    LD_ACC_READ = 1,  /* load from the target's data */
    LD_ACC_WRITE = 2, /* store to it */
    LD_ACC_CALL = 4   /* call, jump or return into its code */
};
typedef struct ld_comp {
    char *name;
    int has_code, has_data;   /* live sections of each part */
    unsigned code_color, data_color;
} ld_comp;
/* allow|deny ACCESS SRC -> DST (NULL: every compartment). */
typedef struct ld_comp_rule {
    int allow;
    unsigned access;          /* LD_ACC_* bits */
    char *src, *dst;
    char *where;              /* "policy.txt:3" */
    char *text;               /* the rule, for messages */
} ld_comp_rule;
/* Place FILE[:SECTION] (fnmatch patterns) in compartment NAME. */
typedef struct ld_placement {
    char *comp, *file, *section;
    char *where;
} ld_placement;
/* A derived need: compartment src uses dst (first site kept). */
typedef struct ld_need {
    int src, dst;
    unsigned access;
    unsigned count;           /* relocations */
    int tail;                 /* some call is a jump (j.i64: tail): dst returns to src's callers */
    char *site;               /* "parser.o (.const+0x8, function 'parse') -> 'vault_key'" */
} ld_need;

typedef struct ld_ctx {
    /* command line */
    const char *output;
    const char *entry;
    const char *map_file;
    int print_map;
    int gc_sections;
    int strip;
    int strip_debug;        /* -S: no .debug_* (-s implies it) */
    uint64_t base;
    ld_input *inputs;
    size_t ninputs;
    const char **libdirs;
    size_t nlibdirs;
    ld_defsym *defsyms;
    size_t ndefsyms;
    const char **undefs;    /* -u */
    size_t nundefs;
    ld_policy_arg *policy_args;
    size_t npolicy_args;
    const char **comp_args; /* --compartment NAME=FILE[:SECTION],... */
    size_t ncomp_args;
    int print_compartments;

    /* inputs */
    ld_object *objects, **objects_tail;
    size_t nobjects;
    ld_archive *archives;
    ld_object *linker_obj;  /* owns the COMMON section */

    /* symbols */
    ld_symbol **buckets;
    size_t nbuckets, nsymbols;

    /* compartments */
    int comps_on;           /* any placement or compartment rule */
    int color_rules;        /* numeric color rules were given */
    int default_allow;      /* policy "default allow" (else deny) */
    char *default_where;
    ld_comp *comps;         /* [0] default, [1] runtime */
    size_t ncomps;
    ld_comp_rule *comp_rules;
    size_t ncomp_rules;
    ld_placement *placements;
    size_t nplacements;
    char **copy_pats;       /* "copy FILE": members copied with their state */
    char **copy_where;      /* "policy.txt:4" of each */
    size_t ncopy_pats;
    ld_need *needs;
    size_t nneeds;
    unsigned ncolors;       /* colors the coloring used */
    int reloc_comp;         /* compartment + 1 of the section being relocated */
    int xfer_on;            /* write NT_GLYPH_XFER and NT_GLYPH_COMPARTMENTS */
    char *comp_note;        /* NT_GLYPH_COMPARTMENTS text */
    size_t comp_note_size;
    gl_color_xfer xfer;

    /* output */
    gl_color_policy policy;
    ld_osec *osecs;         /* in address order */
    size_t nosecs;
    ld_osec *dsecs;         /* .debug_* sections, not loaded (debug.c) */
    size_t ndsecs;
    ld_segment *segs;       /* PT_LOAD segments, in address order */
    size_t nsegs;
    uint64_t note_addr, note_size;
    uint8_t *note;
    uint64_t hdr_size;      /* ELF header + program headers */
    unsigned nphdrs;
    uint64_t entry_addr, entry_ib;
    uint64_t end_addr;      /* end of the last segment in memory */

    unsigned nerrors;
    unsigned nduplicates;   /* of nerrors: "multiple definition" (the link
                             * goes on to list undefined references too) */
} ld_ctx;

/* diag.c */
void ld_error(ld_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ld_warning(ld_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* alloc.c */
void *ld_alloc(size_t n);                  /* zeroed; aborts on OOM */
void *ld_realloc(void *p, size_t n);
char *ld_strdup(const char *s);
char *ld_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Grow *arr (elements of size sz) so that index n fits. */
void ld_grow(void *arr, size_t *cap, size_t n, size_t sz);
uint64_t ld_align_up(uint64_t v, uint64_t a);

/* options.c: returns 0 ok, 1 error (reported), 2 done (--help/--version) */
int ld_options(ld_ctx *ctx, int argc, char **argv);
void ld_options_free(ld_ctx *ctx);

/* input.c */
int ld_load_inputs(ld_ctx *ctx);
/* Read a whole file; NULL (error reported) on failure. */
uint8_t *ld_read_file(ld_ctx *ctx, const char *path, size_t *size);

/* object.c: parse one ELF relocatable object; adds it to ctx->objects
 * and enters its symbols (resolve.c).  NULL when it is bad. */
ld_object *ld_object_parse(ld_ctx *ctx, Elf *elf, const char *name);
void ld_objects_free(ld_ctx *ctx);
const char *ld_kind_name(enum ld_kind k);

/* archive.c */
ld_archive *ld_archive_open(ld_ctx *ctx, const char *path, uint8_t *buf,
                            size_t size);
/* Pull members that define currently undefined symbols; returns the
 * number pulled (until nothing changes), -1 on a fatal error. */
int ld_archive_scan(ld_ctx *ctx, ld_archive *ar);
void ld_archives_free(ld_ctx *ctx);

/* symtab.c */
ld_symbol *ld_sym_lookup(ld_ctx *ctx, const char *name);
ld_symbol *ld_sym_intern(ld_ctx *ctx, const char *name);
void ld_symtab_free(ld_ctx *ctx);
/* Symbols in hash order are not stable: this gives a sorted array. */
ld_symbol **ld_sym_sorted(ld_ctx *ctx, size_t *n);
/* Does some undefined, strongly referenced symbol have this name? */
int ld_sym_wanted(ld_ctx *ctx, const char *name);

/* resolve.c */
void ld_resolve_object(ld_ctx *ctx, ld_object *obj);
void ld_resolve_finish(ld_ctx *ctx);
/* Address of symbol i of obj (after layout); sets *ok = 0 when it is
 * undefined and not weak. */
uint64_t ld_sym_address(ld_ctx *ctx, ld_object *obj, uint32_t i, int *ok);
/* Section a symbol lives in (NULL: absolute/undefined). */
ld_section *ld_sym_section(ld_object *obj, uint32_t i);
void ld_entry_check(ld_ctx *ctx);

/* defsym.c: --defsym values, after layout */
void ld_defsyms_apply(ld_ctx *ctx);

/* gc.c */
void ld_gc_sections(ld_ctx *ctx);
/* The .const section glyph-as pairs with code section s (or NULL). */
ld_section *ld_const_sibling(ld_section *s);

/* layout.c */
void ld_layout(ld_ctx *ctx);
void ld_layout_free(ld_ctx *ctx);
const char *ld_class_perm(enum ld_class c);
uint32_t ld_class_pflags(enum ld_class c);

/* relocate.c */
void ld_relocate(ld_ctx *ctx);
/* The function holding sec+offset, for messages ("foo" also for its
 * block foo.const); *len its length; NULL when there is none. */
const char *ld_function_at(const ld_section *sec, uint64_t offset, size_t *len,
                          const ld_objsym **sym);

/* site.c: the instruction that reads the constant at off of a .const
 * section (its section, offset, text when size > 0, and opcode GL_OP_*
 * when op is not NULL); 0 when it cannot be found. */
int ld_site_insn(const ld_section *csec, uint64_t off, const ld_section **tsec,
                 uint64_t *toff, char *text, size_t size, unsigned *op);

/* Where a relocation at off of sec is, for messages: *where gets
 * "sec+0xoff" or, for a constant, the instruction that reads it
 * (".text+0x1a `jal.i64 ra, ib64(0)`"); *src gets "file.s:12: " when the
 * object has line information for that instruction, else "". */
void ld_site_text(ld_ctx *ctx, const ld_section *sec, uint64_t off, char *where,
                  size_t wsize, char *src, size_t ssize);

/* debug.c: .debug_* sections of the inputs, concatenated after layout
 * (each input's part gets its offset in the output as its address),
 * and the source line of an instruction from its object's .debug_line */
void ld_debug_layout(ld_ctx *ctx);
void ld_debug_free(ld_ctx *ctx);
/* "file.s:12" of sec+off (a code section); 0 when unknown. */
int ld_source_line(ld_ctx *ctx, const ld_section *sec, uint64_t off, char *buf, size_t size);

/* policy.c */
void ld_policy_build(ld_ctx *ctx);

/* compartment.c: placements, needs, forbidden references, colors */
void ld_compartments(ld_ctx *ctx);
void ld_compartments_free(ld_ctx *ctx);
/* Is o an archive member ("lib.a(m.o)")? */
int ld_is_member(const ld_object *o);
/* Does fnmatch pattern pat name o (as given, its last path part, or an
 * archive member's own name)? */
int ld_file_matches(const char *pat, const ld_object *o);
/* comp_policy.c: policy.c hands over its lines; NULL: not a compartment
 * line, "": done, else the error */
const char *ld_comp_rule_parse(ld_ctx *ctx, const char *where, const char *line);
void ld_comp_placement_add(ld_ctx *ctx, const char *where, const char *spec);
void ld_comps_init(ld_ctx *ctx);   /* "default" and "runtime" */
int ld_comp_find(ld_ctx *ctx, const char *name, size_t n);   /* -1: none */
int ld_comp_intern(ld_ctx *ctx, const char *name, size_t n);
/* comp_copy.c: copy stateless members into their callers' compartments;
 * where a reference from compartment comp to section t lands */
void ld_comp_copy_stateless(ld_ctx *ctx);
ld_section *ld_comp_redirect(int comp, ld_section *t);
/* map.c / --print-compartments: table, needs, matrices */
void ld_compartments_print(ld_ctx *ctx, FILE *f);

/* write.c */
int ld_write(ld_ctx *ctx);

/* map.c */
void ld_map(ld_ctx *ctx);

#endif
