#!/usr/bin/env python3
"""_sysprog.py - test helper: turn a list of system calls into _mkexe
assembly, so the syscall tests read as scripts.

    _sysprog.py < script > prog.s

Script lines ('#' comments):
    data NAME "text"          NUL-terminated string in .rodata (\\n \\t \\0)
    buf NAME SIZE             SIZE zero bytes in .data (8-byte aligned)
    quad NAME V...            64-bit words in .data
    call NAME ARG... [= EXP] [-> N]
        NAME: a syscall of emu/sys.h (or a number); ARG: integer, @label,
        @label+K, or %N (saved value N); EXP: integer, %N, 'neg' (< 0)
        or 'pos' (>= 0): on mismatch the program exits with its line
        number; -> N saves the result as value N (register r32+N).
    ld N @label[+K]           value N = 64-bit word at the address
    ld32 N @label[+K]         value N = zero-extended 32-bit word
    st N @label[+K]           store value N as a 64-bit word at the address
    st32 N @label[+K]         ... as a 32-bit word
    check N EXP               exit with the line number unless value N == EXP
    exit ARG                  exit(ARG)
"""
import re
import sys

ARGREGS = ["a0", "a1", "a2", "a3", "a4", "a5"]


# asm-generic syscall numbers (include/uapi/asm-generic/unistd.h),
# written out here rather than read from emu/sys.h, so a wrong number in
# the emulator's table makes the tests fail instead of agreeing with it.
SYSCALLS = {
    "getcwd": 17, "dup": 23, "dup3": 24, "fcntl": 25, "ioctl": 29,
    "mkdirat": 34, "unlinkat": 35, "symlinkat": 36, "linkat": 37,
    "renameat": 38, "ftruncate": 46, "faccessat": 48, "chdir": 49,
    "fchdir": 50, "fchmod": 52, "fchmodat": 53, "openat": 56, "close": 57,
    "pipe2": 59, "getdents64": 61, "lseek": 62, "read": 63, "write": 64,
    "readv": 65, "writev": 66, "pread64": 67, "pwrite64": 68,
    "readlinkat": 78, "newfstatat": 79, "fstat": 80, "fsync": 82,
    "exit": 93, "exit_group": 94, "set_tid_address": 96, "nanosleep": 101,
    "clock_gettime": 113, "clock_getres": 114, "clock_nanosleep": 115,
    "sched_yield": 124, "kill": 129, "rt_sigaction": 134,
    "rt_sigprocmask": 135, "uname": 160, "getrusage": 165, "umask": 166,
    "gettimeofday": 169, "getpid": 172, "getppid": 173, "getuid": 174,
    "geteuid": 175, "getgid": 176, "getegid": 177, "gettid": 178,
    "brk": 214, "munmap": 215, "mmap": 222, "mprotect": 226,
    "madvise": 233, "prlimit64": 261, "renameat2": 276, "getrandom": 278,
    "eventfd2": 19, "epoll_create1": 20, "epoll_ctl": 21, "epoll_pwait": 22,
    "pselect6": 72, "ppoll": 73, "signalfd4": 74, "sendfile": 71,
    "timerfd_create": 85, "timerfd_settime": 86, "timerfd_gettime": 87,
    "timer_create": 107, "timer_gettime": 108, "timer_settime": 110,
    "timer_delete": 111, "sched_getaffinity": 123, "rt_sigtimedwait": 137,
    "rt_sigqueueinfo": 138, "prctl": 167, "sysinfo": 179, "socket": 198,
    "socketpair": 199, "bind": 200, "listen": 201, "connect": 203,
    "getsockname": 204, "getpeername": 205, "sendto": 206, "recvfrom": 207,
    "setsockopt": 208, "getsockopt": 209, "shutdown": 210, "sendmsg": 211,
    "recvmsg": 212, "accept4": 242, "wait4": 260, "clone": 220, "futex": 98,
    "copy_file_range": 285, "statx": 291, "statfs": 43, "fstatfs": 44,
    "getresuid": 148, "times": 153, "getcpu": 168, "mincore": 232,
    "close_range": 436, "memfd_create": 279, "preadv": 69,
    "mremap": 216, "recvmmsg": 243, "sendmmsg": 269, "clone3": 435,
    "set_robust_list": 99, "get_robust_list": 100,
}


def main():
    nums = SYSCALLS
    text, consts, data, rodata = [], [], [], []
    nlab = [0]

    def const64(v):
        consts.append("    .quad %d" % v)
        return len(consts) - 1

    def label():
        nlab[0] += 1
        return "L%d" % nlab[0]

    def addr_to(reg, target):
        lab = label()
        k = len(consts)
        consts.append("    .long %s - %s\n    .long 0" % (target, lab))
        text.append("%s: lea.i64 %s, ib32(%d)(pc)" % (lab, reg, 2 * k))

    def value_to(reg, arg):
        if arg.startswith("@"):
            addr_to(reg, arg[1:])
        elif arg.startswith("%"):
            text.append("    mov.i64 %s, r%d" % (reg, 32 + int(arg[1:])))
        else:
            v = int(arg, 8) if re.fullmatch(r"-?0[0-7]+", arg) else int(arg, 0)
            text.append("    movq.i64 %s, ib64(%d)" % (reg, const64(v)))

    def fail_unless(lineno, reg, exp):
        # flag set = ok; otherwise exit(lineno)
        if exp in ("neg", "pos"):
            text.append("    movi.i64 t0, 0")
            text.append("    cmp.%s.i64 %s, t0" % ("lt" if exp == "neg" else "ge", reg))
        else:
            value_to("t0", exp)
            text.append("    cmp.eq.i64 %s, t0" % reg)
        text.append("    b .+14")
        text.append("    movi.i64.w a0, %d" % min(lineno, 255))
        text.append("    movi.i64.w t0, 93")
        text.append("    syscall")

    for lineno, line in enumerate(sys.stdin, 1):
        if not line.lstrip().startswith("data"):
            line = line.split("#", 1)[0]
        line = line.strip()
        if not line:
            continue
        w = line.split()
        op = w[0]
        if op == "data":
            s = line.split(None, 2)[2]
            rodata.append("%s: .string %s" % (w[1], s))
        elif op == "buf":
            data.append("    .align 8\n%s: .zero %d" % (w[1], int(w[2], 0)))
        elif op == "quad":
            data.append("    .align 8\n%s: .quad %s" % (w[1], line.split(None, 2)[2]))
        elif op == "call":
            args, exp, save = [], None, None
            i = 2
            while i < len(w):
                if w[i] == "=":
                    exp = w[i + 1]
                    i += 2
                elif w[i] == "->":
                    save = int(w[i + 1])
                    i += 2
                else:
                    args.append(w[i])
                    i += 1
            for reg, arg in zip(ARGREGS, args):
                value_to(reg, arg)
            nr = nums[w[1]] if w[1] in nums else int(w[1], 0)
            text.append("    movi.i64.w t0, %d" % nr)
            text.append("    syscall")
            if save is not None:
                text.append("    mov.i64 r%d, a0" % (32 + save))
            if exp is not None:
                fail_unless(lineno, "a0", exp)
        elif op in ("ld", "ld32"):
            target = w[2][1:]
            addr_to("t0", target)
            kind = "load.i64" if op == "ld" else "load.u32"
            text.append("    %s r%d, 0(t0)" % (kind, 32 + int(w[1])))
        elif op in ("st", "st32"):
            addr_to("t0", w[2][1:])
            kind = "store.i64" if op == "st" else "store.i32"
            text.append("    %s r%d, 0(t0)" % (kind, 32 + int(w[1])))
        elif op == "check":
            fail_unless(lineno, "r%d" % (32 + int(w[1])), w[2])
        elif op == "exit":
            value_to("a0", w[1])
            text.append("    movi.i64.w t0, 93")
            text.append("    syscall")
        else:
            sys.exit("_sysprog.py: line %d: unknown statement %r" % (lineno, op))
    text.append("    movi.i64 a0, 0")
    text.append("    movi.i64.w t0, 93")
    text.append("    syscall")
    consts.append("    .quad 0")
    out = [".text", "_start:"] + text + [".const"] + consts
    if rodata:
        out += [".rodata"] + rodata
    if data:
        out += [".data"] + data
    print("\n".join(out))


main()
