# colors-allowed.sh - examples/colors-allowed: the code of examples/colors
# linked with a policy that allows color 0 to read color 3.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example colors-allowed
run glyph-run "$EX"
expect_eq "allowed: exit status" 0 "$STATUS"
expect_eq "allowed: output" "reading the secret...
secret: the owl flies at midnight" "$OUT"
expect_eq "allowed: stderr" "" "$ERR"
finish
