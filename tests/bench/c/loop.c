/* loop.c - twin of tests/bench/loop.s: 100 M iterations of add, xor,
 * store, load, mul, shift, add -1, compare, branch; the slot is volatile
 * so the store and the load stay. */
#include <stdint.h>

int main(void)
{
    uint64_t a0 = 0, a1 = 1;
    volatile uint64_t slot;
    uint64_t s0 = 100000000;
    do {
        a0 += a1;
        a1 ^= a0;
        slot = a0;
        uint64_t t0 = slot;
        a1 *= t0;
        a1 >>= 3;
        s0--;
    } while (s0 != 0);
    return 0;
}
