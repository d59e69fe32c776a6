#!/usr/bin/env python3
"""run.py - run every glyph test and print one summary line.

A test is an executable in build/tests/<area>/ (built from
tests/<area>/*.c) or a script tests/<area>/*.sh; names starting with
'_' are helpers, not tests.  tests/bench/ holds benchmarks, which are
run on demand (sh tests/bench/run.sh), never here.

Every test speaks TAP: result lines ("ok 3 - text", "not ok 4 - text",
"ok 5 # SKIP why") and one plan line "1..N", first or last.  A test
passes when it exits 0, prints at least one result, and prints exactly
as many results as its plan announces; no output, no plan, two plans,
or a result count that differs from the plan (a test that died half
way) fail it whatever its exit status.  Exit status 77 means the whole
test was skipped, and it must print why ("1..0 # SKIP why").

Each test runs in its own empty temporary directory with
GLYPH_SRC, GLYPH_BUILD and PATH (build/bin first) set.  The tests of
the areas in NOJIT_AREAS run with glyph-run's default, the JIT
(GLYPH_NO_JIT=0), and a second time with GLYPH_NO_JIT=1 (the
interpreter only), named nojit/AREA/TEST.  Both passes set
GLYPH_JIT_THRESHOLD=1: the JIT translates each block on its first run.

usage: tests/run.py [--build DIR] [-j N] [-v] [FILTER...]
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAP = re.compile(r"^(ok|not ok)\b[^#]*(#\s*(SKIP|TODO)\b(.*))?", re.I)
PLAN = re.compile(r"^1\.\.(\d+)\s*(#.*)?$")
TIMEOUT = 900
# Areas whose tests run glyph-run: run twice, with the JIT and without.
NOJIT_AREAS = ("run", "e2e", "runtime")


def discover(build):
    tests = []
    tdir = os.path.join(SRC, "tests")
    for area in sorted(os.listdir(tdir)):
        adir = os.path.join(tdir, area)
        if area == "bench" or not os.path.isdir(adir):
            continue
        for f in sorted(os.listdir(adir)):
            if f.startswith("_"):
                continue
            if f.endswith(".sh"):
                tests.append(("%s/%s" % (area, f[:-3]), ["sh", os.path.join(adir, f)]))
            elif f.endswith(".c"):
                exe = os.path.join(build, "tests", area, f[:-2])
                tests.append(("%s/%s" % (area, f[:-2]), [exe]))
    return tests


def run_one(name, argv, env):
    with tempfile.TemporaryDirectory(prefix="glyph-test-") as tmp:
        e = dict(env, TMPDIR=tmp, GLYPH_TEST=name)
        t0 = time.time()
        try:
            p = subprocess.run(argv, cwd=tmp, env=e, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=TIMEOUT)
            out, status = p.stdout.decode("utf-8", "replace"), p.returncode
        except subprocess.TimeoutExpired as ex:
            out = (ex.stdout or b"").decode("utf-8", "replace")
            out += "\n(timed out after %d s)\n" % TIMEOUT
            status = -1
        except OSError as ex:
            out, status = "cannot run %s: %s\n" % (argv[0], ex), -1
        return name, out, status, time.time() - t0


def score(out, status):
    """(passed, failed, skipped, problem) of one test's output; problem
    says why a test is failed beyond its own "not ok" lines, or is None."""
    passed = failed = skipped = 0
    plans = []
    for line in out.splitlines():
        p = PLAN.match(line)
        if p:
            plans.append(int(p.group(1)))
            continue
        m = TAP.match(line)
        if not m:
            continue
        if m.group(3) and m.group(3).upper() == "SKIP":
            skipped += 1
        elif m.group(1) == "ok":
            passed += 1
        else:
            failed += 1
    results = passed + failed + skipped
    if status == 77:
        if "SKIP" in out.upper():
            return 0, 0, max(skipped, 1), None
        return 0, 1, 0, "skipped (exit 77) without saying why"
    problem = None
    if not out.strip():
        problem = "no output"
    elif not plans:
        problem = "no TAP plan (1..N)"
    elif len(plans) > 1:
        problem = "%d TAP plans" % len(plans)
    elif plans[0] != results:
        problem = "planned %d results, printed %d" % (plans[0], results)
    elif results == 0:
        problem = "no results"
    if problem or (status != 0 and failed == 0):
        failed += 1
    if status != 0 and not problem:
        problem = "exit status %d" % status
    return passed, failed, skipped, problem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("-j", type=int, default=max(2, (os.cpu_count() or 1)))
    ap.add_argument("-v", action="store_true", help="show output of passing tests too")
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()

    build = os.path.abspath(args.build)
    env = dict(os.environ)
    env.update(GLYPH_SRC=SRC, GLYPH_BUILD=build,
               PATH=os.path.join(build, "bin") + os.pathsep + env.get("PATH", ""))
    # The emulator catches SIGSEGV itself to turn host faults into guest faults.
    env.setdefault("ASAN_OPTIONS", "handle_segv=0:allow_user_segv_handler=1:detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")

    # the JIT is glyph-run's default: the first pass runs it, whatever
    # the caller's environment says (GLYPH_NO_JIT=0, the same size as
    # the second pass's GLYPH_NO_JIT=1), translating every block on its
    # first run in both passes (GLYPH_JIT_THRESHOLD=1: the tests of
    # translation counts, dumps, audits and fault sweeps need every block
    # translated, also where a test asks for the JIT in the second pass;
    # the default threshold has its own tests, tests/run/jit_tier.sh)
    env.pop("GLYPH_JIT", None)
    env["GLYPH_JIT_THRESHOLD"] = "1"
    tests = [(name, argv, {"GLYPH_NO_JIT": "0"}) for name, argv in discover(build)]
    # the emulator's tests again with the interpreter only: every block
    # interpreted must give what the JIT gives (named nojit/AREA/TEST)
    tests += [("nojit/" + name, argv, {"GLYPH_NO_JIT": "1"}) for name, argv, _ in tests
              if name.split("/")[0] in NOJIT_AREAS]
    tests = [t for t in tests if not args.filters or any(f in t[0] for f in args.filters)]
    totals = [0, 0, 0]
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        futs = [pool.submit(run_one, name, argv, dict(env, **extra)) for name, argv, extra in tests]
        for fut in futs:
            name, out, status, secs = fut.result()
            p, f, s, problem = score(out, status)
            if problem:
                out += "\n# run.py: %s\n" % problem
            totals[0] += p
            totals[1] += f
            totals[2] += s
            word = "FAIL" if f else "SKIP" if s and not p else "PASS"
            detail = "%d ok" % p + (", %d failed" % f if f else "") + (", %d skipped" % s if s else "")
            print("%s %-40s %s (%.1fs)" % (word, name, detail, secs), flush=True)
            if f or args.v or (s and not p):
                tail = out.splitlines()[-80:]
                for line in tail:
                    if f or args.v or "SKIP" in line.upper() or line.startswith("#"):
                        print("    " + line)
            if f:
                failures.append(name)
    if failures:
        print("failed: " + " ".join(failures))
    line = "%d passed, %d failed" % (totals[0], totals[1])
    if totals[2]:
        line += ", %d skipped" % totals[2]
    print(line)
    return 1 if totals[1] or not tests else 0


if __name__ == "__main__":
    sys.exit(main())
