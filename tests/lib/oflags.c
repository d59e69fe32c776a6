/*
 * oflags.c - every guest value of lib/oflags.def is the kernel's
 * asm-generic one (<asm-generic/fcntl.h>, linux-libc-dev), each bit
 * appears once, and --strace names its flags in a fixed order.
 */
#include <asm-generic/fcntl.h>
#include <string.h>

#include "check.h"

#define O_ASYNC FASYNC /* the kernel's spelling */

/* The kernel's O_SYNC and O_TMPFILE include O_DSYNC and O_DIRECTORY;
 * the table gives each bit a row of its own. */
int main(void)
{
    unsigned long seen = 0;
    int once = 1;
    unsigned nstrace = 0;
#define GL_OFLAG(g, name, host, strace)                                   \
    CHECK((name) == (g) || (!strcmp(#name, "O_SYNC") && (name) == ((g) | O_DSYNC)) || \
              (!strcmp(#name, "O_TMPFILE") && (name) == ((g) | O_DIRECTORY)),        \
          #name " is 0%o", g);                                            \
    once &= !(seen & g) && (g & (g - 1)) == 0;                            \
    seen |= g;                                                            \
    nstrace += strace;
#include "oflags.def"
#undef GL_OFLAG
    CHECK(once, "each row one bit, each bit one row");
    CHECK(nstrace == 10, "--strace names ten flags");
    return check_done();
}
