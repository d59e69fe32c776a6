#!/bin/sh
# runtime.sh - what libgrt costs the example programs: guest instructions
# (glyph-run --stats), CPU seconds and write system calls to stdout
# (--strace) of sort, wc and qsort on fixed inputs from
# tests/bench/runtime_inputs.py.  Give an older build directory to compare.  A benchmark, not a test: run it on
# demand (it skips itself under tests/run.py); docs/runtime.md quotes it.
#
#   sh tests/bench/runtime.sh [BUILD-DIR]      (default: build)
if [ -n "${GLYPH_TEST:-}" ]; then
    echo "1..0 # SKIP benchmark: run on demand with sh tests/bench/runtime.sh BUILD-DIR"
    exit 77
fi
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd) || exit 1
EMU=$BUILD/bin/glyph-run
EX=$BUILD/examples
for p in sort wc qsort; do
    [ -x "$EX/$p" ] || { echo "build $EX/$p first" >&2; exit 1; }
done
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
GEN="python3 $SRC/tests/bench/runtime_inputs.py"
$GEN text 40000 >"$TMP/text"            # 1.6 MB, 40000 lines
$GEN text 100000 20 >"$TMP/empty20"     # 100000 lines, 20% empty
$GEN ints 3000 >"$TMP/ints"

bench() { # NAME STDIN PROGRAM ARGS...
    name=$1 in=$2
    shift 2
    stats=$("$EMU" --stats "$@" <"$in" 2>&1 >/dev/null | grep 'stats:')
    insns=$(echo "$stats" | sed 's/.*stats: \([0-9]*\) instructions.*/\1/')
    cpu=$(echo "$stats" | sed 's/.*flushes, \([0-9.]*\) s cpu.*/\1/')
    writes=$("$EMU" --strace "$@" <"$in" 2>&1 >/dev/null | grep -c '^write(1,')
    printf '%-30s %14s insns %8s s cpu %8s writes\n' "$name" "$insns" "$cpu" "$writes"
}

bench "sort 40000 lines (1.6 MB)" "$TMP/text" "$EX/sort"
bench "sort 100000 lines, 20% empty" "$TMP/empty20" "$EX/sort"
bench "wc 1.6 MB" "$TMP/text" "$EX/wc"
# shellcheck disable=SC2046
bench "qsort 3000 numbers" /dev/null "$EX/qsort" $(cat "$TMP/ints")
exit 0
