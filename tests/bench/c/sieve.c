/* sieve.c - twin of tests/bench/sieve.s with examples/sieve/sieve.s: the
 * sieve of Eratosthenes on a byte array from the runtime's calloc (a
 * mapping of its own, cleared by its memset), crossing out from i*i;
 * prints the count of primes. */
#include <stdio.h>

#include "grt.h"

__attribute__((noinline)) static long sieve(unsigned char *composite, long n)
{
    long count = 0;
    for (long i = 2; i < n; i++) {
        if (composite[i] != 0)
            continue;
        count++;
        for (long j = i * i; j < n; j += i)
            composite[j] = 1;
    }
    return count;
}

int main(int argc, char **argv)
{
    long n = 100;
    if (argc >= 2)
        n = grt_atol(argv[1]);
    unsigned char *composite = grt_calloc((size_t)n + 1, 1);
    if (composite == NULL)
        return 1;
    printf("%ld primes below %ld\n", sieve(composite, n), n);
    grt_free(composite);
    return 0;
}
