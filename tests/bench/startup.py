#!/usr/bin/env python3
"""startup.py - glyph-run's start-up cost: short programs run many times,
with the JIT and with the interpreter (and, with --other, a second
glyph-run binary the same ways), interleaved, so a busy machine slows
every column alike.  Prints per program and mode the median CPU time
(user + system, from wait4) in milliseconds, the median of minor page
faults, and the JIT/interpreter ratio.

    python3 tests/bench/startup.py [--build DIR] [--runs N] [--other GLYPH-RUN]
                                   [PROGRAM [ARG ...]]

Without a program it runs examples/hello and examples/fib 5 from the
build.  Run on demand; never a test (tests/run.py skips this directory).
"""
import argparse
import os
import statistics
import subprocess
import sys


def run_once(argv):
    """CPU seconds and minor faults of one run (its output thrown away)."""
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("startup: %s exited with %d" % (" ".join(argv), p.returncode))
    return ru.ru_utime + ru.ru_stime, ru.ru_minflt


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=300, help="runs per mode (default 300)")
    ap.add_argument("--other", help="a second glyph-run to compare (e.g. an older build's)")
    ap.add_argument("program", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    run = os.path.join(args.build, "bin", "glyph-run")
    if args.program:
        programs = [args.program]
    else:
        ex = os.path.join(args.build, "examples")
        programs = [[os.path.join(ex, "hello")], [os.path.join(ex, "fib"), "5"]]
    binaries = [("", run)] + ([("other ", args.other)] if args.other else [])
    modes = [(label + m, [b, flag]) for label, b in binaries
             for m, flag in (("jit", "--jit"), ("interp", "--no-jit"))]
    print("glyph-run start-up: median of %d interleaved runs per mode" % args.runs)
    print("%-28s %-12s %9s %7s %9s" % ("program", "mode", "cpu ms", "faults", "/interp"))
    for prog in programs:
        cpu = {m: [] for m, _ in modes}
        flt = {m: [] for m, _ in modes}
        for _ in range(args.runs):
            for m, pre in modes:
                c, f = run_once(pre + prog)
                cpu[m].append(c)
                flt[m].append(f)
        name = " ".join([os.path.basename(prog[0])] + prog[1:])
        for m, _ in modes:
            med = statistics.median(cpu[m])
            base = statistics.median(cpu[m.replace("jit", "interp")])
            print("%-28s %-12s %9.3f %7d %8.2fx" % (name, m, med * 1e3,
                                                   statistics.median(flt[m]), med / base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
