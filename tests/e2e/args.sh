# args.sh - examples/args.s: argc, argv[], getenv through crt0's envp.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example args
run env GLYPH_GREETING=salut glyph-run "$EX" first "second arg"
expect_eq "exit status" 0 "$STATUS"
expect_eq "stdout" "argc = 3
argv[0] = \"$EX\"
argv[1] = \"first\"
argv[2] = \"second arg\"
GLYPH_GREETING = salut" "$OUT"
run env -u GLYPH_GREETING glyph-run "$EX"
expect_eq "unset variable" "argc = 1
argv[0] = \"$EX\"
GLYPH_GREETING is not set" "$OUT"
finish
