#!/usr/bin/env python3
"""runtime_inputs.py - deterministic inputs for the runtime benchmark
(tests/bench/runtime.sh) and for the C twins of the benchmark suite.

    runtime_inputs.py text  LINES [EMPTY_PERCENT]   lines of random words
    runtime_inputs.py ints  COUNT                   signed numbers, one per line

The output depends only on the arguments (fixed seed), so figures taken
before and after a change compare the same bytes.
"""
import random
import sys

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet "
         "kilo lima mike november oscar papa quebec romeo sierra tango "
         "uniform victor whiskey xray yankee zulu").split()


def text(lines, empty_percent):
    rng = random.Random(1)
    out = []
    for _ in range(lines):
        if rng.randrange(100) < empty_percent:
            out.append("")
            continue
        n = rng.randrange(1, 9)
        out.append(" ".join(rng.choice(WORDS) + str(rng.randrange(1000))
                            for _ in range(n)))
    sys.stdout.write("\n".join(out) + "\n")


def ints(count):
    rng = random.Random(2)
    sys.stdout.write("".join("%d\n" % rng.randrange(-10**9, 10**9)
                             for _ in range(count)))


def main(argv):
    if len(argv) >= 3 and argv[1] == "text":
        text(int(argv[2]), int(argv[3]) if len(argv) > 3 else 0)
    elif len(argv) == 3 and argv[1] == "ints":
        ints(int(argv[2]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
