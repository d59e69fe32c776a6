#!/usr/bin/env python3
"""bench.py - glyph-run against native C and qemu-riscv64 (run on demand).

Every benchmark is a glyph program and a C twin (tests/bench/c/) doing the
same work the same way (tests/bench/README.md).  This script builds the
twins natively and for riscv64, runs every program once in every mode and
checks that the outputs and exit statuses agree, then times them: R rounds,
each round running every program in every mode in turn (interleaved, so a
busy machine slows all columns alike), and prints per program the median
CPU seconds (user + system of the child) of

  native   the twin, gcc -O2, on the host
  qemu     the twin, riscv64-linux-gnu-gcc -O2 -static, under qemu-riscv64
  jit      glyph-run with its JIT ("-" while glyph-run has none: detected
           by --no-jit in glyph-run --help)
  interp   glyph-run's interpreter (glyph-run --no-jit once there is a JIT)

with the ratios and their geometric means, guest instructions per program
(glyph-run --stats) and, with --callgrind, host instructions (valgrind
--tool=callgrind; perf stat is used instead when the host has a PMU).

  python3 tests/bench/bench.py [--build DIR] [--rounds R] [--quick]
                               [--only NAME,...] [--callgrind] [--no-install]
                               [--runtime-src DIR]
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(SRC, "tests", "bench")
CFLAGS = ["-O2", "-fno-builtin", "-fno-tree-loop-distribute-patterns", "-Wall", "-Wextra", "-Werror"]
RV_CC = "riscv64-linux-gnu-gcc"
QEMU = "qemu-riscv64"
# Debian packages for the riscv64 column, installed when missing.
RV_PACKAGES = ["gcc-riscv64-linux-gnu", "libc6-dev-riscv64-cross", "qemu-user"]

# name, how the glyph program is built (mkexe: one _mkexe text; asm: these
# glyph-as sources; example: that example's sources), arguments (normal,
# quick); "@NAME" is an input file made by make_inputs.
PROGRAMS = [
    ("loop", "mkexe", "tests/bench/loop.s", [], []),
    ("bytes", "mkexe", "tests/bench/bytes.s", [], []),
    ("fib", "example", "fib", ["35"], ["27"]),
    ("sieve", "asm", ["examples/sieve/sieve.s", "tests/bench/sieve.s"], ["20000000"], ["2000000"]),
    ("qsort", "asm", ["examples/qsort/quicksort.s", "tests/bench/qsort.s"], ["1000000"],
     ["100000"]),
    ("sha256", "example", "sha256", ["@random"], ["@random"]),
    ("sort", "example", "sort", ["@lines"], ["@lines"]),
    ("wc", "example", "wc", ["@text"], ["@text"]),
]
MODES = ["native", "qemu", "jit", "interp"]


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def make_inputs(tmp, quick):
    """Deterministic input files: the same bytes on every run."""
    rng = random.Random(20260101)
    scale = 10 if quick else 1
    paths = {}
    p = os.path.join(tmp, "random.bin")  # sha256: 4 MiB of random bytes
    with open(p, "wb") as f:
        f.write(rng.randbytes(4 * 1024 * 1024 // scale))
    paths["random"] = p
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 9)))
             for _ in range(5000)]

    def text(size, per_line):
        out, n = [], 0
        while n < size:
            line = " ".join(rng.choice(words) for _ in range(rng.randint(1, per_line)))
            if rng.random() < 0.05:
                line = "\t" + line + "  "
            out.append(line)
            n += len(line) + 1
        return "\n".join(out) + "\n"

    p = os.path.join(tmp, "lines.txt")  # sort: 1 MiB of short lines
    with open(p, "w") as f:
        f.write(text(1024 * 1024 // scale, 4))
    paths["lines"] = p
    p = os.path.join(tmp, "text.txt")  # wc: 16 MiB of text
    chunk = text(1024 * 1024, 12)
    with open(p, "w") as f:
        f.write(chunk * (2 if quick else 16))
    paths["text"] = p
    return paths


def run(argv, **kw):
    return subprocess.run(argv, stdin=subprocess.DEVNULL, **kw)


def need_riscv(no_install):
    """True when the riscv64 compiler and qemu are there (installing them
    with apt-get when missing and allowed)."""
    have = shutil.which(RV_CC) and shutil.which(QEMU)
    if have or no_install:
        return bool(have)
    install = ["apt-get", "install", "-y", "--no-install-recommends"] + RV_PACKAGES
    sudo = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            log("%s or %s missing; install them: %s" % (RV_CC, QEMU, " ".join(install)))
            return False
        sudo = ["sudo", "-n"]
    log("installing " + " ".join(RV_PACKAGES))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(sudo + ["apt-get", "update", "-q"], env=env).returncode != 0 \
            or run(sudo + install, env=env).returncode != 0:
        log("could not install %s; the qemu column stays empty" % " ".join(RV_PACKAGES))
    return bool(shutil.which(RV_CC) and shutil.which(QEMU))


def extra_cflags(src):
    """A twin's own flags: a 'bench-cflags:' line in its opening comment."""
    with open(src) as f:
        m = re.search(r"bench-cflags:([^*\n]*)", f.read())
    return m.group(1).split() if m else []


def glyph_tools(b):
    return os.path.join(b, "bin", "glyph-as"), os.path.join(b, "bin", "glyph-ld")


def build_runtime(args, out):
    """The crt0.o and libgrt.a to link with: BUILD/runtime, or assembled
    here from --runtime-src (another revision's runtime/*.s)."""
    if not args.runtime_src:
        rt = os.path.join(args.build, "runtime")
        return os.path.join(rt, "crt0.o"), os.path.join(rt, "libgrt.a")
    gas, _ = glyph_tools(args.build)
    rt = os.path.join(out, "runtime")
    os.makedirs(rt, exist_ok=True)
    objs = []
    for s in sorted(os.listdir(args.runtime_src)):
        if s.endswith(".s"):
            o = os.path.join(rt, s[:-2] + ".o")
            if run([gas, "-o", o, os.path.join(args.runtime_src, s)]).returncode != 0:
                sys.exit("bench: cannot assemble %s" % os.path.join(args.runtime_src, s))
            objs.append(o)
    lib = os.path.join(rt, "libgrt.a")
    if os.path.exists(lib):
        os.unlink(lib)
    crt0 = os.path.join(rt, "crt0.o")
    if run(["ar", "crs", lib] + [o for o in objs if o != crt0]).returncode != 0:
        sys.exit("bench: cannot archive %s" % lib)
    return crt0, lib


def link_glyph(args, out, name, srcs, crt0, lib):
    """Assemble srcs and link them with the runtime into out/NAME.glyph."""
    gas, gld = glyph_tools(args.build)
    objs = []
    for k, src in enumerate(srcs):
        obj = os.path.join(out, "%s.%d.o" % (name, k))
        if run([gas, "-o", obj, src]).returncode != 0:
            return None
        objs.append(obj)
    exe = os.path.join(out, name + ".glyph")
    extra = []
    link_args = os.path.join(SRC, "examples", name, "link.args")
    if os.path.exists(link_args):
        extra = open(link_args).read().split()
    ok = run([gld, "-o", exe, crt0] + objs + ["-L" + os.path.dirname(lib), "-lgrt"] + extra
             ).returncode == 0
    return exe if ok else None


def build(args, riscv):
    """Returns {name: {mode: argv prefix}} for the programs that built."""
    b = args.build
    out = os.path.join(b, "bench")
    os.makedirs(out, exist_ok=True)
    crt0, lib = build_runtime(args, out)
    emu = os.path.join(b, "bin", "glyph-run")
    help_text = run([emu, "--help"], capture_output=True, text=True).stdout
    has_jit = "--no-jit" in help_text
    cmds = {}
    for name, kind, src, _, _ in PROGRAMS:
        if args.only and name not in args.only:
            continue
        exe = os.path.join(out, name + ".glyph")
        if kind == "mkexe":
            ok = run([os.path.join(b, "tests", "run", "_mkexe"), "-o", exe,
                      os.path.join(SRC, src)]).returncode == 0
        else:  # glyph-as sources: a file of tests/bench or an example
            if kind == "asm":
                srcs = [os.path.join(SRC, f) for f in src]
            elif os.path.isdir(os.path.join(SRC, "examples", src)):
                d = os.path.join(SRC, "examples", src)
                srcs = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".s"))
            else:
                srcs = [os.path.join(SRC, "examples", src + ".s")]
            exe = link_glyph(args, out, name, srcs, crt0, lib)
            ok = exe is not None
        if not ok:
            sys.exit("bench: cannot build the glyph program %s (run ninja in %s first)" % (name, b))
        csrc = os.path.join(BENCH, "c", name + ".c")
        flags = CFLAGS + extra_cflags(csrc)
        native = os.path.join(out, name + ".native")
        if run(["cc"] + flags + ["-o", native, csrc]).returncode != 0:
            sys.exit("bench: cannot compile %s" % csrc)
        c = {"native": [native], "interp": [emu, "--no-jit", exe] if has_jit else [emu, exe]}
        c["jit"] = [emu, "--jit", exe] if has_jit else None
        c["qemu"] = None
        if riscv:
            rv = os.path.join(out, name + ".riscv64")
            if run([RV_CC] + flags + ["-static", "-o", rv, csrc]).returncode != 0:
                sys.exit("bench: cannot compile %s for riscv64" % csrc)
            c["qemu"] = [QEMU, rv]
        c["glyph"] = exe
        cmds[name] = c
    return cmds, has_jit


def cpu_run(argv, stdout):
    """(exit status, CPU seconds of the child: user + system)."""
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(os.devnull, os.O_RDONLY)
            os.dup2(fd, 0)
            os.dup2(stdout.fileno(), 1)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime


def check(cmds, argmap, tmp):
    """Runs every mode once; outputs and exit statuses must agree.
    Returns {name: guest instructions}."""
    guest = {}
    bad = False
    for name, c in cmds.items():
        seen = {}
        for mode in MODES:
            if c[mode] is None:
                continue
            out = os.path.join(tmp, "%s.%s.out" % (name, mode))
            with open(out, "w") as f:
                status, _ = cpu_run(c[mode] + argmap[name], f)
            with open(out, "rb") as f:
                seen[mode] = (status, f.read())
        ref = seen["native"]
        for mode, got in seen.items():
            if got != ref:
                log("%s: %s gives status %d and %d bytes of output; native %d and %d bytes"
                    % (name, mode, got[0], len(got[1]), ref[0], len(ref[1])))
                bad = True
        p = run(c["interp"][:1] + ["--stats"] + c["interp"][1:] + argmap[name],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"stats: (\d+) instructions", p.stderr)
        guest[name] = int(m.group(1)) if m else None
    if bad:
        sys.exit("bench: outputs disagree (kept in %s)" % tmp)
    return guest


def host_insns(argv):
    """(host instructions of one run, the counter): perf stat when the
    host counts them, else callgrind (slow: tens of times the run)."""
    p = run(["perf", "stat", "-x,", "-e", "instructions:u"] + argv,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) \
        if shutil.which("perf") else None
    if p is not None:
        for line in p.stderr.splitlines():
            f = line.split(",")
            if len(f) > 2 and "instructions" in f[2] and f[0].isdigit():
                return int(f[0]), "perf"
    if not shutil.which("valgrind"):
        return None, None
    with tempfile.TemporaryDirectory() as d:
        p = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(d, "cg")]
                + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:  # e.g. glyph-run, whose guest reservation valgrind refuses
            log("%s fails under valgrind: no host count" % os.path.basename(argv[0]))
            return None, None
        m = re.search(r"Collected : (\d+)", p.stderr)
        return (int(m.group(1)), "callgrind") if m else (None, None)


def fmt_s(x):
    return "-" if x is None else "%.3f" % x


def fmt_r(a, b):
    return "-" if a is None or b is None or b == 0 else "%.2fx" % (a / b)


def geomean(xs):
    xs = [x for x in xs if x is not None and x > 0]
    return statistics.geometric_mean(xs) if xs else None


def fmt_count(n):
    if n is None:
        return "-"
    for unit, div in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= div:
            return "%.2f%s" % (n / div, unit)
    return str(n)


def print_table(head, rows):
    widths = [max(len(str(r[k])) for r in list(rows) + [head]) for k in range(len(head))]
    for r in [head] + list(rows):
        print("  ".join(str(c).ljust(w) if k == 0 else str(c).rjust(w)
                        for k, (c, w) in enumerate(zip(r, widths))))


def main():
    ap = argparse.ArgumentParser(description="glyph-run benchmarks against native C and qemu-riscv64")
    ap.add_argument("--build", default=os.path.join(SRC, "build"), help="build directory (default build)")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds (default 5)")
    ap.add_argument("--quick", action="store_true", help="inputs a tenth of the size (a smoke run)")
    ap.add_argument("--only", default="", help="comma-separated program names")
    ap.add_argument("--callgrind", action="store_true",
                    help="also count host instructions (callgrind when perf has no counter; slow)")
    ap.add_argument("--runtime-src", metavar="DIR",
                    help="assemble the runtime from DIR/*.s instead of using BUILD/runtime "
                         "(measure another revision of it)")
    ap.add_argument("--no-install", action="store_true",
                    help="do not apt-get install the riscv64 compiler and qemu when missing")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    if args.runtime_src:
        args.runtime_src = os.path.abspath(args.runtime_src)
    args.only = [s for s in args.only.split(",") if s]
    for s in args.only:
        if s not in [p[0] for p in PROGRAMS]:
            sys.exit("bench: no program %s (have %s)" % (s, " ".join(p[0] for p in PROGRAMS)))

    riscv = need_riscv(args.no_install)
    cmds, has_jit = build(args, riscv)
    with tempfile.TemporaryDirectory(prefix="glyph-bench-") as tmp:
        inputs = make_inputs(tmp, args.quick)
        argmap = {}
        for name, _, _, normal, quick in PROGRAMS:
            if name in cmds:
                argmap[name] = [inputs[a[1:]] if a.startswith("@") else a
                                for a in (quick if args.quick else normal)]
        log("checking outputs")
        guest = check(cmds, argmap, tmp)
        times = {(n, m): [] for n in cmds for m in MODES}
        with open(os.devnull, "w") as null:
            for r in range(args.rounds):
                log("round %d of %d" % (r + 1, args.rounds))
                for name, c in cmds.items():
                    for mode in MODES:
                        if c[mode] is not None:
                            status, secs = cpu_run(c[mode] + argmap[name], null)
                            times[(name, mode)].append(secs)
        host = {}
        if args.callgrind:
            for name, c in cmds.items():
                for mode in ("native", "jit", "interp"):
                    if c[mode] is not None:
                        log("counting host instructions: %s %s" % (name, mode))
                        host[(name, mode)] = host_insns(c[mode] + argmap[name])

    med = {k: (statistics.median(v) if v else None) for k, v in times.items()}
    print("glyph-run benchmarks: median CPU seconds of %d interleaved rounds%s%s; runtime %s"
          % (args.rounds, " (--quick inputs)" if args.quick else "",
             "" if has_jit else "; glyph-run has no JIT yet",
             args.runtime_src or os.path.join(args.build, "runtime")))
    head = ("program", "native", "qemu", "jit", "interp", "qemu/nat", "jit/nat", "jit/qemu",
            "int/nat", "int/qemu", "guest insns", "int MIPS")
    rows = []
    for name in cmds:
        n, q, j, i = (med[(name, m)] for m in MODES)
        g = guest.get(name)
        rows.append((name, fmt_s(n), fmt_s(q), fmt_s(j), fmt_s(i), fmt_r(q, n), fmt_r(j, n),
                     fmt_r(j, q), fmt_r(i, n), fmt_r(i, q), fmt_count(g),
                     "-" if not g or not i else "%.0f" % (g / i / 1e6)))

    def gm_ratio(a, b):
        return geomean([med[(n, a)] / med[(n, b)] for n in cmds
                        if med[(n, a)] and med[(n, b)]])

    g = {m: geomean([med[(n, m)] for n in cmds]) for m in MODES}
    ratios = [gm_ratio(a, b) for a, b in (("qemu", "native"), ("jit", "native"), ("jit", "qemu"),
                                          ("interp", "native"), ("interp", "qemu"))]
    rows.append(("geomean",) + tuple(fmt_s(g[m]) for m in MODES)
                + tuple("-" if r is None else "%.2fx" % r for r in ratios) + ("", ""))
    print_table(head, rows)
    if host:
        how = sorted({v[1] for v in host.values() if v[1]})
        print("\nhost instructions (%s):" % ", ".join(how or ["no counter"]))
        rows = []
        for name in cmds:
            hn, hj, hi = (host.get((name, m), (None,))[0] for m in ("native", "jit", "interp"))
            per = "-" if not hi or not guest.get(name) else "%.1f" % (hi / guest[name])
            rows.append((name, fmt_count(hn), fmt_count(hj), fmt_count(hi), per))
        print_table(("program", "native", "jit", "interp", "interp/guest insn"), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
