#!/usr/bin/env python3
"""_jitdiff.py SEED - a random guest program (text for _mkexe) for the
JIT's differential test (jit_diff.sh): a loop whose body is random ALU
uops, carry and flag chains, division by edge values, shifts by counts
of 64 and more, loads and stores of every width into a stack sandbox,
forward branches, a second sandbox pointer that walks (only addis write
it, so translated loops carry it checked: translate.c, plan_carry) also
in an inner loop without calls,
ibj there and back, calls of leaf functions (jal,
returns through jtl, jala from one function into another), calls of
functions with immediate blocks of their own (the call vector's ib lane
moves ib there, the return's brings it back: docs/abi.md) and forward
j.i64 jumps, run many times; it ends in `break 0` so that --dump-regs
shows every register.  _jitsweep.py takes its straight blocks from
body() (seed() first)."""

import random
import sys

rng = random.Random(0)
# s0 is the sandbox pointer, s1 and s11 (r40) the loop counters, s3 (r32)
# walks the sandbox
# (WALK bytes at most past s0); the rest is fair game
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
WALK = 64
drift = 0  # s3 - s0 where the loop's body has got to


def r():
    return rng.choice(REGS)


# leaf functions called from the loop, each from one call site:
# jal (a chained direct edge), jtl returns (the jump cache), and half of
# them go on to a second function with jala first (an indirect jump)
funcs = []
consts = ["    .quad 0"]
far = []  # immediate blocks of the far functions, after main's


def seed(n):
    """Start program n: half the programs keep to the translator's subset
    (every block is translated); the others mix in uops the interpreter
    runs."""
    global rng, HARD, funcs, consts, far
    rng = random.Random(n)
    HARD = rng.random() < 0.5
    funcs, consts, far = [], ["    .quad 0"], []


def const(text):
    consts.append(text)
    return len(consts) - 1


def call(label):
    f = "%s_fn" % label
    c = "%s_call" % label
    out = ["%s: jal.i64 ra, ib64(%d)" % (c, const("    .lanes %s - %s, 0" % (f, c)))]
    fn = ["%s:" % f] + body(rng.randrange(1, 8), f + "b", calls=False)
    if rng.random() < 0.5:
        g, t, rt = f + "_g", f + "_t", f + "_r"
        # jala at T lands on G: cvec = (G - T - (F - C), 0), lr = (G - T, 0)
        fn.append("%s: jala.i64 ra, ib64(%d)" % (t, const("    .lanes %s - %s - %s + %s, 0" % (g, t, f, c))))
        fn += ["%s:" % g] + body(rng.randrange(1, 8), g + "b", calls=False)
        # return to C + 2: cvec = (C + 2 - R + G - T, 0)
        fn.append("%s: jtl.i64 ra, ib64(%d)" % (rt, const("    .lanes %s + 2 - %s + %s - %s, 0" % (c, rt, g, t))))
    else:
        rt = f + "_r"
        fn.append("%s: jtl.i64 ra, ib64(%d)" % (rt, const("    .lanes %s - %s + 2, 0" % (f, rt))))
    funcs.extend(fn)
    return out


def far_call(label):
    """A call of a function with an immediate block of its own, FK: the
    call vector's ib lane moves ib there, the return vector (in FK)
    brings it back, to the call + 2."""
    f, c, rt, fk = label + "_ff", label + "_fc", label + "_fr", label + "_fk"
    out = ["%s: jal.i64 ra, ib64(%d)" % (c, const("    .lanes %s - %s, %s - main_ib" % (f, c, fk)))]
    fn = ["%s:" % f, "    movq.i64 %s, ib64(%d)" % (r(), rng.randrange(4))]
    fn += body(rng.randrange(1, 8), f + "b", calls=False)
    fn.append("%s: jtl.i64 ra, ib64(4)" % rt)
    funcs.extend(fn)
    far.extend(["    .align 64", "%s:" % fk] +
               ["    .quad %d" % rng.randrange(-2**63, 2**63) for _ in range(4)] +
               ["    .lanes %s - %s + 2, 0" % (f, rt)])
    return out


def body(n, label, calls=True, branches=True, walk=False):
    """n random items; with calls, calls and ib moves too; without
    branches, one straight run of instructions; with walk, addis of s3
    and accesses through it too (keeping drift)."""
    global drift
    out = []
    for i in range(n):
        k = rng.random() * (1 if branches or calls else 0.96)
        if calls and k < 0.05:
            out += call("%s_%d" % (label, i))
            continue
        if calls and k < 0.08:  # ib moves and back: blocks keyed by (pc, ib)
            out += ["    ibj 64"] + body(rng.randrange(1, 4), "%s_%di" % (label, i), calls=False)
            out += ["    ibj -64"]
            continue
        if calls and k < 0.10:
            out += far_call("%s_%d" % (label, i))
            continue
        if calls and k < 0.12:  # a forward jump through a link vector
            site = "%s_%dj" % (label, i)
            out.append("%s: j.i64 ib64(%d)" % (site, const("    .lanes %s_t - %s, 0" % (site, site))))
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
            if walk and rng.random() < 0.7:
                v = rng.choice([-8, 8]) if 0 < drift < WALK else (8 if drift == 0 else -8)
                drift += v
                out.append("    addi.i64 s3, %d" % v)
            else:
                out.append("    %s.i64 %s, %d" % (op, r(), v))
        elif k < 0.78:
            out += edge(r())
        elif k < 0.88:
            w = rng.choice(["i64", "i32", "i16", "i8", "u32", "u16", "u8"])
            off = 8 * rng.randrange(0, 32)
            base = "s3" if walk and rng.random() < 0.4 else "s0"
            out.append("    load.%s %s, %d(%s)" % (w, r(), off, base))
        elif k < 0.96:
            w = rng.choice(["i64", "i32", "i16", "i8"])
            off = 8 * rng.randrange(0, 32)
            base = "s3" if walk and rng.random() < 0.4 else "s0"
            out.append("    store.%s %s, %d(%s)" % (w, r(), off, base))
        else:
            out.append("    b %s_%d" % (label, i))
            out.append("    %s.i64 %s, %s, %s" % (rng.choice(["add", "xor"]), r(), r(), r()))
            out.append("%s_%d:" % (label, i))
    return out


def program():
    global drift
    lines = [".text", "_start:", "    mov.i64 s0, sp", "    movi.i64 t0, 512", "    sub.i64 s0, s0, t0",
             "    mov.i64 s3, s0", "    movi.i64 s1, %d" % rng.randrange(1000, 2000)]
    for g in REGS:
        lines += edge(g)
    lines.append("loop:")
    drift = 0
    lines += body(rng.randrange(20, 50), "f", walk=True)
    if drift:
        lines.append("    addi.i64 s3, %d" % -drift)
        drift = 0
    # an inner loop without calls: one translation looping on itself,
    # which carries s0 and s3 checked from its entry
    lines += ["    movi.i64 s11, %d" % rng.randrange(2, 10), "inner:"]
    lines += body(rng.randrange(4, 12), "g", calls=False, walk=True)
    if drift:
        lines.append("    addi.i64 s3, %d" % -drift)
        drift = 0
    lines += ["    addi.i64 s11, -1", "    movi.i64 t0, 0", "    cmp.ne.i64 s11, t0", "    b inner"]
    lines += ["    addi.i64 s1, -1", "    movi.i64 t0, 0", "    cmp.ne.i64 s1, t0", "    b loop"]
    lines += ["    break 0"] + funcs + [".const", "main_ib:"] + consts
    lines += [".align 64", "    .quad 0"] * 2 + far
    return lines


if __name__ == "__main__":
    seed(int(sys.argv[1]))
    print("\n".join(program()))
