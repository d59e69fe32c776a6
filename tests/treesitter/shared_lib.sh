# shared_lib.sh - the parser library `ninja install` installs is one an
# editor can load (dlopen, tree_sitter_glyph()), and the install rule
# covers it and every query file.
. "$GLYPH_SRC/tests/common.sh"
so=$GLYPH_BUILD/tree-sitter-glyph/libtree-sitter-glyph.so
printf 'f:  nop\n' > t.s
run "$GLYPH_BUILD/tests/treesitter/_tsdrive" dlopen "$so" t.s
expect_eq "the shared library parses" \
    "(source_file (label name: (identifier)) (instruction mnemonic: (mnemonic)))" "$OUT"
line=$(grep '^build install_ts: ' "$GLYPH_SRC/build.ninja")
for f in libtree-sitter-glyph.so highlights.scm locals.scm tags.scm folds.scm helix/highlights.scm; do
    case $line in
    *"/$f"*) ok "ninja install installs $f" ;;
    *) not_ok "ninja install installs $f" "$line" ;;
    esac
done
finish
