#!/bin/sh
# files.sh - list the repository's glyph assembly sources, one a line,
# relative to the source tree: what `ninja fmt` formats and what the
# tree-sitter and glyph-fmt tests parse and assemble.  Left out: the
# inputs of tests/run/_mkexe, which are not glyph assembly
# (tests/bench/loop.s and bytes.s, the "mkexe" rows of
# tests/bench/bench.py), the sources glyph-as must reject
# (tests/treesitter/malformed/), the fuzzers' regression inputs
# (fuzz/corpus/: mostly malformed on purpose) and the grammar's test
# fixtures (tree-sitter-glyph/test/: their assertions point at columns).
#
#   sh fmt/files.sh [SRCDIR]
cd "${1:-$(dirname "$0")/..}" || exit 1
{ git ls-files '*.s' 2>/dev/null || find . -name '*.s' | sed 's|^\./||'; } |
    grep -v -e '^tests/bench/loop\.s$' -e '^tests/bench/bytes\.s$' -e '^tests/treesitter/malformed/' -e '^fuzz/corpus/' -e '^tree-sitter-glyph/' | sort
