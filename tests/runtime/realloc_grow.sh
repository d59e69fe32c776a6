# realloc_grow.sh - realloc grows in place at the heap top and into a free
# next block, and otherwise geometrically (realloc_grow.s): appending
# 1 byte at a time costs O(1) amortised, visible as the number of moves
# and as an instruction bound (glyph-run --stats) that a copy per 16 bytes
# of growth would exceed many times over.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/realloc_grow.s"
run glyph-run --stats ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "300000 appends at the heap top never move" "top: 0 moves, contents ok" \
    "$(printf '%s\n' "$OUT" | sed -n 1p)"
two=$(printf '%s\n' "$OUT" | sed -n 2p)
moves=$(printf '%s\n' "$two" | sed -n 's/^blocked: \([0-9]*\) moves, contents ok$/\1/p')
if [ -n "$moves" ] && [ "$moves" -le 40 ]; then
    ok "100000 appends between other blocks: $moves moves (at most 40)"
else
    not_ok "100000 appends between other blocks move O(log n) times" "got: $two"
fi
expect_eq "growth into the free next block" "next free: in place, in place, ok" \
    "$(printf '%s\n' "$OUT" | sed -n 3p)"
insns=$(printf '%s\n' "$ERR" | sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p')
if [ -n "$insns" ] && [ "$insns" -le 60000000 ]; then
    ok "400000 appends in $insns instructions (at most 60 M)"
else
    not_ok "400000 appends within 60 M instructions" "got: $ERR"
fi
finish
