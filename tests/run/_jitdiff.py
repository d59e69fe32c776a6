#!/usr/bin/env python3
"""_jitdiff.py SEED - a random guest program (text for _mkexe) for the
JIT's differential test (jit_diff.sh): a loop whose body is random ALU
uops, carry and flag chains, division by edge values, shifts by counts
of 64 and more, loads and stores of every width into a stack sandbox,
forward branches, forward `j.i64` jumps through link vectors, calls
(`jal`) to functions with their own immediate blocks that return with
`jtl` (docs/abi.md: to the call + 2, the caller's ib), and `ibj` out to
a neighbouring immediate block and back, with constants read there; run
many times, it ends in `break 0` so that --dump-regs shows every
register.  _jitsweep.py takes its straight blocks from body()."""

import random
import sys

rng = random.Random(0)
# s0 is the sandbox pointer and s1 the loop counter; the rest is fair game
REGS = ["a0", "a1", "a2", "a3", "t0", "s2", "r10", "r11", "r12", "r20", "r33", "r63"]
# edge values, as movi (12-bit) and a shift: 0, +-1, 63..65, INT64_MIN,
# INT64_MAX, 2^32 - 1, 2^31, -2^31, ...
EDGE = [(0, None), (1, None), (-1, None), (2, None), (63, None), (64, None), (65, None),
        (-64, None), (1, "slli 63"), (-1, "srli 1"), (-1, "srli 32"), (1, "slli 31"),
        (-1, "slli 31"), (2047, "slli 40"), (-2048, None)]


def edge(g):
    v, sh = rng.choice(EDGE)
    out = ["    movi.i64 %s, %d" % (g, v)]
    if sh:
        op, n = sh.split()
        out.append("    %s.i64 %s, %s" % (op, g, n))
    return out


HARD = False


def r():
    return rng.choice(REGS)


# Link vectors in main's immediate block, ib64(0..MAXVEC-1) (the 16-bit
# jal's index), and the functions called.
MAXVEC = 60
vectors = []
NFUNC = 4


def seed(n):
    """Start program n: half the programs keep to the translator's subset
    (every block is translated); the others mix in uops the interpreter
    runs."""
    global rng, HARD, vectors
    rng = random.Random(n)
    HARD = rng.random() < 0.5
    vectors = []


def vector(pc_lane, ib_lane):
    if len(vectors) >= MAXVEC:
        return None
    vectors.append("    .lanes %s, %s" % (pc_lane, ib_lane))
    return len(vectors) - 1


def body(n, label, calls=True, branches=True):
    """n random items; with calls, link sequences too; without branches,
    one straight run of instructions."""
    out = []
    for i in range(n):
        k = rng.random() * (1.12 if calls else 1 if branches else 0.96)
        if k >= 1:  # about one in ten: a call, an ibj pair or a link jump
            k -= 1
            site = "%s_%d" % (label, i)
            if k < 0.06:  # a call; the return lands at site + 2
                f = rng.randrange(NFUNC)
                v = vector("fn%d - %s" % (f, site), "fn%dk - main_ib" % f)
                if v is not None:
                    out.append("%s: jal.i64.n ra, ib64(%d)" % (site, v))
                    continue
            elif k < 0.09:  # ib moves out and back; constants read there
                out.append("    ibj -64")
                out.append("    movq.i64 %s, ib64(%d)" % (r(), rng.randrange(8)))
                out.append("    ibj 64")
                continue
            else:  # a forward jump through a link vector
                v = vector("%s_t - %s" % (site, site), "0")
                if v is not None:
                    out.append("%s: j.i64 ib64(%d)" % (site, v))
                    out.append("    %s.i64 %s, %s, %s" % (rng.choice(["add", "xor"]), r(), r(), r()))
                    out.append("%s_t:" % site)
                    continue
        if k < 0.30:
            op = rng.choice(["add", "sub", "and", "or", "xor", "mul", "srl", "sra", "sll"] +
                            (["mulh", "mulhu", "adc", "sbc", "pin"] if HARD else []))
            out.append("    %s.i64 %s, %s, %s" % (op, r(), r(), r()))
        elif k < 0.40 and HARD:
            op = rng.choice(["div", "divu", "rem", "remu"])
            out.append("    %s.i64 %s, %s, %s" % (op, r(), r(), r()))
        elif k < 0.55:
            op = rng.choice(["mov", "not", "neg", "bswap", "cmov", "ncmov"] +
                            (["ctz", "clz", "ctpop"] if HARD else []))
            out.append("    %s.i64 %s, %s" % (op, r(), r()))
        elif k < 0.65:
            op = rng.choice(["cmp.lt", "cmp.ge", "cmp.eq", "cmp.ne", "cmp.ltu", "cmp.geu"])
            out.append("    %s.i64 %s, %s" % (op, r(), r()))
        elif k < 0.72:
            op = rng.choice(["addi", "srli", "srai", "slli"])
            v = rng.randrange(-8, 8) if op == "addi" else rng.randrange(0, 64)
            out.append("    %s.i64 %s, %d" % (op, r(), v))
        elif k < 0.78:
            out += edge(r())
        elif k < 0.88:
            w = rng.choice(["i64", "i32", "i16", "i8", "u32", "u16", "u8"])
            off = 8 * rng.randrange(0, 32)
            out.append("    load.%s %s, %d(s0)" % (w, r(), off))
        elif k < 0.96:
            w = rng.choice(["i64", "i32", "i16", "i8"])
            off = 8 * rng.randrange(0, 32)
            out.append("    store.%s %s, %d(s0)" % (w, r(), off))
        else:
            out.append("    b %s_%d" % (label, i))
            out.append("    %s.i64 %s, %s, %s" % (rng.choice(["add", "xor"]), r(), r(), r()))
            out.append("%s_%d:" % (label, i))
    return out


def program():
    lines = [".entry_ib main_ib", ".text", "_start:", "    mov.i64 s0, sp", "    movi.i64 t0, 512",
             "    sub.i64 s0, s0, t0", "    movi.i64 s1, %d" % rng.randrange(1000, 2000)]
    for g in REGS:
        lines += edge(g)
    lines.append("loop:")
    lines += body(rng.randrange(20, 50), "f")
    lines += ["    addi.i64 s1, -1", "    movi.i64 t0, 0", "    cmp.ne.i64 s1, t0", "    b loop"]
    lines += ["    break 0"]
    # the functions: a random body with constants of their own block
    for f in range(NFUNC):
        lines.append("fn%d:" % f)
        for _ in range(rng.randrange(1, 4)):
            lines.append("    movq.i64 %s, ib64(%d)" % (r(), rng.randrange(4)))
        lines += body(rng.randrange(4, 14), "fn%d_b" % f, calls=False)
        lines.append("fn%d_r: jtl.i64 ra, ib64(4)" % f)
    quad = lambda: "    .quad %d" % rng.randrange(-2**63, 2**63)
    # ibj -64 lands here; main's block holds the link vectors
    lines += [".const", "ibj_block:"] + [quad() for _ in range(8)]
    lines += ["main_ib:"] + vectors + ["    .quad 0"]
    for f in range(NFUNC):
        lines += ["    .align 64", "fn%dk:" % f] + [quad() for _ in range(4)]
        lines.append("    .lanes fn%d - fn%d_r + 2, 0" % (f, f))
    return lines


if __name__ == "__main__":
    seed(int(sys.argv[1]))
    print("\n".join(program()))
