/*
 * regs.c - names of general and system registers.  ABI aliases follow
 * docs/abi.md; system register numbers come from sysregs.def.
 */
#include <stdio.h>
#include <string.h>

#include "isa.h"

/* r0-r7: the spec's 16-bit ABI; r8-r63: the project's extended ABI. */
static const char *const abi_names[64] = {
    "sp",  "s0",  "s1",  "s2",  "a0",  "a1",  "t0",  "ra",
    "a2",  "a3",  "a4",  "a5",  "a6",  "a7",  "t1",  "t2",
    "t3",  "t4",  "t5",  "t6",  "t7",  "t8",  "t9",  "t10",
    "t11", "t12", "t13", "t14", "t15", "t16", "t17", "t18",
    "s3",  "s4",  "s5",  "s6",  "s7",  "s8",  "s9",  "s10",
    "s11", "s12", "s13", "s14", "s15", "s16", "s17", "s18",
    "s19", "s20", "s21", "s22", "s23", "s24", "s25", "s26",
    "s27", "s28", "s29", "s30", "s31", "s32", "s33", "s34",
};

static const char *const num_names[64] = {
    "r0",  "r1",  "r2",  "r3",  "r4",  "r5",  "r6",  "r7",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15",
    "r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23",
    "r24", "r25", "r26", "r27", "r28", "r29", "r30", "r31",
    "r32", "r33", "r34", "r35", "r36", "r37", "r38", "r39",
    "r40", "r41", "r42", "r43", "r44", "r45", "r46", "r47",
    "r48", "r49", "r50", "r51", "r52", "r53", "r54", "r55",
    "r56", "r57", "r58", "r59", "r60", "r61", "r62", "r63",
};

/* Further spellings gl_reg_parse accepts. */
static const struct {
    const char *name;
    unsigned num;
} aliases[] = {{"fp", 1}};

const char *gl_reg_name(unsigned r) { return r < 64 ? abi_names[r] : "?"; }

const char *gl_reg_alias(unsigned i, unsigned *r)
{
    if (i >= sizeof aliases / sizeof aliases[0])
        return NULL;
    *r = aliases[i].num;
    return aliases[i].name;
}

const char *gl_reg_name_numeric(unsigned r) { return r < 64 ? num_names[r] : "?"; }

static int match(const char *s, size_t n, const char *name)
{
    /* the first character rules out almost every name without a strlen
     * (the assembler asks once for every symbol it makes) */
    return n && s[0] == name[0] && strlen(name) == n && memcmp(s, name, n) == 0;
}

int gl_reg_parse(const char *s, size_t n)
{
    for (int r = 0; r < 64; r++)
        if (match(s, n, abi_names[r]) || match(s, n, num_names[r]))
            return r;
    unsigned r;
    const char *a;
    for (unsigned i = 0; (a = gl_reg_alias(i, &r)) != NULL; i++)
        if (match(s, n, a))
            return (int)r;
    return -1;
}

struct sysreg {
    const char *name;
    unsigned num, count;
    unsigned access; /* GL_SR_READ | GL_SR_WRITE */
    unsigned priv;   /* enum gl_priv: the least privilege that reaches it */
};

#define RW (GL_SR_READ | GL_SR_WRITE)
#define RO GL_SR_READ
#define WO GL_SR_WRITE
#define USER GL_PRIV_USER
#define SYS GL_PRIV_SYS
static const struct sysreg sysregs[] = {
#define GL_SYSREG(name, num, count, access, priv) {#name, num, count, access, priv},
#include "sysregs.def"
#undef GL_SYSREG
};
#undef RW
#undef RO
#undef WO
#undef USER
#undef SYS

#define NSYSREGS (sizeof sysregs / sizeof sysregs[0])

int gl_sysreg_format(unsigned num, char *buf, size_t size)
{
    for (size_t i = 0; i < NSYSREGS; i++) {
        const struct sysreg *s = &sysregs[i];
        if (num >= s->num && num < s->num + s->count)
            return s->count == 1
                       ? snprintf(buf, size, "%s", s->name)
                       : snprintf(buf, size, "%s%u", s->name, num - s->num);
    }
    return snprintf(buf, size, "0x%x", num);
}

long gl_sysreg_parse(const char *s, size_t n)
{
    for (size_t i = 0; i < NSYSREGS; i++) {
        const struct sysreg *r = &sysregs[i];
        size_t k = strlen(r->name);
        if (n < k || memcmp(s, r->name, k) != 0)
            continue;
        if (r->count == 1) {
            if (n == k)
                return r->num;
            continue;
        }
        /* indexed family: name followed by a decimal index */
        if (n == k || n > k + 2)
            continue;
        unsigned idx = 0;
        size_t j;
        for (j = k; j < n && s[j] >= '0' && s[j] <= '9'; j++)
            idx = idx * 10 + (unsigned)(s[j] - '0');
        if (j == n && idx < r->count && !(n == k + 2 && s[k] == '0'))
            return (long)(r->num + idx);
    }
    return -1;
}

int gl_sysreg_allowed(unsigned num, unsigned want, unsigned priv)
{
    for (size_t i = 0; i < NSYSREGS; i++) {
        const struct sysreg *r = &sysregs[i];
        if (num >= r->num && num < r->num + r->count)
            return priv >= r->priv && (r->access & want) == want;
    }
    return 0;
}
