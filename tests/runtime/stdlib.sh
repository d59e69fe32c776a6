# stdlib.sh - runtime/stdlib.s and ctype.s: number parsing, getenv (from
# the envp crt0 saved), abs/labs, rand, ctype.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/stdlib.s"
run env GRT_TEST_VAR=value=with=equals GRT_TEST_VARIABLE=no glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "atoi -123
atoi-wrap -2147483648
atol 9000000000
strtol-0x 31 end=4
strtol-octal 493 end=4
strtol-plus 42 end=5
strtol-36 1295 end=2
strtol-none 0 end=0
strtol-0x-only 0 end=1
strtol-neg-hex -16 end=5
strtol-bin 10 end=4
strtoul-hex ffffffffffffffff
getenv [value=with=equals]
getenv-prefix [(null)]
getenv-missing [(null)]
abs 5
labs 7000000000
rand 908834774
ctype 7
toupper 71
tolower 103" "$OUT"
finish
