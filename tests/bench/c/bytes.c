/* bytes.c - twin of tests/bench/bytes.s: 64 passes copying a 1 MiB
 * buffer byte by byte (adding the down-counter) into the second half of
 * a 2 MiB one, summing the bytes written; the sum goes to a volatile so
 * that it is computed, as the glyph program computes it. */
#include <stdint.h>

static uint8_t buf[2097152 + 64];

int main(void)
{
    const uint8_t *src = buf;
    uint8_t *dst = buf + 1048576 + 1;
    uint64_t sum = 0;
    for (uint64_t pass = 64; pass != 0; pass--) {
        const uint8_t *a0 = src;
        uint8_t *a1 = dst;
        for (uint32_t n = 1048576; n != 0; n--) {
            uint64_t v = *a0++ + (uint64_t)n;
            *a1++ = (uint8_t)v;
            sum += v;
        }
    }
    volatile uint64_t out = sum;
    (void)out;
    return 0;
}
