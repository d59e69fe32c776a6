/*
 * fdt.c - the device tree of glyph-virt: a flattened device tree
 * (devicetree.org spec v0.4, format version 17) written by a small
 * writer of our own, describing the machine as docs/system.md shows it
 * (memory, the cpu and its interrupt controller, the UART and its pin,
 * /chosen with -append's bootargs and stdout-path); and the check of a
 * blob given with -dtb (header, block offsets and sizes, the structure
 * tokens), so that a malformed file is refused before the machine runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "system/machine.h"

enum {
    FDT_MAGIC = 0xd00dfeed,
    FDT_VERSION = 17,      /* what we write */
    FDT_LAST_COMP = 16,    /* ... and the oldest reader it is good for */
    FDT_HEADER = 40,
    FDT_BEGIN_NODE = 1,
    FDT_END_NODE = 2,
    FDT_PROP = 3,
    FDT_NOP = 4,
    FDT_END = 9,
    UART_PHANDLE_INTC = 1, /* the cpu's interrupt controller */
    UART_CLOCK_HZ = 3686400
};

/* A growing byte buffer; a failed allocation sticks (err). */
typedef struct buf {
    uint8_t *p;
    size_t n, cap;
    int err;
} buf;

static void put(buf *b, const void *d, size_t n)
{
    if (b->err || n == 0)
        return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        while (cap < b->n + n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->err = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
}

static void put32(buf *b, uint32_t v)
{
    uint8_t be[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    put(b, be, 4);
}

static void align4(buf *b)
{
    static const uint8_t zero[4];
    put(b, zero, (4 - b->n % 4) % 4);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The writer: a structure block and a strings block. */
typedef struct fdt {
    buf st, str;
} fdt;

static void begin(fdt *f, const char *name)
{
    put32(&f->st, FDT_BEGIN_NODE);
    put(&f->st, name, strlen(name) + 1);
    align4(&f->st);
}

static void end(fdt *f)
{
    put32(&f->st, FDT_END_NODE);
}

/* Offset of name in the strings block, added the first time. */
static uint32_t name_off(fdt *f, const char *name)
{
    size_t len = strlen(name) + 1;
    for (size_t o = 0; o + len <= f->str.n; o++)
        if (memcmp(f->str.p + o, name, len) == 0 && (o == 0 || f->str.p[o - 1] == 0))
            return (uint32_t)o;
    uint32_t o = (uint32_t)f->str.n;
    put(&f->str, name, len);
    return o;
}

static void prop(fdt *f, const char *name, const void *val, size_t len)
{
    put32(&f->st, FDT_PROP);
    put32(&f->st, (uint32_t)len);
    put32(&f->st, name_off(f, name));
    put(&f->st, val, len);
    align4(&f->st);
}

static void prop_str(fdt *f, const char *name, const char *s)
{
    prop(f, name, s, strlen(s) + 1);
}

/* A property of n big-endian cells. */
static void prop_cells(fdt *f, const char *name, unsigned n, ...)
{
    uint8_t v[16 * 4];
    va_list ap;
    va_start(ap, n);
    for (unsigned i = 0; i < n && i < 16; i++) {
        uint32_t c = va_arg(ap, uint32_t);
        v[4 * i] = (uint8_t)(c >> 24);
        v[4 * i + 1] = (uint8_t)(c >> 16);
        v[4 * i + 2] = (uint8_t)(c >> 8);
        v[4 * i + 3] = (uint8_t)c;
    }
    va_end(ap);
    prop(f, name, v, 4 * (n < 16 ? n : 16));
}

/* reg = <address size> with #address-cells = #size-cells = 2. */
static void prop_reg(fdt *f, uint64_t a, uint64_t size)
{
    prop_cells(f, "reg", 4, (uint32_t)(a >> 32), (uint32_t)a, (uint32_t)(size >> 32),
               (uint32_t)size);
}

int sys_fdt_build(sys_machine *mc, uint8_t **out, size_t *len)
{
    fdt f = {0};
    char name[64];
    begin(&f, "");
    prop_cells(&f, "#address-cells", 1, 2u);
    prop_cells(&f, "#size-cells", 1, 2u);
    prop_str(&f, "compatible", "glyph,virt");
    prop_str(&f, "model", "glyph-virt");

    snprintf(name, sizeof name, "serial@%" PRIx64, SYS_UART_BASE);
    char path[80];
    snprintf(path, sizeof path, "/soc/%s", name);
    begin(&f, "chosen");
    prop_str(&f, "bootargs", mc->opt.append ? mc->opt.append : "");
    prop_str(&f, "stdout-path", path);
    end(&f);

    char mem[64];
    snprintf(mem, sizeof mem, "memory@%" PRIx64, SYS_RAM_BASE);
    begin(&f, mem);
    prop_str(&f, "device_type", "memory");
    prop_reg(&f, SYS_RAM_BASE, mc->opt.ram_size);
    end(&f);

    begin(&f, "cpus");
    prop_cells(&f, "#address-cells", 1, 1u);
    prop_cells(&f, "#size-cells", 1, 0u);
    prop_cells(&f, "timebase-frequency", 1, (uint32_t)(1000000000000u / SYS_CFREQ_PS));
    begin(&f, "cpu@0");
    prop_str(&f, "device_type", "cpu");
    prop_cells(&f, "reg", 1, 0u);
    prop_str(&f, "compatible", "glyph");
    prop_str(&f, "mmu-type", "glyph,vm12");
    prop_str(&f, "status", "okay");
    begin(&f, "interrupt-controller");
    prop_str(&f, "compatible", "glyph,cpu-intc");
    prop_cells(&f, "#address-cells", 1, 0u);
    prop_cells(&f, "#interrupt-cells", 1, 1u);
    prop(&f, "interrupt-controller", NULL, 0);
    prop_cells(&f, "phandle", 1, (uint32_t)UART_PHANDLE_INTC);
    end(&f);
    end(&f);
    end(&f);

    begin(&f, "soc");
    prop_cells(&f, "#address-cells", 1, 2u);
    prop_cells(&f, "#size-cells", 1, 2u);
    prop_str(&f, "compatible", "simple-bus");
    prop(&f, "ranges", NULL, 0);
    begin(&f, name);
    prop_str(&f, "compatible", "ns16550a");
    prop_reg(&f, SYS_UART_BASE, SYS_UART_SIZE);
    prop_cells(&f, "interrupts", 1, 0u);
    prop_cells(&f, "interrupt-parent", 1, (uint32_t)UART_PHANDLE_INTC);
    prop_cells(&f, "clock-frequency", 1, (uint32_t)UART_CLOCK_HZ);
    end(&f);
    end(&f);
    end(&f);
    put32(&f.st, FDT_END);

    /* header, an empty memory reservation map, structure, strings */
    buf b = {0};
    uint32_t rsv = FDT_HEADER, off_st = rsv + 16, off_str = off_st + (uint32_t)f.st.n;
    uint32_t total = off_str + (uint32_t)f.str.n;
    uint32_t hdr[10] = {FDT_MAGIC, total, off_st, off_str, rsv, FDT_VERSION, FDT_LAST_COMP,
                        0, (uint32_t)f.str.n, (uint32_t)f.st.n};
    for (unsigned i = 0; i < 10; i++)
        put32(&b, hdr[i]);
    for (unsigned i = 0; i < 4; i++)
        put32(&b, 0);
    put(&b, f.st.p, f.st.n);
    put(&b, f.str.p, f.str.n);
    int err = f.st.err || f.str.err || b.err;
    free(f.st.p);
    free(f.str.p);
    if (err) {
        free(b.p);
        return -1;
    }
    *out = b.p;
    *len = b.n;
    return 0;
}

/* Is the blob a device tree we can hand to a kernel?  NULL, or why not. */
static const char *check(const uint8_t *p, size_t n, char *why, size_t whylen)
{
    if (n < FDT_HEADER)
        return "shorter than a device tree header (40 bytes)";
    uint32_t h[10];
    for (unsigned i = 0; i < 10; i++)
        h[i] = get32(p + 4 * i);
    enum { MAGIC, TOTAL, OFF_ST, OFF_STR, OFF_RSV, VERSION, LAST_COMP, CPU, SIZE_STR,
           SIZE_ST };
    if (h[MAGIC] != FDT_MAGIC) {
        snprintf(why, whylen, "bad magic 0x%08x (want 0x%08x)", h[MAGIC], FDT_MAGIC);
        return why;
    }
    if (h[VERSION] < FDT_LAST_COMP || h[LAST_COMP] > FDT_VERSION) {
        snprintf(why, whylen, "version %u (last compatible %u): want one a version %u "
                 "reader understands", h[VERSION], h[LAST_COMP], FDT_VERSION);
        return why;
    }
    if (h[TOTAL] < FDT_HEADER || h[TOTAL] > n) {
        snprintf(why, whylen, "totalsize %u, but the file has %zu bytes", h[TOTAL], n);
        return why;
    }
    uint32_t total = h[TOTAL];
    if (h[OFF_RSV] < FDT_HEADER || h[OFF_RSV] % 8 || h[OFF_RSV] > total - 16) {
        snprintf(why, whylen, "memory reservation map at %u outside the blob or misaligned",
                 h[OFF_RSV]);
        return why;
    }
    for (uint32_t o = h[OFF_RSV];; o += 16) {
        if (o > total - 16)
            return "memory reservation map runs past the end of the blob";
        int zero = 1;
        for (unsigned k = 0; k < 16; k++)
            zero &= p[o + k] == 0;
        if (zero)
            break;
    }
    if (h[OFF_ST] < FDT_HEADER || h[OFF_ST] % 4 || h[OFF_ST] > total ||
        h[SIZE_ST] > total - h[OFF_ST] || h[SIZE_ST] % 4) {
        snprintf(why, whylen, "structure block (offset %u, size %u) outside the blob of %u bytes "
                 "or misaligned", h[OFF_ST], h[SIZE_ST], total);
        return why;
    }
    if (h[OFF_STR] < FDT_HEADER || h[OFF_STR] > total || h[SIZE_STR] > total - h[OFF_STR]) {
        snprintf(why, whylen, "strings block (offset %u, size %u) outside the blob of %u bytes",
                 h[OFF_STR], h[SIZE_STR], total);
        return why;
    }
    /* the structure: balanced nodes, properties inside the block and
     * their names inside the strings block, FDT_END last */
    const uint8_t *s = p + h[OFF_ST];
    uint32_t size = h[SIZE_ST], o = 0;
    int depth = 0, roots = 0;
    for (;;) {
        if (o + 4 > size)
            return "structure block ends without FDT_END";
        uint32_t tok = get32(s + o);
        uint32_t at = o;
        o += 4;
        switch (tok) {
        case FDT_BEGIN_NODE: {
            const uint8_t *z = memchr(s + o, 0, size - o);
            if (!z) {
                snprintf(why, whylen, "node name at structure offset %u is not terminated", at);
                return why;
            }
            if (depth == 0 && roots++)
                return "more than one root node";
            o = (uint32_t)(z - s) + 1;
            o = (o + 3) & ~3u;
            depth++;
            break;
        }
        case FDT_END_NODE:
            if (depth-- == 0) {
                snprintf(why, whylen, "FDT_END_NODE without a node at structure offset %u", at);
                return why;
            }
            break;
        case FDT_PROP: {
            if (depth == 0 || o + 8 > size) {
                snprintf(why, whylen, "property outside a node at structure offset %u", at);
                return why;
            }
            uint32_t len = get32(s + o), nameoff = get32(s + o + 4);
            o += 8;
            if (len > size - o) {
                snprintf(why, whylen, "property at structure offset %u (%u bytes) runs past the "
                         "structure block", at, len);
                return why;
            }
            if (nameoff >= h[SIZE_STR] ||
                !memchr(p + h[OFF_STR] + nameoff, 0, h[SIZE_STR] - nameoff)) {
                snprintf(why, whylen, "property at structure offset %u names string %u, outside "
                         "the strings block", at, nameoff);
                return why;
            }
            o = (o + len + 3) & ~3u;
            break;
        }
        case FDT_NOP:
            break;
        case FDT_END:
            if (depth != 0 || !roots)
                return "FDT_END inside a node (or no root node)";
            return NULL;
        default:
            snprintf(why, whylen, "unknown token 0x%x at structure offset %u", tok, at);
            return why;
        }
    }
}

int sys_fdt_load(sys_machine *mc, const char *path, uint8_t **out, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(mc->log, SYS_NAME ": -dtb %s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > SYS_FDT_MAX) {
        fprintf(mc->log, SYS_NAME ": -dtb %s: not a regular file of at most %u KiB\n", path,
                SYS_FDT_MAX >> 10);
        close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size, got = 0;
    uint8_t *p = malloc(n ? n : 1);
    while (p && got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!p || got != n) {
        fprintf(mc->log, SYS_NAME ": -dtb %s: cannot read\n", path);
        free(p);
        return -1;
    }
    char why[160];
    const char *bad = check(p, n, why, sizeof why);
    if (bad) {
        fprintf(mc->log, SYS_NAME ": -dtb %s: not a valid device tree blob: %s\n", path, bad);
        free(p);
        return -1;
    }
    *out = p;
    *len = get32(p + 4); /* totalsize: what follows it is not the kernel's */
    return 0;
}

int sys_fdt_dump(sys_machine *mc, const char *path, const uint8_t *p, size_t n)
{
    /* a whole file or none: write beside it, then rename */
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, plen + 16, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int ok = fd >= 0;
    size_t done = 0;
    while (ok && done < n) {
        ssize_t w = write(fd, p + done, n - done);
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        fprintf(mc->log, SYS_NAME ": --dumpdtb %s: cannot write: %s\n", path, strerror(errno));
        if (fd >= 0)
            unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}
