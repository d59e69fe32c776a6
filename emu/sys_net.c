/*
 * sys_net.c - sockets: AF_UNIX, AF_INET and AF_INET6 (socket,
 * socketpair, bind, listen, accept/accept4, connect, getsockname,
 * getpeername, sendto/recvfrom, sendmsg/recvmsg, sendmmsg/recvmmsg, shutdown,
 * setsockopt/getsockopt).  Socket addresses go through a host
 * sockaddr_storage, their length checked against the family's layout
 * (the asm-generic ones: sockaddr_in 16 bytes, sockaddr_in6 28,
 * sockaddr_un up to 110); struct msghdr (56 bytes), its iovecs and
 * control messages are converted; socket types, SOCK_NONBLOCK/CLOEXEC,
 * MSG_* flags and socket options have the host's values on
 * asm-generic, and only known ones are passed on.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

#define G_SOCK_NONBLOCK 04000
#define G_SOCK_CLOEXEC 02000000
#define G_MSGHDR 56
#define CMSG_MAX 4096   /* control data per call */
#define OPT_MAX 256     /* socket option values */
#define IO_MAX SYS_IO_MAX

static int family_ok(int f) { return f == AF_UNIX || f == AF_INET || f == AF_INET6; }

/* type and flags: SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW | NONBLOCK | CLOEXEC */
static int type_of(uint64_t g)
{
    int t = (int)(g & 0xf);
    if ((g & ~(uint64_t)(0xf | G_SOCK_NONBLOCK | G_SOCK_CLOEXEC)) ||
        !(t == SOCK_STREAM || t == SOCK_DGRAM || t == SOCK_SEQPACKET || t == SOCK_RAW))
        return -1;
    return t | (g & G_SOCK_NONBLOCK ? SOCK_NONBLOCK : 0) | (g & G_SOCK_CLOEXEC ? SOCK_CLOEXEC : 0);
}

int64_t sys_socket(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    int fam = sys_int(a[0]), type = type_of(a[1]);
    if (!family_ok(fam))
        return -EAFNOSUPPORT;
    if (type < 0)
        return -EINVAL;
    return sys_err(socket(fam, type, sys_int(a[2])));
}

int64_t sys_socketpair(emu_ctx *ctx, const uint64_t *a)
{
    int fam = sys_int(a[0]), type = type_of(a[1]);
    if (fam != AF_UNIX)
        return -EOPNOTSUPP;
    if (type < 0)
        return -EINVAL;
    uint8_t *g = sys_out(ctx, a[3], 8);
    if (!g)
        return -EFAULT;
    int sv[2];
    if (socketpair(fam, type, sys_int(a[2]), sv) != 0)
        return -errno;
    sys_put32(g, (uint32_t)sv[0]);
    sys_put32(g + 4, (uint32_t)sv[1]);
    return 0;
}

/* A guest socket address of len bytes into *ss: 0 or -errno. */
static int addr_in(emu_ctx *ctx, uint64_t ga, uint64_t len, struct sockaddr_storage *ss)
{
    if (len > sizeof *ss || len < 2)
        return -EINVAL;
    memset(ss, 0, sizeof *ss);
    if (sys_copy_in(ctx, ss, ga, (size_t)len) != 0)
        return -EFAULT;
    uint16_t fam;
    memcpy(&fam, ss, 2); /* sa_family: u16, the same numbers */
    if (fam == AF_INET && len < sizeof(struct sockaddr_in))
        return -EINVAL;
    if (fam == AF_INET6 && len < sizeof(struct sockaddr_in6))
        return -EINVAL;
    return 0;
}

/* Give the guest an address the host filled: at most *glen bytes at
 * ga, the full length in *glen (u32), as the kernel does. */
static int addr_out(emu_ctx *ctx, uint64_t ga, uint64_t glen, const struct sockaddr_storage *ss,
                    socklen_t hlen)
{
    uint32_t cap;
    if (sys_copy_in(ctx, &cap, glen, 4) != 0)
        return -EFAULT;
    size_t n = hlen < cap ? hlen : cap;
    if (n && sys_copy_out(ctx, ga, ss, n) != 0)
        return -EFAULT;
    uint32_t full = hlen;
    return sys_copy_out(ctx, glen, &full, 4);
}

/* Check the guest's (addr, addrlen*) pair before a call that fills it. */
static int addr_out_ok(emu_ctx *ctx, uint64_t ga, uint64_t glen)
{
    if (!ga)
        return 0;
    uint32_t cap;
    if (sys_copy_in(ctx, &cap, glen, 4) != 0 || !sys_out(ctx, glen, 4))
        return -EFAULT;
    if ((int32_t)cap < 0)
        return -EINVAL;
    return cap && !sys_out(ctx, ga, cap) ? -EFAULT : 0;
}

int64_t sys_bind(emu_ctx *ctx, const uint64_t *a)
{
    struct sockaddr_storage ss;
    int r = addr_in(ctx, a[1], a[2], &ss);
    if (r)
        return r;
    return sys_err(bind(sys_int(a[0]), (struct sockaddr *)&ss, (socklen_t)a[2]));
}

int64_t sys_connect(emu_ctx *ctx, const uint64_t *a)
{
    struct sockaddr_storage ss;
    int r = addr_in(ctx, a[1], a[2], &ss);
    if (r)
        return r;
    return sys_err(connect(sys_int(a[0]), (struct sockaddr *)&ss, (socklen_t)a[2]));
}

int64_t sys_listen(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(listen(sys_int(a[0]), sys_int(a[1])));
}

int64_t sys_accept4(emu_ctx *ctx, const uint64_t *a)
{
    if (a[3] & ~(uint64_t)(G_SOCK_NONBLOCK | G_SOCK_CLOEXEC))
        return -EINVAL;
    int r = addr_out_ok(ctx, a[1], a[2]);
    if (r)
        return r;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fl = (a[3] & G_SOCK_NONBLOCK ? SOCK_NONBLOCK : 0) | (a[3] & G_SOCK_CLOEXEC ? SOCK_CLOEXEC : 0);
    int fd = accept4(sys_int(a[0]), (struct sockaddr *)&ss, &len, fl);
    if (fd < 0)
        return -errno;
    if (a[1] && addr_out(ctx, a[1], a[2], &ss, len) != 0) {
        close(fd);
        return -EFAULT;
    }
    return fd;
}

int64_t sys_accept(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
    return sys_accept4(ctx, b);
}

static int64_t name_common(emu_ctx *ctx, const uint64_t *a, int peer)
{
    int r = addr_out_ok(ctx, a[1], a[2]);
    if (r)
        return r;
    if (!a[1])
        return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = sys_int(a[0]);
    if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
              : getsockname(fd, (struct sockaddr *)&ss, &len)) != 0)
        return -errno;
    return addr_out(ctx, a[1], a[2], &ss, len);
}

int64_t sys_getsockname(emu_ctx *ctx, const uint64_t *a) { return name_common(ctx, a, 0); }
int64_t sys_getpeername(emu_ctx *ctx, const uint64_t *a) { return name_common(ctx, a, 1); }

/* MSG_* flags: the asm-generic values are the host's; pass the known ones */
#define MSG_KNOWN (MSG_OOB | MSG_PEEK | MSG_DONTROUTE | MSG_CTRUNC | MSG_TRUNC | MSG_DONTWAIT | \
                   MSG_EOR | MSG_WAITALL | MSG_NOSIGNAL | MSG_MORE | MSG_CMSG_CLOEXEC | \
                   MSG_ERRQUEUE | MSG_CONFIRM | MSG_FASTOPEN)

int64_t sys_sendto(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    const void *buf = sys_in(ctx, a[1], n);
    if (!buf)
        return -EFAULT;
    struct sockaddr_storage ss;
    if (a[4]) {
        int r = addr_in(ctx, a[4], a[5], &ss);
        if (r)
            return r;
    }
    return sys_err(sendto(sys_int(a[0]), buf, n, (int)(a[3] & MSG_KNOWN),
                          a[4] ? (struct sockaddr *)&ss : NULL, a[4] ? (socklen_t)a[5] : 0));
}

int64_t sys_recvfrom(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t n = a[2] > IO_MAX ? IO_MAX : a[2];
    void *buf = sys_out(ctx, a[1], n);
    if (!buf)
        return -EFAULT;
    int r = addr_out_ok(ctx, a[4], a[5]);
    if (r)
        return r;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    ssize_t got = recvfrom(sys_int(a[0]), buf, n, (int)(a[3] & MSG_KNOWN),
                           a[4] ? (struct sockaddr *)&ss : NULL, a[4] ? &len : NULL);
    if (got < 0)
        return -errno;
    if (a[4] && addr_out(ctx, a[4], a[5], &ss, len) != 0)
        return -EFAULT;
    return got;
}

/* struct msghdr, asm-generic 64-bit: name (8), namelen (u32) + pad,
 * iov (8), iovlen (8), control (8), controllen (8), flags (i32) + pad. */
typedef struct gmsg {
    struct msghdr h;
    struct sockaddr_storage ss;
    struct iovec *iov;
    uint8_t *g;          /* the guest msghdr */
    uint64_t name, control;
} gmsg;

static int msg_in(emu_ctx *ctx, uint64_t ga, int out, gmsg *m)
{
    memset(m, 0, sizeof *m);
    m->g = out ? sys_out(ctx, ga, G_MSGHDR) : (uint8_t *)sys_in(ctx, ga, G_MSGHDR);
    if (!m->g)
        return -EFAULT;
    uint32_t namelen;
    memcpy(&namelen, m->g + 8, 4);
    m->name = sys_get64(m->g);
    uint64_t iov = sys_get64(m->g + 16), iovlen = sys_get64(m->g + 24);
    m->control = sys_get64(m->g + 32);
    uint64_t clen = sys_get64(m->g + 40);
    if (iovlen > SYS_IOV_MAX)
        return -EMSGSIZE;
    if (m->name) {
        if (out) {
            if (namelen > sizeof m->ss)
                namelen = sizeof m->ss;
            if (namelen && !sys_out(ctx, m->name, namelen))
                return -EFAULT;
        } else {
            int r = addr_in(ctx, m->name, namelen, &m->ss);
            if (r)
                return r;
        }
        m->h.msg_name = &m->ss;
        m->h.msg_namelen = namelen;
    }
    int64_t r = sys_iov_in(ctx, iov, iovlen, out, &m->iov);
    if (r)
        return (int)r;
    m->h.msg_iov = m->iov;
    m->h.msg_iovlen = iovlen;
    /* control messages: struct cmsghdr (u64 len, i32 level, i32 type)
     * and its 8-byte alignment are the host's on asm-generic 64-bit */
    if (m->control && clen) {
        if (clen > CMSG_MAX)
            clen = CMSG_MAX;
        void *c = out ? sys_out(ctx, m->control, clen) : (void *)sys_in(ctx, m->control, clen);
        if (!c)
            return -EFAULT;
        m->h.msg_control = c;
        m->h.msg_controllen = clen;
    }
    return 0;
}

/* One message each way: the msghdr at guest address ga. */
static int64_t send_one(emu_ctx *ctx, int fd, uint64_t ga, int flags)
{
    gmsg m;
    int64_t r = msg_in(ctx, ga, 0, &m);
    if (r == 0)
        r = sys_err(sendmsg(fd, &m.h, flags & MSG_KNOWN));
    free(m.iov);
    return r;
}

static int64_t recv_one(emu_ctx *ctx, int fd, uint64_t ga, int flags)
{
    gmsg m;
    int64_t r = msg_in(ctx, ga, 1, &m);
    if (r == 0)
        r = sys_err(recvmsg(fd, &m.h, flags & MSG_KNOWN));
    if (r >= 0) {
        if (m.name && m.h.msg_namelen) {
            uint32_t cap;
            memcpy(&cap, m.g + 8, 4);
            sys_copy_out(ctx, m.name, &m.ss, m.h.msg_namelen < cap ? m.h.msg_namelen : cap);
        }
        sys_put32(m.g + 8, m.h.msg_namelen);
        sys_put64(m.g + 40, m.h.msg_controllen);
        sys_put32(m.g + 48, (uint32_t)m.h.msg_flags);
    }
    free(m.iov);
    return r;
}

int64_t sys_sendmsg(emu_ctx *ctx, const uint64_t *a)
{
    return send_one(ctx, sys_int(a[0]), a[1], (int)a[2]);
}

int64_t sys_recvmsg(emu_ctx *ctx, const uint64_t *a)
{
    return recv_one(ctx, sys_int(a[0]), a[1], (int)a[2]);
}

/* struct mmsghdr: a msghdr and the u32 msg_len the call fills (+ pad) */
#define G_MMSGHDR 64
#define MMSG_MAX 1024 /* UIO_MAXIOV, the kernel's cap on vlen */
#define G_MSG_WAITFORONE 0x10000

/* sendmmsg(fd, msgvec, vlen, flags): message by message, as the kernel:
 * the number sent, or the first error when none was */
int64_t sys_sendmmsg(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t vlen = a[2] > MMSG_MAX ? MMSG_MAX : a[2];
    if (vlen && !sys_out(ctx, a[1], vlen * G_MMSGHDR))
        return -EFAULT;
    uint64_t n = 0;
    int64_t r = 0;
    for (; n < vlen; n++) {
        uint64_t ga = a[1] + n * G_MMSGHDR;
        if ((r = send_one(ctx, sys_int(a[0]), ga, (int)a[3])) < 0)
            break;
        uint32_t len = (uint32_t)r;
        sys_copy_out(ctx, ga + G_MSGHDR, &len, 4);
    }
    return n ? (int64_t)n : r;
}

static double mono_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* recvmmsg(fd, msgvec, vlen, flags, timeout): as the kernel, the
 * timeout is checked after each message (it does not bound a blocking
 * receive) and the time left is written back; MSG_WAITFORONE makes the
 * receives after the first non-blocking */
int64_t sys_recvmmsg(emu_ctx *ctx, const uint64_t *a)
{
    uint64_t vlen = a[2] > MMSG_MAX ? MMSG_MAX : a[2];
    int flags = (int)a[3];
    if (vlen && !sys_out(ctx, a[1], vlen * G_MMSGHDR))
        return -EFAULT;
    struct timespec ts;
    double end = 0;
    if (a[4]) {
        int e = sys_timespec_in(ctx, a[4], &ts);
        if (e)
            return e;
        if (!sys_out(ctx, a[4], 16))
            return -EFAULT;
        end = mono_now() + (double)ts.tv_sec + ts.tv_nsec / 1e9;
    }
    uint64_t n = 0;
    int64_t r = 0;
    while (n < vlen) {
        uint64_t ga = a[1] + n * G_MMSGHDR;
        if ((r = recv_one(ctx, sys_int(a[0]), ga, flags)) < 0)
            break;
        uint32_t len = (uint32_t)r;
        sys_copy_out(ctx, ga + G_MSGHDR, &len, 4);
        n++;
        if (flags & G_MSG_WAITFORONE)
            flags |= MSG_DONTWAIT;
        if (a[4] && mono_now() >= end)
            break;
    }
    if (a[4]) {
        double left = end - mono_now();
        if (left < 0)
            left = 0;
        int64_t g[2] = {(int64_t)left, (int64_t)((left - (double)(int64_t)left) * 1e9)};
        sys_copy_out(ctx, a[4], g, sizeof g);
    }
    /* an error after some messages: the kernel reports the count (and
     * keeps the error for the socket); EAGAIN after MSG_WAITFORONE too */
    return n ? (int64_t)n : r;
}

int64_t sys_shutdown(emu_ctx *ctx, const uint64_t *a)
{
    (void)ctx;
    return sys_err(shutdown(sys_int(a[0]), sys_int(a[1])));
}

/* Option values are ints, struct linger (2 ints), struct timeval (two
 * i64) or byte strings, laid out as on the host; their length bounded. */
int64_t sys_setsockopt(emu_ctx *ctx, const uint64_t *a)
{
    uint8_t v[OPT_MAX];
    uint64_t len = a[4];
    if (len > OPT_MAX)
        return -EINVAL;
    if (len && sys_copy_in(ctx, v, a[3], (size_t)len) != 0)
        return -EFAULT;
    return sys_err(setsockopt(sys_int(a[0]), sys_int(a[1]), sys_int(a[2]), len ? v : NULL,
                              (socklen_t)len));
}

int64_t sys_getsockopt(emu_ctx *ctx, const uint64_t *a)
{
    uint32_t cap;
    if (sys_copy_in(ctx, &cap, a[4], 4) != 0 || !sys_out(ctx, a[4], 4))
        return -EFAULT;
    if ((int32_t)cap < 0)
        return -EINVAL;
    uint8_t v[OPT_MAX];
    socklen_t len = cap < OPT_MAX ? cap : OPT_MAX;
    if (len && !sys_out(ctx, a[3], len))
        return -EFAULT;
    if (getsockopt(sys_int(a[0]), sys_int(a[1]), sys_int(a[2]), v, &len) != 0)
        return -errno;
    if (len && sys_copy_out(ctx, a[3], v, len) != 0)
        return -EFAULT;
    uint32_t out = len;
    return sys_copy_out(ctx, a[4], &out, 4);
}
