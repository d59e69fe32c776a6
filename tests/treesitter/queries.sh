# queries.sh - tags.scm, locals.scm and folds.scm capture what
# tree-sitter-glyph/test/queries/navigation.expected lists for
# navigation.s: functions, global symbols, labels (not .L), macros and
# calls; label and macro-parameter definitions, references and scopes;
# the foldable blocks.
. "$GLYPH_SRC/tests/common.sh"
T=$GLYPH_SRC/tree-sitter-glyph
for q in tags locals folds; do
    echo "== $q"
    "$GLYPH_BUILD/tests/treesitter/_tsdrive" captures "$T/queries/$q.scm" "$T/test/queries/navigation.s"
done > got
if cmp -s got "$T/test/queries/navigation.expected"; then
    ok "tags, locals and folds captures"
else
    not_ok "tags, locals and folds captures" "$(diff "$T/test/queries/navigation.expected" got)"
fi
finish
