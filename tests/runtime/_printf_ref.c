/*
 * _printf_ref.c - the host's printf as the reference for libgrt's
 * (a helper of tests/runtime/printf_host.sh, not a test).
 *
 *   _printf_ref asm   prints a glyph program that formats every case
 *   _printf_ref       prints what the host's printf/snprintf make of them
 *
 * Both walk the same case list, so the two outputs must be identical.
 * For each case the output is: the printf output, "#ret#", then for
 * snprintf into a buffer of n = 0, 1, 4, 9 bytes (pre-filled with '@')
 * "ret:" and the buffer's first 12 bytes raw, then for n = 512 "ret:"
 * and the whole string; a newline ends the case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sig: one letter per argument: i int, l long, s string (v = index into
 * strs), p pointer */
struct pf_case {
    const char *fmt;
    const char *sig;
    long long v[3];
};

struct pf_list {
    struct pf_case *c;
    size_t n, cap;
};

static const char *const strs[] = {"", "a", "abc", "hello world", "0123456789abcdefghij"};
#define NSTRS (sizeof strs / sizeof strs[0])

static const long long ints[] = {
    0, 1, -1, 7, -7, 42, -42, 255, 4096, 65535, 2147483647LL, -2147483647LL - 1,
    4294967295LL, 4294967296LL, 4294967301LL, INT64_MIN, INT64_MAX, 123456789, -123456789,
};
static const long long longs[] = {
    0, 1, -1, 42, -42, 2147483648LL, -2147483649LL, 4294967296LL, INT64_MIN, INT64_MAX,
    -INT64_MAX, 1234567890123LL, 0xdeadbeefcafeLL, -0xdeadbeefcafeLL,
};
static const char *const int_fmts[] = {
    "%d", "%i", "%u", "%x", "%X", "%o", "%c", "%5d", "%05d", "%-5d", "%-05d", "%1d", "%12d",
    "%012d", "%.3d", "%8.3d", "%-8.3d", "%08.3d", "%.0d", "%5.0d", "%.0x", "%5u", "%08x",
    "%-8x", "%.10u", "%3c", "%-3c", "%012X", "%011o", "%+d", "% d", "%+ d", "% +5d", "%+05d",
    "%-+6d", "% 06d", "%+.0d", "%#x", "%#X", "%#o", "%#10x", "%#010x", "%-#10X", "%#.0x",
    "%#.0o", "%#.5o", "%#5o", "%+u", "% x",
};
static const char *const long_fmts[] = {
    "%ld", "%lu", "%lx", "%lX", "%lo", "%20ld", "%020ld", "%-20ld", "%lld", "%llu", "%zu",
    "%zd", "%jd", "%td", "%021lx", "%.20ld", "%25.20ld", "%-25.20ld", "%025.20ld", "%.0ld",
    "%-22lu", "%022lo", "%+ld", "% ld", "%#lx", "%#lo", "%#022lx", "%+021ld",
};
static const char *const str_fmts[] = {"%s", "%10s", "%-10s", "%.2s", "%5.2s", "%-5.2s", "%.0s", "%.30s"};
static const long long ptrs[] = {1, 0x1234, 0xdeadbeefcafeLL, -1, 0x10000};
static const char *const ptr_fmts[] = {"%p", "%20p", "%-20p"};
static const int widths[] = {-12, -1, 0, 1, 5, 30};
static const int precs[] = {-5, -1, 0, 3, 12};
static const long long star_vals[] = {0, 42, -42, 2147483647LL, -2147483647LL - 1};
static const char *const star_fmts[] = {"%*d", "%-*d", "%0*d", "%*x", "%*u", "%*c"};

static void add(struct pf_list *l, const char *fmt, const char *sig, long long a, long long b,
                long long c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->c = realloc(l->c, l->cap * sizeof *l->c);
        if (!l->c) {
            perror("_printf_ref");
            exit(1);
        }
    }
    l->c[l->n++] = (struct pf_case){fmt, sig, {a, b, c}};
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void build(struct pf_list *l)
{
    size_t f, i, j;
    for (f = 0; f < N(int_fmts); f++)
        for (i = 0; i < N(ints); i++)
            add(l, int_fmts[f], "i", ints[i], 0, 0);
    for (f = 0; f < N(long_fmts); f++)
        for (i = 0; i < N(longs); i++)
            add(l, long_fmts[f], "l", longs[i], 0, 0);
    for (f = 0; f < N(str_fmts); f++)
        for (i = 0; i < NSTRS; i++)
            add(l, str_fmts[f], "s", (long long)i, 0, 0);
    for (i = 0; i < NSTRS; i++)
        for (j = 0; j < N(precs); j++)
            add(l, "%.*s", "is", precs[j], (long long)i, 0);
    for (f = 0; f < N(ptr_fmts); f++)
        for (i = 0; i < N(ptrs); i++)
            add(l, ptr_fmts[f], "p", ptrs[i], 0, 0);
    for (f = 0; f < N(star_fmts); f++)
        for (i = 0; i < N(widths); i++)
            for (j = 0; j < N(star_vals); j++)
                add(l, star_fmts[f], "ii", widths[i], star_vals[j] == 0 ? 'Q' : star_vals[j], 0);
    for (i = 0; i < N(widths); i++)
        for (j = 0; j < N(precs); j++) {
            add(l, "%*.*d", "iii", widths[i], precs[j], -42);
            add(l, "%*.*d", "iii", widths[i], precs[j], 0);
            add(l, "%*.*s", "iis", widths[i], precs[j], 3);
        }
    add(l, "%%", "", 0, 0, 0);
    add(l, "a%%b%%", "", 0, 0, 0);
    add(l, "no conversion", "", 0, 0, 0);
    add(l, "", "", 0, 0, 0);
    add(l, "%d%%%s", "is", 3, 2, 0);
    add(l, "[%c%c%c]", "iii", 'x', 0x141, '!');
    add(l, "%ld %ld %ld", "lll", INT64_MIN, 0, INT64_MAX);
    add(l, "%s=%d.", "si", 4, -1, 0);
}

/* the host's output for one case, through vprintf-like dispatch on sig */
#define CALL(fn, ...)                                                                       \
    (!strcmp(c->sig, "i")     ? fn(__VA_ARGS__, (int)c->v[0])                               \
     : !strcmp(c->sig, "l")   ? fn(__VA_ARGS__, (long)c->v[0])                              \
     : !strcmp(c->sig, "s")   ? fn(__VA_ARGS__, strs[c->v[0]])                              \
     : !strcmp(c->sig, "p")   ? fn(__VA_ARGS__, (void *)(uintptr_t)c->v[0])                 \
     : !strcmp(c->sig, "is")  ? fn(__VA_ARGS__, (int)c->v[0], strs[c->v[1]])                \
     : !strcmp(c->sig, "si")  ? fn(__VA_ARGS__, strs[c->v[0]], (int)c->v[1])                \
     : !strcmp(c->sig, "ii")  ? fn(__VA_ARGS__, (int)c->v[0], (int)c->v[1])                 \
     : !strcmp(c->sig, "iii") ? fn(__VA_ARGS__, (int)c->v[0], (int)c->v[1], (int)c->v[2])   \
     : !strcmp(c->sig, "iis") ? fn(__VA_ARGS__, (int)c->v[0], (int)c->v[1], strs[c->v[2]])  \
     : !strcmp(c->sig, "lll") ? fn(__VA_ARGS__, (long)c->v[0], (long)c->v[1], (long)c->v[2]) \
                              : fn(__VA_ARGS__, 0))

static void host(const struct pf_list *l)
{
    static const size_t sizes[] = {0, 1, 4, 9};
    char buf[512];
    size_t k, s;
    for (k = 0; k < l->n; k++) {
        const struct pf_case *c = &l->c[k];
        int r = CALL(printf, c->fmt);
        printf("#%d#", r);
        for (s = 0; s < N(sizes); s++) {
            memset(buf, '@', 64);
            r = CALL(snprintf, buf, sizes[s], c->fmt);
            printf("%d:", r);
            fwrite(buf, 1, 12, stdout);
        }
        r = CALL(snprintf, buf, sizeof buf, c->fmt);
        printf("%d:%s\n", r, buf);
    }
}

static void asm_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else
            putchar(*s);
    }
    puts("\"");
}

static void emit_asm(const struct pf_list *l)
{
    size_t k, i;
    puts("# generated by tests/runtime/_printf_ref.c asm\n    .section .rodata");
    for (i = 0; i < NSTRS; i++) {
        printf("S%zu: .string ", i);
        asm_string(strs[i]);
    }
    for (k = 0; k < l->n; k++) {
        printf("F%zu: .string ", k);
        asm_string(l->c[k].fmt);
    }
    puts("R1: .string \"#%d#\"\nR2: .string \"%d:\"\nR3: .string \"%d:%s\\n\"");
    puts("sizes: .quad 0, 1, 4, 9, -1\n    .data\n    .balign 8\ntab:");
    for (k = 0; k < l->n; k++) {
        const struct pf_case *c = &l->c[k];
        printf("    .quad F%zu", k);
        for (i = 0; i < 3; i++) {
            int used = i < strlen(c->sig);
            if (used && c->sig[i] == 's')
                printf(", S%lld", c->v[i]);
            else
                printf(", %lld", used ? c->v[i] : 0);
        }
        putchar('\n');
    }
    puts("    .quad 0, 0, 0, 0\n"
         "    .bss\n"
         "    .balign 64\n"
         "buf: .zero 512\n"
         "    .text\n"
         "    .globl main\n"
         "    .type main, @function\n"
         "main:\n"
         "    addi.i64 sp, -64\n"
         "    store.i64 ra, 0(sp)\n"
         "    store.i64 s0, 8(sp)\n"
         "    store.i64 s1, 16(sp)\n"
         "    la s0, tab\n"
         "1:  load.i64 a0, 0(s0)\n"
         "    movi.i64 t1, 0\n"
         "    cmp.eq.i64 a0, t1\n"
         "    b 9f\n"
         "    load.i64 a1, 8(s0)\n"
         "    load.i64 a2, 16(s0)\n"
         "    load.i64 a3, 24(s0)\n"
         "    call printf\n"
         "    mov.i64 a1, a0\n"
         "    la a0, R1\n"
         "    call printf\n"
         "    la s1, sizes\n"
         "2:  load.i64 t1, 0(s1)\n"
         "    movi.i64 t2, 0\n"
         "    cmp.lt.i64 t1, t2\n"
         "    b 3f\n"
         "    la a0, buf\n"
         "    li a1, '@'\n"
         "    li a2, 64\n"
         "    call memset\n"
         "    la a0, buf\n"
         "    load.i64 a1, 0(s1)\n"
         "    load.i64 a2, 0(s0)\n"
         "    load.i64 a3, 8(s0)\n"
         "    load.i64 a4, 16(s0)\n"
         "    load.i64 a5, 24(s0)\n"
         "    call snprintf\n"
         "    mov.i64 a1, a0\n"
         "    la a0, R2\n"
         "    call printf\n"
         "    la a0, buf\n"
         "    li a1, 1\n"
         "    li a2, 12\n"
         "    la a3, stdout\n"
         "    load.i64 a3, 0(a3)\n"
         "    call fwrite\n"
         "    addi.i64 s1, 8\n"
         "    j 2b\n"
         "3:  la a0, buf\n"
         "    li a1, 512\n"
         "    load.i64 a2, 0(s0)\n"
         "    load.i64 a3, 8(s0)\n"
         "    load.i64 a4, 16(s0)\n"
         "    load.i64 a5, 24(s0)\n"
         "    call snprintf\n"
         "    mov.i64 a1, a0\n"
         "    la a0, R3\n"
         "    la a2, buf\n"
         "    call printf\n"
         "    addi.i64 s0, 32\n"
         "    j 1b\n"
         "9:  movi.i64 a0, 0\n"
         "    load.i64 ra, 0(sp)\n"
         "    load.i64 s0, 8(sp)\n"
         "    load.i64 s1, 16(sp)\n"
         "    addi.i64 sp, 64\n"
         "    ret");
}

int main(int argc, char **argv)
{
    struct pf_list l = {0};
    build(&l);
    if (argc > 1 && !strcmp(argv[1], "asm"))
        emit_asm(&l);
    else
        host(&l);
    free(l.c);
    return fflush(stdout) != 0;
}
