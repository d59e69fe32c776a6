#!/bin/sh
# The committed build.ninja is what configure.py writes for the default
# configuration, so a checkout builds with plain `ninja` too; adding a
# source file means committing the regenerated build.ninja with it.
. "$GLYPH_SRC/tests/common.sh"

git -C "$GLYPH_SRC" rev-parse --verify -q HEAD:build.ninja >/dev/null ||
    skip_all "not a git checkout with a committed build.ninja"
git -C "$GLYPH_SRC" show HEAD:build.ninja > committed.ninja
# The default configuration: $CC would change the compiler it records.
(cd "$GLYPH_SRC" && env -u CC python3 configure.py --ninja-file "$TMPDIR/fresh.ninja" >/dev/null)
# The two differ only in the recorded command line (--ninja-file).
strip() { grep -v 'configure\.py' "$1" | grep -v '^build .*\.ninja: configure'; }
strip committed.ninja > a
strip fresh.ninja > b
if diff a b > d; then
    ok "committed build.ninja is up to date with configure.py and the source tree"
else
    not_ok "committed build.ninja is stale: run ./configure.py and commit build.ninja" "$(head -20 d)"
fi
finish
