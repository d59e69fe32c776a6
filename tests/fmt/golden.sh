# golden.sh - glyph-fmt lays out golden/layout.in as golden/layout.expected
# (one example of each rule of docs/editors.md), both assemble to the same
# object, and the expected output is a fixed point.
. "$GLYPH_SRC/tests/common.sh"
G=$GLYPH_SRC/tests/fmt/golden
run glyph-fmt "$G/layout.in"
expect_eq "exit status" 0 "$STATUS"
printf '%s\n' "$OUT" > got
if cmp -s got "$G/layout.expected"; then ok "layout"; else
    not_ok "layout" "$(diff "$G/layout.expected" got)"; fi
run glyph-fmt "$G/layout.expected"
expect_eq "the expected layout is formatted" "$(cat "$G/layout.expected")" "$OUT"
glyph-as -o in.o - < "$G/layout.in" && glyph-as -o out.o - < "$G/layout.expected"
check "same object before and after" cmp in.o out.o
finish
