# hello.sh - examples/hello.s: a write and an exit system call.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example hello
run glyph-run "$EX"
expect_eq "exit status" 0 "$STATUS"
expect_eq "stdout" "hello, world" "$OUT"
expect_eq "stderr" "" "$ERR"
finish
