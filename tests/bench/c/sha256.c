/* sha256.c - twin of examples/sha256.s: reads 4096 bytes at a time,
 * feeds them one by one to add_byte (a call per byte, tail-calling the
 * compression when the 64-byte block is full), 32-bit rotates done on
 * 64-bit values as the glyph code does them; prints like sha256sum.
 * Takes the one file argument the benchmark passes. */
#include <fcntl.h>
#include <stdio.h>

#include "grt.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
static const uint32_t H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static unsigned char buf[4096];
static unsigned char block[64];
static uint32_t state[8];
static long fill;

/* x rotated right by n, as the glyph code does it: (x << 32 | x) >> n */
#define ROTR(x, n) ((((uint64_t)(x) << 32 | (x)) >> (n)) & 0xffffffff)

__attribute__((noinline)) static void sha256_block(uint32_t *st, const unsigned char *b)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++, b += 4) {
        uint32_t v;
        __builtin_memcpy(&v, b, 4);
        w[t] = __builtin_bswap32(v);
    }
    for (int t = 16; t < 64; t++) {
        uint64_t s1 = (ROTR(w[t - 2], 17) ^ ROTR(w[t - 2], 19) ^ (w[t - 2] >> 10)) & 0xffffffff;
        uint64_t s0 = (ROTR(w[t - 15], 7) ^ ROTR(w[t - 15], 18) ^ (w[t - 15] >> 3)) & 0xffffffff;
        w[t] = (uint32_t)(s1 + s0 + w[t - 7] + w[t - 16]);
    }
    uint64_t a = st[0], bb = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    for (int t = 0; t < 64; t++) {
        uint64_t t1 = (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) & 0xffffffff;
        t1 += (~e & g) ^ (e & f);
        t1 += h + K[t] + w[t];
        uint64_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) & 0xffffffff;
        t2 += (a & bb) ^ (a & c) ^ (bb & c);
        h = g;
        g = f;
        f = e;
        e = (d + t1) & 0xffffffff;
        d = c;
        c = bb;
        bb = a;
        a = (t1 + t2) & 0xffffffff;
    }
    st[0] += (uint32_t)a, st[1] += (uint32_t)bb, st[2] += (uint32_t)c, st[3] += (uint32_t)d;
    st[4] += (uint32_t)e, st[5] += (uint32_t)f, st[6] += (uint32_t)g, st[7] += (uint32_t)h;
}

__attribute__((noinline)) static void add_byte(int v)
{
    block[fill++] = (unsigned char)v;
    if (fill == 64) {
        fill = 0;
        sha256_block(state, block); /* a tail call, as in the glyph code */
    }
}

static long sum_fd(int fd)
{
    grt_memcpy(state, H0, 32);
    fill = 0;
    uint64_t total = 0;
    for (;;) {
        long n = read(fd, buf, 4096);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        total += (uint64_t)n;
        for (unsigned char *p = buf, *end = buf + n; p < end; p++)
            add_byte(*p);
    }
    add_byte(0x80);
    while (fill != 56)
        add_byte(0);
    uint64_t bits = __builtin_bswap64(total << 3);
    for (int i = 0; i < 8; i++, bits >>= 8)
        add_byte((int)(bits & 255));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0 || sum_fd(fd) < 0)
        return 1;
    close(fd);
    for (int i = 0; i < 8; i++)
        printf("%08x", state[i]);
    printf("  %s\n", argv[1]);
    return 0;
}
