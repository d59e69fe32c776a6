/* version.c - the `--version` line shared by every tool (version.h). */
#include <stdio.h>

#include "version.h"

void gl_print_version(const char *prog)
{
    printf("%s %s (glyph toolchain)\n", prog, GL_VERSION);
}
