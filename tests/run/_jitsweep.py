#!/usr/bin/env python3
"""_jitsweep.py faults N | loop - guest programs (text for _mkexe) for
the JIT's sweeps (jit_sweep.sh).

faults N: writes KIND-K.s for each KIND and K = 0..N-1: a set-up
block, then one straight block of N random instructions of the
translator's subset (_jitdiff.py's: ALU, compares, conditional moves,
edge values, loads and stores into a stack sandbox) whose K-th
instruction (from 0) is a bad access: KIND is store-unmapped, load-unmapped (a
page that is not mapped: a host fault), store-range or load-range (an
address past the guest space: the translation's range check), and
with -sb (store-unmapped-sb, load-range-sb) the block is reached as
the fall-through of a `b` after a store and a compare, in one
superblock with the set-up, whose flag (0, the compare's) is not yet
written when the fault comes.  The
same random instructions for every K (seeded by N), so the sweep moves
only the fault.  Ends in `break 0`, never reached.

loop: a short program (a loop of loads, stores, arithmetic and
branches, then exit) for --max-insns at every count."""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _jitdiff as gen  # noqa: E402  (the random instructions)

# s0 is the sandbox, a0 the bad address
REGS = ["a1", "a2", "a3", "t0", "s2", "r10", "r11", "r20", "r33", "r63"]


def fault(kind, k, n):
    """The straight block: n instructions of _jitdiff's subset programs."""
    gen.seed(n)
    gen.HARD = False
    gen.REGS = REGS
    rng = gen.rng
    body = gen.body(n, "blk", calls=False, branches=False)[:n]
    access, where = kind.split("-")[:2]
    sb = kind.endswith("-sb")
    bad = ("    store.i32 a2, 8(a0)" if access == "store" else "    load.i64 a3, 8(a0)")
    body[k] = bad
    shift = 29 if where == "unmapped" else 40
    lines = [".text", "_start:", "    mov.i64 s0, sp", "    movi.i64 t0, 256",
             "    sub.i64 s0, s0, t0", "    movi.i64 a0, 1", "    slli.i64 a0, %d" % shift]
    for i, g in enumerate(REGS):
        lines.append("    movi.i64 %s, %d" % (g, rng.randrange(-2048, 2048)))
    if sb:  # a1 != a0: the flag is 0, the b not taken
        lines += ["    store.i64 a1, 0(s0)", "    cmp.eq.i64 a1, a0", "    b end"]
    else:
        lines += ["    j block"]
    lines += ["block:"] + body + ["    j end", "end:", "    break 0",
                                                ".const", "    .quad 0"]
    return lines


def loop():
    return [".text", "_start:",
            "    mov.i64 s0, sp",
            "    movi.i64 t0, 64",
            "    sub.i64 s0, s0, t0",
            "    movi.i64 s1, 6",
            "    movi.i64 a2, 3",
            "loop:",
            "    add.i64 a3, a3, a2",
            "    store.i64 a3, 0(s0)",
            "    load.i32 t0, 0(s0)",
            "    xor.i64 a2, a2, t0",
            "    slli.i64 a2, 1",
            "    cmp.ltu.i64 a2, a3",
            "    cmov.i64 a1, a3",
            "    b skip",
            "    addi.i64 a1, 5",
            "skip:",
            "    store.i16 a1, 8(s0)",
            "    load.i64 r20, 8(s0)",
            "    addi.i64 s1, -1",
            "    movi.i64 t0, 0",
            "    cmp.ne.i64 s1, t0",
            "    b loop",
            "    movi.i64 a0, 0",
            "    movi.i64 t0, 93",
            "    syscall",
            ".const", "    .quad 0"]


KINDS = ["store-unmapped", "load-unmapped", "store-range", "load-range", "store-unmapped-sb",
         "load-range-sb"]
if sys.argv[1] == "faults":
    n = int(sys.argv[2])
    for kind in KINDS:
        for k in range(n):
            with open("%s-%d.s" % (kind, k), "w") as f:
                f.write("\n".join(fault(kind, k, n)) + "\n")
else:
    print("\n".join(loop()))
