/*
 * check.h - TAP output for the C unit tests (tests/run.py counts it).
 */
#ifndef GLYPH_TEST_CHECK_H
#define GLYPH_TEST_CHECK_H

#include <stdio.h>

static int check_n, check_failed;

/* One TAP line; details go out as comments only on failure. */
#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        ++check_n;                                                        \
        if (cond) {                                                       \
            printf("ok %d - ", check_n);                                  \
        } else {                                                          \
            ++check_failed;                                               \
            printf("not ok %d - ", check_n);                              \
        }                                                                 \
        printf(__VA_ARGS__);                                              \
        printf("\n");                                                     \
    } while (0)

static inline int check_done(void)
{
    printf("1..%d\n", check_n);
    return check_failed != 0;
}

#endif
