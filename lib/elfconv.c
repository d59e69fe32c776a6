/*
 * elfconv.c - the byte-level side of glyph_elf.h: relocation names,
 * note walking and the color policy descriptor.  No libelf here, so
 * the loader can use it on raw segment bytes too.
 */
#include <string.h>

#include "glyph_elf.h"

const char *gl_reloc_name(unsigned type)
{
    switch (type) {
#define GL_RELOC_NAME(name, num) case num: return #name;
        GL_RELOCS(GL_RELOC_NAME)
#undef GL_RELOC_NAME
    }
    return 0;
}

unsigned gl_reloc_size(unsigned type)
{
    switch (type) {
    case R_GLYPH_64: case R_GLYPH_ADD64: case R_GLYPH_SUB64: return 8;
    case R_GLYPH_32: case R_GLYPH_PC32: case R_GLYPH_ADD32: case R_GLYPH_SUB32:
        return 4;
    }
    return 0;
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void gl_color_policy_default(gl_color_policy *p)
{
    const uint64_t all = (1u << GL_COLORS) - 1;
    p->read = p->write = p->exec = all;
    for (int c = 0; c < GL_COLORS; c++)
        p->matread[c] = p->matwrite[c] = all;
}

void gl_color_policy_encode(const gl_color_policy *p, uint8_t *d)
{
    put64(d, p->read);
    put64(d + 8, p->write);
    put64(d + 16, p->exec);
    for (int c = 0; c < GL_COLORS; c++) {
        put64(d + 24 + 8 * c, p->matread[c]);
        put64(d + 24 + 8 * GL_COLORS + 8 * c, p->matwrite[c]);
    }
}

int gl_color_policy_decode(const uint8_t *d, size_t size, gl_color_policy *p)
{
    if (size != GL_COLOR_POLICY_SIZE)
        return 0;
    p->read = get64(d);
    p->write = get64(d + 8);
    p->exec = get64(d + 16);
    for (int c = 0; c < GL_COLORS; c++) {
        p->matread[c] = get64(d + 24 + 8 * c);
        p->matwrite[c] = get64(d + 24 + 8 * GL_COLORS + 8 * c);
    }
    return 1;
}

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

void gl_color_xfer_default(gl_color_xfer *x)
{
    for (int c = 0; c < GL_COLORS; c++)
        x->matexec[c] = (1u << GL_COLORS) - 1;
}

void gl_color_xfer_encode(const gl_color_xfer *x, uint8_t *d)
{
    for (int c = 0; c < GL_COLORS; c++)
        put64(d + 8 * c, x->matexec[c]);
}

int gl_color_xfer_decode(const uint8_t *d, size_t size, gl_color_xfer *x)
{
    if (size != GL_COLOR_XFER_SIZE)
        return 0;
    for (int c = 0; c < GL_COLORS; c++)
        x->matexec[c] = get64(d + 8 * c);
    return 1;
}

int gl_compartment_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > GL_COMPARTMENT_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        int alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
        int digit = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
        if (!alpha && (i == 0 || !digit))
            return 0;
    }
    return 1;
}

long gl_compartment_next(const uint8_t *data, size_t size, size_t off, uint32_t *shndx,
                         const char **name)
{
    if (off >= size)
        return 0;
    if (size - off < 5)
        return -1;
    *shndx = get32(data + off);
    const uint8_t *s = data + off + 4;
    const uint8_t *nul = memchr(s, 0, size - off - 4);
    if (!nul || !gl_compartment_name_ok((const char *)s, (size_t)(nul - s)))
        return -1;
    *name = (const char *)s;
    size_t next = align4(off + 4 + (size_t)(nul - s) + 1);
    return (long)(next > size ? size : next);
}

long gl_note_next(const uint8_t *data, size_t size, size_t off, gl_note *n)
{
    if (off >= size)
        return 0;
    if (size - off < 12)
        return -1;
    uint32_t namesz = get32(data + off), descsz = get32(data + off + 4);
    n->type = get32(data + off + 8);
    size_t name_off = off + 12;
    if (namesz > size - name_off)
        return -1;
    size_t desc_off = name_off + align4(namesz);
    if (desc_off > size || descsz > size - desc_off)
        return -1;
    n->name = (const char *)data + name_off;
    n->namesz = namesz;
    n->desc = data + desc_off;
    n->descsz = descsz;
    size_t next = desc_off + align4(descsz);
    return (long)(next > size ? size : next);
}

int gl_note_is_glyph(const gl_note *n)
{
    size_t k = sizeof GL_NOTE_NAME; /* includes the NUL */
    return n->namesz == k && memcmp(n->name, GL_NOTE_NAME, k) == 0;
}

size_t gl_note_size(size_t descsz)
{
    return 12 + align4(sizeof GL_NOTE_NAME) + align4(descsz);
}

void gl_note_write(uint8_t *out, uint32_t type, const void *desc, size_t descsz)
{
    size_t k = sizeof GL_NOTE_NAME;
    memset(out, 0, gl_note_size(descsz));
    put32(out, (uint32_t)k);
    put32(out + 4, (uint32_t)descsz);
    put32(out + 8, type);
    memcpy(out + 12, GL_NOTE_NAME, k);
    memcpy(out + 12 + align4(k), desc, descsz);
}
