#!/bin/sh
# files.sh - list the repository's glyph assembly sources, one a line,
# relative to the source tree: what `ninja fmt` formats and what the
# tree-sitter and glyph-fmt tests parse and assemble.  Left out: the input
# of tests/run/_mkexe (tests/bench/), the sources glyph-as must reject
# (tests/treesitter/malformed/), the fuzzers' regression inputs
# (fuzz/corpus/: mostly malformed on purpose) and the grammar's highlight
# fixtures (tree-sitter-glyph/test/).
#
#   sh fmt/files.sh [SRCDIR]
cd "${1:-$(dirname "$0")/..}" || exit 1
{ git ls-files '*.s' 2>/dev/null || find . -name '*.s' | sed 's|^\./||'; } |
    grep -v -e '^tests/bench/' -e '^tests/treesitter/malformed/' -e '^fuzz/corpus/' -e '^tree-sitter-glyph/' | sort
