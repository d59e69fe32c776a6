/* qsort.c - twin of tests/bench/qsort.s: the recursive Lomuto quicksort
 * of examples/qsort/quicksort.s (pivot a[hi]; the second recursion is a tail call,
 * which GCC -O2 also makes a jump) over n longs from a 64-bit LCG in a
 * malloc'd array, then a check that they are in order and a checksum. */
#include <stdio.h>

#include "grt.h"

__attribute__((noinline)) static void quicksort(long *a, long lo, long hi)
{
    if (lo >= hi)
        return;
    long pivot = a[hi], i = lo;
    for (long j = lo; j < hi; j++)
        if (a[j] < pivot) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
        }
    long t = a[i];
    a[i] = pivot;
    a[hi] = t;
    quicksort(a, lo, i - 1);
    quicksort(a, i + 1, hi); /* tail call */
}

int main(int argc, char **argv)
{
    long n = 1000;
    if (argc >= 2)
        n = grt_atol(argv[1]);
    long *a = grt_malloc((size_t)n * 8);
    if (a == NULL)
        return 1;
    uint64_t x = 1;
    for (long i = 0; i < n; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        a[i] = (long)x >> 16;
    }
    quicksort(a, 0, n - 1);
    long bad = 0;
    uint64_t sum = 0;
    for (long i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i])
            bad++;
        sum = sum * 31 + (uint64_t)a[i];
    }
    printf("%ld numbers, %ld out of order, checksum %lx\n", n, bad, (unsigned long)sum);
    return 0;
}
