# parse_repo.sh - every glyph assembly file of the repository (fmt/files.sh)
# parses without an ERROR or MISSING node.
. "$GLYPH_SRC/tests/common.sh"
cd "$GLYPH_SRC" && sh fmt/files.sh | xargs "$GLYPH_BUILD/tests/treesitter/_tsdrive" parse
