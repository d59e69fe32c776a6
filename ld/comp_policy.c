/*
 * comp_policy.c - the compartment lines of policy files and
 * --compartment: names, rules (allow/deny read|write|call, isolate,
 * default) and placements (docs/ld.md, "Compartments").  compartment.c
 * applies them.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"


int ld_comp_find(ld_ctx *ctx, const char *name, size_t n)
{
    for (size_t i = 0; i < ctx->ncomps; i++)
        if (strlen(ctx->comps[i].name) == n && !strncmp(ctx->comps[i].name, name, n))
            return (int)i;
    return -1;
}

int ld_comp_intern(ld_ctx *ctx, const char *name, size_t n)
{
    int i = ld_comp_find(ctx, name, n);
    if (i >= 0)
        return i;
    ctx->comps = ld_realloc(ctx->comps, (ctx->ncomps + 1) * sizeof *ctx->comps);
    ld_comp *c = &ctx->comps[ctx->ncomps];
    memset(c, 0, sizeof *c);
    c->name = ld_alloc(n + 1);
    memcpy(c->name, name, n);
    return (int)ctx->ncomps++;
}

void ld_comps_init(ld_ctx *ctx)
{
    if (!ctx->ncomps) {
        ld_comp_intern(ctx, "default", 7);
        ld_comp_intern(ctx, "runtime", 7);
    }
}

/* Next word of *s (space separated), or NULL. */
static char *word(char **s)
{
    char *p = *s;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    if (!*p)
        return NULL;
    char *w = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\r')
        p++;
    if (*p)
        *p++ = 0;
    *s = p;
    return w;
}

static int is_name(const char *w)
{
    return w && gl_compartment_name_ok(w, strlen(w)) && strcmp(w, "all");
}

static void add_rule(ld_ctx *ctx, int allow, unsigned access, const char *src, const char *dst,
                     const char *where, const char *text)
{
    ld_comps_init(ctx); /* default and runtime first: place() counts on their indices */
    ctx->comp_rules = ld_realloc(ctx->comp_rules, (ctx->ncomp_rules + 1) * sizeof *ctx->comp_rules);
    ld_comp_rule *r = &ctx->comp_rules[ctx->ncomp_rules++];
    r->allow = allow;
    r->access = access;
    r->src = src ? ld_strdup(src) : NULL;
    r->dst = dst ? ld_strdup(dst) : NULL;
    r->where = ld_strdup(where);
    r->text = ld_strdup(text);
    if (src)
        ld_comp_intern(ctx, src, strlen(src));
    if (dst)
        ld_comp_intern(ctx, dst, strlen(dst));
}

void ld_comp_placement_add(ld_ctx *ctx, const char *where, const char *spec)
{
    ld_comps_init(ctx);
    ctx->comps_on = 1;
    const char *eq = strchr(spec, '=');
    if (!eq || !gl_compartment_name_ok(spec, (size_t)(eq - spec)) || !eq[1]) {
        ld_error(ctx, "%s %s: want NAME=FILE[:SECTION],...", where, spec);
        return;
    }
    int c = ld_comp_intern(ctx, spec, (size_t)(eq - spec));
    char *list = ld_strdup(eq + 1), *save = NULL;
    for (char *item = strtok_r(list, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        ctx->placements = ld_realloc(ctx->placements,
                                     (ctx->nplacements + 1) * sizeof *ctx->placements);
        ld_placement *p = &ctx->placements[ctx->nplacements++];
        /* FILE may itself hold a colon only inside "lib.a(m.o)": split
         * at the last colon after any ')' */
        char *close = strrchr(item, ')');
        char *colon = strrchr(close ? close : item, ':');
        p->comp = ld_strdup(ctx->comps[c].name);
        p->section = colon ? ld_strdup(colon + 1) : NULL;
        if (colon)
            *colon = 0;
        p->file = ld_strdup(item);
        p->where = ld_format("%s %s", where, spec);
    }
    free(list);
}

/* A compartment line of the policy file?  NULL: no (a color rule);
 * "": done; otherwise the error. */
const char *ld_comp_rule_parse(ld_ctx *ctx, const char *where, const char *line)
{
    char *buf = ld_strdup(line), *s = buf;
    char *verb = word(&s);
    const char *err = NULL;
    if (!verb) {
        free(buf);
        return NULL;
    }
    char *text = ld_strdup(line);
    for (char *e = text + strlen(text); e > text && (e[-1] == ' ' || e[-1] == '\t' ||
                                                     e[-1] == '\r'); )
        *--e = 0;
    if (!strcmp(verb, "default")) {
        char *v = word(&s);
        if (!v || word(&s) || (strcmp(v, "allow") && strcmp(v, "deny")))
            err = "want 'default allow' or 'default deny'";
        else {
            ctx->default_allow = !strcmp(v, "allow");
            free(ctx->default_where);
            ctx->default_where = ld_strdup(where);
        }
    } else if (!strcmp(verb, "isolate")) {
        char *a = word(&s), *b = word(&s);
        if (!is_name(a) || !is_name(b) || word(&s) || !strcmp(a, b))
            err = "want 'isolate A B' (two different compartment names)";
        else {
            add_rule(ctx, 0, LD_ACC_READ | LD_ACC_WRITE | LD_ACC_CALL, a, b, where, text);
            add_rule(ctx, 0, LD_ACC_READ | LD_ACC_WRITE | LD_ACC_CALL, b, a, where, text);
        }
    } else if (!strcmp(verb, "compartment")) {
        char *name = word(&s), *spec;
        if (!is_name(name) || !(spec = word(&s)))
            err = "want 'compartment NAME FILE[:SECTION] ...'";
        else {
            ld_comps_init(ctx);
            do {
                char *arg = ld_format("%s=%s", name, spec);
                ld_comp_placement_add(ctx, where, arg);
                free(arg);
            } while ((spec = word(&s)));
        }
    } else if (!strcmp(verb, "copy")) {
        char *pat = word(&s);
        if (!pat)
            err = "want 'copy FILE ...' (archive members copied into each caller, state too)";
        for (; pat; pat = word(&s)) {
            ctx->copy_pats = ld_realloc(ctx->copy_pats,
                                        (ctx->ncopy_pats + 1) * sizeof *ctx->copy_pats);
            ctx->copy_where = ld_realloc(ctx->copy_where,
                                         (ctx->ncopy_pats + 1) * sizeof *ctx->copy_where);
            ctx->copy_where[ctx->ncopy_pats] = ld_strdup(where);
            ctx->copy_pats[ctx->ncopy_pats++] = ld_strdup(pat);
        }
    } else if (!strcmp(verb, "allow") || !strcmp(verb, "deny")) {
        char *what = word(&s);
        unsigned acc = 0;
        for (char *w = what, *save = NULL, *t; w && (t = strtok_r(w, ",", &save)); w = NULL) {
            if (!strcmp(t, "read")) acc |= LD_ACC_READ;
            else if (!strcmp(t, "write")) acc |= LD_ACC_WRITE;
            else if (!strcmp(t, "call")) acc |= LD_ACC_CALL;
            else if (!strcmp(t, "all")) acc |= LD_ACC_READ | LD_ACC_WRITE | LD_ACC_CALL;
            else acc |= 8; /* exec and the like: a color rule */
        }
        /* the rest: SRC -> DST */
        char *arrow = strstr(s, "->");
        char *src = NULL, *dst = NULL;
        if (arrow) {
            *arrow = 0;
            char *r = arrow + 2;
            src = word(&s);
            dst = word(&r);
            if (src && word(&s))
                src = NULL;
            if (dst && word(&r))
                dst = NULL;
        }
        int named = is_name(src) || is_name(dst);
        if (!(acc & LD_ACC_CALL) && !named) {
            free(buf);
            free(text);
            return NULL; /* numbers: a color rule */
        }
        if (acc & 8)
            err = "compartment rules take read, write, call or all";
        else if (!src || !dst || (!is_name(src) && strcmp(src, "*")) ||
                 (!is_name(dst) && strcmp(dst, "*")))
            err = "want 'allow|deny read|write|call SRC -> DST' (compartment names or *)";
        else
            add_rule(ctx, verb[0] == 'a', acc, strcmp(src, "*") ? src : NULL,
                     strcmp(dst, "*") ? dst : NULL, where, text);
    } else {
        free(buf);
        free(text);
        return NULL;
    }
    ld_comps_init(ctx);
    ctx->comps_on = 1;
    free(buf);
    free(text);
    return err ? err : "";
}

