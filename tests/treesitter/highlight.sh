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
# the driver's own TAP stream, renumbered into this test's
"$D" highlight "$Q/highlights.scm" "$GLYPH_SRC"/tree-sitter-glyph/test/highlight/*.s > hl.tap
while IFS= read -r line; do
    case $line in
    "ok "*) ok "${line#ok * - }" ;;
    "not ok "*) not_ok "${line#not ok * - }" ;;
    "#"*) printf '%s\n' "$line" ;;
    esac
done < hl.tap
grep -q '^ok' hl.tap || not_ok "the highlight driver printed results"
finish
