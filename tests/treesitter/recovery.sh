# recovery.sh - one broken line leaves the rest of a file usable: for a
# sample of the repository's assembly (every fourth file of fmt/files.sh),
# a bad line inserted in the middle (a broken operand, an unterminated
# string, stray punctuation, a stray or unclosed block, a directive
# without its name) changes no highlight capture of the lines after it.
. "$GLYPH_SRC/tests/common.sh"
D=$GLYPH_BUILD/tests/treesitter/_tsdrive
Q=$GLYPH_BUILD/share/tree-sitter-glyph/queries/highlights.scm
cd "$GLYPH_SRC" || exit 1
for f in $(sh fmt/files.sh | awk 'NR % 4 == 1'); do
    m=$(($(wc -l < "$f") / 2 + 1))
    # captures print as ROW:COL, rows from 1
    "$D" captures "$Q" "$f" | awk -F: -v m=$m '$1 >= m' > "$TMPDIR/orig"
    bad=
    for g in '    add.i64 a0, (' '    .byte "abc' '  ) ) 1b:: ' '    .endm' \
             '    .if 1' '    .macro' '    .rept 3' 'x: y'; do
        awk -v m=$m -v g="$g" 'NR == m { print g } { print }' "$f" > "$TMPDIR/t.s"
        "$D" captures "$Q" "$TMPDIR/t.s" |
            awk -F: -v m=$m '$1 > m { printf "%d:%s\n", $1 - 1, substr($0, index($0, ":") + 1) }' \
            > "$TMPDIR/broken"
        cmp -s "$TMPDIR/orig" "$TMPDIR/broken" || bad="$bad [$g]"
    done
    expect_eq "$f: the lines after a broken one highlight as before" "" "$bad"
done
finish
