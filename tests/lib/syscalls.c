/*
 * syscalls.c - every number of lib/syscalls.def is the kernel's own:
 * compared with __NR_<name> of <asm-generic/unistd.h> (linux-libc-dev),
 * the numbering of riscv64 and aarch64 that glyph's Linux ABI uses.
 */
/* the optional calls an asm-generic port may enable, as riscv64 does */
#define __ARCH_WANT_RENAMEAT
#define __ARCH_WANT_NEW_STAT
#define __ARCH_WANT_SET_GET_RLIMIT
#define __ARCH_WANT_SYS_CLONE3
#include <asm-generic/unistd.h>

#include "check.h"

int main(void)
{
    int prev = -1, sorted = 1;
#define GL_SYSCALL(nr, name, fmt)                                          \
    CHECK(nr == __NR_##name, #name " is %d (asm-generic: %d)", nr, __NR_##name); \
    sorted &= nr > prev;                                                   \
    prev = nr;
#include "syscalls.def"
#undef GL_SYSCALL
    CHECK(sorted, "rows in increasing number order, each number once");
    return check_done();
}
