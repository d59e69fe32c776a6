/* fmt.c - fuzz target: glyph-fmt's formatter (fmt_format) on one source
 * buffer.  Besides not crashing, whatever it formats must keep its
 * promises (docs/editors.md): only whitespace changes, and formatting the
 * result again changes nothing.  A broken promise aborts, so libFuzzer
 * and the replayed corpus report it like a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "fuzz.h"

/* a and b are the same text once the whitespace glyph-as skips (and
 * newlines) is removed */
static int same_tokens(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && strchr(" \t\n\r\f\v", a[i]))
            i++;
        while (j < bn && strchr(" \t\n\r\f\v", b[j]))
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (a[i++] != b[j++])
            return 0;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    fmt_buf out = {0}, again = {0};
    unsigned line, col;
    if (fmt_format(src, size, &out, &line, &col) != 0) {
        /* refused: nothing written, a position inside the input */
        if (out.p || line == 0 || col == 0) {
            fprintf(stderr, "fmt fuzz: refused input without a position or with output\n");
            abort();
        }
        return 0;
    }
    /* glyph-fmt refuses NUL bytes before formatting; strchr stops at them */
    if (!memchr(src, 0, size) && !same_tokens(src, size, out.p, out.n)) {
        fprintf(stderr, "fmt fuzz: formatting changed more than whitespace\n");
        abort();
    }
    if (fmt_format(out.p, out.n, &again, &line, &col) != 0) {
        fprintf(stderr, "fmt fuzz: formatted text does not parse (%u:%u)\n", line, col);
        abort();
    }
    if (again.n != out.n || memcmp(again.p, out.p, out.n) != 0) {
        fprintf(stderr, "fmt fuzz: formatting is not idempotent\n");
        abort();
    }
    free(out.p);
    free(again.p);
    return 0;
}
