# repo_assembles_same.sh - for every glyph assembly file of the repository
# (fmt/files.sh), glyph-as makes a byte-identical object from the file and
# from glyph-fmt's output, and formatting the output again changes nothing.
. "$GLYPH_SRC/tests/common.sh"
mkdir a b
(cd "$GLYPH_SRC" && sh fmt/files.sh) > files
while read -r f; do
    mkdir -p "a/$(dirname "$f")" "b/$(dirname "$f")"
    cp "$GLYPH_SRC/$f" "a/$f"
    # what it may .include beside it (examples/kernel/kernel.inc)
    for i in "$GLYPH_SRC/$(dirname "$f")"/*.inc; do
        [ -f "$i" ] && cp "$i" "a/$(dirname "$f")/" && cp "$i" "b/$(dirname "$f")/"
    done
    glyph-fmt "$GLYPH_SRC/$f" > "b/$f" || not_ok "glyph-fmt $f"
done < files
# the generated tables runtime/*.s include (build/gen/runtime/*.inc)
INC="-I $GLYPH_BUILD/gen/runtime"
while read -r f; do
    if ! (cd a && glyph-as $INC -o "$OLDPWD/a.o" "$f") 2>err; then
        not_ok "glyph-as $f" "$(cat err)"
        continue
    fi
    (cd b && glyph-as $INC -o "$OLDPWD/b.o" "$f") 2>err || { not_ok "glyph-as formatted $f" "$(cat err)"; continue; }
    check "$f: same object after formatting" cmp a.o b.o
    glyph-fmt "b/$f" > again
    check "$f: formatting is idempotent" cmp "b/$f" again
done < files
finish
