/*
 * binfmt.c - register glyph executables with the kernel's binfmt_misc,
 * so `chmod +x prog && ./prog args` runs them through glyph-run.
 *
 *   glyph-run --binfmt=install|remove|status|print [--binfmt-name NAME]
 *             [--binfmt-flags FLAGS] [--binfmt-interp PATH]
 *
 * The entry matches the ELF header bytes that make a file ours (64-bit,
 * little-endian, version 1, ET_EXEC, EM_GLYPH; OS ABI and padding are
 * ignored) and names this binary's absolute path (/proc/self/exe) as the
 * interpreter (--binfmt-interp: another path, for a file installed
 * elsewhere), with the flags qemu-binfmt-conf offers (default PF):
 *   P  preserve argv[0]: the kernel runs
 *      glyph-run <path of program> <original argv[0]> <args...>
 *      and says so in AT_FLAGS (main.c);
 *   O  pass the program as an open descriptor (AT_EXECFD): it may be
 *      executable without being readable;
 *   C  credentials (set-user-ID bits) from the program, not glyph-run;
 *      implies O;
 *   F  open the interpreter now: it keeps working inside containers and
 *      chroots where the path does not exist.
 * `print` writes the registration line (what `install` writes to
 * register, the line of a systemd binfmt.d file); `status` reads the
 * entry the kernel shows.  GLYPH_BINFMT_DIR replaces
 * /proc/sys/fs/binfmt_misc, for the tests only (docs/run.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define BINFMT_FLAGS "PF" /* the default */
#define FLAG_ORDER "POCF"

/* e_ident .. e_machine: the bytes compared, and which bits count. */
static const uint8_t magic[20] = {
    0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* LSB */, 1 /* EV_CURRENT */, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    2, 0,                                  /* ET_EXEC */
    EM_GLYPH & 0xff, EM_GLYPH >> 8,        /* EM_GLYPH */
};
static const uint8_t mask[20] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, /* any OS ABI: the loader decides */
    0, 0, 0, 0, 0, 0, 0, 0,                         /* ABI version, padding */
    0xff, 0xff, 0xff, 0xff,
};

int emu_is_glyph_exe(const uint8_t *hdr, size_t n)
{
    if (n < sizeof magic)
        return 0;
    for (size_t i = 0; i < sizeof magic; i++)
        if ((hdr[i] & mask[i]) != (magic[i] & mask[i]))
            return 0;
    return 1;
}

static int name_ok(const char *n)
{
    if (!*n || strlen(n) > 64 || !strcmp(n, "register") || !strcmp(n, "status") ||
        !strcmp(n, ".") || !strcmp(n, ".."))
        return 0;
    for (const char *p = n; *p; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') ||
              ('0' <= *p && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
            return 0;
    return 1;
}

static const char *binfmt_dir(void)
{
    const char *d = getenv("GLYPH_BINFMT_DIR"); /* tests only */
    return d && *d ? d : BINFMT_DIR;
}

/* Make sure binfmt_misc is mounted (mounting it when mount is set);
 * 0 or -1 after a message. */
static int ensure_mounted(int mount_it)
{
    char reg[PATH_MAX];
    snprintf(reg, sizeof reg, "%s/register", binfmt_dir());
    if (access(reg, F_OK) == 0)
        return 0;
    if (mount_it && !getenv("GLYPH_BINFMT_DIR") &&
        mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL) == 0 && access(reg, F_OK) == 0)
        return 0;
    if (!mount_it) {
        fprintf(stderr, EMU_NAME ": binfmt_misc is not mounted on %s (as root: mount -t "
                "binfmt_misc binfmt_misc %s, or glyph-run --binfmt=install)\n", binfmt_dir(),
                binfmt_dir());
        return -1;
    }
    fprintf(stderr, EMU_NAME ": binfmt_misc is not available (%s); it needs a kernel "
            "with CONFIG_BINFMT_MISC and permission to mount it on " BINFMT_DIR "\n",
            strerror(errno));
    return -1;
}

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    ssize_t w = write(fd, text, n);
    int e = errno;
    close(fd);
    errno = e;
    return w == (ssize_t)n ? 0 : -1;
}

static const char *flag_meaning(char c)
{
    switch (c) {
    case 'P': return "preserve argv[0]";
    case 'O': return "open the program for the interpreter";
    case 'C': return "credentials from the program";
    case 'F': return "interpreter opened at registration";
    }
    return "unknown to glyph-run";
}

/* status: the kernel's text for the entry (enabled/disabled,
 * interpreter, flags:, offset, magic, mask), summed up, then as it is */
static int show(const char *entry, const char *name)
{
    FILE *f = fopen(entry, "r");
    if (!f) {
        printf("%s: not registered\n", name);
        return 1;
    }
    char line[512], interp[512] = "?", flags[64] = "";
    int enabled = -1;
    char text[4096];
    size_t used = 0;
    while (fgets(line, sizeof line, f)) {
        used += (size_t)snprintf(text + used, used < sizeof text ? sizeof text - used : 0,
                                 "  %s", line);
        if (used >= sizeof text)
            used = sizeof text - 1;
        line[strcspn(line, "\n")] = 0;
        if (!strcmp(line, "enabled"))
            enabled = 1;
        else if (!strcmp(line, "disabled"))
            enabled = 0;
        else if (!strncmp(line, "interpreter ", 12))
            snprintf(interp, sizeof interp, "%s", line + 12);
        else if (!strncmp(line, "flags:", 6))
            snprintf(flags, sizeof flags, "%s", line + 6 + (line[6] == ' '));
    }
    fclose(f);
    printf("%s: registered (%s/%s), %s\n", name, binfmt_dir(), name,
           enabled == 1 ? "enabled" : enabled == 0 ? "disabled" : "state unknown");
    printf("  interpreter: %s\n", interp);
    printf("  flags in force: %s\n", *flags ? flags : "none");
    for (const char *c = flags; *c; c++)
        printf("    %c  %s\n", *c, flag_meaning(*c));
    printf("  the kernel's entry:\n%s", text);
    return 0;
}

/* FLAGS as given, checked and put in the kernel's order; C brings O */
static int norm_flags(const char *in, char *out)
{
    int want[4] = {0};
    for (const char *c = in; *c; c++) {
        const char *p = strchr(FLAG_ORDER, *c);
        if (!p) {
            fprintf(stderr, EMU_NAME ": --binfmt-flags: unknown flag '%c' (P, O, C, F)\n", *c);
            return -1;
        }
        want[p - FLAG_ORDER] = 1;
    }
    if (want[2])
        want[1] = 1; /* the kernel's C implies O */
    int n = 0;
    for (int i = 0; i < 4; i++)
        if (want[i])
            out[n++] = FLAG_ORDER[i];
    out[n] = 0;
    return 0;
}

/* The line written to register: ":NAME:M::magic:mask:interp:flags" */
static int reg_line(char *reg, size_t size, const char *name, const char *interp,
                    const char *flags)
{
    if (strchr(interp, ':') || strlen(interp) > 127 || interp[0] != '/') {
        fprintf(stderr, EMU_NAME ": cannot register %s: the interpreter must be an absolute "
                "path shorter than 128 bytes without ':'\n", interp);
        return -1;
    }
    size_t o = (size_t)snprintf(reg, size, ":%s:M::", name);
    for (size_t i = 0; i < sizeof magic; i++)
        o += (size_t)snprintf(reg + o, size - o, "\\x%02x", magic[i]);
    o += (size_t)snprintf(reg + o, size - o, ":");
    for (size_t i = 0; i < sizeof mask; i++)
        o += (size_t)snprintf(reg + o, size - o, "\\x%02x", mask[i]);
    snprintf(reg + o, size - o, ":%s:%s", interp, flags);
    return 0;
}

int emu_binfmt(const char *action, const char *name, const char *flags_in, const char *interp)
{
    int install = !strcmp(action, "install"), remove = !strcmp(action, "remove");
    int print = !strcmp(action, "print");
    if (!install && !remove && !print && strcmp(action, "status")) {
        fprintf(stderr, EMU_NAME ": --binfmt: unknown action '%s' (install, remove, status or "
                "print)\n", action);
        return EMU_STATUS_USAGE;
    }
    if (!name_ok(name)) {
        fprintf(stderr, EMU_NAME ": --binfmt-name: bad name '%s' (letters, digits, _ - .)\n", name);
        return EMU_STATUS_USAGE;
    }
    char flags[8];
    if (norm_flags(flags_in ? flags_in : BINFMT_FLAGS, flags) != 0)
        return EMU_STATUS_USAGE;
    char self[PATH_MAX];
    if (!interp) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0) {
            fprintf(stderr, EMU_NAME ": cannot find my own path: %s\n", strerror(errno));
            return EMU_STATUS_USAGE;
        }
        self[n] = 0;
        interp = self;
    }
    char reg[1024];
    if ((install || print) && reg_line(reg, sizeof reg, name, interp, flags) != 0)
        return EMU_STATUS_USAGE;
    if (print) {
        printf("%s\n", reg);
        return 0;
    }
    if ((install || remove) && geteuid() != 0) {
        fprintf(stderr, EMU_NAME ": --binfmt=%s needs root (binfmt_misc is system-wide)\n", action);
        return EMU_STATUS_USAGE;
    }
    if (ensure_mounted(install || remove) != 0)
        return EMU_STATUS_USAGE;
    char entry[PATH_MAX], regpath[PATH_MAX];
    snprintf(entry, sizeof entry, "%s/%s", binfmt_dir(), name);
    snprintf(regpath, sizeof regpath, "%s/register", binfmt_dir());

    if (!install && !remove)
        return show(entry, name);

    int exists = access(entry, F_OK) == 0;
    if (remove) {
        if (!exists) {
            fprintf(stderr, EMU_NAME ": binfmt_misc entry '%s' is not registered\n", name);
            return EMU_STATUS_USAGE;
        }
        if (write_file(entry, "-1") != 0) {
            fprintf(stderr, EMU_NAME ": cannot remove %s: %s\n", entry, strerror(errno));
            return EMU_STATUS_USAGE;
        }
        printf("removed binfmt_misc entry '%s'\n", name);
        return 0;
    }
    if (exists && write_file(entry, "-1") != 0) {
        fprintf(stderr, EMU_NAME ": cannot replace %s: %s\n", entry, strerror(errno));
        return EMU_STATUS_USAGE;
    }
    if (write_file(regpath, reg) != 0) {
        fprintf(stderr, EMU_NAME ": cannot register with binfmt_misc: %s\n", strerror(errno));
        return EMU_STATUS_USAGE;
    }
    printf("registered binfmt_misc entry '%s': interpreter %s, flags %s\n", name, interp, flags);
    return 0;
}
