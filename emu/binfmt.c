/*
 * binfmt.c - register glyph executables with the kernel's binfmt_misc,
 * so `chmod +x prog && ./prog args` runs them through glyph-run.
 *
 *   glyph-run --binfmt=install|remove|status [--binfmt-name NAME]
 *
 * The entry matches the ELF header bytes that make a file ours (64-bit,
 * little-endian, version 1, ET_EXEC, EM_GLYPH; OS ABI and padding are
 * ignored) and names this binary's absolute path (/proc/self/exe) as the
 * interpreter, with flags:
 *   P  preserve argv[0]: the kernel runs
 *      glyph-run <path of program> <original argv[0]> <args...>
 *      which main() recognises (AT_EXECFN equals argv[1]);
 *   F  open the interpreter now: it keeps working inside containers and
 *      chroots where the path does not exist.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define BINFMT_FLAGS "PF"

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

/* Make sure binfmt_misc is mounted; 0 or -1 after a message. */
static int ensure_mounted(void)
{
    if (access(BINFMT_DIR "/register", F_OK) == 0)
        return 0;
    if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL) == 0 &&
        access(BINFMT_DIR "/register", F_OK) == 0)
        return 0;
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

static int show(const char *entry, const char *name)
{
    FILE *f = fopen(entry, "r");
    if (!f) {
        printf("%s: not registered\n", name);
        return 1;
    }
    char line[512];
    printf("%s: registered (" BINFMT_DIR "/%s)\n", name, name);
    while (fgets(line, sizeof line, f))
        printf("  %s", line);
    fclose(f);
    return 0;
}

int emu_binfmt(const char *action, const char *name)
{
    int install = !strcmp(action, "install"), remove = !strcmp(action, "remove");
    if (!install && !remove && strcmp(action, "status")) {
        fprintf(stderr, EMU_NAME ": --binfmt: unknown action '%s' (install, remove or status)\n",
                action);
        return EMU_STATUS_USAGE;
    }
    if (!name_ok(name)) {
        fprintf(stderr, EMU_NAME ": --binfmt-name: bad name '%s' (letters, digits, _ - .)\n", name);
        return EMU_STATUS_USAGE;
    }
    if ((install || remove) && geteuid() != 0) {
        fprintf(stderr, EMU_NAME ": --binfmt=%s needs root (binfmt_misc is system-wide)\n", action);
        return EMU_STATUS_USAGE;
    }
    if (ensure_mounted() != 0)
        return EMU_STATUS_USAGE;
    char entry[PATH_MAX];
    snprintf(entry, sizeof entry, BINFMT_DIR "/%s", name);

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

    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        fprintf(stderr, EMU_NAME ": cannot find my own path: %s\n", strerror(errno));
        return EMU_STATUS_USAGE;
    }
    self[n] = 0;
    if (strchr(self, ':') || strlen(self) > 127) {
        fprintf(stderr, EMU_NAME ": cannot register %s: the path must be shorter than 128 "
                "bytes and must not contain ':'\n", self);
        return EMU_STATUS_USAGE;
    }
    if (exists && write_file(entry, "-1") != 0) {
        fprintf(stderr, EMU_NAME ": cannot replace %s: %s\n", entry, strerror(errno));
        return EMU_STATUS_USAGE;
    }
    char reg[1024];
    size_t o = (size_t)snprintf(reg, sizeof reg, ":%s:M::", name);
    for (size_t i = 0; i < sizeof magic; i++)
        o += (size_t)snprintf(reg + o, sizeof reg - o, "\\x%02x", magic[i]);
    o += (size_t)snprintf(reg + o, sizeof reg - o, ":");
    for (size_t i = 0; i < sizeof mask; i++)
        o += (size_t)snprintf(reg + o, sizeof reg - o, "\\x%02x", mask[i]);
    snprintf(reg + o, sizeof reg - o, ":%s:" BINFMT_FLAGS, self);
    if (write_file(BINFMT_DIR "/register", reg) != 0) {
        fprintf(stderr, EMU_NAME ": cannot register with binfmt_misc: %s\n", strerror(errno));
        return EMU_STATUS_USAGE;
    }
    printf("registered binfmt_misc entry '%s': interpreter %s, flags " BINFMT_FLAGS "\n",
           name, self);
    return 0;
}
