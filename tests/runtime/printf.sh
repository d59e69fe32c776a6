# printf.sh - runtime/printf.s: conversions, flags, width, precision,
# stack arguments (more than a1..a7), return values, snprintf truncation,
# dprintf to stderr, output longer than printf's 256-byte buffer.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/printf.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "stderr" "to stderr 5" "$ERR"
pad=$(printf '%300s' end)
expect_eq "stdout" "[0] [-42] [2147483647]
[-1]
[-9223372036854775808] [1234567890123]
[4294967295] [18446744073709551615]
[ff] [FF] [deadbeefcafe] [10]
[   42] [42   ] [-0042] [7    ]
[abc] [       abc] [abc       ] [abc]
[xyz] [%] [    q]
[0x1234]
[(null)]
[    42] [7   ] [00042]
1 2 3 4 5 6 7 8 9 10
hello
ret 6
[abcdef-] 11
[keep] 3
[0000beef] 8
[ffffffffffffffff]
[%q] [   ab] [-5] [7] [42] [k  ] [%]
${pad}|
ret 302
v: abc -5 Z
[v: ab] 12" "$OUT"
finish
