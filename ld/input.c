/*
 * input.c - the command line's inputs, in order.
 *
 * Files are read whole into memory.  An ELF file goes to object.c
 * (elf_memory), an archive to archive.c, which pulls members on demand
 * as GNU ld does: an archive is scanned where it appears on the command
 * line; inside --start-group/--end-group the group's archives are
 * rescanned until a whole round pulls nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

uint8_t *ld_read_file(ld_ctx *ctx, const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ld_error(ctx, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = ld_alloc(cap);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        cap *= 2;
        buf = ld_realloc(buf, cap);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        ld_error(ctx, "cannot read %s", path);
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
}

/* -lNAME: libNAME.a in the -L directories, in order; -l:FILE: FILE. */
static char *find_lib(ld_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->nlibdirs; i++) {
        char *path = name[0] == ':' ? ld_format("%s/%s", ctx->libdirs[i], name + 1)
                                    : ld_format("%s/lib%s.a", ctx->libdirs[i], name);
        FILE *f = fopen(path, "rb");
        if (f) {
            fclose(f);
            return path;
        }
        free(path);
    }
    ld_error(ctx, "cannot find -l%s (searched %zu -L director%s)", name, ctx->nlibdirs,
             ctx->nlibdirs == 1 ? "y" : "ies");
    return NULL;
}

/* Load one file: object or archive.  Returns the archive if it is one. */
static ld_archive *load_file(ld_ctx *ctx, const char *path)
{
    size_t size;
    uint8_t *buf = ld_read_file(ctx, path, &size);
    if (!buf)
        return NULL;
    if (size >= 8 && memcmp(buf, "!<arch>\n", 8) == 0)
        return ld_archive_open(ctx, path, buf, size); /* takes buf */
    if (size >= 8 && memcmp(buf, "!<thin>\n", 8) == 0) {
        ld_error(ctx, "%s: thin archives are not supported", path);
    } else if (size < 4 || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        ld_error(ctx, "%s: file format not recognized (not an ELF object or ar archive)", path);
    } else if (size < sizeof(Elf64_Ehdr)) {
        ld_error(ctx, "%s: truncated ELF file (%zu bytes, shorter than an ELF header)", path, size);
    } else {
        Elf *elf = elf_memory((char *)buf, size);
        if (!elf)
            ld_error(ctx, "%s: cannot read ELF: %s", path, elf_errmsg(-1));
        else
            ld_object_parse(ctx, elf, path);
        elf_end(elf);
    }
    free(buf);
    return NULL;
}

int ld_load_inputs(ld_ctx *ctx)
{
    ld_archive **group = NULL;
    size_t ngroup = 0, gcap = 0;
    int in_group = 0;
    for (size_t i = 0; i < ctx->ninputs; i++) {
        ld_input *in = &ctx->inputs[i];
        ld_archive *ar = NULL;
        switch (in->kind) {
        case LD_IN_GROUP_START:
            in_group = 1;
            ngroup = 0;
            continue;
        case LD_IN_GROUP_END: {
            /* rescan the group's archives until a whole round pulls nothing */
            int pulled = 1;
            while (pulled > 0) {
                pulled = 0;
                for (size_t k = 0; k < ngroup; k++) {
                    int n = ld_archive_scan(ctx, group[k]);
                    if (n < 0) {
                        pulled = -1;
                        break;
                    }
                    pulled += n;
                }
            }
            in_group = 0;
            continue;
        }
        case LD_IN_LIB: {
            char *path = find_lib(ctx, in->arg);
            if (path) {
                ar = load_file(ctx, path);
                free(path);
            }
            break;
        }
        case LD_IN_FILE:
            ar = load_file(ctx, in->arg);
            break;
        }
        if (ar) {
            ld_archive_scan(ctx, ar);
            if (in_group) {
                ld_grow(&group, &gcap, ngroup, sizeof *group);
                group[ngroup++] = ar;
            }
        }
    }
    free(group);
    return ctx->nerrors == 0;
}
