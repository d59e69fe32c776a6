/*
 * syscall.c - the `syscall` instruction: number in t0 (r6), arguments
 * in a0, a1, a2..a5 (r4, r5, r8..r11), result in a0, everything else
 * preserved (docs/abi.md).  Dispatch through a table indexed by the
 * asm-generic number (lib/syscalls.def); unknown numbers give -ENOSYS
 * and are reported once each under --strace.  --strace prints every call
 * with decoded arguments and its result, strace style, on stderr.
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sys.h"

static const sys_entry systab[SYS_MAX] = {
#define GL_SYSCALL(nr, name, fmt) [nr] = {#name, fmt, sys_##name},
#include "syscalls.def"
#undef GL_SYSCALL
};

/* Color of the code that made the call: the syscall's own page. */
static int caller_color(const emu_ctx *ctx)
{
    return (int)emu_mem_color(&ctx->as->mem, ctx->hart->pc - 4);
}

const void *sys_in(emu_ctx *ctx, uint64_t a, uint64_t len)
{
    return emu_mem_ptr(&ctx->as->mem, a, len, EMU_P_R, caller_color(ctx));
}

void *sys_out(emu_ctx *ctx, uint64_t a, uint64_t len)
{
    void *p = emu_mem_ptr(&ctx->as->mem, a, len, EMU_P_W, caller_color(ctx));
    if (!p)
        return NULL;
    /* the kernel must not meet a page we made read-only for the cache */
    emu_cache_invalidate(ctx->as, a, len);
    return p;
}

int sys_copy_in(emu_ctx *ctx, void *dst, uint64_t a, size_t len)
{
    return emu_copy_in(&ctx->as->mem, dst, a, len, caller_color(ctx));
}

int sys_copy_out(emu_ctx *ctx, uint64_t a, const void *src, size_t len)
{
    emu_mem *m = &ctx->as->mem;
    if (!emu_mem_check(m, a, len, EMU_P_W, caller_color(ctx)))
        return -EFAULT;
    emu_cache_invalidate(ctx->as, a, len);
    return emu_copy_out(m, a, src, len, caller_color(ctx));
}

const char *sys_path(emu_ctx *ctx, uint64_t a)
{
    long n = emu_mem_strlen(&ctx->as->mem, a, PATH_MAX);
    const char *p = n < 0 ? NULL : sys_in(ctx, a, (uint64_t)n + 1);
    if (!p) {
        if (!ctx->path_err)
            ctx->path_err = n < 0 && sys_in(ctx, a, PATH_MAX) ? -ENAMETOOLONG : -EFAULT;
        return NULL;
    }
    return p;
}

/* ---- --strace ---- */

static void put_escaped(FILE *f, const uint8_t *p, size_t n, size_t max)
{
    fputc('"', f);
    for (size_t i = 0; i < n && i < max; i++) {
        int c = p[i];
        if (c == '\n') fputs("\\n", f);
        else if (c == '\t') fputs("\\t", f);
        else if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (isprint(c)) fputc(c, f);
        else fprintf(f, "\\x%02x", c);
    }
    fputc('"', f);
    if (n > max)
        fputs("...", f);
}

static void put_flags(FILE *f, uint64_t v, const char *const *names, const uint64_t *bits,
                      size_t n, const char *zero)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        if (v & bits[i]) {
            fprintf(f, "%s%s", any ? "|" : "", names[i]);
            v &= ~bits[i];
            any = 1;
        }
    if (v)
        fprintf(f, "%s0x%" PRIx64, any ? "|" : "", v);
    else if (!any)
        fputs(zero, f);
}

static void put_oflags(FILE *f, uint64_t v)
{
    static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    static const struct { const char *name; uint64_t bit; int strace; } fl[] = {
#define GL_OFLAG(g, name, host, strace) {#name, g, strace},
#include "oflags.def"
#undef GL_OFLAG
    };
    fputs(acc[v & 3], f);
    v &= ~(uint64_t)3;
    for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++)
        if (fl[i].strace && (v & fl[i].bit)) {
            fprintf(f, "|%s", fl[i].name);
            v &= ~fl[i].bit;
        }
    if (v)
        fprintf(f, "|0x%" PRIx64, v);
}

/* names[v] when v is below n and named, else the number */
static void put_enum(FILE *f, uint64_t v, const char *const *names, size_t n)
{
    if (v < n && names[v])
        fputs(names[v], f);
    else
        fprintf(f, "%" PRId64, (int64_t)v);
}

/* mmap flags: the type (low 2 bits: MAP_SHARED_VALIDATE is 3, not
 * SHARED|PRIVATE), then the flag bits */
static void put_mflags(FILE *f, uint64_t v)
{
    static const char *const type_n[] = {"0", "MAP_SHARED", "MAP_PRIVATE",
                                         "MAP_SHARED_VALIDATE"};
    static const char *const map_n[] = {"MAP_FIXED", "MAP_ANONYMOUS", "MAP_GROWSDOWN",
                                        "MAP_DENYWRITE", "MAP_EXECUTABLE", "MAP_LOCKED",
                                        "MAP_NORESERVE", "MAP_POPULATE", "MAP_NONBLOCK",
                                        "MAP_STACK", "MAP_HUGETLB", "MAP_SYNC",
                                        "MAP_FIXED_NOREPLACE"};
    static const uint64_t map_b[] = {0x10, 0x20, 0x100, 0x800, 0x1000, 0x2000, 0x4000,
                                     0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 0x100000};
    fputs(type_n[v & 3], f);
    if (v & ~(uint64_t)3) {
        fputc('|', f);
        put_flags(f, v & ~(uint64_t)3, map_n, map_b, sizeof map_b / sizeof map_b[0], "");
    }
}

/* SIGSEGV etc., a number when it has no name (0, real-time signals) */
static void put_signame(FILE *f, int sig)
{
    const char *n = sig > 0 && sig < 32 ? sigabbrev_np(sig) : NULL;
    if (n)
        fprintf(f, "SIG%s", n);
    else
        fprintf(f, "%d", sig);
}

/* clone flags: the sharing flags by name, the exit signal last */
static void put_clone(FILE *f, uint64_t v)
{
    static const char *const n[] = {"CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND",
                                    "CLONE_PIDFD", "CLONE_PTRACE", "CLONE_VFORK",
                                    "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS",
                                    "CLONE_SYSVSEM", "CLONE_SETTLS", "CLONE_PARENT_SETTID",
                                    "CLONE_CHILD_CLEARTID", "CLONE_DETACHED", "CLONE_UNTRACED",
                                    "CLONE_CHILD_SETTID"};
    static const uint64_t b[] = {0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000,
                                 0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000,
                                 0x400000, 0x800000, 0x1000000};
    int any = 0;
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
        if (v & b[i]) {
            fprintf(f, "%s%s", any ? "|" : "", n[i]);
            v &= ~b[i];
            any = 1;
        }
    if (v & ~(uint64_t)0xff)
        fprintf(f, "%s0x%" PRIx64, any ? "|" : "", v & ~(uint64_t)0xff);
    if (v & 0xff || !any) {
        if (any)
            fputc('|', f);
        put_signame(f, (int)(v & 0xff));
    }
}

/* argv/envp: ["a", "b", ...] (at most 8 shown) */
static void put_strvec(emu_ctx *ctx, uint64_t v)
{
    FILE *f = ctx->log;
    if (!v) {
        fputs("NULL", f);
        return;
    }
    fputc('[', f);
    for (uint64_t i = 0;; i++) {
        uint64_t p;
        if (emu_copy_in(&ctx->as->mem, &p, v + 8 * i, 8, -1) != 0) {
            fprintf(f, "%s0x%" PRIx64, i ? ", " : "", v + 8 * i);
            break;
        }
        if (!p)
            break;
        if (i == 8) {
            fputs(", ...", f);
            break;
        }
        if (i)
            fputs(", ", f);
        long n = emu_mem_strlen(&ctx->as->mem, p, PATH_MAX);
        const uint8_t *s = n < 0 ? NULL : emu_mem_ptr(&ctx->as->mem, p, (uint64_t)n, EMU_P_R, -1);
        if (s)
            put_escaped(f, s, (size_t)n, 64);
        else
            fprintf(f, "0x%" PRIx64, p);
    }
    fputc(']', f);
}

/* the status wait4 filled, as strace shows it */
static void put_wstatus(emu_ctx *ctx, uint64_t v, int64_t res)
{
    FILE *f = ctx->log;
    uint32_t s;
    if (!v) {
        fputs("NULL", f);
        return;
    }
    if (res <= 0 || emu_copy_in(&ctx->as->mem, &s, v, 4, -1) != 0) {
        fprintf(f, "0x%" PRIx64, v);
        return;
    }
    if ((s & 0x7f) == 0) {
        fprintf(f, "[{WIFEXITED(s) && WEXITSTATUS(s) == %u}]", s >> 8 & 0xff);
    } else if ((s & 0xff) == 0x7f) {
        fputs("[{WIFSTOPPED(s) && WSTOPSIG(s) == ", f);
        put_signame(f, (int)(s >> 8 & 0xff));
        fputs("}]", f);
    } else if (s == 0xffff) {
        fputs("[{WIFCONTINUED(s)}]", f);
    } else {
        fputs("[{WIFSIGNALED(s) && WTERMSIG(s) == ", f);
        put_signame(f, (int)(s & 0x7f));
        fputs(s & 0x80 ? "} && WCOREDUMP(s)]" : "}]", f);
    }
}

/* SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC (accept4: the flags alone) */
static void put_socktype(FILE *f, uint64_t v)
{
    static const char *const t[] = {NULL, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM",
                                    "SOCK_SEQPACKET"};
    static const char *const n[] = {"SOCK_NONBLOCK", "SOCK_CLOEXEC"};
    static const uint64_t b[] = {04000, 02000000};
    uint64_t type = v & 0xf;
    if (type) {
        put_enum(f, type, t, 6);
        if (v & ~(uint64_t)0xf)
            fputc('|', f);
    }
    if (v & ~(uint64_t)0xf || !type)
        put_flags(f, v & ~(uint64_t)0xf, n, b, 2, "0");
}

/* a socket address of len bytes: {sa_family=AF_INET, sin_port=htons(P),
 * sin_addr=inet_addr("A")}, AF_INET6 and AF_UNIX likewise */
static void put_sockaddr(emu_ctx *ctx, uint64_t v, uint64_t len)
{
    FILE *f = ctx->log;
    uint8_t b[112];
    if (!v) {
        fputs("NULL", f);
        return;
    }
    if (len < 2 || len > sizeof b || emu_copy_in(&ctx->as->mem, b, v, (size_t)len, -1) != 0) {
        fprintf(f, "0x%" PRIx64, v);
        return;
    }
    unsigned fam = b[0] | b[1] << 8;
    if (fam == 2 && len >= 8) {
        fprintf(f, "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%u.%u.%u.%u\")}",
                b[2] << 8 | b[3], b[4], b[5], b[6], b[7]);
    } else if (fam == 10 && len >= 24) {
        fprintf(f, "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_addr=", b[2] << 8 | b[3]);
        for (int i = 0; i < 16; i += 2)
            fprintf(f, "%s%x", i ? ":" : "", b[8 + i] << 8 | b[9 + i]);
        fputc('}', f);
    } else if (fam == 1) {
        size_t n = 0;
        while (2 + n < len && b[2 + n])
            n++;
        fputs("{sa_family=AF_UNIX, sun_path=", f);
        if (len > 2 && !b[2] && n == 0) { /* abstract: @name */
            fputc('@', f);
            put_escaped(f, b + 3, (size_t)len - 3, 64);
        } else {
            put_escaped(f, b + 2, n, 108);
        }
        fputc('}', f);
    } else {
        fprintf(f, "{sa_family=%u}", fam);
    }
}

/* n timespecs: {tv_sec=S, tv_nsec=N} (itimerspec: interval, value) */
static void put_timespecs(emu_ctx *ctx, uint64_t v, int n)
{
    FILE *f = ctx->log;
    int64_t t[4];
    if (!v) {
        fputs("NULL", f);
        return;
    }
    if (emu_copy_in(&ctx->as->mem, t, v, 16 * (size_t)n, -1) != 0) {
        fprintf(f, "0x%" PRIx64, v);
        return;
    }
    if (n == 2)
        fprintf(f, "{it_interval={tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}, it_value={tv_sec=%"
                PRId64 ", tv_nsec=%" PRId64 "}}", t[0], t[1], t[2], t[3]);
    else
        fprintf(f, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", t[0], t[1]);
}

static const char *const poll_n[] = {"POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP",
                                     "POLLNVAL", "POLLRDNORM", "POLLRDBAND", "POLLWRNORM",
                                     "POLLWRBAND", "POLLMSG", NULL, "POLLREMOVE", "POLLRDHUP"};

static void put_pollbits(FILE *f, uint64_t v, const char *prefix)
{
    static const uint64_t b[] = {1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400,
                                 0x800, 0x1000, 0x2000};
    const char *n[14];
    char buf[14][16];
    for (int i = 0; i < 14; i++) {
        n[i] = poll_n[i] ? buf[i] : "0x800";
        if (poll_n[i])
            snprintf(buf[i], sizeof buf[i], "%s%s", prefix, poll_n[i] + 4);
    }
    put_flags(f, v, n, b, 14, "0");
}

/* [{fd=3, events=POLLIN}, ...], with revents after the call */
static void put_pollfds(emu_ctx *ctx, uint64_t v, uint64_t n, int64_t res)
{
    FILE *f = ctx->log;
    fputc('[', f);
    for (uint64_t i = 0; i < n && i < 16; i++) {
        uint8_t p[8];
        if (emu_copy_in(&ctx->as->mem, p, v + 8 * i, 8, -1) != 0) {
            fprintf(f, "0x%" PRIx64 "]", v + 8 * i);
            return;
        }
        int32_t fd;
        uint16_t ev, rev;
        memcpy(&fd, p, 4);
        memcpy(&ev, p + 4, 2);
        memcpy(&rev, p + 6, 2);
        fprintf(f, "%s{fd=%d, events=", i ? ", " : "", fd);
        put_pollbits(f, ev, "POLL");
        if (res > 0 && rev) {
            fputs(", revents=", f);
            put_pollbits(f, rev, "POLL");
        }
        fputc('}', f);
    }
    if (n > 16)
        fputs(", ...", f);
    fputc(']', f);
}

/* a sigset: [INT TERM], ~[...] when most are set */
static void put_sigset(emu_ctx *ctx, uint64_t v)
{
    FILE *f = ctx->log;
    uint64_t m;
    if (!v) {
        fputs("NULL", f);
        return;
    }
    if (emu_copy_in(&ctx->as->mem, &m, v, 8, -1) != 0) {
        fprintf(f, "0x%" PRIx64, v);
        return;
    }
    int inv = __builtin_popcountll(m) > 32;
    if (inv) {
        m = ~m;
        fputc('~', f);
    }
    fputc('[', f);
    for (int s = 1, any = 0; s <= 64; s++)
        if (m >> (s - 1) & 1) {
            const char *n = s < 32 ? sigabbrev_np(s) : NULL;
            if (n)
                fprintf(f, "%s%s", any ? " " : "", n);
            else
                fprintf(f, "%s%d", any ? " " : "", s);
            any = 1;
        }
    fputc(']', f);
}

/* {events=EPOLLIN|EPOLLET, data=0x...} (16-byte asm-generic layout) */
static void put_epevent(emu_ctx *ctx, uint64_t v)
{
    FILE *f = ctx->log;
    uint8_t b[16];
    if (!v) {
        fputs("NULL", f);
        return;
    }
    if (emu_copy_in(&ctx->as->mem, b, v, 16, -1) != 0) {
        fprintf(f, "0x%" PRIx64, v);
        return;
    }
    uint32_t ev;
    memcpy(&ev, b, 4);
    fputs("{events=", f);
    static const char *const hi_n[] = {"EPOLLEXCLUSIVE", "EPOLLWAKEUP", "EPOLLONESHOT", "EPOLLET"};
    static const uint64_t hi_b[] = {1u << 28, 1u << 29, 1u << 30, 1u << 31};
    put_pollbits(f, ev & 0xffff, "EPOLL");
    if (ev >> 16) {
        fputc('|', f);
        put_flags(f, ev & 0xffff0000u, hi_n, hi_b, 4, "0");
    }
    fprintf(f, ", data=0x%" PRIx64 "}", sys_get64(b + 8));
}

/* futex operation: the command, then _PRIVATE, then |FUTEX_CLOCK_REALTIME */
static void put_futex_op(FILE *f, uint64_t v)
{
    static const char *const cmd_n[] = {
        "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
        "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
        "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};
    uint64_t cmd = v & 127;
    put_enum(f, cmd, cmd_n, sizeof cmd_n / sizeof cmd_n[0]);
    if (v & 128)
        fputs("_PRIVATE", f);
    if (v & 256)
        fputs("|FUTEX_CLOCK_REALTIME", f);
    if (v & ~(uint64_t)511)
        fprintf(f, "|0x%" PRIx64, v & ~(uint64_t)511);
}

/* futex's arguments, as strace shows them for each command */
static const char *futex_fmt(uint64_t op)
{
    switch (op & 127) {
    case 0: return "pXdp";     /* WAIT: uaddr, op, val, timeout */
    case 1: return "pXd";      /* WAKE */
    case 3: return "pXddp";    /* REQUEUE: val2, uaddr2 */
    case 4: return "pXddpd";   /* CMP_REQUEUE: ..., val3 */
    case 5: return "pXddpx";   /* WAKE_OP: ..., the encoded operation */
    case 9: return "pXdppx";   /* WAIT_BITSET: ..., bitset */
    case 10: return "pXdppx";  /* WAKE_BITSET */
    }
    return "pXdppd";
}

static void put_arg(emu_ctx *ctx, char kind, const uint64_t *a, int i, int64_t res)
{
    FILE *f = ctx->log;
    uint64_t v = a[i];
    static const char *const prot_n[] = {"PROT_READ", "PROT_WRITE", "PROT_EXEC"};
    static const uint64_t prot_b[] = {1, 2, 4};
    static const char *const pipe_n[] = {"O_NONBLOCK", "O_DIRECT", "O_CLOEXEC"};
    static const uint64_t pipe_b[] = {04000, 040000, 02000000};
    static const char *const wopt_n[] = {"WNOHANG", "WUNTRACED", "WEXITED", "WCONTINUED",
                                         "WNOWAIT", "__WNOTHREAD", "__WALL", "__WCLONE"};
    static const uint64_t wopt_b[] = {1, 2, 4, 8, 0x1000000, 0x20000000, 0x40000000,
                                      0x80000000};
    static const char *const dom_n[] = {[1] = "AF_UNIX", [2] = "AF_INET", [10] = "AF_INET6",
                                        [16] = "AF_NETLINK"};
    static const char *const msg_n[] = {"MSG_OOB", "MSG_PEEK", "MSG_DONTROUTE", "MSG_CTRUNC",
                                        "MSG_TRUNC", "MSG_DONTWAIT", "MSG_EOR", "MSG_WAITALL",
                                        "MSG_ERRQUEUE", "MSG_NOSIGNAL", "MSG_MORE",
                                        "MSG_CMSG_CLOEXEC"};
    static const uint64_t msg_b[] = {1, 2, 4, 8, 0x20, 0x40, 0x80, 0x100, 0x2000, 0x4000,
                                     0x8000, 0x40000000};
    static const char *const shut_n[] = {"SHUT_RD", "SHUT_WR", "SHUT_RDWR"};
    static const char *const clock_n[] = {"CLOCK_REALTIME", "CLOCK_MONOTONIC",
                                          "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
                                          "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
                                          "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
                                          "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", NULL,
                                          "CLOCK_TAI"};
    static const char *const epop_n[] = {NULL, "EPOLL_CTL_ADD", "EPOLL_CTL_DEL", "EPOLL_CTL_MOD"};
    static const char *const prctl_n[] = {[1] = "PR_SET_PDEATHSIG", [2] = "PR_GET_PDEATHSIG",
                                          [3] = "PR_GET_DUMPABLE", [4] = "PR_SET_DUMPABLE",
                                          [15] = "PR_SET_NAME", [16] = "PR_GET_NAME",
                                          [36] = "PR_SET_CHILD_SUBREAPER",
                                          [37] = "PR_GET_CHILD_SUBREAPER",
                                          [38] = "PR_SET_NO_NEW_PRIVS", [39] = "PR_GET_NO_NEW_PRIVS"};
    static const char *const at_n[] = {"AT_REMOVEDIR"};
    static const uint64_t at_b[] = {0x200};
    static const char *const whence_n[] = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA",
                                           "SEEK_HOLE"};
    static const char *const madv_n[] = {
        [0] = "MADV_NORMAL", [1] = "MADV_RANDOM", [2] = "MADV_SEQUENTIAL",
        [3] = "MADV_WILLNEED", [4] = "MADV_DONTNEED", [8] = "MADV_FREE",
        [9] = "MADV_REMOVE", [10] = "MADV_DONTFORK", [11] = "MADV_DOFORK",
        [12] = "MADV_MERGEABLE", [13] = "MADV_UNMERGEABLE", [14] = "MADV_HUGEPAGE",
        [15] = "MADV_NOHUGEPAGE", [16] = "MADV_DONTDUMP", [17] = "MADV_DODUMP"};
    switch (kind) {
    case 'd': case 'f':
        fprintf(f, "%d", sys_int(v));
        break;
    case 'S': put_signame(f, sys_int(v)); break;
    case 'F':
        if (sys_int(v) == -100) fputs("AT_FDCWD", f);
        else fprintf(f, "%d", sys_int(v));
        break;
    case 'u': fprintf(f, "%" PRIu64, v); break;
    case 'l': fprintf(f, "%" PRId64, (int64_t)v); break;
    case 'm': fprintf(f, "0%" PRIo64, v); break;
    case 'p':
        if (v) fprintf(f, "0x%" PRIx64, v);
        else fputs("NULL", f);
        break;
    case 's': {
        long n = emu_mem_strlen(&ctx->as->mem, v, PATH_MAX);
        const uint8_t *p = n < 0 ? NULL : emu_mem_ptr(&ctx->as->mem, v, (uint64_t)n, EMU_P_R, -1);
        if (!p) fprintf(f, "0x%" PRIx64, v);
        else put_escaped(f, p, (size_t)n, 64);
        break;
    }
    case 'w': case 'r': {
        uint64_t n = kind == 'w' ? a[i + 1] : (res > 0 ? (uint64_t)res : 0);
        const uint8_t *p = emu_mem_ptr(&ctx->as->mem, v, n, EMU_P_R, -1);
        if (!p || (kind == 'r' && res < 0)) fprintf(f, "0x%" PRIx64, v);
        else put_escaped(f, p, n, 32);
        break;
    }
    case 'o': put_oflags(f, v); break;
    case 'C': put_clone(f, v); break;
    case 'D': put_enum(f, v, dom_n, sizeof dom_n / sizeof dom_n[0]); break;
    case 'Y': put_socktype(f, v); break;
    case 'a': put_sockaddr(ctx, v, a[i + 1]); break;
    case 'b': { /* an address the call filled, its length at the next argument */
        uint32_t len = 0;
        if (res < 0 || !v || emu_copy_in(&ctx->as->mem, &len, a[i + 1], 4, -1) != 0)
            put_arg(ctx, 'p', a, i, res);
        else
            put_sockaddr(ctx, v, len);
        break;
    }
    case 'N': put_flags(f, v, msg_n, msg_b, sizeof msg_b / sizeof msg_b[0], "0"); break;
    case 'Z': put_enum(f, v, shut_n, 3); break;
    case 'K': put_enum(f, v, clock_n, sizeof clock_n / sizeof clock_n[0]); break;
    case 'T': put_timespecs(ctx, v, 1); break;
    case 'I': put_timespecs(ctx, v, 2); break;
    case 'q': put_pollfds(ctx, v, a[i + 1], res); break;
    case 'k': put_sigset(ctx, v); break;
    case 'e': put_enum(f, v, epop_n, 4); break;
    case 'V': put_epevent(ctx, v); break;
    case 'H': put_enum(f, v, prctl_n, sizeof prctl_n / sizeof prctl_n[0]); break;
    case 'v': put_strvec(ctx, v); break;
    case 'E': put_wstatus(ctx, v, res); break;
    case 'Q': put_flags(f, v, wopt_n, wopt_b, sizeof wopt_b / sizeof wopt_b[0], "0"); break;
    case 'P': put_flags(f, v, prot_n, prot_b, 3, "PROT_NONE"); break;
    case 'M': put_mflags(f, v); break;
    case 'O': put_flags(f, v, pipe_n, pipe_b, 3, "0"); break;
    case 'U': put_flags(f, v, at_n, at_b, 1, "0"); break;
    case 'W': put_enum(f, v, whence_n, 5); break;
    case 'A': put_enum(f, v, madv_n, sizeof madv_n / sizeof madv_n[0]); break;
    case 'X': put_futex_op(f, v); break;
    default: fprintf(f, "0x%" PRIx64, v); break;
    }
}

/* like strace -f: once the process has a second thread, each line
 * starts with the calling thread's id */
static void strace_tid(emu_ctx *ctx)
{
    int tid = emu_strace_tid(ctx);
    if (tid)
        fprintf(ctx->log, "[pid %d] ", tid);
}

static void strace_body(emu_ctx *ctx, uint64_t nr, const sys_entry *e, const uint64_t *a,
                        int64_t res, int done)
{
    FILE *f = ctx->log;
    const char *fmt = e && e->name ? e->fmt : "xxxxxx";
    /* like strace: openat's mode only matters with O_CREAT or O_TMPFILE */
    if (e && e->fn == sys_openat && !(a[2] & (SYS_G_O_CREAT | SYS_G_O_TMPFILE)))
        fmt = "Fso";
    if (e && e->fn == sys_futex)
        fmt = futex_fmt(a[1]);
    strace_tid(ctx);
    if (e && e->name)
        fprintf(f, "%s(", e->name);
    else
        fprintf(f, "syscall_%" PRIu64 "(", nr);
    for (int i = 0; fmt[i]; i++) {
        if (i)
            fputs(", ", f);
        put_arg(ctx, fmt[i], a, i, res);
    }
    if (!done) {
        fputs(") = ?\n", f);
    } else if (res < 0 && res >= -4095) {
        fprintf(f, ") = -1 %s (%s)\n", strerrorname_np((int)-res) ? strerrorname_np((int)-res) : "E?",
                strerror((int)-res));
    } else if (e && (!strcmp(e->name, "mmap") || !strcmp(e->name, "brk"))) {
        fprintf(f, ") = 0x%" PRIx64 "\n", (uint64_t)res);
    } else {
        fprintf(f, ") = %" PRId64 "\n", res);
    }
}

/* One line, written at once: the processes of a fork and the threads of
 * a process share stderr (each thread has its own ctx->log to swap). */
static void strace_line(emu_ctx *ctx, uint64_t nr, const sys_entry *e, const uint64_t *a,
                        int64_t res, int done)
{
    FILE *real = ctx->log;
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m) {
        flockfile(real);
        strace_body(ctx, nr, e, a, res, done);
        fflush(real);
        funlockfile(real);
        return;
    }
    ctx->log = m;
    strace_body(ctx, nr, e, a, res, done);
    ctx->log = real;
    fclose(m);
    flockfile(real);
    fwrite(buf, 1, n, real);
    fflush(real);
    funlockfile(real);
    free(buf);
}

/* Under opt.sandbox only calls that change nothing outside the guest
 * run: its memory, exit, clocks and identity queries. */
static int sandbox_allows(uint64_t nr, const uint64_t *a)
{
    switch (nr) {
    case SYS_NR_exit: case SYS_NR_exit_group: case SYS_NR_set_tid_address:
    case SYS_NR_clock_gettime: case SYS_NR_clock_getres: case SYS_NR_sched_yield:
    case SYS_NR_rt_sigaction: case SYS_NR_rt_sigprocmask: case SYS_NR_uname:
    case SYS_NR_getrusage: case SYS_NR_gettimeofday: case SYS_NR_getpid:
    case SYS_NR_getppid: case SYS_NR_getuid: case SYS_NR_geteuid: case SYS_NR_getgid:
    case SYS_NR_getegid: case SYS_NR_gettid: case SYS_NR_brk: case SYS_NR_munmap:
    case SYS_NR_mprotect: case SYS_NR_madvise: case SYS_NR_getrandom: case SYS_NR_mremap:
        return 1;
    case SYS_NR_mmap: /* anonymous memory only */
        return (a[3] & G_MAP_ANONYMOUS) != 0;
    }
    return 0;
}

static int changes_map(uint64_t nr)
{
    switch (nr) {
    case SYS_NR_brk: case SYS_NR_mmap: case SYS_NR_munmap: case SYS_NR_mprotect:
    case SYS_NR_madvise: case SYS_NR_mremap:
        return 1;
    }
    return 0;
}

/* Has unknown syscall nr not been reported yet?  (Remembers it.) */
static int first_time(emu_ctx *ctx, uint64_t nr)
{
    if (nr < 8 * sizeof ctx->unknown_seen) {
        uint8_t bit = (uint8_t)(1u << (nr % 8));
        int seen = ctx->unknown_seen[nr / 8] & bit;
        ctx->unknown_seen[nr / 8] |= bit;
        return !seen;
    }
    for (unsigned i = 0; i < ctx->n_unknown_big; i++)
        if (ctx->unknown_big[i] == nr)
            return 0;
    if (ctx->n_unknown_big < sizeof ctx->unknown_big / sizeof ctx->unknown_big[0])
        ctx->unknown_big[ctx->n_unknown_big++] = nr;
    return 1;
}

void emu_syscall(emu_ctx *ctx)
{
    uint64_t *r = ctx->hart->r;
    uint64_t nr = r[EMU_REG_T0];
    uint64_t a[6] = {r[EMU_REG_A0], r[EMU_REG_A1], r[EMU_REG_A2],
                     r[EMU_REG_A3], r[EMU_REG_A4], r[EMU_REG_A5]};
    const sys_entry *e = nr < SYS_MAX && systab[nr].fn ? &systab[nr] : NULL;
    int64_t res;
    if (!e) {
        res = -ENOSYS;
        if (ctx->opt.strace && first_time(ctx, nr))
            fprintf(ctx->log, EMU_NAME ": unsupported syscall %" PRIu64 " (returns -ENOSYS)\n", nr);
        if (ctx->opt.strace)
            strace_line(ctx, nr, NULL, a, res, 1);
        r[EMU_REG_A0] = (uint64_t)res;
        return;
    }
    /* calls that may not return: shown before they run */
    if (ctx->opt.strace && (nr == SYS_NR_exit || nr == SYS_NR_exit_group || nr == SYS_NR_execve))
        strace_line(ctx, nr, e, a, 0, 0);
    ctx->path_err = 0;
    /* the memory map changes only while no other hart runs guest code
     * (its decoder reads the page table; docs/run.md, "Threads") */
    int excl = changes_map(nr);
    if (excl)
        emu_exclusive_begin(ctx->as);
    res = ctx->opt.sandbox && !sandbox_allows(nr, a) ? -EPERM : e->fn(ctx, a);
    if (excl)
        emu_exclusive_end(ctx->as);
    if (ctx->exited) {
        /* registers stay as they were at the exit (--dump-regs) */
        if (ctx->opt.strace && nr != SYS_NR_exit && nr != SYS_NR_exit_group)
            strace_line(ctx, nr, e, a, 0, 0); /* e.g. kill(self) */
        return;
    }
    if (res == -EINTR && nr != SYS_NR_rt_sigreturn && emu_sig_restart(ctx, nr, a)) {
        /* SA_RESTART: run the syscall again after the handler, with the
         * same arguments (a0 untouched) */
        if (ctx->opt.strace) {
            flockfile(ctx->log);
            strace_tid(ctx);
            fprintf(ctx->log, "%s(...) = ? ERESTARTSYS (restarted after a signal)\n", e->name);
            funlockfile(ctx->log);
        }
        ctx->hart->pc -= 4;
        return;
    }
    if (ctx->opt.strace)
        strace_line(ctx, nr, e, a, res, 1);
    r[EMU_REG_A0] = (uint64_t)res;
}
