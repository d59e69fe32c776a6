# golden.sh - encoding goldens: tests/as/golden/NAME.s assembles to exactly
# the sections, bytes, relocations and symbols in NAME.expect (printed by
# the _dumpobj helper, code disassembled through lib; `break 0` filler
# lines are left out).
. "$GLYPH_SRC/tests/common.sh"
DUMP="$GLYPH_BUILD/tests/as/_dumpobj"
for src in "$GLYPH_SRC"/tests/as/golden/*.s; do
    name=$(basename "$src" .s)
    run glyph-as -o "$name.o" "$src"
    if [ "$STATUS" != 0 ]; then
        not_ok "$name assembles" "$ERR"
        continue
    fi
    "$DUMP" -d "$name.o" | grep -v 'break 0$' > "$name.got"
    if diff -u "$GLYPH_SRC/tests/as/golden/$name.expect" "$name.got" > "$name.diff"; then
        ok "$name: bytes, relocations and symbols as expected"
    else
        not_ok "$name: output differs from $name.expect" "$(head -40 "$name.diff")"
    fi
done
finish
