# string.sh - runtime/string.s: every function called from glyph code.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/string.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "memchr-o 4
memchr-beyond-n 0
strnlen-short 12
strnlen-capped 5
strstr-world 7
strstr-missing 0
strstr-empty 0
strstr-partial 1
strlen 12
strlen-empty 0
strcmp-lt -1
strcmp-eq 0
strcmp-gt 1
strncmp-3 0
strncmp-4 -1
returns-dst 0
memcpy [hello, world]
memmove-up [ababcdefghijmnopqrstuvwxyz]
memmove-down [defghijklmnomnopqrstuvwxyz]
memset [xxxxxxxxxxxxxxxxxxxxx]
memcmp-eq 0
memcmp-lt -1
strchr-w 7
strchr-z 0
strchr-nul 12
strrchr-o 8
strcpy [hello]
strcat [hello-cat]
strncpy-pad 81" "$OUT"
finish
