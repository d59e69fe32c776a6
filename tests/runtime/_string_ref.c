/*
 * _string_ref.c - the host's string functions as the reference for
 * libgrt's (a helper of tests/runtime/string_host.sh, not a test).
 *
 *   _string_ref asm   prints the data of the glyph program: the buffers
 *                     and the case table that tests/runtime/string_host.s
 *                     walks
 *   _string_ref       prints what the host's functions make of the cases
 *
 * The buffers are random with long equal stretches (B is A with a few
 * bytes changed, NULs and bytes >= 0x80 sprinkled in), offsets and
 * lengths are random, so word loops meet every alignment, page-free
 * tails and differences at every byte of a word.  Each case prints two
 * numbers: comparisons print their sign, searches an offset or -1, copies
 * the returned offset and an FNV-1a hash of the whole target buffer;
 * bsearch (in the first n of 300 sorted longs with duplicates and gaps)
 * prints the value found and 1, or -1 and 0.  strcat appends to a run of
 * n % 16 bytes of D; strstr looks in a for a needle of n % 6 bytes copied
 * from A or B (c & 64) at oa + c % 64, so most needles occur in a or
 * nearly do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NA 1024         /* A, B, C: 1024 bytes; D: 2048 */
#define NCASES 5000
#define NFUNCS 16
#define NSORTED 300

static uint64_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(seed >> 33);
}

struct tcase { long fn, oa, ob, n, c; };

static unsigned char A[NA], B[NA], C0[NA], D0[2 * NA];
static long sorted[NSORTED];
static struct tcase cases[NCASES];

static void make(void)
{
    static const unsigned char alpha[] = "aaaaaaaaaabbbc\x80\xff";
    for (int i = 0; i < NA; i++) {
        A[i] = alpha[rnd() % (sizeof alpha - 1)];
        if (rnd() % 97 == 0)
            A[i] = 0;
    }
    A[NA - 1] = 0;
    for (int i = 0; i < NA; i++) {
        B[i] = A[i];
        if (rnd() % 61 == 0)
            B[i] = (unsigned char)(A[i] + 1 + rnd() % 3);
    }
    B[NA - 1] = 0;
    for (int i = 0; i < NA; i++)
        C0[i] = (unsigned char)rnd();
    for (int i = 0; i < 2 * NA; i++)
        D0[i] = 0x55;
    for (int i = 0; i < NSORTED; i++)
        sorted[i] = (i ? sorted[i - 1] : 0) + (long)(rnd() % 3);
    for (int k = 0; k < NCASES; k++) {
        struct tcase *t = &cases[k];
        t->fn = k % NFUNCS;
        t->oa = rnd() % 512;
        t->ob = rnd() % 2 ? t->oa : (long)(rnd() % 512);
        if (rnd() % 4 == 0)
            t->ob = t->oa + (long)(rnd() % 9);
        t->n = rnd() % 3 == 0 ? (long)(rnd() % 16) : (long)(rnd() % 400);
        t->c = rnd() % 2 ? A[rnd() % NA] : (long)(rnd() % 256);
        if (t->fn == 12) {
            t->n = rnd() % (NSORTED + 1);
            t->c = (long)(rnd() % 320) - 10;
        }
    }
}

static long sign(long v) { return v < 0 ? -1 : v > 0; }

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

static uint64_t fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void bytes(const char *name, const unsigned char *p, size_t n)
{
    printf("%s:\n", name);
    for (size_t i = 0; i < n; i += 16) {
        printf("    .byte ");
        for (size_t j = i; j < i + 16 && j < n; j++)
            printf("%s%u", j > i ? ", " : "", p[j]);
        printf("\n");
    }
}

static void run(void)
{
    unsigned char C[NA], D[2 * NA];
    for (int k = 0; k < NCASES; k++) {
        struct tcase *t = &cases[k];
        const char *a = (const char *)A + t->oa, *b = (const char *)B + t->ob;
        long r1 = 0, r2 = 0;
        const void *p;
        memcpy(C, C0, NA);
        memcpy(D, D0, 2 * NA);
        switch (t->fn) {
        case 0: r1 = sign(memcmp(a, b, t->n)); break;
        case 1: r1 = sign(strcmp(a, b)); break;
        case 2: r1 = sign(strncmp(a, b, t->n)); break;
        case 3: r1 = (long)strlen(a); break;
        case 4: r1 = (unsigned char *)memcpy(D + t->ob, a, t->n) - D; r2 = (long)fnv(D, 2 * NA); break;
        case 5: r1 = (unsigned char *)memmove(C + t->ob, C + t->oa, t->n) - C; r2 = (long)fnv(C, NA); break;
        case 6: r1 = (unsigned char *)memset(D + t->ob, (int)t->c, t->n) - D; r2 = (long)fnv(D, 2 * NA); break;
        case 7: p = memchr(a, (int)t->c, t->n); r1 = p ? (const char *)p - a : -1; break;
        case 8: p = strchr(a, (int)t->c); r1 = p ? (const char *)p - a : -1; break;
        case 9: p = strrchr(a, (int)t->c); r1 = p ? (const char *)p - a : -1; break;
        case 10: r1 = (long)strnlen(a, t->n); break;
        case 11: r1 = (unsigned char *)strcpy((char *)D + t->ob, a) - D; r2 = (long)fnv(D, 2 * NA); break;
        case 12:
            p = bsearch(&t->c, sorted, (size_t)t->n, sizeof(long), cmp_long);
            r1 = p ? *(const long *)p : -1;
            r2 = p != NULL;
            break;
        case 13: r1 = (unsigned char *)strncpy((char *)D + t->ob, a, (size_t)t->n) - D; r2 = (long)fnv(D, 2 * NA); break;
        case 14:
            D[t->ob + t->n % 16] = 0;
            r1 = (unsigned char *)strcat((char *)D + t->ob, a) - D;
            r2 = (long)fnv(D, 2 * NA);
            break;
        case 15: {
            size_t k = (size_t)(t->n % 6);
            memcpy(D, (t->c & 64 ? B : A) + t->oa + t->c % 64, k);
            D[k] = 0;
            p = strstr(a, (const char *)D);
            r1 = p ? (const char *)p - a : -1;
            break;
        }
        }
        printf("%ld %ld\n", r1, r2);
    }
}

int main(int argc, char **argv)
{
    make();
    if (argc > 1 && strcmp(argv[1], "asm") == 0) {
        printf("# generated by tests/runtime/_string_ref.c\n    .data\n    .balign 64\n");
        printf("    .globl buf_a\n    .globl buf_b\n    .globl buf_c0\n    .globl ncases\n    .globl cases\n");
        bytes("buf_a", A, NA);
        bytes("buf_b", B, NA);
        bytes("buf_c0", C0, NA);
        printf("    .globl sorted\n    .balign 8\nsorted:\n");
        for (int i = 0; i < NSORTED; i++)
            printf("    .quad %ld\n", sorted[i]);
        printf("ncases:\n    .quad %d\ncases:\n", NCASES);
        for (int k = 0; k < NCASES; k++)
            printf("    .quad %ld, %ld, %ld, %ld, %ld\n", cases[k].fn, cases[k].oa,
                   cases[k].ob, cases[k].n, cases[k].c);
        return 0;
    }
    run();
    return 0;
}
