#!/bin/sh
# The fuzz regression corpus: every file of fuzz/corpus/TOOL/ (seeds and
# the reproducers of crashes found by fuzzing) through the fuzz target's
# own entry point (build/fuzz/replay-TOOL), in this build's configuration
# (the sanitizer build catches memory errors too).  Passing means no
# crash, no sanitizer report, exit status 0.
. "$GLYPH_SRC/tests/common.sh"
for t in as fmt ld objdump run; do
    r="$GLYPH_BUILD/fuzz/replay-$t"
    if [ ! -x "$r" ]; then
        not_ok "$t: $r is built"
        continue
    fi
    n=$(ls "$GLYPH_SRC/fuzz/corpus/$t" | wc -l)
    "$r" "$GLYPH_SRC/fuzz/corpus/$t" >/dev/null 2>"$t.err"
    st=$?
    if [ "$st" = 0 ] && ! grep -q 'Sanitizer\|runtime error' "$t.err"; then
        ok "$t: $n corpus files"
    else
        not_ok "$t: status $st" "$(grep -v '^replay: ' "$t.err" | tail -15)" "last: $(grep '^replay: ' "$t.err" | tail -1)"
    fi
done
finish
