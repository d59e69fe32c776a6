/*
 * main.c - glyph-objdump: show what is in glyph ELF objects and
 * executables.  Options follow GNU objdump; the run is a list of passes
 * per file, in GNU's order:
 *
 *   load (validate everything)  -> file format line
 *   -f file header, -p program headers + glyph notes
 *   -h section headers (with colors), -t symbols, -r relocations
 *   -s contents, -d/-D disassembly (with -r: relocations inline)
 *
 * A file that fails to load is reported and skipped; the others are
 * still processed and the exit status is 1.  An archive is a list of
 * such files (archive.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "od.h"
#include "version.h"


static void usage(FILE *out, const char *prog)
{
    fprintf(out,
            "Usage: %s <option(s)> <file(s)>\n"
            " Display information from glyph ELF object and executable files.\n"
            " At least one of the following switches must be given:\n"
            "  -f, --file-headers       Display the contents of the overall file header\n"
            "  -p, --private-headers    Display the program headers and the glyph notes\n"
            "                           (entry ib, color policy)\n"
            "  -h, --[section-]headers  Display the section headers (with colors)\n"
            "  -x, --all-headers        Display all headers: -f -p -h -t -r\n"
            "  -d, --disassemble        Display assembler contents of executable sections\n"
            "  -D, --disassemble-all    Display assembler contents of all sections\n"
            "      --disassemble=SYM    Display assembler contents from SYM\n"
            "  -s, --full-contents      Display the full contents of all sections\n"
            "  -t, --syms               Display the contents of the symbol table\n"
            "  -r, --reloc              Display the relocation entries (inline with -d)\n"
            "  -l, --line-numbers       Include source line numbers with -d (-g objects)\n"
            "  -v, --version            Display this program's version number\n"
            "  -H, --help               Display this information\n"
            "\n"
            " Other options:\n"
            "  -M, --disassembler-options=OPT  numeric: raw register names (r0..r63)\n"
            "  -j, --section=NAME              Only display information for section NAME\n"
            "      --start-address=ADDR        Only process data at or after ADDR\n"
            "      --stop-address=ADDR         Only process data before ADDR\n"
            "      --color[=WHEN]              Highlight output: auto (default, when\n"
            "                                  stdout is a terminal), always, never\n"
            "\n"
            "Without a file, a.out is used.  Archives show each member.\n",
            prog);
}

enum {
    OPT_START = 256,
    OPT_STOP,
    OPT_COLOR,
    OPT_DISASM
};

static int parse_addr(od_ctx *c, const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (!*s || *end || errno || *s == '-') {
        fprintf(stderr, "%s: bad address: '%s'\n", c->prog, s);
        return 0;
    }
    *out = v;
    return 1;
}

static int parse_m(od_ctx *c, const char *arg)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg);
    for (char *save = 0, *t = strtok_r(buf, ",", &save); t; t = strtok_r(0, ",", &save)) {
        if (strcmp(t, "numeric") == 0) {
            c->dis_opts |= GL_DIS_NUMERIC;
        } else {
            fprintf(stderr, "%s: unrecognised disassembler option: %s\n", c->prog, t);
            return 0;
        }
    }
    return 1;
}

/* All the passes for one ELF image (takes buf). */
static void dump_elf(od_ctx *c, const char *path, const char *title, uint8_t *buf,
                     size_t size)
{
    od_file f;
    if (od_load(c, &f, path, title, buf, size)) {
        printf("\n%s:     file format %s\n", title,
               f.eh.e_machine == EM_GLYPH ? "elf64-glyph" : "elf64-little");
        if (c->file_header)
            od_dump_file_header(c, &f);
        if (c->private_headers)
            od_dump_private(c, &f);
        putchar('\n');
        if (c->section_headers)
            od_dump_sections(c, &f);
        if (c->syms)
            od_dump_symbols(c, &f);
        if (c->relocs && !c->disasm)
            od_dump_relocs(c, &f);
        if (c->contents)
            od_dump_contents(c, &f);
        if (c->disasm) {
            if (c->line_numbers)
                f.lines = od_lines_load(c, &f);
            od_dump_disasm(c, &f);
            od_lines_free(f.lines);
            f.lines = NULL;
        }
    }
    od_unload(&f);
}

/* Every member of an archive, like GNU: "In archive X:" then each. */
static void dump_archive(od_ctx *c, const char *path, const uint8_t *buf, size_t size)
{
    od_ar a;
    od_ar_init(&a, buf, size);
    printf("In archive %s:\n", path);
    char name[256];
    const uint8_t *data;
    size_t n;
    const char *err = 0;
    int r;
    while ((r = od_ar_next(&a, name, sizeof name, &data, &n, &err)) > 0) {
        size_t plen = strlen(path) + strlen(name) + 3;
        char *full = malloc(plen);
        uint8_t *copy = malloc(n ? n : 1);
        if (!full || !copy) {
            free(full);
            free(copy);
            od_error(c, path, "out of memory");
            return;
        }
        snprintf(full, plen, "%s(%s)", path, name);
        memcpy(copy, data, n);
        dump_elf(c, full, name, copy, n);
        free(full);
    }
    if (r < 0)
        od_error(c, path, "%s", err);
}

static void dump_file(od_ctx *c, const char *path)
{
    uint8_t *buf;
    size_t size;
    if (!od_read_file(c, path, &buf, &size))
        return;
    if (od_is_archive(buf, size)) {
        dump_archive(c, path, buf, size);
        free(buf);
    } else {
        dump_elf(c, path, path, buf, size);
    }
}

static int run(od_ctx *cp, int argc, char **argv)
{
    od_ctx c = *cp;
    const char *color = "auto";
    static const struct option longopts[] = {
        {"file-headers", no_argument, 0, 'f'},
        {"private-headers", no_argument, 0, 'p'},
        {"headers", no_argument, 0, 'h'},
        {"section-headers", no_argument, 0, 'h'},
        {"all-headers", no_argument, 0, 'x'},
        {"syms", no_argument, 0, 't'},
        {"reloc", no_argument, 0, 'r'},
        {"line-numbers", no_argument, 0, 'l'},
        {"full-contents", no_argument, 0, 's'},
        {"disassemble", optional_argument, 0, OPT_DISASM},
        {"disassemble-all", no_argument, 0, 'D'},
        {"disassembler-options", required_argument, 0, 'M'},
        {"section", required_argument, 0, 'j'},
        {"start-address", required_argument, 0, OPT_START},
        {"stop-address", required_argument, 0, OPT_STOP},
        {"color", optional_argument, 0, OPT_COLOR},
        {"colour", optional_argument, 0, OPT_COLOR},
        {"version", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'H'},
        {0, 0, 0, 0},
    };
    int any = 0, opt;
    while ((opt = getopt_long(argc, argv, "fphxtrlsdDM:j:vH", longopts, 0)) != -1) {
        switch (opt) {
        case 'f': c.file_header = any = 1; break;
        case 'p': c.private_headers = any = 1; break;
        case 'h': c.section_headers = any = 1; break;
        case 'x':
            c.file_header = c.private_headers = c.section_headers = c.syms = c.relocs = 1;
            any = 1;
            break;
        case 't': c.syms = any = 1; break;
        case 'r': c.relocs = any = 1; break;
        case 'l': c.line_numbers = 1; break;
        case 's': c.contents = any = 1; break;
        case 'd': c.disasm = any = 1; break;
        case OPT_DISASM:
            c.disasm = any = 1;
            if (optarg)
                c.disasm_sym = optarg;
            break;
        case 'D': c.disasm = c.disasm_all = any = 1; break;
        case 'j':
            c.only_secs[c.nonly++] = optarg;
            break;
        case 'M':
            if (!parse_m(&c, optarg))
                return 1;
            break;
        case OPT_START:
            if (!parse_addr(&c, optarg, &c.start_addr))
                return 1;
            c.have_start = 1;
            break;
        case OPT_STOP:
            if (!parse_addr(&c, optarg, &c.stop_addr))
                return 1;
            c.have_stop = 1;
            break;
        case OPT_COLOR:
            color = optarg ? optarg : "always";
            if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
                fprintf(stderr, "%s: --color must be auto, always or never, not '%s'\n",
                        c.prog, color);
                return 1;
            }
            break;
        case 'v':
            gl_print_version("glyph-objdump");
            return 0;
        case 'H':
            usage(stdout, c.prog);
            return 0;
        default:
            usage(stderr, c.prog);
            return 1;
        }
    }
    if (!any) {
        usage(stderr, c.prog);
        return 1;
    }
    c.color = strcmp(color, "always") == 0 ||
              (strcmp(color, "auto") == 0 && isatty(STDOUT_FILENO) &&
               !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0));
    if (elf_version(EV_CURRENT) == EV_NONE) {
        fprintf(stderr, "%s: libelf is out of date\n", c.prog);
        return 1;
    }
    if (optind == argc)
        dump_file(&c, "a.out");
    for (int i = optind; i < argc; i++)
        dump_file(&c, argv[i]);
    /* a full disk or closed pipe must not look like success */
    errno = 0;
    int flush_failed = fflush(stdout) != 0, e = errno;
    if (flush_failed || ferror(stdout)) {
        fprintf(stderr, "%s: standard output: %s\n", c.prog,
                flush_failed && e ? strerror(e) : "write error");
        return 1;
    }
    return c.status;
}

int main(int argc, char **argv)
{
    od_ctx c;
    memset(&c, 0, sizeof c);
    c.prog = "glyph-objdump";
    argv[0] = (char *)c.prog; /* getopt's messages name the program, not its path */
    /* -j names: never more than the arguments */
    c.only_secs = calloc((size_t)argc, sizeof *c.only_secs);
    if (!c.only_secs) {
        fprintf(stderr, "%s: out of memory\n", c.prog);
        return 1;
    }
    int status = run(&c, argc, argv);
    free(c.only_secs);
    return status;
}
