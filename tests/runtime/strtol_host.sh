# strtol_host.sh - libgrt's strtol, strtoul, atoi and atol against the
# host's: 57 strings (white space, signs, 0x/0 prefixes, letters, overflow
# just past LONG_MAX, LONG_MIN and ULONG_MAX, long digit runs) in bases 0,
# 2, 8, 10, 16, 36 and the invalid 1, 37, -1; the value, *endptr and errno.
# tests/runtime/_strtol_ref.c writes the glyph program and the reference.
. "$GLYPH_SRC/tests/runtime/_build.sh"
REF="$GLYPH_BUILD/tests/runtime/_strtol_ref"
[ -x "$REF" ] || skip_all "$REF is not built"
"$REF" asm >cases.s
build_check prog cases.s
"$REF" >want.out
glyph-run ./prog >got.out
expect_eq "exit status" 0 "$?"
if cmp -s want.out got.out; then
    ok "$(wc -l <want.out) results as the host's"
else
    not_ok "results differ from the host's (L/U base# string# value end errno)" \
        "$(diff want.out got.out | head -20)"
fi
finish
