#!/bin/sh
# tests/run.py's verdicts: a test passes only with a plan, as many
# results as planned, and exit 0; an empty or unplanned output fails
# even with exit 0, and a skip must say why.  Each case is a small
# script run through the real runner in a scratch source tree.  Last,
# GLYPH_REGEN: the objdump golden test (on a scratch copy of its files)
# rewrites them and fails.
. "$GLYPH_SRC/tests/common.sh"

mkdir -p src/tests/t
cp "$GLYPH_SRC/tests/run.py" "$GLYPH_SRC/tests/common.sh" src/tests/

# case NAME WANT SCRIPT: WANT is pass, fail or skip
case_() {
    name=$1 want=$2 body=$3
    rm -f src/tests/t/*.sh
    printf '%s\n' "$body" > src/tests/t/x.sh
    python3 src/tests/run.py --build "$TMPDIR/nobuild" > "$name.log" 2>&1
    st=$?
    verdict=$(sed -n 's/^\(PASS\|FAIL\|SKIP\) t\/x .*/\1/p' "$name.log")
    case $want in
    pass) w=PASS ws=0 ;;
    fail) w=FAIL ws=1 ;;
    skip) w=SKIP ws=0 ;;
    esac
    if [ "$verdict" = "$w" ] && [ $st = $ws ]; then
        ok "$name: $want"
        return
    fi
    not_ok "$name: want $want" "runner exit $st, verdict $verdict" "$(head -20 "$name.log")"
}

case_ plan-last   pass 'echo "ok 1 - a"; echo "ok 2 - b"; echo "1..2"'
case_ plan-first  pass 'echo "1..1"; echo "ok 1 - a"'
case_ no-plan     fail 'echo "ok 1 - a"; exit 0'
case_ fewer       fail 'echo "1..3"; echo "ok 1 - a"; echo "ok 2 - b"; exit 0'
case_ more        fail 'echo "ok 1 - a"; echo "ok 2 - b"; echo "1..1"'
case_ two-plans   fail 'echo "1..1"; echo "ok 1 - a"; echo "1..1"'
case_ no-output   fail 'exit 0'
case_ no-results  fail 'echo "1..0"'
case_ not-ok      fail 'echo "not ok 1 - a"; echo "1..1"; exit 0'
case_ exit-status fail 'echo "ok 1 - a"; echo "1..1"; exit 3'
case_ skip-all    skip 'echo "1..0 # SKIP no widget here"; exit 77'
case_ skip-silent fail 'exit 77'
case_ common-sh   pass '. "$GLYPH_SRC/tests/common.sh"; ok one; ok two; finish'
case_ subshell    fail '. "$GLYPH_SRC/tests/common.sh"; ok one; echo x | while read l; do ok lost; done; finish'

mkdir -p regen/tests/objdump
cp "$GLYPH_SRC/tests/common.sh" regen/tests/
cp -r "$GLYPH_SRC/tests/objdump/golden" "$GLYPH_SRC/tests/objdump/_golden.sh" \
    "$GLYPH_SRC/tests/objdump/golden.sh" regen/tests/objdump/
rm regen/tests/objdump/golden/rel-h.txt
echo stale > regen/tests/objdump/golden/rel-f.txt
(cd "$TMPDIR" && mkdir -p rg && cd rg &&
    GLYPH_SRC="$TMPDIR/regen" GLYPH_REGEN=1 sh "$TMPDIR/regen/tests/objdump/golden.sh") > regen.log 2>&1
st=$?
if [ $st != 0 ] && ! grep -q '^ok ' regen.log && grep -q '^not ok .*regenerated' regen.log; then
    ok "GLYPH_REGEN=1: every golden case fails"
else
    not_ok "GLYPH_REGEN=1: every golden case fails" "exit $st" "$(head -5 regen.log)"
fi
if cmp -s regen/tests/objdump/golden/rel-f.txt "$GLYPH_SRC/tests/objdump/golden/rel-f.txt" &&
    cmp -s regen/tests/objdump/golden/rel-h.txt "$GLYPH_SRC/tests/objdump/golden/rel-h.txt"; then
    ok "GLYPH_REGEN=1 rewrites stale and missing golden files"
else
    not_ok "GLYPH_REGEN=1 rewrites stale and missing golden files"
fi
finish
