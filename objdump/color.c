/*
 * color.c - ANSI SGR highlighting (--color).  Glyph colors 0-15 map to
 * the 16 terminal colors (0 = default foreground, 1-7 = red ... white,
 * 8-15 = the bright variants); disassembly gets its own small palette.
 * Everything returns "" when color is off, so callers print freely.
 */
#include <ctype.h>
#include <string.h>

#include "od.h"

static const char *const glyph_sgr[GL_COLORS] = {
    "\033[39m", "\033[31m", "\033[32m", "\033[33m", "\033[34m", "\033[35m",
    "\033[36m", "\033[37m", "\033[90m", "\033[91m", "\033[92m", "\033[93m",
    "\033[94m", "\033[95m", "\033[96m", "\033[97m",
};

const char *od_glyph_sgr(const od_ctx *c, unsigned color)
{
    return c->color ? glyph_sgr[color & 15] : "";
}

const char *od_hl_sgr(const od_ctx *c, enum od_hl what)
{
    if (!c->color)
        return "";
    switch (what) {
    case OD_HL_MNEMONIC: return "\033[1m";
    case OD_HL_REGISTER: return "\033[36m";
    case OD_HL_IMMEDIATE: return "\033[33m";
    case OD_HL_SYMBOL: return "\033[32m";
    case OD_HL_COMMENT: return "\033[2m";
    case OD_HL_ADDRESS: return "\033[34m";
    }
    return "";
}

const char *od_reset(const od_ctx *c) { return c->color ? "\033[0m" : ""; }

void od_print_insn_text(const od_ctx *c, const char *t)
{
    if (!c->color) {
        fputs(t, stdout);
        return;
    }
    size_t n = strcspn(t, " ");
    printf("%s%.*s%s", od_hl_sgr(c, OD_HL_MNEMONIC), (int)n, t, od_reset(c));
    t += n;
    while (*t) {
        if (isalpha((unsigned char)*t) || *t == '_') {
            n = 1;
            while (isalnum((unsigned char)t[n]) || t[n] == '_')
                n++;
            int reg = gl_reg_parse(t, n) >= 0 || gl_sysreg_parse(t, n) >= 0 ||
                      (n == 2 && memcmp(t, "pc", 2) == 0);
            if (reg)
                printf("%s%.*s%s", od_hl_sgr(c, OD_HL_REGISTER), (int)n, t, od_reset(c));
            else
                printf("%.*s", (int)n, t);
            t += n;
        } else if (isdigit((unsigned char)*t) || *t == '-' || *t == '.' ||
                   (*t == '+' && isdigit((unsigned char)t[1]))) {
            n = 1;
            while (isalnum((unsigned char)t[n]) || t[n] == '+' || t[n] == '-')
                n++;
            printf("%s%.*s%s", od_hl_sgr(c, OD_HL_IMMEDIATE), (int)n, t, od_reset(c));
            t += n;
        } else {
            putchar(*t++);
        }
    }
}
