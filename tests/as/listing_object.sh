# listing_object.sh - a listing (-a) does not change the object.  With a
# listing every instruction keeps an item of its own; without one, final
# instructions and data are packed into runs of bytes (docs/asm.md, "Speed
# and memory"): both must lay out, relax and encode to the same bytes, for
# every .s of the repository and a large generated file with calls,
# constants, loops and branches.
. "$GLYPH_SRC/tests/common.sh"
python3 -c "
import sys
sys.path.insert(0, '$GLYPH_SRC/tests/bench')
import as_speed
as_speed.generate(20000, 'gen.s', 'gen.x86.s')
" || not_ok "generate a large input"
n=0
# (tests/bench/*.s are inputs of the _mkexe helper, not glyph-as; the
# runtime includes generated files, as in the build)
for src in gen.s $(find "$GLYPH_SRC/examples" "$GLYPH_SRC/runtime" "$GLYPH_SRC/tests" -name '*.s' -not -path '*/tests/bench/*' | sort); do
    n=$((n + 1))
    glyph-as -I "$GLYPH_BUILD/gen/runtime" -o plain$n.o "$src" > /dev/null 2> plain$n.err
    s1=$?
    glyph-as -I "$GLYPH_BUILD/gen/runtime" -a=listed$n.lst -o listed$n.o "$src" > /dev/null 2> listed$n.err
    s2=$?
    name=${src#"$GLYPH_SRC"/}
    if [ "$s1" != "$s2" ] || ! cmp -s plain$n.err listed$n.err; then
        not_ok "$name: other messages or status with a listing ($s1 without, $s2 with)" \
            "$(diff plain$n.err listed$n.err | head -10)"
    elif [ "$s1" != 0 ]; then
        ok "$name: the same errors with and without -a"
    elif cmp -s plain$n.o listed$n.o; then
        ok "$name: the same object with and without -a"
    else
        not_ok "$name: the object differs when a listing is made" "$(cmp plain$n.o listed$n.o)"
    fi
done
finish
