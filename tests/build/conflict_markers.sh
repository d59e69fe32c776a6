#!/bin/sh
# No tracked file holds a merge's conflict markers (a line that starts
# with seven <, = or > and, for < and >, a space): a merge resolved
# carelessly must not land.
. "$GLYPH_SRC/tests/common.sh"

git -C "$GLYPH_SRC" rev-parse --verify -q HEAD >/dev/null ||
    skip_all "not a git checkout"
# the work tree as checked in or edited, not only HEAD
git -C "$GLYPH_SRC" grep -n -I -E '^(<{7} |={7}$|>{7} )' -- . > hits
if [ -s hits ]; then
    not_ok "no conflict markers in tracked files" "$(head -10 hits)"
else
    ok "no conflict markers in tracked files"
fi
finish
