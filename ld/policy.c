/*
 * policy.c - the color policy written to the NT_GLYPH_COLORS note.
 *
 * It starts as "everything allowed" (gl_color_policy_default) and the
 * rules from --color-policy files and the --color-allow-X / --color-deny-X
 * options are applied in command-line order, later ones winning.
 *
 * Rule syntax (one per line in a file; '#' starts a comment):
 *
 *   allow|deny read|write|exec COLORS            colorread/write/exec
 *   allow|deny read|write COLORS -> COLORS       colormatread/write:
 *                                                source -> destination
 *
 * Lines about compartments (allow/deny read|write|call between names,
 * isolate, default, compartment) go to compartment.c instead.
 *
 * COLORS is a number 0-15, a range 2-5, a comma list 0,3,8-9, or
 * "all" / "*".  An option's argument is the same: --color-deny-read=0:3
 * (":" or "->" between source and destination) or --color-allow-exec=2.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

/* Parse a color set; returns the 16-bit mask or -1. */
static long parse_colors(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if ((n == 3 && !strncmp(s, "all", 3)) || (n == 1 && *s == '*'))
        return 0xffff;
    long mask = 0;
    size_t i = 0;
    if (!n)
        return -1;
    while (i < n) {
        long lo = 0, hi;
        size_t d = 0;
        while (i < n && isdigit((unsigned char)s[i]) && d < 3)
            lo = lo * 10 + (s[i++] - '0'), d++;
        if (!d || lo > 15)
            return -1;
        hi = lo;
        if (i < n && s[i] == '-') {
            i++;
            hi = 0, d = 0;
            while (i < n && isdigit((unsigned char)s[i]) && d < 3)
                hi = hi * 10 + (s[i++] - '0'), d++;
            if (!d || hi > 15 || hi < lo)
                return -1;
        }
        for (long c = lo; c <= hi; c++)
            mask |= 1L << c;
        if (i < n) {
            if (s[i] != ',')
                return -1;
            i++;
            if (i == n)
                return -1;
        }
    }
    return mask;
}

static void set(uint64_t *w, long mask, int allow)
{
    if (allow)
        *w |= (uint64_t)mask;
    else
        *w &= ~(uint64_t)mask;
}

/* Apply one rule; src is the whole color text (with "->" or ":" for
 * matrix rules).  Returns NULL or an error message. */
static const char *apply(gl_color_policy *p, int allow, enum ld_perm perm, const char *text)
{
    const char *arrow = strstr(text, "->");
    size_t alen = 2;
    if (!arrow && (arrow = strchr(text, ':')))
        alen = 1;
    if (!arrow) {
        long m = parse_colors(text, strlen(text));
        if (m < 0)
            return "bad color set (want N, N-M, N,M,... or all)";
        set(perm == LD_PERM_READ ? &p->read : perm == LD_PERM_WRITE ? &p->write : &p->exec, m,
            allow);
        return NULL;
    }
    if (perm == LD_PERM_EXEC)
        return "exec takes no source -> destination matrix (the spec has no colormatexec)";
    long src = parse_colors(text, (size_t)(arrow - text));
    long dst = parse_colors(arrow + alen, strlen(arrow + alen));
    if (src < 0 || dst < 0)
        return "bad color set (want N, N-M, N,M,... or all)";
    for (int c = 0; c < GL_COLORS; c++)
        if (src & (1L << c))
            set(perm == LD_PERM_READ ? &p->matread[c] : &p->matwrite[c], dst, allow);
    return NULL;
}

static int parse_perm(const char *w, enum ld_perm *perm)
{
    if (!strcmp(w, "read"))
        *perm = LD_PERM_READ;
    else if (!strcmp(w, "write"))
        *perm = LD_PERM_WRITE;
    else if (!strcmp(w, "exec"))
        *perm = LD_PERM_EXEC;
    else
        return 0;
    return 1;
}

static void apply_line(ld_ctx *ctx, const char *file, unsigned line, char *s)
{
    char *hash = strchr(s, '#');
    if (hash)
        *hash = 0;
    char where[4096];
    snprintf(where, sizeof where, "%s:%u", file, line);
    const char *cerr = ld_comp_rule_parse(ctx, where, s);
    if (cerr) {
        if (*cerr)
            ld_error(ctx, "%s: %s", where, cerr);
        return;
    }
    char verb[16], what[16];
    int used = 0;
    if (sscanf(s, " %15s %15s %n", verb, what, &used) < 2) {
        for (char *c = s; *c; c++)
            if (!isspace((unsigned char)*c)) {
                ld_error(ctx, "%s:%u: expected 'allow|deny read|write|exec COLORS [-> COLORS]'",
                         file, line);
                return;
            }
        return; /* blank */
    }
    enum ld_perm perm;
    int allow = !strcmp(verb, "allow");
    if ((!allow && strcmp(verb, "deny")) || !parse_perm(what, &perm)) {
        ld_error(ctx, "%s:%u: expected 'allow|deny read|write|exec COLORS [-> COLORS]'", file,
                 line);
        return;
    }
    const char *err = apply(&ctx->policy, allow, perm, s + used);
    if (err)
        ld_error(ctx, "%s:%u: %s", file, line, err);
    else
        ctx->color_rules = 1;
}

static void apply_file(ld_ctx *ctx, const char *path)
{
    size_t size;
    uint8_t *buf = ld_read_file(ctx, path, &size);
    if (!buf)
        return;
    char *text = ld_alloc(size + 1);
    memcpy(text, buf, size);
    free(buf);
    unsigned line = 1;
    for (char *s = text, *nl; s < text + size; s = nl + 1, line++) {
        nl = memchr(s, '\n', (size_t)(text + size - s));
        if (!nl)
            nl = text + size;
        *nl = 0;
        apply_line(ctx, path, line, s);
    }
    free(text);
}

void ld_policy_build(ld_ctx *ctx)
{
    gl_color_policy_default(&ctx->policy);
    for (size_t i = 0; i < ctx->npolicy_args; i++) {
        ld_policy_arg *a = &ctx->policy_args[i];
        if (a->is_file) {
            apply_file(ctx, a->text);
            continue;
        }
        /* option name: color-(allow|deny)-(read|write|exec) */
        const char *rest = a->opt + strlen("color-");
        int allow = !strncmp(rest, "allow-", 6);
        enum ld_perm perm;
        parse_perm(strchr(rest, '-') + 1, &perm);
        const char *err = apply(&ctx->policy, allow, perm, a->text);
        if (err)
            ld_error(ctx, "--%s=%s: %s", a->opt, a->text, err);
        ctx->color_rules = 1;
    }
    for (size_t i = 0; i < ctx->ncomp_args; i++)
        ld_comp_placement_add(ctx, "--compartment", ctx->comp_args[i]);
}
