/* fib.c - twin of examples/fib.s: naive recursive Fibonacci, both calls
 * real calls (bench-cflags below stop GCC's tail-recursion-with-
 * accumulator rewrite, which would turn one of them into a loop).
 * bench-cflags: -fno-optimize-sibling-calls */
#include <stdio.h>

#include "grt.h"

__attribute__((noinline)) static long fib(long n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    int n = 25;
    if (argc >= 2)
        n = (int)grt_atol(argv[1]);
    printf("fib(%d) = %ld\n", n, fib(n));
    return 0;
}
