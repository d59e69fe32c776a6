/* sort.c - twin of examples/sort.s for one file argument: the text grows
 * with the runtime's realloc by 4097 bytes per 4096-byte read, lines
 * are cut in place and sorted as pointers by the runtime's qsort through
 * a function pointer to a comparison that calls strcmp; puts prints them
 * into the runtime's stdout buffer, written out when full and at exit. */
#include <fcntl.h>

#include "grt.h"

__attribute__((noinline)) static int cmp_line(const void *a, const void *b)
{
    return grt_strcmp(*(char *const *)a, *(char *const *)b); /* a tail call */
}

static char *slurp(int fd, char *text, long *len)
{
    for (;;) {
        text = grt_realloc(text, (size_t)*len + 4097);
        if (text == NULL)
            return NULL;
        long n = read(fd, text + *len, 4096);
        if (n <= 0)
            return text;
        *len += n;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    long len = 0;
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0)
        return 2;
    char *text = slurp(fd, NULL, &len);
    close(fd);
    if (text == NULL)
        return 0;
    if (len != 0 && text[len - 1] != '\n') {
        text[len++] = '\n';
        text = grt_realloc(text, (size_t)len + 4097);
    }
    text[len] = 0;
    char **lines = grt_malloc(((size_t)len + 1) * 8);
    long n = 0;
    char *p = text, *end = text + len;
    while (p < end) {
        lines[n++] = p;
        while (p < end && *p != '\n')
            p++;
        if (p >= end)
            break;
        *p++ = 0;
    }
    grt_qsort(lines, (size_t)n, 8, cmp_line);
    for (long i = 0; i < n; i++)
        grt_puts(lines[i]);
    return grt_flush() == 0 ? 0 : 1; /* exit flushes stdout */
}
