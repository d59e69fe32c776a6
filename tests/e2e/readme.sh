# readme.sh - examples/README.md says what the tools do: its first command
# ends by running hello, and every disassembly line it quotes is one that
# glyph-objdump -d prints for build/obj/examples/fib.o.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example hello
README="$GLYPH_SRC/examples/README.md"
first=$(grep -m1 '^    ' "$README" | sed 's/^ *//')
expect_eq "first command" \
    "python3 configure.py && ninja && build/bin/glyph-run build/examples/hello" "$first"
# its last step, in this build tree
run glyph-run "$EX"
expect_eq "the first command's program says hello" "hello, world" "$OUT"
OBJ="$GLYPH_BUILD/obj/examples/fib.o"
[ -f "$OBJ" ] || { not_ok "fib.o is built" "missing $OBJ"; finish; }
glyph-objdump -d "$OBJ" >fib.dis
# quoted lines: "  18:<TAB>bytes<TAB>text" (indented 4 more in the README)
grep -E '^     *[0-9a-f]+:	' "$README" | sed 's/^    //' >quoted.txt
n=$(wc -l <quoted.txt)
[ "$n" -ge 5 ] && ok "README quotes $n disassembly lines" || not_ok "README quotes disassembly lines" "found $n"
missing=$(grep -vxF -f fib.dis quoted.txt)
expect_eq "each quoted line is in glyph-objdump -d fib.o" "" "$missing"
grep -qxF '0000000000000000 <fib>:' fib.dis && grep -qF '    0000000000000000 <fib>:' "$README"
check "the symbol line too" test $? -eq 0
finish
