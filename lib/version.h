/*
 * version.h - the toolchain's version and the one `--version` line every
 * tool prints ("glyph-as 0.1 (glyph toolchain)").
 */
#ifndef GLYPH_VERSION_H
#define GLYPH_VERSION_H

#define GL_VERSION "0.1"

/* Print "PROG VERSION (glyph toolchain)" on standard output. */
void gl_print_version(const char *prog);

#endif
