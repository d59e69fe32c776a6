# corpus.sh - the grammar's corpus (tree-sitter-glyph/test/corpus): each
# example parses to its S-expression, with the committed parser and
# Debian's libtree-sitter.
. "$GLYPH_SRC/tests/common.sh"
"$GLYPH_BUILD/tests/treesitter/_tsdrive" corpus "$GLYPH_SRC"/tree-sitter-glyph/test/corpus/*.txt
