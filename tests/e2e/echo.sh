# echo.sh - examples/echo.s: arguments joined by spaces; -n.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example echo
run glyph-run "$EX" a "b  c" d
expect_eq "exit status" 0 "$STATUS"
expect_eq "stdout" "a b  c d" "$OUT"
glyph-run "$EX" -n no newline >out.txt
printf 'no newline' >want.txt
check "-n leaves the newline out" cmp out.txt want.txt
glyph-run "$EX" >out.txt
printf '\n' >want.txt
check "no arguments: an empty line" cmp out.txt want.txt
finish
