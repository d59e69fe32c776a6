/*
 * dwarf_line.h - DWARF line information: the constants glyph-as writes
 * (DWARF 4 and 5, docs/as.md "Debug information") and the one reader of
 * .debug_line that glyph-ld, glyph-objdump and glyph-run share
 * (dwarf_line.c).  Only what line tables need; the numbers are DWARF's.
 */
#ifndef GLYPH_DWARF_LINE_H
#define GLYPH_DWARF_LINE_H

#include <stddef.h>
#include <stdint.h>

/* Standard opcodes of the line number program. */
enum {
    DW_LNS_copy = 1,
    DW_LNS_advance_pc = 2,
    DW_LNS_advance_line = 3,
    DW_LNS_set_file = 4,
    DW_LNS_set_column = 5,
    DW_LNS_negate_stmt = 6,
    DW_LNS_set_basic_block = 7,
    DW_LNS_const_add_pc = 8,
    DW_LNS_fixed_advance_pc = 9,
    DW_LNS_set_prologue_end = 10,
    DW_LNS_set_epilogue_begin = 11,
    DW_LNS_set_isa = 12
};
/* Extended opcodes (after a 0 byte and a length). */
enum {
    DW_LNE_end_sequence = 1,
    DW_LNE_set_address = 2,
    DW_LNE_define_file = 3,      /* DWARF 4 and earlier */
    DW_LNE_set_discriminator = 4
};
/* DWARF 5 directory and file entry content types. */
enum {
    DW_LNCT_path = 1,
    DW_LNCT_directory_index = 2,
    DW_LNCT_timestamp = 3,
    DW_LNCT_size = 4,
    DW_LNCT_MD5 = 5
};
/* Attribute forms. */
enum {
    DW_FORM_addr = 0x01,
    DW_FORM_block2 = 0x03,
    DW_FORM_block4 = 0x04,
    DW_FORM_data2 = 0x05,
    DW_FORM_data4 = 0x06,
    DW_FORM_data8 = 0x07,
    DW_FORM_string = 0x08,
    DW_FORM_block = 0x09,
    DW_FORM_block1 = 0x0a,
    DW_FORM_data1 = 0x0b,
    DW_FORM_flag = 0x0c,
    DW_FORM_sdata = 0x0d,
    DW_FORM_strp = 0x0e,
    DW_FORM_udata = 0x0f,
    DW_FORM_sec_offset = 0x17,
    DW_FORM_data16 = 0x1e,
    DW_FORM_line_strp = 0x1f
};
/* The one DIE glyph-as writes. */
#define DW_TAG_compile_unit 0x11
#define DW_CHILDREN_no 0
#define DW_UT_compile 1
enum {
    DW_AT_name = 0x03,
    DW_AT_stmt_list = 0x10,
    DW_AT_low_pc = 0x11,
    DW_AT_high_pc = 0x12,
    DW_AT_language = 0x13,
    DW_AT_comp_dir = 0x1b,
    DW_AT_producer = 0x25,
    DW_AT_ranges = 0x55
};
#define DW_LANG_Mips_Assembler 0x8001 /* what GNU as writes for assembly */
/* DWARF 5 range lists. */
#define DW_RLE_end_of_list 0
#define DW_RLE_start_length 7

/* The program's header glyph-as writes (and the reader accepts any). */
#define GL_DW_LINE_BASE (-5)
#define GL_DW_LINE_RANGE 14
#define GL_DW_OPCODE_BASE 13

/* One row of a decoded line table.  sec tells apart addresses that are
 * offsets in different sections of an object (the caller's numbering,
 * from the relocation of each sequence's DW_LNE_set_address; 0 in an
 * executable, where addresses are addresses). */
typedef struct gl_line_row {
    uint64_t addr;
    uint32_t sec;
    uint32_t file;  /* index into gl_lines.files */
    uint32_t line;
    uint8_t end;    /* end of a sequence: addr is one past its last byte */
    uint32_t order; /* in the section: of rows at one address the last wins */
} gl_line_row;

typedef struct gl_lines {
    gl_line_row *rows; /* sorted by (sec, addr), ends before starts */
    size_t nrows;
    char **files;      /* "dir/name" as the table spells them */
    size_t nfiles;
} gl_lines;

/* Where the DW_LNE_set_address operand at offset off of the section,
 * holding raw, points: returns the address and sets *sec.  NULL: the
 * raw value, sec 0. */
typedef uint64_t (*gl_line_addr_fn)(void *arg, size_t off, uint64_t raw, uint32_t *sec);

/* The strings DW_FORM_line_strp and DW_FORM_strp entries point into
 * (either may be empty). */
typedef struct gl_line_strs {
    const uint8_t *line_str, *str;
    size_t line_str_size, str_size;
} gl_line_strs;

/* Decode every unit of a .debug_line section (DWARF 2 to 5).  0 on
 * success; -1 with a message in err (the offset and what is wrong)
 * when it is malformed: *out then holds nothing. */
int gl_lines_read(const uint8_t *data, size_t size, const gl_line_strs *strs,
                  gl_line_addr_fn fn, void *arg, gl_lines *out, char *err, size_t errsize);
/* The source line of the instruction at addr of section sec: 1 and
 * *file / *line, or 0 when no sequence covers it. */
int gl_lines_find(const gl_lines *l, uint32_t sec, uint64_t addr, const char **file,
                  unsigned *line);
void gl_lines_free(gl_lines *l);

#endif
