/*
 * grt.h - the glyph runtime (libgrt) functions the benchmark programs
 * call, written again in C with the same algorithms, so that a C twin
 * does the work its glyph program does and not what glibc would do.
 *
 * Each function follows the runtime/ sources of the revision named in
 * tests/bench/README.md: memcpy and memset move 8 bytes at a time and
 * finish byte by byte, strlen and strcmp go byte by byte, malloc is a
 * first fit on an address-ordered free list over a brk heap grown in
 * 64 KiB steps (128 KiB and more: a mapping of its own), realloc keeps
 * the block when it still fits and otherwise allocates, copies and
 * frees, qsort is the runtime's middle-pivot Lomuto quicksort with byte
 * swaps, puts is two write calls.  They are noinline: the glyph programs
 * call the library, they never inline it.  System calls go through the
 * host libc's thin wrappers (read, write, open, brk via sbrk's
 * syscall), like runtime/syscalls.s.
 */
#ifndef BENCH_GRT_H
#define BENCH_GRT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define GRT __attribute__((noinline, unused)) static

GRT void *grt_memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n >= 8) {
        uint64_t w;
        __builtin_memcpy(&w, s, 8); /* one unaligned 8-byte load */
        __builtin_memcpy(d, &w, 8);
        s += 8, d += 8, n -= 8;
    }
    while (n != 0)
        *d++ = *s++, n--;
    return dst;
}

GRT void *grt_memset(void *p, int c, size_t n)
{
    unsigned char *d = p;
    uint64_t w = (uint64_t)(c & 255) * 0x0101010101010101u;
    while (n >= 8) {
        __builtin_memcpy(d, &w, 8);
        d += 8, n -= 8;
    }
    while (n != 0)
        *d++ = (unsigned char)w, n--;
    return p;
}

GRT size_t grt_strlen(const char *s)
{
    const char *t = s;
    while (*t != 0)
        t++;
    return (size_t)(t - s);
}

GRT int grt_strcmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;;) {
        unsigned c = *x, d = *y;
        if (c != d || c == 0)
            return (int)(c - d);
        x++, y++;
    }
}

/* malloc.s: a 16-byte header {size (bit 0: mmap'd), next free}. */
typedef struct grt_heap {
    uint64_t *free_head;
    uintptr_t top, end;
} grt_heap;

static grt_heap grt_h;

static uintptr_t grt_brk(uintptr_t a)
{
    return (uintptr_t)syscall(SYS_brk, a);
}

GRT void *grt_malloc(size_t n)
{
    if (n >= 0x4000000000000000u)
        return NULL;
    uint64_t size = (n + 31) & ~(uint64_t)15;
    if (size < 32)
        size = 32;
    if (size >= 131072) {
        size = (size + 4095) & ~(uint64_t)4095;
        void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED)
            return NULL;
        *(uint64_t *)m = size + 1;
        return (char *)m + 16;
    }
    uint64_t **link = &grt_h.free_head;
    for (uint64_t *b = *link; b != NULL; link = (uint64_t **)&b[1], b = *link) {
        if (b[0] < size)
            continue;
        if (b[0] - size >= 64) { /* split: the tail stays free in b's place */
            uint64_t *t = (uint64_t *)((char *)b + size);
            t[0] = b[0] - size;
            t[1] = b[1];
            *link = t;
            b[0] = size;
        } else {
            *link = (uint64_t *)b[1];
        }
        return b + 2;
    }
    if (grt_h.top == 0)
        grt_h.top = grt_h.end = (grt_brk(0) + 63) & ~(uintptr_t)63;
    uintptr_t ntop = grt_h.top + size;
    if (grt_h.end < ntop) {
        uintptr_t want = (ntop + 65535) & ~(uintptr_t)65535;
        uintptr_t got = grt_brk(want);
        if (got < want)
            return NULL;
        grt_h.end = got;
    }
    uint64_t *b = (uint64_t *)grt_h.top;
    grt_h.top = ntop;
    b[0] = size;
    return b + 2;
}

GRT void grt_free(void *p)
{
    if (p == NULL)
        return;
    uint64_t *h = (uint64_t *)p - 2;
    uint64_t size = h[0];
    if (size & 1) {
        munmap(h, size - 1);
        return;
    }
    uint64_t **link = &grt_h.free_head, *prev = NULL, *next;
    while ((next = *link) != NULL && next < h)
        prev = next, link = (uint64_t **)&next[1];
    h[1] = (uint64_t)next;
    *link = h;
    if ((uint64_t *)((char *)h + size) == next) {
        size += next[0];
        h[0] = size;
        h[1] = next[1];
    }
    if (prev != NULL && (uint64_t *)((char *)prev + prev[0]) == h) {
        prev[0] += size;
        prev[1] = h[1];
    }
}

GRT void *grt_calloc(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *p = grt_malloc(n * size);
    if (p != NULL)
        grt_memset(p, 0, n * size);
    return p;
}

GRT void *grt_realloc(void *p, size_t n)
{
    if (p == NULL)
        return grt_malloc(n);
    if (n == 0) {
        grt_free(p);
        return NULL;
    }
    uint64_t cap = (((uint64_t *)p)[-2] & ~(uint64_t)1) - 16;
    if (cap >= n)
        return p;
    void *q = grt_malloc(n);
    if (q == NULL)
        return NULL;
    grt_memcpy(q, p, cap);
    grt_free(p);
    return q;
}

/* qsort.s */
GRT void grt_swap(unsigned char *a, unsigned char *b, size_t size)
{
    while (size != 0) {
        unsigned char t = *a;
        *a++ = *b;
        *b++ = t;
        size--;
    }
}

typedef int (*grt_cmp)(const void *, const void *);

GRT void grt_qsort_range(unsigned char *lo, unsigned char *hi, size_t size, grt_cmp cmp)
{
    while (lo < hi) {
        grt_swap(lo + (size_t)(hi - lo) / size / 2 * size, hi, size);
        unsigned char *store = lo;
        for (unsigned char *scan = lo; scan < hi; scan += size)
            if (cmp(scan, hi) < 0) {
                grt_swap(store, scan, size);
                store += size;
            }
        grt_swap(store, hi, size);
        if ((size_t)(store - lo) >= (size_t)(hi - store)) {
            grt_qsort_range(store + size, hi, size, cmp); /* right is smaller */
            if (store == lo)
                return;
            hi = store - size;
        } else {
            if (store != lo)
                grt_qsort_range(lo, store - size, size, cmp);
            lo = store + size;
        }
    }
}

GRT void grt_qsort(void *base, size_t n, size_t size, grt_cmp cmp)
{
    if (n < 2 || size == 0)
        return;
    grt_qsort_range(base, (unsigned char *)base + (n - 1) * size, size, cmp);
}

GRT int grt_puts(const char *s)
{
    if (write(1, s, grt_strlen(s)) < 0 || write(1, "\n", 1) < 0)
        return -1;
    return 0;
}

/* strtol for the decimal arguments the programs take (sign, digits). */
GRT long grt_atol(const char *s)
{
    while (*s == ' ' || (unsigned)(*s - 9) < 5)
        s++;
    int neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    unsigned long v = 0;
    while ((unsigned)(*s - '0') < 10)
        v = v * 10 + (unsigned)(*s++ - '0');
    return neg ? -(long)v : (long)v;
}

#endif
