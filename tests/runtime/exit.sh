# exit.sh - exit() from a nested call, abort() (SIGABRT: status 134 from
# the shell's point of view), return from main.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/exit.s"
run glyph-run ./prog exit
expect_eq "exit(42) status" 42 "$STATUS"
expect_eq "exit(42) output" "before exit" "$OUT"
run glyph-run ./prog abort
expect_eq "abort status" 134 "$STATUS"
expect_eq "abort output" "before abort" "$OUT"
run glyph-run ./prog return
expect_eq "return status" 3 "$STATUS"
finish
