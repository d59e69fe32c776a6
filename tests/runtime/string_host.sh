# string_host.sh - libgrt's memcmp, strcmp, strncmp, strlen, memcpy,
# memmove, memset, memchr, strchr, strrchr, strnlen, strcpy, strncpy,
# strcat, strstr and bsearch against the host's on 5000 random cases:
# random offsets (every alignment of both operands), lengths 0..399,
# buffers with long equal stretches, NULs and bytes >= 0x80
# (tests/runtime/_string_ref.c writes the data and the reference,
# tests/runtime/string_host.s runs the cases).
. "$GLYPH_SRC/tests/runtime/_build.sh"
REF="$GLYPH_BUILD/tests/runtime/_string_ref"
[ -x "$REF" ] || skip_all "$REF is not built"
"$REF" asm >data.s
build_check prog "$TESTS/string_host.s" data.s
"$REF" >want.out
glyph-run ./prog >got.out
expect_eq "exit status" 0 "$?"
if cmp -s want.out got.out; then
    ok "$(wc -l <want.out) cases as the host computes them"
else
    not_ok "results differ from the host's (line = case number + 1)" \
        "$(diff want.out got.out | head -20)"
fi
finish
