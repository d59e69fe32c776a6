/* input.c - fuzz_input_path (fuzz.h): an input as a file, in memory. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

const char *fuzz_input_path(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("glyph-fuzz-input", MFD_CLOEXEC);
        if (fd < 0)
            return NULL;
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0)
        return NULL;
    for (size_t k = 0; k < size;) {
        ssize_t w = pwrite(fd, data + k, size - k, (off_t)k);
        if (w <= 0)
            return NULL;
        k += (size_t)w;
    }
    return path;
}
