#!/bin/sh
# as_same.sh - glyph-as output unchanged: assembles every .s of the
# repository (and any FILE.s given) with a reference glyph-as (say, one
# built from an earlier commit) and with BUILD's, and compares exit
# status, messages, the object byte for byte and the -a listing.  Run it
# around changes to the assembler's internals, e.g. speed work:
#
#   git worktree add /tmp/ref HEAD && (cd /tmp/ref && python3 configure.py && ninja build/bin/glyph-as)
#   sh tests/bench/as_same.sh /tmp/ref/build/bin/glyph-as [BUILD-DIR] [FILE.s ...]
#
# Not a test (it needs a second assembler): it skips itself under tests/run.py.
if [ -n "${GLYPH_TEST:-}" ]; then
    echo "1..0 # SKIP needs a reference glyph-as: sh tests/bench/as_same.sh REF-AS BUILD-DIR"
    exit 77
fi
[ $# -ge 1 ] || { echo "usage: $0 REF-GLYPH-AS [BUILD-DIR] [FILE.s ...]" >&2; exit 2; }
REF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
HERE=$(pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$SRC/build
if [ $# -ge 1 ] && [ -d "$1" ]; then
    BUILD=$(cd "$1" && pwd)
    shift
fi
NEW=$BUILD/bin/glyph-as
[ -x "$REF" ] && [ -x "$NEW" ] || { echo "need $REF and $NEW" >&2; exit 2; }
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
same=0
diff=0
check() { # FILE
    # without and with a listing: a listing changes how the object is built
    for v in ref new; do
        [ $v = ref ] && as=$REF || as=$NEW
        "$as" -I "$BUILD/gen/runtime" -o "$TMP/$v.o" "$1" > "$TMP/$v.out" 2> "$TMP/$v.err"
        echo "exit $?" >> "$TMP/$v.err"
        "$as" -I "$BUILD/gen/runtime" -o "$TMP/$v.lo" -a="$TMP/$v.lst" "$1" > "$TMP/$v.lout" 2> "$TMP/$v.lerr"
        echo "exit $?" >> "$TMP/$v.lerr"
    done
    for k in o out err lo lst lout lerr; do
        [ -e "$TMP/ref.$k" ] || [ -e "$TMP/new.$k" ] || continue
        if ! cmp -s "$TMP/ref.$k" "$TMP/new.$k"; then
            echo "DIFFERS ($k): $1"
            diff=$((diff + 1))
            rm -f "$TMP"/ref.* "$TMP"/new.*
            return
        fi
    done
    same=$((same + 1))
    rm -f "$TMP"/ref.* "$TMP"/new.*
}
# fuzz/corpus/as holds inputs that make older assemblers run for hours
for f in $(cd "$SRC" && git ls-files '*.s' ':!fuzz/'); do
    cd "$(dirname "$SRC/$f")" && check "$SRC/$f"
done
cd "$HERE" || exit 1
for f in "$@"; do
    check "$f"
done
echo "$same same, $diff different"
[ "$diff" = 0 ]
