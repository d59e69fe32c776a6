/* wc.c - twin of examples/wc.s for one file argument: read 4096 bytes
 * at a time, one test per byte for newline and for white space
 * (' ' or 9..13 as one unsigned compare), POSIX output. */
#include <fcntl.h>
#include <stdio.h>

#include "grt.h"

static unsigned char buf[4096];
static long counts[3];

__attribute__((noinline)) static int count_fd(int fd)
{
    long lines = 0, words = 0, bytes = 0;
    int inword = 0;
    for (;;) {
        long n = read(fd, buf, 4096);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        bytes += n;
        for (unsigned char *p = buf, *end = buf + n; p < end; p++) {
            unsigned c = *p;
            if (c == '\n')
                lines++;
            if (c == ' ' || c - 9 < 5) {
                inword = 0;
            } else if (!inword) {
                inword = 1;
                words++;
            }
        }
    }
    counts[0] = lines, counts[1] = words, counts[2] = bytes;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || grt_strcmp(argv[1], "-") == 0)
        return 2;
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0 || count_fd(fd) < 0)
        return 1;
    close(fd);
    printf("%ld %ld %ld %s\n", counts[0], counts[1], counts[2], argv[1]);
    return 0;
}
