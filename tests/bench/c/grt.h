/*
 * grt.h - the glyph runtime (libgrt) functions the benchmark programs
 * call, written again in C with the same algorithms, so that a C twin
 * does the work its glyph program does and not what glibc would do.
 *
 * Each function follows the runtime sources of the revision named in
 * tests/bench/README.md: memcpy and memset in 64-byte blocks on an
 * aligned destination, strlen and strcmp a word at a time, malloc a first
 * fit on an address-ordered free list over a brk heap grown in 64 KiB
 * steps (128 KiB and more: a mapping of its own), realloc growing in
 * place where it can and otherwise moving to twice the capacity, qsort
 * the runtime's introsort, puts through a 4096-byte stdout buffer.  They
 * are noinline: the glyph programs call the library, they never inline
 * it.  System calls go through the host libc's thin wrappers (read,
 * write, open, isatty, mmap, brk via syscall), like runtime/syscalls.s.
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

typedef uint64_t grt_word __attribute__((may_alias, aligned(1)));

/* string.s: short copies 8 bytes then 1 at a time; from 64 bytes on,
 * bytes up to an 8-byte aligned destination, then 64-byte blocks (all
 * eight loads before the stores), then 8, then 1. */
GRT void *grt_memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n >= 64) {
        size_t a = (size_t)(-(uintptr_t)d) & 7;
        n -= a;
        while (a != 0)
            *d++ = *s++, a--;
        while (n >= 64) {
            uint64_t w[8];
            __builtin_memcpy(w, s, 64);
            __builtin_memcpy(d, w, 64);
            s += 64, d += 64, n -= 64;
        }
    }
    while (n >= 8) {
        *(grt_word *)d = *(const grt_word *)s;
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
    if (n >= 64) {
        size_t a = (size_t)(-(uintptr_t)d) & 7;
        n -= a;
        while (a != 0)
            *d++ = (unsigned char)w, a--;
        while (n >= 64) {
            for (int i = 0; i < 8; i++)
                ((grt_word *)d)[i] = w;
            d += 64, n -= 64;
        }
    }
    while (n >= 8) {
        *(grt_word *)d = w;
        d += 8, n -= 8;
    }
    while (n != 0)
        *d++ = (unsigned char)w, n--;
    return p;
}

/* A word holds a zero byte: (w - 0x01..01) & ~w & 0x80..80 != 0. */
static inline uint64_t grt_zeros(uint64_t w)
{
    return (w - 0x0101010101010101u) & ~w & 0x8080808080808080u;
}

/* Bytes to an 8-byte boundary, then aligned words (they never cross a
 * page, so reading past the NUL is harmless, as in string.s). */
GRT size_t grt_strlen(const char *s)
{
    const char *t = s;
    for (; ((uintptr_t)t & 7) != 0; t++)
        if (*t == 0)
            return (size_t)(t - s);
    for (;; t += 8) {
        uint64_t z = grt_zeros(*(const grt_word *)t);
        if (z != 0)
            return (size_t)(t - s) + (size_t)(__builtin_ctzll(z) >> 3);
    }
}

/* Bytes until a is aligned, then words of both while equal and NUL-free
 * (b byte by byte for the 8 bytes where its word would cross a page);
 * the word that differs or ends is finished byte by byte. */
GRT int grt_strcmp(const char *x, const char *y)
{
    const unsigned char *a = (const unsigned char *)x, *b = (const unsigned char *)y;
    for (;;) {
        if (((uintptr_t)a & 7) == 0) {
            for (;;) {
                if (((uintptr_t)b & 4095) > 4088) {
                    for (int k = 0; k < 8; k++, a++, b++)
                        if (*a != *b || *a == 0)
                            return *a - *b;
                    continue;
                }
                uint64_t w1 = *(const grt_word *)a, w2 = *(const grt_word *)b;
                if (w1 != w2 || grt_zeros(w1) != 0)
                    break;
                a += 8, b += 8;
            }
        }
        if (*a != *b || *a == 0)
            return *a - *b;
        a++, b++;
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

/* Make top the heap top, moving the break up in 64 KiB steps when it lies
 * beyond; 0, or -1 when the break cannot move (nothing changes then). */
GRT int grt_set_top(uintptr_t top)
{
    if (grt_h.end < top) {
        uintptr_t want = (top + 65535) & ~(uintptr_t)65535;
        uintptr_t got = grt_brk(want);
        if (got < want)
            return -1;
        grt_h.end = got;
    }
    grt_h.top = top;
    return 0;
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
    uint64_t *b = (uint64_t *)grt_h.top;
    if (grt_set_top(grt_h.top + size) != 0)
        return NULL;
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

/* Keeps a block that fits; a heap block grows in place at the heap top
 * (moving the top and the break) or into a free next block (splitting
 * off a rest of 64 bytes or more); otherwise it moves to a block of
 * max(n, 2 * capacity) bytes (n when that fails). */
GRT void *grt_realloc(void *p, size_t n)
{
    if (p == NULL)
        return grt_malloc(n);
    if (n == 0) {
        grt_free(p);
        return NULL;
    }
    uint64_t *h = (uint64_t *)p - 2;
    uint64_t size = h[0];
    if ((size & ~(uint64_t)1) - 16 >= n)
        return p;
    if (n >= 0x4000000000000000u)
        return NULL;
    if ((size & 1) == 0) {
        uint64_t need = (n + 31) & ~(uint64_t)15;
        uintptr_t next = (uintptr_t)h + size;
        if (next == grt_h.top) { /* the last block: move the top */
            if (grt_set_top((uintptr_t)h + need) != 0)
                goto move;
            h[0] = need;
            return p;
        }
        uint64_t **link = &grt_h.free_head, *b;
        while ((b = *link) != NULL && (uintptr_t)b < next)
            link = (uint64_t **)&b[1];
        if (b == NULL || (uintptr_t)b != next || b[0] + size < need)
            goto move;
        uint64_t both = b[0] + size, rest = both - need;
        if (rest >= 64) {
            uint64_t *t = (uint64_t *)((char *)h + need);
            t[0] = rest;
            t[1] = b[1];
            *link = t;
            h[0] = need;
        } else {
            *link = (uint64_t *)b[1];
            h[0] = both;
        }
        return p;
    }
move:;
    uint64_t cap = (size & ~(uint64_t)1) - 16;
    void *q = grt_malloc(2 * cap < n ? n : 2 * cap);
    if (q == NULL && (q = grt_malloc(n)) == NULL)
        return NULL;
    grt_memcpy(q, p, cap);
    grt_free(p);
    return q;
}

/* qsort.s: introsort. */
typedef int (*grt_cmp)(const void *, const void *);

/* 8 bytes at a time, then single bytes */
GRT void grt_swap(unsigned char *a, unsigned char *b, size_t size)
{
    for (; size >= 8; a += 8, b += 8, size -= 8) {
        uint64_t t = *(grt_word *)a;
        *(grt_word *)a = *(grt_word *)b;
        *(grt_word *)b = t;
    }
    for (; size != 0; a++, b++, size--) {
        unsigned char t = *a;
        *a = *b;
        *b = t;
    }
}

GRT void grt_isort(unsigned char *lo, size_t n, size_t size, grt_cmp cmp)
{
    unsigned char *end = lo + n * size;
    for (unsigned char *i = lo + size; i < end; i += size)
        for (unsigned char *j = i; lo < j; j -= size) {
            if (cmp(j - size, j) <= 0)
                break;
            grt_swap(j - size, j, size);
        }
}

GRT void grt_sift(unsigned char *lo, size_t root, size_t n, size_t size, grt_cmp cmp)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && cmp(lo + child * size, lo + (child + 1) * size) < 0)
            child++;
        if (cmp(lo + root * size, lo + child * size) >= 0)
            return;
        grt_swap(lo + root * size, lo + child * size, size);
        root = child;
    }
}

GRT void grt_heapsort(unsigned char *lo, size_t n, size_t size, grt_cmp cmp)
{
    for (size_t k = n / 2; k != 0;) {
        k--;
        grt_sift(lo, k, n, size, cmp);
    }
    for (size_t k = n; k > 1;) {
        k--;
        grt_swap(lo, lo + k * size, size);
        grt_sift(lo, 0, k, size, cmp);
    }
}

/* Median of three to lo as the pivot, Dijkstra's three-way partition,
 * recursion into the smaller side and a loop on the larger; heapsort at
 * depth 0, insertion sort below 13 elements. */
GRT void grt_introsort(unsigned char *lo, size_t n, size_t size, grt_cmp cmp, uint64_t depth)
{
    for (;;) {
        if (n <= 12) {
            grt_isort(lo, n, size, cmp);
            return;
        }
        if (depth == 0) {
            grt_heapsort(lo, n, size, cmp);
            return;
        }
        depth--;
        unsigned char *hi = lo + (n - 1) * size, *mid = lo + n / 2 * size;
        if (cmp(mid, lo) < 0)
            grt_swap(mid, lo, size);
        if (cmp(hi, mid) < 0) {
            grt_swap(hi, mid, size);
            if (cmp(mid, lo) < 0)
                grt_swap(mid, lo, size);
        }
        grt_swap(lo, mid, size);
        unsigned char *lt = lo, *i = lo + size, *gt = hi;
        while (i <= gt) {
            int r = cmp(i, lt);
            if (r < 0) {
                grt_swap(lt, i, size);
                lt += size;
                i += size;
            } else if (r == 0) {
                i += size;
            } else {
                grt_swap(i, gt, size);
                gt -= size;
            }
        }
        size_t left = (size_t)(lt - lo) / size, right = (size_t)(hi - gt) / size;
        if (left >= right) {
            grt_introsort(gt + size, right, size, cmp, depth);
            n = left;
        } else {
            grt_introsort(lo, left, size, cmp, depth);
            n = right;
            lo = gt + size;
        }
    }
}

GRT void grt_qsort(void *base, size_t n, size_t size, grt_cmp cmp)
{
    if (n < 2 || size == 0)
        return;
    grt_introsort(base, n, size, cmp, 2 * (uint64_t)(63 - __builtin_clzll(n)));
}

/* stdio.s: stdout is a static 4096-byte buffer, line buffered only on
 * a terminal (decided at the first write), written out when full and at
 * exit (grt_flush; the glyph programs' exit calls __grt_flushall). */
static struct {
    unsigned char buf[4096];
    size_t wpos;
    int writing, lbf;
} grt_out;

static int grt_writeall(const unsigned char *p, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(1, p + done, n - done); /* EINTR fails too, as in stdio.s */
        if (k <= 0)
            return -1;
        done += (size_t)k;
    }
    return 0;
}

GRT int grt_flush(void)
{
    size_t n = grt_out.wpos;
    grt_out.wpos = 0;
    return n == 0 ? 0 : grt_writeall(grt_out.buf, n);
}

GRT size_t grt_fwrite(const void *p, size_t n)
{
    if (n == 0)
        return 0;
    if (!grt_out.writing) {
        grt_out.writing = 1;
        grt_out.lbf = isatty(1);
    }
    if (sizeof grt_out.buf - grt_out.wpos < n) {
        if (grt_flush() != 0)
            return 0;
        if (n >= sizeof grt_out.buf)
            return grt_writeall(p, n) == 0 ? n : 0;
    }
    grt_memcpy(grt_out.buf + grt_out.wpos, p, n);
    grt_out.wpos += n;
    if (grt_out.lbf && memchr(p, '\n', n) != NULL && grt_flush() != 0)
        return 0;
    return n;
}

GRT int grt_fputc(int c)
{
    unsigned char b = (unsigned char)c;
    if (grt_out.writing && !grt_out.lbf && grt_out.wpos < sizeof grt_out.buf) {
        grt_out.buf[grt_out.wpos++] = b; /* stdio.s's fast path */
        return b;
    }
    return grt_fwrite(&b, 1) == 1 ? b : -1;
}

GRT int grt_puts(const char *s)
{
    size_t n = grt_strlen(s);
    if (grt_fwrite(s, n) != n)
        return -1;
    return grt_fputc('\n') < 0 ? -1 : 0;
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
