# fuzz.sh - random byte changes (and truncations) of the test object,
# the executable and an archive of both: glyph-objdump must answer with
# status 0 or 1, never crash, hang or trip the sanitizers (build with
# --sanitize to get them), and still show the intact file named after
# the damaged one.  Deterministic: _mkelf flip SEED derives the changes.
. "$GLYPH_SRC/tests/common.sh"
MK="$GLYPH_BUILD/tests/objdump/_mkelf"
[ -x "$MK" ] || skip_all "$MK not built"
"$MK" rel rel.o && "$MK" exec prog || { not_ok "_mkelf made the inputs"; finish; }
command -v timeout >/dev/null && TO="timeout 60" || TO=""
export ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=98
inputs="rel.o prog"
command -v ar >/dev/null && ar rc lib.a rel.o prog && inputs="$inputs lib.a"
for f in $inputs; do
    bad="" errors=0
    for seed in $(seq 1 300); do
        "$MK" flip "$seed" $((seed % 6 + 1)) "$f" fz
        # the intact original after the damaged copy must still be shown
        $TO glyph-objdump -x -dr -s fz "$f" >fz.out 2>fz.err
        st=$?
        [ "$st" = 1 ] && errors=$((errors + 1))
        if [ "$st" -gt 1 ] || grep -q -e 'runtime error' -e 'Sanitizer' fz.err; then
            bad="$bad $seed:$st"
        elif [ "$st" = 1 ] && ! grep -q '^glyph-objdump: fz[:(]' fz.err; then
            bad="$bad $seed:nomsg"
        elif ! grep -q -e "^$f:     file format" -e "^In archive $f:" fz.out; then
            bad="$bad $seed:next-file-lost"
        fi
    done
    expect_eq "$f: 300 damaged copies, no crash, every error explained" "" "$bad"
    # the damage must actually be detected sometimes, or the test is void
    expect_eq "$f: some damaged copies are rejected" 1 "$([ "$errors" -gt 30 ] && echo 1)"
done
finish
