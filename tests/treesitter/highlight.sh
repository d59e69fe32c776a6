# highlight.sh - highlight assertions (tree-sitter-glyph/test/highlight/,
# in the tree-sitter test style) hold for the generated highlights.scm;
# the committed highlights.scm is the generated one; every query file
# compiles against the grammar.
. "$GLYPH_SRC/tests/common.sh"
Q=$GLYPH_BUILD/share/tree-sitter-glyph/queries
D=$GLYPH_BUILD/tests/treesitter/_tsdrive
if cmp -s "$Q/highlights.scm" "$GLYPH_SRC/tree-sitter-glyph/queries/highlights.scm"; then
    ok "committed highlights.scm matches lib/isa.def and lib/regs.c"
else
    not_ok "committed highlights.scm matches lib/isa.def and lib/regs.c" "run: ninja ts-queries"
fi
for q in "$GLYPH_SRC"/tree-sitter-glyph/queries/*.scm; do
    check "$(basename "$q") compiles" "$D" query "$q"
done
"$D" highlight "$Q/highlights.scm" "$GLYPH_SRC"/tree-sitter-glyph/test/highlight/*.s | grep -v '^1\.\.' > hl.tap
cat hl.tap
grep -q '^not ok' hl.tap && exit 1
finish
