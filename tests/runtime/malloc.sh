# malloc.sh - runtime/malloc.s: the allocator seen through malloc, free,
# calloc, realloc and strdup.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/malloc.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "aligned 0
contents-kept 1
reused 1
coalesced 1
big-aligned 0
big-readwrite 180
realloc-kept 1
calloc-zero 0
strdup-equal 0
huge-null 0
huge-errno 12
free-null 1
many-ok 1" "$OUT"
finish
