/*
 * insntext.h - guest code as text, for every driver and the JIT's
 * debugging aids: the instruction at a guest address disassembled from
 * guest memory (report.c), one --trace line, and the source line of an
 * address from the ELF file's .debug_line (srcline.c).  Nothing here
 * knows about Linux; user mode (user.h) and full-system mode
 * (system/run.c) share it.
 */
#ifndef EMU_INSNTEXT_H
#define EMU_INSNTEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mem.h"

/* "file.s:12" of the instruction at pc, from the .debug_line of the ELF
 * file at path; 0 when it has none for pc. */
int emu_source_line(const char *path, uint64_t pc, char *buf, size_t size);
/* The instruction at pc as assembler text (a data directive when it
 * does not decode, "?" when pc is not executable); returns its length
 * in bytes, 0 when not executable. */
unsigned emu_insn_text(const emu_mem *m, uint64_t pc, char *buf, size_t size);
/* One --trace line for the instruction at pc. */
void emu_trace_insn(FILE *f, const emu_mem *m, uint64_t pc, uint64_t ib);

#endif
