# malformed.sh - sources glyph-as rejects (tests/treesitter/malformed/)
# are marked in the tree with an ERROR or MISSING node.  (That the rest of
# a file stays usable is the corpus's "error recovery" example.)
. "$GLYPH_SRC/tests/common.sh"
for f in "$GLYPH_SRC"/tests/treesitter/malformed/*.s; do
    run glyph-as -o x.o "$f"
    expect_eq "glyph-as rejects $(basename "$f")" 1 "$STATUS"
    check "the tree marks $(basename "$f") as an error" \
        "$GLYPH_BUILD/tests/treesitter/_tsdrive" errors "$f"
done
finish
