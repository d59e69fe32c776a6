# regenerate.sh - with the tree-sitter CLI present (PATH or ~/.cargo/bin),
# `tree-sitter generate --abi 14` reproduces the committed src/ exactly,
# and `tree-sitter test` passes the corpus.  Without the CLI: skipped
# (docs/build.md says how to install it).
. "$GLYPH_SRC/tests/common.sh"
TS=$(command -v tree-sitter || true)
[ -n "$TS" ] || { [ -x "${HOME:-/nonexistent}/.cargo/bin/tree-sitter" ] && TS=$HOME/.cargo/bin/tree-sitter; }
[ -n "$TS" ] || skip_all "no tree-sitter CLI (cargo install tree-sitter-cli --locked)"
# node runs grammar.js when present; otherwise the CLI's own QuickJS
# (both give the same output)
js=; command -v node >/dev/null || js="--js-runtime native"
cp -r "$GLYPH_SRC/tree-sitter-glyph" g
# only the generated files: src/scanner.c is written by hand
rm -rf g/src/parser.c g/src/grammar.json g/src/node-types.json g/src/tree_sitter
if (cd g && "$TS" generate --abi 14 $js >"$TMPDIR/gen.log" 2>&1); then
    ok "tree-sitter generate --abi 14"
    for f in parser.c node-types.json grammar.json tree_sitter/parser.h; do
        if cmp -s "g/src/$f" "$GLYPH_SRC/tree-sitter-glyph/src/$f"; then
            ok "committed src/$f is current"
        else
            not_ok "committed src/$f is current" "with $("$TS" --version) (docs/build.md names the version that reproduces src/)" "regenerate: cd tree-sitter-glyph && tree-sitter generate --abi 14"
        fi
    done
else
    not_ok "tree-sitter generate --abi 14" "$(tail -20 "$TMPDIR/gen.log")"
fi
if (cd g && XDG_CACHE_HOME="$TMPDIR/cache" "$TS" test >"$TMPDIR/test.log" 2>&1); then
    ok "tree-sitter test (corpus and highlight assertions)"
else
    not_ok "tree-sitter test (corpus and highlight assertions)" "$(tail -20 "$TMPDIR/test.log")"
fi
finish
