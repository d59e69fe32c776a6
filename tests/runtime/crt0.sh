# crt0.sh - runtime/crt0.s: main's arguments and stack, exit status.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/crt0.s"
run glyph-run ./prog one "two words" ""
expect_eq "exit status is main's result" 7 "$STATUS"
expect_eq "output" "sp-aligned 1
argc 4
argv[0] ./prog
argv[1] one
argv[2] two words
argv[3] 
argv-null-terminated 1
envp-after-argv 1
environ-is-envp 1" "$OUT"
finish
