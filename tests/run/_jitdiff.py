#!/usr/bin/env python3
"""_jitdiff.py SEED - a random guest program (text for _mkexe) for the
JIT's differential test (jit_diff.sh): a loop whose body is random ALU
uops, carry and flag chains, division by edge values, shifts by counts
of 64 and more, loads and stores of every width into a stack sandbox,
forward branches, ibj there and back, and calls of leaf functions (jal,
returns through jtl, jala from one function into another), run many
times; it ends in `break 0` so that
--dump-regs shows every register."""

import random
import sys

rng = random.Random(int(sys.argv[1]))
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


# half the programs keep to the translator's subset (every block is
# translated); the others mix in uops the interpreter runs
HARD = rng.random() < 0.5


def r():
    return rng.choice(REGS)


# leaf functions called from the loop, each from one call site:
# jal (a chained direct edge), jtl returns (the jump cache), and half of
# them go on to a second function with jala first (an indirect jump)
funcs = []
consts = ["    .quad 0"]


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


def body(n, label, calls=True):
    out = []
    for i in range(n):
        k = rng.random()
        if calls and k < 0.05:
            out += call("%s_%d" % (label, i))
            continue
        if calls and k < 0.08:  # ib moves and back: blocks keyed by (pc, ib)
            out += ["    ibj 64"] + body(rng.randrange(1, 4), "%s_%di" % (label, i), calls=False)
            out += ["    ibj -64"]
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


lines = [".text", "_start:", "    mov.i64 s0, sp", "    movi.i64 t0, 512", "    sub.i64 s0, s0, t0",
         "    movi.i64 s1, %d" % rng.randrange(1000, 2000)]
for g in REGS:
    lines += edge(g)
lines.append("loop:")
lines += body(rng.randrange(20, 50), "f")
lines += ["    addi.i64 s1, -1", "    movi.i64 t0, 0", "    cmp.ne.i64 s1, t0", "    b loop"]
lines += ["    break 0"] + funcs + [".const"] + consts + [".align 64", "    .quad 0"] * 2
print("\n".join(lines))
