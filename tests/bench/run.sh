#!/bin/sh
# run.sh - the glyph-run benchmarks (tests/bench/README.md): glyph
# programs against C twins built natively and for riscv64 (qemu-riscv64),
# CPU seconds, ratios, geometric means, instruction counts.  A benchmark,
# not a test: run it on demand (it skips itself under tests/run.py).
#
#   sh tests/bench/run.sh [BUILD-DIR] [bench.py options]   (default: build)
if [ -n "${GLYPH_TEST:-}" ]; then
    echo "1..0 # SKIP benchmark: run on demand with sh tests/bench/run.sh BUILD-DIR"
    exit 77
fi
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$SRC/build
case ${1:-} in
    ''|-*) ;;
    *) BUILD=$1; shift ;;
esac
exec python3 "$SRC/tests/bench/bench.py" --build "$BUILD" "$@"
