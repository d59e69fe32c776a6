#!/bin/sh
# run.sh - glyph-run speed: runs loop-heavy glyph programs with --stats
# and prints guest instructions per second, by the wall clock and per
# second of CPU time (the second figure is the one to trust when other
# work shares the machine).  A benchmark, not a test: run it on demand
# (it skips itself under tests/run.py).
#
#   sh tests/bench/run.sh [BUILD-DIR]      (default: build)
if [ -n "${GLYPH_TEST:-}" ]; then
    echo "1..0 # SKIP benchmark: run on demand with sh tests/bench/run.sh BUILD-DIR"
    exit 77
fi
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd) || exit 1
EMU=$BUILD/bin/glyph-run
MKEXE=$BUILD/tests/run/_mkexe
[ -x "$EMU" ] && [ -x "$MKEXE" ] || { echo "build $EMU and $MKEXE first" >&2; exit 1; }
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

bench() { # NAME PROGRAM ARGS...
    name=$1
    shift
    stats=$("$EMU" --stats "$@" 2>&1 >/dev/null | grep 'stats:')
    insns=$(echo "$stats" | sed 's/.*stats: \([0-9]*\) instructions.*/\1/')
    secs=$(echo "$stats" | sed 's/.* instructions, \([0-9.]*\) s.*/\1/')
    mips=$(echo "$stats" | sed 's/.* s, \([0-9.]*\) MIPS, .*/\1/')
    cpu=$(echo "$stats" | sed 's/.*flushes, \([0-9.]*\) s cpu.*/\1/')
    cmips=$(echo "$stats" | sed 's/.* s cpu, \([0-9.]*\) MIPS per cpu second.*/\1/')
    printf '%-10s %12s insns %8s s %8s M insns/s   cpu %8s s %8s M insns/cpu-s\n' \
        "$name" "$insns" "$secs" "$mips" "$cpu" "$cmips"
}

for s in loop bytes; do
    "$MKEXE" -o "$TMP/$s" "$SRC/tests/bench/$s.s" || exit 1
    bench "$s" "$TMP/$s"
done
# the example programs, when the rest of the toolchain has built them
EX=$BUILD/examples
[ -x "$EX/fib" ] && bench fib "$EX/fib" 32
[ -x "$EX/sieve" ] && bench sieve "$EX/sieve" 5000000
if [ -x "$EX/sha256" ]; then
    head -c 4000000 /dev/zero > "$TMP/zeros"
    bench sha256 "$EX/sha256" "$TMP/zeros"
fi
exit 0
